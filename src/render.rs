//! A decision in the request's language: the response of the JSON contract.
//!
//! One pass over the [`Decision`]: the pack's words and citations are borrowed as
//! they were prepared when the pack loaded, the engine's own are worded by
//! `i18n`, and serde writes the JSON. Absent amounts and dates are `null`, never
//! left out: a form can rely on every key being there.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

use crate::decision::{self, Decision, Reason as Said};
use crate::money::Money;
use crate::pack::{Strength, Through};
use crate::request::RequestError;
use crate::vocab::{Lang, Period, Role, Scheme, Status};

/// The crate version, in every answer and on the print slip.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A date on the wire: `"2015-01-30"`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Day(pub NaiveDate);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

fn day(d: Option<NaiveDate>) -> Option<Day> {
    d.map(Day)
}

#[derive(Serialize, Debug, PartialEq)]
pub struct Reason<'a> {
    pub code: &'a str,
    pub message: Cow<'a, str>,
    /// The document and clause, as shown to residents; `null` for what the engine
    /// says on its own (a question still open).
    pub source: Option<&'a str>,
    /// How sure that source is: `official`, `reported` or `unconfirmed`.
    pub strength: Option<Strength>,
}

#[derive(Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Fee<'a> {
    pub period: Period,
    pub total: Option<Money>,
    pub individual: Option<Money>,
    pub employer: Option<Money>,
    pub government: Option<Money>,
    pub minimum: bool,
    pub estimate: bool,
    pub provisional: bool,
    pub public_subsidy: Option<Money>,
    pub reasons: Vec<Reason<'a>>,
}

#[derive(Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Waiting<'a> {
    pub months: Option<u32>,
    pub fixed_months: Option<u32>,
    pub variable_months: Option<u32>,
    pub reasons: Vec<Reason<'a>>,
}

#[derive(Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Enrol<'a> {
    pub through: Option<Through>,
    #[serde(rename = "where")]
    pub places: Vec<&'a str>,
    pub where_source: Option<&'a str>,
    pub documents: Vec<&'a str>,
    pub documents_source: Option<&'a str>,
    pub deadline_source: Option<&'a str>,
    pub reasons: Vec<Reason<'a>>,
}

#[derive(Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SchemeResult<'a> {
    pub scheme: Scheme,
    pub name: &'a str,
    pub status: Status,
    /// `basic` (one at a time), `supplement` (with `addsTo`) or `relief` (a referral).
    pub role: &'static str,
    pub adds_to: Option<Scheme>,
    pub instead_of: Option<Scheme>,
    pub fee: Option<Fee<'a>>,
    pub deadline: Option<Day>,
    pub cover_from: Option<Day>,
    pub waiting: Option<Waiting<'a>>,
    pub reasons: Vec<Reason<'a>>,
    pub enrol: Option<Enrol<'a>>,
    pub benefits: Vec<Reason<'a>>,
}

/// Which rules answered: the pack and its hash, and the engine's version.
#[derive(Serialize, Debug, PartialEq)]
pub struct Rules<'a> {
    pub pack: &'a str,
    pub hash: &'a str,
    pub version: &'static str,
}

#[derive(Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Response<'a> {
    pub region: &'a str,
    pub region_name: &'a str,
    pub year: i32,
    pub lang: Lang,
    pub reference_date: Day,
    pub pay_date: Day,
    pub age: Option<u32>,
    pub schemes: Vec<SchemeResult<'a>>,
    pub alternatives: &'a [Vec<Scheme>],
    /// Request fields (paths like `person.sex`) whose answer would change the
    /// result, most decisive first.
    pub missing: Vec<&'static str>,
    pub warnings: Vec<Reason<'a>>,
    pub rules: Rules<'a>,
}

