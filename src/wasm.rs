//! The WebAssembly API. It converts JavaScript values to the engine's types and
//! back, and delegates: no rule lives here.
//!
//! Every function returns a plain object (JSON-compatible: `null`, never
//! `undefined`) or throws an `Error` with `code`, `field` and `message`, the same
//! as the CLI's error JSON. Nothing here panics on any input: a panic in
//! WebAssembly would kill the module for the whole page.
//!
//! Values cross as JSON trees: a JS value is copied into a `serde_json::Value`
//! ([`tree`]); a result is written as JSON text by the engine and handed to the
//! browser's `JSON.parse`. The module carries neither a JSON parser nor serde's
//! serializer: both cost bytes that the browser already has.

use std::cell::RefCell;

use chrono::NaiveDate;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::Engine;
use crate::pack::{Pack, PackError};
use crate::request::{self, ErrorCode, RequestError};
use crate::vocab::Lang;

// A free-list allocator of a few hundred bytes instead of dlmalloc's several
// kilobytes: a check allocates little, and wasm here is single-threaded.
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: the wasm32-unknown-unknown build has no threads.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

thread_local! {
    /// The built-in packs plus those loaded with `loadPolicy`, made on first use.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

fn with_engine<R>(f: impl FnOnce(&mut Engine) -> Result<R, JsValue>) -> Result<R, JsValue> {
    ENGINE.with(|cell| {
        let mut slot = cell
            .try_borrow_mut()
            .map_err(|_| js_error("busy", "", "canbao is busy with another call"))?;
        if slot.is_none() {
            *slot = Some(Engine::builtin_with(parse_json).map_err(|e| pack_error(&e))?);
        }
        match slot.as_mut() {
            Some(engine) => f(engine),
            None => Err(js_error("internal", "", "the engine could not start")),
        }
    })
}

fn js_error(code: &str, field: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting properties on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &code.into());
    let _ = js_sys::Reflect::set(&err, &"field".into(), &field.into());
    err.into()
}

fn request_error(e: &RequestError) -> JsValue {
    js_error(e.code.as_str(), &e.field, &e.message())
}

fn pack_error(e: &PackError) -> JsValue {
    let err = js_error("invalid_pack", &e.key, &e.to_string());
    let _ = js_sys::Reflect::set(&err, &"file".into(), &e.file.as_str().into());
    err
}

/// JSON text written by the engine, as a JS object.
fn to_js(json: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(json).map_err(|_| js_error("internal", "", "the engine wrote malformed JSON"))
}

/// JSON text parsed by the browser, as a tree.
fn parse_json(text: &str) -> Result<Value, String> {
    let js = js_sys::JSON::parse(text).map_err(|_| "not valid JSON".to_owned())?;
    tree(&js, "", 0).map_err(|u| format!("{}: {}", u.path, u.code.as_str()))
}

/// Today in China (UTC+8) from the device clock, or the `today` the caller passes
/// (a kiosk whose clock is wrong, or a test).
fn today(given: Option<String>) -> Result<NaiveDate, JsValue> {
    if let Some(s) = given {
        return crate::date::parse(&s)
            .ok_or_else(|| js_error("invalid_date", "today", "today must be written YYYY-MM-DD"));
    }
    let ms = js_sys::Date::now();
    let secs = if ms.is_finite() && ms > 0.0 {
        (ms / 1000.0) as u64
    } else {
        0
    };
    Ok(crate::date::china_date(secs))
}

/// The TypeScript types of the contract, written into the generated `.d.ts`
/// (tests/wasm/types-check.ts is type-checked against them with `tsc`).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type Lang = "zh-CN" | "zh-TW" | "en";
export type SchemeId = "employee" | "large_expense_supplement" | "retiree_inpatient_pool" | "urban_resident"
  | "rural_cooperative" | "urban_rural_resident" | "medical_assistance";
export type Status = "mandatory" | "eligible" | "ineligible" | "needs_info";
export type Employment = "employee" | "public_employee" | "flexible" | "farmer" | "student" | "none" | "retired";
/** A date written YYYY-MM-DD. */
export type DateString = string;
/** An amount in yuan with two decimals, like "140.00". */
export type Amount = string;

export interface Person {
  birthDate?: DateString;
  /** Age on the policy's reference day, instead of a birth date. */
  age?: number;
  sex?: "male" | "female";
  hukou?: { type?: "urban" | "rural"; local?: boolean; movedInOn?: DateString; movedAfterRetirement?: boolean };
  employment?: Employment;
  school?: { level?: "preschool" | "primary" | "secondary" | "higher"; fullTime?: boolean; local?: boolean };
  retirement?: {
    pensionFrom?: "local" | "elsewhere";
    enterprise?: {
      ownership?: "state" | "collective" | "private" | "other";
      condition?: "normal" | "struggling" | "closed" | "bankrupt" | "restructured";
    };
  };
  lowIncome?: "none" | "low_income_family" | "dibao";
  disabilityGrade?: 1 | 2 | 3 | 4;
  landExpropriated?: boolean;
  childrenHaveLocalUrbanHukou?: boolean;
  monthlyWage?: Amount;
  enrolled?: "none" | SchemeId;
}

