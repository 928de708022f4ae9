//! The WebAssembly API. It converts JavaScript values to the engine's types and
//! back, and delegates: no rule lives here.
//!
//! Every function returns a plain object (JSON-compatible: `null`, never
//! `undefined`) or throws an `Error` with `code`, `field` and `message`, the same
//! as the CLI's error JSON. Nothing here panics on any input: a panic in
//! WebAssembly would kill the module for the whole page.

use std::cell::RefCell;

use chrono::{Days, NaiveDate};
use serde::Serialize;
use serde_wasm_bindgen::{Deserializer, Serializer};
use wasm_bindgen::prelude::*;

use crate::engine::Engine;
use crate::pack::{Pack, PackError};
use crate::request::{self, RequestError};
use crate::vocab::Lang;

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
            *slot = Some(Engine::builtin().map_err(|e| pack_error(&e))?);
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

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&Serializer::json_compatible())
        .map_err(|e| js_error("internal", "", &e.to_string()))
}

/// Today in China (UTC+8) from the device clock, or the `today` the caller passes
/// (a kiosk whose clock is wrong, or a test).
fn today(given: Option<String>) -> Result<NaiveDate, JsValue> {
    if let Some(s) = given {
        return crate::date::parse(&s)
            .ok_or_else(|| js_error("invalid_date", "today", "today must be written YYYY-MM-DD"));
    }
    let ms = js_sys::Date::now();
    let days = if ms.is_finite() && ms > 0.0 {
        ((ms / 1000.0 + 8.0 * 3600.0) / 86_400.0) as u64
    } else {
        0
    };
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(Days::new(days)))
        .ok_or_else(|| js_error("internal", "today", "the device clock is out of range"))
}

/// Checks one person: `check({ region, year, lang, person }, today?)`.
#[wasm_bindgen]
pub fn check(request: JsValue, today_: Option<String>) -> Result<JsValue, JsValue> {
    let day = today(today_)?;
    let req = request::from_deserializer(Deserializer::from(request.clone()), || {
        Deserializer::from(request)
    })
    .map_err(|e| request_error(&e))?;
    with_engine(|engine| {
        engine
            .check(&req, day)
            .map_err(|e| request_error(&e))
            .and_then(|r| to_js(&r))
    })
}

/// Checks one person from JSON text, as the CLI does.
#[wasm_bindgen(js_name = checkJson)]
pub fn check_json(text: &str, today_: Option<String>) -> Result<JsValue, JsValue> {
    let day = today(today_)?;
    let req = request::from_json(text).map_err(|e| request_error(&e))?;
    with_engine(|engine| {
        engine
            .check(&req, day)
            .map_err(|e| request_error(&e))
            .and_then(|r| to_js(&r))
    })
}

/// Checks a household: `checkHousehold({ region, year, lang, members: [person, …] }, today?)`.
#[wasm_bindgen(js_name = checkHousehold)]
pub fn check_household(request: JsValue, today_: Option<String>) -> Result<JsValue, JsValue> {
    let day = today(today_)?;
    let req = request::household_from_deserializer(Deserializer::from(request.clone()), || {
        Deserializer::from(request)
    })
    .map_err(|e| request_error(&e))?;
    with_engine(|engine| {
        engine
            .check_household(&req, day)
            .map_err(|e| request_error(&e))
            .and_then(|r| to_js(&r))
    })
}

/// The packs, with their years and sources: `regions(lang?)`.
#[wasm_bindgen]
pub fn regions(lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    with_engine(|engine| to_js(&engine.regions(lang)))
}

/// Validates a pack written by a portal operator and makes it available by its id.
/// Returns the pack as `regions()` lists it; throws `invalid_pack` naming the key.
#[wasm_bindgen(js_name = loadPolicy)]
pub fn load_policy(pack: JsValue) -> Result<JsValue, JsValue> {
    const FILE: &str = "loadPolicy";
    let content = js_sys::JSON::stringify(&pack)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let parsed =
        Pack::from_deserializer(Deserializer::from(pack), FILE).map_err(|e| pack_error(&e))?;
    let id = parsed.id.clone();
    with_engine(|engine| {
        engine
            .load(parsed, FILE, content.as_bytes())
            .map_err(|e| pack_error(&e))?;
        let info = engine
            .regions(Lang::default())
            .into_iter()
            .find(|r| r.id == id);
        to_js(&info)
    })
}

#[derive(Serialize)]
struct Version {
    version: &'static str,
    packs: Vec<PackVersion>,
}

#[derive(Serialize)]
struct PackVersion {
    id: String,
    hash: String,
    builtin: bool,
}

/// The crate version and a hash of each pack, so a kiosk can show which rules it runs.
#[wasm_bindgen]
pub fn version() -> Result<JsValue, JsValue> {
    with_engine(|engine| {
        let packs = engine
            .packs()
            .iter()
            .map(|p| PackVersion {
                id: p.pack.id.clone(),
                hash: p.hash.clone(),
                builtin: p.builtin,
            })
            .collect();
        to_js(&Version {
            version: env!("CARGO_PKG_VERSION"),
            packs,
        })
    })
}
