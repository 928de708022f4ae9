//! Policy packs: one pooling region's rules as dated, cited data.
//!
//! A pack says which schemes the region's documents name and, for each, who must
//! or may join (`eligibility`, ordered rules, first match wins), what they pay
//! (`fees`, dated schedules of tiers), by when (`deadlines`), where and with what
//! papers (`places`, `documents`), and what the scheme pays out (`benefits`).
//! Every rule, tier and parameter carries a `source`, `"DOC CLAUSE"`, naming a
//! document the pack lists (or one of the national notices every pack shares) and
//! its clause, so a resident can be shown the words behind each answer.
//!
//! The rules are written in the vocabulary of [`When`]: the formulas are code, the
//! parameters are data, as in OpenFisca. A portal operator writes a pack for their
//! own region in the same format, and [`Pack::validate`] refuses one that would
//! answer wrongly: overlapping dates, negative amounts, unknown keys, citations of
//! documents the pack does not list.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use crate::condition::When;
use crate::date;
use crate::money::{Money, Rate};
use crate::read::{self, Obj, Read};
use crate::vocab::{Lang, Period, Scheme};

/// Text in the three languages; Simplified Chinese is required, the others fall
/// back to it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Text {
    pub zh_cn: String,
    pub zh_tw: Option<String>,
    pub en: Option<String>,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh_cn,
            Lang::ZhTw => self.zh_tw.as_deref().unwrap_or(&self.zh_cn),
            Lang::En => self.en.as_deref().unwrap_or(&self.zh_cn),
        }
    }
}

/// A date written `YYYY-MM-DD` in a pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Day(pub NaiveDate);

/// A month and day in the insurance year, written `MM-DD` (`"01-30"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        date::in_year(year, self.month, self.day)
    }
}

/// A citation: a document id the pack knows, and a clause in it: `"004 三(一)"`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Cite {
    pub doc: String,
    pub clause: String,
}

/// A document a pack cites.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// What `source` keys use to cite it: `"004"`.
    pub id: String,
    /// The official number, `劳社厅发[2006]11号`, where it has one.
    pub number: Option<String>,
    pub title: String,
    pub issued: Option<Day>,
    /// The copy in `shared/seeds/` it was read from, or wherever the operator keeps it.
    pub file: Option<String>,
}

impl Source {
    pub fn write(&self, w: &mut crate::json::Writer) {
        w.object(None, |w| {
            w.str(Some("id"), &self.id);
            w.opt_str(Some("number"), self.number.as_deref());
            w.str(Some("title"), &self.title);
            w.opt_display(Some("issued"), self.issued.map(|d| d.0));
            w.opt_str(Some("file"), self.file.as_deref());
        });
    }

    /// How a citation shows the document: its number, or its title in 《》.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => n.clone(),
            None => format!("《{}》", self.title),
        }
    }
}

/// Dates a parameter or schedule is in force, both ends inclusive; no `to` means
/// still in force.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Span {
    pub from: Day,
    pub to: Option<Day>,
}

impl Span {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.0 <= day && self.to.is_none_or(|t| day <= t.0)
    }

    fn overlaps(&self, other: &Span) -> bool {
        let ends_before = |a: &Span, b: &Span| a.to.is_some_and(|t| t.0 < b.from.0);
        !ends_before(self, other) && !ends_before(other, self)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            Some(t) => write!(f, "{} to {}", self.from.0, t.0),
            None => write!(f, "{} on", self.from.0),
        }
    }
}

/// The day of the insurance year on which ages are counted.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ReferenceDay {
    pub day: MonthDay,
    /// Absent where no rule of the pack depends on age (the age is then only shown).
    pub source: Option<Cite>,
}

wire_enum! {
    /// What an eligibility rule decides.
    RuleStatus { Mandatory = "mandatory", Eligible = "eligible", Ineligible = "ineligible" }
}

