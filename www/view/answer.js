// The answer: the open questions first, then the schemes to join (side by
// side only where the engine says there is a choice, add-ons inside the
// scheme they add to, relief as a note), each with its fee and who pays it,
// what to do and by when, and when cover starts; then the rest.
import { h } from "preact";
import { t } from "../i18n.js";
import { countdown, coverWords } from "../logic.js";
import { amount, shownShare, Cite, Reasons, More } from "./common.js";
import { OpenQuestions } from "./questions.js";

function Fee({ page, fee: f }) {
  if (!f) return null;
  const { state } = page;
  const lang = state.lang;
  const prov = f.provisional && f.reasons.find((r) => r.code === "figures_not_yet_published");
  const unknown = f.parts.some((p) => p.amount === null); // no bar, and the reasons shown
  return h("div", { class: "fee" },
    h("p", { class: "total" },
      `${t(lang, "total")}${t(lang, "sep")}`,
      f.minimum && f.total !== null ? `${t(lang, "atLeast")} ` : "",
      // No figure in any source (a flexible worker's rate and base): the place sets it, said as such.
      h("strong", {}, f.total === null && f.reasons.some((r) => r.code === "amount_not_in_source") ? t(lang, "setLocally") : amount(lang, f.total)),
      ` / ${t(lang, f.period === "year" ? "perYear" : "perMonth")}`,
      f.provisional && h("span", { class: "tag prov" }, t(lang, "provisional")),
      f.estimate && h("span", { class: "tag" }, t(lang, "estimate"))),
    !unknown && h("div", { class: "bar", "aria-hidden": "true" }, f.parts.map((p) => h("span", { key: p.payer, class: `seg ${p.payer}`, style: { width: `${p.percent ?? 0}%` } }))),
    h("ul", { class: "payers" }, f.parts.filter((p) => shownShare(p.payer, p.amount)).map((p) => h("li", { key: p.payer, class: p.payer }, `${t(lang, p.payer)}${t(lang, "sep")}${amount(lang, p.amount)}`))),
    prov && h("p", { class: "prov-why" }, prov.message, " ", h(Cite, { lang, source: prov.source, strength: prov.strength })),
    f.publicSubsidy && h("p", { class: "subsidy" }, t(lang, f.minimum ? "subsidyAtLeast" : "subsidy", { a: f.publicSubsidy })),
    // Shown unfolded when they say who pays instead, or why a share is not known.
    h(More, { lang, label: t(lang, "feeWhy"), list: f.reasons.filter((r) => r !== prov), open: !state.view?.ask.length && (unknown || (f.total !== "0.00" && f.parts[0].amount === "0.00")) }));
}

/** How to enrol: where, with what, by when; through whom and after the deadline in the engine's reasons. */
function Next({ page, card: c }) {
  const e = c.enrol;
  if (c.status === "ineligible" || (!e && !c.deadline)) return null;
  const lang = page.state.lang;
  const sep = t(lang, "sep");
  const left = c.deadline && countdown(c.deadline, page.today);
  return h("div", { class: "next" },
    h("h4", {}, t(lang, "next")),
    e?.where.length > 0 && h("p", {}, h("b", {}, t(lang, "where") + sep), e.where.join(t(lang, "list")), " ", h(Cite, { lang, source: e.whereSource })),
    e?.documents.length > 0 && h("div", {}, h("b", {}, t(lang, "bring") + sep), h("ul", {}, e.documents.map((d, i) => h("li", { key: i }, d))), h(Cite, { lang, source: e.documentsSource })),
    left && h("p", { class: `deadline${left.near ? " near" : left.days < 0 ? " past" : ""}` },
      h("b", {}, t(lang, "deadline") + sep), c.deadline, " ", h("strong", {}, `· ${t(lang, ...left.word)}`), " ", h(Cite, { lang, source: e?.deadlineSource })),
    e && h(Reasons, { lang, list: e.reasons }));
}

function Cover({ page, card: c }) {
  const w = c.waiting;
  if (c.status === "ineligible" || (!w && !c.coverFrom)) return null;
  const lang = page.state.lang;
  const known = w && w.months !== null;
  const line = coverWords(c).map(([key, vars]) => t(lang, key, vars)).join(t(lang, "comma"));
  return h("div", { class: "cover" },
    h("h4", {}, t(lang, "cover")),
    line && h("p", { class: known && w.months > 0 ? "when waits" : "when" }, line),
    w && (known ? h(More, { lang, label: t(lang, "waitWhy"), list: w.reasons }) : h(Reasons, { lang, list: w.reasons })));
}

