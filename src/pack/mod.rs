//! Policy packs: one pooling region's rules as dated, cited data.
//!
//! A pack says which schemes the region's documents name and, for each, who must
//! or may join (`eligibility`, ordered rules, first match wins), what they pay
//! (`fees`, dated schedules of tiers, and the help some groups get with them), by
//! when (`deadlines`), where and with what papers (`places`, `documents`), what
//! to do after the deadline (`late`), the waiting period, and what the scheme pays
//! out (`benefits`). Every item carries a `source`, `"DOC CLAUSE"`, naming a
//! document the pack lists and its clause, and how sure that source is.
//!
//! A pack may `extend` another and write only what differs: its items come first,
//! then its parent's, so an override wins and the rest is inherited. The 2004 and
//! 2006 national notices are such a parent for the seed documents' packs; the
//! national rules of today (`china`) are one for a city's pack.
//!
//! [`Pack::load`] turns the file (serde reads [`wire`]) into the form the engine
//! checks with: conditions compiled to bit sets, amounts parsed, citations
//! rendered in each language, the parent's items appended. It refuses a pack that
//! would answer wrongly, naming the file and the key: overlapping dates, negative
//! amounts, unknown keys, `null`s, citations of documents the pack does not list,
//! overrides of schemes its parent does not have. Every step is linear in the
//! size of the pack, and the size is capped.

pub mod wire;

use std::collections::HashSet;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::condition::Cond;
use crate::date;
use crate::money::{Money, Rate};
use crate::vocab::{Lang, Period, Scheme};
pub use wire::{Base, RuleStatus, Strength, Through};

/// The largest pack text accepted, by `loadPolicy` and `canbao validate` alike:
/// several times the largest built-in pack.
pub const MAX_PACK_BYTES: usize = 512 * 1024;

/// Text in the three languages, Traditional and English falling back to
/// Simplified Chinese where the pack gives none.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text(pub [String; 3]);

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        self.0.get(lang.index()).map_or("", String::as_str)
    }

    fn new(t: &wire::Text) -> Text {
        let zh_cn = t.zh_cn.clone();
        Text([
            zh_cn.clone(),
            t.zh_tw.clone().unwrap_or_else(|| zh_cn.clone()),
            t.en.clone().unwrap_or(zh_cn),
        ])
    }
}

/// A month and day, written `MM-DD` (`"01-30"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// The date in `year`, clamped to the month's end (`02-29` in a common year).
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        date::in_year(year, self.month, self.day)
    }
}

/// Dates in force, both ends inclusive; no `to` means still in force.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Span {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Span {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|t| day <= t)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            Some(t) => write!(f, "{} to {}", self.from, t),
            None => write!(f, "{} on", self.from),
        }
    }
}

/// A citation, ready to show: the document and clause, the words a resident sees
/// in each language (`劳社厅发[2006]11号 二(一)`), and how sure the source is.
#[derive(Clone, Debug, PartialEq)]
pub struct Cite {
    pub doc: String,
    pub clause: String,
    pub label: Text,
    pub strength: Strength,
}

/// A reason a pack gives: its code, its words, and their source.
#[derive(Clone, Debug, PartialEq)]
pub struct Said {
    pub code: String,
    pub message: Text,
    pub cite: Cite,
}

/// A document a pack cites.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub number: Option<Text>,
    pub title: Text,
    pub issued: Option<NaiveDate>,
    pub file: Option<String>,
    pub strength: Strength,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub cond: Cond,
    pub status: RuleStatus,
    pub instead_of: Option<Scheme>,
    pub said: Said,
}

/// A remark for everyone it applies to (the Ordos whole-household rule), or what
/// to do after a deadline.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub cond: Cond,
    /// The coverage years it applies in (all, when absent).
    pub valid: Option<Span>,
    pub said: Said,
}

/// One payer's share of a fee: a fixed amount, or a rate of a base.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Share {
    Fixed(Money),
    Rate { rate: Rate, base: Base },
}

/// A fee tier: who it applies to and what each payer pays. Payers not listed pay
/// nothing, unless `unknown` says the source leaves their share open.
#[derive(Clone, Debug, PartialEq)]
pub struct Tier {
    pub cond: Cond,
    pub individual: Option<Share>,
    pub employer: Option<Share>,
    pub government: Option<Share>,
    pub unknown: Option<Text>,
    pub minimum: bool,
    pub estimate: bool,
    pub said: Said,
}

