//! A decision in the request's language: the response of the JSON contract.
//!
//! One pass over the [`Decision`]: the pack's words and citations are borrowed as
//! they were prepared when the pack loaded, the engine's own are worded by
//! `i18n`, and serde writes the JSON. Absent amounts and dates are `null`, never
//! left out: a form can rely on every key being there.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::decision::{self, Decision, Reason as Said};
use crate::money::Money;
use crate::pack::{Strength, Text, Through};
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

/// How a response is written: in which language, and whether the pack's
/// texts and reasons are written out or named by their number in the engine's
/// table (`Engine::table`). The WebAssembly wrapper asks for numbers: it keeps
/// the table, and JavaScript reads a short ASCII answer several times faster
/// than one full of Chinese text.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub lang: Lang,
    pub by_number: bool,
}

impl Style {
    pub fn text(lang: Lang) -> Style {
        Style { lang, by_number: false }
    }
}

/// A string of the response: a pack's text, JSON-escaped when the pack was
/// taken (copied as it is), its number in the table, or the plain text.
#[derive(Serialize, Debug, Clone, Copy)]
#[serde(untagged)]
pub enum Str<'a> {
    Ready(&'a RawValue),
    Number(u32),
    Plain(&'a str),
}

/// A pack's text, rendered when the pack was taken.
pub fn text(t: &Text, style: Style) -> Str<'_> {
    if style.by_number {
        return Str::Number(t.id);
    }
    match t.json.get(style.lang) {
        Some(raw) => Str::Ready(raw),
        None => Str::Plain(t.get(style.lang)),
    }
}

/// A reason: `{ code, message, source, strength }`. A pack's own reasons were
/// rendered whole when the pack was taken; the engine's own are made here.
#[derive(Serialize, Debug)]
#[serde(untagged)]
pub enum Reason<'a> {
    Ready(#[serde(serialize_with = "raw")] &'a RawValue),
    Number(u32),
    Made(Made<'a>),
}

fn raw<S: serde::Serializer>(r: &&RawValue, s: S) -> Result<S::Ok, S::Error> {
    r.serialize(s)
}

#[derive(Serialize, Debug)]
pub struct Made<'a> {
    pub code: &'a str,
    pub message: Cow<'a, str>,
    /// The document and clause, as shown to residents; `null` for what the engine
    /// says on its own (a question still open).
    pub source: Option<Str<'a>>,
    /// How sure that source is: `official`, `reported` or `unconfirmed`.
    pub strength: Option<Strength>,
}

#[derive(Serialize, Debug)]
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

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Waiting<'a> {
    pub months: Option<u32>,
    pub fixed_months: Option<u32>,
    pub variable_months: Option<u32>,
    pub reasons: Vec<Reason<'a>>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Enrol<'a> {
    pub through: Option<Through>,
    #[serde(rename = "where")]
    pub places: Vec<Str<'a>>,
    pub where_source: Option<Str<'a>>,
    pub documents: Vec<Str<'a>>,
    pub documents_source: Option<Str<'a>>,
    pub deadline_source: Option<Str<'a>>,
    pub reasons: Vec<Reason<'a>>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct SchemeResult<'a> {
    pub scheme: Scheme,
    pub name: Str<'a>,
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
#[derive(Serialize, Debug)]
pub struct Rules<'a> {
    pub pack: &'a str,
    pub hash: &'a str,
    pub version: &'static str,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Response<'a> {
    pub region: &'a str,
    pub region_name: Str<'a>,
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

pub fn reason<'a>(r: &Said<'a>, style: Style) -> Reason<'a> {
    let lang = style.lang;
    match r {
        Said::Said(s) if style.by_number => Reason::Number(s.id),
        Said::Said(s) => match s.json.get(lang) {
            Some(raw) => Reason::Ready(raw),
            None => Reason::Made(Made {
                code: &s.code,
                message: Cow::Borrowed(s.message.get(lang)),
                source: Some(text(&s.cite.label, style)),
                strength: Some(s.cite.strength),
            }),
        },
        Said::Text { code, text: t, cite } => Reason::Made(Made {
            code,
            message: Cow::Borrowed(t.get(lang)),
            source: Some(text(&cite.label, style)),
            strength: Some(cite.strength),
        }),
        Said::Own(own, cite) => Reason::Made(Made {
            code: own.code(),
            message: Cow::Owned(own.message(lang)),
            source: cite.map(|c| text(&c.label, style)),
            strength: own.strength().or(cite.map(|c| c.strength)),
        }),
    }
}

fn reasons<'a>(rs: &[Said<'a>], style: Style) -> Vec<Reason<'a>> {
    rs.iter().map(|r| reason(r, style)).collect()
}

