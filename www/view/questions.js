// The questions: the basic ones, and those the engine asks for (`missing`),
// each drawn from its field's kind: choices as radios, dates as three fields,
// numbers and amounts as text, counts as a list. On a kiosk a number pad
// types into the field it is under.
import { h } from "preact";
import { FIELDS, BASICS, t, words } from "../i18n.js";
import { dateOf, datePartsOf } from "../logic.js";
import { amount } from "./common.js";

const unset = (v) => v === undefined || v === "";

/** The questions the engine asked for that are still open, then those answered, in the order asked. */
export function openKeys(state) {
  // In the order first asked: answering one never moves another under the finger.
  return { keys: state.asked, open: state.view.ask.filter((k) => state.asked.includes(k)).length };
}

/** The fields the page shows now: an error on one of them is shown beside it. */
export function shownKeys(state) {
  const keys = BASICS.filter((k) => !state.asked.includes(k));
  if (state.checked && state.view) keys.push(...openKeys(state).keys);
  if (keys.includes("birthDate") || keys.includes("age")) keys.push("birthDate", "age");
  return new Set(keys);
}

/** The question's words, with the year it asks about. */
export function questionOf(page, key) {
  const { state } = page;
  const f = FIELDS[key];
  if (!f) return key;
  const coverageYear = Number(state.view?.year ?? state.form.year);
  return words(state.lang, f.label, { y: key === "continuousYears" ? state.form.lastCoveredYear : coverageYear - 1 });
}

/** A field's answers as [value, words]: for `enrolled`, the schemes the answer names. */
export function choicesOf(page, key) {
  const { state } = page;
  if (key === "enrolled") {
    const names = (state.response?.schemes ?? []).filter((s) => s.role === "basic").map((s) => [s.scheme, s.name]);
    return [["none", words(state.lang, FIELDS.enrolled.choices.none)], ...names];
  }
  return Object.entries(FIELDS[key].choices).map(([v, label]) => [v, words(state.lang, label)]);
}

/** What is wrong with a field's answer: the engine's message, or the page's own. */
function errorFor(state, key) {
  if (state.error && state.error.field === key) return state.error.message;
  const c = state.complaints[key];
  if (c === "year" || (c && state.checked)) return t(state.lang, c === "year" ? "yearDigits" : "incomplete");
  return null;
}

const errorLine = (key, err) => err && h("p", { class: "error", id: `err-${key}` }, err);
const invalid = (key, err) => ({ "aria-invalid": err ? "true" : undefined, "aria-describedby": err ? `err-${key}` : undefined });

/** A text field for numbers; in a kiosk the number pad types into it. */
function NumberInput({ page, id, field, max, value, onInput, onChange, ...attrs }) {
  const { state, kiosk } = page;
  // A phone's keyboard may type more than the digits ("1971年5月20日" in the
  // year, "46岁"): room for that, except under the kiosk's pad, which moves on
  // when a field is full.
  const room = kiosk ? max : { 4: 11, 3: 6 }[max] ?? max;
  return h("input", {
    id, type: "text", class: "num", maxLength: room, size: max, autocomplete: "off",
    inputmode: kiosk ? "none" : field === "monthlyWage" ? "decimal" : "numeric",
    value,
    onInput,
    onChange,
    onFocusIn: () => {
      if (kiosk && state.padFor !== id) {
        state.padFor = id;
        page.draw();
      }
    },
    ...attrs,
  });
}

// ---- what a field typed into holds --------------------------------------

/** The field a pad or input id types into: "q-birthDate-y" → ["birthDate", 0]. */
function target(id) {
  const [, key, part] = id.match(/^q-(\w+?)(?:-([ymd]))?$/) ?? [];
  return [key, part ? "ymd".indexOf(part) : -1];
}

export function typedValue(state, id) {
  const [key, part] = target(id);
  if (part >= 0) return (state.typed[key] ?? (state.form[key] ?? "--").split("-"))[part] ?? "";
  return state.typed[key] ?? state.form[key] ?? "";
}

/** Typing into a date's part: the date is an answer only when whole. */
function typeDatePart(state, key, part, value) {
  const parts = (state.typed[key] ??= (state.form[key] ?? "--").split("-"));
  parts[part] = value;
  const d = dateOf(...parts);
  if (d.date) state.form[key] = d.date;
  else delete state.form[key];
  state.complaints[key] = d.error === "year" && (parts[1] || parts[2]) ? "year" : d.error;
}