/// How much of the individual's share a subsidy covers.
#[derive(Clone, Debug, PartialEq)]
pub enum Covers {
    All,
    Amount(Money),
    /// Set by someone the source names, not by the source: why it is unknown.
    Unknown(Text),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Subsidy {
    pub cond: Cond,
    pub valid: Option<Span>,
    pub covers: Covers,
    pub said: Said,
}

/// The fees in force over a span of coverage years.
#[derive(Clone, Debug, PartialEq)]
pub struct FeeSchedule {
    pub span: Span,
    pub period: Period,
    pub tiers: Vec<Tier>,
    pub public_subsidy: Option<(Money, Said)>,
    pub provisional: Option<Said>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DeadlineDay {
    Date(NaiveDate),
    /// A month and day of the coverage year, or of the year before.
    MonthDay { day: MonthDay, year_before: bool },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Deadline {
    pub cond: Cond,
    pub valid: Option<Span>,
    pub day: DeadlineDay,
    pub cite: Cite,
}

impl Deadline {
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        match self.day {
            DeadlineDay::Date(d) => Some(d),
            DeadlineDay::MonthDay { day, year_before } => day.in_year(if year_before { year - 1 } else { year }),
        }
    }
}

/// Where to enrol (or through whom), or what to bring.
#[derive(Clone, Debug, PartialEq)]
pub struct Listing {
    pub cond: Cond,
    pub through: Option<Through>,
    pub items: Vec<Text>,
    pub cite: Cite,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Benefit {
    pub span: Span,
    pub said: Said,
}

/// The waiting period's parameters (see `waiting`).
#[derive(Clone, Debug, PartialEq)]
pub struct Waiting {
    pub from_year: i32,
    pub fixed_months: u32,
    pub months_per_gap_year: u32,
    pub floor_after_gap_years: u32,
    pub floor_months: u32,
    pub newborn_days: u32,
    pub cite: Cite,
    /// The worked example that settles how gap years are counted.
    pub counting_cite: Option<Cite>,
}

/// The collection window for coverage year Y: `opens` in Y-1 to `closes`.
#[derive(Clone, Debug, PartialEq)]
pub struct Collection {
    pub opens: MonthDay,
    pub closes: MonthDay,
    pub cite: Cite,
}

impl Collection {
    /// The first and last day to pay for coverage year `year`.
    pub fn window(&self, year: i32) -> Option<(NaiveDate, NaiveDate)> {
        let opens = self.opens.in_year(year - 1)?;
        let closes_in = if (self.closes.month, self.closes.day) < (self.opens.month, self.opens.day) {
            year
        } else {
            year - 1
        };
        Some((opens, self.closes.in_year(closes_in)?))
    }
}

/// One scheme as a pack knows it, its parent's items after its own.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemeRules {
    pub scheme: Scheme,
    pub name: Text,
    pub eligibility: Vec<Rule>,
    pub notes: Vec<Note>,
    pub exclusive_with: Vec<Scheme>,
    pub exclusive_cite: Option<Cite>,
    pub fees: Vec<FeeSchedule>,
    pub subsidies: Vec<Subsidy>,
    pub deadlines: Vec<Deadline>,
    pub places: Vec<Listing>,
    pub documents: Vec<Listing>,
    pub late: Vec<Note>,
    pub benefits: Vec<Benefit>,
    pub waiting: Option<Waiting>,
}

/// A parameter's value over a span of dates; `None` where the sources do not give it.
#[derive(Clone, Debug, PartialEq)]
pub struct DatedAmount {
    pub span: Span,
    pub value: Option<Money>,
    pub cite: Cite,
}

/// A household rule (Ordos 二(一)2: residents enrol by whole household).
#[derive(Clone, Debug, PartialEq)]
pub struct HouseholdRule {
    pub scheme: Scheme,
    pub said: Said,
}

/// A pack ready to answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Pack {
    pub id: String,
    pub name: Text,
    pub default: bool,
    /// Only extended, never answered for.
    pub base: bool,
    pub builtin: bool,
    pub extends: Option<String>,
    /// The coverage years the pack answers for (by their reference day).
    pub valid: Span,
    pub reference_day: MonthDay,
    pub collection: Option<Collection>,
    /// Its own documents, then its parent's.
    pub sources: Vec<Source>,
    pub average_monthly_wage: Vec<DatedAmount>,
    pub schemes: Vec<SchemeRules>,
    pub household: Vec<HouseholdRule>,
    /// FNV-1a 64 of the pack's text (and its parent's hash): which rules answered.
    pub hash: String,
}

/// What is wrong with a pack, and where: `file` and `key` locate it
/// (`policies/ordos-2009.toml`, `schemes[1].fees[0].tiers[2].individual`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackError {
    pub file: String,
    pub key: String,
    pub message: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.key, self.message)
        }
    }
}

impl std::error::Error for PackError {}

impl Pack {
    pub fn scheme(&self, scheme: Scheme) -> Option<&SchemeRules> {
        self.schemes.iter().find(|s| s.scheme == scheme)
    }

    /// The first coverage year served.
    pub fn first_year(&self) -> i32 {
        self.valid.from.year()
    }

