//! Properties that must hold for any request: no input panics, shares add up to
//! the total, no amount is negative, and the same request gives the same response.

use canbao::model::money::Money;
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
            "unemployment_benefit",
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
            pick(&["none", "low_income_family", "dibao", "tekun", "monitored"]),
            prop_oneof![10 => Just(Value::Null), 10 => (0i64..5).prop_map(|g| json!(g)), 1 => (-3i64..9).prop_map(|g| json!(g))],
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
    // Mostly a region with a year it serves, sometimes anything.
    let region_year = prop_oneof![
        8 => proptest::sample::select(&[
            ("china", 2017i64), ("china", 2020), ("china", 2025), ("china", 2026), ("china", 2027),
            ("suizhou-2025", 2025), ("county-template", 2015), ("county-template", 2019),
            ("ordos-2009", 2009), ("ordos-2010", 2010), ("ordos-2009", 2011), ("liaoning-2007", 2008),
        ][..]).prop_map(|(r, y)| (json!(r.replace("ordos-2010", "ordos-2009")), json!(y))),
        1 => (pick(&["china", "county-template", "ordos-2009"]), prop_oneof![Just(Value::Null), (2005i64..2030).prop_map(|y| json!(y))]),
    ];
    (
        region_year,
        pick(&["zh-CN", "zh-TW", "en"]),
        person,
    )
        .prop_map(|((region, year), lang, ((bd, age, sex), (ht, hl, moved, mar), emp, (lvl, ft, sl), (pf, own, cond), (li, dg, le, ch), (wage, enr)))| {
            json!({ "region": region, "year": year, "lang": lang, "person": {
                "birthDate": bd, "age": age, "sex": sex,
                "hukou": { "type": ht, "local": hl, "movedInOn": moved, "movedAfterRetirement": mar },
                "history": { "lastCoveredYear": if hl == Value::Null { json!(null) } else { json!(2024) }, "backPayYears": le.as_bool().map(|b| json!(u8::from(b))) },
                "employment": emp, "school": { "level": lvl, "fullTime": ft, "local": sl },
                "retirement": { "pensionFrom": pf, "enterprise": { "ownership": own, "condition": cond } },
                "lowIncome": li, "disabilityGrade": dg, "landExpropriated": le, "childrenHaveLocalUrbanHukou": ch,
                "monthlyWage": wage, "enrolled": enr } })
        })
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The response or the error body, as JSON.
fn check(text: &str) -> Result<Value, Value> {
    let parse = |t: String| serde_json::from_str::<Value>(&t).unwrap();
    canbao::api::check(engine(), text, today(), canbao::api::Format::Compact)
        .map(parse)
        .map_err(parse)
}

fn amount(v: &Value) -> Option<Money> {
    v.as_str()
        .map(|s| Money::parse(s).unwrap_or_else(|| panic!("not an amount: {s}")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn shares_add_up_and_are_never_negative(req in request()) {
        let text = req.to_string();
        if let Ok(response) = check(&text) {
            for s in response["schemes"].as_array().unwrap() {
                let fee = &s["fee"];
                if fee.is_null() { continue; }
                let shares = [amount(&fee["individual"]), amount(&fee["employer"]), amount(&fee["government"])];
                for a in shares.iter().chain([&amount(&fee["total"])]).flatten() {
                    prop_assert!(*a >= Money::ZERO, "{} negative in {text}", a);
                }
                if let (Some(total), [Some(i), Some(e), Some(g)]) = (amount(&fee["total"]), shares) {
                    prop_assert_eq!(total.decimal(), i.decimal() + e.decimal() + g.decimal(), "{}", text);
                }
            }
            let missing = response["missing"].as_array().unwrap();
            for (i, m) in missing.iter().enumerate() {
                prop_assert!(!missing[..i].contains(m), "{} listed twice in missing", m);
            }
        }
    }

    #[test]
    fn same_request_same_answer(req in request()) {
        let text = req.to_string();
        prop_assert_eq!(check(&text), check(&text));
    }

    #[test]
    fn any_text_gives_a_response_or_an_error_naming_a_field(text in ".{0,200}") {
        if let Err(e) = check(&text) {
            prop_assert!(!e["error"]["message"].as_str().unwrap().is_empty());
            prop_assert!(e["error"]["field"].is_string());
        }
    }

    #[test]
    fn errors_name_a_field_and_speak_the_requested_language(req in request()) {
        if let Err(body) = check(&req.to_string()) {
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
