// Every word the page shows, in Simplified Chinese (default), Traditional
// Chinese and English. The engine's own messages come in the request's
// language; the questions' words come from the engine's list of fields.
import { FIELDS as ENGINE_FIELDS } from "./fields.js";
import { fill } from "./logic.js";

export const LANGS = [["zh-CN", "简体中文"], ["zh-TW", "繁體中文"], ["en", "English"]];

export const T = {
  title: "医保参保自查|醫保參保自查|Medical insurance self-check",
  intro: "回答几个问题，看看该参加哪种医保、交多少钱、到哪里办。只在本机计算，不上传任何信息。|回答幾個問題，看看該參加哪種醫保、交多少錢、到哪裏辦。只在本機計算，不上傳任何資料。|Answer a few questions: which medical insurance to join, what it costs, where to go. Worked out on this device only; nothing is sent.",
  language: "语言|語言|Language",
  using: "按「{name}」计算 {year} 年度。|按「{name}」計算 {year} 年度。|Worked out with \"{name}\" for coverage year {year}.",
  national: "全国最低标准；您所在地区可能更高。|全國最低標準；您所在地區可能更高。|National minimum standards; your region may charge more.",
  regional: "当地的标准；没有写到的按全国规定。|當地的標準；沒有寫到的按全國規定。|Your region's figures; the rest is national.",
  historic: "历史文件，只适用于 {years} 年度，不是现在的规定。|歷史文件，只適用於 {years} 年度，不是現在的規定。|A historical document for {years} only, not today's rules.",
  change: "换年度，或看历史文件|換年度，或看歷史文件|Change the year, or see a historical document",
  place: "您住在哪里？|您住在哪裏？|Where do you live?",
  province: "省、自治区、直辖市|省、自治區、直轄市|Province or municipality",
  city: "城市|城市|City",
  noPlace: "不选（按全国统一规定）|不選（按全國統一規定）|Not chosen (the national rules)",
  withFigures: "收录了当地标准|收錄了當地標準|With their own figures",
  withoutFigures: "其他（按全国最低标准）|其他（按全國最低標準）|Others (national minimums)",
  otherCity: "{name}其他地方（按全省标准）|{name}其他地方（按全省標準）|Elsewhere in {name} (the province's figures)",
  otherCityNone: "其他城市（按全国最低标准）|其他城市（按全國最低標準）|Another city (national minimums)",
  notHere: "您所在城市的标准还没有收录：下面是全国最低标准。|您所在城市的標準還沒有收錄：下面是全國最低標準。|Your city's own figures are not in this checker yet: these are the national minimums.",
  placeLoading: "正在加载当地标准……|正在載入當地標準……|Loading the place's figures…",
  placeFailed: "没能加载「{name}」的标准（可能没有网络）：暂按全国规定。|沒能載入「{name}」的標準（可能沒有網路）：暫按全國規定。|Could not load {name}'s figures (offline?): the national rules are shown.",
  provisionalYear: "{y} 年度的标准还没有公布，暂按上一年度的显示。|{y} 年度的標準還沒有公佈，暫按上一年度的顯示。|Coverage year {y}'s figures are not published yet: the previous year's are shown.",
  provisionalOption: "标准未公布，暂按上年|標準未公佈，暫按上年|not published: last year's figures",
  nowEnrolling: "现在正在缴费|現在正在繳費|enrolling now",
  unconfirmedSources: "有的数字只见于转载或汇编，未经官方文件核实：以当地医保部门公布的为准。|有的數字只見於轉載或彙編，未經官方文件核實：以當地醫保部門公佈的為準。|Some figures were seen only in reposts or compilations, not in an official text: the local healthcare security bureau's notice decides.",
  region: "按哪里的规定|按哪裏的規定|Whose rules",
  year: "参保年度|參保年度|Coverage year",
  years: "{a}–{b} 年度||{a}–{b}",
  yearsFrom: "{a} 年度起||{a} onwards",
  yearNotes: "{y} 年度（{notes}）|{y} 年度（{notes}）|{y} ({notes})",
  basics: "基本情况|基本情況|About you",
  birthDate: "出生日期||Date of birth",
  y: "年||Year",
  m: "月||Month",
  d: "日||Day",
  orAge: "记不清日期？填年龄|記不清日期？填年齡|Rather give your age?",
  orDate: "改填出生日期||Give the date of birth instead",
  age: "年龄（周岁）|年齡（週歲）|Age (full years)",
  ageIs: "按 {date} 计算：{age} 周岁|按 {date} 計算：{age} 週歲|On {date}: {age} years old",
  incomplete: "请把年、月、日都填上。|請把年、月、日都填上。|Please fill in the year, month and day.",
  yearDigits: "年份请写 4 位数，例如 1991。|年份請寫 4 位數，例如 1991。|Write the year with 4 digits, for example 1991.",
  check: "查看结果|查看結果|See the answer",
  answer: "结果|結果|The answer",
  open: "还差 {n} 个问题，答完就能算出您要交多少|還差 {n} 個問題，答完就能算出您要交多少|Questions left: {n}. Answer them to see what you pay",
  openWait: "还差 {n} 个问题，答完就能算出从哪天开始保障|還差 {n} 個問題，答完就能算出從哪天開始保障|Questions left: {n}. Answer them to see when cover starts",
  fixFirst: "请先改正上面标出的一项。|請先改正上面標出的一項。|Please correct the answer marked above first.",
  mandatory: "必须参加|必須參加|You must join",
  eligible: "可以参加|可以參加|You may join",
  needs_info: "还要看您的回答|還要看您的回答|Depends on your answers",
  ineligible: "不适用|不適用|Not for you",
  addOn: "附加||Add-on",
  pickOne: "任选其一|任選其一|pick one",
  choice: "下面几种任选一种参加：|下面幾種任選一種參加：|Choose one of these:",
  instead: "如果参加「{name}」有困难，可以改参加：|如果參加「{name}」有困難，可以改參加：|If joining \"{name}\" is hard for you, you may join instead:",
  insteadChoice: "如果参加「{name}」有困难，可以在下面任选一种：|如果參加「{name}」有困難，可以在下面任選一種：|If joining \"{name}\" is hard for you, choose one of these instead:",
  noneOpen: "按您的回答，下面这些现在都不能参加：|按您的回答，下面這些現在都不能參加：|From your answers, none of these is open to you now:",
  relief: "另外，遇到困难时可以申请：|另外，遇到困難時可以申請：|Also, if you are in difficulty:",
  otherSchemes: "其他险种（不适用）|其他險種（不適用）|Other schemes (not for you)",
  perYear: "每年||a year",
  perMonth: "每月||a month",
  atLeast: "至少||at least",
  total: "合计|合計|Total",
  individual: "您交|您交|You pay",
  employer: "单位交|單位交|Your employer pays",
  government: "政府替您交|政府替您交|The government pays for you",
  unknown: "未知||unknown",
  yuan: "元||yuan",
  provisional: "暂按最近公布的标准|暫按最近公布的標準|Last published figure",
  estimate: "按全国指导比例估算，以当地为准|按全國指導比例估算，以當地為準|Estimated from the national guideline; your city sets its own",
  subsidy: "此外，政府给医保基金补助每人 {a} 元，不用您交，也不会退给您。|此外，政府給醫保基金補助每人 {a} 元，不用您交，也不會退給您。|Besides, the government pays {a} yuan per person into the fund: not yours to pay, nor paid to you.",
  subsidyAtLeast: "此外，政府给医保基金补助每人至少 {a} 元（全国最低标准），不用您交，也不会退给您。|此外，政府給醫保基金補助每人至少 {a} 元（全國最低標準），不用您交，也不會退給您。|Besides, the government pays at least {a} yuan per person (the national minimum) into the fund: not yours to pay, nor paid to you.",
  next: "怎么办|怎麼辦|What to do",
  where: "到哪里办|到哪裏辦|Where to go",
  bring: "带什么|帶什麼|What to bring",
  deadline: "截止日期||Deadline",
  daysLeft: "还有 {n} 天|還有 {n} 天|{n} days left",
  today: "就是今天||today",
  passed: "已过|已過|passed",
  cover: "什么时候开始保障|什麼時候開始保障|When cover starts",
  coverFrom: "从 {date} 起享受待遇|從 {date} 起享受待遇|Covered from {date}",
  noWait: "没有等待期|沒有等待期|No waiting period",
  wait: "等待期 {n} 个月（固定 {f} + 变动 {v}）|等待期 {n} 個月（固定 {f} + 變動 {v}）|Waiting period {n} months (fixed {f} + variable {v})",
  noCover: "这一年度内无法开始享受待遇|這一年度內無法開始享受待遇|Cover cannot start within this coverage year",
  why: "参保依据|參保依據|Why this scheme",
  feeWhy: "费用依据|費用依據|About the fee",
  waitWhy: "等待期怎么算|等待期怎麼算|How the wait is counted",
  answered: "补充的问题都答完了，结果在下面|補充的問題都答完了，結果在下面|All extra questions answered: the result is below",
  benefits: "待遇||Benefits",
  official: "官方原文||official text",
  reported: "权威报道|權威報道|reported",
  unconfirmed: "未经确认|未經確認|unconfirmed",
  print: "打印结果|列印結果|Print",
  restart: "重新开始|重新開始|Start again",
  household: "家庭||Household",
  addMember: "把这个人加入家庭|把這個人加入家庭|Add this person to the household",
  unsure: "不清楚||Not sure",
  setLocally: "由当地定（见下面）|由當地定（見下面）|set locally (see below)",
  backPayHint: "断保后再参保，要等一段时间才能报销；补缴中间断掉的年份，每补 1 年少等 1 个月（最多补 {n} 年有用），每年按现在的个人缴费标准交。|斷保後再參保，要等一段時間才能報銷；補繳中間斷掉的年份，每補 1 年少等 1 個月（最多補 {n} 年有用），每年按現在的個人繳費標準交。|After a gap you wait before the insurance pays; each year of the gap you pay back shortens the wait by a month (up to {n} years count), each at the current individual fee.",
  backYears: "补 {n} 年|補 {n} 年|{n} years back",
  babyNoDisability: "不满 1 岁的孩子按没有残疾人证计算。|不滿 1 歲的孩子按沒有殘疾人證計算。|A baby under one is taken to have no disability certificate.",
  saveMember: "保存对第 {n} 人的修改|保存對第 {n} 人的修改|Save the changes to person {n}",
  removeMember: "移除||Remove",
  editMember: "修改||Edit",
  member: "第 {n} 位||Person {n}",
  years_old: "（{n} 岁）|（{n} 歲）| (age {n})",
  householdTotal: "家庭合计|家庭合計|Household total",
  notSettled: "合计还算不出来，要先定下：{who}。|合計還算不出來，要先定下：{who}。|The total cannot be worked out until these are settled: {who}.",
  choose: "要在 {list} 之间选一种|要在 {list} 之間選一種|to choose between {list}",
  stillAsk: "还差回答：{list}|還差回答：{list}|answers still needed: {list}",
  split: "注意：这一家人会被分开参保。|注意：這一家人會被分開參保。|Note: this household would be split.",
  no: "否||No",
  unknownRegion: "这里没有「{id}」的规定：下面按「{name}」。|這裏沒有「{id}」的規定：下面按「{name}」。|There are no rules for \"{id}\" here: these are \"{name}\".",
  wrongClock: "您设备的日期（{d}）不对，下面按 {u} 计算：请校准日期。|您裝置的日期（{d}）不對，下面按 {u} 計算：請校準日期。|Your device's date ({d}) is wrong: answers are for {u}. Please set the date.",
  unknownYear: "「{name}」没有 {y} 年度的规定：下面按 {shown} 年度。|「{name}」沒有 {y} 年度的規定：下面按 {shown} 年度。|\"{name}\" has no rules for {y}: these are for {shown}.",
  kioskIdle: "长时间无操作，已清空|長時間無操作，已清空|Cleared after inactivity",
  del: "删除|刪除|Delete",
  clear: "清空||Clear",
  pad: "数字键盘|數字鍵盤|Number pad",
  slip: "医保参保自查结果|醫保參保自查結果|Medical insurance self-check: result",
  printed: "打印日期|列印日期|Printed on",
  rules: "规则版本|規則版本|Rules version",
  given: "您的回答||Your answers",
  slipNote: "按公开文件计算，仅供参考，以当地医保部门为准。|按公開文件計算，僅供參考，以當地醫保部門為準。|From public documents, for reference; your local medical insurance office decides.",
  // The mini-program's own.
  minimum: "这是全国最低标准，当地可能更高|這是全國最低標準，當地可能更高|The national minimum; your region may charge more",
  never: "从来没参加过|從來沒參加過|Never insured",
  pickPrompt: "请选择|請選擇|Choose",
  sep: "：||: ",
  list: "、||, ",
  comma: "，||, ",
  semi: "；||; ",
};

