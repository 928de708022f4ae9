//! The request: JSON text in, a typed [`Request`] out, or an error that names
//! the field at fault.
//!
//! Decoding has two steps. Serde reads the wire shape (`RequestWire`: unknown
//! keys refused, each value of the JSON type it should be), and
//! `json_path` says where it failed (`person.hukou.local`). Then each
//! value is checked by hand against the domain (dates that exist, ages a person
//! can have, a retiree who is not a child), which gives each mistake its own
//! code (`invalid_date`, `out_of_range`, `implausible`) rather than serde's
//! English prose.
//!
//! The CLI and the WebAssembly build both hand this module JSON text, so the two
//! agree on every input: `40.0` is not an age in either.
//!
//! Errors are language-free here: a code, the field's wire path and the values
//! the message quotes. `contract::words` words them in the request's language.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::model::date;
use crate::model::error::{Detail, ErrorCode, RequestError};
use crate::model::json_path;
use crate::model::money::Money;
use crate::model::person::{History, Person, School, MAX_STATED_AGE};
use crate::model::json_path::Unfit;
use crate::model::request::{
    HouseholdRequest, Request, MAX_HOUSEHOLD_BYTES, MAX_MEMBERS, MAX_NESTING, MAX_REQUEST_BYTES, MAX_STRING_BYTES,
};
use crate::model::text::Lang;
use crate::model::vocab::{
    Employment, Enrolled, EnterpriseCondition, HukouType, LowIncome, Ownership, PensionFrom, SchoolLevel, Sex,
};

// ---------------------------------------------------------------------------
// The wire shape. `null` is the same as leaving a key out ("not said"), except
// in `history.lastCoveredYear`, where `null` says "never insured".

