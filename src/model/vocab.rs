//! The closed vocabularies of the domain: schemes, employment, hukou and so on.
//!
//! Each is a plain enum spelled on the wire exactly as the contract spells it
//! (`"urban_resident"`, `"public_employee"`). One macro gives every enum the same
//! things: serde's derives under those names, the list of names (for an error
//! that says which values are allowed), and a parser that never panics.

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $wire)] $variant),+ }

        impl $name {
            /// Every value, in the order the contract lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire spellings, in the order of `ALL`.
            pub const NAMES: &'static [&'static str] = &[$($wire),+];

            /// The value as spelled on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// Parses a wire spelling; `None` for anything else.
            pub fn parse(s: &str) -> Option<$name> {
                $name::NAMES.iter().position(|n| *n == s).and_then(|i| $name::ALL.get(i).copied())
            }

            /// Its position in `ALL`: its bit in a set of the vocabulary's values.
            pub fn bit(self) -> u32 {
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
        /// 领取失业保险金: registered unemployed, drawing unemployment benefit.
        UnemploymentBenefit = "unemployment_benefit",
    }
}

impl Employment {
    /// In work of some kind: the answers that a child cannot give.
    pub fn is_work(self) -> bool {
        matches!(
            self,
            Employment::Employee | Employment::PublicEmployee | Employment::Flexible | Employment::Retired
        )
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
    /// The help category that decides who pays a resident's fee. 低保 households
    /// count as low-income too.
    LowIncome {
        None = "none",
        /// 低收入家庭, 低保边缘: low income, above the 低保 line.
        LowIncomeFamily = "low_income_family",
        /// 最低生活保障对象
        Dibao = "dibao",
        /// 特困人员 (特困供养): destitute, supported by the state.
        Tekun = "tekun",
        /// 防止返贫监测对象: households monitored against falling back into poverty.
        Monitored = "monitored",
        /// 孤儿 (and children in de facto orphanhood): named with 特困 by some regions.
        Orphan = "orphan",
    }
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

/// How a scheme stands to the others: what makes two of them a choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A basic scheme: a person holds one at a time (004 二; 国发〔2016〕3号).
    Basic,
    /// Joined on top of a basic scheme, never instead of it.
    Supplement(Scheme),
    /// Assistance a person is referred to, not insurance: never a choice.
    Relief,
}

impl Scheme {
    /// The glossary's reading (DOMAIN.md): the large-expense supplement goes on
    /// top of the employee scheme; medical assistance is a referral.
    pub fn role(self) -> Role {
        match self {
            Scheme::LargeExpenseSupplement => Role::Supplement(Scheme::Employee),
            Scheme::MedicalAssistance => Role::Relief,
            _ => Role::Basic,
        }
    }
}

impl Scheme {
    /// The scheme's standard name; a pack may give a local one (新型农村牧区合作医疗).
    pub fn standard_name(self) -> crate::model::text::Text {
        let [zh_cn, zh_tw, en] = match self {
            Scheme::Employee => [
                "城镇职工基本医疗保险",
                "城鎮職工基本醫療保險",
                "urban employee basic medical insurance",
            ],
            Scheme::LargeExpenseSupplement => [
                "大额医疗费用补助",
                "大額醫療費用補助",
                "large medical expense supplement",
            ],
            Scheme::RetireeInpatientPool => [
                "退休人员住院医疗费用统筹",
                "退休人員住院醫療費用統籌",
                "inpatient-only pooling for retirees",
            ],
            Scheme::UrbanResident => [
                "城镇居民基本医疗保险",
                "城鎮居民基本醫療保險",
                "urban resident basic medical insurance",
            ],
            Scheme::RuralCooperative => [
                "新型农村合作医疗",
                "新型農村合作醫療",
                "new rural cooperative medical scheme",
            ],
            Scheme::UrbanRuralResident => [
                "城乡居民基本医疗保险",
                "城鄉居民基本醫療保險",
                "urban and rural resident basic medical insurance",
            ],
            Scheme::MedicalAssistance => [
                "医疗救助（应急救助）",
                "醫療救助（應急救助）",
                "medical assistance (emergency relief)",
            ],
        };
        crate::model::text::Text::of(zh_cn, zh_tw, en)
    }
}

impl Enrolled {
    /// The scheme held, if any.
    pub fn scheme(self) -> Option<Scheme> {
        Scheme::parse(self.as_str())
    }
}

wire_enum! {
    /// How sure we are of a source's words (the brief's labels A, B, C).
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

wire_enum! {
    /// A province-level division of the mainland, by its pinyin (`shaanxi` is
    /// 陕西, `shanxi` 山西): where a place's pack belongs in a picker.
    Province {
        Beijing = "beijing", Tianjin = "tianjin", Hebei = "hebei", Shanxi = "shanxi",
        NeiMenggu = "neimenggu", Liaoning = "liaoning", Jilin = "jilin", Heilongjiang = "heilongjiang",
        Shanghai = "shanghai", Jiangsu = "jiangsu", Zhejiang = "zhejiang", Anhui = "anhui",
        Fujian = "fujian", Jiangxi = "jiangxi", Shandong = "shandong", Henan = "henan",
        Hubei = "hubei", Hunan = "hunan", Guangdong = "guangdong", Guangxi = "guangxi",
        Hainan = "hainan", Chongqing = "chongqing", Sichuan = "sichuan", Guizhou = "guizhou",
        Yunnan = "yunnan", Xizang = "xizang", Shaanxi = "shaanxi", Gansu = "gansu",
        Qinghai = "qinghai", Ningxia = "ningxia", Xinjiang = "xinjiang",
    }
}

wire_enum! {
    /// What a place's pack is for: a whole province (or a municipality), or a city in one.
    Level { Province = "province", City = "city" }
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
    fn serde_uses_the_wire_names() {
        assert_eq!(
            serde_json::to_string(&crate::model::text::Lang::ZhTw).unwrap(),
            "\"zh-TW\""
        );
        let e: Employment = serde_json::from_str("\"unemployment_benefit\"").unwrap();
        assert_eq!(e, Employment::UnemploymentBenefit);
        assert!(serde_json::from_str::<Sex>("\"other\"").is_err());
    }
}
