//! The engine's own words in Simplified Chinese, Traditional Chinese and English.
//!
//! Rule texts live in the policy packs next to their clauses; what is here is what
//! no pack says: error messages, field labels, and the reasons the engine gives by
//! itself (an answer still needed, the waiting period counted). Each entry is a
//! triple in [`Lang`] order. The Traditional column was converted from the
//! Simplified one with zhconv (`zh-hant`), then read over.
//!
//! Templates are filled in one pass ([`fill`]): a value put in is never read for
//! placeholders again, so a field name that contains `{label}` stays as it is.

use std::borrow::Cow;

use crate::model::error::{Detail, ErrorCode, RequestError};
use crate::model::field::Field;
use crate::model::text::Lang;
use crate::model::vocab::{Strength, Through};
use crate::rules::decision::{EngineReason, WaitingReason};

/// Words in Simplified Chinese, Traditional Chinese and English, in [`Lang`] order.
type Triple = [&'static str; 3];

/// The words of a triple in `lang`.
pub fn in_lang(t: &Triple, lang: Lang) -> &'static str {
    t.get(lang.index()).copied().unwrap_or_default()
}

/// Replaces each `{name}` of `template` with its value, in one pass.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], &after[close + 1..])) {
            Some((name, tail)) if args.iter().any(|(n, _)| *n == name) => {
                let value = args.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| *v);
                out.push_str(value);
                rest = tail;
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Joins labels as a list in the language's manner.
pub fn list(items: &[Cow<str>], lang: Lang) -> String {
    items.join(if lang == Lang::En { ", " } else { "、" })
}

// ---------------------------------------------------------------------------
// Fields.

/// A request field's words: its label, a noun phrase errors and lists use
/// ("The {label} is required"), and the question a form asks for it. `{y}`
/// in a question stands for the year it asks about.
pub struct FieldWords {
    pub label: Triple,
    pub question: Triple,
}

const fn words(label: Triple, question: Triple) -> FieldWords {
    FieldWords { label, question }
}

/// Every field's words: no wildcard, so a new field does not build until it
/// has them.
pub fn field_words(f: Field) -> FieldWords {
    match f {
        Field::BirthDate => words(
            ["出生日期", "出生日期", "date of birth"],
            ["出生日期", "出生日期", "Date of birth"],
        ),
        Field::Sex => words(["性别", "性別", "sex"], ["性别", "性別", "Sex"]),
        Field::HukouRegistered => words(
            [
                "户口是否已经登记",
                "戶口是否已經登記",
                "hukou registered yet (yes or no)",
            ],
            [
                "孩子的户口登记了吗？",
                "孩子的戶口登記了嗎？",
                "Is the baby's hukou registered yet?",
            ],
        ),
        Field::HukouType => words(
            [
                "户籍类型（城镇或农村）",
                "戶籍類型（城鎮或農村）",
                "hukou type (urban or rural)",
            ],
            ["户口类型", "戶口類型", "Household registration (hukou)"],
        ),
        Field::HukouLocal => words(
            ["户籍是否在本地", "戶籍是否在本地", "hukou registered here (yes or no)"],
            ["户口在本地吗？", "戶口在本地嗎？", "Is your hukou registered here?"],
        ),
        Field::MovedIn => words(
            [
                "户籍是否从外地迁入",
                "戶籍是否從外地遷入",
                "hukou moved here from elsewhere (yes or no)",
            ],
            [
                "户口是从外地迁到本地的吗？",
                "戶口是從外地遷到本地的嗎？",
                "Did your hukou move here from elsewhere?",
            ],
        ),
        Field::MovedInOn => words(
            ["户籍迁入本地的日期", "戶籍遷入本地的日期", "date the hukou moved here"],
            [
                "户口迁到本地的日期",
                "戶口遷到本地的日期",
                "When did your hukou move here?",
            ],
        ),
        Field::MovedAfterRetirement => words(
            [
                "是否退休后才迁入户籍",
                "是否退休後才遷入戶籍",
                "hukou moved here after retiring (yes or no)",
            ],
            [
                "是退休以后才迁来的吗？",
                "是退休以後才遷來的嗎？",
                "Did it move here after you retired?",
            ],
        ),
        Field::ResidencePermit => words(
            [
                "是否持有本地居住证",
                "是否持有本地居住證",
                "residence permit here (yes or no)",
            ],
            [
                "在现在住的地方办了居住证吗？",
                "在現在住的地方辦了居住證嗎？",
                "Do you hold a residence permit where you live?",
            ],
        ),
        Field::Employment => words(
            ["就业情况", "就業情況", "work"],
            ["您现在", "您現在", "What do you do?"],
        ),
        Field::SchoolLevel => words(
            ["就读阶段", "就讀階段", "school level"],
            ["在读阶段", "在讀階段", "School level"],
        ),
        Field::SchoolFullTime => words(
            ["是否全日制就读", "是否全日制就讀", "full-time study (yes or no)"],
            ["是全日制吗？", "是全日制嗎？", "Full time?"],
        ),
        Field::SchoolLocal => words(
            ["学校是否在本地", "學校是否在本地", "school in this region (yes or no)"],
            ["学校在本地吗？", "學校在本地嗎？", "Is the school in this region?"],
        ),
        Field::PensionFrom => words(
            ["养老金在哪里领取", "養老金在哪裏領取", "where the pension is paid from"],
            [
                "养老金从哪里领？",
                "養老金從哪裏領？",
                "Where is your pension paid from?",
            ],
        ),
        Field::Ownership => words(
            ["原单位所有制", "原單位所有制", "former employer's ownership"],
            ["原单位性质", "原單位性質", "Your former employer was"],
        ),
        Field::EnterpriseCondition => words(
            ["原单位经营状况", "原單位經營狀況", "former employer's condition"],
            ["原单位现在", "原單位現在", "Your former employer is now"],
        ),
        Field::LowIncome => words(
            [
                "是否属于特困、低保、低保边缘或防返贫监测对象",
                "是否屬於特困、低保、低保邊緣或防返貧監測對象",
                "low-income status (tekun, dibao, low income, monitored)",
            ],
            [
                "您属于下面哪一类吗？",
                "您屬於下面哪一類嗎？",
                "Do you get help as one of these?",
            ],
        ),
        Field::DisabilityGrade => words(
            ["残疾等级", "殘疾等級", "disability grade"],
            [
                "有残疾吗？残疾证上是几级？",
                "有殘疾嗎？殘疾證上是幾級？",
                "Any disability? Which grade on the certificate?",
            ],
        ),
        Field::LandExpropriated => words(
            ["是否被征地农民", "是否被徵地農民", "farmland expropriated (yes or no)"],
            [
                "是被征地农民吗？",
                "是被徵地農民嗎？",
                "Was your farmland expropriated?",
            ],
        ),
        Field::ChildrenHaveLocalUrbanHukou => words(
            [
                "子女是否有本地城镇户籍",
                "子女是否有本地城鎮戶籍",
                "children with a local urban hukou (yes or no)",
            ],
            [
                "子女有本地城镇户口吗？",
                "子女有本地城鎮戶口嗎？",
                "Do your children hold a local urban hukou?",
            ],
        ),
        Field::MonthlyWage => words(
            ["月工资", "月工資", "monthly wage"],
            ["月工资（元）", "月工資（元）", "Monthly wage (yuan)"],
        ),
        Field::Enrolled => words(
            ["现在参加的医保", "現在參加的醫保", "scheme you are in now"],
            [
                "现在参加了哪种医保？",
                "現在參加了哪種醫保？",
                "Which scheme are you in now?",
            ],
        ),
        Field::LastCoveredYear => words(
            ["最近一次参保的年度", "最近一次參保的年度", "last year you were insured"],
            [
                "{y} 年您有医保吗？（任何一种基本医保都算）",
                "{y} 年您有醫保嗎？（任何一種基本醫保都算）",
                "Were you insured in {y}? (any basic scheme)",
            ],
        ),
        Field::ContinuousYears => words(
            ["连续参保年数", "連續參保年數", "years insured without a gap"],
            [
                "到 {y} 年为止，连续参保了几年？",
                "到 {y} 年為止，連續參保了幾年？",
                "Years insured without a gap up to {y}",
            ],
        ),
        Field::BackPayYears => words(
            ["补缴的断保年数", "補繳的斷保年數", "missed years you pay back"],
            [
                "断保的年份，这次补缴几年？",
                "斷保的年份，這次補繳幾年？",
                "Missed years you will pay back now",
            ],
        ),
    }
}