/// One eligibility rule: for those it applies to, the status and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub when: When,
    pub status: RuleStatus,
    /// A stable code for the reason, for tests and forms: `elderly_mover_two_years`.
    pub code: String,
    pub message: Text,
    pub source: Cite,
}

/// A remark added to a scheme's reasons for everyone it applies to, whatever the
/// status (the Ordos whole-household rule, not being in two schemes at once).
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub when: When,
    pub code: String,
    pub message: Text,
    pub source: Cite,
}

wire_enum! {
    /// What a rate is applied to.
    Base {
        /// The wage the person gave.
        MonthlyWage = "monthlyWage",
        /// The previous year's local average monthly wage (001 三(六)), a pack parameter.
        AverageWage = "averageWage",
    }
}

/// One payer's share of a fee: a fixed amount, or a rate of a base.
#[derive(Clone, Debug, PartialEq)]
pub enum Share {
    Fixed(Money),
    Rate { rate: Rate, base: Base },
}

/// A fee tier: who it applies to and what each payer pays. Payers not listed pay
/// nothing, unless `unknown` says the source leaves their share open.
#[derive(Clone, Debug, PartialEq)]
pub struct Tier {
    pub when: When,
    pub individual: Option<Share>,
    pub employer: Option<Share>,
    pub government: Option<Share>,
    /// Why the shares not given are unknown (the document names no rate).
    pub unknown: Option<Text>,
    pub code: String,
    pub message: Text,
    pub source: Cite,
}

/// The fees in force over a span of dates.
#[derive(Clone, Debug, PartialEq)]
pub struct FeeSchedule {
    pub from: Day,
    pub to: Option<Day>,
    pub period: Period,
    pub tiers: Vec<Tier>,
    /// Subsidies that take over the individual's whole share (004 三(五): 低保
    /// and the severely disabled are paid for in full by the finance bureau).
    pub subsidies: Vec<Note>,
}

/// An enrolment deadline: a fixed date, or a month and day of the insurance year.
#[derive(Clone, Debug, PartialEq)]
pub struct Deadline {
    pub when: When,
    /// The insurance years this deadline applies in (all, when absent).
    pub valid: Option<Span>,
    pub date: Option<Day>,
    pub month_day: Option<MonthDay>,
    pub source: Cite,
}

/// Where to enrol, or what to bring: the first entry that applies is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Listing {
    pub when: When,
    pub items: Vec<Text>,
    pub source: Cite,
}

/// What a scheme pays out, over a span of dates.
#[derive(Clone, Debug, PartialEq)]
pub struct Benefit {
    pub from: Day,
    pub to: Option<Day>,
    pub code: String,
    pub message: Text,
    pub source: Cite,
}

/// One scheme as a pack knows it.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemeRules {
    pub scheme: Scheme,
    /// The local name where it differs from the standard one.
    pub name: Option<Text>,
    pub eligibility: Vec<Rule>,
    pub notes: Vec<Note>,
    /// Schemes that cannot be held together with this one (004 二).
    pub exclusive_with: Vec<Scheme>,
    pub exclusive_source: Option<Cite>,
    pub fees: Vec<FeeSchedule>,
    pub deadlines: Vec<Deadline>,
    pub places: Vec<Listing>,
    pub documents: Vec<Listing>,
    pub benefits: Vec<Benefit>,
}

/// A parameter's value over a span of dates; `value` absent means the sources do
/// not give it (and the engine says so instead of guessing).
#[derive(Clone, Debug, PartialEq)]
pub struct DatedAmount {
    pub from: Day,
    pub to: Option<Day>,
    pub value: Option<Money>,
    pub source: Cite,
}

/// The dated lists: their entries are in force from `from` to `to`.
pub trait Dated {
    fn bounds(&self) -> (Day, Option<Day>);
    fn span(&self) -> Span {
        let (from, to) = self.bounds();
        Span { from, to }
    }
    fn in_force(&self, day: NaiveDate) -> bool {
        self.span().contains(day)
    }
}

