//! Any bytes as a household request, through `api::check_household`: never a
//! panic; the answer or the error is JSON of the contract's shape; each
//! member's known shares add up, and so do the household's totals; every
//! member index it names is a member.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let format = if data.len() % 2 == 1 { canbao::api::Format::Indented } else { canbao::api::Format::Compact };
    match canbao::api::check_household(common::engine(), text, common::today(data), format) {
        Ok(answer) => common::household(&common::parse(&answer)),
        Err(error) => {
            // A member's error names the member (`members[1].birthDate`), never
            // `person`; only an unknown key is quoted as it was written.
            let v = common::error(&error);
            let field = v["error"]["field"].as_str().unwrap_or_default();
            let code = v["error"]["code"].as_str().unwrap_or_default();
            assert!(
                code == "unknown_field" || !field.starts_with("person"),
                "a member's error names `person`: {field}"
            );
        }
    }
});
