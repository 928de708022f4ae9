//! Conditions on a person, answered yes, no, or "depends on what you did not tell us".
//!
//! A pack's rules say *who* they apply to with a `when` table (`hukouType`,
//! `ageAtLeast`, `ownership` …), every key of which must hold. A request may leave
//! any answer out, so each key evaluates to a three-valued [`Tri`]: `Unknown`
//! carries the request fields that would settle it. `and` short-circuits on a `No`,
//! so only the answers that can change the outcome are ever reported missing; that
//! is what lets a form ask a resident only the questions that matter.

use serde_json::Value;

use crate::read::{self, Obj, Read, Set};

use crate::person::Person;
use crate::vocab::{
    Employment, Enrolled, EnterpriseCondition, HukouType, LowIncome, Ownership, PensionFrom, Scheme, SchoolLevel, Sex,
};

/// Request fields, by their wire path (`person.birthDate`).
pub type Field = &'static str;

/// A sorted set of fields. A few at most, so a sorted `Vec` serves: a
/// `BTreeSet` and a sort cost kilobytes in the wasm module for nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields(Vec<Field>);

impl Fields {
    pub fn insert(&mut self, field: Field) {
        if let Err(at) = self.0.binary_search(&field) {
            self.0.insert(at, field);
        }
    }

    pub fn extend(&mut self, fields: impl IntoIterator<Item = Field>) {
        for f in fields {
            self.insert(f);
        }
    }

    pub fn as_slice(&self) -> &[Field] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<Field> {
        self.0
    }
}

/// A yes/no answer that may depend on fields the request left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tri {
    Yes,
    No,
    Unknown(Vec<Field>),
}

impl Tri {
    fn from_bool(b: bool) -> Tri {
        if b {
            Tri::Yes
        } else {
            Tri::No
        }
    }

    fn unknown(field: Field) -> Tri {
        Tri::Unknown(vec![field])
    }

    /// Both must hold. A `No` on either side decides, whatever the other lacks.
    pub fn and(self, other: impl FnOnce() -> Tri) -> Tri {
        match self {
            Tri::No => Tri::No,
            Tri::Yes => other(),
            Tri::Unknown(mut fields) => match other() {
                Tri::No => Tri::No,
                Tri::Yes => Tri::Unknown(fields),
                Tri::Unknown(more) => {
                    fields.extend(more);
                    Tri::Unknown(fields)
                }
            },
        }
    }

    /// Either may hold. A `Yes` on either side decides.
    pub fn or(self, other: impl FnOnce() -> Tri) -> Tri {
        match self {
            Tri::Yes => Tri::Yes,
            Tri::No => other(),
            Tri::Unknown(mut fields) => match other() {
                Tri::Yes => Tri::Yes,
                Tri::No => Tri::Unknown(fields),
                Tri::Unknown(more) => {
                    fields.extend(more);
                    Tri::Unknown(fields)
                }
            },
        }
    }

    pub fn negate(self) -> Tri {
        match self {
            Tri::Yes => Tri::No,
            Tri::No => Tri::Yes,
            unknown => unknown,
        }
    }
}

/// A known value, or the field that would give it.
fn known<T: Copy>(value: Option<T>, field: Field) -> Result<T, Tri> {
    value.ok_or_else(|| Tri::unknown(field))
}

fn one_of<T: read::Choice>(value: Option<T>, field: Field, allowed: &Set) -> Tri {
    match known(value, field) {
        Ok(v) => Tri::from_bool(allowed.has(v.bit())),
        Err(unknown) => unknown,
    }
}

fn is<T: Copy + PartialEq>(value: Option<T>, field: Field, wanted: T) -> Tri {
    match known(value, field) {
        Ok(v) => Tri::from_bool(v == wanted),
        Err(unknown) => unknown,
    }
}

/// The age thresholds of a rule that treats men and women differently
/// (004 二(二): men 60 and over, women 50 and over).
#[derive(Clone, Debug, PartialEq)]
pub struct AgeBySex {
    pub male: u32,
    pub female: u32,
}

