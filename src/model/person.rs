//! The person as the rules see them: every answer typed, and `None` where the
//! request left it out.
//!
//! A `None` is not an error and never a default: it is "not known", and the
//! engine names it in `missing` when, and only when, the answer would change the
//! result. Answers that mean "none" are said outright (`disabilityGrade: 0`,
//! `hukou.movedIn: false`, `lowIncome: "none"`).

use chrono::NaiveDate;

use crate::model::money::Money;
use crate::model::vocab::{
    Employment, Enrolled, EnterpriseCondition, HukouType, LowIncome, Ownership, PensionFrom, SchoolLevel, Sex,
};

/// Nobody under this age is in work or retired (the Labour Law's minimum working age).
pub const MIN_WORKING_AGE: u32 = 16;
/// The oldest age a person may state. A birth date may give more (up to
/// [`MAX_AGE_FROM_BIRTH_DATE`]): a document is better evidence than a slip of the finger.
pub const MAX_STATED_AGE: u32 = 120;
/// The oldest age a birth date may give: above the oldest person ever
/// recorded (122), so 1880 is a slip of the finger, not a resident.
pub const MAX_AGE_FROM_BIRTH_DATE: u32 = 130;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct School {
    pub level: Option<SchoolLevel>,
    pub full_time: Option<bool>,
    pub local: Option<bool>,
}

/// What the person says about their past cover, for the waiting period.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct History {
    /// The last coverage year they were insured in any basic scheme: `Some(None)`
    /// is "never insured", `None` is "not said".
    pub last_covered_year: Option<Option<i32>>,
    /// Years insured without a gap, up to `last_covered_year`.
    pub continuous_years: Option<u32>,
    /// Missed years they pay back now, at the current individual rate.
    pub back_pay_years: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    pub birth_date: Option<NaiveDate>,
    /// Full years on the policy's reference day.
    pub age: Option<u32>,
    /// How many years before the coverage year the person was born (0: in it).
    pub born_years_before: Option<u32>,
    pub sex: Option<Sex>,
    /// Whether the person has a hukou at all: `false` for a newborn not yet registered.
    pub hukou_registered: Option<bool>,
    pub hukou_type: Option<HukouType>,
    pub hukou_local: Option<bool>,
    /// Whether the hukou moved into the region: `movedIn`, or implied by `movedInOn`.
    pub moved_in: Option<bool>,
    pub moved_in_on: Option<NaiveDate>,
    /// Full years since the move, on the reference day (0 for a move later than it).
    pub moved_in_years: Option<u32>,
    pub moved_after_retirement: Option<bool>,
    /// Holds a residence permit (居住证) where they live.
    pub residence_permit: Option<bool>,
    pub employment: Option<Employment>,
    pub school: Option<School>,
    pub pension_from: Option<PensionFrom>,
    pub ownership: Option<Ownership>,
    /// The state of a retiree's former enterprise.
    pub enterprise_condition: Option<EnterpriseCondition>,
    pub low_income: Option<LowIncome>,
    /// 0 for none, 1 to 4 for the grade.
    pub disability_grade: Option<u8>,
    pub land_expropriated: Option<bool>,
    pub children_have_local_urban_hukou: Option<bool>,
    pub monthly_wage: Option<Money>,
    pub enrolled: Option<Enrolled>,
    pub history: History,
}