export interface Request { region?: string; year?: number; lang?: Lang; person: Person }

export interface Reason { code: string; message: string; source: string | null }

export interface Fee {
  period: "year" | "month";
  total: Amount | null;
  individual: Amount | null;
  employer: Amount | null;
  government: Amount | null;
  reasons: Reason[];
}

export interface SchemeResult {
  scheme: SchemeId;
  name: string;
  status: Status;
  fee: Fee | null;
  deadline: DateString | null;
  reasons: Reason[];
  enrol: { where: string[]; documents: string[] } | null;
  benefits: Reason[];
}

export interface Response {
  region: string;
  year: number;
  lang: Lang;
  referenceDate: DateString;
  age: number | null;
  schemes: SchemeResult[];
  /** Request fields (paths like "person.sex") whose answer would change the result. */
  missing: string[];
  warnings: Reason[];
}

export type ErrorCode = "invalid_json" | "too_large" | "invalid_type" | "unknown_field" | "missing_field"
  | "invalid_date" | "invalid_value" | "invalid_amount" | "out_of_range" | "unknown_region"
  | "year_out_of_range" | "birth_after_year" | "age_conflict" | "moved_before_birth"
  | "invalid_pack" | "busy" | "internal";

/** What every function throws: an Error with the field at fault. */
export interface CanbaoError extends Error { code: ErrorCode; field: string; message: string; file?: string }

export interface HouseholdRequest { region?: string; year?: number; lang?: Lang; members: Person[] }

export interface HouseholdTotal {
  period: "year" | "month";
  total: Amount | null;
  individual: Amount | null;
  employer: Amount | null;
  government: Amount | null;
}

export interface HouseholdRule extends Reason {
  scheme: SchemeId;
  members: number[];
  others: number[];
  split: boolean;
}

export interface HouseholdResponse {
  members: Response[];
  chosen: (SchemeId | null)[];
  totals: HouseholdTotal[];
  rules: HouseholdRule[];
}

export interface Source { id: string; number: string | null; title: string; issued: DateString | null; file: string | null }

export interface Region {
  id: string;
  name: string;
  default: boolean;
  builtin: boolean;
  firstYear: number;
  lastYear: number | null;
  schemes: SchemeId[];
  sources: Source[];
  /** FNV-1a 64 of the pack's JSON text. */
  hash: string;
}

export interface Version { version: string; packs: { id: string; hash: string; builtin: boolean }[] }

/** A policy pack, as in policies/*.toml and docs/policy-pack.schema.json. */
export interface PolicyPack { id: string; [key: string]: unknown }
"#;

/// How much a JavaScript value may hold: far above any real request or pack, low
/// enough that junk cannot exhaust memory or the stack.
const MAX_DEPTH: usize = 24;
const MAX_STRING: u32 = 16 * 1024;
const MAX_ITEMS: u32 = 10_000;

/// A value that is not JSON-shaped, and where.
struct Unfit {
    code: ErrorCode,
    path: String,
}

