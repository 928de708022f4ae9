//! A request, decoded: what the engine is asked, in the domain's types.
//!
//! `contract::decode` reads these from JSON text; what depends on the policy
//! pack (the age on its reference day, whether the year is one it covers) is
//! checked by the rules.

use chrono::NaiveDate;

use crate::model::person::Person;
use crate::model::text::Lang;

/// The largest request text accepted, far above any real one (about 500 bytes).
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;
/// A household request may be four times as large.
pub const MAX_HOUSEHOLD_BYTES: usize = 4 * MAX_REQUEST_BYTES;
/// The longest string (a key or a value, in bytes as written) a request or a
/// pack may hold: far above any name or text, far below what would make a
/// message or a table grow.
pub const MAX_STRING_BYTES: usize = 16 * 1024;
/// The deepest nesting of objects and lists, the outermost counted: a request
/// has four levels, a pack six.
pub const MAX_NESTING: usize = 25;
/// The most members a household request may list.
pub const MAX_MEMBERS: usize = 20;

/// A decoded, well-formed request. What depends on the policy pack (the age on its
/// reference day, whether the year is one it covers) is checked by the engine.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    pub region: Option<String>,
    pub year: Option<i32>,
    pub lang: Lang,
    /// The day the person pays (default: today in China).
    pub pay_date: Option<NaiveDate>,
    pub person: Person,
    /// The age the person gave instead of (or as well as) a birth date.
    pub stated_age: Option<u32>,
}

/// Members share the region, year, language and the day of paying.
#[derive(Clone, Debug, Default)]
pub struct HouseholdRequest {
    pub region: Option<String>,
    pub year: Option<i32>,
    pub lang: Lang,
    pub pay_date: Option<NaiveDate>,
    pub members: Vec<Person>,
    pub stated_ages: Vec<Option<u32>>,
}
