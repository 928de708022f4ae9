//! Runs the case files in `tests/cases/` against the native build.
//!
//! One file per policy pack; each case names the clause it exercises, gives a
//! request and what the response must say. The same files run against the wasm
//! build (`tests/wasm/cases.test.mjs`), with the same matching rules:
//!
//! - `age`, `referenceDate`, `year`, `payDate`, `alternatives`: equal.
//! - `missing`: the same list, in order; `absent`: these schemes are not in the response.
//! - `warnings`: these codes are among the response's warnings.
//! - `schemes.<id>`: `status`, `deadline`, `name`, `coverFrom`, `insteadOf`,
//!   `addsTo`, `role` equal; `fee` and `waiting` null, or each key given equal;
//!   `through` equal to `enrol.through`; `reasons`, `feeReasons`, `benefits`,
//!   `enrolReasons`, `waitingReasons`: these codes are present; `where`,
//!   `channels`, `documents`, `sources`: these strings are among the items.
//! - `error`: `code` and `field` equal; `messageContains` a substring of the message.
//!
//! Beyond matching, two checks keep the files honest: every citation a pack's
//! file makes is named by some case's `clause` in that pack's case file (a base
//! pack's, in any file), and every code a pack can give is expected by some case.

use std::collections::BTreeSet;
use std::fs;

use canbao::Engine;
use chrono::NaiveDate;
use serde_json::Value;

fn case_files() -> Vec<(String, Value)> {
    let mut files: Vec<_> = fs::read_dir("tests/cases")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), v)
        })
        .collect()
}

/// What one case produced: the response or error as JSON.
fn run(engine: &Engine, case: &Value, today: NaiveDate) -> Value {
    let text = match case.get("requestText") {
        Some(Value::String(t)) => t.clone(),
        _ => serde_json::to_string(&case["request"]).unwrap(),
    };
    let answer = if case.get("household").is_some_and(|h| h == true) {
        canbao::api::check_household(engine, &text, today, canbao::api::Format::Compact)
    } else {
        canbao::api::check(engine, &text, today, canbao::api::Format::Compact)
    };
    serde_json::from_str(&answer.unwrap_or_else(|e| e)).unwrap()
}

fn codes(list: &Value) -> Vec<&str> {
    list.as_array()
        .map(|a| a.iter().filter_map(|r| r["code"].as_str()).collect())
        .unwrap_or_default()
}