    /// The last coverage year served, if the pack ends.
    pub fn last_year(&self) -> Option<i32> {
        self.valid.to.map(|t| t.year())
    }

    /// Reads a pack from its JSON text and prepares it. `parent` is the pack it
    /// extends, looked up by the caller from its `extends`.
    pub fn load(
        text: &str,
        file: &str,
        builtin: bool,
        parent: impl FnOnce(&str) -> Option<Pack>,
    ) -> Result<Pack, PackError> {
        let fail = |key: &str, message: String| PackError {
            file: file.to_owned(),
            key: key.to_owned(),
            message,
        };
        if text.len() > MAX_PACK_BYTES {
            return Err(fail(
                "",
                format!("{} bytes: a pack may have at most {MAX_PACK_BYTES}", text.len()),
            ));
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let w: wire::Pack = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let key = e.path().to_string();
            let message = e.inner().to_string();
            // serde_json appends " at line L column C", which for a built-in pack
            // points into generated JSON, not the TOML: drop it.
            let message = message.split(" at line ").next().unwrap_or_default().to_owned();
            fail(if key == "." { "" } else { &key }, message)
        })?;
        de.end().map_err(|e| fail("", e.to_string()))?;
        let parent = match &w.extends {
            None => None,
            Some(id) => Some(parent(id).ok_or_else(|| fail("extends", format!("no pack \"{id}\" to extend")))?),
        };
        let hash = fnv1a64(text.as_bytes(), parent.as_ref().map(|p| p.hash.as_str()));
        Prepare { file, fail: &fail }.pack(w, parent, builtin, hash)
    }
}

