//! Loading and validating policy packs, built in and written by portal operators.

use canbao::pack::Pack;
use canbao::Engine;
use chrono::NaiveDate;
use serde_json::{json, Value};

/// A small pack for a region running the merged urban-rural resident scheme
/// (城乡居民基本医疗保险). Its figures are test data, not any region's.
fn merged_pack() -> Value {
    json!({
        "id": "example-merged",
        "name": { "zh-CN": "示例市（城乡居民医保）", "en": "Example city (merged resident scheme)" },
        "valid": { "from": "2017-01-01" },
        "referenceDay": { "day": "01-01", "source": "X 三" },
        "sources": [{ "id": "X", "title": "示例市城乡居民基本医疗保险办法" }],
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
    let text = pack.to_string();
    let p = Pack::from_json(&text, "operator.json", engine.national_sources())?;
    engine.load(p, "operator.json", text.as_bytes())?;
    Ok(engine)
}

fn error(pack: &Value) -> String {
    match load(pack) {
        Ok(_) => panic!("the pack should be refused"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn builtin_packs_load_and_validate() {
    let engine = Engine::builtin().unwrap();
    assert_eq!(engine.packs().len(), 3);
    for p in engine.packs() {
        assert_eq!(p.hash.len(), 16);
    }
}

#[test]
fn operator_pack_for_the_merged_scheme_answers() {
    let engine = load(&merged_pack()).unwrap();
    let req = canbao::request::from_json(r#"{"region":"example-merged","year":2018,"person":{"age":30,"hukou":{"type":"rural","local":true},"employment":"farmer"}}"#).unwrap();
    let r = engine
        .check(&req, NaiveDate::from_ymd_opt(2018, 1, 1).unwrap())
        .unwrap();
    let s = &r.schemes[0];
    assert_eq!(s.scheme.as_str(), "urban_rural_resident");
    let fee = s.fee.as_ref().unwrap();
    let shown = |m: Option<canbao::money::Money>| m.map(|m| m.to_string());
    assert_eq!(
        (shown(fee.total), shown(fee.individual), shown(fee.government)),
        (Some("630.00".into()), Some("180.00".into()), Some("450.00".into()))
    );
    // The national notices apply here too: their schemes are added.
    assert!(r
        .schemes
        .iter()
        .any(|s| s.scheme == canbao::vocab::Scheme::LargeExpenseSupplement));
}

#[test]
fn average_wage_parameter_is_the_flexible_base() {
    let engine = load(&merged_pack()).unwrap();
    let req = canbao::request::from_json(r#"{"region":"example-merged","year":2018,"person":{"age":30,"hukou":{"type":"urban","local":true},"employment":"flexible"}}"#).unwrap();
    let r = engine
        .check(&req, NaiveDate::from_ymd_opt(2018, 1, 1).unwrap())
        .unwrap();
    let employee = r
        .schemes
        .iter()
        .find(|s| s.scheme == canbao::vocab::Scheme::Employee)
        .unwrap();
    assert_eq!(employee.fee.as_ref().unwrap().individual.unwrap().to_string(), "400.00");
}

#[test]
fn unknown_key_is_named_with_its_path() {
    let mut p = merged_pack();
    p["schemes"][0]["eligibility"][1]["colour"] = json!("red");
    let e = error(&p);
    assert!(e.starts_with("operator.json: schemes[0].eligibility[1].colour: unknown field `colour`, expected one of `when`, `status`, `code`, `message`, `source`"), "{e}");
}

#[test]
fn missing_citation_is_refused() {
    let mut p = merged_pack();
    p["schemes"][0]["eligibility"][1]
        .as_object_mut()
        .unwrap()
        .remove("source");
    assert!(
        error(&p).starts_with("operator.json: schemes[0].eligibility[1].source: missing field `source`"),
        "{}",
        error(&p)
    );
}

#[test]
fn citation_of_an_unlisted_document_is_refused() {
    let mut p = merged_pack();
    p["schemes"][0]["eligibility"][0]["source"] = json!("Y 二");
    assert!(
        error(&p).starts_with("operator.json: schemes[0].eligibility[0].source: cites document \"Y\""),
        "{}",
        error(&p)
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
        "operator.json: schemes[0].fees[1]: in force 2018-01-01 on, which overlaps schemes[0].fees[0] (2017-01-01 on)"
    );
    // Back to back is fine.
    p["schemes"][0]["fees"][0]["to"] = json!("2017-12-31");
    assert!(load(&p).is_ok());
}

#[test]
fn a_builtin_pack_cannot_be_replaced() {
    let mut p = merged_pack();
    p["id"] = json!("ordos-2009");
    assert!(error(&p).contains("built-in pack"), "{}", error(&p));
}

#[test]
fn bad_dates_and_ids_are_refused() {
    let mut p = merged_pack();
    p["valid"]["from"] = json!("2017-02-30");
    assert!(error(&p).starts_with("operator.json: valid.from:"), "{}", error(&p));
    let mut p = merged_pack();
    p["id"] = json!("Example City");
    assert!(error(&p).starts_with("operator.json: id:"), "{}", error(&p));
}