const YES: Triple = ["是", "是", "Yes"];
const NO: Triple = ["否", "否", "No"];

/// The name of one of a field's values, as a form offers it; `None` for a
/// value the field does not take (see `Field::values`).
pub fn value_words(f: Field, value: &str) -> Option<Triple> {
    let t: Triple = match (f, value) {
        (_, "true") if f.kind() == crate::model::field::Kind::YesNo => YES,
        (_, "false") if f.kind() == crate::model::field::Kind::YesNo => NO,
        (Field::Sex, "male") => ["男", "男", "Male"],
        (Field::Sex, "female") => ["女", "女", "Female"],
        (Field::HukouType, "urban") => ["城镇户口", "城鎮戶口", "Urban"],
        (Field::HukouType, "rural") => ["农村户口", "農村戶口", "Rural"],
        (Field::Employment, "none") => ["没有工作", "沒有工作", "Not in work"],
        (Field::Employment, "employee") => ["在单位上班", "在單位上班", "Employed"],
        (Field::Employment, "public_employee") => [
            "机关事业单位（财政供养）",
            "機關事業單位（財政供養）",
            "Public sector (budget-paid)",
        ],
        (Field::Employment, "flexible") => ["灵活就业、个体户", "靈活就業、個體戶", "Self-employed / flexible"],
        (Field::Employment, "farmer") => ["务农", "務農", "Farming"],
        (Field::Employment, "student") => ["在校学生", "在校學生", "Student"],
        (Field::Employment, "retired") => ["已退休", "已退休", "Retired"],
        (Field::Employment, "unemployment_benefit") => {
            ["正在领失业保险金", "正在領失業保險金", "On unemployment benefit"]
        }
        (Field::SchoolLevel, "preschool") => ["学前", "學前", "Pre-school"],
        (Field::SchoolLevel, "primary") => ["小学", "小學", "Primary"],
        (Field::SchoolLevel, "secondary") => ["中学", "中學", "Secondary"],
        (Field::SchoolLevel, "higher") => ["大学", "大學", "University"],
        (Field::PensionFrom, "local") => ["本地", "本地", "Here"],
        (Field::PensionFrom, "elsewhere") => ["外地", "外地", "Elsewhere"],
        (Field::Ownership, "state") => ["国有", "國有", "State-owned"],
        (Field::Ownership, "collective") => ["集体", "集體", "Collective"],
        (Field::Ownership, "private") => ["私营", "私營", "Private"],
        (Field::Ownership, "other") => ["其他", "其他", "Other"],
        (Field::EnterpriseCondition, "normal") => ["正常经营", "正常經營", "Running normally"],
        (Field::EnterpriseCondition, "struggling") => ["经营困难", "經營困難", "Struggling"],
        (Field::EnterpriseCondition, "closed") => ["已关闭", "已關閉", "Closed"],
        (Field::EnterpriseCondition, "bankrupt") => ["已破产", "已破產", "Bankrupt"],
        (Field::EnterpriseCondition, "restructured") => ["已改制重组", "已改制重組", "Restructured"],
        (Field::LowIncome, "none") => ["都不是", "都不是", "None of these"],
        (Field::LowIncome, "low_income_family") => [
            "低收入家庭（低保边缘）",
            "低收入家庭（低保邊緣）",
            "Low-income household (just above dibao)",
        ],
        (Field::LowIncome, "dibao") => ["低保对象", "低保對象", "Dibao (minimum living allowance)"],
        (Field::LowIncome, "tekun") => ["特困人员", "特困人員", "Extreme poverty (tekun)"],
        (Field::LowIncome, "monitored") => [
            "防返贫监测对象",
            "防返貧監測對象",
            "Monitored against falling back into poverty",
        ],
        (Field::LowIncome, "orphan") => ["孤儿", "孤兒", "Orphan"],
        (Field::DisabilityGrade, "0") => ["没有", "沒有", "None"],
        (Field::DisabilityGrade, "1") => ["一级", "一級", "Grade 1"],
        (Field::DisabilityGrade, "2") => ["二级", "二級", "Grade 2"],
        (Field::DisabilityGrade, "3") => ["三级", "三級", "Grade 3"],
        (Field::DisabilityGrade, "4") => ["四级", "四級", "Grade 4"],
        (Field::Enrolled, "none") => ["还没参加", "還沒參加", "Nothing yet"],
        (Field::Enrolled, "employee") => ["职工医保", "職工醫保", "Employee scheme"],
        (Field::Enrolled, "large_expense_supplement") => {
            ["大额医疗费用补助", "大額醫療費用補助", "Large-expense supplement"]
        }
        (Field::Enrolled, "retiree_inpatient_pool") => {
            ["退休人员住院统筹", "退休人員住院統籌", "Retirees' inpatient pooling"]
        }
        (Field::Enrolled, "urban_resident") => ["城镇居民医保", "城鎮居民醫保", "Urban resident scheme"],
        (Field::Enrolled, "rural_cooperative") => ["新农合", "新農合", "Rural cooperative scheme"],
        (Field::Enrolled, "urban_rural_resident") => {
            ["城乡居民医保", "城鄉居民醫保", "Urban and rural resident scheme"]
        }
        (Field::Enrolled, "medical_assistance") => ["医疗救助", "醫療救助", "Medical assistance"],
        _ => return None,
    };
    Some(t)
}