/// Who a rule applies to: every key given must hold; an empty table holds for all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct When {
    pub employment: Option<Set>,
    pub hukou_type: Option<Set>,
    /// Hukou registered in this pack's region.
    pub hukou_local: Option<bool>,
    /// In full-time school (any level), or says they are a student.
    pub student: Option<bool>,
    pub school_level: Option<Set>,
    pub school_full_time: Option<bool>,
    /// The school is in this pack's region.
    pub school_local: Option<bool>,
    /// Age on the reference day, inclusive.
    pub age_at_least: Option<u32>,
    /// Age on the reference day, exclusive.
    pub age_below: Option<u32>,
    /// At least the age given for the person's sex.
    pub age_at_least_by_sex: Option<AgeBySex>,
    pub land_expropriated: Option<bool>,
    /// The hukou moved into the region (a `movedInOn` date was given).
    pub moved_in: Option<bool>,
    /// Full years since the move, on the reference day, inclusive.
    pub moved_in_years_at_least: Option<u32>,
    pub moved_in_years_below: Option<u32>,
    pub children_have_local_urban_hukou: Option<bool>,
    pub pension_from: Option<Set>,
    pub moved_after_retirement: Option<bool>,
    pub ownership: Option<Set>,
    pub condition: Option<Set>,
    /// `low_income_family` includes 低保 households: list both to mean "low income".
    pub low_income: Option<Set>,
    /// Disability grade 1-4; a person who gave none has none.
    pub disability_grade: Option<Set>,
    pub enrolled: Option<Set>,
    /// Enrolled now in the scheme this rule belongs to (续保 rather than 新参保).
    pub renewal: Option<bool>,
}

/// An age in whole years.
fn years(v: &Value, path: &str) -> Read<u32> {
    read::integer_in(v, path, 0, 150).map(|n| n as u32)
}

/// A list of one vocabulary's values, as a set.
fn choices<T: read::Choice>(v: &Value, path: &str) -> Read<Set> {
    read::set(v, path, T::NAMES)
}

impl When {
    /// Reads a `when` table of a pack; an unknown key is an error naming it.
    pub fn read(v: &Value, path: &str) -> Read<When> {
        let mut o = Obj::new(v, path)?;
        let w = When {
            employment: o.take("employment", choices::<Employment>),
            hukou_type: o.take("hukouType", choices::<HukouType>),
            hukou_local: o.take("hukouLocal", read::boolean),
            student: o.take("student", read::boolean),
            school_level: o.take("schoolLevel", choices::<SchoolLevel>),
            school_full_time: o.take("schoolFullTime", read::boolean),
            school_local: o.take("schoolLocal", read::boolean),
            age_at_least: o.take("ageAtLeast", years),
            age_below: o.take("ageBelow", years),
            age_at_least_by_sex: o.take("ageAtLeastBySex", |v, p| {
                let mut a = Obj::new(v, p)?;
                let ages = AgeBySex {
                    male: a.need("male", years),
                    female: a.need("female", years),
                };
                a.finish(ages)
            }),
            land_expropriated: o.take("landExpropriated", read::boolean),
            moved_in: o.take("movedIn", read::boolean),
            moved_in_years_at_least: o.take("movedInYearsAtLeast", years),
            moved_in_years_below: o.take("movedInYearsBelow", years),
            children_have_local_urban_hukou: o.take("childrenHaveLocalUrbanHukou", read::boolean),
            pension_from: o.take("pensionFrom", choices::<PensionFrom>),
            moved_after_retirement: o.take("movedAfterRetirement", read::boolean),
            ownership: o.take("ownership", choices::<Ownership>),
            condition: o.take("condition", choices::<EnterpriseCondition>),
            low_income: o.take("lowIncome", choices::<LowIncome>),
            disability_grade: o.take("disabilityGrade", |v, p| {
                let grades = read::list(v, p, |v, p| read::integer_in(v, p, 1, 4).map(|g| g as u32))?;
                Ok(Set::of(&grades))
            }),
            enrolled: o.take("enrolled", choices::<Enrolled>),
            renewal: o.take("renewal", read::boolean),
        };
        o.finish(w)
    }

