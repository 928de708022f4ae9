// Pieces every part of the answer uses: an amount, a citation with how sure
// its source is, a list of reasons, and reasons folded under a heading.
import { h } from "preact";
import { t } from "../i18n.js";

export const amount = (lang, a) => (a === null ? t(lang, "unknown") : `${a} ${t(lang, "yuan")}`);
/** Whether a payer's share is shown: what you pay always; the employer's and the government's only when there is one (a "0.00" beside the subsidy reads as "nothing"). */
export const shownShare = (payer, a) => payer === "individual" || a !== "0.00";

export function Cite({ lang, source, strength }) {
  return [source && h("cite", { key: "c" }, source), source && strength && " ", strength && h("span", { key: "s", class: `st ${strength}` }, t(lang, strength))];
}

export function Reasons({ lang, list, class: cls = "reasons" }) {
  if (!list.length) return null;
  return h("ul", { class: cls }, list.map((r, i) => h("li", { key: i }, r.message, " ", h(Cite, { lang, source: r.source, strength: r.strength }))));
}

/** Reasons under a heading that opens them. */
export function More({ lang, label, list, open }) {
  if (!list.length) return null;
  return h("details", { class: "why", open: !!open }, h("summary", {}, label), h(Reasons, { lang, list }));
}
