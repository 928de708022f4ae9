//! A decision in the request's language: the response of the JSON contract.
//!
//! One pass over the [`Decision`]: the pack's words and citations are borrowed as
//! they were prepared when the pack loaded, the engine's own are worded by
//! `words`, and serde writes the JSON. Absent amounts and dates are `null`, never
//! left out: a form can rely on every key being there.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::model::error::RequestError;
use crate::model::money::Money;
use crate::model::text::Lang;
use crate::model::text::Text;
use crate::model::vocab::{Period, Role, Scheme, Status, Strength, Through};
use crate::pack::Registry;
use crate::rules::decision::{self, Decision, Reason};

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
/// texts and reasons are written out or named by their number in the
/// registry's table ([`table`]). The WebAssembly wrapper asks for numbers: it
/// keeps the table, and JavaScript reads a short ASCII answer several times
/// faster than one full of Chinese text.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub lang: Lang,
    pub numbered: bool,
}

impl Style {
    /// Every text written out, in `lang`.
    pub fn written(lang: Lang) -> Style {
        Style { lang, numbered: false }
    }
}

/// How JSON text is laid out: compact for programs, indented for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Compact,
    Indented,
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
    if style.numbered {
        return Str::Number(t.id);
    }
    match t.json.get(style.lang) {
        Some(raw) => Str::Ready(raw),
        None => Str::Plain(t.get(style.lang)),
    }
}

/// A reason: `{ code, message, source, strength }`. A pack's own reasons were
/// rendered whole when the pack was taken (or are named by number); the
/// engine's own are written here.
#[derive(Serialize, Debug)]
#[serde(untagged)]
pub enum ReasonJson<'a> {
    Ready(#[serde(serialize_with = "raw")] &'a RawValue),
    Number(u32),
    Written(WrittenReason<'a>),
}

fn raw<S: serde::Serializer>(r: &&RawValue, s: S) -> Result<S::Ok, S::Error> {
    r.serialize(s)
}

#[derive(Serialize, Debug)]
pub struct WrittenReason<'a> {
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
    pub reasons: Vec<ReasonJson<'a>>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Waiting<'a> {
    pub months: Option<u32>,
    pub fixed_months: Option<u32>,
    pub variable_months: Option<u32>,
    pub reasons: Vec<ReasonJson<'a>>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Enrol<'a> {
    pub through: Option<Through>,
    #[serde(rename = "where")]
    pub places: Vec<Str<'a>>,
    pub where_source: Option<Str<'a>>,
    /// How to pay: apps, mini-programs, counters.
    pub channels: Vec<Str<'a>>,
    pub channels_source: Option<Str<'a>>,
    pub documents: Vec<Str<'a>>,
    pub documents_source: Option<Str<'a>>,
    pub deadline_source: Option<Str<'a>>,
    pub reasons: Vec<ReasonJson<'a>>,
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
    pub reasons: Vec<ReasonJson<'a>>,
    pub enrol: Option<Enrol<'a>>,
    pub benefits: Vec<ReasonJson<'a>>,
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
    pub warnings: Vec<ReasonJson<'a>>,
    pub rules: Rules<'a>,
}

pub fn reason<'a>(r: &Reason<'a>, style: Style) -> ReasonJson<'a> {
    let lang = style.lang;
    match r {
        Reason::Pack(p) if style.numbered => ReasonJson::Number(p.id),
        Reason::Pack(p) => match p.json.get(lang) {
            Some(raw) => ReasonJson::Ready(raw),
            None => ReasonJson::Written(WrittenReason {
                code: &p.code,
                message: Cow::Borrowed(p.message.get(lang)),
                source: Some(text(&p.cite.label, style)),
                strength: Some(p.cite.strength),
            }),
        },
        Reason::Engine(own, cite) => ReasonJson::Written(WrittenReason {
            code: own.code(),
            message: own.message(lang),
            source: cite.map(|c| text(&c.label, style)),
            strength: own.strength().or(cite.map(|c| c.strength)),
        }),
    }
}

fn reasons<'a>(rs: &[Reason<'a>], style: Style) -> Vec<ReasonJson<'a>> {
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
            channels: e.channels.iter().map(|t| text(t, style)).collect(),
            channels_source: e.channels_cite.map(|c| text(&c.label, style)),
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

/// JSON text of anything this module renders; indented for people at a
/// terminal (the CLI), which the wasm build leaves out: it would be a second
/// copy of every serializer. Serializing these types cannot fail (no maps with
/// non-string keys, no I/O), but the error is kept, not hidden.
pub fn json<T: Serialize>(value: &T, layout: Layout) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    if layout == Layout::Indented {
        return serde_json::to_string_pretty(value).unwrap_or_else(|e| internal_json(&e));
    }
    let _ = layout;
    serde_json::to_string(value).unwrap_or_else(|e| internal_json(&e))
}

/// Every rendered text and reason of every pack, in `lang`, as a JSON array
/// indexed by their numbers. The WebAssembly build sends it once per language
/// (and again after a pack is added); its answers then name the pack's words
/// by number, which JavaScript reads faster than their text.
pub fn table(packs: &Registry, lang: Lang) -> String {
    let all: Vec<Option<&RawValue>> = packs.table().iter().map(|r| r.get(lang)).collect();
    json(&all, Layout::Compact)
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
pub fn error_json(e: &RequestError, layout: Layout) -> String {
    json(
        &ErrorJson {
            error: ErrorBody {
                code: e.code.as_str(),
                field: &e.field,
                message: e.message(),
            },
        },
        layout,
    )
}
