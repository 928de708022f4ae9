//! Loading and validating policy packs, built in and written by portal operators.

use canbao::{api, Engine};
use chrono::NaiveDate;
use serde_json::{json, Value};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2018, 1, 1).unwrap()
}

/// A small pack for a region running the merged urban-rural resident scheme
/// (城乡居民基本医疗保险). Its figures are test data, not any region's.
fn merged_pack() -> Value {
    json!({
        "id": "example-merged",
        "name": { "zh-CN": "示例市（城乡居民医保）", "en": "Example city (merged resident scheme)" },
        "valid": { "from": "2017-01-01" },
        "referenceDay": { "day": "01-01", "source": "X 三" },
        "sources": [{ "id": "X", "title": { "zh-CN": "示例市城乡居民基本医疗保险办法" }, "strength": "official" }],
        "parameters": { "averageMonthlyWage": [{ "from": "2017-01-01", "value": "5000.00", "source": "X 五" }] },
        "schemes": [
            { "scheme": "urban_rural_resident",
              "eligibility": [
                { "when": { "employment": ["employee", "public_employee"] }, "status": "ineligible", "code": "in_employee_scheme", "message": { "zh-CN": "职工参加职工医保。" }, "source": "X 二" },
                { "when": { "hukouLocal": true }, "status": "eligible", "code": "local_resident", "message": { "zh-CN": "本市城乡居民。" }, "source": "X 二" }
              ],
              "fees": [{ "from": "2017-01-01", "period": "year", "tiers": [
                { "individual": "180.00", "government": "450.00", "code": "fee", "message": { "zh-CN": "个人180元，财政补助450元。" }, "source": "X 三" }
              ] }] },
            { "scheme": "employee",
              "eligibility": [{ "when": { "employment": ["flexible"] }, "status": "eligible", "code": "flex", "message": { "zh-CN": "灵活就业。" }, "source": "X 四" }],
              "fees": [{ "from": "2017-01-01", "period": "month", "tiers": [
                { "when": { "employment": ["flexible"] }, "individual": { "rate": "0.08", "base": "averageWage" }, "code": "flex_fee", "message": { "zh-CN": "按上年度平均工资的8%。" }, "source": "X 五" }
              ] }] }
        ]
    })
}

fn load(pack: &Value) -> Result<Engine, canbao::pack::PackError> {
    let mut engine = Engine::builtin().unwrap();
    engine.load(&pack.to_string(), "operator.json")?;
    Ok(engine)
}

fn error(pack: &Value) -> String {
    match load(pack) {
        Ok(_) => panic!("the pack should be refused"),
        Err(e) => e.to_string(),
    }
}

fn check(engine: &Engine, request: &str) -> Value {
    serde_json::from_str(&api::check(engine, request, today(), canbao::api::Format::Compact).unwrap_or_else(|e| e))
        .unwrap()
}

fn scheme<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["schemes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scheme"] == id)
        .unwrap()
}

