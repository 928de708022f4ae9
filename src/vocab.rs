//! The closed vocabularies of the domain: schemes, employment, hukou and so on.
//!
//! Each is a plain enum spelled on the wire exactly as the contract spells it
//! (`"urban_resident"`, `"public_employee"`). One macro gives every enum the same
//! three things: its wire names, a parser that never panics, and serde impls that
//! name the allowed values when a pack or request uses an unknown one.

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in the order the contract lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as spelled on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// Parses a wire spelling; `None` for anything else.
            pub fn parse(s: &str) -> Option<$name> {
                $name::NAMES.iter().position(|n| *n == s).and_then(|i| $name::ALL.get(i).copied())
            }

            /// The wire spellings, in the order of `ALL`.
            pub const NAMES: &'static [&'static str] = &[$($wire),+];

            /// The wire spellings joined for an error message: `"a", "b"`.
            pub fn expected() -> String {
                let names: Vec<String> = Self::ALL.iter().map(|v| format!("\"{}\"", v.as_str())).collect();
                names.join(", ")
            }
        }


        /// The first value, only as a placeholder while a pack with errors is read.
        impl Default for $name {
            fn default() -> $name {
                $name::ALL[0]
            }
        }

        impl $crate::read::Choice for $name {
            const NAMES: &'static [&'static str] = $name::NAMES;
            fn nth(i: usize) -> Option<Self> {
                $name::ALL.get(i).copied()
            }
            fn bit(self) -> u32 {
                self as u32
            }
        }
    };
}

wire_enum! {
    /// A basic medical insurance scheme, or the assistance a person is referred to.
    Scheme {
        /// 城镇职工基本医疗保险
        Employee = "employee",
        /// 大额医疗费用补助, on top of the employee scheme
        LargeExpenseSupplement = "large_expense_supplement",
        /// 住院统筹: inpatient-only pooling for retirees, no personal account
        RetireeInpatientPool = "retiree_inpatient_pool",
        /// 城镇居民基本医疗保险
        UrbanResident = "urban_resident",
        /// 新型农村(牧区)合作医疗
        RuralCooperative = "rural_cooperative",
        /// 城乡居民基本医疗保险, the merger of the two resident schemes
        UrbanRuralResident = "urban_rural_resident",
        /// 医疗救助 / 应急救助: a referral, not insurance
        MedicalAssistance = "medical_assistance",
    }
}

wire_enum! {
    /// What the person does for a living.
    Employment {
        /// Has a labour relationship with an employer.
        Employee = "employee",
        /// 财政供养人员: paid from the public budget.
        PublicEmployee = "public_employee",
        /// 灵活就业人员, 个体: self-employed or flexible work.
        Flexible = "flexible",
        Farmer = "farmer",
        Student = "student",
        None = "none",
        Retired = "retired",
    }
}

wire_enum! {
    /// 户籍 type: 非农业 (urban) or 农业 (rural).
    HukouType { Urban = "urban", Rural = "rural" }
}

wire_enum! {
    Sex { Male = "male", Female = "female" }
}

wire_enum! {
    SchoolLevel { Preschool = "preschool", Primary = "primary", Secondary = "secondary", Higher = "higher" }
}

wire_enum! {
    /// Where a retiree's pension is paid from.
    PensionFrom { Local = "local", Elsewhere = "elsewhere" }
}

wire_enum! {
    /// Ownership of a retiree's former enterprise.
    Ownership { State = "state", Collective = "collective", Private = "private", Other = "other" }
}

wire_enum! {
    /// The state of a retiree's former enterprise.
    EnterpriseCondition {
        Normal = "normal",
        /// 困难企业
        Struggling = "struggling",
        Closed = "closed",
        Bankrupt = "bankrupt",
        /// 改制重组
        Restructured = "restructured",
    }
}

wire_enum! {
    /// Low-income status. 低保 households count as low-income too.
    LowIncome { None = "none", LowIncomeFamily = "low_income_family", Dibao = "dibao" }
}

wire_enum! {
    /// What a person is enrolled in now: a scheme or nothing.
    Enrolled {
        None = "none",
        Employee = "employee",
        LargeExpenseSupplement = "large_expense_supplement",
        RetireeInpatientPool = "retiree_inpatient_pool",
        UrbanResident = "urban_resident",
        RuralCooperative = "rural_cooperative",
        UrbanRuralResident = "urban_rural_resident",
        MedicalAssistance = "medical_assistance",
    }
}

impl Enrolled {
    /// The scheme held, if any.
    pub fn scheme(self) -> Option<Scheme> {
        Scheme::parse(self.as_str())
    }
}

wire_enum! {
    /// The language of every message in a response.
    Lang { ZhCn = "zh-CN", ZhTw = "zh-TW", En = "en" }
}

wire_enum! {
    /// The outcome for one scheme.
    Status { Mandatory = "mandatory", Eligible = "eligible", Ineligible = "ineligible", NeedsInfo = "needs_info" }
}

wire_enum! {
    /// How often a fee is due.
    Period { Year = "year", Month = "month" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for s in Scheme::ALL {
            assert_eq!(Scheme::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Employment::parse("public_employee"), Some(Employment::PublicEmployee));
        assert_eq!(Employment::parse("Employee"), None);
        assert_eq!(Enrolled::UrbanResident.scheme(), Some(Scheme::UrbanResident));
        assert_eq!(Enrolled::None.scheme(), None);
    }

    #[test]
    fn unknown_value_names_the_allowed_ones() {
        let err = crate::read::choice::<Sex>(&serde_json::json!("other"), "sex")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "sex: unknown value \"other\", expected one of \"male\", \"female\""
        );
    }
}
