//! The WebAssembly bindings: text (and compiled packs) in, text out, and nothing
//! else. No rule lives here, and no JavaScript runs while a call is inside the
//! module.
//!
//! Two modules are built from this crate. The core (`canbao_core`, without the
//! `loader` feature) answers: it starts from the built-in packs compiled ahead
//! of time (`canbao packs-bin`), handed over by the wrapper. The loader
//! (`canbao_loader`, with it) only compiles packs an operator writes, for
//! `loadPolicy`: its readers for the pack file are more code than the whole
//! core, so pages that never load a pack never download it.
//!
//! The public API is the JavaScript wrapper in `js/api.js`: it turns a request
//! into JSON text with `JSON.stringify`, so getters, Proxies, cycles, `BigInt`
//! and functions fail in JavaScript, where it turns them into coded errors. An
//! exception thrown by JavaScript in the middle of a wasm call would unwind the
//! module's frames without restoring its stack pointer; with data only, none
//! can be.
//!
//! Every function returns the answer, or the contract's error body
//! (`{"error": {code, field, message}}`), never throws, and never panics: a
//! panic in WebAssembly would kill the module for the whole page.

use wasm_bindgen::prelude::*;

use crate::contract::render::{self, Layout};
use crate::model::error::{Detail, ErrorCode, RequestError};
use crate::model::text::Lang;
use crate::pack::PackError;

#[derive(serde::Serialize)]
struct ErrorBody<'a> {
    code: &'a str,
    field: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    /// Where in a TOML pack: 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    message: &'a str,
}

#[derive(serde::Serialize)]
struct ErrorJson<'a> {
    error: ErrorBody<'a>,
}

fn pack_error(e: &PackError) -> String {
    let message = e.to_string();
    let error = ErrorBody {
        code: "invalid_pack",
        field: &e.key,
        file: Some(&e.file),
        line: e.line_column.map(|(l, _)| l),
        column: e.line_column.map(|(_, c)| c),
        message: &message,
    };
    render::json(&ErrorJson { error }, Layout::Compact)
}

#[cfg(not(feature = "loader"))]
mod core {
    use std::cell::RefCell;

    use chrono::NaiveDate;
    use wasm_bindgen::prelude::*;

    use super::{pack_error, ErrorBody, ErrorJson};
    use crate::api::{self, Format};
    use crate::contract::render::{self, Layout};
    use crate::model::error::{ErrorCode, RequestError};
    use crate::model::text::Lang;
    use crate::pack::{PackError, Registry};
    use crate::rules::Engine;

    /// The largest compiled pack accepted (a compiled pack is smaller than its JSON).
    const MAX_COMPILED_BYTES: usize = 4 * crate::pack::MAX_PACK_BYTES;

    thread_local! {
        /// The built-in packs plus those loaded with `loadPolicy`. Only borrowed
        /// inside one call, which no JavaScript can re-enter.
        static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
    }

    fn with_engine(f: impl FnOnce(&mut Engine) -> Result<String, String>) -> String {
        let text = ENGINE.with(|cell| match cell.try_borrow_mut() {
            Ok(mut engine) => f(&mut engine),
            Err(_) => Err(internal("canbao is busy with another call")),
        });
        text.unwrap_or_else(|e| e)
    }

    fn internal(message: &str) -> String {
        let error = ErrorBody {
            code: "internal",
            field: "",
            file: None,
            line: None,
            column: None,
            message,
        };
        render::json(&ErrorJson { error }, Layout::Compact)
    }

    /// Today in China (UTC+8) from the device clock, or the `today` the caller
    /// passes (a kiosk whose clock is wrong, or a test).
    fn today(given: Option<String>, lang: Lang) -> Result<NaiveDate, String> {
        let refuse = |e: RequestError| render::error_json(&e, Layout::Compact);
        let day = match given {
            Some(s) => crate::model::date::parse(&s)
                .ok_or_else(|| refuse(RequestError::new(ErrorCode::InvalidDate, "today", lang)))?,
            None => {
                let ms = js_sys::Date::now();
                let secs = if ms.is_finite() && ms > 0.0 { (ms / 1000.0) as u64 } else { 0 };
                crate::model::date::china_date(secs)
            }
        };
        // A clock of 1970 or 9999 is refused like a given today of those years.
        crate::contract::decode::plausible_today(day, lang).map_err(refuse)
    }