/// FNV-1a, 64 bits, as 16 hex digits, over the text and then the parent's hash:
/// small and stable, enough to tell two packs apart.
fn fnv1a64(bytes: &[u8], parent: Option<&str>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes.iter().chain(parent.unwrap_or_default().as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

// ---------------------------------------------------------------------------
// From the file to the prepared pack.

struct Prepare<'a> {
    file: &'a str,
    fail: &'a dyn Fn(&str, String) -> PackError,
}

type Ready<T> = Result<T, PackError>;

impl Prepare<'_> {
    fn err<T>(&self, key: impl FnOnce() -> String, message: impl Into<String>) -> Ready<T> {
        Err((self.fail)(&key(), message.into()))
    }

    fn pack(&self, w: wire::Pack, parent: Option<Pack>, builtin: bool, hash: String) -> Ready<Pack> {
        let _ = self.file;
        if w.id.is_empty()
            || w.id.len() > 64
            || !w.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            let id: String = w.id.chars().take(80).collect();
            return self.err(
                || "id".into(),
                format!("\"{id}\" is not a pack id: use 1-64 lowercase letters, digits and hyphens"),
            );
        }
        let name = self.text(&w.name, || "name".into())?;
        if name.0.iter().any(|n| n.trim().is_empty()) {
            return self.err(|| "name".into(), "a pack needs a name");
        }
        let valid = self.span(&w.valid, || "valid".into())?;
        // Sources: the pack's own, then its parent's, each id once.
        let mut sources = Vec::with_capacity(w.sources.len());
        let mut ids = HashSet::new();
        for (i, s) in w.sources.iter().enumerate() {
            let key = || format!("sources[{i}]");
            if s.id.is_empty() || s.id.contains(' ') {
                return self.err(|| format!("sources[{i}].id"), "a document id needs a character and no spaces");
            }
            if !ids.insert(s.id.as_str()) {
                return self.err(|| format!("sources[{i}].id"), format!("document id \"{}\" is listed twice", s.id));
            }
            sources.push(Source {
                id: s.id.clone(),
                number: s.number.as_ref().map(|n| self.text(n, || format!("{}.number", key()))).transpose()?,
                title: self.text(&s.title, || format!("{}.title", key()))?,
                issued: s.issued.as_deref().map(|d| self.date(d, || format!("{}.issued", key()))).transpose()?,
                file: s.file.clone(),
                strength: s.strength,
            });
        }
        let inherited = parent.as_ref().map_or(&[][..], |p| &p.sources[..]);
        for (i, s) in w.sources.iter().enumerate() {
            if inherited.iter().any(|p| p.id == s.id) {
                let message = format!("document id \"{}\" is already the parent's", s.id);
                return self.err(|| format!("sources[{i}].id"), message);
            }
        }
        sources.extend(inherited.iter().cloned());
        let docs = Docs(&sources);

        if let Some(p) = &parent {
            if valid.from < p.valid.from || p.valid.to.is_some_and(|pt| valid.to.is_none_or(|t| t > pt)) {
                let message = format!("{valid} is outside the years of \"{}\" ({})", p.id, p.valid);
                return self.err(|| "valid".into(), message);
            }
        }
        let reference_day = match (&w.reference_day, &parent) {
            (Some(r), _) => {
                if let Some(s) = &r.source {
                    docs.cite(s, r.strength, || "referenceDay.source".into(), self)?;
                }
                self.month_day(&r.day, || "referenceDay.day".into())?
            }
            (None, Some(p)) => p.reference_day,
            (None, None) => return self.err(|| "referenceDay".into(), "a pack needs a referenceDay"),
        };
        let collection = match (&w.collection, &parent) {
            (Some(c), _) => Some(Collection {
                opens: self.month_day(&c.opens, || "collection.opens".into())?,
                closes: self.month_day(&c.closes, || "collection.closes".into())?,
                cite: docs.cite(&c.source, c.strength, || "collection.source".into(), self)?,
            }),
            (None, Some(p)) => p.collection.clone(),
            (None, None) => None,
        };
        let mut average_monthly_wage = Vec::new();
        if let Some(params) = &w.parameters {
            for (i, a) in params.average_monthly_wage.iter().enumerate() {
                let key = || format!("parameters.averageMonthlyWage[{i}]");
                average_monthly_wage.push(DatedAmount {
                    span: self.span(&wire::Span { from: a.from.clone(), to: a.to.clone() }, key)?,
                    value: a.value.as_deref().map(|v| self.money(v, || format!("{}.value", key()))).transpose()?,
                    cite: docs.cite(&a.source, a.strength, || format!("{}.source", key()), self)?,
                });
            }
            self.no_overlaps(average_monthly_wage.iter().map(|a| a.span), "parameters.averageMonthlyWage")?;
        }
        if let Some(p) = &parent {
            average_monthly_wage.extend(p.average_monthly_wage.iter().cloned());
        }

        let mut schemes: Vec<SchemeRules> = Vec::with_capacity(w.schemes.len());
        for (si, s) in w.schemes.iter().enumerate() {
            let at = |rest: &str| format!("schemes[{si}]{rest}");
            if schemes.iter().any(|x| x.scheme == s.scheme) {
                let message = format!("scheme \"{}\" is listed twice", s.scheme.as_str());
                return self.err(|| at(".scheme"), message);
            }
            let inherited = parent.as_ref().and_then(|p| p.scheme(s.scheme));
            if s.eligibility.is_empty() && inherited.is_none() {
                let message = match &parent {
                    Some(p) => format!(
                        "\"{}\" has no scheme \"{}\" to override: give it eligibility rules to add it",
                        p.id,
                        s.scheme.as_str()
                    ),
                    None => "a scheme needs at least one eligibility rule".to_owned(),
                };
                return self.err(|| at(".eligibility"), message);
            }
            schemes.push(self.scheme(s, &docs, inherited, &at)?);
        }
        // The parent's schemes this pack does not mention, as they are.
        if let Some(p) = &parent {
            for s in &p.schemes {
                if !schemes.iter().any(|x| x.scheme == s.scheme) {
                    schemes.push(s.clone());
                }
            }
        }
        let mut household = Vec::with_capacity(w.household.len());
        for (i, h) in w.household.iter().enumerate() {
            let key = |rest: &str| format!("household[{i}]{rest}");
            let Some(scheme) = h.scheme else {
                return self.err(|| key(".scheme"), "a household rule names the scheme it joins members into");
            };
            if !schemes.iter().any(|s| s.scheme == scheme) {
                let message = format!("the pack has no scheme \"{}\"", scheme.as_str());
                return self.err(|| key(".scheme"), message);
            }
            household.push(HouseholdRule {
                scheme,
                said: self.said(&h.code, &h.message, &h.source, h.strength, &docs, &key)?,
            });
        }
        if let Some(p) = &parent {
            household.extend(p.household.iter().cloned());
        }
        Ok(Pack {
            id: w.id,
            name,
            default: w.default,
            base: w.base,
            builtin,
            extends: w.extends,
            valid,
            reference_day,
            collection,
            sources,
            average_monthly_wage,
            schemes,
            household,
            hash,
        })
    }

    fn scheme(
        &self,
        s: &wire::SchemeRules,
        docs: &Docs,
        parent: Option<&SchemeRules>,
        at: &dyn Fn(&str) -> String,
    ) -> Ready<SchemeRules> {
        if s.exclusive_with.contains(&s.scheme) {
            return self.err(|| at(".exclusiveWith"), "a scheme cannot exclude itself");
        }
        let exclusive_cite = match (&s.exclusive_source, s.exclusive_with.is_empty()) {
            (Some(src), _) => Some(docs.cite(src, None, || at(".exclusiveSource"), self)?),
            (None, false) => return self.err(|| at(".exclusiveSource"), "exclusiveWith needs a source"),
            (None, true) => None,
        };
        let name = match (&s.name, parent) {
            (Some(n), _) => self.text(n, || at(".name"))?,
            (None, Some(p)) => p.name.clone(),
            (None, None) => crate::i18n::scheme_name(s.scheme),
        };
        let mut eligibility = Vec::with_capacity(s.eligibility.len());
        for (i, r) in s.eligibility.iter().enumerate() {
            let key = |rest: &str| at(&format!(".eligibility[{i}]{rest}"));
            if r.instead_of == Some(s.scheme) {
                return self.err(|| key(".insteadOf"), "a scheme cannot stand in for itself");
            }
            eligibility.push(Rule {
                cond: self.cond(r.when.as_ref(), &key)?,
                status: r.status,
                instead_of: r.instead_of,
                said: self.said(&r.code, &r.message, &r.source, r.strength, docs, &key)?,
            });
        }
        let notes = self.notes(&s.notes, docs, &|i, rest| at(&format!(".notes[{i}]{rest}")))?;
        let late = self.notes(&s.late, docs, &|i, rest| at(&format!(".late[{i}]{rest}")))?;
        let mut fees = Vec::with_capacity(s.fees.len());
        for (fi, f) in s.fees.iter().enumerate() {
            fees.push(self.fee_schedule(f, docs, &|rest: &str| at(&format!(".fees[{fi}]{rest}")))?);
        }
        self.no_overlaps(fees.iter().map(|f| f.span), &at(".fees"))?;
        let mut subsidies = Vec::with_capacity(s.subsidies.len());
        for (i, sub) in s.subsidies.iter().enumerate() {
            subsidies.push(self.subsidy(sub, docs, &|rest: &str| at(&format!(".subsidies[{i}]{rest}")))?);
        }
        let mut deadlines = Vec::with_capacity(s.deadlines.len());
        for (i, d) in s.deadlines.iter().enumerate() {
            let key = |rest: &str| at(&format!(".deadlines[{i}]{rest}"));
            let day = match (&d.date, &d.month_day) {
                (Some(date), None) if !d.year_before => DeadlineDay::Date(self.date(date, || key(".date"))?),
                (None, Some(md)) => DeadlineDay::MonthDay {
                    day: self.month_day(md, || key(".monthDay"))?,
                    year_before: d.year_before,
                },
                _ => {
                    let why = "a deadline needs exactly one of `date` and `monthDay` (`yearBefore` only with `monthDay`)";
                    return self.err(|| key(""), why);
                }
            };
            deadlines.push(Deadline {
                cond: self.cond(d.when.as_ref(), &key)?,
                valid: d.valid.as_ref().map(|v| self.span(v, || key(".valid"))).transpose()?,
                day,
                cite: docs.cite(&d.source, d.strength, || key(".source"), self)?,
            });
        }
        let places = self.listings(&s.places, docs, &|i, rest| at(&format!(".places[{i}]{rest}")))?;
        let documents = self.listings(&s.documents, docs, &|i, rest| at(&format!(".documents[{i}]{rest}")))?;
        let mut benefits = Vec::with_capacity(s.benefits.len());
        for (i, b) in s.benefits.iter().enumerate() {
            let key = |rest: &str| at(&format!(".benefits[{i}]{rest}"));
            benefits.push(Benefit {
                span: self.span(&wire::Span { from: b.from.clone(), to: b.to.clone() }, || key(""))?,
                said: self.said(&b.code, &b.message, &b.source, b.strength, docs, &key)?,
            });
        }
        let waiting = match &s.waiting {
            None => None,
            Some(w) => {
                if w.fixed_months > 24 || w.months_per_gap_year > 12 || w.floor_months > 36 || w.newborn_days > 366 {
                    return self.err(|| at(".waiting"), "waiting periods are counted in months: at most 24 fixed, 12 a year, a floor of 36, 366 days for newborns");
                }
                Some(Waiting {
                    from_year: w.from_year,
                    fixed_months: w.fixed_months,
                    months_per_gap_year: w.months_per_gap_year,
                    floor_after_gap_years: w.floor_after_gap_years,
                    floor_months: w.floor_months,
                    newborn_days: w.newborn_days,
                    cite: docs.cite(&w.source, w.strength, || at(".waiting.source"), self)?,
                    counting_cite: match &w.counting_source {
                        Some(c) => Some(docs.cite(c, None, || at(".waiting.countingSource"), self)?),
                        None => None,
                    },
                })
            }
        };
        let mut rules = SchemeRules {
            scheme: s.scheme,
            name,
            eligibility,
            notes,
            exclusive_with: s.exclusive_with.clone(),
            exclusive_cite,
            fees,
            subsidies,
            deadlines,
            places,
            documents,
            late,
            benefits,
            waiting,
        };
        if let Some(p) = parent {
            rules.eligibility.extend(p.eligibility.iter().cloned());
            rules.notes.extend(p.notes.iter().cloned());
            for x in &p.exclusive_with {
                if !rules.exclusive_with.contains(x) {
                    rules.exclusive_with.push(*x);
                }
            }
            if rules.exclusive_cite.is_none() {
                rules.exclusive_cite.clone_from(&p.exclusive_cite);
            }
            rules.fees.extend(p.fees.iter().cloned());
            rules.subsidies.extend(p.subsidies.iter().cloned());
            rules.deadlines.extend(p.deadlines.iter().cloned());
            rules.places.extend(p.places.iter().cloned());
            rules.documents.extend(p.documents.iter().cloned());
            rules.late.extend(p.late.iter().cloned());
            rules.benefits.extend(p.benefits.iter().cloned());
            if rules.waiting.is_none() {
                rules.waiting.clone_from(&p.waiting);
            }
        }
        Ok(rules)
    }

    fn fee_schedule(&self, f: &wire::FeeSchedule, docs: &Docs, at: &dyn Fn(&str) -> String) -> Ready<FeeSchedule> {
        let span = self.span(&wire::Span { from: f.from.clone(), to: f.to.clone() }, || at(""))?;
        if f.tiers.is_empty() {
            return self.err(|| at(".tiers"), "a fee schedule needs at least one tier");
        }
        let mut tiers = Vec::with_capacity(f.tiers.len());
        for (ti, t) in f.tiers.iter().enumerate() {
            let key = |rest: &str| at(&format!(".tiers[{ti}]{rest}"));
            if t.individual.is_none() && t.employer.is_none() && t.government.is_none() && t.unknown.is_none() {
                let why = "a tier needs at least one share, or `unknown` saying why none is known";
                return self.err(|| key(""), why);
            }
            let share = |s: &Option<wire::Share>, name: &str| -> Ready<Option<Share>> {
                let key = || key(&format!(".{name}"));
                Ok(match s {
                    None => None,
                    Some(wire::Share::Fixed(m)) => Some(Share::Fixed(self.money(m, key)?)),
                    Some(wire::Share::Rate { rate, base }) => Some(Share::Rate {
                        rate: Rate::parse(rate).map_or_else(
                            || self.err(|| format!("{}.rate", key()), format!("\"{}\" is not a rate: write a fraction from \"0\" to \"1\" as a string, like \"0.06\" for 6 %", clip(rate))),
                            Ok,
                        )?,
                        base: *base,
                    }),
                })
            };
            tiers.push(Tier {
                cond: self.cond(t.when.as_ref(), &key)?,
                individual: share(&t.individual, "individual")?,
                employer: share(&t.employer, "employer")?,
                government: share(&t.government, "government")?,
                unknown: t.unknown.as_ref().map(|u| self.text(u, || key(".unknown"))).transpose()?,
                minimum: t.minimum,
                estimate: t.estimate,
                said: self.said(&t.code, &t.message, &t.source, t.strength, docs, &key)?,
            });
        }
        let public_subsidy = match &f.public_subsidy {
            None => None,
            Some(a) => {
                let key = |rest: &str| at(&format!(".publicSubsidy{rest}"));
                Some((
                    self.money(&a.amount, || key(".amount"))?,
                    self.said(&a.code, &a.message, &a.source, a.strength, docs, &key)?,
                ))
            }
        };
        let provisional = match &f.provisional {
            None => None,
            Some(p) => {
                let key = |rest: &str| at(&format!(".provisional{rest}"));
                Some(self.said(&p.code, &p.message, &p.source, p.strength, docs, &key)?)
            }
        };
        Ok(FeeSchedule {
            span,
            period: f.period,
            tiers,
            public_subsidy,
            provisional,
        })
    }

    fn subsidy(&self, s: &wire::Subsidy, docs: &Docs, key: &dyn Fn(&str) -> String) -> Ready<Subsidy> {
        let covers = match (&s.covers, &s.unknown) {
            (Some(c), None) if c == "all" => Covers::All,
            (Some(c), None) => Covers::Amount(self.money(c, || key(".covers"))?),
            (None, Some(u)) => Covers::Unknown(self.text(u, || key(".unknown"))?),
            _ => {
                let why = "a subsidy needs exactly one of `covers` (\"all\" or an amount) and `unknown` (who sets it)";
                return self.err(|| key(""), why);
            }
        };
        Ok(Subsidy {
            cond: self.cond(s.when.as_ref(), key)?,
            valid: s.valid.as_ref().map(|v| self.span(v, || key(".valid"))).transpose()?,
            covers,
            said: self.said(&s.code, &s.message, &s.source, s.strength, docs, key)?,
        })
    }

    fn notes(&self, items: &[wire::Item], docs: &Docs, at: &dyn Fn(usize, &str) -> String) -> Ready<Vec<Note>> {
        let mut out = Vec::with_capacity(items.len());
        for (i, n) in items.iter().enumerate() {
            let key = |rest: &str| at(i, rest);
            if n.scheme.is_some() {
                return self.err(|| key(".scheme"), "only household rules name a scheme");
            }
            out.push(Note {
                cond: self.cond(n.when.as_ref(), &key)?,
                valid: n.valid.as_ref().map(|v| self.span(v, || key(".valid"))).transpose()?,
                said: self.said(&n.code, &n.message, &n.source, n.strength, docs, &key)?,
            });
        }
        Ok(out)
    }

    fn listings(&self, items: &[wire::Listing], docs: &Docs, at: &dyn Fn(usize, &str) -> String) -> Ready<Vec<Listing>> {
        let mut out = Vec::with_capacity(items.len());
        for (i, l) in items.iter().enumerate() {
            let key = |rest: &str| at(i, rest);
            if l.items.is_empty() && l.through.is_none() {
                return self.err(|| key(".items"), "a listing needs items, or `through` saying who enrols the person");
            }
            let mut texts = Vec::with_capacity(l.items.len());
            for (j, t) in l.items.iter().enumerate() {
                texts.push(self.text(t, || key(&format!(".items[{j}]")))?);
            }
            out.push(Listing {
                cond: self.cond(l.when.as_ref(), &key)?,
                through: l.through,
                items: texts,
                cite: docs.cite(&l.source, l.strength, || key(".source"), self)?,
            });
        }
        Ok(out)
    }

    fn said(
        &self,
        code: &str,
        message: &wire::Text,
        source: &str,
        strength: Option<Strength>,
        docs: &Docs,
        key: &dyn Fn(&str) -> String,
    ) -> Ready<Said> {
        if code.is_empty() || code.len() > 64 || !code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            let message = format!("\"{}\" is not a code: use lowercase letters, digits and _", clip(code));
            return self.err(|| key(".code"), message);
        }
        Ok(Said {
            code: code.to_owned(),
            message: self.text(message, || key(".message"))?,
            cite: docs.cite(source, strength, || key(".source"), self)?,
        })
    }

    fn cond(&self, when: Option<&wire::When>, key: &dyn Fn(&str) -> String) -> Ready<Cond> {
        let Some(w) = when else {
            return Ok(Cond::default());
        };
        if w.disability_grade.as_ref().is_some_and(|g| g.iter().any(|g| *g > 4)) {
            return self.err(|| key(".when.disabilityGrade"), "disability grades are 0 (none) to 4");
        }
        Ok(Cond::new(w))
    }

    /// A text, refusing control characters: pack texts reach terminals and
    /// pages, and an escape sequence in one could rewrite what a resident sees.
    fn text(&self, t: &wire::Text, key: impl Fn() -> String) -> Ready<Text> {
        let all = [Some(&t.zh_cn), t.zh_tw.as_ref(), t.en.as_ref()];
        for (i, s) in all.iter().enumerate() {
            let Some(s) = s else { continue };
            let bad = s.chars().find(|c| (c.is_control() && *c != '\n') || ('\u{202a}'..='\u{202e}').contains(c) || ('\u{2066}'..='\u{2069}').contains(c));
            if let Some(c) = bad {
                let lang = ["zh-CN", "zh-TW", "en"].get(i).copied().unwrap_or_default();
                return self.err(|| format!("{}.{lang}", key()), format!("contains the control character U+{:04X}", c as u32));
            }
        }
        Ok(Text::new(t))
    }

    fn date(&self, s: &str, key: impl Fn() -> String) -> Ready<NaiveDate> {
        date::parse(s).map_or_else(
            || self.err(key, format!("\"{}\" is not a date: write YYYY-MM-DD", clip(s))),
            Ok,
        )
    }

    fn month_day(&self, s: &str, key: impl Fn() -> String) -> Ready<MonthDay> {
        // Checked against a leap year, so "02-29" is allowed and clamps later.
        match (s.len() == 5).then(|| date::parse(&format!("2000-{s}"))).flatten() {
            Some(d) => Ok(MonthDay {
                month: d.month(),
                day: d.day(),
            }),
            None => self.err(key, format!("\"{}\" is not a month and day: write MM-DD, like \"01-30\"", clip(s))),
        }
    }

    fn span(&self, s: &wire::Span, key: impl Fn() -> String) -> Ready<Span> {
        let span = Span {
            from: self.date(&s.from, || format!("{}.from", key()))?,
            to: s.to.as_deref().map(|t| self.date(t, || format!("{}.to", key()))).transpose()?,
        };
        if span.to.is_some_and(|t| t < span.from) {
            return self.err(|| format!("{}.to", key()), format!("ends before it starts ({span})"));
        }
        Ok(span)
    }

    fn money(&self, s: &str, key: impl Fn() -> String) -> Ready<Money> {
        Money::parse(s).map_or_else(
            || self.err(key, format!("\"{}\" is not an amount: write yuan as a string with at most two decimals, like \"140.00\"", clip(s))),
            Ok,
        )
    }

    /// Spans of one dated list must not overlap: at any date one value is in
    /// force. Sorted by start, each need only be checked against the one before.
    fn no_overlaps(&self, spans: impl Iterator<Item = Span>, key: &str) -> Ready<()> {
        let mut spans: Vec<(usize, Span)> = spans.enumerate().collect();
        spans.sort_by_key(|(_, s)| s.from);
        for pair in spans.windows(2) {
            if let [(i, a), (j, b)] = pair {
                if a.to.is_none_or(|t| t >= b.from) {
                    let (first, second) = if i < j { (i, j) } else { (j, i) };
                    let message = format!("overlaps {key}[{first}] ({a} and {b})");
                    return self.err(|| format!("{key}[{second}]"), message);
                }
            }
        }
        Ok(())
    }
}

