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
//! `Pack::load` ([`compile`]) turns the file into the form the engine checks
//! with, this module's types: conditions compiled to bit sets, amounts parsed,
//! citations rendered in each language, the parent's items appended. It refuses
//! a pack that would answer wrongly, naming the file and the key.
//!
//! Compiling needs serde's readers for the pack file's forty shapes, more code
//! than the rest of the engine, so it is behind the `loader` feature: the CLI
//! has it, the WebAssembly core does not (a second, lazily loaded module does,
//! for `loadPolicy`). Compiled packs cross between them, and into the core's
//! built-ins, in postcard's compact binary form (the derives below).

#[cfg(feature = "loader")]
pub mod compile;
#[cfg(feature = "loader")]
pub mod wire;

use std::fmt;

use serde_json::value::RawValue;

use chrono::{Datelike, NaiveDate};

use crate::condition::Cond;
use crate::date;
use crate::money::{Money, Rate};
use crate::vocab::{Lang, Period, Scheme};

wire_enum! {
    /// How sure we are of a source's words (TODAY.md's labels A, B, C).
    Strength {
        /// A: the official text itself, seen word for word.
        Official = "official",
        /// B: a reputable repost or report of it.
        Reported = "reported",
        /// C: inferred, arithmetic, or seen only second-hand.
        Unconfirmed = "unconfirmed",
    }
}

