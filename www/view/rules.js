// Which rules answer: the place (province, then city where there is one),
// the coverage year and how sure its figures are (the national minimum, a
// place's own, provisional, seen only second-hand, or a historical document);
// the years offered are the pack's.
import { h } from "preact";
import { PROVINCES, t, words } from "../i18n.js";
import { placesIn } from "../logic.js";

/** Province, then city: the places index, grouped by whether a place has figures of its own. */
function Place({ page }) {
  const { state, places } = page;
  const lang = state.lang;
  const { province, city } = state.place;
  const known = new Set(places.map((p) => p.province));
  const option = (code) => h("option", { key: code, value: code }, words(lang, PROVINCES[code]));
  const codes = Object.keys(PROVINCES);
  const { own, cities } = placesIn(places, province);
  const name = (p) => words(lang, p.name.join("|"));
  return h("div", { class: "place no-print" },
    h("div", { class: "q" },
      h("label", { for: "q-province" }, t(lang, "place"), " ", h("small", {}, t(lang, "province"))),
      h("select", { id: "q-province", value: province, onChange: (e) => page.pickPlace(e.target.value, "") },
        h("option", { value: "" }, t(lang, "noPlace")),
        h("optgroup", { label: t(lang, "withFigures") }, codes.filter((c) => known.has(c)).map(option)),
        h("optgroup", { label: t(lang, "withoutFigures") }, codes.filter((c) => !known.has(c)).map(option)))),
    cities.length > 0 && h("div", { class: "q" },
      h("label", { for: "q-city" }, t(lang, "city")),
      h("select", { id: "q-city", value: city, onChange: (e) => page.pickPlace(province, e.target.value) },
        h("option", { value: "" }, t(lang, "pickPrompt")),
        cities.map((c) => h("option", { key: c.id, value: c.id }, name(c))),
        h("option", { value: "other" }, own ? t(lang, "otherCity", { name: words(lang, PROVINCES[province]) }) : t(lang, "otherCityNone")))),
    state.placeNote && h("p", { id: "place-note", class: "notice", role: "status" }, state.placeNote.key === "placeFailed" ? t(lang, "placeFailed", { name: state.placeNote.name }) : t(lang, state.placeNote.key)));
}

export function Rules({ page }) {
  const { state } = page;
  const lang = state.lang;
  const list = page.regionsIn(lang);
  const r = list.find((x) => x.id === state.form.region) ?? list[0];
  const y = Number(state.form.year);
  const span = (x) => (x.lastYear === null ? t(lang, "yearsFrom", { a: x.firstYear }) : t(lang, "years", { a: x.firstYear, b: x.lastYear }));
  const today = page.todaysRegion(lang);
  // The national rules have no parent; a place's pack leads up to them; a
  // historical document's to a base pack no picker lists.
  let root = r;
  while (root?.extends) root = list.find((x) => x.id === root.extends);
  const sure = r.extends === null ? t(lang, "national") : root ? t(lang, "regional") : t(lang, "historic", { years: span(r) });
  const provisional = r.years.some((x) => x.year === y && x.provisional);
  const unconfirmed = !r.default && r.sources.some((s) => s.strength === "unconfirmed");
  const err = state.error && (state.error.field === "year" || state.error.field === "region") ? state.error : null;
  const offered = r.years.length ? r.years : [{ year: r.firstYear, provisional: false }];
  // The pack's years, newest first; a year it does not serve (an error) stays offered until changed.
  const years = [...offered].reverse();
  if (!years.some((x) => x.year === y)) years.unshift({ year: y, provisional: false });
  const yearOption = (x) => {
    const notes = [x.year === r.enrollingYear && t(lang, "nowEnrolling"), x.provisional && t(lang, "provisionalOption")].filter(Boolean);
    return h("option", { key: x.year, value: String(x.year) }, notes.length ? t(lang, "yearNotes", { y: x.year, notes: notes.join(t(lang, "semi")) }) : String(x.year));
  };
  // Today's rules for the place picked, then the historical documents.
  const choices = [today, ...list.filter((x) => !x.default && !page.isPlace(x.id) && !page.isPlace(x.extends ?? ""))].filter((x) => x);
  return h("section", { id: "rules", class: "rules", "aria-label": t(lang, "region") },
    h("p", { id: "rules-line" }, h("strong", {}, t(lang, "using", { name: r.name, year: y })), " ", sure),
    page.placeUnknown() && h("p", { id: "not-here" }, t(lang, "notHere")),
    provisional && h("p", { id: "provisional-year" }, t(lang, "provisionalYear", { y })),
    unconfirmed && h("p", { id: "unconfirmed" }, t(lang, "unconfirmedSources")),
    // A build set to one place (make city) has no other place to pick: the picker is left out of it.
    !__SET_TO_PLACE__ && h(Place, { page }),
    err && h("div", { class: "error", id: "err-year", role: "alert" }, h("p", {}, err.message)),
    h("details", { id: "change", class: "no-print", open: !!err, onToggle: (e) => e.currentTarget.open && page.wantPast() },
      h("summary", {}, t(lang, "change")),
      h("div", { class: "q" },
        h("label", { for: "q-year" }, t(lang, "year")),
        h("select", { id: "q-year", value: String(y), "aria-invalid": err ? "true" : undefined, "aria-describedby": err ? "err-year" : undefined, onChange: (e) => page.set("year", e.target.value) }, years.map(yearOption))),
      h("fieldset", { class: "q choices regions" },
        h("legend", {}, t(lang, "region")),
        choices.map((x) => h("label", { key: x.id, class: "choice" },
          h("input", { type: "radio", name: "q-region", id: `q-region-${x.id}`, value: x.id, checked: x.id === r.id, onChange: () => page.useRegion(x.id) }),
          h("span", {}, x.name, h("small", {}, ` · ${span(x)}`)))))));
}