macro_rules! dated {
    ($($t:ty),*) => {$(impl Dated for $t { fn bounds(&self) -> (Day, Option<Day>) { (self.from, self.to) } })*};
}
dated!(FeeSchedule, Benefit, DatedAmount);

/// Region-wide parameters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parameters {
    /// 上年度职工平均工资, monthly: the base for flexible workers and others whose
    /// base is hard to set (001 三(六)).
    pub average_monthly_wage: Vec<DatedAmount>,
}

/// A household rule (Ordos 二(一)2: residents enrol by whole household).
#[derive(Clone, Debug, PartialEq)]
pub struct HouseholdRule {
    pub scheme: Scheme,
    pub code: String,
    pub message: Text,
    pub source: Cite,
}

/// A policy pack.
#[derive(Clone, Debug, PartialEq)]
pub struct Pack {
    pub id: String,
    pub name: Text,
    pub default: bool,
    /// The insurance years the pack answers for (by their reference day).
    pub valid: Span,
    pub reference_day: ReferenceDay,
    pub sources: Vec<Source>,
    pub parameters: Parameters,
    pub schemes: Vec<SchemeRules>,
    pub household: Vec<HouseholdRule>,
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
    /// Reads a pack from a JSON tree, naming the key at fault on error.
    /// Citations are checked as they are read, against the pack's sources and `shared`.
    pub fn from_value(value: &Value, file: &str, shared: &[Source]) -> Result<Pack, PackError> {
        pack(value, "", shared).map_err(|e| PackError::read(e, file))
    }

    /// Reads a pack from JSON text.
    pub fn from_json(text: &str, file: &str, shared: &[Source]) -> Result<Pack, PackError> {
        Pack::from_value(&json_tree(text, file)?, file, shared)
    }

    /// The document a citation names, among this pack's and the shared ones.
    pub fn source<'a>(&'a self, shared: &'a [Source], doc: &str) -> Option<&'a Source> {
        self.sources.iter().chain(shared).find(|s| s.id == doc)
    }

    /// A citation as shown to residents: `劳社厅发[2006]11号 二(一)`.
    pub fn cite(&self, shared: &[Source], c: &Cite) -> String {
        match self.source(shared, &c.doc) {
            // 《title》三(一) reads as one; a document number needs the space.
            Some(s) if s.number.is_none() => format!("{}{}", s.label(), c.clause),
            Some(s) => format!("{} {}", s.label(), c.clause),
            None => format!("{} {}", c.doc, c.clause),
        }
    }

    pub fn scheme(&self, scheme: Scheme) -> Option<&SchemeRules> {
        self.schemes.iter().find(|s| s.scheme == scheme)
    }

