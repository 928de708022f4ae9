//! Conditions on a person, answered yes, no, or "depends on what you did not tell us".
//!
//! A pack's rules say *who* they apply to with a `when` table (`hukouType`,
//! `ageAtLeast`, `ownership` …), every key of which must hold. A request may leave
//! any answer out, so each key evaluates to a three-valued [`Tri`]: `Unknown`
//! carries the request field that would settle it. `and` short-circuits on a
//! `No`, and of several unknown keys keeps the first: if that answer is "no", the
//! others never matter. So only the answers that can change the outcome are
//! reported missing, the one to ask next for each rule; that is what lets a form
//! ask a resident only the questions that matter, a few at a time.
//!
//! A `when` table is compiled once, when its pack loads, into a [`Cond`] of bit
//! sets; the fields a check still needs are a bit set too. Checking a person
//! against a rule allocates nothing.

#[cfg(feature = "loader")]
use crate::pack::wire;
use crate::person::Person;
use crate::vocab::{Employment, Scheme, Sex};

macro_rules! fields {
    ($($variant:ident = $path:literal),+ $(,)?) => {
        /// A request field the rules may need, by its wire path.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field { $($variant),+ }

        impl Field {
            pub const ALL: &'static [Field] = &[$(Field::$variant),+];

            /// The wire path: `person.hukou.type`.
            pub fn path(self) -> &'static str {
                match self { $(Field::$variant => $path),+ }
            }
        }
    };
}

fields! {
    BirthDate = "person.birthDate",
    Sex = "person.sex",
    HukouType = "person.hukou.type",
    HukouLocal = "person.hukou.local",
    MovedIn = "person.hukou.movedIn",
    MovedInOn = "person.hukou.movedInOn",
    MovedAfterRetirement = "person.hukou.movedAfterRetirement",
    ResidencePermit = "person.residencePermit",
    Employment = "person.employment",
    SchoolLevel = "person.school.level",
    SchoolFullTime = "person.school.fullTime",
    SchoolLocal = "person.school.local",
    PensionFrom = "person.retirement.pensionFrom",
    Ownership = "person.retirement.enterprise.ownership",
    Condition = "person.retirement.enterprise.condition",
    LowIncome = "person.lowIncome",
    DisabilityGrade = "person.disabilityGrade",
    LandExpropriated = "person.landExpropriated",
    ChildrenHaveLocalUrbanHukou = "person.childrenHaveLocalUrbanHukou",
    MonthlyWage = "person.monthlyWage",
    Enrolled = "person.enrolled",
    LastCoveredYear = "person.history.lastCoveredYear",
    ContinuousYears = "person.history.continuousYears",
    BackPayYears = "person.history.backPayYears",
}

/// A set of fields, one bit each, listed in the order of [`Field::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fields(u32);

impl Fields {
    pub fn one(f: Field) -> Fields {
        Fields(1 << f as u32)
    }

    pub fn union(self, other: Fields) -> Fields {
        Fields(self.0 | other.0)
    }

    pub fn has(self, f: Field) -> bool {
        self.0 & (1 << f as u32) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(move |f| self.0 & (1 << *f as u32) != 0)
    }
}

/// A yes/no answer that may depend on a field the request left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    Yes,
    No,
    /// The field to ask next: the first of the rule's keys still open.
    Unknown(Field),
}

impl Tri {
    pub fn from_bool(b: bool) -> Tri {
        if b {
            Tri::Yes
        } else {
            Tri::No
        }
    }

    fn unknown(field: Field) -> Tri {
        Tri::Unknown(field)
    }