/** A scheme's card; `kind` "addOn" nests it under its scheme, "pickOne" marks one of a choice. */
function Scheme({ page, card: c, kind }) {
  const lang = page.state.lang;
  const addOn = kind === "addOn";
  return h(addOn ? "section" : "article", { class: `scheme ${c.status}${addOn ? " addon" : ""}`, id: `s-${c.scheme}` },
    h(addOn ? "h4" : "h3", {}, h("span", { class: "status" }, kind ? `${t(lang, kind)} · ${t(lang, c.status)}` : t(lang, c.status)), " ", c.name),
    c.status !== "ineligible" && h(Fee, { page, fee: c.fee }),
    h(Next, { page, card: c }),
    h(Cover, { page, card: c }),
    // Undecided: what is still needed, not the rules that might apply (they contradict each other).
    c.status === "ineligible" ? h(Reasons, { lang, list: c.reasons }) : h(More, { lang, label: t(lang, "why"), list: c.status === "needs_info" ? c.reasons.filter((r) => r.code === "needs_info") : c.reasons, open: c.status === "needs_info" }),
    c.benefits.length > 0 && h("div", { class: "benefits" }, h("h4", {}, t(lang, "benefits")), h(Reasons, { lang, list: c.benefits })),
    c.addOns.map((a) => h(Scheme, { key: a.scheme, page, card: a, kind: "addOn" })),
    c.instead && h("div", { class: "instead" },
      h("p", { class: "lead" }, t(lang, c.instead.choice ? "insteadChoice" : "instead", { name: c.name })),
      h("div", { class: c.instead.choice ? "side" : "" }, c.instead.cards.map((x) => h(Scheme, { key: x.scheme, page, card: x, kind: c.instead.choice && "pickOne" })))));
}

export function Answer({ page, shown }) {
  const { state } = page;
  if (!state.checked) return null;
  const lang = state.lang;
  const v = state.view;
  const box = v && h(OpenQuestions, { page });
  const head = h("h2", { id: "answer-head", tabindex: "-1" }, t(lang, "answer"));
  if (state.error) {
    const placed = shown.has(state.error.field) || state.error.field === "year" || state.error.field === "region";
    return h("section", { id: "answer", "aria-labelledby": "answer-head" }, head, box,
      h("p", { class: "error", role: "alert", id: "answer-error" }, placed ? t(lang, "fixFirst") : state.error.message));
  }
  const none = !v.must.length && !v.may.length && !v.choices.length && !v.pending.length;
  const cards = (list, kind) => list.map((c) => h(Scheme, { key: c.scheme, page, card: c, kind }));
  return h("section", { id: "answer", "aria-labelledby": "answer-head" },
    head,
    box,
    v.warnings.map((w, i) => h("p", { key: i, class: "notice" }, w.message)),
    state.baby && h("p", { class: "notice" }, t(lang, "babyNoDisability")),
    cards(v.must),
    v.choices.map((g, i) => h("div", { key: i, class: "alts", id: `alts-${i}` }, h("p", { class: "lead" }, t(lang, "choice")), h("div", { class: "side" }, cards(g, "pickOne")))),
    cards(v.may),
    cards(v.pending),
    v.relief.length > 0 && h("aside", { class: "relief", "aria-label": t(lang, "relief") },
      h("p", { class: "lead" }, t(lang, "relief")),
      v.relief.map((c) => h("div", { key: c.scheme, id: `s-${c.scheme}` }, h("h3", {}, c.name), h(Reasons, { lang, list: c.reasons }), h(Next, { page, card: c })))),
    v.notFor.length > 0 && (none
      ? h("div", { class: "none" }, h("p", { class: "lead" }, t(lang, "noneOpen")), cards(v.notFor))
      : h("details", { class: "others no-print" }, h("summary", {}, t(lang, "otherSchemes")), cards(v.notFor))),
    h("div", { class: "actions no-print" },
      h("button", { type: "button", id: "print", onClick: () => window.print() }, t(lang, "print")),
      h("button", { type: "button", id: "add-member", onClick: () => page.addMember() }, t(lang, state.editing >= 0 ? "saveMember" : "addMember", { n: state.editing + 1 })),
      h("button", { type: "button", id: "restart", onClick: () => page.restart() }, t(lang, "restart"))));
}