/// What a request path holds, for "the wrong type" messages.
#[derive(Clone, Copy, PartialEq)]
enum Holds {
    Text,
    Number,
    YesNo,
    Date,
    Amount,
    Group,
    List,
}

fn holds_words(holds: Holds) -> Triple {
    match holds {
        Holds::Text => ["文字", "文字", "text"],
        Holds::Number => ["整数", "整數", "a whole number"],
        Holds::YesNo => ["是或否（true/false）", "是或否（true/false）", "yes or no (true/false)"],
        Holds::Date => [
            "年-月-日 形式的日期",
            "年-月-日 形式的日期",
            "a date written year-month-day",
        ],
        Holds::Amount => [
            "金额文字，如 \"4000.00\"",
            "金額文字，如 \"4000.00\"",
            "an amount as text, like \"4000.00\"",
        ],
        Holds::Group => ["一组信息（对象）", "一組信息（對象）", "a group of answers (an object)"],
        Holds::List => ["一串信息（列表）", "一串信息（列表）", "a list"],
    }
}

/// What a field's answer is, on the wire.
fn field_holds(f: Field) -> Holds {
    use crate::model::field::Kind;
    match f.kind() {
        Kind::Date => Holds::Date,
        Kind::Choice => Holds::Text,
        Kind::YesNo => Holds::YesNo,
        Kind::Whole | Kind::Year => Holds::Number,
        Kind::Amount => Holds::Amount,
    }
}

/// The request's other paths (its envelope, the groups, the stated age):
/// labels and what they hold.
const OTHER_PATHS: &[(&str, Holds, Triple)] = &[
    ("", Holds::Group, ["请求内容", "請求內容", "request"]),
    ("region", Holds::Text, ["地区", "地區", "region"]),
    ("year", Holds::Number, ["参保年度", "參保年度", "coverage year"]),
    ("lang", Holds::Text, ["语言", "語言", "language"]),
    ("payDate", Holds::Date, ["缴费日期", "繳費日期", "date of paying"]),
    ("today", Holds::Date, ["今天的日期", "今天的日期", "today's date"]),
    ("members", Holds::List, ["家庭成员", "家庭成員", "household members"]),
    ("person", Holds::Group, ["个人信息", "個人信息", "personal details"]),
    (crate::model::field::AGE_PATH, Holds::Number, ["年龄", "年齡", "age"]),
    (
        "person.hukou",
        Holds::Group,
        ["户籍", "戶籍", "household registration (hukou)"],
    ),
    ("person.school", Holds::Group, ["就读学校", "就讀學校", "school"]),
    (
        "person.retirement",
        Holds::Group,
        ["退休情况", "退休情況", "retirement"],
    ),
    (
        "person.retirement.enterprise",
        Holds::Group,
        ["原工作单位", "原工作單位", "former employer"],
    ),
    (
        "person.history",
        Holds::Group,
        ["参保记录", "參保記錄", "insurance history"],
    ),
];

/// The question a form asks for the stated age (no field of the rules').
pub const AGE_QUESTION: Triple = ["年龄（周岁）", "年齡（週歲）", "Age (full years)"];

/// The label of a request field, or the path itself for one we do not know.
/// A household member's field (`members[1].birthDate`) is labelled with the
/// member's number, counted from 1.
pub fn field_label(field: &str, lang: Lang) -> Cow<'static, str> {
    if let Some((n, rest)) = member_field(field) {
        let label = field_label(&format!("person{rest}"), lang);
        let t: Triple = ["第{n}位成员的{label}", "第{n}位成員的{label}", "member {n}'s {label}"];
        return Cow::Owned(fill(
            in_lang(&t, lang),
            &[("n", &(n + 1).to_string()), ("label", &label)],
        ));
    }
    if let Some(f) = Field::at(field) {
        return Cow::Borrowed(in_lang(&field_words(f).label, lang));
    }
    match OTHER_PATHS.iter().find(|(p, _, _)| *p == field) {
        Some((_, _, t)) => Cow::Borrowed(in_lang(t, lang)),
        None => Cow::Owned(field.to_owned()),
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
        if rest.is_empty() {
            return in_lang(&holds_words(Holds::Group), lang);
        }
        return field_kind(&format!("person{rest}"), lang);
    }
    let holds = match Field::at(field) {
        Some(f) => field_holds(f),
        None => OTHER_PATHS
            .iter()
            .find(|(p, _, _)| *p == field)
            .map_or(Holds::Text, |(_, h, _)| *h),
    };
    in_lang(&holds_words(holds), lang)
}