    /// Starts from the built-in packs, compiled (once; again replaces them all).
    #[wasm_bindgen]
    pub fn load_builtins(compiled: &[u8]) -> String {
        with_engine(|engine| {
            *engine = Registry::from_compiled(compiled)
                .map(Engine::from)
                .map_err(|e| pack_error(&e))?;
            Ok("{}".to_owned())
        })
    }

    /// Adds more built-in packs, compiled (packs for past years, taken when
    /// a resident asks for them).
    #[wasm_bindgen]
    pub fn add_builtins(compiled: &[u8]) -> String {
        with_engine(|engine| {
            engine.add_compiled(compiled).map_err(|e| pack_error(&e))?;
            Ok("{}".to_owned())
        })
    }

    /// Checks one person: the request as JSON text; the response or error as
    /// JSON text, the pack's texts and reasons by their number in [`table_json`].
    #[wasm_bindgen]
    pub fn check_json(request: &str, today_: Option<String>) -> String {
        with_engine(|engine| api::check(engine, request, today(today_, Lang::default())?, Format::Numbered))
    }

    /// The pack's texts and reasons `check_json` names by number, in `lang`:
    /// a JSON array (valid until the next `load_builtins` or `load_compiled`).
    #[wasm_bindgen]
    pub fn table_json(lang: &str) -> String {
        let lang = Lang::parse(lang).unwrap_or_default();
        with_engine(|engine| Ok(api::table(engine, lang)))
    }

    /// Checks a household, as [`check_json`].
    #[wasm_bindgen]
    pub fn household_json(request: &str, today_: Option<String>) -> String {
        with_engine(|engine| api::check_household(engine, request, today(today_, Lang::default())?, Format::Compact))
    }

    /// The packs a request may name.
    #[wasm_bindgen]
    pub fn regions_json(lang: Option<String>, today_: Option<String>) -> String {
        let lang = lang.as_deref().and_then(Lang::parse).unwrap_or_default();
        with_engine(|engine| Ok(api::regions(engine, lang, today(today_, lang)?, Format::Compact)))
    }

    /// Makes a pack the loader compiled available by its id.
    #[wasm_bindgen]
    pub fn load_compiled(compiled: &[u8], today_: Option<String>) -> String {
        with_engine(|engine| {
            let day = today(today_, Lang::default())?;
            let refuse = |message: String| {
                pack_error(&PackError {
                    line_column: None,
                    file: "loadPolicy".into(),
                    key: String::new(),
                    message,
                })
            };
            if compiled.len() > MAX_COMPILED_BYTES {
                return Err(refuse("too large".into()));
            }
            // postcard's own messages would cost the core 600 bytes: one fixed message.
            let pack = postcard::from_bytes(compiled).map_err(|_| refuse("not a compiled pack (from loadPolicy's compiler of this version)".to_owned()))?;
            api::add(engine, pack, "loadPolicy", day).map_err(|e| pack_error(&e))
        })
    }

    /// The crate version and each pack's hash.
    #[wasm_bindgen]
    pub fn version_json() -> String {
        with_engine(|engine| Ok(api::version(engine)))
    }

    /// The roster module's calls (`canbao_roster`, the core with rosters: the
    /// roster page's worker only): a file opened, checked a slice at a time
    /// (so the page can say how far it is), then written out. The same
    /// `roster::Checker` as `canbao roster`.
    #[cfg(feature = "roster")]
    pub mod roster {
        use std::cell::RefCell;

        use wasm_bindgen::prelude::*;

        use super::with_engine;
        use crate::model::text::Lang;
        use crate::roster::{files, Checker, Header, Options, RESULT_COLUMNS};

        struct Open {
            /// The rows still to check: a CSV read as it is checked.
            rows: Box<dyn Iterator<Item = Result<Vec<String>, String>>>,
            width: usize,
            checker: Checker,
            out: Vec<Vec<String>>,
        }

