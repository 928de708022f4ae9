//! The WebAssembly bindings: JSON text in, JSON text out, and nothing else. No
//! rule lives here, and no JavaScript runs while a call is inside the module.
//!
//! The public API is the thin JavaScript wrapper in `js/` (see `js/api.js`): it
//! turns a request into JSON text with `JSON.stringify`, so getters, Proxies,
//! cycles, `BigInt` and functions fail in JavaScript, where it turns them into
//! coded errors, and it parses what comes back. An exception thrown by
//! JavaScript code in the middle of a wasm call would unwind the module's frames
//! without restoring its stack pointer; with strings only, none can be.
//!
//! Answers go back as UTF-16: the page's `TextDecoder` turns UTF-16 into a
//! JavaScript string four times faster than UTF-8 (a 2 KB Chinese response:
//! 1.5 µs against 5.5 µs in Node 20), and the response is mostly Chinese.
//!
//! Every function returns the answer, or the contract's error body
//! (`{"error": {code, field, message}}`), never throws, and never panics: a
//! panic in WebAssembly would kill the module for the whole page.

use std::cell::RefCell;

use chrono::NaiveDate;
use wasm_bindgen::prelude::*;

use crate::api;
use crate::engine::Engine;
use crate::pack::PackError;
use crate::request::{Detail, ErrorCode, RequestError};
use crate::vocab::Lang;

thread_local! {
    /// The built-in packs plus those loaded with `loadPolicy`, made on first use.
    /// Only borrowed inside one call, which no JavaScript can re-enter.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

fn with_engine(f: impl FnOnce(&mut Engine) -> Result<String, String>) -> Vec<u16> {
    let text = ENGINE.with(|cell| {
        let Ok(mut slot) = cell.try_borrow_mut() else {
            return Err(internal("canbao is busy with another call"));
        };
        if slot.is_none() {
            *slot = Some(Engine::builtin().map_err(|e| pack_error(&e))?);
        }
        match slot.as_mut() {
            Some(engine) => f(engine),
            None => Err(internal("the engine could not start")),
        }
    });
    utf16(&text.unwrap_or_else(|e| e))
}

fn internal(message: &str) -> String {
    serde_json::json!({ "error": { "code": "internal", "field": "", "message": message } }).to_string()
}

fn pack_error(e: &PackError) -> String {
    let body = serde_json::json!({
        "error": { "code": "invalid_pack", "field": e.key, "file": e.file, "message": e.to_string() }
    });
    body.to_string()
}

/// Today in China (UTC+8) from the device clock, or the `today` the caller passes
/// (a kiosk whose clock is wrong, or a test).
fn today(given: Option<String>, lang: Lang) -> Result<NaiveDate, String> {
    if let Some(s) = given {
        return crate::date::parse(&s).ok_or_else(|| {
            crate::render::error_json(&RequestError::new(ErrorCode::InvalidDate, "today", lang), false)
        });
    }
    let ms = js_sys::Date::now();
    let secs = if ms.is_finite() && ms > 0.0 { (ms / 1000.0) as u64 } else { 0 };
    Ok(crate::date::china_date(secs))
}

/// Checks one person: the request as JSON text; the response or error as UTF-16 JSON.
#[wasm_bindgen]
pub fn check_json(request: &str, today_: Option<String>) -> Vec<u16> {
    with_engine(|engine| api::check(engine, request, today(today_, Lang::default())?, false))
}

/// Checks a household, as [`check_json`].
#[wasm_bindgen]
pub fn household_json(request: &str, today_: Option<String>) -> Vec<u16> {
    with_engine(|engine| api::check_household(engine, request, today(today_, Lang::default())?, false))
}

/// The packs a request may name.
#[wasm_bindgen]
pub fn regions_json(lang: Option<String>, today_: Option<String>) -> Vec<u16> {
    let lang = lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    with_engine(|engine| Ok(api::regions(engine, lang, today(today_, lang)?, false)))
}

/// Validates a pack (JSON text) and makes it available by its id.
#[wasm_bindgen]
pub fn load_policy_json(pack: &str, today_: Option<String>) -> Vec<u16> {
    with_engine(|engine| {
        let day = today(today_, Lang::default())?;
        api::load(engine, pack, "loadPolicy", day).map_err(|e| pack_error(&e))
    })
}

/// The crate version and each pack's hash.
#[wasm_bindgen]
pub fn version_json() -> Vec<u16> {
    with_engine(|engine| Ok(api::version(engine)))
}

/// The error body for a mistake the JavaScript wrapper found before the request
/// reached the engine (a function, a cycle, a getter that threw, too much text),
/// worded in the request's language like every other error.
#[wasm_bindgen]
pub fn error_json(code: &str, field: &str, lang: &str, limit: u32) -> Vec<u16> {
    let lang = Lang::parse(lang).unwrap_or_default();
    let code = ErrorCode::parse(code).unwrap_or(ErrorCode::InvalidType);
    let mut e = RequestError::new(code, field, lang);
    if code == ErrorCode::TooLarge {
        e = e.with(Detail::Bytes(limit as usize));
    }
    utf16(&crate::render::error_json(&e, false))
}
