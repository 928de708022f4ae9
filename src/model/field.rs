//! The answers a request may give about a person, each declared once.
//!
//! A [`Field`] is a request path (`person.hukou.type`) the rules can ask for:
//! the engine names the fields it still needs in `missing`, by path, most
//! decisive first. Each is declared here with its form key (what flat forms,
//! the page's and the roster's, call it) and what kind of answer it takes;
//! its words (a label, a question, the names of its choices) are in
//! `contract::words`, which must word every field (a `match` without a
//! wildcard), and the page's and the mini-program's word lists are generated
//! from there (`canbao fields`).

use crate::model::vocab::{
    Enrolled, EnterpriseCondition, HukouType, LowIncome, Ownership, PensionFrom, SchoolLevel, Sex,
};

/// What kind of answer a field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `YYYY-MM-DD`.
    Date,
    /// One of a vocabulary's names (`"male"`).
    Choice,
    /// `true` or `false`.
    YesNo,
    /// A whole number.
    Whole,
    /// A coverage year, or `null` for "never".
    Year,
    /// An amount of yuan as a string, `"4000.00"`.
    Amount,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Date => "date",
            Kind::Choice => "choice",
            Kind::YesNo => "yesNo",
            Kind::Whole => "whole",
            Kind::Year => "year",
            Kind::Amount => "amount",
        }
    }
}

macro_rules! fields {
    ($($variant:ident = $path:literal as $key:literal : $kind:ident),+ $(,)?) => {
        /// A request field the rules may need, by its wire path.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field { $($variant),+ }

        impl Field {
            /// Every field, from the basic questions (age, hukou, work) to the
            /// particular ones, as a form would ask them.
            pub const ALL: &'static [Field] = &[$(Field::$variant),+];

            /// The wire path: `person.hukou.type`.
            pub fn path(self) -> &'static str {
                match self { $(Field::$variant => $path),+ }
            }

            /// The key of a flat form: `hukouType`.
            pub fn key(self) -> &'static str {
                match self { $(Field::$variant => $key),+ }
            }

            pub fn kind(self) -> Kind {
                match self { $(Field::$variant => Kind::$kind),+ }
            }
        }
    };
}

fields! {
    BirthDate = "person.birthDate" as "birthDate": Date,
    Sex = "person.sex" as "sex": Choice,
    HukouRegistered = "person.hukou.registered" as "hukouRegistered": YesNo,
    HukouType = "person.hukou.type" as "hukouType": Choice,
    HukouLocal = "person.hukou.local" as "hukouLocal": YesNo,
    MovedIn = "person.hukou.movedIn" as "movedIn": YesNo,
    MovedInOn = "person.hukou.movedInOn" as "movedInOn": Date,
    MovedAfterRetirement = "person.hukou.movedAfterRetirement" as "movedAfterRetirement": YesNo,
    ResidencePermit = "person.residencePermit" as "residencePermit": YesNo,
    Employment = "person.employment" as "employment": Choice,
    SchoolLevel = "person.school.level" as "schoolLevel": Choice,
    SchoolFullTime = "person.school.fullTime" as "schoolFullTime": YesNo,
    SchoolLocal = "person.school.local" as "schoolLocal": YesNo,
    PensionFrom = "person.retirement.pensionFrom" as "pensionFrom": Choice,
    Ownership = "person.retirement.enterprise.ownership" as "ownership": Choice,
    EnterpriseCondition = "person.retirement.enterprise.condition" as "condition": Choice,
    LowIncome = "person.lowIncome" as "lowIncome": Choice,
    DisabilityGrade = "person.disabilityGrade" as "disabilityGrade": Whole,
    LandExpropriated = "person.landExpropriated" as "landExpropriated": YesNo,
    ChildrenHaveLocalUrbanHukou = "person.childrenHaveLocalUrbanHukou" as "childrenHaveLocalUrbanHukou": YesNo,
    MonthlyWage = "person.monthlyWage" as "monthlyWage": Amount,
    Enrolled = "person.enrolled" as "enrolled": Choice,
    LastCoveredYear = "person.history.lastCoveredYear" as "lastCoveredYear": Year,
    ContinuousYears = "person.history.continuousYears" as "continuousYears": Whole,
    BackPayYears = "person.history.backPayYears" as "backPayYears": Whole,
}

/// The age a person states instead of a birth date: a request path the rules
/// never ask for (they ask [`Field::BirthDate`], which gives it).
pub const AGE_PATH: &str = "person.age";
pub const AGE_KEY: &str = "age";

impl Field {
    /// The values a field takes, as spelled on the wire, in the order a form
    /// offers them: a vocabulary's names, `true`/`false`, or the disability
    /// grades; empty for dates, years, counts and amounts.
    pub fn values(self) -> &'static [&'static str] {
        match self {
            Field::Sex => Sex::NAMES,
            Field::HukouType => HukouType::NAMES,
            // Not in work first: the answer of most who are asked.
            Field::Employment => &[
                "none",
                "employee",
                "public_employee",
                "flexible",
                "farmer",
                "student",
                "retired",
                "unemployment_benefit",
            ],
            Field::SchoolLevel => SchoolLevel::NAMES,
            Field::PensionFrom => PensionFrom::NAMES,
            Field::Ownership => Ownership::NAMES,
            Field::EnterpriseCondition => EnterpriseCondition::NAMES,
            Field::LowIncome => LowIncome::NAMES,
            Field::Enrolled => Enrolled::NAMES,
            Field::DisabilityGrade => &["0", "1", "2", "3", "4"],
            _ if self.kind() == Kind::YesNo => &["true", "false"],
            _ => &[],
        }
    }

    /// The field with this wire path.
    pub fn at(path: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.path() == path)
    }
}