    /// Checks what reading cannot: dated spans do not overlap, lists that need
    /// an entry have one, ids are sane. Citations are checked as they are read.
    pub fn validate(&self, shared: &[Source], file: &str) -> Result<(), PackError> {
        let fail = |key: String, message: String| {
            Err(PackError {
                file: file.to_owned(),
                key,
                message,
            })
        };
        if self.id.is_empty()
            || self.id.len() > 64
            || !self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return fail(
                "id".into(),
                format!(
                    "\"{}\" is not a pack id: use 1-64 lowercase letters, digits and hyphens",
                    self.id
                ),
            );
        }
        if let Some(to) = self.valid.to {
            if to < self.valid.from {
                return fail(
                    "valid.to".into(),
                    format!("ends ({}) before it starts ({})", to.0, self.valid.from.0),
                );
            }
        }
        let mut seen = Vec::new();
        for (i, s) in self.sources.iter().chain(shared).enumerate() {
            if seen.contains(&&s.id) {
                return fail(
                    format!("sources[{i}].id"),
                    format!("document id \"{}\" is listed twice", s.id),
                );
            }
            seen.push(&s.id);
        }
        overlaps(
            self.parameters.average_monthly_wage.iter().map(Dated::span),
            "parameters.averageMonthlyWage",
            file,
        )?;
        let mut schemes_seen = Vec::new();
        for (si, s) in self.schemes.iter().enumerate() {
            let at = format!("schemes[{si}]");
            if schemes_seen.contains(&s.scheme) {
                return fail(
                    format!("{at}.scheme"),
                    format!("scheme \"{}\" is listed twice", s.scheme.as_str()),
                );
            }
            schemes_seen.push(s.scheme);
            if s.eligibility.is_empty() {
                return fail(
                    format!("{at}.eligibility"),
                    "a scheme needs at least one eligibility rule".into(),
                );
            }
            if !s.exclusive_with.is_empty() && s.exclusive_source.is_none() {
                return fail(format!("{at}.exclusiveSource"), "exclusiveWith needs a source".into());
            }
            overlaps(s.fees.iter().map(Dated::span), &format!("{at}.fees"), file)?;
            for (fi, f) in s.fees.iter().enumerate() {
                if f.tiers.is_empty() {
                    return fail(
                        format!("{at}.fees[{fi}].tiers"),
                        "a fee schedule needs at least one tier".into(),
                    );
                }
                for (ti, t) in f.tiers.iter().enumerate() {
                    if t.individual.is_none() && t.employer.is_none() && t.government.is_none() && t.unknown.is_none() {
                        let why = "a tier needs at least one share, or `unknown` saying why none is known";
                        return fail(format!("{at}.fees[{fi}].tiers[{ti}]"), why.into());
                    }
                }
            }
            for (i, d) in s.deadlines.iter().enumerate() {
                if d.date.is_some() == d.month_day.is_some() {
                    let why = "a deadline needs exactly one of `date` and `monthDay`";
                    return fail(format!("{at}.deadlines[{i}]"), why.into());
                }
            }
        }
        Ok(())
    }
}

/// Spans of one dated list must not overlap: at any date one value is in force.
fn overlaps(spans: impl Iterator<Item = Span>, key: &str, file: &str) -> Result<(), PackError> {
    let spans: Vec<Span> = spans.collect();
    for (i, a) in spans.iter().enumerate() {
        if a.to.is_some_and(|t| t < a.from) {
            return Err(PackError {
                file: file.into(),
                key: format!("{key}[{i}].to"),
                message: format!("ends before it starts ({a})"),
            });
        }
        for (j, b) in spans.iter().enumerate().take(i) {
            if a.overlaps(b) {
                return Err(PackError {
                    file: file.into(),
                    key: format!("{key}[{i}]"),
                    message: format!("in force {a}, which overlaps {key}[{j}] ({b})"),
                });
            }
        }
    }
    Ok(())
}

/// The national notices every pack shares, with their own parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct National {
    pub sources: Vec<Source>,
    /// Rules appended after each pack's own, per scheme: the general case the
    /// national notices settle where a region's documents are silent.
    pub schemes: Vec<SchemeRules>,
}

impl National {
    pub fn from_value(v: &Value, file: &str) -> Result<National, PackError> {
        let read = || -> Read<National> {
            let mut o = Obj::new(v, "")?;
            let sources: Vec<Source> = o.need("sources", |v, p| read::list(v, p, source));
            let docs = Docs(sources.iter().map(|s| s.id.as_str()).collect());
            let schemes = o.need("schemes", |v, p| read::list(v, p, |v, p| scheme_rules(v, p, &docs)));
            drop(docs);
            o.finish(National { sources, schemes })
        };
        read().map_err(|e| PackError::read(e, file))
    }
}

impl PackError {
    fn read(e: read::ReadError, file: &str) -> PackError {
        let d = *e.0;
        PackError {
            file: file.to_owned(),
            key: d.path,
            message: d.message,
        }
    }
}

fn json_tree(text: &str, file: &str) -> Result<serde_json::Value, PackError> {
    serde_json::from_str(text).map_err(|e| PackError {
        file: file.to_owned(),
        key: String::new(),
        message: e.to_string(),
    })
}

