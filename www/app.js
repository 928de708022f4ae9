// The self-check page. `start(canbao, { kiosk })` takes the loaded engine and
// builds the page: the rules it answers with, a few questions, the answer with
// the questions still open first, a household, a print slip, a kiosk mode.
// Nothing about the person is stored or sent: the answers live in this page's
// memory only, and a kiosk wipes them after a while without touch.
//
// The page is drawn from the state on every change and the new tree is
// merged into the old one (`morph`), so an element keeps its identity, focus
// and caret: a field is never redrawn under the fingers typing into it.
import { LANGS, FIELDS, BASICS, t, pick } from "./i18n.js";
import { KEYS, requestFrom, view, householdView, errorView, dateOf, chinaToday, packFor } from "./logic.js";

/** Builds an element: h("p", { class: "x", onclick }, "text", child…). Handlers go in `_on`. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  let value;
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) (el._on ??= {})[k.slice(2)] = v;
    else if (k === "value") value = String(v);
    else {
      if (k === "checked") el.checked = true;
      el.setAttribute(k, v === true ? "" : v);
    }
  }
  // Nothing is drawn for null, undefined, false, "" and 0 (a `list.length && …` that was empty).
  for (const c of children.flat(4)) if (c || c === "0") el.append(c);
  if (value !== undefined) el.value = value;
  return el;
}

const FORM_TAGS = ["INPUT", "SELECT"];

/** Makes `o` look like `n`, keeping `o`'s elements where tag and id match. */
function morph(o, n) {
  o._on = n._on;
  if (o.nodeName === "DETAILS" && o.open) n.setAttribute("open", ""); // a reader opened it
  for (const a of [...o.attributes]) if (!n.hasAttribute(a.name)) o.removeAttribute(a.name);
  for (const a of n.attributes) if (o.getAttribute(a.name) !== a.value) o.setAttribute(a.name, a.value);
  const a = [...o.childNodes];
  const b = [...n.childNodes];
  b.forEach((nb, i) => {
    const oa = a[i];
    if (!oa) o.append(nb);
    else if (oa.nodeName !== nb.nodeName || oa.id !== nb.id) o.replaceChild(nb, oa);
    else if (oa.nodeType === 3) oa.data !== nb.data && (oa.data = nb.data);
    else morph(oa, nb);
  });
  for (let i = b.length; i < a.length; i++) a[i].remove();
  if (FORM_TAGS.includes(o.nodeName)) {
    if (o.value !== n.value) o.value = n.value;
    o.checked = n.checked;
  }
}

const unset = (v) => v === undefined || v === "";

