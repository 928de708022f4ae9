//! The request: decoding the JSON contract into a typed [`Request`], with an error
//! that names the field and speaks the request's language.
//!
//! Decoding has two steps. Serde reads the wire shape (`RequestWire`: strings,
//! numbers, booleans, unknown keys refused) out of a JSON tree with
//! [`tree::from_value`], so a wrong type anywhere is reported at its path
//! (`person.hukou.local`). Then each value is parsed by hand into the domain's
//! types, which gives each mistake its own code (`invalid_date`, `invalid_value`,
//! `out_of_range`) rather than serde's English prose. The tree comes from JSON
//! text (the CLI) or from a JavaScript value (the wasm build).

use chrono::NaiveDate;
use serde_json::Value;

use crate::i18n;
use crate::money::Money;
use crate::person::{Person, School};
use crate::read::{self, Fault, Obj, Read, ReadError};
use crate::vocab::{EnterpriseCondition, HukouType, Lang, Ownership, PensionFrom};

/// The largest request text accepted, far above any real one.
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;

/// A decoded, well-formed request. What depends on the policy pack (the age on its
/// reference day, whether the year is one it covers) is checked by the engine.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    pub region: Option<String>,
    pub year: Option<i32>,
    pub lang: Lang,
    pub person: Person,
    /// The age the person gave instead of (or as well as) a birth date.
    pub stated_age: Option<u32>,
}

wire_enum! {
    /// What was wrong with a request.
    ErrorCode {
        InvalidJson = "invalid_json",
        TooLarge = "too_large",
        InvalidType = "invalid_type",
        UnknownField = "unknown_field",
        MissingField = "missing_field",
        InvalidDate = "invalid_date",
        InvalidValue = "invalid_value",
        InvalidAmount = "invalid_amount",
        OutOfRange = "out_of_range",
        UnknownRegion = "unknown_region",
        YearOutOfRange = "year_out_of_range",
        BirthAfterYear = "birth_after_year",
        AgeConflict = "age_conflict",
        MovedBeforeBirth = "moved_before_birth",
    }
}

/// A request the engine cannot answer, and why: `field` is the wire path of the
/// value at fault (empty for the request as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestError {
    pub code: ErrorCode,
    pub field: String,
    pub lang: Lang,
    /// Values the message quotes: allowed values, a range, the region's years.
    pub detail: String,
}

