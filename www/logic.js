// The check page's logic, shared by the web page (www/app.js) and the WeChat
// mini-program (copied into pages/check/ by scripts/build-wechat.mjs): plain ES
// module JS with no DOM, browser or WeChat API, tested in Node
// (tests/wechat/logic.test.mjs, tests/www/logic.test.mjs) with the case files.
//
// A form is flat (what WXML pickers and inputs give: strings, booleans,
// numbers); a request is the engine's nested JSON.
//
//   requestFrom(form)        the engine request; empty answers left out
//   formFrom(request)        the form for a request (prefill; round trip)
//   formKeyOf(path)          "person.hukou.type" or "members[1].hukou.type" -> "hukouType"
//   errorView(error)         { code, field (a form key when it is one), message }
//   view(response)           what to show: open/others (flat) and the answer's
//                            structure: must (with add-ons and "instead" groups),
//                            choices, may, relief, pending, notFor; ask (form keys)
//   householdView(response)  members, whose answers are missing, who is undecided
//   amountOf(text)           "4,000元" -> "4000" (else the text, for the engine to refuse)
//   dateOf(y, m, d)          { date } or { error: "incomplete" | "year" } from three fields
//   chinaToday(ms?)          today in China (UTC+8), YYYY-MM-DD
//   packFor(regions, year)   the id of a pack that serves `year` (the default first)
//   placesIn(places, p)      a province's own pack and its cities' ({ own, cities })
//   packOfPlace(places, p, c)  the pack for a place picked: the city's, the
//                            province's, or null (the national rules)
//   fill(template, vars)     "{n} days" with its {placeholders} filled, in one pass
//   countdown(deadline, today)  { days, word, near } for "还有 37 天" / "就是今天" / "已过"
//   coverWords(card)         the cover line as word keys: wait or none, cover date or none
//   feeNotes(fee)            what a fee's figures are: minimum, estimate, provisional, subsidy
//
// Words are not here: each front end words the keys these return (www/i18n.js).

import { FIELDS } from "./fields.js";

/**
 * Form keys and where each goes in the request's person, from the engine's
 * own list of fields (fields.js, made by `canbao fields`); `kind` converts a
 * form value.
 */
const PERSON = FIELDS.map((f) => ({ key: f.key, path: f.path.split(".").slice(1), kind: f.kind }));

/** The form keys, in the order questions are asked and answers printed. */
export const KEYS = PERSON.map((p) => p.key);

const TOP = ["region", "year", "lang", "payDate"];
const empty = (v) => v === undefined || v === null || v === "";
// An answer given as null (the request's "unknown") survives the round trip.
const unset = (v) => v === undefined || v === "";

/** Full-width digits and punctuation (a Chinese IME's "１９７１．５") as ASCII, spaces gone. */
export const halfWidth = (s) => String(s).replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]/g, "");

/** A whole number as typed ("46", "４６", "46岁", "46 周岁", "46 years"), or the text as it was. */
export function wholeOf(text) {
  const s = halfWidth(text).replace(/^(\d+)(周?岁|週?歲|years?(old)?|yrs?)$/i, "$1");
  return /^\d+$/.test(s) ? s : String(text).trim();
}

/**
 * A date typed whole into the year field ("1971年5月20日", "1971.5.20",
 * "1971-05-20", "1971/5/20", "19710520"): its three parts, or null.
 */
