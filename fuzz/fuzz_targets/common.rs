//! What every target asserts of the engine's JSON text: it parses, an answer's
//! known shares add up to its total, an error is `{"error": {code, field,
//! message}}` with a bounded message, and an answer naming the pack's words by
//! number says the same as one writing them out, once the words are put back
//! from the engine's table (as js/api.js does).

#![allow(dead_code)]

use std::sync::OnceLock;

use canbao::model::text::Lang;
use canbao::Engine;
use chrono::NaiveDate;
use serde_json::Value;

/// The built-in packs, compiled once.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::builtin().expect("built-in packs"))
}

/// A day to answer on, chosen by the input: before, inside and after the
/// collection windows of the built-in packs' years.
pub fn today(data: &[u8]) -> NaiveDate {
    let days = [
        (2015, 1, 5),
        (2026, 11, 24),
        (2010, 6, 30),
        (2025, 3, 15),
        (2019, 12, 31),
    ];
    let (y, m, d) = days[data.len() % days.len()];
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

pub fn parse(text: &str) -> Value {
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}): {text}"),
    }
}

/// Yuan as a string with two decimals, in fen.
fn fen(v: &Value) -> Option<i128> {
    let s = v.as_str()?;
    let (yuan, part) = s.split_once('.')?;
    assert!(
        part.len() == 2 && yuan.bytes().all(|b| b.is_ascii_digit()) && !yuan.is_empty(),
        "not an amount: {s}"
    );
    Some(yuan.parse::<i128>().ok()? * 100 + part.parse::<i128>().ok()?)
}

/// A fee or a household total: when every share is known, so is the total, and
/// the shares add up to it.
pub fn sums(fee: &Value) {
    for key in ["total", "individual", "employer", "government"] {
        let v = &fee[key];
        assert!(v.is_null() || fen(v).is_some(), "{key} is not an amount or null: {fee}");
    }
    let shares: Option<Vec<i128>> = ["individual", "employer", "government"]
        .iter()
        .map(|k| fen(&fee[*k]))
        .collect();
    if let Some(shares) = shares {
        let total = fen(&fee["total"]);
        assert_eq!(
            total,
            Some(shares.iter().sum()),
            "shares do not add up to the total: {fee}"
        );
    }
}

/// One person's answer.
pub fn answer(v: &Value) {
    assert!(v.is_object(), "not an object: {v}");
    assert_eq!(v["region"], v["rules"]["pack"], "region and rules.pack differ: {v}");
    let schemes = v["schemes"].as_array().expect("schemes");
    for s in schemes {
        let status = s["status"].as_str().expect("status");
        if status == "ineligible" {
            for key in ["fee", "enrol", "deadline", "coverFrom", "waiting"] {
                assert!(s[key].is_null(), "an ineligible scheme has a {key}: {s}");
            }
        } else {
            assert!(s["fee"].is_object() && s["enrol"].is_object(), "no fee or enrol: {s}");
        }
        if s["fee"].is_object() {
            sums(&s["fee"]);
        }
        assert!(!s["reasons"].as_array().expect("reasons").is_empty(), "no reason: {s}");
    }
    for m in v["missing"].as_array().expect("missing") {
        assert!(m.as_str().is_some_and(|m| m.starts_with("person.")), "missing {m}");
    }
    for group in v["alternatives"].as_array().expect("alternatives") {
        assert!(group.as_array().expect("a group").len() >= 2, "a choice of one: {v}");
    }
}

/// A household's answer.
pub fn household(v: &Value) {
    let members = v["members"].as_array().expect("members");
    assert!((1..=20).contains(&members.len()), "{} members", members.len());
    members.iter().for_each(answer);
    assert_eq!(v["chosen"].as_array().expect("chosen").len(), members.len());
    let index = |i: &Value| i.as_u64().is_some_and(|i| (i as usize) < members.len());
    assert!(v["undecided"].as_array().expect("undecided").iter().all(index), "{v}");
    for t in v["totals"].as_array().expect("totals") {
        sums(t);
    }
    for r in v["rules"].as_array().expect("rules") {
        assert!(r["members"].as_array().expect("members").iter().all(index), "{r}");
        assert!(r["others"].as_array().expect("others").iter().all(index), "{r}");
    }
}

