// Which rules answer: the pack and the coverage year, how sure they are (the
// national minimum, a region's own figures, or a historical document), and
// where to change them; a year the pack does not serve offers one that does.
import { h } from "preact";
import { t } from "../i18n.js";
import { packFor } from "../logic.js";

export function Rules({ page }) {
  const { state, home } = page;
  const { first: firstYear, last: lastYear } = page.years();
  const lang = state.lang;
  const list = page.regionsIn(lang);
  const r = list.find((x) => x.id === state.form.region) ?? list[0];
  const y = Number(state.form.year);
  const span = (x) => (x.lastYear === null ? t(lang, "yearsFrom", { a: x.firstYear }) : t(lang, "years", { a: x.firstYear, b: x.lastYear }));
  const parent = list.find((x) => x.id === r.extends);
  const sure = r.default ? t(lang, "national") : parent?.default ? t(lang, "regional") : t(lang, "historic", { years: span(r) });
  const err = state.error && (state.error.field === "year" || state.error.field === "region") ? state.error : null;
  const other = err && err.code === "year_out_of_range" ? list.find((x) => x.id === packFor(list, y) && x.id !== r.id) : null;
  const near = Math.min(Math.max(y, r.firstYear), r.lastYear ?? lastYear);
  const years = [];
  for (let i = lastYear; i >= firstYear; i--) years.push(h("option", { key: i, value: String(i) }, i === home.enrollingYear ? t(lang, "enrolling", { y: i }) : String(i)));
  return h("section", { id: "rules", class: "rules", "aria-label": t(lang, "region") },
    h("p", { id: "rules-line" }, h("strong", {}, t(lang, "using", { name: r.name, year: y })), " ", sure),
    err && h("div", { class: "error", id: "err-year", role: "alert" },
      h("p", {}, err.message),
      other && h("button", { type: "button", id: "switch-pack", onClick: () => page.set("region", other.id) }, t(lang, "switchTo", { name: other.name })),
      near !== y && h("button", { type: "button", id: "switch-year", onClick: () => page.set("year", near) }, t(lang, "yearTo", { y: near }))),
    h("details", { id: "change", class: "no-print", open: !!err, onToggle: (e) => e.currentTarget.open && page.wantPast() },
      h("summary", {}, t(lang, "change")),
      h("fieldset", { class: "q choices regions" },
        h("legend", {}, t(lang, "region")),
        list.map((x) => h("label", { key: x.id, class: "choice" },
          h("input", {
            type: "radio", name: "q-region", id: `q-region-${x.id}`, value: x.id, checked: x.id === r.id,
            onChange: () => {
              state.form.region = x.id;
              if (y < x.firstYear || y > (x.lastYear ?? lastYear)) state.form.year = page.ownYear(x);
              page.update();
            },
          }),
          h("span", {}, x.name, h("small", {}, ` · ${span(x)}`))))),
      h("div", { class: "q" },
        h("label", { for: "q-year" }, t(lang, "year")),
        h("select", { id: "q-year", value: String(y), "aria-invalid": err ? "true" : undefined, "aria-describedby": err ? "err-year" : undefined, onChange: (e) => page.set("year", e.target.value) }, years))));
}
