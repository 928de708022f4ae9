// The print slip: region, year, the day printed, the rules' version and the
// answers given, above the answer itself on one A4 page; for a household, the
// same header above the members and totals.
import { h } from "preact";
import { FIELDS, t, words } from "../i18n.js";
import { KEYS } from "../logic.js";
import { questionOf, choicesOf } from "./questions.js";

const unset = (v) => v === undefined || v === "";

/** An answer as the slip prints it: the words of a choice, or what was typed. */
function answerWords(page, key) {
  const { state } = page;
  const v = String(state.form[key]);
  const f = FIELDS[key];
  if (key === "lastCoveredYear") {
    // The question asks about last year: "yes", "never", or "earlier (2024)".
    const last = String(Number(state.view?.year ?? state.form.year) - 1);
    const which = v === last ? "last" : v === "never" ? "never" : "earlier";
    return words(state.lang, f.choices[which]) + (which === "earlier" ? ` (${v})` : "");
  }
  if (key === "enrolled") return choicesOf(page, key).find(([k]) => k === v)?.[1] ?? v;
  return f?.choices?.[v] ? words(state.lang, f.choices[v]) : v;
}

/** The slip's header over one person's answer, or over the household's (`v`: a member's answer). */
export function Slip({ page, household }) {
  const { state } = page;
  const person = !household && state.checked && state.view && !state.error;
  const v = household ?? (person && state.view);
  if (!v) return null;
  const lang = state.lang;
  const sep = t(lang, "sep");
  const row = (k, value) => h("li", { key: k }, h("b", {}, k + sep), value);
  return h("section", { id: "slip", class: "print-only", "aria-hidden": "true" },
    h("h2", {}, t(lang, "slip")),
    h("ul", { class: "facts" },
      row(t(lang, "region"), v.regionName),
      row(t(lang, "year"), String(v.year)),
      row(t(lang, "printed"), page.today),
      row(t(lang, "rules"), `canbao ${v.rules.version} · ${v.rules.pack} ${v.rules.hash}`)),
    person && h("p", {}, h("b", {}, t(lang, "given") + sep), KEYS.filter((k) => !unset(state.form[k])).map((k) => {
      const q = questionOf(page, k);
      return `${q}${/[？?]$/.test(q) ? " " : sep}${answerWords(page, k)}`;
    }).join(t(lang, "semi"))),
    h("p", { class: "small" }, t(lang, "slipNote")));
}
