//! A roster's header: which request field each column holds.
//!
//! A column is named by the request's path (`hukou.type`, or `person.hukou.type`),
//! the flat form's key (`hukouType`), or its Chinese header (`户口类型`, the
//! table below, documented in docs/roster.md), in any case and with spaces
//! around it. A column named `身份证号`/`idNumber` gives the birth date and
//! sex; `household`/`户号` groups rows. Any other column is kept and passed
//! through untouched.

use crate::contract::words;
use crate::model::field::{Field, Kind, AGE_KEY, AGE_PATH};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// A request field, or the stated age (`None`).
    Field(Option<Field>),
    /// A resident identity number (GB 11643).
    IdNumber,
    /// The household a row belongs to.
    Household,
    /// A column canbao does not read: passed through.
    Other,
}

/// The Chinese headers a cadre's sheet uses, one per field: short, as a column
/// reads. The fields' labels (`canbao fields`) are taken too.
pub const CHINESE: &[(&str, Option<Field>)] = &[
    ("出生日期", Some(Field::BirthDate)),
    ("年龄", None),
    ("性别", Some(Field::Sex)),
    ("户口已登记", Some(Field::HukouRegistered)),
    ("户口类型", Some(Field::HukouType)),
    ("本地户口", Some(Field::HukouLocal)),
    ("外地迁入", Some(Field::MovedIn)),
    ("迁入日期", Some(Field::MovedInOn)),
    ("退休后迁入", Some(Field::MovedAfterRetirement)),
    ("居住证", Some(Field::ResidencePermit)),
    ("就业情况", Some(Field::Employment)),
    ("就读阶段", Some(Field::SchoolLevel)),
    ("全日制", Some(Field::SchoolFullTime)),
    ("学校在本地", Some(Field::SchoolLocal)),
    ("养老金领取地", Some(Field::PensionFrom)),
    ("原单位所有制", Some(Field::Ownership)),
    ("原单位状况", Some(Field::EnterpriseCondition)),
    ("困难类别", Some(Field::LowIncome)),
    ("残疾等级", Some(Field::DisabilityGrade)),
    ("被征地农民", Some(Field::LandExpropriated)),
    ("子女有本地城镇户口", Some(Field::ChildrenHaveLocalUrbanHukou)),
    ("月工资", Some(Field::MonthlyWage)),
    ("现参保", Some(Field::Enrolled)),
    ("最近参保年度", Some(Field::LastCoveredYear)),
    ("连续参保年数", Some(Field::ContinuousYears)),
    ("补缴年数", Some(Field::BackPayYears)),
];

const ID_NUMBER: &[&str] = &["身份证号", "身份证号码", "公民身份号码", "idnumber", "id"];
const HOUSEHOLD: &[&str] = &["household", "户号", "户编号", "家庭", "家庭编号"];

/// The column a header names.
pub fn column(header: &str) -> Column {
    let h = header.trim().trim_start_matches('\u{feff}').trim();
    let lower = h.to_lowercase();
    if ID_NUMBER.contains(&lower.as_str()) {
        return Column::IdNumber;
    }
    if HOUSEHOLD.contains(&lower.as_str()) {
        return Column::Household;
    }
    if let Some((_, f)) = CHINESE.iter().find(|(c, _)| *c == h) {
        return Column::Field(*f);
    }
    let path = if lower.starts_with("person.") { h.to_owned() } else { format!("person.{h}") };
    if path.eq_ignore_ascii_case(AGE_PATH) || lower == AGE_KEY {
        return Column::Field(None);
    }
    for f in Field::ALL {
        let label = words::field_words(*f).label;
        if f.path().eq_ignore_ascii_case(&path) || f.key().eq_ignore_ascii_case(h) || label.contains(&h) {
            return Column::Field(Some(*f));
        }
    }
    Column::Other
}

/// The kind of answer a field column takes (the age: a whole number).
pub fn kind(f: Option<Field>) -> Kind {
    f.map_or(Kind::Whole, Field::kind)
}

/// The request path a field column fills.
pub fn path(f: Option<Field>) -> &'static str {
    f.map_or(AGE_PATH, Field::path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_by_path_key_and_chinese() {
        assert_eq!(column("hukou.type"), Column::Field(Some(Field::HukouType)));
        assert_eq!(column("person.hukou.type"), Column::Field(Some(Field::HukouType)));
        assert_eq!(column(" HukouType "), Column::Field(Some(Field::HukouType)));
        assert_eq!(column("户口类型"), Column::Field(Some(Field::HukouType)));
        assert_eq!(column("\u{feff}出生日期"), Column::Field(Some(Field::BirthDate)));
        assert_eq!(column("年龄"), Column::Field(None));
        assert_eq!(column("age"), Column::Field(None));
        assert_eq!(column("身份证号"), Column::IdNumber);
        assert_eq!(column("户号"), Column::Household);
        assert_eq!(column("姓名"), Column::Other);
        // Every field has a Chinese header.
        for f in Field::ALL {
            assert!(CHINESE.iter().any(|(_, c)| *c == Some(*f)), "{f:?}");
        }
    }
}