fn strings(list: &Value) -> Vec<&str> {
    list.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// `want` null, or each of its keys equal in `got`.
fn partial(label: &str, want: &Value, got: &Value, bad: &mut Vec<String>) {
    match want {
        Value::Null if !got.is_null() => bad.push(format!("{label}: want null, got {got}")),
        Value::Object(w) => {
            for (k, v) in w {
                if &got[k] != v {
                    bad.push(format!("{label}.{k}: want {v}, got {}", got[k]));
                }
            }
        }
        _ => {}
    }
}

/// Every difference between what a case expects and what came back.
fn compare(expect: &Value, got: &Value) -> Vec<String> {
    let mut bad = Vec::new();
    if let Some(err) = expect.get("error") {
        let g = &got["error"];
        if g.is_null() {
            return vec![format!("expected error {err}, got a response")];
        }
        for key in ["code", "field"] {
            if let Some(want) = err.get(key) {
                if &g[key] != want {
                    bad.push(format!("error.{key}: want {want}, got {}", g[key]));
                }
            }
        }
        if let Some(sub) = err.get("messageContains").and_then(Value::as_str) {
            if !g["message"].as_str().unwrap_or_default().contains(sub) {
                bad.push(format!("error.message {} lacks {sub:?}", g["message"]));
            }
        }
        return bad;
    }
    if got.get("error").is_some() {
        return vec![format!("unexpected error {}", got["error"])];
    }
    let e = &expect["expect"];
    for key in [
        "age",
        "referenceDate",
        "year",
        "payDate",
        "missing",
        "alternatives",
        "chosen",
        "undecided",
    ] {
        if let Some(want) = e.get(key) {
            if &got[key] != want {
                bad.push(format!("{key}: want {want}, got {}", got[key]));
            }
        }
    }
    if let Some(w) = e.get("warnings") {
        let have = codes(&got["warnings"]);
        for code in strings(w) {
            if !have.contains(&code) {
                bad.push(format!("warnings lack {code}: {have:?}"));
            }
        }
    }
    if let Some(totals) = e.get("totals").and_then(Value::as_array) {
        for (i, want) in totals.iter().enumerate() {
            partial(&format!("totals[{i}]"), want, &got["totals"][i], &mut bad);
        }
    }
    if let Some(rules) = e.get("rules").and_then(Value::as_array) {
        for (i, want) in rules.iter().enumerate() {
            partial(&format!("rules[{i}]"), want, &got["rules"][i], &mut bad);
        }
    }
    if let Some(members) = e.get("members").and_then(Value::as_array) {
        for (i, want) in members.iter().enumerate() {
            let wrapped = serde_json::json!({ "expect": want });
            for problem in compare(&wrapped, &got["members"][i]) {
                bad.push(format!("members[{i}].{problem}"));
            }
        }
    }
    for id in e.get("absent").map(strings).unwrap_or_default() {
        if got["schemes"]
            .as_array()
            .is_some_and(|a| a.iter().any(|s| s["scheme"] == id))
        {
            bad.push(format!("{id}: in the response, should not be"));
        }
    }
    let Some(schemes) = e.get("schemes").and_then(Value::as_object) else {
        return bad;
    };
    for (id, want) in schemes {
        let Some(s) = got["schemes"]
            .as_array()
            .and_then(|a| a.iter().find(|s| s["scheme"] == id.as_str()))
        else {
            bad.push(format!("{id}: not in the response"));
            continue;
        };
        for key in ["status", "deadline", "name", "coverFrom", "insteadOf", "addsTo", "role"] {
            if let Some(w) = want.get(key) {
                if &s[key] != w {
                    bad.push(format!("{id}.{key}: want {w}, got {}", s[key]));
                }
            }
        }
        if let Some(w) = want.get("through") {
            if &s["enrol"]["through"] != w {
                bad.push(format!("{id}.through: want {w}, got {}", s["enrol"]["through"]));
            }
        }
        for key in ["fee", "waiting"] {
            if let Some(w) = want.get(key) {
                partial(&format!("{id}.{key}"), w, &s[key], &mut bad);
            }
        }
        let lists: [(&str, Vec<&str>); 9] = [
            ("reasons", codes(&s["reasons"])),
            ("feeReasons", codes(&s["fee"]["reasons"])),
            ("benefits", codes(&s["benefits"])),
            ("enrolReasons", codes(&s["enrol"]["reasons"])),
            ("waitingReasons", codes(&s["waiting"]["reasons"])),
            ("where", strings(&s["enrol"]["where"])),
            ("channels", strings(&s["enrol"]["channels"])),
            ("documents", strings(&s["enrol"]["documents"])),
            (
                "sources",
                s["reasons"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|r| r["source"].as_str()).collect())
                    .unwrap_or_default(),
            ),
        ];
        for (key, have) in lists {
            for item in want.get(key).map(strings).unwrap_or_default() {
                if !have.contains(&item) {
                    bad.push(format!("{id}.{key} lacks {item:?}: {have:?}"));
                }
            }
        }
    }
    bad
}

#[test]
fn case_files_pass_natively() {
    let engine = Engine::builtin().unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for (file, doc) in case_files() {
        let today = canbao::model::date::parse(doc["today"].as_str().unwrap_or("2015-01-05")).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            count += 1;
            let name = case["name"].as_str().unwrap_or("?");
            assert!(case.get("clause").is_some(), "{file}: case {name:?} names no clause");
            let today = case["today"]
                .as_str()
                .and_then(canbao::model::date::parse)
                .unwrap_or(today);
            let got = run(&engine, case, today);
            for problem in compare(case, &got) {
                failures.push(format!("{file}: {name}: {problem}"));
            }
        }
    }
    assert!(count > 0, "no cases ran");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{count} cases passed");
}

/// The citations (`"004 三(一)"`) and codes a pack's own file gives, read from its JSON.
fn inventory(json: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    fn walk(v: &Value, cites: &mut BTreeSet<String>, codes: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("source" | "exclusiveSource" | "countingSource", Value::String(s)) => {
                            cites.insert(s.split_whitespace().collect::<Vec<_>>().join(" "));
                        }
                        ("code", Value::String(s)) => {
                            codes.insert(s.clone());
                        }
                        _ => walk(x, cites, codes),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, cites, codes)),
            _ => {}
        }
    }
    let mut cites = BTreeSet::new();
    let mut codes = BTreeSet::new();
    let v: Value = serde_json::from_str(json).unwrap();
    // The sources list holds documents, not citations.
    let body: serde_json::Map<String, Value> = v
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| *k != "sources")
        .map(|(k, x)| (k.clone(), x.clone()))
        .collect();
    walk(&Value::Object(body), &mut cites, &mut codes);
    (cites, codes)
}

