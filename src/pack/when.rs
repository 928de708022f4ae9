//! Who a rule applies to: a pack's `when` table, compiled.
//!
//! A pack's rules say *who* they apply to with a `when` table (`hukouType`,
//! `ageAtLeast`, `ownership` …), every key of which must hold. Each key
//! evaluates to a three-valued [`Tri`]: yes, no, or the request field that
//! would settle it (`model::tri` says why that is what lets a form ask only
//! the questions that matter).
//!
//! A `when` table is compiled once, when its pack loads (`pack::compile`),
//! into a [`When`] of bit sets. Checking a person against a rule allocates
//! nothing.

use crate::model::field::Field;
use crate::model::person::{Person, School, MIN_WORKING_AGE};
use crate::model::tri::Tri;
use crate::model::vocab::{Employment, Scheme, Sex};

/// A set of values of one vocabulary (or of small numbers), one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Set(u32);

impl Set {
    pub fn has(self, bit: u32) -> bool {
        bit < 32 && self.0 & (1 << bit) != 0
    }

    pub fn of(bits: impl IntoIterator<Item = u32>) -> Set {
        Set(bits.into_iter().filter(|b| *b < 32).fold(0, |acc, b| acc | 1 << b))
    }
}

/// The age thresholds of a rule that treats men and women differently
/// (004 二(二): men 60 and over, women 50 and over).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeBySex {
    pub male: u32,
    pub female: u32,
}

/// A known value among those allowed, or the field that would give it.
fn one_of(value: Option<u32>, field: Field, allowed: Set) -> Tri {
    match value {
        Some(v) => Tri::from_bool(allowed.has(v)),
        None => Tri::Unknown(field),
    }
}

/// A `when` table, compiled: who a rule applies to. The fields are the
/// table's keys (`pack::wire::When`), lists as bit sets of a vocabulary.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct When {
    pub(crate) employment: Option<Set>,
    pub(crate) hukou_type: Option<Set>,
    pub(crate) hukou_registered: Option<bool>,
    pub(crate) hukou_local: Option<bool>,
    pub(crate) residence_permit: Option<bool>,
    pub(crate) student: Option<bool>,
    pub(crate) school_level: Option<Set>,
    pub(crate) school_full_time: Option<bool>,
    pub(crate) school_local: Option<bool>,
    pub(crate) age_at_least: Option<u32>,
    pub(crate) age_below: Option<u32>,
    pub(crate) age_at_least_by_sex: Option<AgeBySex>,
    pub(crate) land_expropriated: Option<bool>,
    pub(crate) moved_in: Option<bool>,
    pub(crate) moved_in_years_at_least: Option<u32>,
    pub(crate) moved_in_years_below: Option<u32>,
    pub(crate) children_have_local_urban_hukou: Option<bool>,
    pub(crate) pension_from: Option<Set>,
    pub(crate) moved_after_retirement: Option<bool>,
    pub(crate) ownership: Option<Set>,
    pub(crate) enterprise_condition: Option<Set>,
    pub(crate) low_income: Option<Set>,
    pub(crate) disability_grade: Option<Set>,
    pub(crate) enrolled: Option<Set>,
    pub(crate) renewal: Option<bool>,
    pub(crate) continuous_years_at_least: Option<u32>,
    pub(crate) born_within_years: Option<u32>,
}

impl When {
    /// Whether this holds for the person, for a rule of `scheme`.
    pub fn holds(&self, p: &Person, scheme: Scheme) -> Tri {
        let mut t = Tri::Yes;
        // Each key narrows; `and` keeps only the missing fields that still matter.
        macro_rules! key {
            ($opt:expr, |$v:ident| $eval:expr) => {
                if let Some($v) = $opt {
                    if t != Tri::No {
                        t = t.and(|| $eval);
                    }
                }
            };
        }
        key!(self.employment, |v| employment(p, v));
        // A hukou not registered yet has no type and no place: neither key holds.
        let unregistered = p.hukou_registered == Some(false);
        key!(self.hukou_type, |v| if unregistered {
            Tri::No
        } else {
            one_of(p.hukou_type.map(|h| h.bit()), Field::HukouType, v)
        });
        key!(self.hukou_registered, |v| Tri::is(
            p.hukou_registered,
            Field::HukouRegistered,
            v
        ));
        key!(self.hukou_local, |v| if unregistered {
            Tri::No
        } else {
            Tri::is(p.hukou_local, Field::HukouLocal, v)
        });
        key!(self.residence_permit, |v| Tri::is(
            p.residence_permit,
            Field::ResidencePermit,
            v
        ));
        key!(self.student, |v| student(p).eq_bool(v));
        key!(self.school_level, |v| school(p, |s| one_of(
            s.level.map(|l| l.bit()),
            Field::SchoolLevel,
            v
        )));
        key!(self.school_full_time, |v| school(p, |s| Tri::is(
            s.full_time,
            Field::SchoolFullTime,
            v
        )));
        key!(self.school_local, |v| school(p, |s| Tri::is(
            s.local,
            Field::SchoolLocal,
            v
        )));
        key!(self.age_at_least, |v| age(p, |a| a >= v));
        key!(self.age_below, |v| age(p, |a| a < v));
        key!(self.age_at_least_by_sex, |v| age_by_sex(p, v));
        key!(self.land_expropriated, |v| Tri::is(
            p.land_expropriated,
            Field::LandExpropriated,
            v
        ));
        key!(self.moved_in, |v| Tri::is(p.moved_in, Field::MovedIn, v));
        key!(self.moved_in_years_at_least, |v| moved_years(p, |y| y >= v));
        key!(self.moved_in_years_below, |v| moved_years(p, |y| y < v));
        key!(self.children_have_local_urban_hukou, |v| Tri::is(
            p.children_have_local_urban_hukou,
            Field::ChildrenHaveLocalUrbanHukou,
            v
        ));
        key!(self.pension_from, |v| retiree(p, || one_of(
            p.pension_from.map(|x| x.bit()),
            Field::PensionFrom,
            v
        )));
        key!(self.moved_after_retirement, |v| retiree(p, || Tri::is(
            p.moved_after_retirement,
            Field::MovedAfterRetirement,
            v
        )));
        key!(self.ownership, |v| retiree(p, || one_of(
            p.ownership.map(|x| x.bit()),
            Field::Ownership,
            v
        )));
        key!(self.enterprise_condition, |v| retiree(p, || one_of(
            p.enterprise_condition.map(|x| x.bit()),
            Field::EnterpriseCondition,
            v
        )));
        key!(self.low_income, |v| one_of(
            p.low_income.map(|x| x.bit()),
            Field::LowIncome,
            v
        ));
        key!(self.disability_grade, |v| one_of(
            p.disability_grade.map(u32::from),
            Field::DisabilityGrade,
            v
        ));
        key!(self.enrolled, |v| one_of(
            p.enrolled.map(|e| e.bit()),
            Field::Enrolled,
            v
        ));
        key!(self.renewal, |v| match p.enrolled {
            Some(e) => Tri::from_bool((e.scheme() == Some(scheme)) == v),
            None => Tri::Unknown(Field::Enrolled),
        });
        key!(self.continuous_years_at_least, |v| match p.history.continuous_years {
            Some(y) => Tri::from_bool(y >= v),
            None => Tri::Unknown(Field::ContinuousYears),
        });
        key!(self.born_within_years, |v| born_within(p, v));
        t
    }
}

