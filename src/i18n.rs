//! The engine's own words in Simplified Chinese, Traditional Chinese and English.
//!
//! Rule texts live in the policy packs next to their clauses; what is here is what
//! no pack says: error messages, field labels, and the few reasons the engine gives
//! by itself (an amount not known, an answer still needed). Each entry is a triple
//! in [`Lang`] order. The Traditional column was converted from the Simplified one
//! with OpenCC-style tables (`zhconv`), then read over.

use crate::request::ErrorCode;
use crate::vocab::{Lang, Scheme};

type Triple = [&'static str; 3];

fn pick(t: &Triple, lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => t[0],
        Lang::ZhTw => t[1],
        Lang::En => t[2],
    }
}

/// Replaces `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// What a field holds, for "the wrong type" messages.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Number,
    YesNo,
    Date,
    Amount,
    Group,
}

const KINDS: [(Kind, Triple); 6] = [
    (Kind::Text, ["文字", "文字", "text"]),
    (Kind::Number, ["整数", "整數", "a whole number"]),
    (
        Kind::YesNo,
        ["是或否（true/false）", "是或否（true/false）", "yes or no (true/false)"],
    ),
    (
        Kind::Date,
        [
            "年-月-日 形式的日期",
            "年-月-日 形式的日期",
            "a date written year-month-day",
        ],
    ),
    (
        Kind::Amount,
        [
            "金额文字，如 \"4000.00\"",
            "金額文字，如 \"4000.00\"",
            "an amount as text, like \"4000.00\"",
        ],
    ),
    (
        Kind::Group,
        ["一组信息（对象）", "一組信息（對象）", "a group of answers (an object)"],
    ),
];

/// Every field of the request: its label for a resident, and what it holds.
const FIELDS: &[(&str, Kind, Triple)] = &[
    ("region", Kind::Text, ["地区", "地區", "region"]),
    ("year", Kind::Number, ["参保年度", "參保年度", "insurance year"]),
    ("lang", Kind::Text, ["语言", "語言", "language"]),
    ("person", Kind::Group, ["个人信息", "個人信息", "personal details"]),
    (
        "person.birthDate",
        Kind::Date,
        ["出生日期", "出生日期", "date of birth"],
    ),
    ("person.age", Kind::Number, ["年龄", "年齡", "age"]),
    ("person.sex", Kind::Text, ["性别", "性別", "sex"]),
    (
        "person.hukou",
        Kind::Group,
        ["户籍", "戶籍", "household registration (hukou)"],
    ),
    (
        "person.hukou.type",
        Kind::Text,
        [
            "户籍类型（城镇或农村）",
            "戶籍類型（城鎮或農村）",
            "hukou type (urban or rural)",
        ],
    ),
    (
        "person.hukou.local",
        Kind::YesNo,
        [
            "户籍是否在本地",
            "戶籍是否在本地",
            "whether the hukou is registered here",
        ],
    ),
    (
        "person.hukou.movedInOn",
        Kind::Date,
        ["户籍迁入本地的日期", "戶籍遷入本地的日期", "date the hukou moved here"],
    ),
    (
        "person.hukou.movedAfterRetirement",
        Kind::YesNo,
        [
            "是否退休后才迁入户籍",
            "是否退休後才遷入戶籍",
            "whether the hukou moved here after retiring",
        ],
    ),
    ("person.employment", Kind::Text, ["就业情况", "就業情況", "employment"]),
    ("person.school", Kind::Group, ["就读学校", "就讀學校", "school"]),
    (
        "person.school.level",
        Kind::Text,
        ["就读阶段", "就讀階段", "school level"],
    ),
    (
        "person.school.fullTime",
        Kind::YesNo,
        ["是否全日制就读", "是否全日制就讀", "whether study is full time"],
    ),
    (
        "person.school.local",
        Kind::YesNo,
        [
            "学校是否在本地",
            "學校是否在本地",
            "whether the school is in this region",
        ],
    ),
    ("person.retirement", Kind::Group, ["退休情况", "退休情況", "retirement"]),
    (
        "person.retirement.pensionFrom",
        Kind::Text,
        ["养老金在哪里领取", "養老金在哪裏領取", "where the pension is paid from"],
    ),
    (
        "person.retirement.enterprise",
        Kind::Group,
        ["原工作单位", "原工作單位", "former employer"],
    ),
    (
        "person.retirement.enterprise.ownership",
        Kind::Text,
        ["原单位所有制", "原單位所有制", "former employer's ownership"],
    ),
    (
        "person.retirement.enterprise.condition",
        Kind::Text,
        ["原单位经营状况", "原單位經營狀況", "former employer's condition"],
    ),
    (
        "person.lowIncome",
        Kind::Text,
        ["低保或低收入家庭情况", "低保或低收入家庭情況", "low-income status"],
    ),
    (
        "person.disabilityGrade",
        Kind::Number,
        ["残疾等级", "殘疾等級", "disability grade"],
    ),
    (
        "person.landExpropriated",
        Kind::YesNo,
        [
            "是否被征地农民",
            "是否被徵地農民",
            "whether your farmland was expropriated",
        ],
    ),
    (
        "person.childrenHaveLocalUrbanHukou",
        Kind::YesNo,
        [
            "子女是否有本地城镇户籍",
            "子女是否有本地城鎮戶籍",
            "whether your children hold a local urban hukou",
        ],
    ),
    ("person.monthlyWage", Kind::Amount, ["月工资", "月工資", "monthly wage"]),
    (
        "person.enrolled",
        Kind::Text,
        ["现在参加的医保", "現在參加的醫保", "the scheme you are in now"],
    ),
];

