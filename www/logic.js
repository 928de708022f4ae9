// The check page's logic, shared by the web page (www/app.js) and the WeChat
// mini-program (copied into pages/check/ by scripts/build-wechat.mjs): plain JS
// with no browser or WeChat API, unit-tested in Node (tests/wechat/logic.test.mjs)
// with the same case files as the engine.
//
// A form is flat (what WXML pickers and inputs give: strings and booleans);
// a request is the engine's nested JSON. `requestFrom` and `formFrom` convert
// both ways; `view` turns a response into what the page shows.

/** Form keys and where each goes in the request's person. */
const PERSON = [
  ["birthDate", ["birthDate"]],
  ["age", ["age"], Number],
  ["sex", ["sex"]],
  ["hukouType", ["hukou", "type"]],
  ["hukouLocal", ["hukou", "local"]],
  ["movedInOn", ["hukou", "movedInOn"]],
  ["movedAfterRetirement", ["hukou", "movedAfterRetirement"]],
  ["employment", ["employment"]],
  ["schoolLevel", ["school", "level"]],
  ["schoolFullTime", ["school", "fullTime"]],
  ["schoolLocal", ["school", "local"]],
  ["pensionFrom", ["retirement", "pensionFrom"]],
  ["ownership", ["retirement", "enterprise", "ownership"]],
  ["condition", ["retirement", "enterprise", "condition"]],
  ["lowIncome", ["lowIncome"]],
  ["disabilityGrade", ["disabilityGrade"], Number],
  ["landExpropriated", ["landExpropriated"]],
  ["childrenHaveLocalUrbanHukou", ["childrenHaveLocalUrbanHukou"]],
  ["monthlyWage", ["monthlyWage"]],
  ["enrolled", ["enrolled"]],
];

const empty = (v) => v === undefined || v === null || v === "";

/** The engine request for a form; empty answers are left out. */
export function requestFrom(form) {
  const person = {};
  for (const [key, path, convert] of PERSON) {
    const value = form[key];
    if (empty(value)) continue;
    let at = person;
    for (const step of path.slice(0, -1)) at = at[step] ??= {};
    at[path[path.length - 1]] = convert && typeof value === "string" ? convert(value) : value;
  }
  const request = { person };
  if (!empty(form.region)) request.region = form.region;
  if (!empty(form.year)) request.year = Number(form.year);
  if (!empty(form.lang)) request.lang = form.lang;
  return request;
}

/** The form for a request (to prefill the page, and to test the round trip). */
export function formFrom(request) {
  const form = {};
  for (const key of ["region", "year", "lang"]) if (!empty(request[key])) form[key] = request[key];
  for (const [key, path] of PERSON) {
    let at = request.person;
    for (const step of path) at = at == null ? undefined : at[step];
    if (!empty(at)) form[key] = at;
  }
  return form;
}

const ORDER = { mandatory: 0, eligible: 1, needs_info: 2, ineligible: 3 };
const PAYERS = ["individual", "employer", "government"];

/** What the page shows for a response: the schemes to join first, then the rest. */
export function view(response) {
  const schemes = response.schemes
    .map((s, i) => ({ s, i }))
    .sort((a, b) => ORDER[a.s.status] - ORDER[b.s.status] || a.i - b.i)
    .map(({ s }) => ({
      scheme: s.scheme,
      name: s.name,
      status: s.status,
      open: s.status === "mandatory" || s.status === "eligible",
      fee: s.fee && {
        period: s.fee.period,
        total: s.fee.total,
        // One bar per payer, as a share of the total where both are known.
        parts: PAYERS.map((payer) => ({
          payer,
          amount: s.fee[payer],
          percent: s.fee.total && s.fee[payer] && Number(s.fee.total) > 0 ? Math.round((100 * Number(s.fee[payer])) / Number(s.fee.total)) : null,
        })),
        reasons: s.fee.reasons,
      },
      deadline: s.deadline,
      reasons: s.reasons,
      where: s.enrol ? s.enrol.where : [],
      documents: s.enrol ? s.enrol.documents : [],
    }));
  return {
    region: response.region,
    year: response.year,
    age: response.age,
    open: schemes.filter((s) => s.open),
    others: schemes.filter((s) => !s.open),
    // Form keys to ask next: the engine's `missing` paths, mapped back.
    ask: response.missing.map(formKeyOf).filter(Boolean),
  };
}

/** The form key of a request path (`person.hukou.type` → `hukouType`). */
export function formKeyOf(path) {
  const steps = path.split(".").slice(1);
  const found = PERSON.find(([, p]) => p.join(".") === steps.join("."));
  return found ? found[0] : null;
}

/** An engine error, placed next to its form field. */
export function errorView(error) {
  return { code: error.code, field: formKeyOf(error.field || "") || error.field || "", message: error.message };
}
