//! Any bytes as a check request, through `api::check` as the CLI and the
//! WebAssembly build call it: never a panic; the answer or the error is JSON
//! of the contract's shape; known shares add up to the total; the answer that
//! names the pack's words by number (the wasm core's) says the same as the one
//! that writes them out.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    common::check_both(
        common::engine(),
        text,
        common::today(data),
        data.len() % 2 == 1,
        common::builtin_tables(),
    );
});