// ---------------------------------------------------------------------------
// Reading a pack from its JSON tree. Each reader takes the value and its path,
// takes the keys it knows, and refuses the rest (`Obj::done`).

#[inline(never)]
fn text(v: &Value, path: &str) -> Read<Text> {
    let mut o = Obj::new(v, path)?;
    let t = Text {
        zh_cn: o.need("zh-CN", read::string),
        zh_tw: o.take("zh-TW", read::string),
        en: o.take("en", read::string),
    };
    o.finish(t)
}

#[inline(never)]
fn day(v: &Value, path: &str) -> Read<Day> {
    read::parsed(v, path, |s| {
        date::parse(s)
            .map(Day)
            .ok_or_else(|| format!("\"{s}\" is not a date: write YYYY-MM-DD"))
    })
}

#[inline(never)]
fn month_day(v: &Value, path: &str) -> Read<MonthDay> {
    read::parsed(v, path, |s| {
        // Checked against a leap year, so "02-29" is allowed and clamps later.
        date::parse(&format!("2000-{s}"))
            .map(|d| MonthDay {
                month: d.month(),
                day: d.day(),
            })
            .ok_or_else(|| format!("\"{s}\" is not a month and day: write MM-DD, like \"01-30\""))
    })
}

/// The document ids a pack may cite: its own sources and the shared ones.
struct Docs<'a>(Vec<&'a str>);

#[inline(never)]
fn cite(v: &Value, path: &str, docs: &Docs) -> Read<Cite> {
    read::parsed(v, path, |s| match s.split_once(' ') {
        Some((doc, clause)) if !doc.is_empty() && !clause.trim().is_empty() => {
            if !docs.0.contains(&doc) {
                let known = docs.0.join(", ");
                return Err(format!(
                    "cites document \"{doc}\", which is not among the sources ({known})"
                ));
            }
            Ok(Cite {
                doc: doc.to_owned(),
                clause: clause.trim().to_owned(),
            })
        }
        _ => Err(format!(
            "\"{s}\" is not a citation: write the document id, a space and the clause, like \"004 三(一)\""
        )),
    })
}

#[inline(never)]
fn money(v: &Value, path: &str) -> Read<Money> {
    read::parsed(v, path, |s| {
        Money::parse(s).ok_or_else(|| {
            format!("\"{s}\" is not an amount: write yuan as a string with at most two decimals, like \"140.00\"")
        })
    })
}

#[inline(never)]
fn rate(v: &Value, path: &str) -> Read<Rate> {
    read::parsed(v, path, |s| {
        Rate::parse(s).ok_or_else(|| {
            format!("\"{s}\" is not a rate: write a fraction from \"0\" to \"1\" as a string, like \"0.06\" for 6 %")
        })
    })
}

#[inline(never)]
fn source(v: &Value, path: &str) -> Read<Source> {
    let mut o = Obj::new(v, path)?;
    let s = Source {
        id: o.need("id", read::string),
        number: o.take("number", read::string),
        title: o.need("title", read::string),
        issued: o.take("issued", day),
        file: o.take("file", read::string),
    };
    o.finish(s)
}

fn span_of(o: &mut Obj) -> Span {
    Span {
        from: o.need("from", day),
        to: o.take("to", day),
    }
}

#[inline(never)]
fn span(v: &Value, path: &str) -> Read<Span> {
    let mut o = Obj::new(v, path)?;
    let s = span_of(&mut o);
    o.finish(s)
}

#[inline(never)]
fn rule(v: &Value, path: &str, docs: &Docs) -> Read<Rule> {
    let mut o = Obj::new(v, path)?;
    let r = Rule {
        when: o.take("when", When::read).unwrap_or_default(),
        status: o.need("status", read::choice),
        code: o.need("code", read::string),
        message: o.need("message", text),
        source: o.need("source", |v, p| cite(v, p, docs)),
    };
    o.finish(r)
}