/// A field as forms ask it: its path and form key, the kind of answer, its
/// label and question in the three languages, and its values' names.
#[derive(serde::Serialize)]
pub struct FieldEntry {
    pub path: &'static str,
    pub key: &'static str,
    pub kind: &'static str,
    pub label: Triple,
    pub question: Triple,
    pub values: Vec<(&'static str, Triple)>,
}

/// Every field a form may ask, the stated age beside the birth date: what the
/// page, the mini-program and the roster build their questions and columns from.
pub fn field_list() -> Vec<FieldEntry> {
    let age = FieldEntry {
        path: crate::model::field::AGE_PATH,
        key: crate::model::field::AGE_KEY,
        kind: crate::model::field::Kind::Whole.as_str(),
        label: ["年龄", "年齡", "age"],
        question: AGE_QUESTION,
        values: Vec::new(),
    };
    let fields = Field::ALL.iter().map(|f| {
        let w = field_words(*f);
        FieldEntry {
            path: f.path(),
            key: f.key(),
            kind: f.kind().as_str(),
            label: w.label,
            question: w.question,
            values: f
                .values()
                .iter()
                .filter_map(|v| value_words(*f, v).map(|t| (*v, t)))
                .collect(),
        }
    });
    let mut list: Vec<FieldEntry> = fields.collect();
    list.insert(1.min(list.len()), age);
    list
}

/// The labels of fields, joined.
pub fn labels(fields: &[Field], lang: Lang) -> String {
    let labels: Vec<Cow<str>> = fields.iter().map(|f| field_label(f.path(), lang)).collect();
    list(&labels, lang)
}

// ---------------------------------------------------------------------------
// Errors.

fn error_template(code: ErrorCode) -> Triple {
    match code {
        ErrorCode::InvalidJson => ["请求内容不是有效的 JSON，请检查格式。", "請求內容不是有效的 JSON，請檢查格式。", "The request is not valid JSON: check its format."],
        ErrorCode::TooLarge => ["「{label}」太大（超过 {detail} 字节）。", "「{label}」太大（超過 {detail} 字節）。", "The {label} is too large (over {detail} bytes)."],
        ErrorCode::InvalidType => ["「{label}」填写得不对：应为{kind}。", "「{label}」填寫得不對：應為{kind}。", "The {label} is the wrong kind of value: it should be {kind}."],
        ErrorCode::UnknownField => ["不认识「{field}」这一项：请删去或检查拼写。", "不認識「{field}」這一項：請刪去或檢查拼寫。", "Unknown item {field}: remove it or check its spelling."],
        ErrorCode::MissingField => ["缺少「{label}」。", "缺少「{label}」。", "The {label} is required."],
        ErrorCode::InvalidDate => ["「{label}」不是有效的日期：请按 年-月-日 填写，例如 1980-06-01。", "「{label}」不是有效的日期：請按 年-月-日 填寫，例如 1980-06-01。", "The {label} is not a valid date: write it as year-month-day, for example 1980-06-01."],
        ErrorCode::InvalidValue => ["「{label}」的值不在可选范围内，可选：{detail}。", "「{label}」的值不在可選範圍內，可選：{detail}。", "The {label} must be one of {detail}."],
        ErrorCode::InvalidAmount => ["「{label}」应为金额，只写数字，例如 4000 或 4000.50。", "「{label}」應為金額，只寫數字，例如 4000 或 4000.50。", "The {label} must be an amount in digits, like 4000 or 4000.50."],
        ErrorCode::OutOfRange => ["「{label}」超出范围，应在 {detail} 之间。", "「{label}」超出範圍，應在 {detail} 之間。", "The {label} is out of range: it must be within {detail}."],
        ErrorCode::UnknownRegion => ["没有这个地区的政策，可选：{detail}。", "沒有這個地區的政策，可選：{detail}。", "There is no policy for that region: choose one of {detail}."],
        ErrorCode::YearOutOfRange => ["这一地区的政策只适用于 {detail}", "這一地區的政策只適用於 {detail}", "This region's policy covers {detail}"],
        ErrorCode::BirthAfterYear => ["出生日期晚于所选的参保年度：请检查出生日期或年度。", "出生日期晚於所選的參保年度：請檢查出生日期或年度。", "The date of birth is after the coverage year: check the date or the year."],
        ErrorCode::AgeConflict => ["年龄与出生日期不符：按出生日期，{detail}。请只填一项或改正。", "年齡與出生日期不符：按出生日期，{detail}。請只填一項或改正。", "The age does not match the date of birth: by the date of birth, {detail}. Give one of them, or correct it."],
        ErrorCode::MovedBeforeBirth => ["户籍迁入日期早于出生日期：请检查这两个日期。", "戶籍遷入日期早於出生日期：請檢查這兩個日期。", "The hukou moved in before the date of birth: check both dates."],
        ErrorCode::Implausible => ["「{label}」与「{detail}」不可能同时成立：请检查这两项。", "「{label}」與「{detail}」不可能同時成立：請檢查這兩項。", "The {label} and the {detail} cannot both be right: check them."],
        ErrorCode::Conflict => ["「{label}」与「{detail}」相互矛盾：请只填一项或改正。", "「{label}」與「{detail}」相互矛盾：請只填一項或改正。", "The {label} contradicts the {detail}: give one of them, or correct it."],
    }
}

/// "1 month", "4 months": English counts its months.
fn months_en(n: u32) -> String {
    if n == 1 {
        "1 month".to_owned()
    } else {
        format!("{n} months")
    }
}

/// The values an error quotes, worded.
fn detail(d: &Detail, lang: Lang) -> String {
    let comma = if lang == Lang::En { ", " } else { "、" };
    match d {
        Detail::None => String::new(),
        Detail::Allowed(names) => {
            let quoted: Vec<String> = names.iter().take(20).map(|n| format!("\"{n}\"")).collect();
            quoted.join(comma)
        }
        Detail::Range(a, b) => format!("{a}–{b}"),
        Detail::Dates(a, b) => match (a, b) {
            (Some(a), Some(b)) => format!("{a}–{b}"),
            (a, b) => a.or(*b).map(|d| d.to_string()).unwrap_or_default(),
        },
        Detail::Bytes(n) => n.to_string(),
        Detail::Years {
            first,
            last,
            year,
            instead,
        } => {
            let years: Triple = match last {
                Some(_) => [
                    "{first}–{last} 年度。",
                    "{first}–{last} 年度。",
                    "the coverage years {first} to {last} only.",
                ],
                None => [
                    "{first} 年度及以后。",
                    "{first} 年度及以後。",
                    "the coverage years from {first} only.",
                ],
            };
            let then: Triple = match instead {
                Some(_) => [
                    "{year} 年度请选择「{name}」。",
                    "{year} 年度請選擇「{name}」。",
                    " For {year}, choose \"{name}\".",
                ],
                None => [
                    "请选择其中的年份。",
                    "請選擇其中的年份。",
                    " Choose a year within them.",
                ],
            };
            let last = last.map(|l| l.to_string()).unwrap_or_default();
            let name = instead.as_ref().map_or("", |n| n.get(lang));
            let args = [
                ("first", first.to_string()),
                ("last", last),
                ("year", year.to_string()),
                ("name", name.to_owned()),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            format!(
                "{}{}",
                fill(in_lang(&years, lang), &args),
                fill(in_lang(&then, lang), &args)
            )
        }
        Detail::AgeOn { day, age } => {
            let t: Triple = [
                "在政策计算年龄的那天（{day}）应为 {age} 周岁",
                "在政策計算年齡的那天（{day}）應為 {age} 週歲",
                "on the day the policy counts age ({day}) you were {age}",
            ];
            fill(
                in_lang(&t, lang),
                &[("day", &day.to_string()), ("age", &age.to_string())],
            )
        }
        Detail::With(field) => field_label(field, lang).into_owned(),
    }
}

impl RequestError {
    /// The message for a resident, in the request's language.
    pub fn message(&self) -> String {
        error_message(self)
    }
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at {}: {}", self.code.as_str(), self.field, self.message())
    }
}

impl std::error::Error for RequestError {}

/// The message of a request error, in its language.
fn error_message(e: &RequestError) -> String {
    let lang = e.lang;
    let label = field_label(&e.field, lang);
    // A date range with no first day (no date of birth given): only its end.
    let template = match (&e.code, &e.detail) {
        (ErrorCode::OutOfRange, Detail::Dates(None, Some(_))) => [
            "「{label}」超出范围，应不晚于 {detail}。",
            "「{label}」超出範圍，應不晚於 {detail}。",
            "The {label} is out of range: it must be no later than {detail}.",
        ],
        _ => error_template(e.code),
    };
    fill(
        in_lang(&template, lang),
        &[
            ("label", &label),
            ("field", &e.field),
            ("detail", &detail(&e.detail, lang)),
            ("kind", field_kind(&e.field, lang)),
        ],
    )
}

// ---------------------------------------------------------------------------
// The engine's own reasons.

impl<'p> EngineReason<'p> {
    /// The reason's stable code.
    pub fn code(&self) -> &'static str {
        match self {
            EngineReason::NeedsInfo(_) => "needs_info",
            EngineReason::NoRule => "no_rule_applies",
            EngineReason::NoFee => "fee_not_in_pack",
            EngineReason::FeeNeedsInfo(_) => "fee_needs_info",
            EngineReason::WageMissing => "monthly_wage_missing",
            EngineReason::AverageWageUnknown => "average_wage_unknown",
            EngineReason::DefaultYear { .. } => "default_year",
            EngineReason::NotBoth(_) => "not_both",
            EngineReason::Through(t) => match t {
                Through::Employer => "through_employer",
                Through::School => "through_school",
                Through::HomeCounty => "through_home_county",
                Through::Certifier => "through_certifier",
                Through::UnemploymentAgency => "through_unemployment_agency",
            },
            EngineReason::PlacesSilent => "places_not_in_documents",
            EngineReason::DocumentsSilent => "documents_not_in_documents",
            EngineReason::DeadlinePassed { .. } => "deadline_passed",
            EngineReason::LateSilent { .. } => "late_not_in_documents",
            EngineReason::YearOver { .. } => "year_over",
            EngineReason::NotOpenYet { .. } => "collection_not_open",
            EngineReason::AmountNotInSource(_) => "amount_not_in_source",
            EngineReason::SubsidySetElsewhere(_) => "subsidy_set_elsewhere",
            EngineReason::DeadlineUncertain { .. } => "deadline_not_one_day",
            EngineReason::NewbornDeadline { .. } => "newborn_deadline",
            EngineReason::NewbornBirthYear { .. } => "newborn_birth_year",
            EngineReason::Incentive { .. } => "incentive_raise",
            EngineReason::BackPayCost { .. } => "back_pay_cost",
            EngineReason::Waiting(w) => match w {
                WaitingReason::Continuous { .. } => "waiting_none_continuous",
                WaitingReason::AlreadyCovered { .. } => "already_covered",
                WaitingReason::Newborn { .. } => "waiting_none_newborn",
                WaitingReason::Fixed { .. } => "waiting_fixed",
                WaitingReason::Variable { .. } => "waiting_variable",
                WaitingReason::BackPay { .. } => "waiting_back_pay",
                WaitingReason::Floor { .. } => "waiting_floor",
                WaitingReason::CountingUnsettled => "waiting_counting_unsettled",
                WaitingReason::AfterYearStart { .. } => "waiting_none_after_year_start",
                WaitingReason::AfterYearStartLocal => "cover_after_year_start_local",
                WaitingReason::WindowDependsOnPlace { .. } => "waiting_depends_on_place",
                WaitingReason::NewbornLate { .. } => "waiting_none_newborn_late",
                WaitingReason::NewbornLateLocal { .. } => "newborn_late_local",
                WaitingReason::NeverInsured => "waiting_first_enrolment",
                WaitingReason::CoverFrom { .. } => "cover_from",
                WaitingReason::AfterYearEnd { .. } => "waiting_past_year_end",
                WaitingReason::HistoryNeeded => "waiting_needs_history",
                WaitingReason::BirthDateNeeded { .. } => "waiting_needs_birth_date",
            },
        }
    }