export function datePartsOf(text) {
  const s = halfWidth(text);
  const m = /^(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m && [m[1], m[2], m[3]];
}

function convert(kind, v) {
  if (typeof v !== "string") return v;
  if (kind === "yesNo") return v === "true" ? true : v === "false" ? false : v;
  if (kind === "whole") return /^\d+$/.test(wholeOf(v)) ? Number(wholeOf(v)) : v;
  if (kind === "year") return v === "never" ? null : /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (kind === "amount") return amountOf(v);
  return v.trim();
}

/** The engine request for a form; empty answers ("" or undefined) are left out. */
export function requestFrom(form) {
  const person = {};
  for (const { key, path, kind } of PERSON) {
    if (unset(form[key])) continue;
    let at = person;
    for (const step of path.slice(0, -1)) at = at[step] ??= {};
    at[path[path.length - 1]] = convert(kind, form[key]);
  }
  const request = { person };
  for (const k of TOP) if (!empty(form[k])) request[k] = k === "year" ? convert("whole", form[k]) : form[k];
  return request;
}

/** The form for a request (to prefill the page, and to test the round trip). */
export function formFrom(request) {
  const form = {};
  for (const k of TOP) if (!empty(request[k])) form[k] = request[k];
  for (const { key, path, kind } of PERSON) {
    let at = request.person;
    for (const step of path) at = at == null ? undefined : at[step];
    if (!unset(at)) form[key] = kind === "year" && at === null ? "never" : at;
  }
  return form;
}

/** The form key of a request path (`person.hukou.type`, `members[1].hukou.type` → `hukouType`). */
export function formKeyOf(path) {
  const rest = String(path).replace(/^(person|members\[\d+\])\./, "");
  if (rest === path && TOP.includes(path)) return path;
  const found = PERSON.find((p) => p.path.join(".") === rest);
  return found ? found.key : null;
}

/** An engine error, placed next to its form field. */
export function errorView(error) {
  return { code: error.code, field: formKeyOf(error.field || "") || error.field || "", message: error.message };
}

/** A wage as typed ("4,000元", "４０００", "4000.5 元") as the engine reads it ("4000", "4000.5"). */
export function amountOf(text) {
  const s = halfWidth(text).replace(/人民币|rmb|yuan|[,元¥￥]/gi, "");
  return /^\d+(\.\d{1,2})?$/.test(s) ? s : String(text).trim();
}

/** A date from three fields: { date: "YYYY-MM-DD" }, {} when all are empty, or { error }. */
export function dateOf(y, m, d) {
  const parts = [y, m, d].map((p) => halfWidth(p ?? "").replace(/[年月日]$/, ""));
  if (parts.every((p) => !p)) return {};
  if (parts[0] && !/^\d{4}$/.test(parts[0])) return { error: "year" };
  if (parts.some((p) => !/^\d+$/.test(p))) return { error: "incomplete" };
  return { date: `${parts[0]}-${parts[1].padStart(2, "0")}-${parts[2].padStart(2, "0")}` };
}

/** Today in China (UTC+8), YYYY-MM-DD. */
export function chinaToday(ms = Date.now()) {
  return new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);
}

/** The id of a pack serving `year`, the default pack first; null if none. */
export function packFor(regions, year) {
  const serves = (r) => year >= r.firstYear && (r.lastYear === null || year <= r.lastYear);
  const r = regions.find((x) => x.default && serves(x)) ?? regions.find(serves);
  return r ? r.id : null;
}

/**
 * The packs for `province` among `places` (the places index, or regions()):
 * the province's own (level "province") and its cities'.
 */
export function placesIn(places, province) {
  const here = places.filter((p) => p.province === province);
  return { own: here.find((p) => p.level === "province") ?? null, cities: here.filter((p) => p.level === "city") };
}

/** The pack that answers for a place: the city's, else the province's, else null (the national rules). */
export function packOfPlace(places, province, city) {
  if (!province) return null;
  const { own, cities } = placesIn(places, province);
  return cities.find((c) => c.id === city)?.id ?? own?.id ?? null;
}

const ORDER = { mandatory: 0, eligible: 1, needs_info: 2, ineligible: 3 };
const PAYERS = ["individual", "employer", "government"];

/** A scheme as the page shows it: the engine's, with the fee's payers as bars and room for add-ons. */
function card(s) {
  const f = s.fee;
  return {
    ...s,
    open: s.status === "mandatory" || s.status === "eligible",
    fee: f && {
      ...f,
      // One bar per payer, as a share of the total where both are known.
      parts: PAYERS.map((payer) => ({
        payer,
        amount: f[payer],
        percent: f.total && f[payer] && Number(f.total) > 0 ? Math.round((100 * Number(f[payer])) / Number(f.total)) : null,
      })),
    },
    where: s.enrol ? s.enrol.where : [],
    documents: s.enrol ? s.enrol.documents : [],
    addOns: [],
    instead: null,
  };
}

/**
 * What the page shows for a response. `open` and `others` are every scheme,
 * flat (to join first, then the rest). The structure: `must` (mandatory
 * schemes, each with its `addOns` and, where joining it is hard, `instead`:
 * { choice, cards }), `choices` (groups the person picks one of), `may`
 * (other schemes open to them), `relief` (help in an emergency: a note),
 * `pending` (waiting for answers), `notFor` (ineligible). `ask`: form keys of
 * the answers that would change the result, most decisive first.
 */