/// `when`, `code`, `message` and `source`: what notes, subsidies and household rules share.
#[inline(never)]
fn note(v: &Value, path: &str, docs: &Docs) -> Read<Note> {
    let mut o = Obj::new(v, path)?;
    let n = Note {
        when: o.take("when", When::read).unwrap_or_default(),
        code: o.need("code", read::string),
        message: o.need("message", text),
        source: o.need("source", |v, p| cite(v, p, docs)),
    };
    o.finish(n)
}

/// `"140.00"`, or `{ rate = "0.02", base = "monthlyWage" }`.
#[inline(never)]
fn share(v: &Value, path: &str) -> Read<Share> {
    if v.is_string() {
        return money(v, path).map(Share::Fixed);
    }
    let mut o = Obj::new(v, path)?;
    let s = Share::Rate {
        rate: o.need("rate", rate),
        base: o.need("base", read::choice),
    };
    o.finish(s)
}

#[inline(never)]
fn tier(v: &Value, path: &str, docs: &Docs) -> Read<Tier> {
    let mut o = Obj::new(v, path)?;
    let t = Tier {
        when: o.take("when", When::read).unwrap_or_default(),
        individual: o.take("individual", share),
        employer: o.take("employer", share),
        government: o.take("government", share),
        unknown: o.take("unknown", text),
        code: o.need("code", read::string),
        message: o.need("message", text),
        source: o.need("source", |v, p| cite(v, p, docs)),
    };
    o.finish(t)
}

#[inline(never)]
fn fee_schedule(v: &Value, path: &str, docs: &Docs) -> Read<FeeSchedule> {
    let mut o = Obj::new(v, path)?;
    let span = span_of(&mut o);
    let f = FeeSchedule {
        from: span.from,
        to: span.to,
        period: o.need("period", read::choice),
        tiers: o.need("tiers", |v, p| read::list(v, p, |v, p| tier(v, p, docs))),
        subsidies: o.many("subsidies", |v, p| note(v, p, docs)),
    };
    o.finish(f)
}

#[inline(never)]
fn deadline(v: &Value, path: &str, docs: &Docs) -> Read<Deadline> {
    let mut o = Obj::new(v, path)?;
    let d = Deadline {
        when: o.take("when", When::read).unwrap_or_default(),
        valid: o.take("valid", span),
        date: o.take("date", day),
        month_day: o.take("monthDay", month_day),
        source: o.need("source", |v, p| cite(v, p, docs)),
    };
    o.finish(d)
}

#[inline(never)]
fn listing(v: &Value, path: &str, docs: &Docs) -> Read<Listing> {
    let mut o = Obj::new(v, path)?;
    let l = Listing {
        when: o.take("when", When::read).unwrap_or_default(),
        items: o.need("items", |v, p| read::list(v, p, text)),
        source: o.need("source", |v, p| cite(v, p, docs)),
    };
    o.finish(l)
}

#[inline(never)]
fn benefit(v: &Value, path: &str, docs: &Docs) -> Read<Benefit> {
    let mut o = Obj::new(v, path)?;
    let span = span_of(&mut o);
    let b = Benefit {
        from: span.from,
        to: span.to,
        code: o.need("code", read::string),
        message: o.need("message", text),
        source: o.need("source", |v, p| cite(v, p, docs)),
    };
    o.finish(b)
}

#[inline(never)]
fn scheme_rules(v: &Value, path: &str, docs: &Docs) -> Read<SchemeRules> {
    let mut o = Obj::new(v, path)?;
    let s = SchemeRules {
        scheme: o.need("scheme", read::choice),
        name: o.take("name", text),
        eligibility: o.need("eligibility", |v, p| read::list(v, p, |v, p| rule(v, p, docs))),
        notes: o.many("notes", |v, p| note(v, p, docs)),
        exclusive_with: o.many("exclusiveWith", read::choice),
        exclusive_source: o.take("exclusiveSource", |v, p| cite(v, p, docs)),
        fees: o.many("fees", |v, p| fee_schedule(v, p, docs)),
        deadlines: o.many("deadlines", |v, p| deadline(v, p, docs)),
        places: o.many("places", |v, p| listing(v, p, docs)),
        documents: o.many("documents", |v, p| listing(v, p, docs)),
        benefits: o.many("benefits", |v, p| benefit(v, p, docs)),
    };
    o.finish(s)
}