/// Copies a JavaScript value into a JSON tree, refusing what JSON cannot hold
/// (`NaN`, functions, `BigInt`) at its path. `undefined` object members are left
/// out, as `JSON.stringify` would.
fn tree(value: &JsValue, path: &str, depth: usize) -> Result<Value, Unfit> {
    let unfit = |code| Unfit {
        code,
        path: path.to_owned(),
    };
    if depth > MAX_DEPTH {
        return Err(unfit(ErrorCode::InvalidType));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        // Every number in a request or a pack is a whole number; a fraction,
        // NaN or infinity is refused here at its path.
        const SAFE: f64 = 9_007_199_254_740_991.0;
        return if n.fract() == 0.0 && n.abs() <= SAFE {
            Ok(Value::from(n as i64))
        } else {
            Err(unfit(ErrorCode::InvalidType))
        };
    }
    if let Some(s) = value.dyn_ref::<js_sys::JsString>() {
        if s.length() > MAX_STRING {
            return Err(unfit(ErrorCode::TooLarge));
        }
        return Ok(Value::String(String::from(s)));
    }
    if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        if array.length() > MAX_ITEMS {
            return Err(unfit(ErrorCode::TooLarge));
        }
        let mut items = Vec::with_capacity(array.length() as usize);
        for (i, item) in array.iter().enumerate() {
            items.push(tree(&item, &format!("{path}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    if value.is_object() && !value.is_function() {
        let keys = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>());
        if keys.length() > MAX_ITEMS {
            return Err(unfit(ErrorCode::TooLarge));
        }
        let mut map = Map::new();
        for key in keys.iter() {
            let name = key.as_string().unwrap_or_default();
            let child = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            let item = js_sys::Reflect::get(value, &key).map_err(|_| Unfit {
                code: ErrorCode::InvalidType,
                path: child.clone(),
            })?;
            if !item.is_undefined() {
                map.insert(name, tree(&item, &child, depth + 1)?);
            }
        }
        return Ok(Value::Object(map));
    }
    Err(unfit(ErrorCode::InvalidType))
}

/// A request's tree, or the error naming the field that JSON cannot hold.
fn request_tree(value: &JsValue) -> Result<Value, JsValue> {
    tree(value, "", 0).map_err(|u| {
        let lang = js_sys::Reflect::get(value, &"lang".into())
            .ok()
            .and_then(|l| l.as_string())
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default();
        request_error(&RequestError::new(u.code, u.path, lang))
    })
}

/// Checks one person: `check({ region, year, lang, person }, today?)`.
#[wasm_bindgen(unchecked_return_type = "Response")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue,
    #[wasm_bindgen(js_name = "today")] today_: Option<String>,
) -> Result<JsValue, JsValue> {
    let day = today(today_)?;
    let req = request::from_tree(&request_tree(&request)?).map_err(|e| request_error(&e))?;
    with_engine(|engine| {
        engine
            .check(&req, day)
            .map_err(|e| request_error(&e))
            .and_then(|r| to_js(&r.to_json(false)))
    })
}

/// Checks a household: `checkHousehold({ region, year, lang, members: [person, …] }, today?)`.
#[wasm_bindgen(js_name = checkHousehold, unchecked_return_type = "HouseholdResponse")]
pub fn check_household(
    #[wasm_bindgen(unchecked_param_type = "HouseholdRequest")] request: JsValue,
    #[wasm_bindgen(js_name = "today")] today_: Option<String>,
) -> Result<JsValue, JsValue> {
    let day = today(today_)?;
    let req = request::household_from_tree(&request_tree(&request)?).map_err(|e| request_error(&e))?;
    with_engine(|engine| {
        engine
            .check_household(&req, day)
            .map_err(|e| request_error(&e))
            .and_then(|r| to_js(&r.to_json(false)))
    })
}

/// The packs, with their years and sources: `regions(lang?)`.
#[wasm_bindgen(unchecked_return_type = "Region[]")]
pub fn regions(#[wasm_bindgen(unchecked_param_type = "Lang")] lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    with_engine(|engine| to_js(&crate::engine::regions_json(&engine.regions(lang), false)))
}

/// Validates a pack written by a portal operator and makes it available by its id.
/// Returns the pack as `regions()` lists it; throws `invalid_pack` naming the key.
#[wasm_bindgen(js_name = loadPolicy, unchecked_return_type = "Region")]
pub fn load_policy(#[wasm_bindgen(unchecked_param_type = "PolicyPack")] pack: JsValue) -> Result<JsValue, JsValue> {
    const FILE: &str = "loadPolicy";
    let value = tree(&pack, "", 0).map_err(|u| {
        let message = format!("not a JSON value ({})", u.code.as_str());
        pack_error(&PackError {
            file: FILE.into(),
            key: u.path,
            message,
        })
    })?;
    // The hash is of the pack as JSON text, as a kiosk would store it.
    let content = js_sys::JSON::stringify(&pack)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    with_engine(|engine| {
        let parsed = Pack::from_value(&value, FILE, engine.national_sources()).map_err(|e| pack_error(&e))?;
        let id = parsed.id.clone();
        engine
            .load(parsed, FILE, content.as_bytes())
            .map_err(|e| pack_error(&e))?;
        let info: Vec<_> = engine
            .regions(Lang::default())
            .into_iter()
            .filter(|r| r.id == id)
            .collect();
        let mut w = crate::json::Writer::new(false);
        match info.first() {
            Some(r) => r.write(&mut w),
            None => w.raw(None, "null"),
        }
        to_js(&w.finish())
    })
}

/// The crate version and a hash of each pack, so a kiosk can show which rules it runs.
#[wasm_bindgen(unchecked_return_type = "Version")]
pub fn version() -> Result<JsValue, JsValue> {
    with_engine(|engine| {
        let mut w = crate::json::Writer::new(false);
        w.object(None, |w| {
            w.str(Some("version"), env!("CARGO_PKG_VERSION"));
            w.array(Some("packs"), engine.packs(), |w, p| {
                w.object(None, |w| {
                    w.str(Some("id"), &p.pack.id);
                    w.str(Some("hash"), &p.hash);
                    w.bool(Some("builtin"), p.builtin);
                })
            });
        });
        to_js(&w.finish())
    })
}
