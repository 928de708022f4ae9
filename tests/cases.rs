//! Runs the case files in `tests/cases/` against the native build.
//!
//! One file per policy pack; each case names the clause it exercises, gives a
//! request and what the response must say. The same files run against the wasm
//! build (`tests/wasm/cases.test.mjs`), with the same matching rules:
//!
//! - `age`, `referenceDate`: equal.
//! - `missing`: the same list, in order.
//! - `warnings`: these codes are among the response's warnings.
//! - `schemes.<id>`: `status` and `deadline` equal; `fee` null, or each key given
//!   equal; `reasons`, `feeReasons`, `benefits`: these codes are present;
//!   `where`, `documents`, `sources`: these strings are among the items.
//! - `error`: `code` and `field` equal; `messageContains` a substring of the message.
//!
//! Beyond matching, two checks keep the files honest: every citation a pack uses
//! is named by some case's `clause`, and every rule code a pack can give is
//! expected by some case.

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
    match canbao::request::from_json(&text).and_then(|r| engine.check(&r, today)) {
        Ok(response) => serde_json::from_str(&response.to_json(false)).unwrap(),
        Err(e) => serde_json::from_str(&e.to_json(false)).unwrap(),
    }
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
    for key in ["age", "referenceDate", "year", "missing"] {
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
        for key in ["status", "deadline", "name"] {
            if let Some(w) = want.get(key) {
                if &s[key] != w {
                    bad.push(format!("{id}.{key}: want {w}, got {}", s[key]));
                }
            }
        }
        match want.get("fee") {
            Some(Value::Null) if !s["fee"].is_null() => bad.push(format!("{id}.fee: want null, got {}", s["fee"])),
            Some(Value::Object(fee)) => {
                for (k, w) in fee {
                    if &s["fee"][k] != w {
                        bad.push(format!("{id}.fee.{k}: want {w}, got {}", s["fee"][k]));
                    }
                }
            }
            _ => {}
        }
        let lists: [(&str, Vec<&str>); 6] = [
            ("reasons", codes(&s["reasons"])),
            ("feeReasons", codes(&s["fee"]["reasons"])),
            ("benefits", codes(&s["benefits"])),
            ("where", strings(&s["enrol"]["where"])),
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
        let today = canbao::date::parse(doc["today"].as_str().unwrap_or("2015-01-05")).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            count += 1;
            let name = case["name"].as_str().unwrap_or("?");
            assert!(case.get("clause").is_some(), "{file}: case {name:?} names no clause");
            let today = case["today"].as_str().and_then(canbao::date::parse).unwrap_or(today);
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

/// Citations and codes of one pack, with the national rules merged in.
fn pack_inventory(engine: &Engine, id: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let pack = &engine.packs().iter().find(|p| p.pack.id == id).unwrap().pack;
    let mut cites = BTreeSet::new();
    let mut codes = BTreeSet::new();
    let mut cite = |c: &canbao::pack::Cite| {
        cites.insert(format!("{} {}", c.doc, c.clause));
    };
    for s in &pack.schemes {
        for r in &s.eligibility {
            cite(&r.source);
            codes.insert(r.code.clone());
        }
        for n in &s.notes {
            cite(&n.source);
            codes.insert(n.code.clone());
        }
        for f in &s.fees {
            for t in &f.tiers {
                cite(&t.source);
                codes.insert(t.code.clone());
            }
            for sub in &f.subsidies {
                cite(&sub.source);
                codes.insert(sub.code.clone());
            }
        }
        s.deadlines.iter().for_each(|d| cite(&d.source));
        s.places.iter().chain(&s.documents).for_each(|l| cite(&l.source));
        for b in &s.benefits {
            cite(&b.source);
            codes.insert(b.code.clone());
        }
    }
    (cites, codes)
}

#[test]
fn every_pack_has_a_case_file_covering_each_clause_and_rule() {
    let engine = Engine::builtin().unwrap();
    let files = case_files();
    let mut national_codes_seen = BTreeSet::new();
    for loaded in engine.packs() {
        let id = &loaded.pack.id;
        let (_, doc) = files
            .iter()
            .find(|(_, d)| d["pack"] == id.as_str())
            .unwrap_or_else(|| panic!("no case file for pack {id}"));
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
            for s in case["expect"]["schemes"]
                .as_object()
                .into_iter()
                .flat_map(|m| m.values())
            {
                for key in ["reasons", "feeReasons", "benefits"] {
                    expected.extend(strings(&s[key]).into_iter().map(String::from));
                }
            }
        }
        national_codes_seen.extend(expected.iter().cloned());
        let (cites, codes) = pack_inventory(&engine, id);
        let national = national_codes(&engine);
        let is_national = |c: &String| c.starts_with("000 ") || c.starts_with("001 ");
        let uncited: Vec<_> = cites
            .iter()
            .filter(|c| !named.contains(*c) && !is_national(c))
            .collect();
        assert!(
            uncited.is_empty(),
            "pack {id}: no case names these clauses: {uncited:?}"
        );
        let untested: Vec<_> = codes
            .iter()
            .filter(|c| !expected.contains(*c) && !national.contains(*c))
            .collect();
        assert!(
            untested.is_empty(),
            "pack {id}: no case expects these rule codes: {untested:?}"
        );
    }
    let national_all = national_codes(&engine);
    let untested: Vec<_> = national_all
        .iter()
        .filter(|c| !national_codes_seen.contains(*c))
        .collect();
    assert!(
        untested.is_empty(),
        "no case in any file expects these national rule codes: {untested:?}"
    );
}

/// The codes of the national notices' rules (those citing 000 or 001), merged into every pack.
fn national_codes(engine: &Engine) -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    let national = engine.national().schemes.iter();
    for s in engine.packs().iter().flat_map(|l| &l.pack.schemes).chain(national) {
        {
            let rules = s.eligibility.iter().map(|r| (&r.source, &r.code));
            let notes = s.notes.iter().map(|n| (&n.source, &n.code));
            for (source, code) in rules.chain(notes) {
                if ["000", "001"].contains(&source.doc.as_str()) {
                    codes.insert(code.clone());
                }
            }
        }
    }
    codes
}
