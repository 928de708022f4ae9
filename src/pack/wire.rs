//! The pack file as its authors write it (`policies/*.toml`, converted to JSON
//! at build time, or a JSON pack handed to `loadPolicy`), read by serde.
//!
//! Unknown keys are refused, and so is `null` (by `Pack::load`, before serde
//! reads the text): TOML has no null, and in a JSON pack a `null` would
//! otherwise read as "not given", so that `when = { ageAtLeast = null }` would
//! silently match everyone.
//!
//! Why the shapes are what they are: serde generates a reader per type, and in
//! the WebAssembly module a reader costs kilobytes, which rural users download.
//! So every cited item (a rule, a note, a tier, a subsidy, a deadline, a place,
//! a benefit…) is one [`Entry`], whose keys `Pack::load` checks against the
//! keys its list allows, with the same message serde gives; and names from a
//! vocabulary (`"employee"`, `"official"`) are read as strings and checked
//! against it there, with the allowed values listed.

use serde::{Deserialize, Deserializer};

#[derive(Deserialize, Clone, Debug, Default)]
#[serde(
    deny_unknown_fields,
    expecting = "a text in each language, like {\"zh-CN\": \"…\", \"en\": \"…\"}"
)]
pub struct Text {
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    #[serde(rename = "zh-TW", default)]
    pub zh_tw: Option<String>,
    #[serde(default)]
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
    #[serde(default)]
    pub extends: Option<String>,
    pub valid: Span,
    /// `{ day = "01-01", source = … }`: the day of the coverage year ages are counted on.
    #[serde(default)]
    pub reference_day: Option<Entry>,
    /// The collection windows: for coverage year Y, from `opens` in Y-1 to
    /// `closes` (in Y-1, or in Y when it comes before `opens` in the
    /// calendar), each for the years in its `valid` (all when absent).
    #[serde(default)]
    pub collection: Windows,
    /// The province the place is in, or is (`"hebei"`), and whether the pack
    /// is for the province or a city in it: where a picker lists it.
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub level: Option<String>,
    /// Former ids that still name the pack.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub parameters: Option<Parameters>,
    #[serde(default)]
    pub schemes: Vec<SchemeRules>,
    #[serde(default)]
    pub household: Vec<Entry>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// The official number, `劳社厅发[2006]11号`, where it has one.
    #[serde(default)]
    pub number: Option<Text>,
    pub title: Text,
    #[serde(default)]
    pub issued: Option<String>,
    /// The copy it was read from (a file in `shared/seeds/`, or an address).
    #[serde(default)]
    pub file: Option<String>,
    pub strength: String,
    /// Each clause its citations name, in the other languages: `{ "第二十五条"
    /// = { zh-TW = "第二十五條", en = "Art. 25" } }`.
    #[serde(default)]
    pub clauses: std::collections::BTreeMap<String, ClauseWords>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseWords {
    #[serde(rename = "zh-TW", default)]
    pub zh_tw: Option<String>,
    #[serde(default)]
    pub en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Parameters {
    #[serde(default)]
    pub average_monthly_wage: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SchemeRules {
    pub scheme: String,
    #[serde(default)]
    pub name: Option<Text>,
    #[serde(default)]
    pub eligibility: Vec<Entry>,
    #[serde(default)]
    pub notes: Vec<Entry>,
    #[serde(default)]
    pub exclusive_with: Vec<String>,
    #[serde(default)]
    pub exclusive_source: Option<String>,
    #[serde(default)]
    pub fees: Vec<FeeSchedule>,
    /// Help with the individual's share, for the groups it names.
    #[serde(default)]
    pub subsidies: Vec<Entry>,
    #[serde(default)]
    pub deadlines: Vec<Entry>,
    #[serde(default)]
    pub places: Vec<Entry>,
    /// How to pay: apps, mini-programs, counters.
    #[serde(default)]
    pub channels: Vec<Entry>,
    #[serde(default)]
    pub documents: Vec<Entry>,
    /// What a person can still do once the deadline has passed.
    #[serde(default)]
    pub late: Vec<Entry>,
    #[serde(default)]
    pub benefits: Vec<Entry>,
    #[serde(default)]
    pub waiting: Option<Waiting>,
    /// The reward for staying insured: `afterYears`, `step`, `zeroClaimStep`,
    /// `capShare`, `baseCap`.
    #[serde(default)]
    pub incentive: Option<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FeeSchedule {
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
    pub period: String,
    #[serde(default)]
    pub tiers: Vec<Entry>,
    /// The public subsidy per person into the fund, beside the fee.
    #[serde(default)]
    pub public_subsidy: Option<Entry>,
    /// Present when these figures stand in for ones not yet published: why.
    #[serde(default)]
    pub provisional: Option<Entry>,
}

/// Any cited item. Which keys it may have depends on the list it is in; see
/// `Pack::load` for each list's keys.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Entry {
    /// Who it applies to.
    #[serde(default)]
    pub when: Option<When>,
    /// The coverage years it applies in.
    #[serde(default)]
    pub valid: Option<Span>,
    /// Dates in force (benefits, parameters).
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// The scheme a household rule joins members into.
    #[serde(default)]
    pub scheme: Option<String>,
    /// An eligibility rule's decision.
    #[serde(default)]
    pub status: Option<String>,
    /// Open only where the named mandatory scheme is hard to join (Ordos 二(一)5).
    #[serde(default)]
    pub instead_of: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<Text>,
    /// `"DOC CLAUSE"`: a document the pack lists, and a clause in it.
    #[serde(default)]
    pub source: Option<String>,
    /// When the item is less sure than its document.
    #[serde(default)]
    pub strength: Option<String>,
    /// A tier's shares: `"140.00"`, or `{ rate = "0.02", base = "monthlyWage" }`.
    #[serde(default)]
    pub individual: Option<Share>,
    #[serde(default)]
    pub employer: Option<Share>,
    #[serde(default)]
    pub government: Option<Share>,
    /// Why the amounts not given are unknown.
    #[serde(default)]
    pub unknown: Option<Text>,
    /// A tier's amounts are a floor: a region may charge more.
    #[serde(default)]
    pub minimum: Option<bool>,
    /// A tier's rates are a guideline: the city sets its own.
    #[serde(default)]
    pub estimate: Option<bool>,
    /// A subsidy covers `"all"` of the individual's share, or an amount of it.
    #[serde(default)]
    pub covers: Option<String>,
    /// The public subsidy per person.
    #[serde(default)]
    pub amount: Option<String>,
    /// A parameter's value (absent where the sources do not give it).
    #[serde(default)]
    pub value: Option<String>,
    /// A deadline: a date, or a month and day of the coverage year (or, with
    /// `yearBefore`, of the year before).
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub month_day: Option<String>,
    #[serde(default)]
    pub year_before: Option<bool>,
    /// A place: who enrols the person, when it is not the person at a counter.
    #[serde(default)]
    pub through: Option<String>,
    #[serde(default)]
    pub items: Option<Vec<Text>>,
    /// The reference day, and the collection window.
    #[serde(default)]
    pub day: Option<String>,
    #[serde(default)]
    pub opens: Option<String>,
    #[serde(default)]
    pub closes: Option<String>,
    /// The latest a window may close where places or sources differ.
    #[serde(default)]
    pub closes_as_late_as: Option<String>,
    /// Cover for a payment in the window after 1 January: `"payDay"` or `"nextDay"`.
    #[serde(default)]
    pub after_year_start: Option<String>,
    /// A deadline that is the close of the collection window.
    #[serde(default)]
    pub collection_closes: Option<bool>,
    /// An incentive's parameters.
    #[serde(default)]
    pub after_years: Option<u32>,
    #[serde(default)]
    pub step: Option<String>,
    #[serde(default)]
    pub zero_claim_step: Option<String>,
    #[serde(default)]
    pub cap_share: Option<String>,
    #[serde(default)]
    pub base_cap: Option<String>,
}

impl Entry {
    /// The keys given, by their names in the file.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        let given = [
            ("when", self.when.is_some()),
            ("valid", self.valid.is_some()),
            ("from", self.from.is_some()),
            ("to", self.to.is_some()),
            ("scheme", self.scheme.is_some()),
            ("status", self.status.is_some()),
            ("insteadOf", self.instead_of.is_some()),
            ("code", self.code.is_some()),
            ("message", self.message.is_some()),
            ("source", self.source.is_some()),
            ("strength", self.strength.is_some()),
            ("individual", self.individual.is_some()),
            ("employer", self.employer.is_some()),
            ("government", self.government.is_some()),
            ("unknown", self.unknown.is_some()),
            ("minimum", self.minimum.is_some()),
            ("estimate", self.estimate.is_some()),
            ("covers", self.covers.is_some()),
            ("amount", self.amount.is_some()),
            ("value", self.value.is_some()),
            ("date", self.date.is_some()),
            ("monthDay", self.month_day.is_some()),
            ("yearBefore", self.year_before.is_some()),
            ("through", self.through.is_some()),
            ("items", self.items.is_some()),
            ("day", self.day.is_some()),
            ("opens", self.opens.is_some()),
            ("closes", self.closes.is_some()),
            ("closesAsLateAs", self.closes_as_late_as.is_some()),
            ("afterYearStart", self.after_year_start.is_some()),
            ("collectionCloses", self.collection_closes.is_some()),
            ("afterYears", self.after_years.is_some()),
            ("step", self.step.is_some()),
            ("zeroClaimStep", self.zero_claim_step.is_some()),
            ("capShare", self.cap_share.is_some()),
            ("baseCap", self.base_cap.is_some()),
        ];
        given.into_iter().filter(|(_, on)| *on).map(|(k, _)| k)
    }
}

/// `"140.00"`, or `{ rate = "0.02", base = "monthlyWage" }`.
#[derive(Clone, Debug, PartialEq)]
pub enum Share {
    Fixed(String),
    Rate { rate: String, base: String },
}

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Share, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct ShareVisitor;
        impl<'de> Visitor<'de> for ShareVisitor {
            type Value = Share;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an amount like \"140.00\", or { rate, base }")
            }
            fn visit_str<E: Error>(self, s: &str) -> Result<Share, E> {
                Ok(Share::Fixed(s.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Share, A::Error> {
                let (mut rate, mut base) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "rate" => rate = Some(map.next_value::<String>()?),
                        "base" => base = Some(map.next_value::<String>()?),
                        _ => return Err(A::Error::unknown_field(&key, &["rate", "base"])),
                    }
                }
                match (rate, base) {
                    (Some(rate), Some(base)) => Ok(Share::Rate { rate, base }),
                    (None, _) => Err(A::Error::missing_field("rate")),
                    (_, None) => Err(A::Error::missing_field("base")),
                }
            }
        }
        d.deserialize_any(ShareVisitor)
    }
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
    /// A baby enrolled later but before turning one: covered from `"payDay"`
    /// or `"nextDay"` with no wait (a place's rule).
    #[serde(default)]
    pub newborn_late: Option<String>,
    pub source: String,
    #[serde(default)]
    pub strength: Option<String>,
    /// Where the counting of gap years comes from, when the rules leave it open.
    #[serde(default)]
    pub counting_source: Option<String>,
}

