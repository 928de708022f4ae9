// Every word the page shows, in Simplified Chinese (default), Traditional
// Chinese and English. The engine's own messages come in the request's language.

export const LANGS = [["zh-CN", "简体中文"], ["zh-TW", "繁體中文"], ["en", "English"]];

const T = {
  title: ["医保参保自查", "醫保參保自查", "Medical insurance self-check"],
  intro: ["回答几个问题，看看您应该参加哪种基本医疗保险、每年交多少钱、谁来交。所有计算都在本机完成，不会上传任何信息。", "回答幾個問題，看看您應該參加哪種基本醫療保險、每年交多少錢、誰來交。所有計算都在本機完成，不會上傳任何信息。", "Answer a few questions to see which basic medical insurance you should join, what it costs and who pays. Everything is worked out on this device; nothing is sent anywhere."],
  language: ["语言", "語言", "Language"],
  region: ["地区", "地區", "Region"],
  year: ["参保年度", "參保年度", "Insurance year"],
  basics: ["基本情况", "基本情況", "About you"],
  more: ["还需回答这几个问题", "還需回答這幾個問題", "A few more questions"],
  birthDate: ["出生日期", "出生日期", "Date of birth"],
  orAge: ["不想填日期？填年龄", "不想填日期？填年齡", "Rather give your age?"],
  age: ["年龄（周岁）", "年齡（週歲）", "Age (full years)"],
  check: ["查看结果", "查看結果", "See the answer"],
  answer: ["结果", "結果", "The answer"],
  mustJoin: ["必须参加", "必須參加", "You must join"],
  mayJoin: ["可以参加", "可以參加", "You may join"],
  needsInfo: ["还需补充信息", "還需補充信息", "More answers needed"],
  notForYou: ["不适用", "不適用", "Not for you"],
  otherSchemes: ["其他险种", "其他險種", "Other schemes"],
  choice: ["您可以在这几种之间选择：", "您可以在這幾種之間選擇：", "You can choose between these:"],
  perYear: ["每年", "每年", "a year"],
  perMonth: ["每月", "每月", "a month"],
  total: ["合计", "合計", "Total"],
  individual: ["个人", "個人", "You"],
  employer: ["单位", "單位", "Employer"],
  government: ["财政", "財政", "Government"],
  unknown: ["未知", "未知", "unknown"],
  yuan: ["元", "元", "yuan"],
  deadline: ["截止日期", "截止日期", "Deadline"],
  daysLeft: ["还有 {n} 天", "還有 {n} 天", "{n} days left"],
  today: ["就是今天", "就是今天", "today"],
  passed: ["已过期", "已過期", "passed"],
  why: ["依据", "依據", "Why"],
  where: ["到哪里办", "到哪裏辦", "Where to go"],
  bring: ["带什么材料", "帶什麼材料", "What to bring"],
  benefits: ["待遇", "待遇", "Benefits"],
  print: ["打印结果", "打印結果", "Print"],
  restart: ["重新开始", "重新開始", "Start again"],
  household: ["家庭", "家庭", "Household"],
  addMember: ["把这个人加入家庭", "把這個人加入家庭", "Add this person to the household"],
  removeMember: ["移除", "移除", "Remove"],
  member: ["成员 {n}", "成員 {n}", "Member {n}"],
  householdTotal: ["家庭合计", "家庭合計", "Household total"],
  householdEmpty: ["查看结果后，可以把这个人加入家庭，再填下一位。", "查看結果後，可以把這個人加入家庭，再填下一位。", "After the answer, add this person to the household, then fill in the next one."],
  split: ["注意：这一家人会被分开参保。", "注意：這一家人會被分開參保。", "Note: this household would be split."],
  yes: ["是", "是", "Yes"],
  no: ["否", "否", "No"],
  notSure: ["不清楚", "不清楚", "Not sure"],
  offline: ["已可离线使用", "已可離線使用", "Works offline now"],
  kioskIdle: ["长时间无操作，已清空", "長時間無操作，已清空", "Cleared after inactivity"],
  ageMinus: ["年龄减一岁", "年齡減一歲", "One year younger"],
  agePlus: ["年龄加一岁", "年齡加一歲", "One year older"],
  source: ["来源", "來源", "Source"],
};