    /// How sure the engine's own words are, where they go beyond a source:
    /// `None` where they only restate one (or say what is missing).
    pub fn strength(&self) -> Option<Strength> {
        match self {
            EngineReason::Waiting(WaitingReason::CountingUnsettled | WaitingReason::NeverInsured) => {
                Some(Strength::Unconfirmed)
            }
            _ => None,
        }
    }

    /// The reason in `lang`.
    pub fn message(&self, lang: Lang) -> Cow<'p, str> {
        let (t, args): (Triple, Vec<(&str, String)>) = match self {
            EngineReason::NeedsInfo(f) => (["还需要知道：{fields}。", "還需要知道：{fields}。", "To decide, we need to know: {fields}."], vec![("fields", labels(f, lang))]),
            EngineReason::NoRule => (["这一地区的政策中没有适用于您情况的条款。", "這一地區的政策中沒有適用於您情況的條款。", "No clause of this region's policy applies to your situation."], vec![]),
            EngineReason::NoFee => (["政策文件没有给出这一险种在本地区的缴费标准，金额未知。", "政策文件沒有給出這一險種在本地區的繳費標準，金額未知。", "The policy documents give no fee for this scheme in this region, so the amount is unknown."], vec![]),
            EngineReason::FeeNeedsInfo(f) => (["缴多少或由谁缴取决于：{fields}。", "繳多少或由誰繳取決於：{fields}。", "How much, or who pays it, depends on: {fields}."], vec![("fields", labels(f, lang))]),
            EngineReason::WageMissing => (["按月工资计算：填写月工资后可算出金额。", "按月工資計算：填寫月工資後可算出金額。", "Computed on the monthly wage: give your monthly wage to see the amount."], vec![]),
            EngineReason::AverageWageUnknown => (["缴费基数按当地上年度职工平均工资确定，政策包中没有这一数字，金额未知。", "繳費基數按當地上年度職工平均工資確定，政策包中沒有這一數字，金額未知。", "The contribution base is the previous year's local average wage, which the policy pack does not give, so the amount is unknown."], vec![]),
            EngineReason::DefaultYear { year, collecting: true } => (["未选择参保年度：现在正在为 {year} 年度集中参保缴费，按 {year} 年度计算。", "未選擇參保年度：現在正在為 {year} 年度集中參保繳費，按 {year} 年度計算。", "No coverage year was given: enrolment is now open for {year}, so this is for {year}."], vec![("year", year.to_string())]),
            EngineReason::DefaultYear { year, collecting: false } => (["未选择参保年度，按今年（{year}）计算。", "未選擇參保年度，按今年（{year}）計算。", "No coverage year was given: this is for this year ({year})."], vec![("year", year.to_string())]),
            EngineReason::NotBoth(name) => (["您现在参加的是{name}：两者不能同时参加，转入前须先停保原险种。", "您現在參加的是{name}：兩者不能同時參加，轉入前須先停保原險種。", "You are now in the {name}: the two cannot be held together, so leave it before joining this one."], vec![("name", name.get(lang).to_owned())]),
            EngineReason::Through(Through::Employer) => (["由用人单位为您办理参保缴费，您不用自己去办。", "由用人單位為您辦理參保繳費，您不用自己去辦。", "Your employer enrols you and pays; you do not enrol yourself."], vec![]),
            EngineReason::Through(Through::School) => (["由所在学校统一组织办理参保缴费。", "由所在學校統一組織辦理參保繳費。", "Your school enrols its pupils together."], vec![]),
            EngineReason::Through(Through::HomeCounty) => (["到户籍所在地办理，不在本地区办理。", "到戶籍所在地辦理，不在本地區辦理。", "Enrol where your hukou is registered, not in this region."], vec![]),
            EngineReason::Through(Through::Certifier) => (["由认定您身份的部门统一办理（见办理地点）。", "由認定您身份的部門統一辦理（見辦理地點）。", "The office that certifies your status enrols you (see where to go)."], vec![]),
            EngineReason::Through(Through::UnemploymentAgency) => (["由失业保险经办机构为您办理，从失业保险基金中缴费，您个人不缴费。", "由失業保險經辦機構為您辦理，從失業保險基金中繳費，您個人不繳費。", "The unemployment insurance agency enrols you and pays from the unemployment fund; you pay nothing."], vec![]),
            EngineReason::PlacesSilent => (["政策文件没有写明到哪里办理。", "政策文件沒有寫明到哪裏辦理。", "The policy documents do not say where to enrol."], vec![]),
            EngineReason::DocumentsSilent => (["政策文件没有写明需要带什么材料。", "政策文件沒有寫明需要帶什麼材料。", "The policy documents do not say what to bring."], vec![]),
            EngineReason::DeadlinePassed { deadline } => (["缴费截止日期（{date}）已经过了。", "繳費截止日期（{date}）已經過了。", "The deadline ({date}) has passed."], vec![("date", deadline.to_string())]),
            EngineReason::LateSilent { .. } => (["政策文件没有说截止日期过后还能不能参保、怎样参保：请到办理地点询问。", "政策文件沒有說截止日期過後還能不能參保、怎樣參保：請到辦理地點詢問。", "The documents do not say whether or how you can still enrol after the deadline: ask where you would enrol."], vec![]),
            EngineReason::YearOver { year } => (["{year} 年度已经结束，不能再为这一年度参保缴费。", "{year} 年度已經結束，不能再為這一年度參保繳費。", "The {year} coverage year is over: you can no longer enrol for it."], vec![("year", year.to_string())]),
            EngineReason::NotOpenYet { opens } => (["这一年度的集中参保缴费从 {date} 开始。", "這一年度的集中參保繳費從 {date} 開始。", "Enrolment for this year opens on {date}."], vec![("date", opens.to_string())]),
            EngineReason::DeadlineUncertain { closes, latest } => (["缴费截止日期不是一个确定的日子：有的说 {closes}，有的到 {latest}（各地不同，或各方说法不一）。请以当地医保部门公布的为准。", "繳費截止日期不是一個確定的日子：有的說 {closes}，有的到 {latest}（各地不同，或各方說法不一）。請以當地醫保部門公佈的為準。", "The deadline is not one day: some say {closes}, some {latest} (it differs by place, or the sources disagree). Your local medical insurance office's notice decides."], vec![("closes", closes.to_string()), ("latest", latest.to_string())]),
            EngineReason::NewbornDeadline { days, deadline } => (["新生儿在出生后 {days} 天内（{date} 以前）参保缴费的，从出生之日起享受待遇。", "新生兒在出生後 {days} 天內（{date} 以前）參保繳費的，從出生之日起享受待遇。", "A newborn enrolled and paid for within {days} days of birth (by {date}) is covered from birth."], vec![("days", days.to_string()), ("date", deadline.to_string())]),
            EngineReason::NewbornBirthYear { year, next } => (["孩子是 {year} 年出生的：先为孩子缴纳 {year} 年度的费用（出生后规定的天数内缴费，从出生之日起享受待遇）；之后在集中缴费期为 {next} 年度缴费。", "孩子是 {year} 年出生的：先為孩子繳納 {year} 年度的費用（出生後規定的天數內繳費，從出生之日起享受待遇）；之後在集中繳費期為 {next} 年度繳費。", "The baby was born in {year}: first pay the {year} fee (within the days after birth the rules allow, covered from birth); then pay for {next} in its collection period."], vec![("year", year.to_string()), ("next", next.to_string())]),
            EngineReason::Incentive { years, raise, step, cap, minimum } => {
                let at_least: Triple = if *minimum { ["至少", "至少", "at least "] } else { ["", "", ""] };
                let capped: Triple = if cap.is_some() { ["，累计最多提高 {cap} 元", "，累計最多提高 {cap} 元", ", {cap} yuan at most in all"] } else { ["", "", ""] };
                let cap_words = fill(in_lang(&capped, lang), &[("cap", &cap.map(|c| c.to_string()).unwrap_or_default())]);
                (["按连续参保 {years} 年计算，大病保险最高支付限额可提高{least} {raise} 元（连续参保满规定年数后，每多 1 年提高{least} {step} 元{cap}）。", "按連續參保 {years} 年計算，大病保險最高支付限額可提高{least} {raise} 元（連續參保滿規定年數後，每多 1 年提高{least} {step} 元{cap}）。", "With {years} years insured without a gap, the serious-illness insurance ceiling rises by {least}{raise} yuan ({least}{step} yuan for each year after the first years{cap})."], vec![("years", years.to_string()), ("raise", raise.to_string()), ("step", step.to_string()), ("least", in_lang(&at_least, lang).to_owned()), ("cap", cap_words)])
            }
            EngineReason::BackPayCost { years: Some(years), each, total } => (["补缴 {years} 年，按现行个人缴费标准每年 {each} 元，共 {total} 元。", "補繳 {years} 年，按現行個人繳費標準每年 {each} 元，共 {total} 元。", "Paying back {years} years at the current individual fee of {each} yuan a year: {total} yuan in all."], vec![("years", years.to_string()), ("each", each.to_string()), ("total", total.map(|t| t.to_string()).unwrap_or_default())]),
            EngineReason::BackPayCost { years: None, each, .. } => (["补缴断保的年份，每年按现行个人缴费标准 {each} 元计算。", "補繳斷保的年份，每年按現行個人繳費標準 {each} 元計算。", "Each missed year paid back costs the current individual fee, {each} yuan."], vec![("each", each.to_string())]),
            EngineReason::AmountNotInSource(why) | EngineReason::SubsidySetElsewhere(why) => {
                return Cow::Borrowed(why.get(lang));
            }
            EngineReason::Waiting(w) => return Cow::Owned(waiting_message(w, lang)),
        };
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Cow::Owned(fill(in_lang(&t, lang), &args))
    }
}

