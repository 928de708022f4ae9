//! What the engine decided, in no language: statuses, amounts, dates, and the
//! reasons as references into the pack (its rules' words and citations, prepared
//! when it loaded) or as the engine's own reason codes with their values.
//!
//! `contract::render` turns a decision into the response in the request's
//! language, in one pass; nothing here is worded.

use chrono::NaiveDate;

use crate::model::field::Field;
use crate::model::money::Money;
use crate::model::text::Text;
use crate::model::vocab::{Period, Scheme, Status, Through};
use crate::pack::{Cite, Pack, PackReason, SchemeRules};

/// A reason, as the pack words it or as the engine does.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason<'p> {
    /// A rule, note, tier, subsidy or benefit: the pack's words and source.
    Pack(&'p PackReason),
    /// The engine's own reason, with the citation it rests on, if any.
    Engine(EngineReason<'p>, Option<&'p Cite>),
}

/// The reasons the engine gives on its own, with the values they quote.
#[derive(Clone, Debug, PartialEq)]
pub enum EngineReason<'p> {
    /// The status depends on answers not given.
    NeedsInfo(Vec<Field>),
    /// No rule of the pack applies.
    NoRule,
    /// The pack has no fee for this scheme and year.
    NoFee,
    /// The fee, or who pays it, depends on answers not given.
    FeeNeedsInfo(Vec<Field>),
    /// A share is computed on the monthly wage, which was not given.
    WageMissing,
    /// A share is computed on the local average wage, which the pack lacks.
    AverageWageUnknown,
    /// No year was given: the coverage year now being enrolled for.
    DefaultYear { year: i32, collecting: bool },
    /// The person holds another scheme that cannot be held with this one.
    NotBoth(&'p Text),
    /// Who enrols the person.
    Through(Through),
    /// The pack names no place to enrol.
    PlacesSilent,
    /// The pack names no papers to bring.
    DocumentsSilent,
    /// The deadline has passed and the documents say nothing of what then.
    LateSilent { deadline: NaiveDate },
    /// The deadline has passed.
    DeadlinePassed { deadline: NaiveDate },
    /// The coverage year is over on the day of paying.
    YearOver { year: i32 },
    /// Collection for the year has not opened yet on the day of paying.
    NotOpenYet { opens: NaiveDate },
    /// The window's close is set by each place, or the sources disagree:
    /// the deadline is not one day.
    DeadlineUncertain { closes: NaiveDate, latest: NaiveDate },
    /// A baby's deadline: the newborn rule's days after birth.
    NewbornDeadline { days: u32, deadline: NaiveDate },
    /// No year asked, and a baby born within the newborn rule's days: the
    /// answer is for the birth year, and the next year's window comes after.
    NewbornBirthYear { year: i32, next: i32 },
    /// What staying insured raises the serious-illness ceiling by, for this person.
    Incentive {
        years: u32,
        raise: Money,
        step: Money,
        cap: Option<Money>,
        minimum: bool,
    },
    /// What paying back missed years costs, at the current individual fee.
    BackPayCost {
        years: Option<u32>,
        each: Money,
        total: Option<Money>,
    },
    /// A fee tier's share that its source does not give, and the pack's
    /// words on why.
    AmountNotInSource(&'p Text),
    /// Help with the fee whose amount someone else sets (the pack's words on who).
    SubsidySetElsewhere(&'p Text),
    /// The waiting period, in its parts.
    Waiting(WaitingReason),
}

/// What the waiting-period reasons say.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WaitingReason {
    /// Insured last year and paying within the window: covered from 1 January.
    Continuous { from: NaiveDate },
    /// Already insured for the year asked about.
    AlreadyCovered { year: i32 },
    /// Enrolled within so many days of birth: covered from birth.
    Newborn { days: u32, from: NaiveDate },
    /// The fixed wait: paying after the window, or after a gap, or for the first time.
    Fixed { months: u32, late: bool, gap: Option<u32> },
    /// Extra months for the years of gap after the first.
    Variable { gap: u32, months: u32 },
    /// What paying back missed years does.
    BackPay {
        years: u32,
        months_removed: u32,
        assumed: bool,
    },
    /// The floor after a long gap.
    Floor { gap: u32, months: u32 },
    /// The national counting of gap years is not settled.
    CountingUnsettled,
    /// A first enrolment: the national text counts extra months for breaks.
    NeverInsured,
    /// The day cover starts, and that costs before it are not reimbursed.
    CoverFrom { from: NaiveDate, months: u32 },
    /// The wait would end after the coverage year does.
    AfterYearEnd { from: NaiveDate, months: u32 },
    /// The last year insured is needed to count the wait.
    HistoryNeeded,
    /// Paid within a window that runs past 1 January: cover from paying.
    AfterYearStart { from: NaiveDate },
    /// Paid within the window after 1 January, and the place's rules (not
    /// in the pack) say when cover starts.
    AfterYearStartLocal,
    /// Paid after the earliest close and before the latest: whether there is a
    /// wait depends on the place's window.
    WindowDependsOnPlace {
        closes: NaiveDate,
        latest: NaiveDate,
        months: u32,
    },
    /// A baby enrolled after the newborn days but before turning one: the
    /// place's rule, covered from paying with no wait.
    NewbornLate { from: NaiveDate },
    /// A baby enrolled after the newborn days: the place's rule decides, and
    /// the pack does not give it.
    NewbornLateLocal { days: u32 },
    /// A baby's date of birth decides whether the newborn rule applies.
    BirthDateNeeded { days: u32 },
}

/// A fee and who pays it. Any amount may be unknown where the sources do not
/// give it; the known ones still show, and when all are known the shares add up
/// to the total exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct Fee<'p> {
    pub period: Period,
    pub total: Option<Money>,
    pub individual: Option<Money>,
    pub employer: Option<Money>,
    pub government: Option<Money>,
    /// The amounts are a floor (the national minimum): a region may charge more.
    pub minimum: bool,
    /// The rates are a guideline (the national 6 % and 2 %): the city sets its own.
    pub estimate: bool,
    /// The figures stand in for ones not yet published.
    pub provisional: bool,
    /// The public subsidy per person into the fund, beside the fee.
    pub public_subsidy: Option<Money>,
    pub reasons: Vec<Reason<'p>>,
}

