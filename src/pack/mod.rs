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
pub mod registry;
#[cfg(feature = "loader")]
pub mod toml;
pub mod when;
#[cfg(feature = "loader")]
pub mod wire;

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::model::date;
use crate::model::money::{Money, Rate};
use crate::model::text::Lang;
pub use crate::model::text::{Rendered, Text};
use crate::model::vocab::{Level, Period, Province, Scheme, Strength, Through};
use crate::pack::when::When;

pub use registry::Registry;

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

/// The largest pack text accepted, by `loadPolicy` and `canbao validate` alike:
/// several times the largest built-in pack.
pub const MAX_PACK_BYTES: usize = 512 * 1024;

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
    #[serde(with = "crate::model::date::days")]
    pub from: NaiveDate,
    #[serde(with = "crate::model::date::days_opt")]
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
        let named = source.clauses.iter().find(|c| c.zh_cn == self.clause);
        let label = |lang: Lang| {
            let clause = named.map_or(self.clause.as_str(), |t| t.get(lang));
            match &source.number {
            // A document number needs the space before its clause.
            Some(n) => format!("{} {clause}", n.get(lang)),
            // 《title》三(一) reads as one in Chinese; in English, a comma.
            None if lang == Lang::En => format!("{}, {clause}", source.title.get(lang)),
            None => format!("《{}》{clause}", source.title.get(lang)),
            }
        };
        self.label = Text::new(label(Lang::ZhCn), Some(label(Lang::ZhTw)), Some(label(Lang::En)));
        self.label.render();
    }
}

/// A reason a pack gives: its code, its words, and their source.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PackReason {
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

impl PackReason {
    /// Renders the message and [`PackReason::json`] (the citation is rendered first).
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
    #[serde(with = "crate::model::date::days_opt")]
    pub issued: Option<NaiveDate>,
    pub file: Option<String>,
    pub strength: Strength,
    /// Its clauses in each language, the Simplified Chinese as citations write it.
    pub clauses: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    pub when: When,
    pub status: RuleStatus,
    pub instead_of: Option<Scheme>,
    pub reason: PackReason,
}

/// A remark for everyone it applies to (the Ordos whole-household rule), or what
/// to do after a deadline.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Note {
    pub when: When,
    /// The coverage years it applies in (all, when absent).
    pub valid: Option<Span>,
    pub reason: PackReason,
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
    pub when: When,
    pub individual: Option<Share>,
    pub employer: Option<Share>,
    pub government: Option<Share>,
    pub unknown: Option<Text>,
    pub minimum: bool,
    pub estimate: bool,
    pub reason: PackReason,
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
    pub when: When,
    pub valid: Option<Span>,
    pub covers: Covers,
    pub reason: PackReason,
}

/// The fees in force over a span of coverage years.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FeeSchedule {
    pub span: Span,
    pub period: Period,
    pub tiers: Vec<Tier>,
    pub public_subsidy: Option<(Money, PackReason)>,
    pub provisional: Option<PackReason>,
}

#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum DeadlineDay {
    Date(#[serde(with = "crate::model::date::days")] NaiveDate),
    /// A month and day of the coverage year, or of the year before.
    MonthDay {
        day: MonthDay,
        year_before: bool,
    },
    /// The close of the pack's collection window for the year.
    WindowCloses,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Deadline {
    pub when: When,
    pub valid: Option<Span>,
    pub day: DeadlineDay,
    pub cite: Cite,
}

impl Deadline {
    /// The day for coverage year `year`; for the window's close, the close
    /// of `window` when it is the same everywhere.
    pub fn date_in(&self, year: i32, window: Option<Window>) -> Option<NaiveDate> {
        match self.day {
            DeadlineDay::Date(d) => Some(d),
            DeadlineDay::MonthDay { day, year_before } => day.in_year(if year_before { year - 1 } else { year }),
            DeadlineDay::WindowCloses => window.filter(|w| w.latest.is_none()).map(|w| w.closes),
        }
    }
}

/// Where to enrol (or through whom), or what to bring.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Listing {
    pub when: When,
    pub through: Option<Through>,
    pub items: Vec<Text>,
    pub cite: Cite,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Benefit {
    pub span: Span,
    pub reason: PackReason,
}

/// When cover starts for a payment made on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CoverStart {
    /// The day the payment is made (到账之日).
    PayDay,
    /// The day after (缴费次日).
    NextDay,
    /// 1 January of the coverage year, whenever in the window it is paid.
    YearStart,
}

