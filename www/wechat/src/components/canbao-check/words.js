// What the mini-program says: the web page's words (i18n.js, copied here by
// the build) in Simplified Chinese, and the questions from the engine's list of
// fields (fields.js). The engine's own messages come in the request's language.
import { FIELDS as PAGE_FIELDS, T, t, words } from "./i18n.js";
import { FIELDS as ENGINE_FIELDS } from "./fields.js";

const LANG = "zh-CN";

/** Words only the mini-program uses, kept here so the web page does not carry them. */
const OWN = {
  loading: "正在准备计算程序……",
  retry: "重试",
  through_employer: "由工作单位办理",
  through_school: "由学校统一办理",
  through_home_county: "回户籍所在地办理",
  through_certifier: "由认定您身份的部门办理",
  through_unemployment_agency: "由失业保险经办机构办理",
  thatYear: "那一年",
  yearOf: "{y} 年",
  yearLabel: "{y} 年度",
};
const KIND = { date: "date", whole: "number", amount: "digit", year: "year" };

/**
 * Each question, keyed by form key: its words and how it is answered (radio
 * choices, a date, a number, digits, or a picker of years for the last year
 * insured, "never" first).
 */
export const FIELDS = {};
for (const f of ENGINE_FIELDS) {
  const page = PAGE_FIELDS[f.key];
  const q = { label: words(LANG, page.label) };
  if (f.values.length) q.choices = f.values.map(([value, said]) => [value, said[0]]);
  else q.kind = KIND[f.kind];
  FIELDS[f.key] = q;
}
// A picker of years here, not the page's "insured last year?".
FIELDS.lastCoveredYear.label = words(LANG, PAGE_FIELDS.lastYear.label);
FIELDS.continuousYears.label = words(LANG, PAGE_FIELDS.continuousYears.label, { y: OWN.thatYear });

/** The questions always on the form; the others are asked when the engine names them. */
export const BASICS = ["birthDate", "age", "hukouType", "hukouLocal", "employment"];

/** Every word, for the page's WXML (`{{w.check}}`). */
export const WORDS = { ...Object.fromEntries(Object.keys(T).map((k) => [k, t(LANG, k)])), ...OWN };

/** A word with its {placeholders} filled in. */
export function say(key, vars) {
  return key in OWN ? words(LANG, OWN[key], vars) : t(LANG, key, vars);
}
