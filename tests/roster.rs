//! A roster answers each row as `check` answers its request: every case file's
//! person, as a one-row roster, against the check answer's JSON (read here
//! on its own, not through the roster's code).

use canbao::api::{self, Format};
use canbao::model::text::Lang;
use canbao::roster::{Checker, Header, Options, RESULT_COLUMNS};
use canbao::Engine;
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// `person` flattened to paths (`hukou.type`) and cells.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&p, x, out);
            }
        }
        // null is "never insured" for the last covered year, unknown elsewhere (an empty cell).
        Value::Null if prefix.ends_with("lastCoveredYear") => out.push((prefix.to_owned(), "从未".to_owned())),
        Value::Null => out.push((prefix.to_owned(), String::new())),
        Value::String(s) => out.push((prefix.to_owned(), s.clone())),
        other => out.push((prefix.to_owned(), other.to_string())),
    }
}

/// What the result columns should say, from `check`'s JSON answer.
fn expected(answer: &Value) -> Map<String, Value> {
    let schemes = answer["schemes"].as_array().unwrap();
    let basic: Vec<&Value> = schemes.iter().filter(|s| s["role"] == "basic").collect();
    let alternatives = answer["alternatives"].as_array().unwrap();
    let choice = alternatives.iter().any(|g| g.as_array().unwrap().len() > 1);
    let chosen = basic
        .iter()
        .find(|s| s["status"] == "mandatory")
        .or_else(|| {
            if basic.iter().any(|s| s["status"] == "needs_info") || !alternatives.is_empty() {
                None
            } else {
                basic.iter().find(|s| s["status"] == "eligible")
            }
        })
        .copied();
    let mut m = Map::new();
    let s = |v: &Value| v.as_str().map(str::to_owned).unwrap_or_default();
    let status = match chosen {
        Some(c) => s(&c["status"]),
        None if basic.iter().all(|b| b["status"] == "ineligible") && !choice => "none".into(),
        None if choice && !basic.iter().any(|b| b["status"] == "needs_info") => "choice".into(),
        None => "needs_info".into(),
    };
    m.insert("result.status".into(), Value::from(status));
    m.insert("result.scheme".into(), Value::from(chosen.map(|c| s(&c["scheme"])).unwrap_or_default()));
    if let Some(fee) = chosen.and_then(|c| c.get("fee")).filter(|f| !f.is_null()) {
        for (col, key) in [("individual", "individual"), ("government", "government"), ("employer", "employer"), ("total", "total"), ("period", "period")] {
            m.insert(format!("result.{col}"), Value::from(s(&fee[key])));
        }
    }
    if let Some(c) = chosen {
        m.insert("result.coverFrom".into(), Value::from(s(&c["coverFrom"])));
        m.insert("result.deadline".into(), Value::from(s(&c["deadline"])));
        let months = c["waiting"]["months"].as_u64().map(|n| n.to_string()).unwrap_or_default();
        m.insert("result.waitingMonths".into(), Value::from(months));
    }
    m.insert("result.missing".into(), Value::from(answer["missing"].as_array().unwrap().len()));
    m
}

#[test]
fn every_case_files_person_as_a_roster_row_answers_as_check() {
    let engine = Engine::builtin().unwrap();
    let mut compared = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir("tests/cases").unwrap() {
        let path = entry.unwrap().path();
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let Some(request) = case.get("request").filter(|_| case.get("household").is_none()) else { continue };
            if case.get("error").is_some() || request.get("payDate").is_some() || request.get("person").is_none() {
                continue;
            }
            let today = case.get("today").or(doc.get("today")).and_then(Value::as_str).unwrap_or("2015-01-05");
            let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
            let answer = api::check(&engine, &request.to_string(), today, Format::Compact);
            let Ok(answer) = answer else { continue };
            let answer: Value = serde_json::from_str(&answer).unwrap();
            let mut cells = Vec::new();
            flatten("", &request["person"], &mut cells);
            let names: Vec<String> = cells.iter().map(|(p, _)| p.clone()).collect();
            let row: Vec<String> = cells.iter().map(|(_, v)| v.clone()).collect();
            let options = Options {
                region: request.get("region").and_then(Value::as_str).map(str::to_owned),
                year: request.get("year").and_then(Value::as_i64).map(|y| y as i32),
                today,
                lang: Lang::ZhCn,
            };
            let mut checker = Checker::new(options, Header::new(&names));
            let mut out = Vec::new();
            checker.push(&engine, row.clone(), &mut |r| out.push(r));
            checker.flush(&engine, &mut |r| out.push(r));
            let got = &out[0][row.len()..];
            let column = |c: &str| got[RESULT_COLUMNS.iter().position(|x| *x == c).unwrap()].clone();
            let name = case["name"].as_str().unwrap_or_default();
            for (col, want) in expected(&answer) {
                let have = column(&col);
                let ok = match &want {
                    Value::Number(n) => (n.as_u64().unwrap() == 0) == have.is_empty(),
                    other => other.as_str() == Some(have.as_str()),
                };
                if !ok {
                    failures.push(format!("{}: {name}: {col}: roster {have:?}, check {want}", path.display()));
                }
            }
            assert_eq!(column("result.error"), "", "{name}");
            compared += 1;
        }
    }
    assert!(compared >= 150, "only {compared} cases compared");
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
}