    /// Whether this holds for the person, for a rule of `scheme`.
    pub fn holds(&self, p: &Person, scheme: Scheme) -> Tri {
        let mut t = Tri::Yes;
        // Each key narrows; `and` keeps only the missing fields that still matter.
        macro_rules! key {
            ($opt:expr, |$v:ident| $eval:expr) => {
                if let Some($v) = &$opt {
                    t = t.and(|| $eval);
                }
            };
        }
        key!(self.employment, |v| one_of(p.employment, "person.employment", v));
        key!(self.hukou_type, |v| one_of(p.hukou_type, "person.hukou.type", v));
        key!(self.hukou_local, |v| is(p.hukou_local, "person.hukou.local", *v));
        key!(self.student, |v| student(p).eq_bool(*v));
        key!(self.school_level, |v| school(p, |s| one_of(
            s.level,
            "person.school.level",
            v
        )));
        key!(self.school_full_time, |v| school(p, |s| is(
            s.full_time,
            "person.school.fullTime",
            *v
        )));
        key!(self.school_local, |v| school(p, |s| is(
            s.local,
            "person.school.local",
            *v
        )));
        key!(self.age_at_least, |v| age(p, |a| a >= *v));
        key!(self.age_below, |v| age(p, |a| a < *v));
        key!(self.age_at_least_by_sex, |v| age_by_sex(p, v));
        key!(self.land_expropriated, |v| is(
            p.land_expropriated,
            "person.landExpropriated",
            *v
        ));
        key!(self.moved_in, |v| Tri::from_bool(p.moved_in_on.is_some() == *v));
        key!(self.moved_in_years_at_least, |v| moved_years(p, |y| y >= *v));
        key!(self.moved_in_years_below, |v| moved_years(p, |y| y < *v));
        key!(self.children_have_local_urban_hukou, |v| {
            is(
                p.children_have_local_urban_hukou,
                "person.childrenHaveLocalUrbanHukou",
                *v,
            )
        });
        key!(self.pension_from, |v| retiree(p, || one_of(
            p.pension_from,
            "person.retirement.pensionFrom",
            v
        )));
        key!(self.moved_after_retirement, |v| {
            retiree(p, || {
                is(p.moved_after_retirement, "person.hukou.movedAfterRetirement", *v)
            })
        });
        key!(self.ownership, |v| retiree(p, || one_of(
            p.ownership,
            "person.retirement.enterprise.ownership",
            v
        )));
        key!(self.condition, |v| retiree(p, || one_of(
            p.condition,
            "person.retirement.enterprise.condition",
            v
        )));
        key!(self.low_income, |v| one_of(p.low_income, "person.lowIncome", v));
        key!(self.disability_grade, |v| Tri::from_bool(
            p.disability_grade.is_some_and(|g| v.has(u32::from(g)))
        ));
        // "Enrolled in X" holds only when the person said so: absence means not known
        // to be in X, which never blocks a rule. `renewal` below asks instead.
        key!(self.enrolled, |v| Tri::from_bool(
            p.enrolled.is_some_and(|e| v.has(read::Choice::bit(e)))
        ));
        key!(self.renewal, |v| match p.enrolled {
            Some(e) => Tri::from_bool((e.scheme() == Some(scheme)) == *v),
            None => Tri::unknown("person.enrolled"),
        });
        t
    }
}

impl Tri {
    /// `self == wanted` for a yes/no key: `student = false` holds when the person is not one.
    fn eq_bool(self, wanted: bool) -> Tri {
        if wanted {
            self
        } else {
            self.negate()
        }
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
            None => Tri::unknown("person.school.fullTime"),
        },
        None => match p.employment {
            Some(_) => Tri::No,
            None => Tri::unknown("person.employment"),
        },
    }
}

/// A school key: no school means no, unless the person says they are a student
/// and has not said which school.
fn school(p: &Person, f: impl FnOnce(&crate::person::School) -> Tri) -> Tri {
    match &p.school {
        Some(s) => f(s),
        None if p.employment == Some(Employment::Student) => Tri::unknown("person.school.level"),
        None => Tri::No,
    }
}

/// A retirement key: only retirees have one; a retiree who left it out is asked.
fn retiree(p: &Person, f: impl FnOnce() -> Tri) -> Tri {
    is(p.employment, "person.employment", Employment::Retired).and(f)
}