export function start(canbao, options = {}) {
  const params = new URLSearchParams(location.search);
  const kiosk = !!options.kiosk || params.get("kiosk") === "1";
  // A fixed day for tests (?today=2026-11-24); otherwise the device's date in China.
  const today = /^\d{4}-\d\d-\d\d$/.test(params.get("today") ?? "") ? params.get("today") : chinaToday();
  const idleParam = Number(params.get("idle"));
  const idle = idleParam > 0 && Number.isFinite(idleParam) ? Math.min(Math.max(idleParam, 30), 3600) : 120;
  const app = document.getElementById("app");
  document.body.classList.toggle("kiosk", kiosk);
  document.documentElement.classList.toggle("kiosk", kiosk);

  const regionsIn = (lang) => canbao.regions(lang, today);
  const all = regionsIn("zh-CN");
  const home = all.find((r) => r.default) ?? all[0];
  const ownYear = (r) => r.enrollingYear ?? r.firstYear;
  const lastYear = Math.max(...all.map((r) => r.lastYear ?? r.enrollingYear ?? Number(today.slice(0, 4)) + 1));
  const firstYear = Math.min(...all.map((r) => r.firstYear));
  const lang0 = params.get("lang");

  const lang1 = LANGS.some(([l]) => l === lang0) ? lang0 : "zh-CN";
  const S = {
    lang: lang1,
    household: [],
    notice: "",
  };
  const fresh = () => Object.assign(S, {
    form: { region: home.id, year: ownYear(home) },
    raw: {}, // what was typed, before it makes an answer (date parts, age, wage)
    local: {}, // the page's own complaints about a field (a date not filled in)
    useAge: kiosk,
    checked: false,
    res: null,
    v: null,
    err: null,
    asked: [], // the questions the engine asked for, in the order it did
    earlier: false,
    pad: kiosk ? "q-age" : null,
  });
  fresh();

  const L = () => S.lang;
  const answered = (k) => (k === "birthDate" ? !unset(S.form.birthDate) || !unset(S.form.age) : !unset(S.form[k]));

  function run() {
    try {
      S.res = canbao.check({ ...requestFrom(S.form), lang: S.lang }, today);
      S.v = view(S.res);
      S.err = null;
      if (S.checked) {
        S.asked = S.asked.filter((k) => S.v.ask.includes(k) || answered(k));
        for (const k of S.v.ask) if (!S.asked.includes(k)) S.asked.push(k);
      }
    } catch (e) {
      // The last answer stays for its questions, but its cards are not shown.
      S.err = errorView(e);
    }
  }

  function update() {
    run();
    render();
  }

  function set(key, value) {
    if (unset(value)) delete S.form[key];
    else S.form[key] = value;
    update();
  }

  // ---- the questions ---------------------------------------------------

  let shown; // the fields drawn this time, so an error is placed by its field or in the answer

  function errorFor(key) {
    if (S.err && S.err.field === key) return S.err.message;
    const c = S.local[key];
    if (c === "year" || (c && S.checked)) return t(L(), c === "year" ? "yearDigits" : "incomplete");
    return null;
  }

  const errNode = (key, err) => err && h("p", { class: "error", id: `err-${key}` }, err);
  const invalid = (key, err) => ({ "aria-invalid": err ? "true" : null, "aria-describedby": err ? `err-${key}` : null });

  /** A text field for numbers; in a kiosk the number pad types into it. */
  function num(id, key, max, attrs) {
    return h("input", {
      id, type: "text", class: "num", maxlength: max, size: max, autocomplete: "off",
      inputmode: kiosk ? "none" : key === "monthlyWage" ? "decimal" : "numeric",
      onfocusin: () => kiosk && S.pad !== id && ((S.pad = id), render()),
      ...attrs,
    });
  }

  function labelOf(key) {
    const f = FIELDS[key];
    return f ? pick(L(), f.label, { y: key === "continuousYears" ? S.form.lastCoveredYear : coverageYear() - 1 }) : key;
  }

  const coverageYear = () => Number(S.v?.year ?? S.form.year);

  function choicesOf(key) {
    if (key === "enrolled") {
      const names = (S.res?.schemes ?? []).filter((s) => s.role === "basic").map((s) => [s.scheme, s.name]);
      return [["none", pick(L(), FIELDS.enrolled.choices.none)], ...names];
    }
    return Object.entries(FIELDS[key].choices).map(([v, label]) => [v, pick(L(), label)]);
  }

  function radios(key, label, current, onpick, err, extra) {
    const id = `q-${key}`;
    return h("fieldset", { class: "q choices", id: `f-${key}`, ...invalid(key, err) },
      h("legend", {}, label),
      choicesOf(key).map(([value, text]) =>
        h("label", { class: "choice" },
          h("input", { type: "radio", name: id, id: `${id}-${value}`, value, checked: current === value, onchange: () => onpick(value) }),
          h("span", {}, text))),
      extra,
      errNode(key, err));
  }

  function question(key) {
    shown.add(key);
    if (key === "birthDate" || key === "age") return birth();
    const f = FIELDS[key];
    const err = errorFor(key);
    const id = `q-${key}`;
    if (f.date) return dateQ(key, labelOf(key), err);
    if (f.amount) {
      return h("div", { class: "q", id: `f-${key}` },
        h("label", { for: id }, labelOf(key)),
        num(id, key, 16, { value: S.raw[key] ?? S.form[key] ?? "", ...invalid(key, err), oninput: (e) => (S.raw[key] = e.target.value), onchange: (e) => set(key, e.target.value.trim()) }),
        pad([id]),
        errNode(key, err));
    }
    if (key === "lastCoveredYear") return lastCovered(err);
    if (f.count) {
      const last = Number(S.form.lastCoveredYear);
      const max = key === "backPayYears" && last ? Math.max(0, coverageYear() - 1 - last) : 30;
      const options = [];
      for (let i = key === "backPayYears" ? 0 : 1; i <= max; i++) options.push(h("option", { value: String(i) }, String(i)));
      return h("div", { class: "q", id: `f-${key}` },
        h("label", { for: id }, labelOf(key)),
        h("select", { id, value: S.form[key] ?? "", ...invalid(key, err), onchange: (e) => set(key, e.target.value) }, h("option", { value: "" }, "—"), options),
        errNode(key, err));
    }
    const cur = S.form[key] === undefined ? undefined : String(S.form[key]);
    return radios(key, labelOf(key), cur, (v) => set(key, v), err);
  }

  /** Insured last year? If not, since when; or never. */
  function lastCovered(err) {
    const last = coverageYear() - 1;
    const cur = S.form.lastCoveredYear;
    const which = cur === String(last) ? "last" : cur === "never" ? "never" : cur || S.earlier ? "earlier" : undefined;
    const years = [];
    for (let y = last - 1; y >= 1998; y--) years.push(h("option", { value: String(y) }, String(y)));
    const more = which === "earlier" && h("div", { class: "q sub" },
      h("label", { for: "q-lastYear" }, pick(L(), FIELDS.lastYear.label)),
      h("select", { id: "q-lastYear", value: which === "earlier" && cur ? cur : "", onchange: (e) => set("lastCoveredYear", e.target.value) }, h("option", { value: "" }, "—"), years));
    return radios("lastCoveredYear", labelOf("lastCoveredYear"), which, (v) => {
      S.earlier = v === "earlier";
      set("lastCoveredYear", v === "last" ? String(last) : v === "never" ? "never" : "");
    }, err, more);
  }

  /** Year, month and day in three fields: never a date the person did not type. */
  function dateQ(key, label, err, extra) {
    const raw = (S.raw[key] ??= (S.form[key] ?? "--").split("-"));
    const typed = (i, value) => {
      raw[i] = value;
      const d = dateOf(...raw);
      if (d.date) S.form[key] = d.date;
      else delete S.form[key];
      S.local[key] = d.error === "year" && (raw[1] || raw[2]) ? "year" : d.error;
    };
    const ids = ["y", "m", "d"].map((p) => `q-${key}-${p}`);
    return h("fieldset", { class: "q date", id: `f-${key}`, ...invalid(key, err) },
      h("legend", {}, label),
      h("div", { class: "parts" }, ["y", "m", "d"].map((p, i) =>
        h("label", { class: `part ${p}` },
          num(ids[i], key, i ? 2 : 4, { value: raw[i] ?? "", "aria-invalid": err ? "true" : null, oninput: (e) => typed(i, e.target.value.trim()), onchange: update }),
          h("span", {}, t(L(), p))))),
      pad(ids),
      extra,
      errNode(key, err));
  }

  /** Date of birth, or the age instead; the age the engine worked out is shown. */
  function birth() {
    const lang = L();
    const key = S.useAge ? "age" : "birthDate";
    const err = errorFor(key);
    shown.add("age");
    // The line is always there, so the page does not jump when it fills.
    const age = h("p", { class: "age-is", id: "age-is", "aria-live": "polite" },
      S.v && !S.err && S.v.age !== null && (S.form.birthDate || !unset(S.form.age)) ? t(lang, "ageIs", { date: S.v.referenceDate, age: S.v.age }) : "\u00a0");
    const toggle = h("button", {
      type: "button", class: "link", id: "age-toggle",
      onclick: () => {
        S.useAge = !S.useAge;
        for (const k of ["birthDate", "age"]) delete S.form[k], delete S.raw[k], delete S.local[k];
        S.pad = kiosk ? (S.useAge ? "q-age" : "q-birthDate-y") : null;
        update();
      },
    }, t(lang, S.useAge ? "orDate" : "orAge"));
    if (!S.useAge) return dateQ("birthDate", t(lang, "birthDate"), err, [age, toggle]);
    return h("div", { class: "q", id: "f-birthDate" },
      h("label", { for: "q-age" }, t(lang, "age")),
      num("q-age", "age", 3, { value: S.raw.age ?? S.form.age ?? "", ...invalid("age", err), oninput: (e) => (S.raw.age = e.target.value), onchange: (e) => set("age", e.target.value.trim()) }),
      pad(["q-age"]),
      age,
      toggle,
      errNode("age", err));
  }

  /** The kiosk's number pad, under the field it types into. */
  function pad(ids) {
    if (!kiosk || !ids.includes(S.pad)) return null;
    const press = (k) => () => {
      const input = document.getElementById(S.pad);
      if (!input) return;
      const max = input.maxLength > 0 ? input.maxLength : 16;
      const v = k === "del" ? input.value.slice(0, -1) : k === "clear" ? "" : (input.value + k).slice(0, max);
      input.value = v;
      input._on.input({ target: input });
      const i = ids.indexOf(S.pad);
      if (k.length === 1 && v.length >= max && i < ids.length - 1) S.pad = ids[i + 1];
      input._on.change({ target: input });
    };
    const lang = L();
    return h("div", { class: "pad", role: "group", "aria-label": t(lang, "pad") },
      ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "del"].map((k) =>
        h("button", { type: "button", id: `pad-${k}`, onclick: press(k), "aria-label": k.length > 1 ? t(lang, k) : null }, k === "del" ? "⌫" : k === "clear" ? t(lang, "clear") : k)));
  }

  // ---- which rules answer ----------------------------------------------

  function rules() {
    const lang = L();
    const list = regionsIn(lang);
    const r = list.find((x) => x.id === S.form.region) ?? list[0];
    const y = Number(S.form.year);
    const span = (x) => (x.lastYear === null ? t(lang, "yearsFrom", { a: x.firstYear }) : t(lang, "years", { a: x.firstYear, b: x.lastYear }));
    const parent = list.find((x) => x.id === r.extends);
    const sure = r.default ? t(lang, "national") : parent?.default ? t(lang, "regional") : t(lang, "historic", { years: span(r) });
    const err = S.err && (S.err.field === "year" || S.err.field === "region") ? S.err : null;
    const other = err && err.code === "year_out_of_range" ? list.find((x) => x.id === packFor(list, y) && x.id !== r.id) : null;
    const near = Math.min(Math.max(y, r.firstYear), r.lastYear ?? lastYear);
    const years = [];
    for (let i = lastYear; i >= firstYear; i--) years.push(h("option", { value: String(i) }, i === home.enrollingYear ? t(lang, "enrolling", { y: i }) : String(i)));
    return h("section", { id: "rules", class: "rules", "aria-label": t(lang, "region") },
      h("p", { id: "rules-line" }, h("strong", {}, t(lang, "using", { name: r.name, year: y })), " ", sure),
      err && h("div", { class: "error", id: "err-year", role: "alert" },
        h("p", {}, err.message),
        other && h("button", { type: "button", id: "switch-pack", onclick: () => set("region", other.id) }, t(lang, "switchTo", { name: other.name })),
        near !== y && h("button", { type: "button", id: "switch-year", onclick: () => set("year", near) }, t(lang, "yearTo", { y: near }))),
      h("details", { id: "change", class: "no-print", open: !!err },
        h("summary", {}, t(lang, "change")),
        h("fieldset", { class: "q choices regions" },
          h("legend", {}, t(lang, "region")),
          list.map((x) => h("label", { class: "choice" },
            h("input", {
              type: "radio", name: "q-region", id: `q-region-${x.id}`, value: x.id, checked: x.id === r.id,
              onchange: () => {
                S.form.region = x.id;
                if (y < x.firstYear || y > (x.lastYear ?? lastYear)) S.form.year = ownYear(x);
                update();
              },
            }),
            h("span", {}, x.name, h("small", {}, ` · ${span(x)}`))))),
        h("div", { class: "q" },
          h("label", { for: "q-year" }, t(lang, "year")),
          h("select", { id: "q-year", value: String(y), ...invalid("year", err), onchange: (e) => set("year", e.target.value) }, years))));
  }

  // ---- the answer ------------------------------------------------------

  const amount = (a) => (a === null ? t(L(), "unknown") : `${a} ${t(L(), "yuan")}`);

  function cite(source, strength) {
    return [source && h("cite", {}, source), strength && h("span", { class: `st ${strength}` }, t(L(), strength))];
  }

  const reason = (r) => h("li", {}, r.message, " ", cite(r.source, r.strength));
  const reasons = (list, cls = "reasons") => list.length ? h("ul", { class: cls }, list.map(reason)) : null;
  const more = (label, list, open) => list.length ? h("details", { class: "why", open }, h("summary", {}, label), reasons(list)) : null;

  function fee(f) {
    if (!f) return null;
    const lang = L();
    const prov = f.provisional && f.reasons.find((r) => r.code === "figures_not_yet_published");
    const unknown = f.parts.some((p) => p.amount === null); // no bar, and the reasons shown
    return h("div", { class: "fee" },
      h("p", { class: "total" },
        `${t(lang, "total")}${t(lang, "sep")}`,
        f.minimum && f.total !== null ? `${t(lang, "atLeast")} ` : "",
        h("strong", {}, amount(f.total)),
        ` / ${t(lang, f.period === "year" ? "perYear" : "perMonth")}`,
        f.provisional && h("span", { class: "tag prov" }, t(lang, "provisional")),
        f.estimate && h("span", { class: "tag" }, t(lang, "estimate"))),
      !unknown && h("div", { class: "bar", "aria-hidden": "true" }, f.parts.map((p) => h("span", { class: `seg ${p.payer}`, "data-w": p.percent ?? 0 }))),
      h("ul", { class: "payers" }, f.parts.map((p) => h("li", { class: p.payer }, `${t(lang, p.payer)}${t(lang, "sep")}${amount(p.amount)}`))),
      prov && h("p", { class: "prov-why" }, prov.message, " ", cite(prov.source, prov.strength)),
      f.publicSubsidy && h("p", { class: "subsidy" }, t(lang, "subsidy", { a: f.publicSubsidy })),
      // Shown unfolded when they say who pays instead, or why a share is not known.
      more(t(lang, "feeWhy"), f.reasons.filter((r) => r !== prov), !S.v?.ask.length && (unknown || (f.total !== "0.00" && f.parts[0].amount === "0.00"))));
  }

  /** How to enrol: where, with what, by when; through whom and after the deadline in the engine's reasons. */
  function next(c) {
    const e = c.enrol;
    if (c.status === "ineligible" || (!e && !c.deadline)) return null;
    const lang = L();
    const sep = t(lang, "sep");
    let when = null;
    if (c.deadline) {
      const days = Math.round((Date.parse(c.deadline) - Date.parse(today)) / 86400e3);
      const label = days < 0 ? t(lang, "passed") : days === 0 ? t(lang, "today") : t(lang, "daysLeft", { n: days });
      when = h("p", { class: `deadline${days >= 0 && days <= 30 ? " near" : days < 0 ? " past" : ""}` },
        h("b", {}, t(lang, "deadline") + sep), c.deadline, " ", h("strong", {}, `· ${label}`), " ", cite(e?.deadlineSource));
    }
    return h("div", { class: "next" },
      h("h4", {}, t(lang, "next")),
      e?.where.length && h("p", {}, h("b", {}, t(lang, "where") + sep), e.where.join(t(lang, "list")), " ", cite(e.whereSource)),
      e?.documents.length && h("div", {}, h("b", {}, t(lang, "bring") + sep), h("ul", {}, e.documents.map((d) => h("li", {}, d))), cite(e.documentsSource)),
      when,
      e && reasons(e.reasons));
  }

  function cover(c) {
    const w = c.waiting;
    if (c.status === "ineligible" || (!w && !c.coverFrom)) return null;
    const lang = L();
    const known = w && w.months !== null;
    const line = [
      known && (w.months === 0 ? t(lang, "noWait") : t(lang, "wait", { n: w.months, f: w.fixedMonths, v: w.variableMonths })),
      c.coverFrom ? t(lang, "coverFrom", { date: c.coverFrom }) : known && t(lang, "noCover"),
    ].filter(Boolean).join(t(lang, "comma"));
    return h("div", { class: "cover" },
      h("h4", {}, t(lang, "cover")),
      line && h("p", { class: known && w.months > 0 ? "when waits" : "when" }, line),
      w && (known ? more(t(lang, "waitWhy"), w.reasons) : reasons(w.reasons)));
  }

  /** A scheme's card; `kind` "addOn" nests it under its scheme, "pick" marks one of a choice. */
  function scheme(c, kind) {
    const lang = L();
    const addOn = kind === "addOn";
    return h(addOn ? "section" : "article", { class: `scheme ${c.status}${addOn ? " addon" : ""}`, id: `s-${c.scheme}` },
      h(addOn ? "h4" : "h3", {}, h("span", { class: "status" }, kind ? `${t(lang, kind)} · ${t(lang, c.status)}` : t(lang, c.status)), " ", c.name),
      c.status !== "ineligible" && fee(c.fee),
      next(c),
      cover(c),
      c.status === "ineligible" ? reasons(c.reasons) : more(t(lang, "why"), c.reasons, c.status === "needs_info"),
      c.benefits.length && h("div", { class: "benefits" }, h("h4", {}, t(lang, "benefits")), reasons(c.benefits)),
      c.addOns.map((a) => scheme(a, "addOn")),
      c.instead && h("div", { class: "instead" },
        h("p", { class: "lead" }, t(lang, c.instead.choice ? "insteadChoice" : "instead", { name: c.name })),
        h("div", { class: c.instead.choice ? "side" : "" }, c.instead.cards.map((x) => scheme(x, c.instead.choice && "pickOne")))));
  }

  function openQuestions() {
    const v = S.v;
    // What the engine asks for now, then what was asked and answered; a field
    // that is among the basics stays there until the engine has asked for it.
    const open = v.ask.filter((k) => S.asked.includes(k));
    const keys = [...open, ...S.asked.filter((k) => !open.includes(k))];
    if (!keys.length) return null;
    const n = open.length;
    const waitOnly = open.every((k) => ["lastCoveredYear", "continuousYears", "backPayYears"].includes(k));
    // Once all are answered they fold away, so the answer moves up; they stay a tap away.
    if (!n) return h("details", { id: "open", class: "open-q done" }, h("summary", { id: "open-head" }, t(L(), "answered")), keys.map(question));
    return h("section", { id: "open", class: "open-q", "aria-labelledby": "open-head" },
      h("h3", { id: "open-head", tabindex: "-1" }, t(L(), waitOnly ? "openWait" : "open", { n })),
      keys.map(question));
  }

  function answer() {
    if (!S.checked) return null;
    const lang = L();
    const v = S.v;
    const box = v && openQuestions();
    const head = h("h2", { id: "answer-head", tabindex: "-1" }, t(lang, "answer"));
    if (S.err) {
      const placed = shown.has(S.err.field) || S.err.field === "year" || S.err.field === "region";
      return h("section", { id: "answer", "aria-labelledby": "answer-head" }, head, box,
        h("p", { class: "error", role: "alert", id: "answer-error" }, placed ? t(lang, "fixFirst") : S.err.message));
    }
    const none = !v.must.length && !v.may.length && !v.choices.length && !v.pending.length;
    return h("section", { id: "answer", "aria-labelledby": "answer-head" },
      head,
      box,
      v.warnings.map((w) => h("p", { class: "notice" }, w.message)),
      v.must.map((c) => scheme(c)),
      v.choices.map((g, i) => h("div", { class: "alts", id: `alts-${i}` }, h("p", { class: "lead" }, t(lang, "choice")), h("div", { class: "side" }, g.map((c) => scheme(c, "pickOne"))))),
      v.may.map((c) => scheme(c)),
      v.pending.map((c) => scheme(c)),
      v.relief.length && h("aside", { class: "relief", "aria-label": t(lang, "relief") },
        h("p", { class: "lead" }, t(lang, "relief")),
        v.relief.map((c) => h("div", { id: `s-${c.scheme}` }, h("h3", {}, c.name), reasons(c.reasons), next(c)))),
      v.notFor.length && (none
        ? h("div", { class: "none" }, h("p", { class: "lead" }, t(lang, "noneOpen")), v.notFor.map((c) => scheme(c)))
        : h("details", { class: "others no-print" }, h("summary", {}, t(lang, "otherSchemes")), v.notFor.map((c) => scheme(c)))),
      h("div", { class: "actions no-print" },
        h("button", { type: "button", id: "print", onclick: () => window.print() }, t(lang, "print")),
        h("button", { type: "button", id: "add-member", onclick: addMember }, t(lang, "addMember")),
        h("button", { type: "button", id: "restart", onclick: restart }, t(lang, "restart"))));
  }

  /** Everything forgotten, back to the top (on a kiosk, also the first language). */
  function restart(idle) {
    fresh();
    S.household = [];
    if (idle === true) S.lang = lang1;
    update();
    scrollTo(0, 0);
  }

  // ---- the household ---------------------------------------------------

  function addMember() {
    S.household.push({ ...S.form });
    const { region, year } = S.form;
    fresh();
    Object.assign(S.form, { region, year });
    update();
    document.querySelector("#questions input")?.focus();
  }

  function household() {
    if (!S.household.length) return null;
    const lang = L();
    const list = t(lang, "list");
    let hv = null;
    let error = null;
    try {
      const members = S.household.map((f) => requestFrom(f).person);
      hv = householdView(canbao.checkHousehold({ region: S.form.region, year: Number(S.form.year), lang, members }, today));
    } catch (e) {
      error = e.message;
    }
    const who = (i) => t(lang, "member", { n: i + 1 });
    return h("section", { id: "household", class: "household", "aria-labelledby": "hh-head" },
      h("h2", { id: "hh-head" }, t(lang, "household")),
      error && h("p", { class: "error" }, error),
      h("ul", { class: "members" }, S.household.map((f, i) => {
        const m = hv?.members[i];
        return h("li", { id: `member-${i}` },
          h("b", {}, who(i), m && m.age !== null ? t(lang, "years_old", { n: m.age }) : "", t(lang, "sep")),
          m?.scheme ? `${m.scheme.name} · ${t(lang, "individual")} ${amount(m.scheme.fee?.individual ?? null)}` : "",
          m?.choice ? ` ${t(lang, "choose", { list: m.choice.join(list) })}` : "",
          m?.ask.length ? ` ${t(lang, "stillAsk", { list: m.ask.map(labelOf).join(list) })}` : "",
          " ",
          h("button", { type: "button", class: "link no-print", onclick: () => edit(i) }, t(lang, "editMember")),
          " ",
          h("button", { type: "button", class: "link no-print", onclick: () => { S.household.splice(i, 1); update(); } }, t(lang, "removeMember")));
      })),
      hv && h("div", { class: "totals" },
        h("h3", {}, t(lang, "householdTotal")),
        hv.undecided.length ? h("p", { class: "notice", id: "not-settled" }, t(lang, "notSettled", { who: hv.undecided.map(who).join(list) })) : null,
        h("ul", {}, hv.totals.map((x) => h("li", {},
          `${t(lang, x.period === "year" ? "perYear" : "perMonth")}${t(lang, "sep")}${t(lang, "total")} ${amount(x.total)} · ${t(lang, "individual")} ${amount(x.individual)} · ${t(lang, "employer")} ${amount(x.employer)} · ${t(lang, "government")} ${amount(x.government)}`)))),
      hv && hv.rules.map((r) => h("p", { class: `rule${r.split ? " split" : ""}` }, r.message, " ", cite(r.source, r.strength), r.split && h("strong", {}, ` ${t(lang, "split")}`))));
  }

  function edit(i) {
    const form = S.household.splice(i, 1)[0];
    fresh();
    S.form = form;
    S.useAge = !unset(form.age);
    S.checked = true;
    update();
    document.getElementById("answer-head")?.focus();
  }

  // ---- the print slip --------------------------------------------------

  function valueOf(key) {
    const v = String(S.form[key]);
    const f = FIELDS[key];
    if (key === "lastCoveredYear") return v === "never" ? pick(L(), f.choices.never) : v;
    if (key === "enrolled") return choicesOf(key).find(([k]) => k === v)?.[1] ?? v;
    return f?.choices?.[v] ? pick(L(), f.choices[v]) : v;
  }

  function slip() {
    if (!S.checked || !S.v || S.err) return null;
    const lang = L();
    const v = S.v;
    const sep = t(lang, "sep");
    const row = (k, value) => h("li", {}, h("b", {}, k + sep), value);
    return h("section", { id: "slip", class: "print-only", "aria-hidden": "true" },
      h("h2", {}, t(lang, "slip")),
      h("ul", { class: "facts" },
        row(t(lang, "region"), v.regionName),
        row(t(lang, "year"), String(v.year)),
        row(t(lang, "printed"), today),
        row(t(lang, "rules"), `canbao ${v.rules.version} · ${v.rules.pack} ${v.rules.hash}`)),
      h("p", {}, h("b", {}, t(lang, "given") + sep), KEYS.filter((k) => !unset(S.form[k])).map((k) => {
        const q = labelOf(k);
        return `${q}${/[？?]$/.test(q) ? " " : sep}${valueOf(k)}`;
      }).join(t(lang, "semi"))),
      h("p", { class: "small" }, t(lang, "slipNote")));
  }

  // ---- the page --------------------------------------------------------

  function header() {
    const lang = L();
    return h("header", {},
      h("h1", {}, t(lang, "title")),
      h("p", { class: "intro no-print" }, t(lang, "intro")),
      h("nav", { class: "langs no-print", "aria-label": t(lang, "language") },
        LANGS.map(([code, name]) => h("button", { type: "button", lang: code, id: `lang-${code}`, "aria-pressed": code === lang ? "true" : "false", onclick: () => { S.lang = code; update(); } }, name))),
      S.notice && h("p", { class: "notice", role: "status" }, S.notice));
  }

  function form() {
    const basics = BASICS.filter((k) => !S.asked.includes(k));
    return h("form", {
      id: "questions", novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        S.checked = true;
        update();
        const target = S.err ? document.querySelector('input[aria-invalid="true"], select[aria-invalid="true"], [aria-invalid="true"] input, #err-year button') ?? document.getElementById("answer-error")
          : document.getElementById(S.v?.ask.length ? "open-head" : "answer-head");
        target?.focus();
        target?.scrollIntoView({ block: "start" });
      },
    },
      basics.length && h("fieldset", { class: "group" }, h("legend", {}, t(L(), "basics")), basics.map(question)),
      h("button", { type: "submit", class: "primary", id: "check" }, t(L(), "check")));
  }

  function render() {
    const lang = L();
    document.documentElement.lang = lang;
    document.title = `${t(lang, "title")} · canbao`;
    shown = new Set();
    const main = h("main", {}, rules(), form(), answer(), household());
    // The slip is drawn last (it reads what was shown) but printed first.
    main.prepend(slip() ?? "");
    const had = document.activeElement;
    morph(app, h("div", { id: "app" }, header(), main));
    // A field that folded away (the last open question answered) hands focus on.
    if (had && had !== document.body && !had.getClientRects().length) document.getElementById("open-head")?.focus();
    for (const seg of app.querySelectorAll(".seg")) seg.style.width = `${seg.dataset.w}%`;
  }

  if (kiosk) {
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        S.notice = t(lang1, "kioskIdle");
        restart(true);
        S.notice = "";
      }, idle * 1000);
    };
    for (const ev of ["pointerdown", "keydown", "input", "change"]) document.addEventListener(ev, arm, { passive: true });
    arm();
  }

  // One listener per kind of event: each element's handler is in its `_on`.
  for (const type of ["click", "change", "input", "submit", "focusin"]) {
    app.addEventListener(type, (e) => {
      for (let n = e.target; n && n !== app; n = n.parentNode) if (n._on?.[type]) return n._on[type](e);
    });
  }

  update();
  return { state: S, render };
}