wire_enum! {
    /// What an eligibility rule decides.
    RuleStatus { Mandatory = "mandatory", Eligible = "eligible", Ineligible = "ineligible" }
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

wire_enum! {
    /// Who does the enrolling, when it is not the person at a counter.
    Through {
        /// The employer enrols its staff.
        Employer = "employer",
        /// The school enrols its pupils.
        School = "school",
        /// The county of the person's hukou, not this region.
        HomeCounty = "home_county",
        /// The body that certifies the person (civil affairs, the disabled persons' federation).
        Certifier = "certifier",
        /// The unemployment insurance agency.
        UnemploymentAgency = "unemployment_agency",
    }
}

/// The largest pack text accepted, by `loadPolicy` and `canbao validate` alike:
/// several times the largest built-in pack.
pub const MAX_PACK_BYTES: usize = 512 * 1024;

/// JSON, ready to be copied into a response, in each language: a text as a
/// JSON string, or a reason as a JSON object. Made once, when the engine takes
/// a pack, so that answering copies bytes instead of escaping them (writing
/// the response was most of a check's time). Shared, not copied, by the packs
/// that inherit it and by the engine's table of numbered texts.
#[derive(Clone, Debug, Default)]
pub struct Rendered(Option<std::sync::Arc<[Box<RawValue>; 3]>>);

impl Rendered {
    fn new(values: [String; 3]) -> Rendered {
        let [a, b, c] = values;
        let raw = |s: String| RawValue::from_string(s).ok();
        match (raw(a), raw(b), raw(c)) {
            (Some(a), Some(b), Some(c)) => Rendered(Some(std::sync::Arc::new([a, b, c]))),
            _ => Rendered(None),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    pub fn get(&self, lang: Lang) -> Option<&RawValue> {
        self.0.as_ref().and_then(|r| r.get(lang.index())).map(|b| &**b)
    }
}

/// Rendered JSON is a cache of what it renders: not part of equality.
impl PartialEq for Rendered {
    fn eq(&self, _: &Rendered) -> bool {
        true
    }
}

impl Eq for Rendered {}

/// Text in the three languages, Traditional and English falling back to
/// Simplified Chinese where the pack gives none.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Text {
    pub zh_cn: String,
    pub zh_tw: Option<String>,
    pub en: Option<String>,
    /// Each language's text as a JSON string.
    #[serde(skip)]
    pub json: Rendered,
    /// Its number in the engine's table of rendered texts (see `Engine::table`).
    #[serde(skip)]
    pub id: u32,
}

impl Text {
    /// Renders [`Text::json`].
    fn render(&mut self) {
        let quoted = |lang| serde_json::to_string(self.get(lang)).unwrap_or_default();
        self.json = Rendered::new([quoted(Lang::ZhCn), quoted(Lang::ZhTw), quoted(Lang::En)]);
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh_cn,
            Lang::ZhTw => self.zh_tw.as_deref().unwrap_or(&self.zh_cn),
            Lang::En => self.en.as_deref().unwrap_or(&self.zh_cn),
        }
    }

    /// The same text in each language's form.
    pub fn of(zh_cn: &str, zh_tw: &str, en: &str) -> Text {
        Text {
            zh_cn: zh_cn.to_owned(),
            zh_tw: Some(zh_tw.to_owned()),
            en: Some(en.to_owned()),
            json: Rendered::default(),
            id: 0,
        }
    }

    pub fn is_blank(&self) -> bool {
        [Lang::ZhCn, Lang::ZhTw, Lang::En]
            .iter()
            .any(|l| self.get(*l).trim().is_empty())
    }

    #[cfg(feature = "loader")]
    fn new(t: &wire::Text) -> Text {
        Text {
            zh_cn: t.zh_cn.clone(),
            zh_tw: t.zh_tw.clone(),
            en: t.en.clone(),
            json: Rendered::default(),
            id: 0,
        }
    }
}

/// A month and day, written `MM-DD` (`"01-30"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    #[serde(with = "crate::date::days")]
    pub from: NaiveDate,
    #[serde(with = "crate::date::days_opt")]
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
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cite {
    pub doc: String,
    pub clause: String,
    /// Rendered from the pack's sources when the engine takes the pack (not
    /// carried in the compiled form: it would repeat each title per citation).
    #[serde(skip)]
    pub label: Text,
    pub strength: Strength,
}

impl Cite {
    /// How a citation reads: `劳社厅发[2006]11号 二(一)`, `《title》三(一)`.
    fn render(&mut self, sources: &[Source]) {
        let Some(source) = sources.iter().find(|s| s.id == self.doc) else {
            return;
        };
        let clause = &self.clause;
        let label = |lang: Lang| match &source.number {
            // A document number needs the space before its clause.
            Some(n) => format!("{} {clause}", n.get(lang)),
            // 《title》三(一) reads as one in Chinese; in English, a comma.
            None if lang == Lang::En => format!("{}, {clause}", source.title.get(lang)),
            None => format!("《{}》{clause}", source.title.get(lang)),
        };
        self.label = Text {
            zh_cn: label(Lang::ZhCn),
            zh_tw: Some(label(Lang::ZhTw)),
            en: Some(label(Lang::En)),
            json: Rendered::default(),
            id: 0,
        };
        self.label.render();
    }
}

/// A reason a pack gives: its code, its words, and their source.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Said {
    pub code: String,
    pub message: Text,
    pub cite: Cite,
    /// The whole reason, `{code, message, source, strength}`, in each language.
    #[serde(skip)]
    pub json: Rendered,
    /// Its number in the engine's table of rendered texts (see `Engine::table`).
    #[serde(skip)]
    pub id: u32,
}

impl Said {
    /// Renders the message and [`Said::json`] (the citation is rendered first).
    fn render(&mut self) {
        #[derive(serde::Serialize)]
        struct Reason<'a> {
            code: &'a str,
            message: &'a str,
            source: &'a str,
            strength: Strength,
        }
        self.message.render();
        let json = |lang| {
            let r = Reason {
                code: &self.code,
                message: self.message.get(lang),
                source: self.cite.label.get(lang),
                strength: self.cite.strength,
            };
            serde_json::to_string(&r).unwrap_or_default()
        };
        self.json = Rendered::new([json(Lang::ZhCn), json(Lang::ZhTw), json(Lang::En)]);
    }
}

/// A document a pack cites.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    pub id: String,
    pub number: Option<Text>,
    pub title: Text,
    #[serde(with = "crate::date::days_opt")]
    pub issued: Option<NaiveDate>,
    pub file: Option<String>,
    pub strength: Strength,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    pub cond: Cond,
    pub status: RuleStatus,
    pub instead_of: Option<Scheme>,
    pub said: Said,
}

