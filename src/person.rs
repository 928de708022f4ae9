//! The person as the rules see them: every answer typed, and `None` where the
//! request left it out.
//!
//! A `None` is not an error: the engine reports it in `missing` when, and only
//! when, the answer would change the result.

use chrono::NaiveDate;

use crate::money::Money;
use crate::vocab::{
    Employment, Enrolled, EnterpriseCondition, HukouType, LowIncome, Ownership, PensionFrom, SchoolLevel, Sex,
};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct School {
    pub level: Option<SchoolLevel>,
    pub full_time: Option<bool>,
    pub local: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    pub birth_date: Option<NaiveDate>,
    /// Full years on the policy's reference day.
    pub age: Option<u32>,
    pub sex: Option<Sex>,
    pub hukou_type: Option<HukouType>,
    pub hukou_local: Option<bool>,
    pub moved_in_on: Option<NaiveDate>,
    /// Full years since the move, on the reference day (`None` without a move
    /// or when the move is later than the reference day).
    pub moved_in_years: Option<u32>,
    pub moved_after_retirement: Option<bool>,
    pub employment: Option<Employment>,
    pub school: Option<School>,
    pub pension_from: Option<PensionFrom>,
    pub ownership: Option<Ownership>,
    pub condition: Option<EnterpriseCondition>,
    pub low_income: Option<LowIncome>,
    pub disability_grade: Option<u8>,
    pub land_expropriated: Option<bool>,
    pub children_have_local_urban_hukou: Option<bool>,
    pub monthly_wage: Option<Money>,
    pub enrolled: Option<Enrolled>,
}