fn age(p: &Person, test: impl FnOnce(u32) -> bool) -> Tri {
    match p.age {
        Some(a) => Tri::from_bool(test(a)),
        None => Tri::unknown("person.birthDate"),
    }
}

fn age_by_sex(p: &Person, by_sex: &AgeBySex) -> Tri {
    let Some(a) = p.age else {
        return Tri::unknown("person.birthDate");
    };
    match p.sex {
        Some(Sex::Male) => Tri::from_bool(a >= by_sex.male),
        Some(Sex::Female) => Tri::from_bool(a >= by_sex.female),
        // Sex matters only between the two thresholds.
        None if a >= by_sex.male.max(by_sex.female) => Tri::Yes,
        None if a < by_sex.male.min(by_sex.female) => Tri::No,
        None => Tri::unknown("person.sex"),
    }
}

fn moved_years(p: &Person, test: impl FnOnce(u32) -> bool) -> Tri {
    match p.moved_in_on {
        // Moved after the reference day: zero full years so far.
        Some(_) => Tri::from_bool(test(p.moved_in_years.unwrap_or(0))),
        None => Tri::No,
    }
}

/// Picks the first rule that holds, as long as the answer could not change with
/// what the request left out.
///
/// Rules are ordered, first match wins. A rule whose condition is unknown does not
/// stop the search: if a later rule holds and every unknown one before it would
/// have given the `same` result, that result stands; otherwise the pick is
/// undecided and names the fields that would decide it.
pub enum Pick<'r, R> {
    Found(&'r R),
    /// `candidates` are the rules that may apply, in order; `fallback` the one that
    /// holds if none of the unknown ones do.
    Undecided {
        fields: Fields,
        candidates: Vec<&'r R>,
        fallback: Option<&'r R>,
    },
    Nothing,
}

pub fn pick<'r, R>(
    rules: impl IntoIterator<Item = &'r R>,
    holds: impl Fn(&R) -> Tri,
    same: impl Fn(&R, &R) -> bool,
) -> Pick<'r, R> {
    let mut pending: Vec<(&R, Vec<Field>)> = Vec::new();
    let mut fallback = None;
    for rule in rules {
        match holds(rule) {
            Tri::No => {}
            Tri::Unknown(fields) => pending.push((rule, fields)),
            Tri::Yes => {
                if pending.iter().all(|(p, _)| same(p, rule)) {
                    return Pick::Found(rule);
                }
                pending.push((rule, Vec::new()));
                fallback = Some(rule);
                break;
            }
        }
    }
    if pending.is_empty() {
        return Pick::Nothing;
    }
    let mut fields = Fields::default();
    fields.extend(pending.iter().flat_map(|(_, f)| f.iter().copied()));
    Pick::Undecided {
        fields,
        candidates: pending.into_iter().map(|(r, _)| r).collect(),
        fallback,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn and_or_keep_only_deciding_unknowns() {
        let u = |f| Tri::Unknown(vec![f]);
        assert_eq!(u("a").and(|| Tri::No), Tri::No);
        assert_eq!(Tri::No.and(|| u("a")), Tri::No);
        assert_eq!(u("a").and(|| u("b")), Tri::Unknown(vec!["a", "b"]));
        assert_eq!(u("a").or(|| Tri::Yes), Tri::Yes);
        assert_eq!(u("a").or(|| Tri::No), u("a"));
    }

    #[test]
    fn pick_waits_for_unknowns_that_would_change_the_result() {
        let rules = [(Tri::Unknown(vec!["x"]), 1), (Tri::Yes, 2), (Tri::Yes, 3)];
        let found = |r: &Pick<(Tri, i32)>| match r {
            Pick::Found(r) => Some(r.1),
            _ => None,
        };
        // The unknown rule would give 1, the first holding one 2: undecided.
        let p = pick(&rules, |r| r.0.clone(), |a, b| a.1 == b.1);
        assert!(matches!(&p, Pick::Undecided { fields, .. } if fields.as_slice() == ["x"]));
        // Same result either way: decided.
        let p = pick(&rules, |r| r.0.clone(), |_, _| true);
        assert_eq!(found(&p), Some(2));
        let none = [(Tri::No, 1)];
        assert!(matches!(pick(&none, |r| r.0.clone(), |_, _| true), Pick::Nothing));
    }
}