export function view(response) {
  const cards = response.schemes
    .map((s, i) => ({ c: card(s), i }))
    .sort((a, b) => ORDER[a.c.status] - ORDER[b.c.status] || a.i - b.i)
    .map(({ c }) => c);
  const by = new Map(cards.map((c) => [c.scheme, c]));
  const placed = new Set();
  const groups = response.alternatives.map((g) => g.map((id) => by.get(id)).filter(Boolean));
  const v = {
    region: response.region,
    regionName: response.regionName,
    year: response.year,
    age: response.age,
    referenceDate: response.referenceDate,
    payDate: response.payDate,
    rules: response.rules,
    warnings: response.warnings,
    open: cards.filter((c) => c.open),
    others: cards.filter((c) => !c.open),
    must: [],
    choices: [],
    may: [],
    relief: [],
    pending: [],
    notFor: [],
    ask: response.missing.map(formKeyOf).filter(Boolean),
  };
  // Add-ons under their scheme, unless the add-on is not for this person.
  for (const c of cards) {
    const base = c.role === "supplement" && c.status !== "ineligible" && by.get(c.addsTo);
    if (base) base.addOns.push(c), placed.add(c.scheme);
  }
  // Schemes open only where a mandatory one is hard to join, under that one.
  for (const c of cards) {
    const base = c.insteadOf && c.status !== "ineligible" && !placed.has(c.scheme) && by.get(c.insteadOf);
    if (!base) continue;
    const group = groups.find((g) => g.includes(c)) ?? [c];
    base.instead = { choice: group.length > 1, cards: group };
    for (const g of group) placed.add(g.scheme);
  }
  for (const g of groups) {
    if (g.some((c) => placed.has(c.scheme))) continue;
    v.choices.push(g);
    for (const c of g) placed.add(c.scheme);
  }
  for (const c of cards) {
    if (placed.has(c.scheme)) continue;
    const list = c.status === "ineligible" ? v.notFor : c.status === "needs_info" ? v.pending : c.role === "relief" ? v.relief : c.status === "mandatory" ? v.must : v.may;
    list.push(c);
  }
  return v;
}

/**
 * A household's answer, member by member: the scheme settled on and its fee,
 * or why it is not settled (a choice, or answers missing: form keys); the
 * totals; the household rules, split only where the engine says so.
 */
export function householdView(response) {
  const members = response.members.map((m, i) => {
    const chosen = response.chosen[i];
    const s = chosen ? m.schemes.find((x) => x.scheme === chosen) : null;
    const ask = response.missing.filter((p) => p.startsWith(`members[${i}].`)).map(formKeyOf).filter(Boolean);
    const choice = m.alternatives.find((g) => g.length > 1);
    return {
      age: m.age,
      scheme: s ? { scheme: s.scheme, name: s.name, fee: s.fee } : null,
      undecided: response.undecided.includes(i),
      choice: choice ? choice.map((id) => m.schemes.find((x) => x.scheme === id)?.name ?? id) : null,
      ask,
    };
  });
  return {
    members,
    // The first member's region, year and rules: the print slip's header.
    head: response.members[0],
    undecided: response.undecided,
    totals: response.totals,
    rules: response.rules,
    split: response.rules.some((r) => r.split),
  };
}

/**
 * A template with each {name} replaced by its value, in one pass: a value put
 * in is never read for placeholders again (as the engine's own `fill`).
 * Unknown names stay as they are.
 */
export function fill(template, vars = {}) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) => (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole));
}

const DAY = 86400000;

/**
 * How long until a deadline, both YYYY-MM-DD: `days` (negative once passed),
 * the word that says it ("daysLeft" with {n}, "today", "passed"), and `near`
 * (within 30 days); null when either date is missing.
 */
export function countdown(deadline, today) {
  const a = Date.parse(`${today}T00:00:00Z`);
  const b = Date.parse(`${deadline}T00:00:00Z`);
  if (!deadline || !today || isNaN(a) || isNaN(b)) return null;
  const days = Math.round((b - a) / DAY);
  const word = days < 0 ? ["passed", {}] : days === 0 ? ["today", {}] : ["daysLeft", { n: days }];
  return { days, word, near: days >= 0 && days <= 30 };
}

/**
 * When cover starts, as word keys with their values: the waiting period
 * ("noWait", or "wait" with {n, f, v}) where it is known, then the day cover
 * starts ("coverFrom" with {date}), or "noCover" when the wait runs past the
 * coverage year. Empty for a scheme that is not for the person.
 */
export function coverWords(c) {
  const w = c.waiting;
  if (c.status === "ineligible" || (!w && !c.coverFrom)) return [];
  const known = w && w.months !== null;
  const out = [];
  if (known) out.push(w.months === 0 ? ["noWait", {}] : ["wait", { n: w.months, f: w.fixedMonths, v: w.variableMonths }]);
  if (c.coverFrom) out.push(["coverFrom", { date: c.coverFrom }]);
  else if (known) out.push(["noCover", {}]);
  return out;
}

/**
 * What a fee's figures are, as word keys with their values: a national
 * minimum ("minimum"), an estimate from guideline rates ("estimate"), the last
 * published figures standing in ("provisional"), and the public subsidy paid
 * into the fund beside it ("subsidy" with {a}).
 */
export function feeNotes(f) {
  if (!f) return [];
  const out = [];
  if (f.minimum) out.push(["minimum", {}]);
  if (f.estimate) out.push(["estimate", {}]);
  if (f.provisional) out.push(["provisional", {}]);
  if (f.publicSubsidy) out.push([f.minimum ? "subsidyAtLeast" : "subsidy", { a: f.publicSubsidy }]);
  return out;
}
