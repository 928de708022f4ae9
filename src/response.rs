//! The response of the JSON contract. Absent amounts and dates serialize as
//! `null`, never as a missing key: a form can rely on every key being there.

use serde::Serialize;

use crate::condition::Field;
use crate::money::Money;
use crate::pack::Day;
use crate::vocab::{Lang, Period, Scheme, Status};

#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    pub region: String,
    pub year: i32,
    pub lang: Lang,
    /// The day ages are counted on.
    pub reference_date: Day,
    pub age: Option<u32>,
    pub schemes: Vec<SchemeResult>,
    /// Request fields that would change the result, by wire path, sorted.
    pub missing: Vec<Field>,
    pub warnings: Vec<Reason>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SchemeResult {
    pub scheme: Scheme,
    /// The scheme's name in the request's language (the local name where the pack has one).
    pub name: String,
    pub status: Status,
    pub fee: Option<Fee>,
    pub deadline: Option<Day>,
    pub reasons: Vec<Reason>,
    pub enrol: Option<Enrol>,
    /// What the scheme pays out in this year, where the pack says.
    pub benefits: Vec<Reason>,
}

/// A fee and who pays it. Any amount may be `null` where the sources do not give
/// it; the known ones still appear, and when all are known, the shares add up to
/// the total exactly.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Fee {
    pub period: Period,
    pub total: Option<Money>,
    pub individual: Option<Money>,
    pub employer: Option<Money>,
    pub government: Option<Money>,
    /// The tier applied, who pays for whom, and why any amount is `null`.
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Reason {
    pub code: String,
    pub message: String,
    /// The document and clause, as shown to residents; `null` for what the engine
    /// says on its own (a question still open).
    pub source: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Enrol {
    #[serde(rename = "where")]
    pub places: Vec<String>,
    pub documents: Vec<String>,
}
