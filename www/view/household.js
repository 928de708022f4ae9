// The household: each member added, with the scheme they count with and its
// fee (or why it is not settled), the totals by payer, and the household rules.
import { h } from "preact";
import { t } from "../i18n.js";
import { householdView } from "../logic.js";
import { amount, shownShare, Cite } from "./common.js";
import { questionOf } from "./questions.js";
import { Slip } from "./slip.js";

export function Household({ page }) {
  const { state } = page;
  if (!state.household.length) return null;
  const lang = state.lang;
  const list = t(lang, "list");
  let household = null;
  let error = null;
  try {
    household = householdView(page.household());
  } catch (e) {
    error = e.message;
  }
  const who = (i) => t(lang, "member", { n: i + 1 });
  return h("section", { id: "household", class: "household", "aria-labelledby": "hh-head" },
    // Printed on its own (no person checked now): the slip's header above it.
    !state.checked && household && h(Slip, { page, household: household.head }),
    h("h2", { id: "hh-head" }, t(lang, "household")),
    error && h("p", { class: "error" }, error),
    h("ul", { class: "members" }, state.household.map((_, i) => {
      const m = household?.members[i];
      return h("li", { key: i, id: `member-${i}` },
        h("b", {}, who(i), m && m.age !== null ? t(lang, "years_old", { n: m.age }) : "", t(lang, "sep")),
        m?.scheme ? `${m.scheme.name} · ${t(lang, "individual")} ${amount(lang, m.scheme.fee?.individual ?? null)}${m.scheme.fee ? ` / ${t(lang, m.scheme.fee.period === "year" ? "perYear" : "perMonth")}` : ""}` : "",
        m?.choice ? ` ${t(lang, "choose", { list: m.choice.join(list) })}` : "",
        m?.ask.length ? ` ${t(lang, "stillAsk", { list: m.ask.map((k) => questionOf(page, k)).join(list) })}` : "",
        " ",
        h("button", { type: "button", class: "link no-print", "aria-pressed": state.editing === i ? "true" : undefined, onClick: () => page.editMember(i) }, t(lang, "editMember")),
        " ",
        h("button", { type: "button", class: "link no-print", onClick: () => page.removeMember(i) }, t(lang, "removeMember")));
    })),
    household && h("div", { class: "totals" },
      h("h3", {}, t(lang, "householdTotal")),
      household.undecided.length > 0 && h("p", { class: "notice", id: "not-settled" }, t(lang, "notSettled", { who: household.undecided.map(who).join(list) })),
      h("ul", {}, household.totals.map((x, i) => h("li", { key: i },
        `${t(lang, x.period === "year" ? "perYear" : "perMonth")}${t(lang, "sep")}${t(lang, "total")} ${amount(lang, x.total)}`,
        // The shares, as on a card.
        ...["individual", "employer", "government"].filter((p) => shownShare(p, x[p])).map((p) => ` · ${t(lang, p)} ${amount(lang, x[p])}`))))),
    household && household.rules.map((r, i) => h("p", { key: i, class: `rule${r.split ? " split" : ""}` }, r.message, " ", h(Cite, { lang, source: r.source, strength: r.strength }), r.split && h("strong", {}, ` ${t(lang, "split")}`))),
    !state.checked && household && h("div", { class: "actions no-print" }, h("button", { type: "button", id: "print-household", onClick: () => window.print() }, t(lang, "print"))));
}
