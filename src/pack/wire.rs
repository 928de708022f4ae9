//! The pack file as its authors write it (`policies/*.toml`, converted to JSON
//! at build time, or a JSON pack handed to `loadPolicy`), read by serde.
//!
//! Unknown keys are refused, and so is `null`: TOML has no null, and in a JSON
//! pack a `null` would otherwise read as "not given", so that
//! `when = { ageAtLeast = null }` would silently match everyone.

use serde::{Deserialize, Deserializer};

use crate::vocab::{
    Employment, Enrolled, EnterpriseCondition, HukouType, LowIncome, Ownership, PensionFrom, Period, Scheme,
    SchoolLevel,
};

/// For every optional key: present means a value, never `null`.
fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

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

#[derive(Deserialize, Clone, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    #[serde(rename = "zh-TW", default, deserialize_with = "some")]
    pub zh_tw: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Pack {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub default: bool,
    /// Only extended by other packs, never answered for on its own.
    #[serde(default)]
    pub base: bool,
    #[serde(default, deserialize_with = "some")]
    pub extends: Option<String>,
    pub valid: Span,
    #[serde(default, deserialize_with = "some")]
    pub reference_day: Option<ReferenceDay>,
    #[serde(default, deserialize_with = "some")]
    pub collection: Option<Collection>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default, deserialize_with = "some")]
    pub parameters: Option<Parameters>,
    #[serde(default)]
    pub schemes: Vec<SchemeRules>,
    #[serde(default)]
    pub household: Vec<Item>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Span<D = String> {
    pub from: D,
    #[serde(default, deserialize_with = "some")]
    pub to: Option<D>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceDay {
    pub day: String,
    #[serde(default, deserialize_with = "some")]
    pub source: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

/// The collection window for coverage year Y: from `opens` in Y-1 to `closes`
/// (in Y-1, or in Y when it comes before `opens` in the calendar).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    pub opens: String,
    pub closes: String,
    pub source: String,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// The official number, `劳社厅发[2006]11号`, where it has one.
    #[serde(default, deserialize_with = "some")]
    pub number: Option<Text>,
    pub title: Text,
    #[serde(default, deserialize_with = "some")]
    pub issued: Option<String>,
    /// The copy it was read from (a file in `shared/seeds/`, or an address).
    #[serde(default, deserialize_with = "some")]
    pub file: Option<String>,
    pub strength: Strength,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Parameters {
    #[serde(default)]
    pub average_monthly_wage: Vec<DatedAmount>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedAmount {
    pub from: String,
    #[serde(default, deserialize_with = "some")]
    pub to: Option<String>,
    /// Absent where the sources do not give it.
    #[serde(default, deserialize_with = "some")]
    pub value: Option<String>,
    pub source: String,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

/// `code`, `message` and `source`: what every cited item has; `when` who it is for.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Item {
    #[serde(default, deserialize_with = "some")]
    pub when: Option<When>,
    /// The coverage years it applies in (all, when absent).
    #[serde(default, deserialize_with = "some")]
    pub valid: Option<Span>,
    /// Household rules name the scheme whose members they join together.
    #[serde(default, deserialize_with = "some")]
    pub scheme: Option<Scheme>,
    pub code: String,
    pub message: Text,
    pub source: String,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SchemeRules {
    pub scheme: Scheme,
    #[serde(default, deserialize_with = "some")]
    pub name: Option<Text>,
    #[serde(default)]
    pub eligibility: Vec<Rule>,
    #[serde(default)]
    pub notes: Vec<Item>,
    #[serde(default)]
    pub exclusive_with: Vec<Scheme>,
    #[serde(default, deserialize_with = "some")]
    pub exclusive_source: Option<String>,
    #[serde(default)]
    pub fees: Vec<FeeSchedule>,
    /// Help with the individual's share, for the groups it names.
    #[serde(default)]
    pub subsidies: Vec<Subsidy>,
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    #[serde(default)]
    pub places: Vec<Listing>,
    #[serde(default)]
    pub documents: Vec<Listing>,
    /// What a person can still do once the deadline has passed.
    #[serde(default)]
    pub late: Vec<Item>,
    #[serde(default)]
    pub benefits: Vec<Benefit>,
    #[serde(default, deserialize_with = "some")]
    pub waiting: Option<Waiting>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Rule {
    #[serde(default, deserialize_with = "some")]
    pub when: Option<When>,
    pub status: RuleStatus,
    /// Open only where the named mandatory scheme is hard to join (Ordos 二(一)5).
    #[serde(default, deserialize_with = "some")]
    pub instead_of: Option<Scheme>,
    pub code: String,
    pub message: Text,
    pub source: String,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FeeSchedule {
    pub from: String,
    #[serde(default, deserialize_with = "some")]
    pub to: Option<String>,
    pub period: Period,
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// The public subsidy per person into the fund, beside the fee.
    #[serde(default, deserialize_with = "some")]
    pub public_subsidy: Option<Amount>,
    /// Present when these figures stand in for ones not yet published: why.
    #[serde(default, deserialize_with = "some")]
    pub provisional: Option<Item>,
}

/// `"140.00"`, or `{ rate = "0.02", base = "monthlyWage" }`.
#[derive(Clone, Debug, PartialEq)]
pub enum Share {
    Fixed(String),
    Rate { rate: String, base: Base },
}

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Share, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RateWire {
            rate: String,
            base: Base,
        }
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "an amount like \"140.00\" or { rate, base }")]
        enum Either {
            Fixed(String),
            Rate(RateWire),
        }
        Ok(match Either::deserialize(d)? {
            Either::Fixed(s) => Share::Fixed(s),
            Either::Rate(r) => Share::Rate {
                rate: r.rate,
                base: r.base,
            },
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Tier {
    #[serde(default, deserialize_with = "some")]
    pub when: Option<When>,
    #[serde(default, deserialize_with = "some")]
    pub individual: Option<Share>,
    #[serde(default, deserialize_with = "some")]
    pub employer: Option<Share>,
    #[serde(default, deserialize_with = "some")]
    pub government: Option<Share>,
    /// Why the shares not given are unknown (the document names no rate).
    #[serde(default, deserialize_with = "some")]
    pub unknown: Option<Text>,
    /// The amounts are a floor: a region may charge more.
    #[serde(default)]
    pub minimum: bool,
    /// The rates are a guideline: the city sets its own.
    #[serde(default)]
    pub estimate: bool,
    pub code: String,
    pub message: Text,
    pub source: String,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

/// Help with the individual's share: all of it, a fixed amount of it, or an
/// amount the source leaves to others (`unknown` says who sets it).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Subsidy {
    #[serde(default, deserialize_with = "some")]
    pub when: Option<When>,
    /// The coverage years it applies in (all, when absent).
    #[serde(default, deserialize_with = "some")]
    pub valid: Option<Span>,
    /// `"all"`, or an amount like `"360.00"`.
    #[serde(default, deserialize_with = "some")]
    pub covers: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub unknown: Option<Text>,
    pub code: String,
    pub message: Text,
    pub source: String,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

/// An amount with its reason and source (the public subsidy per person).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Amount {
    pub amount: String,
    pub code: String,
    pub message: Text,
    pub source: String,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Deadline {
    #[serde(default, deserialize_with = "some")]
    pub when: Option<When>,
    /// The coverage years this deadline applies in (all, when absent).
    #[serde(default, deserialize_with = "some")]
    pub valid: Option<Span>,
    #[serde(default, deserialize_with = "some")]
    pub date: Option<String>,
    /// A month and day: of the coverage year, or of the year before with `yearBefore`.
    #[serde(default, deserialize_with = "some")]
    pub month_day: Option<String>,
    #[serde(default)]
    pub year_before: bool,
    pub source: String,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Listing {
    #[serde(default, deserialize_with = "some")]
    pub when: Option<When>,
    #[serde(default, deserialize_with = "some")]
    pub through: Option<Through>,
    #[serde(default)]
    pub items: Vec<Text>,
    pub source: String,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Benefit {
    pub from: String,
    #[serde(default, deserialize_with = "some")]
    pub to: Option<String>,
    pub code: String,
    pub message: Text,
    pub source: String,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

/// The waiting period before a late or interrupted enrolment pays out
/// (国办发〔2024〕38号): its parameters, so a region can set its own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Waiting {
    /// The first coverage year it applies to.
    pub from_year: i32,
    pub fixed_months: u32,
    /// Months added for each year of gap after the first.
    pub months_per_gap_year: u32,
    /// After a gap of this many years or more, paying back cannot bring the
    /// wait below `floor_months`.
    pub floor_after_gap_years: u32,
    pub floor_months: u32,
    /// Newborns enrolled within this many days of birth are covered from birth.
    pub newborn_days: u32,
    pub source: String,
    /// Where the counting of gap years comes from, when the rules leave it open.
    #[serde(default, deserialize_with = "some")]
    pub counting_source: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub strength: Option<Strength>,
}

/// Who a rule applies to: every key given must hold; an empty table holds for all.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct When {
    #[serde(default, deserialize_with = "some")]
    pub employment: Option<Vec<Employment>>,
    #[serde(default, deserialize_with = "some")]
    pub hukou_type: Option<Vec<HukouType>>,
    #[serde(default, deserialize_with = "some")]
    pub hukou_local: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    pub residence_permit: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    pub student: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    pub school_level: Option<Vec<SchoolLevel>>,
    #[serde(default, deserialize_with = "some")]
    pub school_full_time: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    pub school_local: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    pub age_at_least: Option<u32>,
    #[serde(default, deserialize_with = "some")]
    pub age_below: Option<u32>,
    #[serde(default, deserialize_with = "some")]
    pub age_at_least_by_sex: Option<AgeBySex>,
    #[serde(default, deserialize_with = "some")]
    pub land_expropriated: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    pub moved_in: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    pub moved_in_years_at_least: Option<u32>,
    #[serde(default, deserialize_with = "some")]
    pub moved_in_years_below: Option<u32>,
    #[serde(default, deserialize_with = "some")]
    pub children_have_local_urban_hukou: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    pub pension_from: Option<Vec<PensionFrom>>,
    #[serde(default, deserialize_with = "some")]
    pub moved_after_retirement: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    pub ownership: Option<Vec<Ownership>>,
    #[serde(default, deserialize_with = "some")]
    pub condition: Option<Vec<EnterpriseCondition>>,
    #[serde(default, deserialize_with = "some")]
    pub low_income: Option<Vec<LowIncome>>,
    #[serde(default, deserialize_with = "some")]
    pub disability_grade: Option<Vec<u8>>,
    #[serde(default, deserialize_with = "some")]
    pub enrolled: Option<Vec<Enrolled>>,
    #[serde(default, deserialize_with = "some")]
    pub renewal: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    pub continuous_years_at_least: Option<u32>,
}

#[derive(Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AgeBySex {
    pub male: u32,
    pub female: u32,
}