        thread_local! {
            static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
        }

        #[derive(serde::Deserialize)]
        struct OptionsWire {
            region: Option<String>,
            year: Option<i32>,
            today: String,
            lang: Option<String>,
        }

        fn failed(message: &str) -> String {
            serde_json::json!({ "error": message }).to_string()
        }

        /// Reads a CSV or XLSX file (its bytes): its header, and how many rows.
        #[wasm_bindgen]
        pub fn roster_open(bytes: &[u8], options: &str) -> String {
            let Ok(o) = serde_json::from_str::<OptionsWire>(options) else { return failed("bad options") };
            let Some(today) = crate::model::date::parse(&o.today) else { return failed("bad today") };
            let lang = o.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
            let kind = match files::kind_of(bytes.get(..4).unwrap_or(bytes)) {
                Ok(k) => k,
                Err(e) => return failed(&e),
            };
            // A CSV is read as it is checked (its rows counted by its lines, for
            // the progress line); an XLSX is read whole.
            let (mut rows, count): (Box<dyn Iterator<Item = Result<Vec<String>, String>>>, usize) = match kind {
                files::Kind::Csv => match files::csv_rows(std::io::Cursor::new(bytes.to_vec())) {
                    Ok(r) => {
                        let lines = bytes.iter().filter(|b| **b == b'\n').count() + usize::from(!bytes.ends_with(b"\n"));
                        (Box::new(r), lines.saturating_sub(1))
                    }
                    Err(e) => return failed(&e.to_string()),
                },
                files::Kind::Xlsx => match files::xlsx_rows(std::io::Cursor::new(bytes)) {
                    Ok(r) => {
                        let n = r.len().saturating_sub(1);
                        (Box::new(r.into_iter().map(Ok)), n)
                    }
                    Err(e) => return failed(&e),
                },
            };
            let names = match rows.next() {
                Some(Ok(h)) => h,
                _ => return failed("the file has no header row"),
            };
            let header = Header::new(&names);
            let unknown: Vec<String> = header.unknown(&names).into_iter().map(str::to_owned).collect();
            let mut head = names.clone();
            head.extend(RESULT_COLUMNS.iter().map(|c| (*c).to_owned()));
            let checker = Checker::new(Options { region: o.region, year: o.year, today, lang }, header);
            OPEN.with(|cell| {
                *cell.borrow_mut() = Some(Open { rows, width: names.len(), checker, out: vec![head.clone()] });
            });
            serde_json::json!({ "rows": count, "columns": head, "unknown": unknown }).to_string()
        }

        /// Checks up to `max` more rows; `{"done": n, "finished": bool}`.
        #[wasm_bindgen]
        pub fn roster_step(max: u32) -> String {
            with_engine(|engine| {
                OPEN.with(|cell| {
                    let mut open = cell.borrow_mut();
                    let Some(o) = open.as_mut() else { return Ok(failed("no roster open")) };
                    let mut emitted = Vec::new();
                    let mut finished = false;
                    for _ in 0..max {
                        match o.rows.next() {
                            Some(row) => o.checker.take(engine, row, o.width, &mut |r| emitted.push(r)),
                            None => {
                                o.checker.flush(engine, &mut |r| emitted.push(r));
                                o.checker.summary.finish();
                                finished = true;
                                break;
                            }
                        }
                    }
                    o.out.append(&mut emitted);
                    Ok(serde_json::json!({ "done": o.out.len() - 1, "finished": finished }).to_string())
                })
            })
        }

        /// The summary, once finished.
        #[wasm_bindgen]
        pub fn roster_summary() -> String {
            OPEN.with(|cell| match cell.borrow().as_ref() {
                Some(o) => serde_json::to_string(&o.checker.summary).unwrap_or_default(),
                None => failed("no roster open"),
            })
        }