fn waiting_message(w: &WaitingReason, lang: Lang) -> String {
    let (t, args): (Triple, Vec<(&str, String)>) = match *w {
        WaitingReason::Continuous { from } => (["您上一年度已参保，在集中缴费期内缴费：从 {date} 起享受待遇，没有等待期。", "您上一年度已參保，在集中繳費期內繳費：從 {date} 起享受待遇，沒有等待期。", "You were insured last year and pay within the collection window: covered from {date}, no waiting period."], vec![("date", from.to_string())]),
        WaitingReason::AlreadyCovered { year } => (["您已参加 {year} 年度的医保。", "您已參加 {year} 年度的醫保。", "You are already insured for {year}."], vec![("year", year.to_string())]),
        WaitingReason::Newborn { days, from } => (["新生儿在出生后 {days} 天内由监护人办理参保缴费（缴纳出生当年的费用），从出生之日起享受待遇，没有等待期：从 {date} 起。", "新生兒在出生後 {days} 天內由監護人辦理參保繳費（繳納出生當年的費用），從出生之日起享受待遇，沒有等待期：從 {date} 起。", "A newborn enrolled by a guardian within {days} days of birth (paying the birth year's fee) is covered from birth, with no waiting period: from {date}."], vec![("days", days.to_string()), ("date", from.to_string())]),
        WaitingReason::Fixed { months, late, gap } => {
            let why: Triple = match (late, gap) {
                (true, Some(g)) if g > 0 => ["未在集中缴费期内缴费，且此前断保 {gap} 年", "未在集中繳費期內繳費，且此前斷保 {gap} 年", "you pay after the collection window and had a gap of {gap} years"],
                (true, None) => ["未在集中缴费期内缴费，且此前没有参过保", "未在集中繳費期內繳費，且此前沒有參過保", "you pay after the collection window and have never been insured"],
                (true, _) => ["未在集中缴费期内缴费", "未在集中繳費期內繳費", "you pay after the collection window"],
                (false, None) => ["此前没有参过保", "此前沒有參過保", "you have never been insured"],
                (false, _) => ["此前断保 {gap} 年", "此前斷保 {gap} 年", "you had a gap of {gap} years"],
            };
            let gap = gap.unwrap_or(0).to_string();
            let why = fill(in_lang(&why, lang), &[("gap", &gap)]);
            (["{why}：缴费后有 {months} 个月的固定待遇等待期。", "{why}：繳費後有 {months} 個月的固定待遇等待期。", "Because {why}, there is a fixed waiting period of {months_en} after paying."], vec![("why", why), ("months", months.to_string()), ("months_en", months_en(months))])
        }
        WaitingReason::Variable { gap, months } => (["断保 {gap} 年：第一年之后每多断保 1 年，增加变动待遇等待期，共 {months} 个月。", "斷保 {gap} 年：第一年之後每多斷保 1 年，增加變動待遇等待期，共 {months} 個月。", "A gap of {gap} years: each year of gap after the first adds to a variable waiting period, {months_en} in all."], vec![("gap", gap.to_string()), ("months", months.to_string()), ("months_en", months_en(months))]),
        WaitingReason::BackPay { assumed: true, .. } => (["这里按不补缴计算。每补缴 1 年断保期的费用（按当地现行个人缴费标准），可以减少 1 个月变动等待期；固定等待期不变。", "這裏按不補繳計算。每補繳 1 年斷保期的費用（按當地現行個人繳費標準），可以減少 1 個月變動等待期；固定等待期不變。", "Counted without paying back. Each missed year you pay back (at the current local individual rate) removes one month of the variable wait; the fixed wait stays."], vec![]),
        WaitingReason::BackPay { years, months_removed, assumed: false } => (["补缴 {years} 年断保期的费用，减少 {months} 个月变动等待期；固定等待期不变。", "補繳 {years} 年斷保期的費用，減少 {months} 個月變動等待期；固定等待期不變。", "Paying back {years} missed years removes {months_en} of the variable wait; the fixed wait stays."], vec![("years", years.to_string()), ("months", months_removed.to_string()), ("months_en", months_en(months_removed))]),
        WaitingReason::Floor { gap, months } => (["连续断保 {gap} 年：补缴之后，固定和变动等待期合计仍不少于 {months} 个月。", "連續斷保 {gap} 年：補繳之後，固定和變動等待期合計仍不少於 {months} 個月。", "After a gap of {gap} years, the fixed and variable waits together stay at least {months_en} even after paying back."], vec![("gap", gap.to_string()), ("months", months.to_string()), ("months_en", months_en(months))]),
        WaitingReason::AfterYearStart { from } => (["在集中缴费期内缴费（1月1日以后）：没有等待期，从 {date} 起享受待遇。", "在集中繳費期內繳費（1月1日以後）：沒有等待期，從 {date} 起享受待遇。", "Paid within the collection period, after 1 January: no waiting period, covered from {date}."], vec![("date", from.to_string())]),
        WaitingReason::AfterYearStartLocal => (["在集中缴费期内、1月1日以后缴费的，从哪天开始享受待遇由当地规定，这里没有当地的规定：请向当地医保部门确认。", "在集中繳費期內、1月1日以後繳費的，從哪天開始享受待遇由當地規定，這裏沒有當地的規定：請向當地醫保部門確認。", "Paid within the collection period but after 1 January: the day cover starts is set locally, and the local rule is not here. Ask your local medical insurance office."], vec![]),
        WaitingReason::WindowDependsOnPlace { closes, latest, months } => (["集中缴费期在各地结束的日子不同：有的地方 {closes} 已经结束，有的要到 {latest}。当地缴费期还没结束的，没有等待期；已经结束的，缴费后要等 {months} 个月。选择您所在的地方可以算出来。", "集中繳費期在各地結束的日子不同：有的地方 {closes} 已經結束，有的要到 {latest}。當地繳費期還沒結束的，沒有等待期；已經結束的，繳費後要等 {months} 個月。選擇您所在的地方可以算出來。", "The collection period ends on different days in different places: some closed on {closes}, some run to {latest}. Where yours has not closed, there is no waiting period; where it has, the wait after paying is {months_en}. Choose your place to see which."], vec![("closes", closes.to_string()), ("latest", latest.to_string()), ("months", months.to_string()), ("months_en", months_en(months))]),
        WaitingReason::NewbornLate { from } => (["孩子出生已超过新生儿参保期限、但未满 1 周岁：按当地规定不设等待期，从 {date} 起享受待遇。", "孩子出生已超過新生兒參保期限、但未滿 1 週歲：按當地規定不設等待期，從 {date} 起享受待遇。", "The baby is past the newborn period but under one: by the local rule there is no waiting period, and cover starts on {date}."], vec![("date", from.to_string())]),
        WaitingReason::NewbornLateLocal { days } => (["孩子出生已超过 {days} 天：全国文件规定新生儿等特殊群体不设等待期，超过 {days} 天以后怎么算由当地规定，这里没有当地的规定：请向当地医保部门确认。", "孩子出生已超過 {days} 天：全國文件規定新生兒等特殊群體不設等待期，超過 {days} 天以後怎麼算由當地規定，這裏沒有當地的規定：請向當地醫保部門確認。", "The baby was born more than {days} days ago: the national rules exempt newborns from the waiting period, and after {days} days the local rule decides; it is not here. Ask your local medical insurance office."], vec![("days", days.to_string())]),
        WaitingReason::CountingUnsettled => (["“每多断保1年”从第几年算起，全国还没有统一的说法；这里按青岛的例子计算（2025、2026年断保，在2027年度集中缴费期缴费：等待 3+1=4 个月），当地可能不同。", "「每多斷保1年」從第幾年算起，全國還沒有統一的說法；這裏按青島的例子計算（2025、2026年斷保，在2027年度集中繳費期繳費：等待 3+1=4 個月），當地可能不同。", "How the gap years are counted is not settled nationally; this follows Qingdao's example (no cover in 2025 and 2026, paid in the 2027 window: 3 + 1 = 4 months). Your region may count differently."], vec![]),
        WaitingReason::NeverInsured => (["全国文件按断保年数增加变动等待期，首次参保这里不计变动等待期；当地可能另有规定。", "全國文件按斷保年數增加變動等待期，首次參保這裏不計變動等待期；當地可能另有規定。", "The national rules add variable months for years of gap; for a first enrolment none are counted here. Your region may count differently."], vec![]),
        WaitingReason::CoverFrom { from, months } => (["等待期共 {months} 个月：从 {date} 起享受待遇。断保期间和等待期内发生的医疗费用，医保不予报销。", "等待期共 {months} 個月：從 {date} 起享受待遇。斷保期間和等待期內發生的醫療費用，醫保不予報銷。", "A waiting period of {months_en}: covered from {date}. Medical costs during a gap or a waiting period are not reimbursed."], vec![("months", months.to_string()), ("months_en", months_en(months)), ("date", from.to_string())]),
        WaitingReason::AfterYearEnd { from, months } => (["等待期共 {months} 个月，要到 {date} 才结束，已经超出这一参保年度：这一年度参保缴费将不能享受待遇，请考虑为下一年度参保。", "等待期共 {months} 個月，要到 {date} 才結束，已經超出這一參保年度：這一年度參保繳費將不能享受待遇，請考慮為下一年度參保。", "A waiting period of {months_en} would end on {date}, after this coverage year: paying for this year would bring no cover, so consider enrolling for next year."], vec![("months", months.to_string()), ("months_en", months_en(months)), ("date", from.to_string())]),
        WaitingReason::HistoryNeeded => (["要算出等待期和开始享受待遇的日期，需要知道您最近一次参保是哪一年。", "要算出等待期和開始享受待遇的日期，需要知道您最近一次參保是哪一年。", "To count the waiting period and the day cover starts, we need the last year you were insured."], vec![]),
        WaitingReason::BirthDateNeeded { days } => (["新生儿在出生后 {days} 天内参保的，从出生之日起享受待遇：需要出生日期才能判断。", "新生兒在出生後 {days} 天內參保的，從出生之日起享受待遇：需要出生日期才能判斷。", "Newborns enrolled within {days} days of birth are covered from birth: the date of birth decides it."], vec![("days", days.to_string())]),
    };
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(in_lang(&t, lang), &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_is_one_pass() {
        assert_eq!(fill("a {x} b {y}", &[("x", "{y}"), ("y", "2")]), "a {y} b 2");
        assert_eq!(fill("{unknown} {", &[("x", "1")]), "{unknown} {");
    }

    #[test]
    fn every_error_message_names_its_field_in_each_language() {
        for lang in Lang::ALL {
            let e = RequestError::new(ErrorCode::InvalidDate, "person.birthDate", *lang);
            let label = field_label("person.birthDate", *lang);
            assert!(e.message().contains(label.as_ref()), "{}", e.message());
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
        for code in ErrorCode::ALL {
            for lang in Lang::ALL {
                let e = RequestError::new(*code, "person.sex", *lang).with(Detail::Range(1, 2));
                let m = e.message();
                assert!(!m.contains('{') && !m.is_empty(), "{m}");
            }
        }
    }

    #[test]
    fn the_root_and_members_have_labels_and_kinds() {
        let e = RequestError::new(ErrorCode::InvalidType, "", Lang::ZhCn);
        assert_eq!(e.message(), "「请求内容」填写得不对：应为一组信息（对象）。");
        let e = RequestError::new(ErrorCode::InvalidType, "members", Lang::ZhCn);
        assert!(e.message().contains("列表"), "{}", e.message());
        let e = RequestError::new(ErrorCode::TooLarge, "", Lang::En).with(Detail::Bytes(65536));
        assert!(e.message().contains("65536"), "{}", e.message());
    }

    #[test]
    fn every_value_of_every_field_has_words() {
        for f in Field::ALL {
            for v in f.values() {
                assert!(value_words(*f, v).is_some(), "{} {v}", f.path());
            }
        }
        assert_eq!(field_list().len(), Field::ALL.len() + 1);
        let mut offered = Field::Employment.values().to_vec();
        offered.sort_unstable();
        let mut all = crate::model::vocab::Employment::NAMES.to_vec();
        all.sort_unstable();
        assert_eq!(offered, all, "a form offers every kind of work");
    }

    #[test]
    fn every_field_has_a_label() {
        use crate::model::field::Field;
        for f in Field::ALL {
            assert_ne!(field_label(f.path(), Lang::ZhCn), f.path(), "{}", f.path());
        }
    }

    #[test]
    fn a_range_with_no_first_day_says_only_its_last() {
        let last = chrono::NaiveDate::from_ymd_opt(2027, 1, 1);
        let e = RequestError::new(ErrorCode::OutOfRange, "person.hukou.movedInOn", Lang::ZhCn)
            .with(Detail::Dates(None, last));
        assert_eq!(e.message(), "「户籍迁入本地的日期」超出范围，应不晚于 2027-01-01。");
    }

    #[test]
    fn english_counts_its_months_and_labels_speak_to_residents() {
        assert_eq!((months_en(1).as_str(), months_en(4).as_str()), ("1 month", "4 months"));
        for f in crate::model::field::Field::ALL {
            for lang in Lang::ALL {
                let label = field_label(f.path(), *lang);
                assert!(
                    !label.contains("null") && !label.contains("填 0") && !label.contains("0 for"),
                    "{label}"
                );
            }
        }
    }

    #[test]
    fn english_labels_read_after_the() {
        // Every English error says "The {label} …": a label is a noun phrase.
        for f in crate::model::field::Field::ALL {
            let label = field_label(f.path(), Lang::En);
            assert!(!label.starts_with("whether") && !label.starts_with("the "), "{label}");
        }
        let e = RequestError::new(ErrorCode::InvalidValue, "person.lowIncome", Lang::En)
            .with(Detail::Allowed(vec!["none".into()]));
        assert_eq!(
            e.message(),
            "The low-income status (tekun, dibao, low income, monitored) must be one of \"none\"."
        );
    }
}
