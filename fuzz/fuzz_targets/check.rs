//! Any bytes as a request: decoding and the engine must never panic, and an
//! answer's shares must add up to its total.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn engine() -> &'static canbao::Engine {
    static ENGINE: OnceLock<canbao::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| canbao::Engine::builtin().expect("built-in packs"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let today = chrono::NaiveDate::from_ymd_opt(2015, 1, 5).expect("date");
    match canbao::request::from_json(text).and_then(|r| engine().check(&r, today)) {
        Ok(response) => {
            for s in &response.schemes {
                if let Some(f) = &s.fee {
                    if let (Some(t), Some(i), Some(e), Some(g)) = (f.total, f.individual, f.employer, f.government) {
                        assert_eq!(t.decimal(), i.decimal() + e.decimal() + g.decimal());
                    }
                }
            }
            let _ = response.to_json(false);
        }
        Err(e) => {
            let _ = e.to_json(false);
        }
    }
    if let Ok(household) = canbao::request::household_from_json(text) {
        let _ = engine().check_household(&household, today);
    }
});
