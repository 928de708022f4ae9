//! The response of the JSON contract. Absent amounts and dates are written as
//! `null`, never left out: a form can rely on every key being there.

use crate::condition::Field;
use crate::json::Writer;
use crate::money::Money;
use crate::pack::Day;
use crate::vocab::{Lang, Period, Scheme, Status};

#[derive(Clone, Debug, PartialEq)]
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

#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq)]
pub struct Fee {
    pub period: Period,
    pub total: Option<Money>,
    pub individual: Option<Money>,
    pub employer: Option<Money>,
    pub government: Option<Money>,
    /// The tier applied, who pays for whom, and why any amount is `null`.
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub code: String,
    pub message: String,
    /// The document and clause, as shown to residents; `null` for what the engine
    /// says on its own (a question still open).
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrol {
    pub places: Vec<String>,
    pub documents: Vec<String>,
}

impl Reason {
    pub fn write(&self, w: &mut Writer, key: Option<&str>) {
        w.object(key, |w| self.write_members(w));
    }

    /// `code`, `message`, `source` into the object being written.
    pub fn write_members(&self, w: &mut Writer) {
        w.str(Some("code"), &self.code);
        w.str(Some("message"), &self.message);
        w.opt_str(Some("source"), self.source.as_deref());
    }
}

/// The four amounts of a fee or a total, each a string or `null`.
pub fn write_amounts(w: &mut Writer, total: Option<Money>, shares: [Option<Money>; 3]) {
    w.opt_display(Some("total"), total);
    for (key, amount) in ["individual", "employer", "government"].into_iter().zip(shares) {
        w.opt_display(Some(key), amount);
    }
}

/// A list of reasons under `key`.
pub fn write_reasons(w: &mut Writer, key: &str, reasons: &[Reason]) {
    w.array(Some(key), reasons, |w, r| r.write(w, None));
}

impl Fee {
    fn write(&self, w: &mut Writer) {
        w.object(Some("fee"), |w| {
            w.str(Some("period"), self.period.as_str());
            write_amounts(w, self.total, [self.individual, self.employer, self.government]);
            write_reasons(w, "reasons", &self.reasons);
        });
    }
}

impl SchemeResult {
    fn write(&self, w: &mut Writer) {
        w.object(None, |w| {
            w.str(Some("scheme"), self.scheme.as_str());
            w.str(Some("name"), &self.name);
            w.str(Some("status"), self.status.as_str());
            match &self.fee {
                Some(fee) => fee.write(w),
                None => w.raw(Some("fee"), "null"),
            }
            w.opt_display(Some("deadline"), self.deadline.map(|d| d.0));
            write_reasons(w, "reasons", &self.reasons);
            match &self.enrol {
                Some(e) => w.object(Some("enrol"), |w| {
                    w.array(Some("where"), &e.places, |w, s| w.str(None, s));
                    w.array(Some("documents"), &e.documents, |w, s| w.str(None, s));
                }),
                None => w.raw(Some("enrol"), "null"),
            }
            write_reasons(w, "benefits", &self.benefits);
        });
    }
}

impl Response {
    pub fn write(&self, w: &mut Writer, key: Option<&str>) {
        w.object(key, |w| {
            w.str(Some("region"), &self.region);
            w.int(Some("year"), i64::from(self.year));
            w.str(Some("lang"), self.lang.as_str());
            w.str(Some("referenceDate"), &self.reference_date.0.to_string());
            match self.age {
                Some(a) => w.int(Some("age"), i64::from(a)),
                None => w.raw(Some("age"), "null"),
            }
            w.array(Some("schemes"), &self.schemes, |w, s| s.write(w));
            w.array(Some("missing"), &self.missing, |w, f| w.str(None, f));
            write_reasons(w, "warnings", &self.warnings);
        });
    }

    /// The response as the contract's JSON text.
    pub fn to_json(&self, pretty: bool) -> String {
        let mut w = Writer::new(pretty);
        self.write(&mut w, None);
        w.finish()
    }
}