impl RequestError {
    pub fn new(code: ErrorCode, field: impl Into<String>, lang: Lang) -> RequestError {
        RequestError {
            code,
            field: field.into(),
            lang,
            detail: String::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> RequestError {
        self.detail = detail.into();
        self
    }

    /// The same error for member `i` of a household: `members[1].birthDate`.
    pub fn for_member(mut self, i: usize) -> RequestError {
        if let Some(rest) = self.field.strip_prefix("person") {
            self.field = format!("members[{i}]{rest}");
        }
        self
    }

    /// The message for a resident, in the request's language.
    pub fn message(&self) -> String {
        i18n::error_message(self.code, &self.field, &self.detail, self.lang)
    }

    /// The `{ "error": { code, field, message } }` body of the contract.
    pub fn to_json(&self, pretty: bool) -> String {
        let mut w = crate::json::Writer::new(pretty);
        w.object(None, |w| {
            w.object(Some("error"), |w| {
                w.str(Some("code"), self.code.as_str());
                w.str(Some("field"), &self.field);
                w.str(Some("message"), &self.message());
            })
        });
        w.finish()
    }
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at {}: {}", self.code.as_str(), self.field, self.message())
    }
}

impl std::error::Error for RequestError {}

// ---------------------------------------------------------------------------
// Reading the request out of its JSON tree. Every key is optional but `person`;
// unknown keys are refused.

/// The most members a household request may list.
pub const MAX_MEMBERS: usize = 20;

/// A structural mistake (unknown key, wrong JSON type) as a request error.
fn structural(e: ReadError, lang: Lang) -> RequestError {
    let d = *e.0;
    let (code, detail) = match d.fault {
        Fault::Unknown => (ErrorCode::UnknownField, String::new()),
        Fault::Missing => (ErrorCode::MissingField, String::new()),
        Fault::Type => (ErrorCode::InvalidType, String::new()),
        Fault::Date => (ErrorCode::InvalidDate, String::new()),
        Fault::Amount => (ErrorCode::InvalidAmount, String::new()),
        Fault::Range => (ErrorCode::OutOfRange, d.message),
        Fault::Value => (ErrorCode::InvalidValue, d.allowed),
    };
    RequestError::new(code, d.path, lang).with_detail(detail)
}

/// Reads the keys a request and a household request share, then `body` for the rest.
fn envelope<T>(
    value: &Value,
    body: impl FnOnce(&mut Obj, Lang) -> Result<T, RequestError>,
) -> Result<(Option<String>, Option<i32>, Lang, T), RequestError> {
    let lang = lang_of(value);
    let s = |e| structural(e, lang);
    let mut o = Obj::new(value, "").map_err(s)?;
    let lang = match o.opt("lang", read::string).map_err(s)? {
        None => Lang::default(),
        Some(l) => Lang::parse(&l).ok_or_else(|| {
            RequestError::new(ErrorCode::InvalidValue, "lang", Lang::default()).with_detail(Lang::expected())
        })?,
    };
    let s = |e| structural(e, lang);
    let year = match o.opt("year", read::integer).map_err(s)? {
        None => None,
        Some(y) if (1900..=2200).contains(&y) => Some(y as i32),
        Some(_) => return Err(RequestError::new(ErrorCode::OutOfRange, "year", lang).with_detail("1900–2200")),
    };
    let region = match o.opt("region", read::string).map_err(s)? {
        Some(r) if r.len() > 64 => return Err(RequestError::new(ErrorCode::UnknownRegion, "region", lang)),
        r => r,
    };
    let rest = body(&mut o, lang)?;
    o.done().map_err(s)?;
    Ok((region, year, lang, rest))
}

/// Decodes a request from a JSON tree (the wasm build makes one from a JS value).
pub fn from_tree(value: &Value) -> Result<Request, RequestError> {
    let (region, year, lang, (person, stated_age)) = envelope(value, |o, lang| match o.get("person") {
        Some((v, path)) => person(v, &path, lang),
        None => Err(RequestError::new(ErrorCode::MissingField, "person", lang)),
    })?;
    Ok(Request {
        region,
        year,
        lang,
        person,
        stated_age,
    })
}

/// Decodes a household request from a JSON tree.
pub fn household_from_tree(value: &Value) -> Result<crate::household::HouseholdRequest, RequestError> {
    let (region, year, lang, members) = envelope(value, |o, lang| {
        let Some((v, path)) = o.get("members") else {
            return Err(RequestError::new(ErrorCode::MissingField, "members", lang));
        };
        let Value::Array(items) = v else {
            return Err(RequestError::new(ErrorCode::InvalidType, path, lang));
        };
        if items.is_empty() || items.len() > MAX_MEMBERS {
            return Err(RequestError::new(ErrorCode::OutOfRange, path, lang).with_detail(format!("1–{MAX_MEMBERS}")));
        }
        items
            .iter()
            .enumerate()
            .map(|(i, m)| person(m, &format!("members[{i}]"), lang))
            .collect::<Result<Vec<_>, _>>()
    })?;
    let (members, stated_ages) = members.into_iter().unzip();
    Ok(crate::household::HouseholdRequest {
        region,
        year,
        lang,
        members,
        stated_ages,
    })
}

/// Reads one person's answers at `path` (`person`, or `members[1]`).
fn person(v: &Value, path: &str, lang: Lang) -> Result<(Person, Option<u32>), RequestError> {
    // Each key is read with `take`, which keeps the first error; `finish` returns it.
    fn amount(v: &Value, path: &str) -> Read<Money> {
        let s = read::string(v, path)?;
        Money::parse(&s).map_or_else(|| read::fail(path, Fault::Amount, s), Ok)
    }
    type Hukou = (Option<HukouType>, Option<bool>, Option<NaiveDate>, Option<bool>);
    type Enterprise = (Option<Ownership>, Option<EnterpriseCondition>);
    fn hukou(v: &Value, path: &str) -> Read<Hukou> {
        let mut h = Obj::new(v, path)?;
        let r = (
            h.take("type", read::choice),
            h.take("local", read::boolean),
            h.take("movedInOn", read::date),
            h.take("movedAfterRetirement", read::boolean),
        );
        h.finish(r)
    }
    fn school(v: &Value, path: &str) -> Read<School> {
        let mut h = Obj::new(v, path)?;
        let school = School {
            level: h.take("level", read::choice),
            full_time: h.take("fullTime", read::boolean),
            local: h.take("local", read::boolean),
        };
        h.finish(school)
    }
    fn enterprise(v: &Value, path: &str) -> Read<Enterprise> {
        let mut e = Obj::new(v, path)?;
        let r = (e.take("ownership", read::choice), e.take("condition", read::choice));
        e.finish(r)
    }
    fn retirement(v: &Value, path: &str) -> Read<(Option<PensionFrom>, Enterprise)> {
        let mut r = Obj::new(v, path)?;
        let x = (
            r.take("pensionFrom", read::choice),
            r.take("enterprise", enterprise).unwrap_or_default(),
        );
        r.finish(x)
    }

    let read = || -> Read<(Person, Option<u32>)> {
        let mut o = Obj::new(v, path)?;
        let birth_date = o.take("birthDate", read::date);
        let stated_age = o.take("age", |v, p| read::integer_in(v, p, 0, 150).map(|a| a as u32));
        let sex = o.take("sex", read::choice);
        let (hukou_type, hukou_local, moved_in_on, moved_after_retirement) = o.take("hukou", hukou).unwrap_or_default();
        let employment = o.take("employment", read::choice);
        let school = o.take("school", school);
        let (pension_from, (ownership, condition)) = o.take("retirement", retirement).unwrap_or_default();
        let person = Person {
            birth_date,
            age: None,
            sex,
            hukou_type,
            hukou_local,
            moved_in_on,
            moved_in_years: None,
            moved_after_retirement,
            employment,
            school,
            pension_from,
            ownership,
            condition,
            low_income: o.take("lowIncome", read::choice),
            disability_grade: o.take("disabilityGrade", |v, p| read::integer_in(v, p, 1, 4).map(|g| g as u8)),
            land_expropriated: o.take("landExpropriated", read::boolean),
            children_have_local_urban_hukou: o.take("childrenHaveLocalUrbanHukou", read::boolean),
            monthly_wage: o.take("monthlyWage", amount),
            enrolled: o.take("enrolled", read::choice),
        };
        o.finish((person, stated_age))
    };
    let (person, stated_age) = read().map_err(|e| structural(e, lang))?;
    if let (Some(born), Some(moved)) = (person.birth_date, person.moved_in_on) {
        if moved < born {
            return Err(RequestError::new(
                ErrorCode::MovedBeforeBirth,
                read::child(path, "hukou.movedInOn"),
                lang,
            ));
        }
    }
    Ok((person, stated_age))
}

/// The language the request asks for, read leniently, so that an error in the
/// rest of the request can still be told in it.
fn lang_of(value: &Value) -> Lang {
    value
        .get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::parse)
        .unwrap_or_default()
}

/// Parses JSON text into a tree; malformed text is `invalid_json`.
pub fn parse_json(text: &str, limit: usize) -> Result<Value, RequestError> {
    if text.len() > limit {
        return Err(RequestError::new(ErrorCode::TooLarge, "", Lang::default()).with_detail(limit.to_string()));
    }
    serde_json::from_str(text).map_err(|_| RequestError::new(ErrorCode::InvalidJson, "", Lang::default()))
}

/// Decodes a request from JSON text (the CLI's input).
pub fn from_json(text: &str) -> Result<Request, RequestError> {
    from_tree(&parse_json(text, MAX_REQUEST_BYTES)?)
}

/// Decodes a household request from JSON text.
pub fn household_from_json(text: &str) -> Result<crate::household::HouseholdRequest, RequestError> {
    household_from_tree(&parse_json(text, MAX_REQUEST_BYTES * 4)?)
}
