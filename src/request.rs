//! The request: decoding the JSON contract into a typed [`Request`], with an error
//! that names the field and speaks the request's language.
//!
//! Decoding has two steps. Serde reads the wire shape (`RequestWire`: strings,
//! numbers, booleans, unknown keys refused) through `serde_path_to_error`, so a
//! wrong type anywhere is reported at its path (`person.hukou.local`). Then each
//! value is parsed by hand into the domain's types, which gives each mistake its
//! own code (`invalid_date`, `invalid_value`, `out_of_range`) rather than serde's
//! English prose. Both steps work on any serde `Deserializer`: JSON text for the
//! CLI, a JavaScript value for the wasm build.

use chrono::NaiveDate;
use serde::de::{Deserialize, Deserializer};
use serde::Serialize;

use crate::date;
use crate::i18n;
use crate::money::Money;
use crate::person::{Person, School};
use crate::vocab::{
    Employment, Enrolled, EnterpriseCondition, HukouType, Lang, LowIncome, Ownership, PensionFrom,
    SchoolLevel, Sex,
};

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
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code.as_str(),
                field: self.field.clone(),
                message: self.message(),
            },
        }
    }
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at {}: {}",
            self.code.as_str(),
            self.field,
            self.message()
        )
    }
}

impl std::error::Error for RequestError {}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ErrorDetail {
    pub code: &'static str,
    pub field: String,
    pub message: String,
}