/// The error body of a request.
pub fn error(text: &str) -> Value {
    let v = parse(text);
    let body = v.as_object().expect("an object");
    assert_eq!(body.len(), 1, "more than `error`: {text}");
    let e = body.get("error").and_then(Value::as_object).expect("error");
    assert_eq!(e.len(), 3, "not code, field, message: {text}");
    let code = e.get("code").and_then(Value::as_str).expect("code");
    assert!(canbao::model::error::ErrorCode::parse(code).is_some(), "unknown code {code}");
    let field = e.get("field").and_then(Value::as_str).expect("field");
    assert!(
        field.chars().count() <= 81,
        "a field path of {} characters",
        field.chars().count()
    );
    let message = e.get("message").and_then(Value::as_str).expect("message");
    assert!(
        !message.is_empty() && message.len() <= 4096,
        "a message of {} bytes",
        message.len()
    );
    v
}

/// The engine's table of words in `lang`, parsed.
pub fn table(engine: &Engine, lang: Lang) -> Vec<Value> {
    match parse(&canbao::api::table(engine, lang)) {
        Value::Array(a) => a,
        other => panic!("the table is not an array: {other}"),
    }
}

/// The built-in engine's tables, parsed once, by language.
pub fn builtin_tables() -> &'static [Vec<Value>] {
    static TABLES: OnceLock<Vec<Vec<Value>>> = OnceLock::new();
    TABLES.get_or_init(|| Lang::ALL.iter().map(|l| table(engine(), *l)).collect())
}

/// An answer by number with the words put back, as js/api.js `words()` does.
pub fn words(mut v: Value, table: &[Value]) -> Value {
    fn text(x: &mut Value, table: &[Value]) {
        if let Some(i) = x.as_u64() {
            *x = table.get(i as usize).cloned().unwrap_or_else(|| panic!("no word {i}"));
        }
    }
    fn texts(x: &mut Value, table: &[Value]) {
        x.as_array_mut().into_iter().flatten().for_each(|t| text(t, table));
    }
    fn reasons(x: &mut Value, table: &[Value]) {
        for r in x.as_array_mut().into_iter().flatten() {
            if r.is_u64() {
                text(r, table);
            } else {
                text(&mut r["source"], table);
            }
        }
    }
    text(&mut v["regionName"], table);
    for s in v["schemes"].as_array_mut().into_iter().flatten() {
        text(&mut s["name"], table);
        if s["fee"].is_object() {
            reasons(&mut s["fee"]["reasons"], table);
        }
        if s["waiting"].is_object() {
            reasons(&mut s["waiting"]["reasons"], table);
        }
        reasons(&mut s["reasons"], table);
        if s["enrol"].is_object() {
            let e = &mut s["enrol"];
            texts(&mut e["where"], table);
            texts(&mut e["documents"], table);
            for key in ["whereSource", "documentsSource", "deadlineSource"] {
                text(&mut e[key], table);
            }
            reasons(&mut e["reasons"], table);
        }
        reasons(&mut s["benefits"], table);
    }
    reasons(&mut v["warnings"], table);
    v
}

/// Checks a request both ways (words written out, and by number) on `engine`,
/// whose parsed tables, by language, are `tables`: the same answer or the same error.
pub fn check_both(engine: &Engine, text: &str, today: NaiveDate, pretty: bool, tables: &[Vec<Value>]) {
    let in_words = canbao::api::check(engine, text, today, if pretty { canbao::api::Format::Indented } else { canbao::api::Format::Compact });
    let by_number = canbao::api::check(engine, text, today, canbao::api::Format::Numbered);
    match (in_words, by_number) {
        (Ok(a), Ok(b)) => {
            let a = parse(&a);
            answer(&a);
            let lang = a["lang"].as_str().and_then(Lang::parse).expect("lang");
            let table = tables.get(lang.index()).expect("a table for the language");
            assert_eq!(words(parse(&b), table), a, "the answer by number says something else");
        }
        (Err(a), Err(b)) => assert_eq!(error(&a), error(&b), "the errors differ"),
        (a, b) => panic!("one answered and the other refused: {a:?} / {b:?}"),
    }
}