/** What typing `value` into the field `id` does, as its input event would. */
export function typeInto(state, id, value) {
  const [key, part] = target(id);
  // A whole date typed (or pasted) into one part fills all three.
  const whole = part >= 0 && datePartsOf(value);
  if (whole) whole.forEach((v, i) => typeDatePart(state, key, i, v));
  else if (part >= 0) typeDatePart(state, key, part, value.trim());
  else state.typed[key] = value;
}

/** What leaving the field `id` does, as its change event would. */
export function commit(page, id, value) {
  const [key, part] = target(id);
  if (part >= 0) page.update();
  else page.set(key, value.trim());
}

/** The kiosk's number pad (view/pad.js), once the page has it: only kiosks load it. */
const Pad = ({ page, ids }) => (page.Pad ? h(page.Pad, { page, ids, typedValue, typeInto, commit, h, t }) : null);

/** Fen as yuan with two decimals ("40000" → "400.00"): money is never a float. */
const fen = (n) => `${n / 100n}.${String(n % 100n).padStart(2, "0")}`;

// ---- the kinds of question ---------------------------------------------

function Radios({ page, field, label, current, onPick, err, unsure, children }) {
  const id = `q-${field}`;
  // "Not sure" keeps the answer unknown (null to the engine), said rather than skipped.
  const choices = [...choicesOf(page, field), ...(unsure ? [["unsure", t(page.state.lang, "unsure")]] : [])];
  return h("fieldset", { class: "q choices", id: `f-${field}`, ...invalid(field, err) },
    h("legend", {}, label),
    choices.map(([value, text]) =>
      h("label", { class: "choice", key: value },
        h("input", { type: "radio", name: id, id: `${id}-${value}`, value, checked: current === value, onChange: () => onPick(value) }),
        h("span", {}, text))),
    children,
    errorLine(field, err));
}

/** Year, month and day in three fields: never a date the person did not type. */
function DateQuestion({ page, field, label, err, children }) {
  const { state } = page;
  const ids = ["y", "m", "d"].map((p) => `q-${field}-${p}`);
  return h("fieldset", { class: "q date", id: `f-${field}`, ...invalid(field, err) },
    h("legend", {}, label),
    h("div", { class: "parts" }, ["y", "m", "d"].map((p, i) =>
      h("label", { class: `part ${p}`, key: p },
        h(NumberInput, {
          page, id: ids[i], field, max: i ? 2 : 4, value: typedValue(state, ids[i]), "aria-invalid": err ? "true" : undefined,
          onInput: (e) => typeInto(state, ids[i], e.target.value),
          onChange: () => page.update(),
        }),
        h("span", {}, t(state.lang, p))))),
    h(Pad, { page, ids }),
    children,
    errorLine(field, err));
}

/** Date of birth, or the age instead; the age the engine worked out is shown. */
function Birth({ page }) {
  const { state, kiosk } = page;
  const lang = state.lang;
  const field = state.byAge ? "age" : "birthDate";
  const err = errorFor(state, field);
  const v = state.view;
  // The line is always there, so the page does not jump when it fills.
  const age = h("p", { class: "age-is", id: "age-is", "aria-live": "polite" },
    v && !state.error && v.age !== null && (state.form.birthDate || !unset(state.form.age)) ? t(lang, "ageIs", { date: v.referenceDate, age: v.age }) : "\u00a0");
  const toggle = h("button", {
    type: "button", class: "link", id: "age-toggle",
    onClick: () => {
      state.byAge = !state.byAge;
      for (const k of ["birthDate", "age"]) delete state.form[k], delete state.typed[k], delete state.complaints[k];
      state.padFor = kiosk ? (state.byAge ? "q-age" : "q-birthDate-y") : null;
      page.update();
    },
  }, t(lang, state.byAge ? "orDate" : "orAge"));
  if (!state.byAge) return h(DateQuestion, { page, field: "birthDate", label: t(lang, "birthDate"), err }, age, toggle);
  return h("div", { class: "q", id: "f-birthDate" },
    h("label", { for: "q-age" }, t(lang, "age")),
    h(NumberInput, {
      page, id: "q-age", field: "age", max: 3, value: typedValue(state, "q-age"), ...invalid("age", err),
      onInput: (e) => typeInto(state, "q-age", e.target.value),
      onChange: (e) => commit(page, "q-age", e.target.value),
    }),
    h(Pad, { page, ids: ["q-age"] }),
    age,
    toggle,
    errorLine("age", err));
}