#[test]
fn builtin_packs_load_and_validate() {
    let engine = Engine::builtin().unwrap();
    let ids: Vec<&str> = engine.packs().iter().map(|p| p.id.as_str()).collect();
    // Today's packs first, then the historical documents', each after its parent.
    assert_eq!(
        ids,
        [
            "china",
            "beijing",
            "chengdu",
            "guangzhou",
            "hangzhou",
            "hebei",
            "hubei",
            "jiangxi",
            "shanghai",
            "shenzhen",
            "suizhou",
            "zhuhai",
            "notices-2004",
            "county-template",
            "liaoning-2007",
            "ordos-2009"
        ]
    );
    for p in engine.packs() {
        assert_eq!(p.hash.len(), 16);
    }
    // The base pack is only extended, never listed or answered for.
    let listed: Vec<&str> = engine.regions().map(|p| p.id.as_str()).collect();
    assert!(!listed.contains(&"notices-2004"));
    let r = check(&engine, r#"{"region":"notices-2004","year":2015,"person":{}}"#);
    assert_eq!(r["error"]["code"], "unknown_region");
}

#[test]
fn operator_pack_for_the_merged_scheme_answers_and_says_which_rules() {
    let engine = load(&merged_pack()).unwrap();
    let r = check(
        &engine,
        r#"{"region":"example-merged","year":2018,"person":{"age":30,"hukou":{"type":"rural","local":true},"employment":"farmer"}}"#,
    );
    let s = scheme(&r, "urban_rural_resident");
    assert_eq!(
        (&s["fee"]["total"], &s["fee"]["individual"], &s["fee"]["government"]),
        (&json!("630.00"), &json!("180.00"), &json!("450.00"))
    );
    // The answer names the pack and the hash of the rules that produced it.
    let pack = engine.pack("example-merged").unwrap();
    assert_eq!(r["rules"]["pack"], "example-merged");
    assert_eq!(r["rules"]["hash"], pack.hash.as_str());
}

#[test]
fn average_wage_parameter_is_the_flexible_base() {
    let engine = load(&merged_pack()).unwrap();
    let r = check(
        &engine,
        r#"{"region":"example-merged","year":2018,"person":{"age":30,"hukou":{"type":"urban","local":true},"employment":"flexible"}}"#,
    );
    assert_eq!(scheme(&r, "employee")["fee"]["individual"], "400.00");
}

#[test]
fn unknown_key_is_named_with_its_path() {
    let mut p = merged_pack();
    p["schemes"][0]["eligibility"][1]["colour"] = json!("red");
    let e = error(&p);
    assert!(
        e.starts_with("operator.json: schemes[0].eligibility[1].colour: unknown field `colour`"),
        "{e}"
    );
}

#[test]
fn null_is_refused_where_it_would_match_everyone() {
    let mut p = merged_pack();
    p["schemes"][0]["eligibility"][1]["when"] = json!({ "ageAtLeast": null });
    let e = error(&p);
    assert_eq!(
        e,
        "operator.json: schemes[0].eligibility[1].when.ageAtLeast: null is not allowed: leave the key out"
    );
}

#[test]
fn missing_citation_is_refused() {
    let mut p = merged_pack();
    p["schemes"][0]["eligibility"][1]
        .as_object_mut()
        .unwrap()
        .remove("source");
    let e = error(&p);
    assert!(
        e.starts_with("operator.json: schemes[0].eligibility[1]: missing field `source`"),
        "{e}"
    );
}

#[test]
fn citation_of_an_unlisted_document_is_refused() {
    let mut p = merged_pack();
    p["schemes"][0]["eligibility"][0]["source"] = json!("Y 二");
    let e = error(&p);
    assert!(
        e.starts_with("operator.json: schemes[0].eligibility[0].source: cites document \"Y\""),
        "{e}"
    );
}

#[test]
fn negative_amounts_and_rates_are_refused() {
    let mut p = merged_pack();
    p["schemes"][0]["fees"][0]["tiers"][0]["individual"] = json!("-180.00");
    assert!(
        error(&p).contains("schemes[0].fees[0].tiers[0].individual"),
        "{}",
        error(&p)
    );
    let mut p = merged_pack();
    p["schemes"][1]["fees"][0]["tiers"][0]["individual"]["rate"] = json!("-0.08");
    assert!(
        error(&p).contains("schemes[1].fees[0].tiers[0].individual"),
        "{}",
        error(&p)
    );
}

#[test]
fn overlapping_schedules_are_refused() {
    let mut p = merged_pack();
    let mut second = p["schemes"][0]["fees"][0].clone();
    second["from"] = json!("2018-01-01");
    p["schemes"][0]["fees"].as_array_mut().unwrap().push(second);
    assert_eq!(
        error(&p),
        "operator.json: schemes[0].fees[1]: overlaps schemes[0].fees[0] (2017-01-01 on and 2018-01-01 on)"
    );
    // Back to back is fine.
    p["schemes"][0]["fees"][0]["to"] = json!("2017-12-31");
    assert!(load(&p).is_ok());
}

#[test]
fn a_scheme_may_not_exclude_itself() {
    let mut p = merged_pack();
    p["schemes"][0]["exclusiveWith"] = json!(["urban_rural_resident"]);
    p["schemes"][0]["exclusiveSource"] = json!("X 二");
    assert!(
        error(&p).contains("schemes[0].exclusiveWith: a scheme cannot exclude itself"),
        "{}",
        error(&p)
    );
}

#[test]
fn a_builtin_pack_cannot_be_replaced_nor_its_name_reused() {
    let mut p = merged_pack();
    p["id"] = json!("ordos-2009");
    assert!(error(&p).contains("built-in pack"), "{}", error(&p));
    // The picker would show two entries a resident cannot tell apart.
    let mut p = merged_pack();
    p["name"] = json!({ "zh-CN": "全国统一规定（各地最低标准）" });
    let e = error(&p);
    assert!(e.contains("name.zh-CN") && e.contains("\"china\""), "{e}");
}

#[test]
fn a_look_alike_of_a_name_is_refused() {
    let china = "全国统一规定（各地最低标准）";
    let en = Engine::builtin().unwrap();
    let english = serde_json::from_str::<Value>(&api::regions(&en, canbao::model::text::Lang::En, today(), canbao::api::Format::Compact))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "china")
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .unwrap();
    let looks = [
        json!({ "zh-CN": format!("{china} ") }),
        json!({ "zh-CN": format!("\u{3000}{china}") }),
        json!({ "zh-CN": "全国统一\u{200B}规定（各地最低标准）" }),
        json!({ "zh-CN": "全国统一规定(各地最低标准)" }),
        json!({ "zh-CN": "别的名字", "en": english.to_uppercase() }),
    ];
    for name in looks {
        let mut p = merged_pack();
        p["name"] = name.clone();
        let e = error(&p);
        assert!(e.contains("is already the name of pack \"china\""), "{name}: {e}");
    }
}

