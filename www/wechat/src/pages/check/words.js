// What the mini-program says, in Simplified Chinese (the engine's own messages
// come in the request's language, zh-CN here). The wording follows the web
// page's (www/i18n.js); the questions cover every answer the engine may name
// in `missing`, keyed by www/logic.js's form keys.

const YN = [["true", "是"], ["false", "否"]];

/** Each question: its label and how it is answered. */
export const FIELDS = {
  birthDate: { label: "出生日期", kind: "date" },
  age: { label: "或者填年龄（周岁）", kind: "number" },
  sex: { label: "性别", choices: [["male", "男"], ["female", "女"]] },
  hukouType: { label: "户口类型", choices: [["urban", "城镇户口"], ["rural", "农村户口"]] },
  hukouLocal: { label: "户口在本地吗？", choices: YN },
  movedIn: { label: "户口是从外地迁到本地的吗？", choices: YN },
  movedInOn: { label: "户口迁到本地的日期", kind: "date" },
  movedAfterRetirement: { label: "是退休以后才迁来的吗？", choices: YN },
  residencePermit: { label: "在现在住的地方办了居住证吗？", choices: YN },
  employment: {
    label: "您现在",
    choices: [
      ["none", "没有工作"],
      ["employee", "在单位上班"],
      ["public_employee", "机关事业单位（财政供养）"],
      ["flexible", "灵活就业、个体户"],
      ["farmer", "务农"],
      ["student", "在校学生"],
      ["retired", "已退休"],
      ["unemployment_benefit", "正在领失业保险金"],
    ],
  },
  schoolLevel: { label: "在读阶段", choices: [["preschool", "学前"], ["primary", "小学"], ["secondary", "中学"], ["higher", "大学"]] },
  schoolFullTime: { label: "是全日制吗？", choices: YN },
  schoolLocal: { label: "学校在本地吗？", choices: YN },
  pensionFrom: { label: "养老金从哪里领？", choices: [["local", "本地"], ["elsewhere", "外地"]] },
  ownership: { label: "原单位性质", choices: [["state", "国有"], ["collective", "集体"], ["private", "私营"], ["other", "其他"]] },
  condition: {
    label: "原单位现在",
    choices: [["normal", "正常经营"], ["struggling", "经营困难"], ["closed", "已关闭"], ["bankrupt", "已破产"], ["restructured", "已改制重组"]],
  },
  lowIncome: {
    label: "您属于下面哪一类吗？",
    choices: [
      ["none", "都不是"],
      ["low_income_family", "低收入家庭（低保边缘）"],
      ["dibao", "低保对象"],
      ["tekun", "特困人员"],
      ["monitored", "防返贫监测对象"],
      ["orphan", "孤儿"],
    ],
  },
  disabilityGrade: { label: "有残疾吗？残疾证上是几级？", choices: [["0", "没有"], ["1", "一级"], ["2", "二级"], ["3", "三级"], ["4", "四级"]] },
  landExpropriated: { label: "是被征地农民吗？", choices: YN },
  childrenHaveLocalUrbanHukou: { label: "子女有本地城镇户口吗？", choices: YN },
  monthlyWage: { label: "月工资（元）", kind: "digit" },
  enrolled: {
    label: "现在参加的是",
    choices: [
      ["none", "还没参加"],
      ["employee", "职工医保"],
      ["urban_rural_resident", "城乡居民医保"],
      ["urban_resident", "城镇居民医保"],
      ["rural_cooperative", "新农合"],
    ],
  },
  lastCoveredYear: { label: "最后一次有医保（任何一种基本医保都算）是哪一年？", kind: "year" },
  continuousYears: { label: "到那一年为止，连续参保了几年？", kind: "number" },
  backPayYears: { label: "断保的年份，这次补缴几年？", kind: "number" },
};

/** The questions always on the form; the others are asked when the engine names them. */
export const BASICS = ["birthDate", "age", "hukouType", "hukouLocal", "employment"];

export const WORDS = {
  loading: "正在准备计算程序……",
  retry: "重试",
  check: "查询",
  open: "还差 {n} 个问题，答完就能算出您该参加哪种、交多少钱",
  fixFirst: "请先改正上面标出的一项。",
  mandatory: "必须参加",
  eligible: "可以参加",
  needs_info: "还要看您的回答",
  ineligible: "不适用",
  choice: "下面几种任选一种参加：",
  instead: "如果参加「{name}」有困难，可以改参加：",
  insteadChoice: "如果参加「{name}」有困难，可以在下面任选一种：",
  addOn: "附加",
  noneOpen: "按您的回答，下面这些现在都不能参加：",
  relief: "另外，遇到困难时可以申请：",
  notFor: "其他险种（不适用）",
  perYear: "每年",
  perMonth: "每月",
  atLeast: "至少",
  unknown: "未知",
  individual: "个人",
  employer: "单位",
  government: "财政",
  provisional: "暂按最近公布的标准",
  estimate: "按全国指导比例估算，以当地为准",
  minimum: "这是全国最低标准，当地可能更高",
  subsidy: "财政另外补助每人 {a} 元，直接进医保基金，不用您交。",
  next: "怎么办",
  through_employer: "由工作单位办理",
  through_school: "由学校统一办理",
  through_home_county: "回户籍所在地办理",
  through_certifier: "由认定您身份的部门办理",
  through_unemployment_agency: "由失业保险经办机构办理",
  where: "到哪里办",
  bring: "带什么",
  deadline: "截止日期",
  daysLeft: "还有 {n} 天",
  today: "就是今天",
  passed: "已过",
  coverFrom: "从 {date} 起享受待遇",
  noWait: "没有等待期",
  wait: "等待期 {n} 个月",
  noCover: "这一年度内无法开始享受待遇",
  using: "按「{name}」计算 {year} 年度",
  ageIs: "按 {date} 计算：{age} 周岁",
  rules: "规则版本",
  note: "本结果由本机按公开文件计算，仅供参考，以当地医保经办机构的答复为准。",
  never: "从来没参加过",
  yearOf: "{y} 年",
  choose: "请选择",
  enrolling: "{y} 年度（现在正在缴费）",
  yearLabel: "{y} 年度",
  region: "按哪里的规定",
  year: "参保年度",
  basics: "基本情况",
};

/** A word with its {placeholders} filled in. */
export function say(key, vars) {
  let s = WORDS[key] === undefined ? key : WORDS[key];
  if (vars) {
    Object.keys(vars).forEach(function (k) {
      s = s.split(`{${k}}`).join(String(vars[k]));
    });
  }
  return s;
}