    /// Both must hold. A `No` on either side decides, whatever the other lacks;
    /// of two unknowns the first is asked first.
    pub fn and(self, other: impl FnOnce() -> Tri) -> Tri {
        match self {
            Tri::No => Tri::No,
            Tri::Yes => other(),
            Tri::Unknown(field) => match other() {
                Tri::No => Tri::No,
                Tri::Yes | Tri::Unknown(_) => Tri::Unknown(field),
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

    /// `self == wanted` for a yes/no key: `student = false` holds when the person is not one.
    fn eq_bool(self, wanted: bool) -> Tri {
        if wanted {
            self
        } else {
            self.negate()
        }
    }
}

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

/// A known value, or the field that would give it.
fn one_of(value: Option<u32>, field: Field, allowed: Set) -> Tri {
    match value {
        Some(v) => Tri::from_bool(allowed.has(v)),
        None => Tri::unknown(field),
    }
}

fn is<T: PartialEq>(value: Option<T>, field: Field, wanted: T) -> Tri {
    match value {
        Some(v) => Tri::from_bool(v == wanted),
        None => Tri::unknown(field),
    }
}

/// A `when` table, compiled: who a rule applies to.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cond {
    employment: Option<Set>,
    hukou_type: Option<Set>,
    hukou_local: Option<bool>,
    residence_permit: Option<bool>,
    student: Option<bool>,
    school_level: Option<Set>,
    school_full_time: Option<bool>,
    school_local: Option<bool>,
    age_at_least: Option<u32>,
    age_below: Option<u32>,
    age_at_least_by_sex: Option<AgeBySex>,
    land_expropriated: Option<bool>,
    moved_in: Option<bool>,
    moved_in_years_at_least: Option<u32>,
    moved_in_years_below: Option<u32>,
    children_have_local_urban_hukou: Option<bool>,
    pension_from: Option<Set>,
    moved_after_retirement: Option<bool>,
    ownership: Option<Set>,
    condition: Option<Set>,
    low_income: Option<Set>,
    disability_grade: Option<Set>,
    enrolled: Option<Set>,
    renewal: Option<bool>,
    continuous_years_at_least: Option<u32>,
}

/// A list of a vocabulary's names as a set of their positions, or the key and
/// the first name that is not in it.
#[cfg(feature = "loader")]
fn names(list: &Option<Vec<String>>, all: &[&str], key: &'static str) -> Result<Option<Set>, (&'static str, String)> {
    let Some(list) = list else { return Ok(None) };
    let mut bits = Vec::with_capacity(list.len());
    for name in list {
        match all.iter().position(|n| n == name) {
            Some(i) => bits.push(i as u32),
            None => {
                let allowed: Vec<String> = all.iter().map(|n| format!("\"{n}\"")).collect();
                let name: String = name.chars().take(40).collect();
                return Err((
                    key,
                    format!("unknown value \"{name}\", expected one of {}", allowed.join(", ")),
                ));
            }
        }
    }
    Ok(Some(Set::of(bits)))
}

impl Cond {
    /// Compiles a `when` table; an unknown name is refused with its key.
    #[cfg(feature = "loader")]
    pub fn new(w: &wire::When) -> Result<Cond, (&'static str, String)> {
        use crate::vocab::{
            Employment, Enrolled, EnterpriseCondition, HukouType, LowIncome, Ownership, PensionFrom, SchoolLevel,
        };
        if let Some(g) = w.disability_grade.as_ref().and_then(|g| g.iter().find(|g| **g > 4)) {
            return Err((
                "disabilityGrade",
                format!("{g} is not a disability grade: they are 0 (none) to 4"),
            ));
        }
        Ok(Cond {
            employment: names(&w.employment, Employment::NAMES, "employment")?,
            hukou_type: names(&w.hukou_type, HukouType::NAMES, "hukouType")?,
            hukou_local: w.hukou_local,
            residence_permit: w.residence_permit,
            student: w.student,
            school_level: names(&w.school_level, SchoolLevel::NAMES, "schoolLevel")?,
            school_full_time: w.school_full_time,
            school_local: w.school_local,
            age_at_least: w.age_at_least,
            age_below: w.age_below,
            age_at_least_by_sex: w.age_at_least_by_sex,
            land_expropriated: w.land_expropriated,
            moved_in: w.moved_in,
            moved_in_years_at_least: w.moved_in_years_at_least,
            moved_in_years_below: w.moved_in_years_below,
            children_have_local_urban_hukou: w.children_have_local_urban_hukou,
            pension_from: names(&w.pension_from, PensionFrom::NAMES, "pensionFrom")?,
            moved_after_retirement: w.moved_after_retirement,
            ownership: names(&w.ownership, Ownership::NAMES, "ownership")?,
            condition: names(&w.condition, EnterpriseCondition::NAMES, "condition")?,
            low_income: names(&w.low_income, LowIncome::NAMES, "lowIncome")?,
            disability_grade: w
                .disability_grade
                .as_ref()
                .map(|g| Set::of(g.iter().map(|g| u32::from(*g)))),
            enrolled: names(&w.enrolled, Enrolled::NAMES, "enrolled")?,
            renewal: w.renewal,
            continuous_years_at_least: w.continuous_years_at_least,
        })
    }

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
        key!(self.hukou_type, |v| one_of(
            p.hukou_type.map(|h| h.bit()),
            Field::HukouType,
            v
        ));
        key!(self.hukou_local, |v| is(p.hukou_local, Field::HukouLocal, v));
        key!(self.residence_permit, |v| is(
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
        key!(self.school_full_time, |v| school(p, |s| is(
            s.full_time,
            Field::SchoolFullTime,
            v
        )));
        key!(self.school_local, |v| school(p, |s| is(s.local, Field::SchoolLocal, v)));
        key!(self.age_at_least, |v| age(p, |a| a >= v));
        key!(self.age_below, |v| age(p, |a| a < v));
        key!(self.age_at_least_by_sex, |v| age_by_sex(p, v));
        key!(self.land_expropriated, |v| is(
            p.land_expropriated,
            Field::LandExpropriated,
            v
        ));
        key!(self.moved_in, |v| is(p.moved_in, Field::MovedIn, v));
        key!(self.moved_in_years_at_least, |v| moved_years(p, |y| y >= v));
        key!(self.moved_in_years_below, |v| moved_years(p, |y| y < v));
        key!(self.children_have_local_urban_hukou, |v| is(
            p.children_have_local_urban_hukou,
            Field::ChildrenHaveLocalUrbanHukou,
            v
        ));
        key!(self.pension_from, |v| retiree(p, || one_of(
            p.pension_from.map(|x| x.bit()),
            Field::PensionFrom,
            v
        )));
        key!(self.moved_after_retirement, |v| retiree(p, || is(
            p.moved_after_retirement,
            Field::MovedAfterRetirement,
            v
        )));
        key!(self.ownership, |v| retiree(p, || one_of(
            p.ownership.map(|x| x.bit()),
            Field::Ownership,
            v
        )));
        key!(self.condition, |v| retiree(p, || one_of(
            p.condition.map(|x| x.bit()),
            Field::Condition,
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
            None => Tri::unknown(Field::Enrolled),
        });
        key!(self.continuous_years_at_least, |v| match p.history.continuous_years {
            Some(y) => Tri::from_bool(y >= v),
            None => Tri::unknown(Field::ContinuousYears),
        });
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
            None => Tri::unknown(Field::SchoolFullTime),
        },
        None => match p.employment {
            Some(_) => Tri::No,
            None => Tri::unknown(Field::Employment),
        },
    }
}

/// A school key: no school means no, unless the person says they are a student
/// and has not said which school.
fn school(p: &Person, f: impl FnOnce(&crate::person::School) -> Tri) -> Tri {
    match &p.school {
        Some(s) => f(s),
        None if p.employment == Some(Employment::Student) => Tri::unknown(Field::SchoolLevel),
        None => Tri::No,
    }
}

/// An `employment` key. A child under the working age (16, the Labour Law's
/// minimum) is not asked: only `student` or `none` can be true of them, so a
/// rule for workers or retirees does not apply (request.rs refuses a child
/// who says they work).
fn employment(p: &Person, allowed: Set) -> Tri {
    match (p.employment, p.age) {
        (None, Some(age)) if age < crate::request::MIN_WORKING_AGE => {
            let (student, none) = (
                allowed.has(Employment::Student.bit()),
                allowed.has(Employment::None.bit()),
            );
            match (student, none) {
                (false, false) => Tri::No,
                (true, true) => Tri::Yes,
                _ => Tri::unknown(Field::Employment),
            }
        }
        (e, _) => one_of(e.map(|e| e.bit()), Field::Employment, allowed),
    }
}

/// A retirement key: only retirees have one; a retiree who left it out is asked.
fn retiree(p: &Person, f: impl FnOnce() -> Tri) -> Tri {
    employment(p, Set::of([Employment::Retired.bit()])).and(f)
}

fn age(p: &Person, test: impl FnOnce(u32) -> bool) -> Tri {
    match p.age {
        Some(a) => Tri::from_bool(test(a)),
        None => Tri::unknown(Field::BirthDate),
    }
}

fn age_by_sex(p: &Person, by_sex: AgeBySex) -> Tri {
    let Some(a) = p.age else {
        return Tri::unknown(Field::BirthDate);
    };
    match p.sex {
        Some(Sex::Male) => Tri::from_bool(a >= by_sex.male),
        Some(Sex::Female) => Tri::from_bool(a >= by_sex.female),
        // Sex matters only between the two thresholds.
        None if a >= by_sex.male.max(by_sex.female) => Tri::Yes,
        None if a < by_sex.male.min(by_sex.female) => Tri::No,
        None => Tri::unknown(Field::Sex),
    }
}

/// Full years since the hukou moved here: no move means the key does not hold;
/// a move without its date leaves it open.
fn moved_years(p: &Person, test: impl FnOnce(u32) -> bool) -> Tri {
    match (p.moved_in, p.moved_in_years) {
        (Some(false), _) => Tri::No,
        (Some(true), Some(years)) => Tri::from_bool(test(years)),
        (Some(true), None) => Tri::unknown(Field::MovedInOn),
        (None, _) => Tri::unknown(Field::MovedIn),
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
    /// `fields` are the answers to ask, in the order of the rules that need them;
    /// `candidates` the rules that may apply, in order; `fallback` the one that
    /// holds if none of the unknown ones do.
    Undecided {
        fields: Vec<Field>,
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
    let mut pending: Vec<(&R, Field)> = Vec::new();
    for rule in rules {
        match holds(rule) {
            Tri::No => {}
            Tri::Unknown(f) => pending.push((rule, f)),
            Tri::Yes => {
                if pending.iter().all(|(p, _)| same(p, rule)) {
                    return Pick::Found(rule);
                }
                // Ask what could lead elsewhere; an open rule that would give the
                // same result as this one changes nothing whichever way it goes.
                let fields = fields_of(pending.iter().filter(|(p, _)| !same(p, rule)));
                let mut candidates: Vec<&R> = pending.into_iter().map(|(r, _)| r).collect();
                candidates.push(rule);
                return Pick::Undecided {
                    fields,
                    candidates,
                    fallback: Some(rule),
                };
            }
        }
    }
    if pending.is_empty() {
        return Pick::Nothing;
    }
    Pick::Undecided {
        fields: fields_of(pending.iter()),
        candidates: pending.into_iter().map(|(r, _)| r).collect(),
        fallback: None,
    }
}

/// The fields of open rules, each once, in the rules' order.
fn fields_of<'a, R: 'a>(pending: impl Iterator<Item = &'a (&'a R, Field)>) -> Vec<Field> {
    let mut fields = Vec::new();
    for (_, f) in pending {
        if !fields.contains(f) {
            fields.push(*f);
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn and_keeps_only_deciding_unknowns() {
        let u = |f| Tri::unknown(f);
        assert_eq!(u(Field::Sex).and(|| Tri::No), Tri::No);
        assert_eq!(Tri::No.and(|| u(Field::Sex)), Tri::No);
        // Of two open keys, the first is asked: if it is "no", the second never matters.
        assert_eq!(u(Field::Sex).and(|| u(Field::BirthDate)), u(Field::Sex));
    }

    #[test]
    fn pick_waits_for_unknowns_that_would_change_the_result() {
        let x = Tri::unknown(Field::Sex);
        let rules = [(x, 1), (Tri::Yes, 2), (Tri::Yes, 3)];
        let found = |r: &Pick<(Tri, i32)>| match r {
            Pick::Found(r) => Some(r.1),
            _ => None,
        };
        // The unknown rule would give 1, the first holding one 2: undecided.
        let p = pick(&rules, |r| r.0, |a, b| a.1 == b.1);
        assert!(matches!(&p, Pick::Undecided { fields, .. } if *fields == [Field::Sex]));
        // Same result either way: decided.
        let p = pick(&rules, |r| r.0, |_, _| true);
        assert_eq!(found(&p), Some(2));
        let none = [(Tri::No, 1)];
        assert!(matches!(pick(&none, |r| r.0, |_, _| true), Pick::Nothing));
    }

    #[test]
    fn unstated_disability_and_move_are_unknown_not_none() {
        let w: wire::When = serde_json::from_str(r#"{"disabilityGrade":[1,2]}"#).unwrap();
        let c = Cond::new(&w).unwrap();
        let mut p = Person::default();
        assert_eq!(c.holds(&p, Scheme::UrbanResident), Tri::unknown(Field::DisabilityGrade));
        p.disability_grade = Some(0);
        assert_eq!(c.holds(&p, Scheme::UrbanResident), Tri::No);
        let w: wire::When = serde_json::from_str(r#"{"movedInYearsBelow":2}"#).unwrap();
        let c = Cond::new(&w).unwrap();
        assert_eq!(
            c.holds(&Person::default(), Scheme::UrbanResident),
            Tri::unknown(Field::MovedIn)
        );
        p.moved_in = Some(false);
        assert_eq!(c.holds(&p, Scheme::UrbanResident), Tri::No);
    }
}