pub fn reason<'a>(r: &Said<'a>, lang: Lang) -> Reason<'a> {
    match r {
        Said::Said(s) => Reason {
            code: &s.code,
            message: Cow::Borrowed(s.message.get(lang)),
            source: Some(s.cite.label.get(lang)),
            strength: Some(s.cite.strength),
        },
        Said::Text { code, text, cite } => Reason {
            code,
            message: Cow::Borrowed(text.get(lang)),
            source: Some(cite.label.get(lang)),
            strength: Some(cite.strength),
        },
        Said::Own(own, cite) => Reason {
            code: own.code(),
            message: Cow::Owned(own.message(lang)),
            source: cite.map(|c| c.label.get(lang)),
            strength: own.strength().or(cite.map(|c| c.strength)),
        },
    }
}

fn reasons<'a>(rs: &[Said<'a>], lang: Lang) -> Vec<Reason<'a>> {
    rs.iter().map(|r| reason(r, lang)).collect()
}

fn fee<'a>(f: &decision::Fee<'a>, lang: Lang) -> Fee<'a> {
    Fee {
        period: f.period,
        total: f.total,
        individual: f.individual,
        employer: f.employer,
        government: f.government,
        minimum: f.minimum,
        estimate: f.estimate,
        provisional: f.provisional,
        public_subsidy: f.public_subsidy,
        reasons: reasons(&f.reasons, lang),
    }
}

fn scheme<'a>(s: &'a decision::SchemeDecision<'a>, lang: Lang) -> SchemeResult<'a> {
    let (role, adds_to) = match s.scheme().role() {
        Role::Basic => ("basic", None),
        Role::Supplement(to) => ("supplement", Some(to)),
        Role::Relief => ("relief", None),
    };
    SchemeResult {
        scheme: s.scheme(),
        name: s.rules.name.get(lang),
        status: s.status,
        role,
        adds_to,
        instead_of: s.instead_of,
        fee: s.fee.as_ref().map(|f| fee(f, lang)),
        deadline: day(s.deadline),
        cover_from: day(s.cover_from),
        waiting: s.waiting.as_ref().map(|w| Waiting {
            months: w.months,
            fixed_months: w.fixed_months,
            variable_months: w.variable_months,
            reasons: reasons(&w.reasons, lang),
        }),
        reasons: reasons(&s.reasons, lang),
        enrol: s.enrol.as_ref().map(|e| Enrol {
            through: e.through,
            places: e.places.iter().map(|t| t.get(lang)).collect(),
            where_source: e.places_cite.map(|c| c.label.get(lang)),
            documents: e.documents.iter().map(|t| t.get(lang)).collect(),
            documents_source: e.documents_cite.map(|c| c.label.get(lang)),
            deadline_source: e.deadline_cite.map(|c| c.label.get(lang)),
            reasons: reasons(&e.reasons, lang),
        }),
        benefits: reasons(&s.benefits, lang),
    }
}

/// The response for a decision, in `lang`.
pub fn response<'a>(d: &'a Decision<'a>, lang: Lang) -> Response<'a> {
    Response {
        region: &d.pack.id,
        region_name: d.pack.name.get(lang),
        year: d.year,
        lang,
        reference_date: Day(d.reference_date),
        pay_date: Day(d.pay_date),
        age: d.age,
        schemes: d.schemes.iter().map(|s| scheme(s, lang)).collect(),
        alternatives: &d.alternatives,
        missing: d.missing.iter().map(|f| f.path()).collect(),
        warnings: reasons(&d.warnings, lang),
        rules: Rules {
            pack: &d.pack.id,
            hash: &d.pack.hash,
            version: VERSION,
        },
    }
}

/// JSON text of anything this module renders. Serializing these types cannot
/// fail (no maps with non-string keys, no I/O), but the error is kept, not hidden.
pub fn json<T: Serialize>(value: &T, pretty: bool) -> String {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    text.unwrap_or_else(|e| format!("{{\"error\":{{\"code\":\"internal\",\"field\":\"\",\"message\":\"{e}\"}}}}"))
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    code: &'a str,
    field: &'a str,
    message: String,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    error: ErrorBody<'a>,
}

/// The contract's `{ "error": { code, field, message } }`.
pub fn error_json(e: &RequestError, pretty: bool) -> String {
    json(
        &ErrorJson {
            error: ErrorBody {
                code: e.code.as_str(),
                field: &e.field,
                message: e.message(),
            },
        },
        pretty,
    )
}