#[test]
fn loaded_packs_are_bounded_in_number_and_depth() {
    let mut engine = Engine::builtin().unwrap();
    // A chain: each extends the last, up to the limit and one more.
    let mut parent = "china".to_owned();
    for i in 0..=canbao::pack::registry::MAX_EXTENDS {
        let p = json!({ "id": format!("chain-{i}"), "extends": parent, "name": { "zh-CN": format!("链{i}") }, "valid": { "from": "2017-01-01" } });
        let loaded = engine.load(&p.to_string(), "chain.json");
        // chain-0 is one deep (it extends china), chain-7 eight.
        if i < canbao::pack::registry::MAX_EXTENDS {
            assert!(loaded.is_ok(), "{i}: {:?}", loaded.err());
        } else {
            let e = loaded.err().expect("deeper than the limit").to_string();
            assert!(e.contains("extends:") && e.contains("at most 8"), "{e}");
        }
        parent = format!("chain-{i}");
    }
    // Loading the same id again replaces it, so 1,000 reloads stay one pack.
    let mut engine = Engine::builtin().unwrap();
    let before = engine.registry().table().len();
    let mut p = merged_pack();
    for _ in 0..1000 {
        engine.load(&p.to_string(), "again.json").unwrap();
    }
    let once = engine.registry().table().len();
    engine.load(&p.to_string(), "again.json").unwrap();
    assert_eq!(engine.registry().table().len(), once);
    assert!(once > before);
    // At most MAX_LOADED distinct ones.
    for i in 0..canbao::pack::registry::MAX_LOADED {
        p["id"] = json!(format!("many-{i}"));
        p["name"] = json!({ "zh-CN": format!("多{i}") });
        let loaded = engine.load(&p.to_string(), "many.json");
        // "example-merged" is loaded already: it counts.
        if i + 1 < canbao::pack::registry::MAX_LOADED {
            assert!(loaded.is_ok(), "{i}: {:?}", loaded.err());
        } else {
            assert!(loaded.err().unwrap().to_string().contains("at most 64 packs"));
        }
    }
}