/// In school full time, or says they are a student. Saying nothing about either
/// leaves it open only while employment is unknown.
fn student(p: &Person) -> Tri {
    if p.employment == Some(Employment::Student) {
        return Tri::Yes;
    }
    match &p.school {
        Some(s) => match s.full_time {
            Some(ft) => Tri::from_bool(ft),
            None => Tri::Unknown(Field::SchoolFullTime),
        },
        None => match p.employment {
            Some(_) => Tri::No,
            None => Tri::Unknown(Field::Employment),
        },
    }
}

/// A school key: no school means no, unless the person says they are a student
/// and has not said which school.
fn school(p: &Person, f: impl FnOnce(&School) -> Tri) -> Tri {
    match &p.school {
        Some(s) => f(s),
        None if p.employment == Some(Employment::Student) => Tri::Unknown(Field::SchoolLevel),
        None => Tri::No,
    }
}

/// An `employment` key. A child under the working age (16, the Labour Law's
/// minimum) is not asked: only `student` or `none` can be true of them, so a
/// rule for workers or retirees does not apply (request.rs refuses a child
/// who says they work).
fn employment(p: &Person, allowed: Set) -> Tri {
    match (p.employment, p.age) {
        (None, Some(age)) if age < MIN_WORKING_AGE => {
            let (student, none) = (
                allowed.has(Employment::Student.bit()),
                allowed.has(Employment::None.bit()),
            );
            match (student, none) {
                (false, false) => Tri::No,
                (true, true) => Tri::Yes,
                _ => Tri::Unknown(Field::Employment),
            }
        }
        (e, _) => one_of(e.map(|e| e.bit()), Field::Employment, allowed),
    }
}

/// A retirement key: only retirees have one; a retiree who left it out is asked.
fn retiree(p: &Person, f: impl FnOnce() -> Tri) -> Tri {
    employment(p, Set::of([Employment::Retired.bit()])).and(f)
}

/// Born in the coverage year or the `years - 1` before it. The birth date
/// settles it; an age alone only where every birth day it allows agrees.
fn born_within(p: &Person, years: u32) -> Tri {
    if let Some(before) = p.born_years_before {
        return Tri::from_bool(before < years);
    }
    match p.age {
        // Full years on the reference day (1 January of the coverage year in
        // today's packs): age a means born in one of the years Y-a-1, Y-a.
        Some(a) if a.saturating_add(2) <= years => Tri::Yes,
        Some(a) if a >= years => Tri::No,
        _ => Tri::Unknown(Field::BirthDate),
    }
}

fn age(p: &Person, test: impl FnOnce(u32) -> bool) -> Tri {
    match p.age {
        Some(a) => Tri::from_bool(test(a)),
        None => Tri::Unknown(Field::BirthDate),
    }
}

fn age_by_sex(p: &Person, by_sex: AgeBySex) -> Tri {
    let Some(a) = p.age else {
        return Tri::Unknown(Field::BirthDate);
    };
    match p.sex {
        Some(Sex::Male) => Tri::from_bool(a >= by_sex.male),
        Some(Sex::Female) => Tri::from_bool(a >= by_sex.female),
        // Sex matters only between the two thresholds.
        None if a >= by_sex.male.max(by_sex.female) => Tri::Yes,
        None if a < by_sex.male.min(by_sex.female) => Tri::No,
        None => Tri::Unknown(Field::Sex),
    }
}

/// Full years since the hukou moved here: no move means the key does not hold;
/// a move without its date leaves it open.
fn moved_years(p: &Person, test: impl FnOnce(u32) -> bool) -> Tri {
    match (p.moved_in, p.moved_in_years) {
        (Some(false), _) => Tri::No,
        (Some(true), Some(years)) => Tri::from_bool(test(years)),
        (Some(true), None) => Tri::Unknown(Field::MovedInOn),
        (None, _) => Tri::Unknown(Field::MovedIn),
    }
}