fn fee<'a>(f: &decision::Fee<'a>, style: Style) -> Fee<'a> {
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
        reasons: reasons(&f.reasons, style),
    }
}

fn scheme<'a>(s: &'a decision::SchemeDecision<'a>, style: Style) -> SchemeResult<'a> {
    let (role, adds_to) = match s.scheme().role() {
        Role::Basic => ("basic", None),
        Role::Supplement(to) => ("supplement", Some(to)),
        Role::Relief => ("relief", None),
    };
    SchemeResult {
        scheme: s.scheme(),
        name: text(&s.rules.name, style),
        status: s.status,
        role,
        adds_to,
        instead_of: s.instead_of,
        fee: s.fee.as_ref().map(|f| fee(f, style)),
        deadline: day(s.deadline),
        cover_from: day(s.cover_from),
        waiting: s.waiting.as_ref().map(|w| Waiting {
            months: w.months,
            fixed_months: w.fixed_months,
            variable_months: w.variable_months,
            reasons: reasons(&w.reasons, style),
        }),
        reasons: reasons(&s.reasons, style),
        enrol: s.enrol.as_ref().map(|e| Enrol {
            through: e.through,
            places: e.places.iter().map(|t| text(t, style)).collect(),
            where_source: e.places_cite.map(|c| text(&c.label, style)),
            documents: e.documents.iter().map(|t| text(t, style)).collect(),
            documents_source: e.documents_cite.map(|c| text(&c.label, style)),
            deadline_source: e.deadline_cite.map(|c| text(&c.label, style)),
            reasons: reasons(&e.reasons, style),
        }),
        benefits: reasons(&s.benefits, style),
    }
}

/// The response for a decision, written in `style`.
pub fn response<'a>(d: &'a Decision<'a>, style: Style) -> Response<'a> {
    Response {
        region: &d.pack.id,
        region_name: text(&d.pack.name, style),
        year: d.year,
        lang: style.lang,
        reference_date: Day(d.reference_date),
        pay_date: Day(d.pay_date),
        age: d.age,
        schemes: d.schemes.iter().map(|s| scheme(s, style)).collect(),
        alternatives: &d.alternatives,
        missing: d.missing.iter().map(|f| f.path()).collect(),
        warnings: reasons(&d.warnings, style),
        rules: Rules {
            pack: &d.pack.id,
            hash: &d.pack.hash,
            version: VERSION,
        },
    }
}

/// JSON text of anything this module renders; `pretty` for people at a terminal
/// (the CLI), which the wasm build leaves out: it would be a second copy of every
/// serializer. Serializing these types cannot fail (no maps with non-string
/// keys, no I/O), but the error is kept, not hidden.
pub fn json<T: Serialize>(value: &T, pretty: bool) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    if pretty {
        return serde_json::to_string_pretty(value).unwrap_or_else(|e| internal_json(&e));
    }
    let _ = pretty;
    serde_json::to_string(value).unwrap_or_else(|e| internal_json(&e))
}

fn internal_json(e: &serde_json::Error) -> String {
    format!("{{\"error\":{{\"code\":\"internal\",\"field\":\"\",\"message\":\"{e}\"}}}}")
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