/// What a case file names and expects: clauses, and codes of every kind.
fn named_and_expected(doc: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut named = BTreeSet::new();
    let mut expected = BTreeSet::new();
    for case in doc["cases"].as_array().unwrap() {
        match &case["clause"] {
            Value::String(c) => {
                named.insert(c.clone());
            }
            Value::Array(cs) => named.extend(cs.iter().filter_map(Value::as_str).map(String::from)),
            _ => {}
        }
        let e = &case["expect"];
        let members = e["members"].as_array().cloned().unwrap_or_default();
        for one in std::iter::once(e).chain(members.iter()) {
            expected.extend(strings(&one["warnings"]).into_iter().map(String::from));
            for s in one["schemes"].as_object().into_iter().flat_map(|m| m.values()) {
                for key in ["reasons", "feeReasons", "benefits", "enrolReasons", "waitingReasons"] {
                    expected.extend(strings(&s[key]).into_iter().map(String::from));
                }
            }
        }
        for r in e["rules"].as_array().into_iter().flatten() {
            expected.extend(r["code"].as_str().map(String::from));
        }
    }
    (named, expected)
}

#[test]
fn every_pack_has_a_case_file_covering_each_clause_and_code() {
    let engine = Engine::builtin().unwrap();
    let files = case_files();
    let mut all_named = BTreeSet::new();
    let mut all_expected = BTreeSet::new();
    for (_, doc) in &files {
        let (n, e) = named_and_expected(doc);
        all_named.extend(n);
        all_expected.extend(e);
    }
    for pack in engine.packs() {
        let (cites, codes) = inventory(canbao::pack::registry::builtin_json(&pack.id).unwrap());
        let (named, expected) = if pack.base {
            (all_named.clone(), all_expected.clone())
        } else {
            let (_, doc) = files
                .iter()
                .find(|(_, d)| d["pack"] == pack.id.as_str())
                .unwrap_or_else(|| panic!("no case file for pack {}", pack.id));
            named_and_expected(doc)
        };
        let uncited: Vec<_> = cites.iter().filter(|c| !named.contains(*c)).collect();
        assert!(
            uncited.is_empty(),
            "pack {}: no case names these clauses: {uncited:?}",
            pack.id
        );
        let untested: Vec<_> = codes.iter().filter(|c| !expected.contains(*c)).collect();
        assert!(
            untested.is_empty(),
            "pack {}: no case expects these codes: {untested:?}",
            pack.id
        );
    }
}

/// Issue 9: for each answer the engine can ask, a case where it is left out and
/// asked (`missing`), and one where it is given. `history.continuousYears` is
/// only read by a note (china's incentive for continuous enrolment), and a note
/// never asks.
#[test]
fn every_answer_the_engine_asks_has_a_case_asking_it_and_one_giving_it() {
    const NEVER_ASKED: &[&str] = &["person.history.continuousYears"];
    fn given(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        if let Value::Object(map) = v {
            for (k, x) in map {
                let path = format!("{prefix}.{k}");
                out.insert(path.clone());
                given(x, &path, out);
            }
        }
    }
    let (mut asked, mut stated) = (BTreeSet::new(), BTreeSet::new());
    for (_, doc) in case_files() {
        for case in doc["cases"].as_array().unwrap() {
            for m in strings(&case["expect"]["missing"]) {
                // A household's `members[1].sex` is the person's `sex`.
                let m = m
                    .split_once("].")
                    .map_or(m.to_owned(), |(_, rest)| format!("person.{rest}"));
                asked.insert(m);
            }
            given(&case["request"]["person"], "person", &mut stated);
            for member in case["request"]["members"].as_array().into_iter().flatten() {
                given(member, "person", &mut stated);
            }
        }
    }
    for field in canbao::model::field::Field::ALL {
        let path = field.path();
        assert!(stated.contains(path), "no case gives {path}");
        if !NEVER_ASKED.contains(&path) {
            assert!(asked.contains(path), "no case leaves out {path} and has it asked");
        }
    }
}

/// A reason is given once: no list of reasons in any case's answer names the
/// same code twice (an employee with no wage was told twice to give it).
#[test]
fn no_answer_gives_a_reason_twice() {
    let engine = Engine::builtin().unwrap();
    let mut lists = 0;
    for (file, doc) in case_files() {
        let today = canbao::model::date::parse(doc["today"].as_str().unwrap_or("2015-01-05")).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let today = case["today"]
                .as_str()
                .and_then(canbao::model::date::parse)
                .unwrap_or(today);
            let got = run(&engine, case, today);
            let members = got["members"].as_array().cloned().unwrap_or_else(|| vec![got.clone()]);
            for answer in &members {
                for s in answer["schemes"].as_array().into_iter().flatten() {
                    for list in [
                        &s["reasons"],
                        &s["fee"]["reasons"],
                        &s["waiting"]["reasons"],
                        &s["enrol"]["reasons"],
                        &s["benefits"],
                    ] {
                        let codes = codes(list);
                        let unique: BTreeSet<_> = codes.iter().collect();
                        assert_eq!(unique.len(), codes.len(), "{file}: {}: {codes:?}", case["name"]);
                        lists += 1;
                    }
                }
            }
        }
    }
    assert!(lists > 500, "{lists} lists");
}