/** Insured last year? If not, since when; or never. */
function LastCovered({ page, err }) {
  const { state } = page;
  const last = Number(state.view?.year ?? state.form.year) - 1;
  const cur = state.form.lastCoveredYear;
  const which = cur === String(last) ? "last" : cur === "never" ? "never" : cur || state.earlier ? "earlier" : undefined;
  const years = [];
  for (let y = last - 1; y >= 1998; y--) years.push(h("option", { value: String(y), key: y }, String(y)));
  const more = which === "earlier" && h("div", { class: "q sub" },
    h("label", { for: "q-lastYear" }, words(state.lang, FIELDS.lastYear.label)),
    h("select", { id: "q-lastYear", value: cur ?? "", onChange: (e) => page.set("lastCoveredYear", e.target.value) }, h("option", { value: "" }, "—"), years));
  return h(Radios, {
    page, field: "lastCoveredYear", label: questionOf(page, "lastCoveredYear"), current: which, err,
    onPick: (v) => {
      state.earlier = v === "earlier";
      page.set("lastCoveredYear", v === "last" ? String(last) : v === "never" ? "never" : "");
    },
  }, more);
}

/** One question, drawn from its field's kind. */
export function Question({ page, field }) {
  const { state } = page;
  if (field === "birthDate" || field === "age") return h(Birth, { page });
  const f = FIELDS[field];
  const err = errorFor(state, field);
  const id = `q-${field}`;
  const label = questionOf(page, field);
  if (f.date) return h(DateQuestion, { page, field, label, err });
  if (f.amount) {
    return h("div", { class: "q", id: `f-${field}` },
      h("label", { for: id }, label),
      h(NumberInput, {
        page, id, field, max: 16, value: typedValue(state, id), ...invalid(field, err),
        onInput: (e) => typeInto(state, id, e.target.value),
        onChange: (e) => commit(page, id, e.target.value),
      }),
      h(Pad, { page, ids: [id] }),
      errorLine(field, err));
  }
  if (field === "lastCoveredYear") return h(LastCovered, { page, err });
  if (f.count) {
    const last = Number(state.form.lastCoveredYear);
    const coverageYear = Number(state.view?.year ?? state.form.year);
    const back = field === "backPayYears";
    // Only the years that shorten the wait: the gap's first year never does (38号).
    const max = back && last ? Math.max(0, coverageYear - 2 - last) : 30;
    // Each year back costs the year's individual fee (the engine's reason says so too).
    const each = back && (state.response?.schemes ?? []).find((s) => s.role === "basic" && s.fee?.individual)?.fee.individual;
    const cost = (i) => (each ? ` · ${amount(state.lang, fen(BigInt(each.replace(".", "")) * BigInt(i)))}` : "");
    const options = [];
    for (let i = back ? 0 : 1; i <= max; i++) options.push(h("option", { value: String(i), key: i }, back ? t(state.lang, "backYears", { n: i }) + cost(i) : String(i)));
    return h("div", { class: "q", id: `f-${field}` },
      h("label", { for: id }, label),
      back && h("p", { class: "hint", id: "back-hint" }, t(state.lang, "backPayHint", { n: max })),
      h("select", { id, value: state.form[field] ?? "", ...invalid(field, err), onChange: (e) => page.set(field, e.target.value) }, h("option", { value: "" }, "—"), options),
      errorLine(field, err));
  }
  const current = state.form[field] === null ? "unsure" : field === "hukouLocal" && state.form.hukouRegistered === "false" ? "unregistered" : state.form[field] === undefined ? undefined : String(state.form[field]);
  return h(Radios, { page, field, label, current, err, unsure: true, onPick: (v) => page.set(field, v === "unsure" ? null : v) });
}

/** The questions the engine asked for, each where it first appeared; once all are answered they stay (the page does not jump), under a heading that says so. */
export function OpenQuestions({ page }) {
  const { state } = page;
  const { keys, open } = openKeys(state);
  if (!keys.length) return null;
  const lang = state.lang;
  const questions = keys.map((k) => h(Question, { key: k, page, field: k }));
  const waitOnly = state.view.ask.filter((k) => state.asked.includes(k)).every((k) => ["lastCoveredYear", "continuousYears", "backPayYears"].includes(k));
  return h("section", { id: "open", class: open ? "open-q" : "open-q done", "aria-labelledby": "open-head" },
    h("h3", { id: "open-head", tabindex: "-1" }, t(lang, !open ? "answered" : waitOnly ? "openWait" : "open", { n: open })),
    questions);
}