/// A remark for everyone it applies to (the Ordos whole-household rule), or what
/// to do after a deadline.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Note {
    pub cond: Cond,
    /// The coverage years it applies in (all, when absent).
    pub valid: Option<Span>,
    pub said: Said,
}

/// One payer's share of a fee: a fixed amount, or a rate of a base.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Share {
    Fixed(Money),
    Rate { rate: Rate, base: Base },
}

/// A fee tier: who it applies to and what each payer pays. Payers not listed pay
/// nothing, unless `unknown` says the source leaves their share open.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Covers {
    All,
    Amount(Money),
    /// Set by someone the source names, not by the source: why it is unknown.
    Unknown(Text),
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Subsidy {
    pub cond: Cond,
    pub valid: Option<Span>,
    pub covers: Covers,
    pub said: Said,
}

/// The fees in force over a span of coverage years.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FeeSchedule {
    pub span: Span,
    pub period: Period,
    pub tiers: Vec<Tier>,
    pub public_subsidy: Option<(Money, Said)>,
    pub provisional: Option<Said>,
}

#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum DeadlineDay {
    Date(#[serde(with = "crate::date::days")] NaiveDate),
    /// A month and day of the coverage year, or of the year before.
    MonthDay {
        day: MonthDay,
        year_before: bool,
    },
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Listing {
    pub cond: Cond,
    pub through: Option<Through>,
    pub items: Vec<Text>,
    pub cite: Cite,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Benefit {
    pub span: Span,
    pub said: Said,
}

/// The waiting period's parameters (see `waiting`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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

/// At most 80 characters of a value, for a message: a message never grows
/// with its input.
pub(crate) fn clip(s: &str) -> String {
    bounded(s, 80)
}

/// At most `max` characters of `s`, control characters replaced.
pub(crate) fn bounded(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .take(max)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// A text, citation or reason of a pack, as [`Pack::each_item`] visits them.
pub enum Item<'a> {
    Text(&'a mut Text),
    Cite(&'a mut Cite),
    Said(&'a mut Said),
}

/// One scheme as a pack knows it, its parent's items after its own.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DatedAmount {
    pub span: Span,
    pub value: Option<Money>,
    pub cite: Cite,
}

/// A household rule (Ordos 二(一)2: residents enrol by whole household).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HouseholdRule {
    pub scheme: Scheme,
    pub said: Said,
}

/// A pack ready to answer.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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

impl SchemeRules {
    /// Each text, citation and reason of the scheme (a reason's own message
    /// and citation are in it, not visited apart).
    fn each_item(&mut self, f: &mut dyn FnMut(Item<'_>)) {
        f(Item::Text(&mut self.name));
        self.eligibility.iter_mut().for_each(|r| f(Item::Said(&mut r.said)));
        self.notes
            .iter_mut()
            .chain(&mut self.late)
            .for_each(|n| f(Item::Said(&mut n.said)));
        if let Some(c) = &mut self.exclusive_cite {
            f(Item::Cite(c));
        }
        for fee in &mut self.fees {
            for t in &mut fee.tiers {
                f(Item::Said(&mut t.said));
                if let Some(u) = &mut t.unknown {
                    f(Item::Text(u));
                }
            }
            if let Some((_, s)) = &mut fee.public_subsidy {
                f(Item::Said(s));
            }
            if let Some(s) = &mut fee.provisional {
                f(Item::Said(s));
            }
        }
        for s in &mut self.subsidies {
            f(Item::Said(&mut s.said));
            if let Covers::Unknown(t) = &mut s.covers {
                f(Item::Text(t));
            }
        }
        self.deadlines.iter_mut().for_each(|d| f(Item::Cite(&mut d.cite)));
        for l in self.places.iter_mut().chain(&mut self.documents) {
            f(Item::Cite(&mut l.cite));
            l.items.iter_mut().for_each(|t| f(Item::Text(t)));
        }
        self.benefits.iter_mut().for_each(|b| f(Item::Said(&mut b.said)));
        if let Some(w) = &mut self.waiting {
            f(Item::Cite(&mut w.cite));
            if let Some(c) = &mut w.counting_cite {
                f(Item::Cite(c));
            }
        }
    }

    /// The parent's items after this scheme's own: an override comes first and
    /// wins; the rest is inherited.
    fn inherit(&mut self, p: &SchemeRules) {
        self.eligibility.extend(p.eligibility.iter().cloned());
        self.notes.extend(p.notes.iter().cloned());
        for x in &p.exclusive_with {
            if !self.exclusive_with.contains(x) {
                self.exclusive_with.push(*x);
            }
        }
        if self.exclusive_cite.is_none() {
            self.exclusive_cite.clone_from(&p.exclusive_cite);
        }
        self.fees.extend(p.fees.iter().cloned());
        self.subsidies.extend(p.subsidies.iter().cloned());
        self.deadlines.extend(p.deadlines.iter().cloned());
        self.places.extend(p.places.iter().cloned());
        self.documents.extend(p.documents.iter().cloned());
        self.late.extend(p.late.iter().cloned());
        self.benefits.extend(p.benefits.iter().cloned());
        if self.waiting.is_none() {
            self.waiting.clone_from(&p.waiting);
        }
    }
}

impl Pack {
    /// A pack that `extends` another, with the parent's documents, parameters,
    /// schemes and household rules after its own. Compiled packs carry only
    /// their own (a child of the national pack would otherwise repeat all of
    /// it); the engine calls this when it takes one.
    pub fn inherit(&mut self, parent: &Pack) {
        self.sources.extend(parent.sources.iter().cloned());
        self.average_monthly_wage
            .extend(parent.average_monthly_wage.iter().cloned());
        for s in &mut self.schemes {
            if let Some(p) = parent.scheme(s.scheme) {
                s.inherit(p);
            }
        }
        for p in &parent.schemes {
            if self.scheme(p.scheme).is_none() {
                self.schemes.push(p.clone());
            }
        }
        self.household.extend(parent.household.iter().cloned());
    }

    pub fn scheme(&self, scheme: Scheme) -> Option<&SchemeRules> {
        self.schemes.iter().find(|s| s.scheme == scheme)
    }

    /// Renders the pack's own citations, texts and reasons, in each language,
    /// ready to answer with (its parent's items came rendered).
    pub fn render(&mut self) {
        let sources = std::mem::take(&mut self.sources);
        let cite = |c: &mut Cite| {
            if c.label.zh_cn.is_empty() {
                c.render(&sources);
            }
        };
        self.each_item(&mut |item| match item {
            Item::Cite(c) => cite(c),
            Item::Said(s) => cite(&mut s.cite),
            Item::Text(_) => {}
        });
        self.sources = sources;
        self.each_item(&mut |item| match item {
            Item::Text(t) if t.json.is_empty() => t.render(),
            Item::Said(s) if s.json.is_empty() => s.render(),
            _ => {}
        });
    }

    /// Each text, citation and reason of the pack.
    pub fn each_item(&mut self, f: &mut dyn FnMut(Item<'_>)) {
        f(Item::Text(&mut self.name));
        for a in &mut self.average_monthly_wage {
            f(Item::Cite(&mut a.cite));
        }
        if let Some(c) = &mut self.collection {
            f(Item::Cite(&mut c.cite));
        }
        for h in &mut self.household {
            f(Item::Said(&mut h.said));
        }
        for s in &mut self.schemes {
            s.each_item(f);
        }
    }

    /// The first coverage year served.
    pub fn first_year(&self) -> i32 {
        self.valid.from.year()
    }

    /// The last coverage year served, if the pack ends.
    pub fn last_year(&self) -> Option<i32> {
        self.valid.to.map(|t| t.year())
    }
}
