// The whole page: the header, then (printed first, shown only in print) the
// slip, the rules answered with, the questions, the answer and the household.
import { h, Fragment } from "preact";
import { LANGS, BASICS, t } from "../i18n.js";
import { Rules } from "./rules.js";
import { Question, shownKeys } from "./questions.js";
import { Answer } from "./answer.js";
import { Household } from "./household.js";
import { Slip } from "./slip.js";

function Header({ page }) {
  const { state } = page;
  const lang = state.lang;
  return h("header", {},
    h("h1", {}, t(lang, "title")),
    h("p", { class: "intro no-print" }, t(lang, "intro")),
    h("nav", { class: "langs no-print", "aria-label": t(lang, "language") },
      LANGS.map(([code, name]) => h("button", { type: "button", key: code, lang: code, id: `lang-${code}`, "aria-pressed": code === lang ? "true" : "false", onClick: () => page.setLang(code) }, name))),
    state.notice && h("p", { class: "notice", role: "status" }, state.notice));
}

/** The basic questions, until the engine asks for one of them again among the open ones. */
function Form({ page }) {
  const { state } = page;
  const basics = BASICS.filter((k) => !state.asked.includes(k));
  return h("form", {
    id: "questions", novalidate: true,
    onSubmit: (e) => {
      e.preventDefault();
      page.submit();
    },
  },
    basics.length > 0 && h("fieldset", { class: "group" }, h("legend", {}, t(state.lang, "basics")), basics.map((k) => h(Question, { key: k, page, field: k }))),
    h("button", { type: "submit", class: "primary", id: "check" }, t(state.lang, "check")));
}

export function Page({ page }) {
  const shown = shownKeys(page.state);
  return h(Fragment, {},
    h(Header, { page }),
    h("main", {},
      h(Slip, { page }),
      h(Rules, { page }),
      h(Form, { page }),
      h(Answer, { page, shown }),
      h(Household, { page })));
}