#[test]
fn a_text_over_the_string_limit_is_refused_at_its_key() {
    let mut p = merged_pack();
    p["name"]["en"] = json!("x".repeat(canbao::model::request::MAX_STRING_BYTES + 1));
    let e = error(&p);
    assert!(e.starts_with("operator.json: name.en: a text may have at most 16384 bytes"), "{e}");
    p["name"]["en"] = json!("x".repeat(canbao::model::request::MAX_STRING_BYTES));
    // The name is long but allowed; any other error is not this one.
    assert!(load(&p).is_ok());
}

#[test]
fn bad_dates_ids_and_control_characters_are_refused() {
    let mut p = merged_pack();
    p["valid"]["from"] = json!("2017-02-30");
    assert!(error(&p).starts_with("operator.json: valid.from:"), "{}", error(&p));
    let mut p = merged_pack();
    p["id"] = json!("Example City");
    assert!(error(&p).starts_with("operator.json: id:"), "{}", error(&p));
    let mut p = merged_pack();
    p["schemes"][0]["eligibility"][1]["message"]["zh-CN"] = json!("本市\u{1b}[2J城乡居民。");
    assert!(error(&p).contains("control character U+001B"), "{}", error(&p));
}

#[test]
fn a_pack_over_the_size_limit_is_refused() {
    let mut p = merged_pack();
    p["name"]["en"] = json!("x".repeat(canbao::pack::MAX_PACK_BYTES));
    assert!(error(&p).contains("a pack may have at most"), "{}", error(&p));
}

/// Suizhou's way: extend the national pack and write only what differs.
fn regional_pack() -> Value {
    json!({
        "id": "example-city-2026",
        "extends": "china",
        "name": { "zh-CN": "示例市（2026年度）" },
        "valid": { "from": "2026-01-01", "to": "2026-12-31" },
        "sources": [{ "id": "EX", "title": { "zh-CN": "示例市2026年度居民医保缴费通知" }, "strength": "official" }],
        "schemes": [{ "scheme": "urban_rural_resident",
            "fees": [{ "from": "2026-01-01", "to": "2026-12-31", "period": "year", "tiers": [
                { "individual": "420.00", "code": "example_fee", "message": { "zh-CN": "个人缴费420元。" }, "source": "EX 一" }] }],
            "subsidies": [{ "when": { "lowIncome": ["dibao"] }, "covers": "300.00", "code": "example_dibao", "message": { "zh-CN": "低保资助300元。" }, "source": "EX 二" }] }]
    })
}

#[test]
fn a_regional_pack_overrides_the_fee_and_help_and_inherits_the_rest() {
    let engine = load(&regional_pack()).unwrap();
    let ask = |low: &str| {
        let text = format!(
            r#"{{"region":"example-city-2026","year":2026,"payDate":"2025-11-01","person":{{"age":40,"hukou":{{"type":"urban","local":true}},"employment":"none","lowIncome":"{low}","disabilityGrade":0,"history":{{"lastCoveredYear":2025}}}}}}"#
        );
        check(&engine, &text)
    };
    let r = ask("dibao");
    let s = scheme(&r, "urban_rural_resident");
    assert_eq!(
        (&s["fee"]["individual"], &s["fee"]["government"]),
        (&json!("120.00"), &json!("300.00"))
    );
    // Inherited: the national public subsidy floor, and the 特困 rule.
    assert_eq!(s["fee"]["publicSubsidy"], "724.00");
    let s2 = ask("tekun");
    assert_eq!(scheme(&s2, "urban_rural_resident")["fee"]["individual"], "0.00");
    // And the employee scheme, which the regional pack does not mention.
    assert_eq!(scheme(&r, "employee")["status"], "ineligible");
}

#[test]
fn an_override_of_something_the_parent_lacks_names_the_file_and_key() {
    let mut p = regional_pack();
    p["schemes"][0]["scheme"] = json!("rural_cooperative");
    let e = error(&p);
    assert!(
        e.starts_with(
            "operator.json: schemes[0].eligibility: \"china\" has no scheme \"rural_cooperative\" to override"
        ),
        "{e}"
    );
    let mut p = regional_pack();
    p["extends"] = json!("atlantis");
    assert_eq!(error(&p), "operator.json: extends: no pack \"atlantis\" to extend");
    let mut p = regional_pack();
    p["valid"]["from"] = json!("2010-01-01");
    assert!(
        error(&p).starts_with("operator.json: valid: 2010-01-01 to 2026-12-31 is outside the years of \"china\""),
        "{}",
        error(&p)
    );
}