/// The label of a request field, or the path itself for one we do not know.
/// A household member's field (`members[1].birthDate`) is labelled with the
/// member's number, counted from 1.
pub fn field_label(field: &str, lang: Lang) -> String {
    if let Some((n, rest)) = member_field(field) {
        let label = field_label(&format!("person{rest}"), lang);
        let t: Triple = ["第{n}位成员的{label}", "第{n}位成員的{label}", "member {n}'s {label}"];
        return fill(pick(&t, lang), &[("n", &(n + 1).to_string()), ("label", &label)]);
    }
    match FIELDS.iter().find(|(f, _, _)| *f == field) {
        Some((_, _, t)) => pick(t, lang).to_owned(),
        None => field.to_owned(),
    }
}

/// `members[1].birthDate` → `(1, ".birthDate")`.
fn member_field(field: &str) -> Option<(usize, &str)> {
    let rest = field.strip_prefix("members[")?;
    let (n, rest) = rest.split_once(']')?;
    Some((n.parse().ok()?, rest))
}

fn field_kind(field: &str, lang: Lang) -> &'static str {
    if let Some((_, rest)) = member_field(field) {
        return field_kind(&format!("person{rest}"), lang);
    }
    let kind = FIELDS
        .iter()
        .find(|(f, _, _)| *f == field)
        .map(|(_, k, _)| *k)
        .unwrap_or(Kind::Text);
    KINDS
        .iter()
        .find(|(k, _)| k.eq(&kind))
        .map(|(_, t)| pick(t, lang))
        .unwrap_or_default()
}

