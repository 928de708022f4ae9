//! Any bytes as a policy pack, loaded as `canbao validate` and `loadPolicy` load
//! it: never a panic, and a refusal names a key with a bounded message. A pack
//! that loads answers a few persons without a panic, in the contract's shape,
//! and answers them alike after the trip through postcard that the WebAssembly
//! build makes (the loader module compiles it, the core module adds it).
#![no_main]

#[path = "common.rs"]
mod common;

use canbao::pack::Pack;
use libfuzzer_sys::fuzz_target;

const PERSONS: &[&str] = &[
    r#"{"age":40,"hukou":{"type":"urban","local":true},"employment":"none","lowIncome":"none","disabilityGrade":0,"enrolled":"none"}"#,
    r#"{"age":8,"sex":"female","hukou":{"type":"rural","local":true},"employment":"student","school":{"level":"primary","fullTime":true,"local":true},"lowIncome":"dibao","disabilityGrade":0,"enrolled":"none"}"#,
    r#"{"age":35,"hukou":{"type":"rural","local":false},"residencePermit":true,"employment":"employee","monthlyWage":"5000","lowIncome":"none","enrolled":"none"}"#,
    r#"{"age":66,"sex":"male","hukou":{"type":"urban","local":true,"movedInOn":"2001-05-01"},"employment":"retired","retirement":{"pensionFrom":"local","enterprise":{"ownership":"state","condition":"bankrupt"}},"lowIncome":"tekun","disabilityGrade":2,"enrolled":"employee","history":{"lastCoveredYear":null}}"#,
    r#"{}"#,
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let builtin = common::engine();
    let loaded = Pack::load(text, "fuzz.json", false, |id| builtin.any_pack(id).cloned());
    let pack = match loaded {
        Ok(pack) => pack,
        Err(e) => {
            // A key or message quoting the pack is bounded (200 and 600
            // characters, and an ellipsis) and has no control characters: it
            // reaches terminals and pages.
            let (key, message) = (e.key.chars().count(), e.message.chars().count());
            assert!(key <= 201, "a key of {key} characters");
            assert!(message > 0 && message <= 601, "a message of {message} characters");
            let control = |s: &str| s.chars().any(char::is_control);
            assert!(!control(&e.key) && !control(&e.message), "a control character: {e:?}");
            return;
        }
    };
    // Only now the engines to add it to: most inputs never get here.
    let (mut native, mut wasm) = (builtin.clone(), builtin.clone());
    let compiled = postcard::to_allocvec(&pack).expect("a compiled pack");
    let id = pack.id.clone();
    let year = pack.first_year();
    let added = native.add(pack, "fuzz.json").map(|_| ());
    let roundtrip: Pack = postcard::from_bytes(&compiled).expect("the compiled pack reads back");
    let added_too = wasm.add(roundtrip, "loadPolicy").map(|_| ());
    assert_eq!(
        added.is_ok(),
        added_too.is_ok(),
        "added natively: {added:?}; after postcard: {added_too:?}"
    );
    if added.is_err() {
        return;
    }
    // The persons ask in English: the English table is enough.
    let tables = [Vec::new(), Vec::new(), common::table(&native, canbao::model::text::Lang::En)];
    for (i, person) in PERSONS.iter().enumerate() {
        let request = format!(
            r#"{{"region":{},"year":{year},"lang":"en","person":{person}}}"#,
            serde_json::Value::from(id.as_str())
        );
        let today = common::today(&data[..i.min(data.len())]);
        common::check_both(&native, &request, today, i % 2 == 1, &tables);
        let a = canbao::api::check(&native, &request, today, canbao::api::Format::Compact);
        let b = canbao::api::check(&wasm, &request, today, canbao::api::Format::Compact);
        assert_eq!(a, b, "the pack answers otherwise after postcard");
    }
});