impl CoverStart {
    /// The day cover starts for a payment on `pay_date` in coverage year `year`.
    pub fn after(self, pay_date: NaiveDate, year: i32) -> Option<NaiveDate> {
        match self {
            CoverStart::PayDay => Some(pay_date),
            CoverStart::NextDay => pay_date.succ_opt(),
            CoverStart::YearStart => NaiveDate::from_ymd_opt(year, 1, 1),
        }
    }
}

/// The waiting period's parameters (see `rules::waiting`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Waiting {
    pub from_year: i32,
    pub fixed_months: u32,
    pub months_per_gap_year: u32,
    pub floor_after_gap_years: u32,
    pub floor_months: u32,
    pub newborn_days: u32,
    /// A baby enrolled after `newborn_days` but before turning one: covered
    /// from paying, no wait (a place's rule; unknown nationally).
    pub newborn_late: Option<CoverStart>,
    pub cite: Cite,
    /// The worked example that settles how gap years are counted.
    pub counting_cite: Option<Cite>,
}

/// The collection window for coverage year Y: `opens` in Y-1 to `closes`.
/// Where the close is set locally or the sources disagree, `closes_as_late_as`
/// is the latest it may be: a payment between the two is in the window in
/// some places and not in others.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Collection {
    /// The coverage years it is the window for (all, when absent).
    pub valid: Option<Span>,
    pub opens: MonthDay,
    pub closes: MonthDay,
    pub closes_as_late_as: Option<MonthDay>,
    /// A payment within the window but after 1 January of the coverage year:
    /// cover from the day of paying or the day after (absent: not said).
    pub after_year_start: Option<CoverStart>,
    pub cite: Cite,
}

/// The days of a collection window for one coverage year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub opens: NaiveDate,
    pub closes: NaiveDate,
    /// The latest the window may close, where that is not the same everywhere.
    pub latest: Option<NaiveDate>,
}

impl Collection {
    /// The days to pay for coverage year `year`.
    pub fn window(&self, year: i32) -> Option<Window> {
        let opens = self.opens.in_year(year - 1)?;
        let day = |md: MonthDay| {
            let in_year = if (md.month, md.day) < (self.opens.month, self.opens.day) {
                year
            } else {
                year - 1
            };
            md.in_year(in_year)
        };
        Some(Window {
            opens,
            closes: day(self.closes)?,
            latest: self.closes_as_late_as.and_then(day),
        })
    }

    /// Whether this is the window for coverage year `year`.
    pub fn serves(&self, year: i32) -> bool {
        let first = NaiveDate::from_ymd_opt(year, 1, 1);
        self.valid.is_none_or(|v| first.is_some_and(|d| v.contains(d)))
    }
}

/// The reward for staying insured (国办发〔2024〕38号): after `after_years`
/// continuous years, each further year raises the serious-illness insurance
/// ceiling by `step`; so does a year with no claims (`zero_claim_step`); the
/// total rise is at most `cap_share` of the original ceiling (`base_cap`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Incentive {
    /// The coverage years it applies in (all, when absent).
    pub valid: Option<Span>,
    pub after_years: u32,
    pub step: Money,
    /// `step` is a floor: the place sets its own, at least this.
    pub minimum: bool,
    pub zero_claim_step: Option<Money>,
    pub cap_share: Option<Rate>,
    pub base_cap: Option<Money>,
    pub reason: PackReason,
}