/// At most 80 characters of a value, for a message.
fn clip(s: &str) -> String {
    match s.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}

/// The documents a pack may cite: its own and its parent's.
struct Docs<'a>(&'a [Source]);

impl Docs<'_> {
    /// Reads `"DOC CLAUSE"` and renders it in each language.
    fn cite(&self, s: &str, strength: Option<Strength>, key: impl Fn() -> String, p: &Prepare) -> Ready<Cite> {
        let Some((doc, clause)) = s.split_once(' ').filter(|(d, c)| !d.is_empty() && !c.trim().is_empty()) else {
            let message = format!(
                "\"{}\" is not a citation: write the document id, a space and the clause, like \"004 三(一)\"",
                clip(s)
            );
            return p.err(key, message);
        };
        let Some(source) = self.0.iter().find(|x| x.id == doc) else {
            let mut known: Vec<&str> = self.0.iter().map(|x| x.id.as_str()).take(20).collect();
            known.sort_unstable();
            let message = format!(
                "cites document \"{}\", which is not among the sources ({})",
                clip(doc),
                known.join(", ")
            );
            return p.err(key, message);
        };
        let clause = clause.trim();
        let label = |lang: Lang| match &source.number {
            // A document number needs the space before its clause.
            Some(n) => format!("{} {clause}", n.get(lang)),
            // 《title》三(一) reads as one in Chinese; in English, a comma.
            None if lang == Lang::En => format!("{}, {clause}", source.title.get(lang)),
            None => format!("《{}》{clause}", source.title.get(lang)),
        };
        Ok(Cite {
            doc: doc.to_owned(),
            clause: clause.to_owned(),
            label: Text([label(Lang::ZhCn), label(Lang::ZhTw), label(Lang::En)]),
            // An item may be less sure than its document (a figure inferred from it).
            strength: strength.unwrap_or(source.strength),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Pack, PackError> {
        Pack::load(text, "test.json", false, |_| None)
    }

    const MINIMAL: &str = r#"{"id":"x","name":{"zh-CN":"X"},"valid":{"from":"2015-01-01"},
        "referenceDay":{"day":"01-01"},
        "sources":[{"id":"d","title":{"zh-CN":"文件"},"strength":"official"}],
        "schemes":[{"scheme":"urban_resident","eligibility":[
            {"status":"eligible","code":"all","message":{"zh-CN":"可以"},"source":"d 一"}]}]}"#;

    #[test]
    fn a_minimal_pack_loads_and_cites_in_each_language() {
        let p = load(MINIMAL).unwrap();
        let cite = &p.schemes[0].eligibility[0].said.cite;
        assert_eq!(cite.label.get(Lang::ZhCn), "《文件》一");
        assert_eq!(cite.strength, Strength::Official);
    }

    #[test]
    fn null_is_refused_where_absence_would_mean_everyone() {
        let text = MINIMAL.replace(r#"{"status":"eligible""#, r#"{"when":{"ageAtLeast":null},"status":"eligible""#);
        let e = load(&text).unwrap_err();
        assert_eq!(e.key, "schemes[0].eligibility[0].when.ageAtLeast");
    }

    #[test]
    fn a_scheme_cannot_exclude_itself() {
        let text = MINIMAL.replace(r#""scheme":"urban_resident","#, r#""scheme":"urban_resident","exclusiveWith":["urban_resident"],"exclusiveSource":"d 二","#);
        assert_eq!(load(&text).unwrap_err().key, "schemes[0].exclusiveWith");
    }

    #[test]
    fn control_characters_are_refused() {
        let text = MINIMAL.replace(r#""可以""#, r#""可以\u001b[2J""#);
        let e = load(&text).unwrap_err();
        assert_eq!(e.key, "schemes[0].eligibility[0].message.zh-CN");
    }
}
