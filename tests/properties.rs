//! Properties that must hold for any request: no input panics, shares add up to
//! the total, no amount is negative, and the same request gives the same response.

use canbao::money::Money;
use canbao::Engine;
use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{json, Value};

fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| Engine::builtin().unwrap())
}

/// A value that is usually valid for its field and sometimes not.
fn pick(valid: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop_oneof![
        40 => proptest::sample::select(valid).prop_map(|s| json!(s)),
        4 => Just(Value::Null),
        1 => "[a-z_]{0,12}".prop_map(|s| json!(s)),
        1 => any::<i64>().prop_map(|n| json!(n)),
    ]
}

fn maybe_bool() -> impl Strategy<Value = Value> {
    prop_oneof![40 => any::<bool>().prop_map(|b| json!(b)), 4 => Just(Value::Null), 1 => Just(json!("yes"))]
}

fn date() -> impl Strategy<Value = Value> {
    prop_oneof![
        40 => (1900i32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| json!(format!("{y:04}-{m:02}-{d:02}"))),
        4 => Just(Value::Null),
        1 => ".{0,12}".prop_map(|s| json!(s)),
    ]
}

fn request() -> impl Strategy<Value = Value> {
    let person = (
        (
            date(),
            prop_oneof![12 => Just(Value::Null), 3 => (0i64..120).prop_map(|a| json!(a)), 1 => any::<i64>().prop_map(|a| json!(a))],
            pick(&["male", "female"]),
        ),
        (
            pick(&["urban", "rural"]),
            maybe_bool(),
            prop_oneof![3 => Just(Value::Null), 1 => date()],
            maybe_bool(),
        ),
        pick(&[
            "employee",
            "public_employee",
            "flexible",
            "farmer",
            "student",
            "none",
            "retired",
        ]),
        (
            pick(&["preschool", "primary", "secondary", "higher"]),
            maybe_bool(),
            maybe_bool(),
        ),
        (
            pick(&["local", "elsewhere"]),
            pick(&["state", "collective", "private", "other"]),
            pick(&["normal", "struggling", "closed", "bankrupt", "restructured"]),
        ),
        (
            pick(&["none", "low_income_family", "dibao"]),
            prop_oneof![10 => Just(Value::Null), 10 => (1i64..5).prop_map(|g| json!(g)), 1 => (-3i64..9).prop_map(|g| json!(g))],
            maybe_bool(),
            maybe_bool(),
        ),
        (
            prop_oneof![10 => Just(Value::Null), 10 => "[0-9]{1,7}(\\.[0-9]{1,2})?".prop_map(|s| json!(s)), 1 => "[0-9]{1,7}\\.[0-9]{3}".prop_map(|s| json!(s)), 1 => Just(json!("-5"))],
            pick(&[
                "none",
                "employee",
                "urban_resident",
                "rural_cooperative",
                "retiree_inpatient_pool",
            ]),
        ),
    );
    (
        pick(&["county-template", "ordos-2009", "liaoning-2007"]),
        prop_oneof![1 => Just(Value::Null), 1 => (2005i64..2030).prop_map(|y| json!(y)), 4 => proptest::sample::select(&[2008i64, 2009, 2010, 2011, 2015, 2020][..]).prop_map(|y| json!(y))],
        pick(&["zh-CN", "zh-TW", "en"]),
        person,
    )
        .prop_map(|(region, year, lang, ((bd, age, sex), (ht, hl, moved, mar), emp, (lvl, ft, sl), (pf, own, cond), (li, dg, le, ch), (wage, enr)))| {
            json!({ "region": region, "year": year, "lang": lang, "person": {
                "birthDate": bd, "age": age, "sex": sex,
                "hukou": { "type": ht, "local": hl, "movedInOn": moved, "movedAfterRetirement": mar },
                "employment": emp, "school": { "level": lvl, "fullTime": ft, "local": sl },
                "retirement": { "pensionFrom": pf, "enterprise": { "ownership": own, "condition": cond } },
                "lowIncome": li, "disabilityGrade": dg, "landExpropriated": le, "childrenHaveLocalUrbanHukou": ch,
                "monthlyWage": wage, "enrolled": enr } })
        })
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn check(text: &str) -> Result<canbao::Response, canbao::RequestError> {
    canbao::request::from_json(text).and_then(|r| engine().check(&r, today()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn shares_add_up_and_are_never_negative(req in request()) {
        let text = req.to_string();
        if let Ok(response) = check(&text) {
            for s in &response.schemes {
                let Some(fee) = &s.fee else { continue };
                let shares = [fee.individual, fee.employer, fee.government];
                for amount in shares.iter().chain([&fee.total]).flatten() {
                    prop_assert!(*amount >= Money::ZERO, "{} negative in {text}", amount);
                }
                if let (Some(total), [Some(i), Some(e), Some(g)]) = (fee.total, shares) {
                    prop_assert_eq!(total.decimal(), i.decimal() + e.decimal() + g.decimal(), "{}", text);
                }
            }
            prop_assert!(response.missing.windows(2).all(|w| w[0] < w[1]), "missing not sorted/deduped: {:?}", response.missing);
        }
    }

    #[test]
    fn same_request_same_answer(req in request()) {
        let text = req.to_string();
        let a = check(&text).map(|r| r.to_json(false)).map_err(|e| e.to_json(false));
        let b = check(&text).map(|r| r.to_json(false)).map_err(|e| e.to_json(false));
        prop_assert_eq!(a, b);
    }

    #[test]
    fn any_text_gives_a_response_or_an_error_naming_a_field(text in ".{0,200}") {
        if let Err(e) = check(&text) {
            prop_assert!(!e.message().is_empty());
        }
    }

    #[test]
    fn errors_name_a_field_and_speak_the_requested_language(req in request()) {
        if let Err(e) = check(&req.to_string()) {
            let body: Value = serde_json::from_str(&e.to_json(false)).unwrap();
            let message = body["error"]["message"].as_str().unwrap_or_default();
            prop_assert!(!message.is_empty() && !message.contains('{'), "unfilled template: {}", message);
            if req["lang"] == "en" && body["error"]["field"] != "lang" {
                prop_assert!(message.is_ascii() || message.contains('–'), "not English: {}", message);
            }
        }
    }
}

/// The generator must reach the engine, not only the decoder: a fixed seed, so
/// the count is the same every run.
#[test]
fn generator_reaches_the_engine() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let answered = (0..500)
        .filter(|_| check(&request().new_tree(&mut runner).unwrap().current().to_string()).is_ok())
        .count();
    assert!(
        answered >= 50,
        "only {answered} of 500 generated requests were answered"
    );
}