// Names from a vocabulary (`"male"`, `"zh-CN"`) are read as strings and parsed
// here: one string reader instead of one per vocabulary in the wasm module.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RequestWire {
    region: Option<String>,
    year: Option<i64>,
    lang: Option<String>,
    pay_date: Option<String>,
    person: Option<PersonWire>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct HouseholdWire {
    region: Option<String>,
    year: Option<i64>,
    lang: Option<String>,
    pay_date: Option<String>,
    members: Option<Vec<PersonWire>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct PersonWire {
    birth_date: Option<String>,
    age: Option<i64>,
    sex: Option<String>,
    hukou: Option<HukouWire>,
    residence_permit: Option<bool>,
    employment: Option<String>,
    school: Option<SchoolWire>,
    retirement: Option<RetirementWire>,
    low_income: Option<String>,
    disability_grade: Option<i64>,
    land_expropriated: Option<bool>,
    children_have_local_urban_hukou: Option<bool>,
    monthly_wage: Option<String>,
    enrolled: Option<String>,
    history: Option<HistoryWire>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct HukouWire {
    registered: Option<bool>,
    r#type: Option<String>,
    local: Option<bool>,
    moved_in: Option<bool>,
    moved_in_on: Option<String>,
    moved_after_retirement: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SchoolWire {
    level: Option<String>,
    full_time: Option<bool>,
    local: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RetirementWire {
    pension_from: Option<String>,
    enterprise: Option<EnterpriseWire>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct EnterpriseWire {
    ownership: Option<String>,
    condition: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct HistoryWire {
    /// Absent: not said; `null`: never insured.
    #[serde(default, deserialize_with = "present")]
    last_covered_year: Option<Option<i64>>,
    continuous_years: Option<i64>,
    back_pay_years: Option<i64>,
}

/// A key that is present, whether `null` or a value: `Some(None)` for `null`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
}

// ---------------------------------------------------------------------------
// From text to the wire shape.

/// Parses `text` as `T`, naming the field at fault on error. `lists`: the
/// top-level keys whose value is a list; nowhere else may one stand.
fn parse<T: for<'de> Deserialize<'de>>(text: &str, limit: usize, lists: &[&str]) -> Result<T, RequestError> {
    let lang = lang_of(text);
    if text.len() > limit {
        return Err(RequestError::new(ErrorCode::TooLarge, "", lang).with(Detail::Bytes(limit)));
    }
    // Serde reads a struct from an array too; the contract says object.
    if !text.trim_start().starts_with('{') {
        let code = match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => ErrorCode::InvalidType,
            Err(_) => ErrorCode::InvalidJson,
        };
        return Err(RequestError::new(code, "", lang));
    }
    if let Some((at, why)) = json_path::first_unfit(text, MAX_STRING_BYTES, MAX_NESTING) {
        let field = json_path::path_at(text, at, false);
        return Err(match why {
            Unfit::LongString => RequestError::new(ErrorCode::TooLarge, &field, lang).with(Detail::Bytes(MAX_STRING_BYTES)),
            Unfit::Deep => RequestError::new(ErrorCode::InvalidType, &field, lang),
        });
    }
    // Serde reads a struct from a list of its fields in order too
    // (`"hukou": ["urban", true]`): the contract says object, so say which,
    // unless the text went wrong before the list.
    let list = |before: usize| {
        let at = json_path::first_list(text, lists).filter(|at| *at < before)?;
        let field = json_path::path_at(text, at.saturating_sub(1), false);
        Some(RequestError::new(ErrorCode::InvalidType, &field, lang))
    };
    match serde_json::from_str(text) {
        Ok(value) => list(text.len()).map_or(Ok(value), Err),
        Err(e) => {
            let at = json_path::offset_of(text, e.line(), e.column());
            Err(list(at).unwrap_or_else(|| serde_error(text, &e, lang)))
        }
    }
}

/// Serde's error as a request error. Serde's data errors carry their kind only
/// in the message, whose openings are fixed by serde's `de::Error` (pinned by
/// the tests below), and their place only as line and column: `json_path`
/// turns that into the field's path. Anything else is a wrong type.
fn serde_error(text: &str, e: &serde_json::Error, lang: Lang) -> RequestError {
    use serde_json::error::Category;
    let message = e.to_string();
    let missing = message.starts_with("missing field");
    let offset = json_path::offset_of(text, e.line(), e.column());
    let path = json_path::path_at(text, offset, missing);
    match e.classify() {
        Category::Data => {}
        // A number beyond any float is a syntax error to serde_json, but it is
        // well-formed JSON: say which field.
        Category::Syntax if message.starts_with("number out of range") => {
            return RequestError::new(ErrorCode::InvalidType, &path, lang);
        }
        _ => return RequestError::new(ErrorCode::InvalidJson, "", lang),
    }
    if message.starts_with("unknown field") {
        RequestError::new(ErrorCode::UnknownField, &path, lang)
    } else if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let field = if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        };
        RequestError::new(ErrorCode::MissingField, &field, lang)
    } else if message.starts_with("unknown variant") {
        // "unknown variant `x`, expected `a` or `b`": the names after "expected".
        let expected = message.split_once("expected").map_or("", |(_, e)| e);
        let names = expected.split('`').skip(1).step_by(2).map(str::to_owned).collect();
        RequestError::new(ErrorCode::InvalidValue, &path, lang).with(Detail::Allowed(names))
    } else {
        RequestError::new(ErrorCode::InvalidType, &path, lang)
    }
}

/// The language the request asks for, read leniently, so that an error in the
/// rest of the request (even broken JSON) can still be told in it: the first
/// `"lang": "…"` in the text, if it names a language.
fn lang_of(text: &str) -> Lang {
    let Some(at) = text.find("\"lang\"") else {
        return Lang::default();
    };
    let rest = text[at + 6..].trim_start();
    let Some(rest) = rest.strip_prefix(':') else {
        return Lang::default();
    };
    let Some(rest) = rest.trim_start().strip_prefix('"') else {
        return Lang::default();
    };
    rest.split('"').next().and_then(Lang::parse).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// From the wire shape to the domain's types.

/// The envelope a request and a household request share.
struct Envelope {
    region: Option<String>,
    year: Option<i32>,
    lang: Lang,
    pay_date: Option<NaiveDate>,
}

fn envelope(
    region: Option<String>,
    year: Option<i64>,
    lang: Option<String>,
    pay_date: Option<String>,
) -> Result<Envelope, RequestError> {
    let lang = match lang {
        None => Lang::default(),
        Some(l) => Lang::parse(&l).ok_or_else(|| {
            RequestError::new(ErrorCode::InvalidValue, "lang", Lang::default()).with(allowed(Lang::NAMES))
        })?,
    };
    let year = match year {
        None => None,
        Some(y) if (1900..=2200).contains(&y) => i32::try_from(y).ok(),
        Some(_) => return Err(RequestError::new(ErrorCode::OutOfRange, "year", lang).with(Detail::Range(1900, 2200))),
    };
    let region = match region {
        // Pack ids are at most 64 characters: a longer one names no pack.
        Some(r) if r.len() > 64 => return Err(RequestError::new(ErrorCode::UnknownRegion, "region", lang)),
        r => r,
    };
    let pay_date = match pay_date {
        None => None,
        Some(s) => Some(plausible_date(&s, "payDate", lang)?),
    };
    Ok(Envelope {
        region,
        year,
        lang,
        pay_date,
    })
}

/// The earliest and latest dates a request may name: no one alive was born
/// before the first, and no one has moved or paid after the second.
fn date_bounds() -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(1870, 1, 1).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(2200, 12, 31).unwrap_or(NaiveDate::MAX),
    )
}

/// The days a `today` (given, or a device's clock) may be: the coverage year
/// it implies is one a request may name (1900 to 2200), so that a clock of
/// 1970 or 9999 is refused, not answered for a year nobody asked about.
pub fn today_bounds() -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(2199, 12, 31).unwrap_or(NaiveDate::MAX),
    )
}