/** The provinces, autonomous regions and municipalities, by the engine's pinyin ids, in the national code's order. */
export const PROVINCES = {
  beijing: "北京市||Beijing", tianjin: "天津市||Tianjin", hebei: "河北省||Hebei", shanxi: "山西省||Shanxi",
  neimenggu: "内蒙古自治区|內蒙古自治區|Inner Mongolia", liaoning: "辽宁省|遼寧省|Liaoning", jilin: "吉林省||Jilin",
  heilongjiang: "黑龙江省|黑龍江省|Heilongjiang", shanghai: "上海市||Shanghai", jiangsu: "江苏省|江蘇省|Jiangsu",
  zhejiang: "浙江省||Zhejiang", anhui: "安徽省||Anhui", fujian: "福建省||Fujian", jiangxi: "江西省||Jiangxi",
  shandong: "山东省|山東省|Shandong", henan: "河南省||Henan", hubei: "湖北省||Hubei", hunan: "湖南省||Hunan",
  guangdong: "广东省|廣東省|Guangdong", guangxi: "广西壮族自治区|廣西壯族自治區|Guangxi", hainan: "海南省||Hainan",
  chongqing: "重庆市|重慶市|Chongqing", sichuan: "四川省||Sichuan", guizhou: "贵州省|貴州省|Guizhou",
  yunnan: "云南省|雲南省|Yunnan", xizang: "西藏自治区|西藏自治區|Xizang (Tibet)", shaanxi: "陕西省|陝西省|Shaanxi",
  gansu: "甘肃省|甘肅省|Gansu", qinghai: "青海省||Qinghai", ningxia: "宁夏回族自治区|寧夏回族自治區|Ningxia",
  xinjiang: "新疆维吾尔自治区|新疆維吾爾自治區|Xinjiang",
};

