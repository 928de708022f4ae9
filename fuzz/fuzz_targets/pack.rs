//! Any bytes as a policy pack: reading and validating must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut engine = canbao::Engine::builtin().expect("built-in packs");
    if let Ok(pack) = canbao::pack::Pack::from_json(text, "fuzz", engine.national_sources()) {
        let _ = engine.load(pack, "fuzz", data);
    }
});