/// `today` checked against [`today_bounds`]: `out_of_range` naming `today`.
pub fn plausible_today(day: NaiveDate, lang: Lang) -> Result<NaiveDate, RequestError> {
    let (first, last) = today_bounds();
    if day < first || day > last {
        return Err(RequestError::new(ErrorCode::OutOfRange, "today", lang).with(Detail::Dates(Some(first), Some(last))));
    }
    Ok(day)
}

fn plausible_date(s: &str, field: &str, lang: Lang) -> Result<NaiveDate, RequestError> {
    let date = date::parse(s).ok_or_else(|| RequestError::new(ErrorCode::InvalidDate, field, lang))?;
    let (first, last) = date_bounds();
    if date < first || date > last {
        return Err(RequestError::new(ErrorCode::OutOfRange, field, lang).with(Detail::Dates(Some(first), Some(last))));
    }
    Ok(date)
}

fn allowed(names: &[&str]) -> Detail {
    Detail::Allowed(names.iter().map(|n| (*n).to_owned()).collect())
}

/// Reads one person's answers; `path` is `person` (or `members[1]`, for errors).
fn person(w: PersonWire, path: &str, lang: Lang) -> Result<(Person, Option<u32>), RequestError> {
    let at = |key: &str| format!("{path}.{key}");
    let err = |code, key: &str| RequestError::new(code, &at(key), lang);
    // A vocabulary's value, or `invalid_value` listing those allowed.
    fn choice<T: Copy>(
        value: Option<String>,
        parse: fn(&str) -> Option<T>,
        names: &[&str],
        field: &str,
        lang: Lang,
    ) -> Result<Option<T>, RequestError> {
        match value {
            None => Ok(None),
            Some(v) => parse(&v)
                .map(Some)
                .ok_or_else(|| RequestError::new(ErrorCode::InvalidValue, field, lang).with(allowed(names))),
        }
    }
    let range = |v: i64, key: &str, min: i64, max: i64| -> Result<u32, RequestError> {
        if (min..=max).contains(&v) {
            u32::try_from(v).map_err(|_| err(ErrorCode::OutOfRange, key))
        } else {
            Err(err(ErrorCode::OutOfRange, key).with(Detail::Range(min, max)))
        }
    };
    let date = |s: Option<String>, key: &str| s.map(|s| plausible_date(&s, &at(key), lang)).transpose();

    let birth_date = date(w.birth_date, "birthDate")?;
    let stated_age = w
        .age
        .map(|a| range(a, "age", 0, i64::from(MAX_STATED_AGE)))
        .transpose()?;
    let hukou = w.hukou.unwrap_or_default();
    let moved_in_on = date(hukou.moved_in_on, "hukou.movedInOn")?;
    // A hukou not yet registered has no type and no place.
    if hukou.registered == Some(false) {
        let given = [
            ("hukou.type", hukou.r#type.is_some()),
            ("hukou.local", hukou.local.is_some()),
        ];
        if let Some((key, _)) = given.iter().find(|(_, on)| *on) {
            return Err(err(ErrorCode::Conflict, "hukou.registered").with(Detail::With(at(key))));
        }
    }
    let moved_in = match (hukou.moved_in, moved_in_on) {
        (Some(false), Some(_)) => {
            return Err(err(ErrorCode::Conflict, "hukou.movedIn").with(Detail::With(at("hukou.movedInOn"))));
        }
        (given, on) => given.or(on.map(|_| true)),
    };
    if let (Some(born), Some(moved)) = (birth_date, moved_in_on) {
        if moved < born {
            return Err(err(ErrorCode::MovedBeforeBirth, "hukou.movedInOn"));
        }
    }
    let hukou_type = choice(
        hukou.r#type,
        HukouType::parse,
        HukouType::NAMES,
        &at("hukou.type"),
        lang,
    )?;
    let retirement = w.retirement.unwrap_or_default();
    let enterprise = retirement.enterprise.unwrap_or_default();
    let disability_grade = w
        .disability_grade
        .map(|g| range(g, "disabilityGrade", 0, 4).map(|g| g as u8))
        .transpose()?;
    let monthly_wage = match w.monthly_wage {
        None => None,
        Some(s) => Some(Money::parse(&s).ok_or_else(|| err(ErrorCode::InvalidAmount, "monthlyWage"))?),
    };
    let history = w.history.unwrap_or_default();
    let years = |v: Option<i64>, key: &str| v.map(|v| range(v, key, 0, 150)).transpose();
    let history = History {
        last_covered_year: match history.last_covered_year {
            None => None,
            Some(None) => Some(None),
            Some(Some(y)) if (1900..=2200).contains(&y) => Some(i32::try_from(y).ok()),
            Some(Some(_)) => {
                return Err(err(ErrorCode::OutOfRange, "history.lastCoveredYear").with(Detail::Range(1900, 2200)));
            }
        },
        continuous_years: years(history.continuous_years, "history.continuousYears")?,
        back_pay_years: years(history.back_pay_years, "history.backPayYears")?,
    };
    let school = match w.school {
        None => None,
        Some(s) => Some(School {
            level: choice(
                s.level,
                SchoolLevel::parse,
                SchoolLevel::NAMES,
                &at("school.level"),
                lang,
            )?,
            full_time: s.full_time,
            local: s.local,
        }),
    };
    let person = Person {
        birth_date,
        age: None,
        born_years_before: None,
        sex: choice(w.sex, Sex::parse, Sex::NAMES, &at("sex"), lang)?,
        hukou_type,
        // A hukou with a type or a place is registered.
        hukou_registered: hukou
            .registered
            .or((hukou_type.is_some() || hukou.local.is_some()).then_some(true)),
        hukou_local: hukou.local,
        moved_in,
        moved_in_on,
        moved_in_years: None,
        moved_after_retirement: hukou.moved_after_retirement,
        residence_permit: w.residence_permit,
        employment: choice(
            w.employment,
            Employment::parse,
            Employment::NAMES,
            &at("employment"),
            lang,
        )?,
        school,
        pension_from: choice(
            retirement.pension_from,
            PensionFrom::parse,
            PensionFrom::NAMES,
            &at("retirement.pensionFrom"),
            lang,
        )?,
        ownership: choice(
            enterprise.ownership,
            Ownership::parse,
            Ownership::NAMES,
            &at("retirement.enterprise.ownership"),
            lang,
        )?,
        enterprise_condition: choice(
            enterprise.condition,
            EnterpriseCondition::parse,
            EnterpriseCondition::NAMES,
            &at("retirement.enterprise.condition"),
            lang,
        )?,
        low_income: choice(w.low_income, LowIncome::parse, LowIncome::NAMES, &at("lowIncome"), lang)?,
        disability_grade,
        land_expropriated: w.land_expropriated,
        children_have_local_urban_hukou: w.children_have_local_urban_hukou,
        monthly_wage,
        enrolled: choice(w.enrolled, Enrolled::parse, Enrolled::NAMES, &at("enrolled"), lang)?,
        history,
    };
    Ok((person, stated_age))
}

/// Decodes a request from JSON text.
pub fn from_json(text: &str) -> Result<Request, RequestError> {
    let wire: RequestWire = parse(text, MAX_REQUEST_BYTES, &[])?;
    let env = envelope(wire.region, wire.year, wire.lang, wire.pay_date)?;
    let Some(p) = wire.person else {
        return Err(RequestError::new(ErrorCode::MissingField, "person", env.lang));
    };
    let (person, stated_age) = person(p, "person", env.lang)?;
    Ok(Request {
        region: env.region,
        year: env.year,
        lang: env.lang,
        pay_date: env.pay_date,
        person,
        stated_age,
    })
}

/// Decodes a household request from JSON text.
pub fn household_from_json(text: &str) -> Result<HouseholdRequest, RequestError> {
    let wire: HouseholdWire = parse(text, MAX_HOUSEHOLD_BYTES, &["members"])?;
    let env = envelope(wire.region, wire.year, wire.lang, wire.pay_date)?;
    let Some(items) = wire.members else {
        return Err(RequestError::new(ErrorCode::MissingField, "members", env.lang));
    };
    if items.is_empty() || items.len() > MAX_MEMBERS {
        let max = MAX_MEMBERS as i64;
        return Err(RequestError::new(ErrorCode::OutOfRange, "members", env.lang).with(Detail::Range(1, max)));
    }
    let mut members = Vec::with_capacity(items.len());
    let mut stated_ages = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let (p, age) = person(item, &format!("members[{i}]"), env.lang)?;
        members.push(p);
        stated_ages.push(age);
    }
    Ok(HouseholdRequest {
        region: env.region,
        year: env.year,
        lang: env.lang,
        pay_date: env.pay_date,
        members,
        stated_ages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (ErrorCode, String) {
        let e = from_json(text).unwrap_err();
        (e.code, e.field)
    }

    #[test]
    fn serde_errors_get_their_codes_and_paths() {
        use ErrorCode::*;
        let cases = [
            (
                r#"{"person":{"hukou":{"type":"urban","colour":1}}}"#,
                UnknownField,
                "person.hukou.colour",
            ),
            (
                r#"{"person":{"hukou":{"local":"yes"}}}"#,
                InvalidType,
                "person.hukou.local",
            ),
            (r#"{}"#, MissingField, "person"),
            (r#"{"person":{"sex":"other"}}"#, InvalidValue, "person.sex"),
            (r#"{"person":{"age":40.0}}"#, InvalidType, "person.age"),
            (r#"{"person":{"age":4e1}}"#, InvalidType, "person.age"),
            (r#"{"person":{"age":1e400}}"#, InvalidType, "person.age"),
            (r#"{"person":{"age":-1}}"#, OutOfRange, "person.age"),
            (r#"{"person":{"age":121}}"#, OutOfRange, "person.age"),
            (r#"{"person":{}, "x":1}"#, UnknownField, "x"),
            (r#"[1]"#, InvalidType, ""),
            (r#""x""#, InvalidType, ""),
            (r#"{"person":"#, InvalidJson, ""),
            (r#"{"person":{}} x"#, InvalidJson, ""),
            (r#"{"year":2.015e3,"person":{}}"#, InvalidType, "year"),
            (r#"{"person":{"age":-0}}"#, InvalidType, "person.age"),
            (r#"{"person":{"hukou":["urban",true]}}"#, InvalidType, "person.hukou"),
            (r#"{"person":[null,40]}"#, InvalidType, "person"),
            (
                r#"{"person":{"hukou":{"movedInOn":"9999-12-31"}}}"#,
                OutOfRange,
                "person.hukou.movedInOn",
            ),
            (
                r#"{"person":{"birthDate":"0000-01-01"}}"#,
                OutOfRange,
                "person.birthDate",
            ),
            (
                r#"{"person":{"hukou":{"movedIn":false,"movedInOn":"2010-01-01"}}}"#,
                Conflict,
                "person.hukou.movedIn",
            ),
            (
                r#"{"person":{"disabilityGrade":5}}"#,
                OutOfRange,
                "person.disabilityGrade",
            ),
        ];
        for (text, code, field) in cases {
            assert_eq!(err(text), (code, field.to_owned()), "{text}");
        }
    }

    #[test]
    fn unknown_values_name_the_allowed_ones() {
        let e = from_json(r#"{"person":{"sex":"other"}}"#).unwrap_err();
        assert_eq!(e.detail, Detail::Allowed(vec!["male".into(), "female".into()]));
    }

    #[test]
    fn errors_speak_the_request_language_even_when_it_is_broken() {
        let e = from_json(r#"{"lang":"en","person":{"age":"x"}}"#).unwrap_err();
        assert_eq!(e.lang, Lang::En);
        let e = from_json(r#"{"lang":"zh-TW","person":{"age":"x"},"zz":[}"#).unwrap_err();
        assert_eq!((e.code, e.lang), (ErrorCode::InvalidType, Lang::ZhTw));
        let e = from_json(r#"{"lang":"zh-TW","person":{}"#).unwrap_err();
        assert_eq!((e.code, e.lang), (ErrorCode::InvalidJson, Lang::ZhTw));
    }

    #[test]
    fn long_fields_are_cut() {
        let key = "k".repeat(16_000);
        let e = from_json(&format!(r#"{{"person":{{"{key}":1}}}}"#)).unwrap_err();
        assert_eq!(e.code, ErrorCode::UnknownField);
        assert!(e.field.chars().count() <= crate::model::error::MAX_FIELD_CHARS + 1);
        // A key over the string limit is too large, placed on its object.
        let key = "k".repeat(21_000);
        let e = from_json(&format!(r#"{{"person":{{"{key}":1}}}}"#)).unwrap_err();
        assert_eq!((e.code, e.field.as_str()), (ErrorCode::TooLarge, "person"));
        assert!(e.field.chars().count() <= crate::model::error::MAX_FIELD_CHARS + 1);
        assert!(e.message().len() < 1000);
    }

    #[test]
    fn null_means_not_said_but_never_insured_in_history() {
        let r = from_json(r#"{"person":{"sex":null,"history":{"lastCoveredYear":null}}}"#).unwrap();
        assert_eq!(r.person.sex, None);
        assert_eq!(r.person.history.last_covered_year, Some(None));
        let r = from_json(r#"{"person":{"history":{}}}"#).unwrap();
        assert_eq!(r.person.history.last_covered_year, None);
    }

    #[test]
    fn a_move_date_says_the_hukou_moved() {
        let r = from_json(r#"{"person":{"hukou":{"movedInOn":"2010-01-01"}}}"#).unwrap();
        assert_eq!(r.person.moved_in, Some(true));
        let r = from_json(r#"{"person":{"hukou":{"movedIn":false}}}"#).unwrap();
        assert_eq!(r.person.moved_in, Some(false));
    }
}