/// Validation is linear: 4 times the schedules take nowhere near 16 times as long.
/// (The old check compared every pair: 8,000 schedules took 15.8 s.)
#[test]
fn validation_grows_linearly_with_the_pack() {
    let pack_with = |n: usize| {
        let mut p = merged_pack();
        let schedule = |i: usize| {
            json!({ "from": format!("{:04}-01-01", 2017 + i), "to": format!("{:04}-12-31", 2017 + i), "period": "year",
            "tiers": [{ "individual": "1.00", "code": "c", "message": { "zh-CN": "m" }, "source": "X 三" }] })
        };
        p["schemes"][0]["fees"] = Value::Array((0..n).map(schedule).collect());
        p.to_string()
    };
    let time = |text: &str| {
        let mut best = std::time::Duration::MAX;
        for _ in 0..3 {
            let started = std::time::Instant::now();
            let mut engine = Engine::builtin().unwrap();
            engine.load(text, "big.json").unwrap();
            best = best.min(started.elapsed());
        }
        best
    };
    let (small, large) = (pack_with(800), pack_with(3_200));
    assert!(large.len() < canbao::pack::MAX_PACK_BYTES);
    let (a, b) = (time(&small), time(&large));
    assert!(b < a * 10, "800 schedules: {a:?}; 3,200: {b:?}");
}

/// The WebAssembly core starts from compiled packs (postcard, each with its own
/// items): every case answers the same from them as from the JSON ones.
#[test]
fn compiled_packs_answer_as_the_json_ones() {
    let json = Engine::builtin().unwrap();
    let compiled = Engine::from(
        canbao::pack::Registry::from_compiled(&canbao::pack::Registry::compiled_builtins().unwrap()).unwrap(),
    );
    let hashes = |e: &Engine| {
        e.packs()
            .iter()
            .map(|p| (p.id.clone(), p.hash.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(hashes(&json), hashes(&compiled));
    let mut count = 0;
    for entry in std::fs::read_dir("tests/cases").unwrap() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let today = canbao::model::date::parse(doc["today"].as_str().unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let Some(request) = case.get("request") else { continue };
            let today = case["today"]
                .as_str()
                .and_then(canbao::model::date::parse)
                .unwrap_or(today);
            let text = request.to_string();
            assert_eq!(
                api::check(&json, &text, today, canbao::api::Format::Compact),
                api::check(&compiled, &text, today, canbao::api::Format::Compact),
                "{}",
                case["name"]
            );
            count += 1;
        }
    }
    assert!(count > 150, "{count} cases");
}

/// The WebAssembly build answers with the pack's texts and reasons by number
/// and sends the table once: each number stands for exactly what the text
/// answer has in its place, in every case, in each language.
#[test]
fn numbered_answers_resolve_to_the_text_ones() {
    fn same(text: &Value, numbered: &Value, table: &[Value], at: &str) {
        match (text, numbered) {
            (Value::String(_) | Value::Object(_), Value::Number(n)) => {
                let i = n.as_u64().unwrap() as usize;
                assert_eq!(&table[i], text, "{at}: number {i}");
            }
            (Value::Object(a), Value::Object(b)) => {
                assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{at}");
                for (k, v) in a {
                    same(v, &b[k], table, &format!("{at}.{k}"));
                }
            }
            (Value::Array(a), Value::Array(b)) => {
                assert_eq!(a.len(), b.len(), "{at}");
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    same(x, y, table, &format!("{at}[{i}]"));
                }
            }
            _ => assert_eq!(text, numbered, "{at}"),
        }
    }
    let engine = Engine::from(
        canbao::pack::Registry::from_compiled(&canbao::pack::Registry::compiled_builtins().unwrap()).unwrap(),
    );
    let tables: Vec<Vec<Value>> = canbao::model::text::Lang::ALL
        .iter()
        .map(|l| serde_json::from_str(&canbao::api::table(&engine, *l)).unwrap())
        .collect();
    let (mut count, mut numbers) = (0, 0);
    for entry in std::fs::read_dir("tests/cases").unwrap() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let today = canbao::model::date::parse(doc["today"].as_str().unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let Some(request) = case.get("request") else { continue };
            let today = case["today"]
                .as_str()
                .and_then(canbao::model::date::parse)
                .unwrap_or(today);
            let text = request.to_string();
            let (Ok(a), Ok(b)) = (
                api::check(&engine, &text, today, canbao::api::Format::Compact),
                api::check(&engine, &text, today, canbao::api::Format::Numbered),
            ) else {
                continue;
            };
            let (a, b): (Value, Value) = (serde_json::from_str(&a).unwrap(), serde_json::from_str(&b).unwrap());
            let lang = canbao::model::text::Lang::parse(a["lang"].as_str().unwrap()).unwrap();
            same(&a, &b, &tables[lang.index()], case["name"].as_str().unwrap());
            numbers += usize::from(b.to_string().len() < a.to_string().len() / 2);
            count += 1;
        }
    }
    assert!(count > 120, "{count} answered cases");
    assert!(
        numbers > count / 2,
        "numbered answers are shorter: {numbers} of {count}"
    );
}