/** A [zh-CN, zh-TW, en] triple as this file writes words: "简体|繁體|English". */
const joined = (t) => t.join("|");

/**
 * The questions, keyed by form key: each field's question and its values'
 * names from the engine's list (fields.js), with how the page asks it.
 * The page's own: the three answers to "were you insured last year?" (a
 * year, asked as yes / earlier / never) and the follow-up for the year.
 */
export const FIELDS = Object.fromEntries(
  ENGINE_FIELDS.map((f) => [
    f.key,
    {
      label: joined(f.question),
      ...(f.kind === "date" && { date: true }),
      ...(f.kind === "amount" && { amount: true }),
      ...(f.kind === "whole" && !f.values.length && f.key !== "age" && { count: true }),
      ...(f.values.length && { choices: Object.fromEntries(f.values.map(([value, words]) => [value, joined(words)])) }),
    },
  ]),
);
FIELDS.enrolled.choices = { none: FIELDS.enrolled.choices.none }; // the others are the schemes the answer names
FIELDS.lastCoveredYear.choices = { last: "有||Yes", earlier: "没有，以前有过|沒有，以前有過|No, but earlier", never: "从来没参加过|從來沒參加過|Never insured" };
// A newborn's hukou may not be registered yet: one more answer to "is your hukou here?".
FIELDS.hukouLocal.choices.unregistered = "孩子刚出生，户口还没登记|孩子剛出生，戶口還沒登記|A newborn, hukou not registered yet";
FIELDS.lastYear = { label: "最后一次有医保是哪一年？|最後一次有醫保是哪一年？|The last year you were insured" };