fn error_template(code: ErrorCode) -> Triple {
    match code {
        ErrorCode::InvalidJson => ["请求内容不是有效的 JSON，请检查格式。", "請求內容不是有效的 JSON，請檢查格式。", "The request is not valid JSON: check its format."],
        ErrorCode::TooLarge => ["请求内容太大（超过 {detail} 字节）。", "請求內容太大（超過 {detail} 字節）。", "The request is too large (over {detail} bytes)."],
        ErrorCode::InvalidType => ["「{label}」填写得不对：应为{kind}。", "「{label}」填寫得不對：應為{kind}。", "The {label} is the wrong kind of value: it should be {kind}."],
        ErrorCode::UnknownField => ["不认识「{field}」这一项：请删去或检查拼写。", "不認識「{field}」這一項：請刪去或檢查拼寫。", "Unknown item {field}: remove it or check its spelling."],
        ErrorCode::MissingField => ["缺少「{label}」。", "缺少「{label}」。", "The {label} is required."],
        ErrorCode::InvalidDate => ["「{label}」不是有效的日期：请按 年-月-日 填写，例如 1980-06-01。", "「{label}」不是有效的日期：請按 年-月-日 填寫，例如 1980-06-01。", "The {label} is not a valid date: write it as year-month-day, for example 1980-06-01."],
        ErrorCode::InvalidValue => ["「{label}」的值不在可选范围内，可选：{detail}。", "「{label}」的值不在可選範圍內，可選：{detail}。", "The {label} must be one of {detail}."],
        ErrorCode::InvalidAmount => ["「{label}」应为金额，例如 \"4000.00\"（不带正负号，最多两位小数）。", "「{label}」應為金額，例如 \"4000.00\"（不帶正負號，最多兩位小數）。", "The {label} must be an amount like \"4000.00\" (no sign, at most two decimals)."],
        ErrorCode::OutOfRange => ["「{label}」超出范围，应在 {detail} 之间。", "「{label}」超出範圍，應在 {detail} 之間。", "The {label} is out of range: it must be within {detail}."],
        ErrorCode::UnknownRegion => ["没有这个地区的政策，可选：{detail}。", "沒有這個地區的政策，可選：{detail}。", "There is no policy for that region: choose one of {detail}."],
        ErrorCode::YearOutOfRange => ["这一地区的政策适用于 {detail} 年度，请选择其中的年份。", "這一地區的政策適用於 {detail} 年度，請選擇其中的年份。", "This region's policy covers the years {detail}: choose a year within them."],
        ErrorCode::BirthAfterYear => ["出生日期晚于所选的参保年度：请检查出生日期或年度。", "出生日期晚於所選的參保年度：請檢查出生日期或年度。", "The date of birth is after the insurance year: check the date or the year."],
        ErrorCode::AgeConflict => ["年龄与出生日期不符：按出生日期，在政策计算年龄的那天（{detail}）。请只填一项或改正。", "年齡與出生日期不符：按出生日期，在政策計算年齡的那天（{detail}）。請只填一項或改正。", "The age does not match the date of birth: by the date of birth, on the day the policy counts age ({detail}). Give one of them, or correct it."],
        ErrorCode::MovedBeforeBirth => ["户籍迁入日期早于出生日期：请检查这两个日期。", "戶籍遷入日期早於出生日期：請檢查這兩個日期。", "The hukou moved in before the date of birth: check both dates."],
    }
}

/// The message of a request error, in `lang`.
pub fn error_message(code: ErrorCode, field: &str, detail: &str, lang: Lang) -> String {
    let label = field_label(field, lang);
    fill(
        pick(&error_template(code), lang),
        &[
            ("label", &label),
            ("field", field),
            ("detail", detail),
            ("kind", field_kind(field, lang)),
        ],
    )
}

/// `age_conflict` detail: "2015-01-01 应为 34 周岁".
pub fn age_on(day: &str, age: u32, lang: Lang) -> String {
    let t: Triple = ["{day} 应为 {age} 周岁", "{day} 應為 {age} 週歲", "{day} you were {age}"];
    fill(pick(&t, lang), &[("day", day), ("age", &age.to_string())])
}

/// The reasons the engine gives on its own, not from a pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Said {
    /// The status depends on answers not given.
    NeedsInfo,
    /// No rule of the pack applies.
    NoRule,
    /// The pack has no fee for this scheme and year.
    NoFee,
    /// The fee tier depends on answers not given.
    FeeNeedsInfo,
    /// A share is computed on the monthly wage, which was not given.
    WageMissing,
    /// A share is computed on the previous year's local average wage, which the pack lacks.
    AverageWageUnknown,
    /// No year was given: this year in China is used.
    DefaultYear,
    /// The person is enrolled in another scheme that cannot be held with this one.
    NotBoth,
}