/// Who a rule applies to: every key given must hold; an empty table holds for
/// all. Lists hold a vocabulary's names (`employment = ["employee"]`).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct When {
    #[serde(default)]
    pub employment: Option<Vec<String>>,
    #[serde(default)]
    pub hukou_type: Option<Vec<String>>,
    #[serde(default)]
    pub hukou_registered: Option<bool>,
    #[serde(default)]
    pub hukou_local: Option<bool>,
    #[serde(default)]
    pub residence_permit: Option<bool>,
    #[serde(default)]
    pub student: Option<bool>,
    #[serde(default)]
    pub school_level: Option<Vec<String>>,
    #[serde(default)]
    pub school_full_time: Option<bool>,
    #[serde(default)]
    pub school_local: Option<bool>,
    #[serde(default)]
    pub age_at_least: Option<u32>,
    #[serde(default)]
    pub age_below: Option<u32>,
    #[serde(default)]
    pub age_at_least_by_sex: Option<AgeBySex>,
    #[serde(default)]
    pub land_expropriated: Option<bool>,
    #[serde(default)]
    pub moved_in: Option<bool>,
    #[serde(default)]
    pub moved_in_years_at_least: Option<u32>,
    #[serde(default)]
    pub moved_in_years_below: Option<u32>,
    #[serde(default)]
    pub children_have_local_urban_hukou: Option<bool>,
    #[serde(default)]
    pub pension_from: Option<Vec<String>>,
    #[serde(default)]
    pub moved_after_retirement: Option<bool>,
    #[serde(default)]
    pub ownership: Option<Vec<String>>,
    #[serde(default)]
    pub condition: Option<Vec<String>>,
    #[serde(default)]
    pub low_income: Option<Vec<String>>,
    #[serde(default)]
    pub disability_grade: Option<Vec<u8>>,
    #[serde(default)]
    pub enrolled: Option<Vec<String>>,
    #[serde(default)]
    pub renewal: Option<bool>,
    #[serde(default)]
    pub continuous_years_at_least: Option<u32>,
    /// Born in the coverage year or the `n - 1` years before it.
    #[serde(default)]
    pub born_within_years: Option<u32>,
}

pub use crate::pack::when::AgeBySex;

/// The collection windows as written: one table (`[collection]`, whose keys
/// errors name `collection.opens`), or a list (`[[collection]]`,
/// `collection[1].opens`).
#[derive(Default)]
pub struct Windows {
    pub entries: Vec<Entry>,
    pub listed: bool,
}

/// Read through serde's own map and list readers, so a mistake inside still
/// names its key.
impl<'de> Deserialize<'de> for Windows {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Windows, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        use serde::de::{MapAccess, SeqAccess, Visitor};
        struct OneOrMany;
        impl<'de> Visitor<'de> for OneOrMany {
            type Value = Windows;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table, or a list of tables")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Windows, A::Error> {
                let entry = Entry::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Windows {
                    entries: vec![entry],
                    listed: false,
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Windows, A::Error> {
                let entries = Vec::<Entry>::deserialize(SeqAccessDeserializer::new(seq))?;
                Ok(Windows { entries, listed: true })
            }
        }
        d.deserialize_any(OneOrMany)
    }
}