/// A text, citation or reason of a pack, as [`Pack::each_item`] visits them.
pub enum Item<'a> {
    Text(&'a mut Text),
    Cite(&'a mut Cite),
    Reason(&'a mut PackReason),
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
    /// How to pay: the apps, mini-programs and counters the sources name.
    pub channels: Vec<Listing>,
    pub documents: Vec<Listing>,
    pub late: Vec<Note>,
    pub benefits: Vec<Benefit>,
    pub waiting: Option<Waiting>,
    pub incentive: Option<Incentive>,
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
    pub reason: PackReason,
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
    /// Its own windows, then its parent's: the first serving a year is its window.
    pub collection: Vec<Collection>,
    /// The province it is in (or is), for a picker of places.
    pub province: Option<Province>,
    pub level: Option<Level>,
    /// Former ids that still name it (`suizhou-2025` for `suizhou`).
    pub aliases: Vec<String>,
    /// Its own documents, then its parent's.
    pub sources: Vec<Source>,
    pub average_monthly_wage: Vec<DatedAmount>,
    pub schemes: Vec<SchemeRules>,
    pub household: Vec<HouseholdRule>,
    /// FNV-1a 64 of the pack's text (and its parent's hash): which rules answered.
    pub hash: String,
    /// What loads but is likely not meant, for whoever wrote the pack
    /// (`file:line:column: key: message`); not carried in the compiled form.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// What is wrong with a pack, and where: `file` and `key` locate it
/// (`policies/ordos-2009.toml`, `schemes[1].fees[0].tiers[2].individual`),
/// and for a pack written in TOML the line and column of that key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackError {
    pub file: String,
    pub key: String,
    pub message: String,
    /// 1-based line and column in the file, where the file was TOML.
    pub line_column: Option<(usize, usize)>,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `file:line:column:`, as compilers write it, so editors can jump there.
        write!(f, "{}", self.file)?;
        if let Some((line, column)) = self.line_column {
            write!(f, ":{line}:{column}")?;
        }
        if !self.key.is_empty() {
            write!(f, ": {}", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for PackError {}

impl SchemeRules {
    /// Each text, citation and reason of the scheme (a reason's own message
    /// and citation are in it, not visited apart).
    fn each_item(&mut self, f: &mut dyn FnMut(Item<'_>)) {
        f(Item::Text(&mut self.name));
        self.eligibility.iter_mut().for_each(|r| f(Item::Reason(&mut r.reason)));
        self.notes
            .iter_mut()
            .chain(&mut self.late)
            .for_each(|n| f(Item::Reason(&mut n.reason)));
        if let Some(c) = &mut self.exclusive_cite {
            f(Item::Cite(c));
        }
        for fee in &mut self.fees {
            for t in &mut fee.tiers {
                f(Item::Reason(&mut t.reason));
                if let Some(u) = &mut t.unknown {
                    f(Item::Text(u));
                }
            }
            if let Some((_, s)) = &mut fee.public_subsidy {
                f(Item::Reason(s));
            }
            if let Some(s) = &mut fee.provisional {
                f(Item::Reason(s));
            }
        }
        for s in &mut self.subsidies {
            f(Item::Reason(&mut s.reason));
            if let Covers::Unknown(t) = &mut s.covers {
                f(Item::Text(t));
            }
        }
        self.deadlines.iter_mut().for_each(|d| f(Item::Cite(&mut d.cite)));
        for l in self
            .places
            .iter_mut()
            .chain(&mut self.channels)
            .chain(&mut self.documents)
        {
            f(Item::Cite(&mut l.cite));
            l.items.iter_mut().for_each(|t| f(Item::Text(t)));
        }
        self.benefits.iter_mut().for_each(|b| f(Item::Reason(&mut b.reason)));
        if let Some(i) = &mut self.incentive {
            f(Item::Reason(&mut i.reason));
        }
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
        self.channels.extend(p.channels.iter().cloned());
        self.documents.extend(p.documents.iter().cloned());
        self.late.extend(p.late.iter().cloned());
        self.benefits.extend(p.benefits.iter().cloned());
        if self.waiting.is_none() {
            self.waiting.clone_from(&p.waiting);
        }
        if self.incentive.is_none() {
            self.incentive.clone_from(&p.incentive);
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
        self.collection.extend(parent.collection.iter().cloned());
        if self.province.is_none() {
            self.province = parent.province;
        }
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
            Item::Reason(s) => cite(&mut s.cite),
            Item::Text(_) => {}
        });
        self.sources = sources;
        self.each_item(&mut |item| match item {
            Item::Text(t) if t.json.is_empty() => t.render(),
            Item::Reason(s) if s.json.is_empty() => s.render(),
            _ => {}
        });
    }

    /// Each text, citation and reason of the pack.
    pub fn each_item(&mut self, f: &mut dyn FnMut(Item<'_>)) {
        f(Item::Text(&mut self.name));
        for a in &mut self.average_monthly_wage {
            f(Item::Cite(&mut a.cite));
        }
        for c in &mut self.collection {
            f(Item::Cite(&mut c.cite));
        }
        for h in &mut self.household {
            f(Item::Reason(&mut h.reason));
        }
        for s in &mut self.schemes {
            s.each_item(f);
        }
    }

    /// The collection window for coverage year `year`, and the entry it is from.
    pub fn window(&self, year: i32) -> Option<(&Collection, Window)> {
        let c = self.collection.iter().find(|c| c.serves(year))?;
        Some((c, c.window(year)?))
    }

    /// Drops what ends before `day`, for a build that answers from that day
    /// on (a place's, from its first year): dated fees, help, notes,
    /// deadlines, windows, wages and incentives, and the years before.
    pub fn keep_from(&mut self, day: NaiveDate) {
        let live = |span: Option<Span>| span.is_none_or(|s| s.to.is_none_or(|t| t >= day));
        self.valid.from = self.valid.from.max(day);
        self.collection.retain(|c| live(c.valid));
        self.average_monthly_wage.retain(|a| live(Some(a.span)));
        for s in &mut self.schemes {
            s.fees.retain(|f| live(Some(f.span)));
            s.subsidies.retain(|x| live(x.valid));
            s.notes.retain(|x| live(x.valid));
            s.late.retain(|x| live(x.valid));
            s.deadlines.retain(|x| live(x.valid));
            s.benefits.retain(|b| live(Some(b.span)));
            if s.incentive.as_ref().is_some_and(|i| !live(i.valid)) {
                s.incentive = None;
            }
        }
    }

    /// The documents this pack's items cite, by id.
    pub fn cited(&mut self) -> Vec<String> {
        let mut docs = Vec::new();
        self.each_item(&mut |item| match item {
            Item::Cite(c) => docs.push(c.doc.clone()),
            Item::Reason(r) => docs.push(r.cite.doc.clone()),
            Item::Text(_) => {}
        });
        docs
    }

    /// Whether `id` names this pack: its id or a former one.
    pub fn named(&self, id: &str) -> bool {
        self.id == id || self.aliases.iter().any(|a| a == id)
    }

    /// The first coverage year served.
    pub fn first_year(&self) -> i32 {
        self.valid.from.year()
    }

    /// The last coverage year served, if the pack ends.
    pub fn last_year(&self) -> Option<i32> {
        self.valid.to.map(|t| t.year())
    }

    /// The last coverage year with figures, published or standing in: the
    /// pack's end, or else the latest a fee schedule starts.
    pub fn last_figured_year(&self) -> i32 {
        let latest = self
            .schemes
            .iter()
            .flat_map(|s| &s.fees)
            .map(|f| f.span.from.year())
            .max();
        self.last_year()
            .unwrap_or_else(|| latest.unwrap_or(self.first_year()).max(self.first_year()))
    }

    /// Whether a fee for coverage year `year` stands in for figures not yet
    /// published (a schedule marked `provisional`).
    pub fn provisional(&self, year: i32) -> bool {
        let Some(day) = self.reference_day.in_year(year) else {
            return false;
        };
        self.schemes.iter().any(|s| {
            s.fees
                .iter()
                .find(|f| f.span.contains(day))
                .is_some_and(|f| f.provisional.is_some())
        })
    }
}