/// The waiting period before the scheme pays out.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiting<'p> {
    pub months: Option<u32>,
    pub fixed_months: Option<u32>,
    pub variable_months: Option<u32>,
    pub reasons: Vec<Reason<'p>>,
}

/// How to enrol: through whom, where, with what, and the sources behind them.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Enrol<'p> {
    pub through: Option<Through>,
    pub places: Vec<&'p Text>,
    pub places_cite: Option<&'p Cite>,
    /// How to pay: apps, mini-programs, counters.
    pub channels: Vec<&'p Text>,
    pub channels_cite: Option<&'p Cite>,
    pub documents: Vec<&'p Text>,
    pub documents_cite: Option<&'p Cite>,
    pub deadline_cite: Option<&'p Cite>,
    pub reasons: Vec<Reason<'p>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SchemeDecision<'p> {
    pub rules: &'p SchemeRules,
    pub status: Status,
    /// Open only where this mandatory scheme is hard to join.
    pub instead_of: Option<Scheme>,
    pub reasons: Vec<Reason<'p>>,
    pub fee: Option<Fee<'p>>,
    pub deadline: Option<NaiveDate>,
    pub enrol: Option<Enrol<'p>>,
    pub cover_from: Option<NaiveDate>,
    pub waiting: Option<Waiting<'p>>,
    pub benefits: Vec<Reason<'p>>,
}

impl SchemeDecision<'_> {
    pub fn scheme(&self) -> Scheme {
        self.rules.scheme
    }

    pub fn is_open(&self) -> bool {
        matches!(self.status, Status::Mandatory | Status::Eligible)
    }
}

/// One person's decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision<'p> {
    pub pack: &'p Pack,
    pub year: i32,
    pub reference_date: NaiveDate,
    pub pay_date: NaiveDate,
    pub age: Option<u32>,
    pub schemes: Vec<SchemeDecision<'p>>,
    /// Groups of schemes the person picks one of.
    pub alternatives: Vec<Vec<Scheme>>,
    /// Answers that would change the result, most decisive first.
    pub missing: Vec<Field>,
    pub warnings: Vec<Reason<'p>>,
}

impl Decision<'_> {
    pub fn scheme(&self, scheme: Scheme) -> Option<&SchemeDecision<'_>> {
        self.schemes.iter().find(|s| s.scheme() == scheme)
    }
}