/// Found by fuzzing loadPolicy through the JS API: a message quoting the pack
/// (an `extends`, a document id, an unknown key) grew with it. It is bounded,
/// and control characters never reach it.
#[test]
fn a_message_never_grows_with_the_pack() {
    let long = "\u{0}x".repeat(50_000);
    let mut extends = merged_pack();
    extends["extends"] = Value::String(long.clone());
    let mut doc = merged_pack();
    doc["sources"][0]["id"] = Value::String(long.clone());
    let mut key = merged_pack();
    key["schemes"][0][long.as_str()] = Value::from(1);
    for pack in [extends, doc, key] {
        let e = load(&pack).unwrap_err();
        assert!(e.message.chars().count() < 700, "{} chars", e.message.len());
        assert!(e.key.chars().count() < 250, "{} chars", e.key.len());
        assert!(!e.message.contains('\u{0}') && !e.key.contains('\u{0}'));
    }
}

/// A city whose fee turns on age, asked about someone whose age is not given:
/// the fee is unknown, but the public subsidy is the schedule's, whatever the
/// tier, and still shows.
#[test]
fn the_public_subsidy_shows_while_the_tier_is_undecided() {
    let mut pack = regional_pack();
    pack["schemes"][0]["fees"] = json!([{ "from": "2026-01-01", "to": "2026-12-31", "period": "year",
        "publicSubsidy": { "amount": "724.00", "code": "subsidy", "message": { "zh-CN": "财政补助724元。" }, "source": "EX 三" },
        "tiers": [
            { "when": { "ageBelow": 18 }, "individual": "300.00", "code": "minor", "message": { "zh-CN": "未成年人300元。" }, "source": "EX 三" },
            { "individual": "420.00", "code": "adult", "message": { "zh-CN": "成年人420元。" }, "source": "EX 三" }
        ] }]);
    let engine = load(&pack).unwrap();
    let r = check(
        &engine,
        r#"{"region":"example-city-2026","year":2026,"person":{"hukou":{"type":"rural","local":true},"employment":"farmer","lowIncome":"none","disabilityGrade":0}}"#,
    );
    let fee = &scheme(&r, "urban_rural_resident")["fee"];
    assert_eq!(
        (fee["individual"].clone(), fee["publicSubsidy"].clone()),
        (Value::Null, json!("724.00")),
        "{fee}"
    );
    assert!(
        r["missing"].as_array().unwrap().contains(&json!("person.birthDate")),
        "{}",
        r["missing"]
    );
}