/** A question: its label and, for choices, the answers, in the three languages. */
export const FIELDS = {
  sex: { label: ["性别", "性別", "Sex"], choices: { male: ["男", "男", "Male"], female: ["女", "女", "Female"] } },
  hukouType: { label: ["户籍类型", "戶籍類型", "Household registration (hukou)"], choices: { urban: ["城镇户口", "城鎮戶口", "Urban"], rural: ["农村户口", "農村戶口", "Rural"] } },
  hukouLocal: { label: ["户口在本地吗？", "戶口在本地嗎？", "Is your hukou registered here?"], bool: true },
  movedInOn: { label: ["户口迁入本地的日期", "戶口遷入本地的日期", "When did your hukou move here?"], date: true },
  movedAfterRetirement: { label: ["是退休后才迁来的吗？", "是退休後才遷來的嗎？", "Did it move here after you retired?"], bool: true },
  employment: { label: ["您现在", "您現在", "What do you do?"], choices: { none: ["没有工作", "沒有工作", "Not in work"], employee: ["在单位上班", "在單位上班", "Employed"], public_employee: ["机关事业单位（财政供养）", "機關事業單位（財政供養）", "Public sector (budget-paid)"], flexible: ["灵活就业、个体户", "靈活就業、個體戶", "Self-employed / flexible"], farmer: ["务农", "務農", "Farming"], student: ["在校学生", "在校學生", "Student"], retired: ["已退休", "已退休", "Retired"] } },
  schoolLevel: { label: ["在读阶段", "在讀階段", "School level"], choices: { preschool: ["学前", "學前", "Pre-school"], primary: ["小学", "小學", "Primary"], secondary: ["中学", "中學", "Secondary"], higher: ["大学", "大學", "University"] } },
  schoolFullTime: { label: ["是全日制吗？", "是全日制嗎？", "Full time?"], bool: true },
  schoolLocal: { label: ["学校在本地吗？", "學校在本地嗎？", "Is the school in this region?"], bool: true },
  pensionFrom: { label: ["养老金从哪里领？", "養老金從哪裏領？", "Where is your pension paid from?"], choices: { local: ["本地", "本地", "Here"], elsewhere: ["外地", "外地", "Elsewhere"] } },
  ownership: { label: ["原单位性质", "原單位性質", "Your former employer was"], choices: { state: ["国有", "國有", "State-owned"], collective: ["集体", "集體", "Collective"], private: ["私营", "私營", "Private"], other: ["其他", "其他", "Other"] } },
  condition: { label: ["原单位现在", "原單位現在", "Your former employer is now"], choices: { normal: ["正常经营", "正常經營", "Running normally"], struggling: ["经营困难", "經營困難", "Struggling"], closed: ["已关闭", "已關閉", "Closed"], bankrupt: ["已破产", "已破產", "Bankrupt"], restructured: ["已改制重组", "已改制重組", "Restructured"] } },
  lowIncome: { label: ["家里是低保户或低收入家庭吗？", "家裏是低保戶或低收入家庭嗎？", "Is your household on dibao or low income?"], choices: { none: ["都不是", "都不是", "Neither"], low_income_family: ["低收入家庭", "低收入家庭", "Low-income household"], dibao: ["低保户", "低保戶", "Dibao (minimum living guarantee)"] } },
  disabilityGrade: { label: ["残疾等级（没有可不选）", "殘疾等級（沒有可不選）", "Disability grade (skip if none)"], choices: { 1: ["一级", "一級", "Grade 1"], 2: ["二级", "二級", "Grade 2"], 3: ["三级", "三級", "Grade 3"], 4: ["四级", "四級", "Grade 4"] } },
  landExpropriated: { label: ["是被征地农民吗？", "是被徵地農民嗎？", "Was your farmland expropriated?"], bool: true },
  childrenHaveLocalUrbanHukou: { label: ["子女有本地城镇户口吗？", "子女有本地城鎮戶口嗎？", "Do your children hold a local urban hukou?"], bool: true },
  monthlyWage: { label: ["月工资（元）", "月工資（元）", "Monthly wage (yuan)"], amount: true },
  enrolled: { label: ["现在参加的是", "現在參加的是", "You are now in"], choices: { none: ["还没参加", "還沒參加", "Nothing yet"], urban_resident: ["城镇居民医保", "城鎮居民醫保", "Urban resident scheme"], rural_cooperative: ["新农合", "新農合", "Rural cooperative"], employee: ["职工医保", "職工醫保", "Employee scheme"], urban_rural_resident: ["城乡居民医保", "城鄉居民醫保", "Urban-rural resident scheme"], retiree_inpatient_pool: ["退休人员住院统筹", "退休人員住院統籌", "Retiree inpatient pooling"] } },
};

/** The basic questions, always shown; the others only when the engine needs them. */
export const BASICS = ["hukouType", "hukouLocal", "employment"];

const INDEX = { "zh-CN": 0, "zh-TW": 1, en: 2 };

export function t(lang, key, vars = {}) {
  const entry = T[key];
  let s = entry ? entry[INDEX[lang] ?? 0] : key;
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
}

export function pick(lang, triple) {
  return triple[INDEX[lang] ?? 0];
}