        /// Rows `from` to `from + count` of the answer (the header is row 0), as JSON arrays.
        #[wasm_bindgen]
        pub fn roster_rows(from: u32, count: u32) -> String {
            OPEN.with(|cell| match cell.borrow().as_ref() {
                Some(o) => {
                    let rows: Vec<&Vec<String>> = o.out.iter().skip(from as usize).take(count as usize).collect();
                    serde_json::to_string(&rows).unwrap_or_default()
                }
                None => failed("no roster open"),
            })
        }

        /// The answer as a file: XLSX, or CSV (UTF-8 with a byte-order mark).
        #[wasm_bindgen]
        pub fn roster_file(xlsx: bool) -> Vec<u8> {
            OPEN.with(|cell| {
                let open = cell.borrow();
                let Some(o) = open.as_ref() else { return Vec::new() };
                if xlsx {
                    let mut book = files::XlsxOut::new(o.checker.lang());
                    for r in &o.out {
                        if book.row(r).is_err() {
                            return Vec::new();
                        }
                    }
                    book.save().unwrap_or_default()
                } else {
                    let Ok(mut csv) = files::CsvOut::new(Vec::new()) else { return Vec::new() };
                    for r in &o.out {
                        if csv.row(r).is_err() {
                            return Vec::new();
                        }
                    }
                    csv.into_inner().unwrap_or_default()
                }
            })
        }
    }
}

/// The loader module: compiles a pack's JSON text into the compiled form the
/// core loads (first byte 0), or the error body (first byte 1, then UTF-8 JSON).
/// It checks the pack against the packs it may extend: the built-ins
/// (`builtins`, as the core got them) and the packs loaded before (`loaded`,
/// each as this function compiled it, each after a 4-byte little-endian length).
#[cfg(feature = "loader")]
#[wasm_bindgen]
pub fn compile_pack(text: &str, builtins: &[u8], loaded: &[u8]) -> Vec<u8> {
    let compiled = crate::pack::Registry::from_compiled(builtins).and_then(|mut engine| {
        let mut rest = loaded;
        while let Some((len, tail)) = rest.split_first_chunk::<4>() {
            let len = u32::from_le_bytes(*len) as usize;
            let Some((one, tail)) = (len <= tail.len()).then(|| tail.split_at(len)) else {
                break;
            };
            if let Ok(pack) = postcard::from_bytes(one) {
                engine.add(pack, "loadPolicy")?;
            }
            rest = tail;
        }
        let pack = crate::pack::Pack::load(text, "loadPolicy", false, |id| engine.any_pack(id).cloned())?;
        // The checks across packs (names, depth, how many), here where the
        // error can name the file; the core takes the compiled pack as it is.
        engine.add(pack.clone(), "loadPolicy")?;
        let bytes = postcard::to_allocvec(&pack).map_err(|e| PackError {
            line_column: None,
            file: "loadPolicy".into(),
            key: String::new(),
            message: e.to_string(),
        })?;
        Ok((bytes, serde_json::to_string(&pack.warnings).unwrap_or_default()))
    });
    // 0, the warnings' JSON after its 4-byte length, the compiled pack; or 1
    // and the error's JSON. The warnings are for whoever loads the pack: the
    // compiled form (what the core keeps) does not carry them.
    match compiled {
        Ok((bytes, warnings)) => {
            let len = u32::try_from(warnings.len()).unwrap_or(0).to_le_bytes();
            std::iter::once(0)
                .chain(len)
                .chain(warnings.into_bytes())
                .chain(bytes)
                .collect()
        }
        Err(e) => std::iter::once(1).chain(pack_error(&e).into_bytes()).collect(),
    }
}

/// The error body for a mistake the JavaScript wrapper found before the request
/// reached the engine (a function, a cycle, a getter that threw, too much text),
/// worded in the request's language like every other error.
#[wasm_bindgen]
pub fn error_json(code: &str, field: &str, lang: &str, limit: u32) -> String {
    let lang = Lang::parse(lang).unwrap_or_default();
    let code = ErrorCode::parse(code).unwrap_or(ErrorCode::InvalidType);
    let mut e = RequestError::new(code, field, lang);
    if code == ErrorCode::TooLarge {
        e = e.with(Detail::Bytes(limit as usize));
    }
    render::error_json(&e, Layout::Compact)
}