/// A pack error names the key at fault, down to a rate's `rate` and `base`,
/// and a strength given without the source it rates is refused.
#[test]
fn errors_name_the_rate_the_base_and_a_strength_without_source() {
    let mut rate = merged_pack();
    rate["schemes"][1]["fees"][0]["tiers"][0]["individual"]["rate"] = json!("1.5");
    let mut base = merged_pack();
    base["schemes"][1]["fees"][0]["tiers"][0]["individual"]["base"] = json!("salary");
    let mut strength = merged_pack();
    strength["referenceDay"] = json!({ "day": "01-01", "strength": "bogus" });
    for (pack, key) in [
        (rate, "schemes[1].fees[0].tiers[0].individual.rate"),
        (base, "schemes[1].fees[0].tiers[0].individual.base"),
        (strength, "referenceDay.strength"),
    ] {
        assert_eq!(load(&pack).unwrap_err().key, key);
    }
}

/// Issue 14: a build set to one place (`packs-bin --pack`, what `make city`
/// builds in) holds the place and the packs it extends, no others, and answers
/// a request naming no region with the place's own fee.
#[test]
fn a_build_set_to_a_place_answers_with_it_by_default() {
    let text = std::fs::read_to_string("docs/example-pack.toml").unwrap();
    let bytes = canbao::pack::Registry::compiled_place(&text, "docs/example-pack.toml").unwrap();
    let engine = Engine::from(canbao::pack::Registry::from_compiled(&bytes).unwrap());
    let ids: Vec<&str> = engine.regions().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["china", "example-city"]);
    let request = r#"{"year":2027,"lang":"en","person":{"age":40,"hukou":{"type":"rural","local":true},"employment":"farmer","lowIncome":"none","disabilityGrade":0}}"#;
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let v: Value = serde_json::from_str(&api::check(&engine, request, day, api::Format::Compact).unwrap()).unwrap();
    assert_eq!(v["region"], "example-city");
    // docs/example-pack.toml: an adult pays 420 in 2027 (made-up figures).
    let resident = v["schemes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scheme"] == "urban_rural_resident")
        .unwrap();
    assert_eq!(resident["fee"]["individual"], "420.00");
    // A city in Hubei brings Hubei with it.
    let text = std::fs::read_to_string("policies/suizhou.toml").unwrap();
    let bytes = canbao::pack::Registry::compiled_place(&text, "policies/suizhou.toml").unwrap();
    let engine = Engine::from(canbao::pack::Registry::from_compiled(&bytes).unwrap());
    let ids: Vec<&str> = engine.regions().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["china", "hubei", "suizhou"]);
}

/// Issue 19: a citation reads in the reader's language. In English no Chinese
/// character is left (document numbers and clauses included: each source's
/// `clauses` gives a clause in the other languages); in 繁體 no character
/// that only Simplified Chinese writes that way.
#[test]
fn citations_read_in_the_readers_language() {
    use canbao::model::text::Lang;
    use canbao::pack::Item;
    let engine = Engine::builtin().unwrap();
    let simplified_only: Vec<char> = "发号条险医统盖围范务办厅关费补缴资议见筹乡镇农疗诊报销划转续济贫难残岁龄证户设计检查说额门业进区县级区党员职规则应该为员时间问题实现们这个会样对经现发开过长还点进动体两关务将让从当无么样实际过程处变化员总称织组级".chars().collect();
    let mut bad = Vec::new();
    for pack in engine.registry().packs() {
        let mut pack = pack.clone();
        let id = pack.id.clone();
        pack.each_item(&mut |item| {
            let label = match item {
                Item::Cite(c) => c.label.clone(),
                Item::Reason(r) => r.cite.label.clone(),
                Item::Text(_) => return,
            };
            let en = label.get(Lang::En);
            if en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "〔〕《》（）".contains(c)) {
                bad.push(format!("{id} en: {en}"));
            }
            let tw = label.get(Lang::ZhTw);
            if let Some(c) = tw.chars().find(|c| simplified_only.contains(c)) {
                bad.push(format!("{id} zh-TW ({c}): {tw}"));
            }
        });
    }
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "{} citations not in the reader's language:\n{}", bad.len(), bad.join("\n"));
}