/** The questions always asked first (the hukou's type only where it changes the answer: the engine asks for it); the others only when the engine names them. */
export const BASICS = ["birthDate", "hukouLocal", "employment"];

const INDEX = { "zh-CN": 0, "zh-TW": 1, en: 2 };

/**
 * 繁體 and English, by number. The page's build (scripts/build-www.mjs) moves
 * them out of this file and fields.js into a chunk per language, fetched when
 * the language is chosen: most residents read 简体 only, and the page loads 3 KB
 * (gzip) less. A word so split reads "简体|@N". Unbuilt (tests, the kiosk's
 * single file) every word is whole and nothing is fetched.
 */
const MORE = {};
const MORE_LOADERS = {};

/** Fetches `lang`'s words if the build split them off (until then, and offline, 简体 is shown). */
export function wantLang(lang) {
  const load = MORE_LOADERS[lang];
  return !load || MORE[lang] ? Promise.resolve() : load().then((m) => void (MORE[lang] = m.default));
}

/** One of "简体|繁體|English" (繁體 left empty where it is the same as 简体), with {vars} filled in. */
export function words(lang, text, vars = {}) {
  const parts = text.split("|");
  const i = INDEX[lang] ?? 0;
  const word = parts[1]?.[0] === "@" ? i && MORE[lang]?.[parts[1].slice(1)] : parts[i];
  return fill(word || parts[0], vars);
}

/** The page's word `key` in `lang`, with {vars} filled in; the key itself if there is no such word. */
export function t(lang, key, vars) {
  return T[key] ? words(lang, T[key], vars) : key;
}