#[inline(never)]
fn dated_amount(v: &Value, path: &str, docs: &Docs) -> Read<DatedAmount> {
    let mut o = Obj::new(v, path)?;
    let span = span_of(&mut o);
    let d = DatedAmount {
        from: span.from,
        to: span.to,
        value: o.take("value", money),
        source: o.need("source", |v, p| cite(v, p, docs)),
    };
    o.finish(d)
}

#[inline(never)]
fn household_rule(v: &Value, path: &str, docs: &Docs) -> Read<HouseholdRule> {
    let mut o = Obj::new(v, path)?;
    let h = HouseholdRule {
        scheme: o.need("scheme", read::choice),
        code: o.need("code", read::string),
        message: o.need("message", text),
        source: o.need("source", |v, p| cite(v, p, docs)),
    };
    o.finish(h)
}

fn pack(v: &Value, path: &str, shared: &[Source]) -> Read<Pack> {
    let mut o = Obj::new(v, path)?;
    // The sources first: every citation after them is checked against them.
    let sources: Vec<Source> = o.need("sources", |v, p| read::list(v, p, source));
    let docs = Docs(sources.iter().chain(shared).map(|s| s.id.as_str()).collect());
    let docs = &docs;
    let id = o.need("id", read::string);
    let name = o.need("name", text);
    let default = o.take("default", read::boolean).unwrap_or(false);
    let valid = o.need("valid", span);
    let reference_day = o.need("referenceDay", |v, p| {
        let mut r = Obj::new(v, p)?;
        let day = ReferenceDay {
            day: r.need("day", month_day),
            source: r.take("source", |v, p| cite(v, p, docs)),
        };
        r.finish(day)
    });
    let parameters = o
        .take("parameters", |v, p| {
            let mut r = Obj::new(v, p)?;
            let wages = r.many("averageMonthlyWage", |v, p| dated_amount(v, p, docs));
            r.finish(Parameters {
                average_monthly_wage: wages,
            })
        })
        .unwrap_or_default();
    let schemes = o.need("schemes", |v, p| read::list(v, p, |v, p| scheme_rules(v, p, docs)));
    let household = o.many("household", |v, p| household_rule(v, p, docs));
    let pack = Pack {
        id,
        name,
        default,
        valid,
        reference_day,
        sources,
        parameters,
        schemes,
        household,
    };
    o.finish(pack)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(from: &str, to: Option<&str>) -> Span {
        Span {
            from: Day(date::parse(from).unwrap()),
            to: to.map(|t| Day(date::parse(t).unwrap())),
        }
    }

    #[test]
    fn spans_overlap_inclusively() {
        let a = span("2009-01-01", Some("2009-12-31"));
        assert!(a.overlaps(&span("2009-12-31", None)));
        assert!(!a.overlaps(&span("2010-01-01", None)));
        assert!(span("2010-01-01", None).overlaps(&span("2015-01-01", Some("2015-12-31"))));
        assert!(a.contains(date::parse("2009-12-31").unwrap()));
        assert!(!a.contains(date::parse("2010-01-01").unwrap()));
    }

    #[test]
    fn citation_needs_document_and_clause() {
        let docs = Docs(vec!["004"]);
        let c = |s: &str| cite(&serde_json::json!(s), "source", &docs);
        assert_eq!(
            c("004 三(一)").unwrap(),
            Cite {
                doc: "004".into(),
                clause: "三(一)".into()
            }
        );
        assert!(c("004").is_err());
        assert_eq!(c(" 三(一)").unwrap_err().path, "source");
        assert!(c("005 一").unwrap_err().message.contains("not among the sources (004)"));
    }
}