// ---------------------------------------------------------------------------
// The wire shape. Every key optional but `person`; unknown keys refused.

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RequestWire {
    region: Option<String>,
    year: Option<i64>,
    lang: Option<String>,
    person: PersonWire,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PersonWire {
    birth_date: Option<String>,
    age: Option<i64>,
    sex: Option<String>,
    hukou: Option<HukouWire>,
    employment: Option<String>,
    school: Option<SchoolWire>,
    retirement: Option<RetirementWire>,
    low_income: Option<String>,
    disability_grade: Option<i64>,
    land_expropriated: Option<bool>,
    children_have_local_urban_hukou: Option<bool>,
    monthly_wage: Option<String>,
    enrolled: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct HukouWire {
    #[serde(rename = "type")]
    kind: Option<String>,
    local: Option<bool>,
    moved_in_on: Option<String>,
    moved_after_retirement: Option<bool>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SchoolWire {
    level: Option<String>,
    full_time: Option<bool>,
    local: Option<bool>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RetirementWire {
    pension_from: Option<String>,
    enterprise: Option<EnterpriseWire>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EnterpriseWire {
    ownership: Option<String>,
    condition: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HouseholdWire {
    region: Option<String>,
    year: Option<i64>,
    lang: Option<String>,
    members: Vec<PersonWire>,
}

/// The most members a household request may list.
pub const MAX_MEMBERS: usize = 20;

impl HouseholdWire {
    fn into_request(self) -> Result<crate::household::HouseholdRequest, RequestError> {
        let (region, year, lang) = header(self.region, self.year, self.lang)?;
        if self.members.len() > MAX_MEMBERS {
            return Err(RequestError::new(ErrorCode::OutOfRange, "members", lang)
                .with_detail(format!("1–{MAX_MEMBERS}")));
        }
        let mut req = crate::household::HouseholdRequest {
            region,
            year,
            lang,
            ..Default::default()
        };
        for (i, p) in self.members.into_iter().enumerate() {
            let (person, age) = person_from_wire(p, lang).map_err(|e| e.for_member(i))?;
            req.members.push(person);
            req.stated_ages.push(age);
        }
        Ok(req)
    }
}

/// Decodes a household request from any serde source, like [`from_deserializer`].
pub fn household_from_deserializer<'de, D, E>(
    d: D,
    again: impl FnOnce() -> D,
) -> Result<crate::household::HouseholdRequest, RequestError>
where
    D: Deserializer<'de, Error = E>,
    E: serde::de::Error + std::fmt::Display,
{
    match serde_path_to_error::deserialize::<_, HouseholdWire>(d) {
        Ok(wire) => wire.into_request(),
        Err(e) => Err(serde_error(
            e.path().to_string(),
            &e.inner().to_string(),
            probe_lang(again()),
        )),
    }
}

/// Decodes a household request from JSON text.
pub fn household_from_json(text: &str) -> Result<crate::household::HouseholdRequest, RequestError> {
    if text.len() > MAX_REQUEST_BYTES * 4 {
        return Err(RequestError::new(ErrorCode::TooLarge, "", Lang::default())
            .with_detail((MAX_REQUEST_BYTES * 4).to_string()));
    }
    let lang = || probe_lang(&mut serde_json::Deserializer::from_str(text));
    let mut de = serde_json::Deserializer::from_str(text);
    let wire: HouseholdWire = match serde_path_to_error::deserialize(&mut de) {
        Ok(w) => w,
        Err(e) if e.inner().is_syntax() || e.inner().is_eof() => {
            return Err(RequestError::new(ErrorCode::InvalidJson, "", lang()))
        }
        Err(e) => {
            return Err(serde_error(
                e.path().to_string(),
                &e.inner().to_string(),
                lang(),
            ))
        }
    };
    if de.end().is_err() {
        return Err(RequestError::new(ErrorCode::InvalidJson, "", lang()));
    }
    wire.into_request()
}

/// Only the language, read leniently, so that an error in the rest of the request
/// can still be told in the language the request asked for.
#[derive(serde::Deserialize)]
struct LangProbe {
    lang: Option<String>,
}

fn probe_lang<'de, D: Deserializer<'de>>(d: D) -> Lang {
    LangProbe::deserialize(d)
        .ok()
        .and_then(|p| p.lang)
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

/// Decodes a request from JSON text (the CLI's input).
pub fn from_json(text: &str) -> Result<Request, RequestError> {
    let lang = || probe_lang(&mut serde_json::Deserializer::from_str(text));
    if text.len() > MAX_REQUEST_BYTES {
        return Err(RequestError::new(ErrorCode::TooLarge, "", Lang::default())
            .with_detail(MAX_REQUEST_BYTES.to_string()));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let wire: RequestWire = match serde_path_to_error::deserialize(&mut de) {
        Ok(w) => w,
        Err(e) => {
            let lang = lang();
            return Err(if e.inner().is_syntax() || e.inner().is_eof() {
                RequestError::new(ErrorCode::InvalidJson, "", lang)
            } else {
                serde_error(e.path().to_string(), &e.inner().to_string(), lang)
            });
        }
    };
    // Trailing text after the object is malformed JSON too.
    if de.end().is_err() {
        return Err(RequestError::new(ErrorCode::InvalidJson, "", lang()));
    }
    Request::from_wire(wire)
}

/// Decodes a request from any serde source (the wasm build passes a JS value).
/// `again` gives a second deserializer over the same input, used only after an
/// error, to read the request's language for the message.
pub fn from_deserializer<'de, D, E>(
    d: D,
    again: impl FnOnce() -> D,
) -> Result<Request, RequestError>
where
    D: Deserializer<'de, Error = E>,
    E: serde::de::Error + std::fmt::Display,
{
    match serde_path_to_error::deserialize::<_, RequestWire>(d) {
        Ok(wire) => Request::from_wire(wire),
        Err(e) => Err(serde_error(
            e.path().to_string(),
            &e.inner().to_string(),
            probe_lang(again()),
        )),
    }
}

/// Turns serde's path and English message into our code and field.
fn serde_error(path: String, message: &str, lang: Lang) -> RequestError {
    let path = if path == "." { String::new() } else { path };
    // serde_path_to_error puts an unknown key in the path already, a missing one not.
    let join = |name: &str| match path.as_str() {
        "" => name.to_owned(),
        p if p == name || p.ends_with(&format!(".{name}")) => p.to_owned(),
        p => format!("{p}.{name}"),
    };
    // serde's messages quote the key in backticks: "unknown field `foo`, expected …".
    let quoted = message.split('`').nth(1).unwrap_or_default();
    if message.starts_with("unknown field") {
        RequestError::new(ErrorCode::UnknownField, join(quoted), lang)
    } else if message.starts_with("missing field") {
        RequestError::new(ErrorCode::MissingField, join(quoted), lang)
    } else {
        let field = if path.is_empty() { String::new() } else { path };
        RequestError::new(ErrorCode::InvalidType, field, lang)
    }
}

/// Parses what a JSON or JS value holds for a typed field.
trait Parse: Sized {
    fn parse_field(s: &str) -> Option<Self>;
    fn allowed() -> String;
}

macro_rules! parse_enum {
    ($($t:ty),*) => {$(
        impl Parse for $t {
            fn parse_field(s: &str) -> Option<Self> { <$t>::parse(s) }
            fn allowed() -> String { <$t>::expected() }
        }
    )*};
}
parse_enum!(
    Sex,
    HukouType,
    Employment,
    SchoolLevel,
    PensionFrom,
    Ownership,
    EnterpriseCondition,
    LowIncome,
    Enrolled
);

impl Request {
    fn from_wire(w: RequestWire) -> Result<Request, RequestError> {
        let (region, year, lang) = header(w.region, w.year, w.lang)?;
        let (person, stated_age) = person_from_wire(w.person, lang)?;
        Ok(Request {
            region,
            year,
            lang,
            person,
            stated_age,
        })
    }
}

/// The fields a request and a household request share.
fn header(
    region: Option<String>,
    year: Option<i64>,
    lang: Option<String>,
) -> Result<(Option<String>, Option<i32>, Lang), RequestError> {
    let lang = match lang.as_deref() {
        None => Lang::default(),
        Some(l) => Lang::parse(l).ok_or_else(|| {
            RequestError::new(ErrorCode::InvalidValue, "lang", Lang::default())
                .with_detail(Lang::expected())
        })?,
    };
    let year = match year {
        None => None,
        Some(y) if (1900..=2200).contains(&y) => Some(y as i32),
        Some(_) => {
            return Err(
                RequestError::new(ErrorCode::OutOfRange, "year", lang).with_detail("1900–2200")
            )
        }
    };
    let region = match region {
        Some(r) if r.len() > 64 => {
            return Err(RequestError::new(ErrorCode::UnknownRegion, "region", lang))
        }
        r => r,
    };
    Ok((region, year, lang))
}

/// Parses one person's answers; errors name `person.…` fields.
fn person_from_wire(p: PersonWire, lang: Lang) -> Result<(Person, Option<u32>), RequestError> {
    let err = |code, field: &str| RequestError::new(code, field, lang);
    let date_at = |value: Option<String>, field: &str| -> Result<Option<NaiveDate>, RequestError> {
        value
            .map(|s| date::parse(&s).ok_or_else(|| err(ErrorCode::InvalidDate, field)))
            .transpose()
    };
    let stated_age = match p.age {
        None => None,
        Some(a) if (0..=150).contains(&a) => Some(a as u32),
        Some(_) => return Err(err(ErrorCode::OutOfRange, "person.age").with_detail("0–150")),
    };
    let disability_grade = match p.disability_grade {
        None => None,
        Some(g) if (1..=4).contains(&g) => Some(g as u8),
        Some(_) => {
            return Err(err(ErrorCode::OutOfRange, "person.disabilityGrade").with_detail("1–4"))
        }
    };
    let monthly_wage = match p.monthly_wage {
        None => None,
        Some(s) => Some(
            Money::parse(&s).ok_or_else(|| err(ErrorCode::InvalidAmount, "person.monthlyWage"))?,
        ),
    };
    let hukou = p.hukou;
    let (hukou_type, hukou_local, moved_in_on, moved_after_retirement) = match hukou {
        None => (None, None, None, None),
        Some(h) => (
            parse_choice(h.kind, "person.hukou.type", lang)?,
            h.local,
            date_at(h.moved_in_on, "person.hukou.movedInOn")?,
            h.moved_after_retirement,
        ),
    };
    let school = match p.school {
        None => None,
        Some(s) => Some(School {
            level: parse_choice(s.level, "person.school.level", lang)?,
            full_time: s.full_time,
            local: s.local,
        }),
    };
    let (pension_from, ownership, condition) = match p.retirement {
        None => (None, None, None),
        Some(r) => {
            let (o, c) = match r.enterprise {
                None => (None, None),
                Some(e) => (
                    parse_choice(e.ownership, "person.retirement.enterprise.ownership", lang)?,
                    parse_choice(e.condition, "person.retirement.enterprise.condition", lang)?,
                ),
            };
            (
                parse_choice(r.pension_from, "person.retirement.pensionFrom", lang)?,
                o,
                c,
            )
        }
    };
    let birth_date = date_at(p.birth_date, "person.birthDate")?;
    if let (Some(born), Some(moved)) = (birth_date, moved_in_on) {
        if moved < born {
            return Err(err(ErrorCode::MovedBeforeBirth, "person.hukou.movedInOn"));
        }
    }
    Ok((
        Person {
            birth_date,
            age: None,
            sex: parse_choice(p.sex, "person.sex", lang)?,
            hukou_type,
            hukou_local,
            moved_in_on,
            moved_in_years: None,
            moved_after_retirement,
            employment: parse_choice(p.employment, "person.employment", lang)?,
            school,
            pension_from,
            ownership,
            condition,
            low_income: parse_choice(p.low_income, "person.lowIncome", lang)?,
            disability_grade,
            land_expropriated: p.land_expropriated,
            children_have_local_urban_hukou: p.children_have_local_urban_hukou,
            monthly_wage,
            enrolled: parse_choice(p.enrolled, "person.enrolled", lang)?,
        },
        stated_age,
    ))
}

fn parse_choice<T: Parse>(
    value: Option<String>,
    field: &str,
    lang: Lang,
) -> Result<Option<T>, RequestError> {
    match value {
        None => Ok(None),
        Some(s) => T::parse_field(&s).map(Some).ok_or_else(|| {
            RequestError::new(ErrorCode::InvalidValue, field, lang).with_detail(T::allowed())
        }),
    }
}