impl Said {
    pub fn code(self) -> &'static str {
        match self {
            Said::NeedsInfo => "needs_info",
            Said::NoRule => "no_rule_applies",
            Said::NoFee => "fee_not_in_pack",
            Said::FeeNeedsInfo => "fee_needs_info",
            Said::WageMissing => "monthly_wage_missing",
            Said::AverageWageUnknown => "average_wage_unknown",
            Said::DefaultYear => "default_year",
            Said::NotBoth => "not_both",
        }
    }

    fn template(self) -> Triple {
        match self {
            Said::NeedsInfo => ["还需要知道：{detail}。", "還需要知道：{detail}。", "To decide, we need to know: {detail}."],
            Said::NoRule => ["这一地区的政策中没有适用于您情况的条款。", "這一地區的政策中沒有適用於您情況的條款。", "No clause of this region's policy applies to your situation."],
            Said::NoFee => ["政策文件没有给出这一险种在本地区的缴费标准，金额未知。", "政策文件沒有給出這一險種在本地區的繳費標準，金額未知。", "The policy documents give no fee for this scheme in this region, so the amount is unknown."],
            Said::FeeNeedsInfo => ["缴费标准取决于：{detail}。", "繳費標準取決於：{detail}。", "The fee depends on: {detail}."],
            Said::WageMissing => ["按月工资计算：填写月工资后可算出金额。", "按月工資計算：填寫月工資後可算出金額。", "Computed on the monthly wage: give your monthly wage to see the amount."],
            Said::AverageWageUnknown => ["缴费基数按当地上年度职工平均工资确定，政策包中没有这一数字，金额未知。", "繳費基數按當地上年度職工平均工資確定，政策包中沒有這一數字，金額未知。", "The contribution base is the previous year's local average wage, which the policy pack does not give, so the amount is unknown."],
            Said::DefaultYear => ["未选择参保年度，按中国今年（{detail}）计算。", "未選擇參保年度，按中國今年（{detail}）計算。", "No insurance year was given: using this year in China ({detail})."],
            Said::NotBoth => ["您现在参加的是{detail}：两者不能同时参加，转入前须先停保原险种。", "您現在參加的是{detail}：兩者不能同時參加，轉入前須先停保原險種。", "You are now in the {detail}: the two cannot be held together, so leave it before joining this one."],
        }
    }

    pub fn message(self, detail: &str, lang: Lang) -> String {
        fill(pick(&self.template(), lang), &[("detail", detail)])
    }
}

/// A scheme's standard name; a pack may give a local one (新型农村牧区合作医疗).
pub fn scheme_name(scheme: Scheme, lang: Lang) -> &'static str {
    let t: Triple = match scheme {
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
    pick(&t, lang)
}

/// Joins labels as a list in the language's manner.
pub fn list(items: &[String], lang: Lang) -> String {
    items.join(if lang == Lang::En { ", " } else { "、" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_message_names_its_field_in_each_language() {
        for lang in Lang::ALL {
            let m = error_message(ErrorCode::InvalidDate, "person.birthDate", "", *lang);
            let label = field_label("person.birthDate", *lang);
            assert!(m.contains(&label), "{m}");
            assert!(!m.contains('{'), "unfilled placeholder: {m}");
        }
    }

    #[test]
    fn member_fields_are_labelled_with_the_member_number() {
        assert_eq!(field_label("members[1].birthDate", Lang::ZhCn), "第2位成员的出生日期");
        assert_eq!(
            field_label("members[0].hukou.type", Lang::En),
            "member 1's hukou type (urban or rural)"
        );
        assert_eq!(field_label("members[x]", Lang::En), "members[x]");
    }

    #[test]
    fn no_placeholder_is_left_unfilled() {
        use ErrorCode::*;
        for code in [
            InvalidJson,
            TooLarge,
            InvalidType,
            UnknownField,
            MissingField,
            InvalidDate,
            InvalidValue,
            InvalidAmount,
            OutOfRange,
            UnknownRegion,
            YearOutOfRange,
            BirthAfterYear,
            AgeConflict,
            MovedBeforeBirth,
        ] {
            for lang in Lang::ALL {
                let m = error_message(code, "person.sex", "x", *lang);
                assert!(!m.contains('{') && !m.is_empty(), "{m}");
            }
        }
    }
}
