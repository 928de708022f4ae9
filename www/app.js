// The self-check page. `start(canbao)` takes the loaded engine and builds the
// page: a few questions, the answer, a household, a print view, a kiosk mode.
// Nothing about the person is stored or sent: the answers live in this page's
// memory only, and a kiosk wipes them after a while without touch.
import { LANGS, FIELDS, BASICS, t, pick } from "./i18n.js";
import { requestFrom, view, errorView } from "./logic.js";

/** Builds an element: h("p", { class: "x" }, "text", child…). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** Today in China (UTC+8), YYYY-MM-DD. */
function todayInChina() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}

function daysBetween(from, to) {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86400e3);
}

export function start(canbao, options = {}) {
  const params = new URLSearchParams(location.search);
  const kiosk = params.get("kiosk") === "1";
  const idleSeconds = Number(params.get("idle")) || 120;
  const app = document.getElementById("app");
  document.body.classList.toggle("kiosk", kiosk);

  const regions = canbao.regions("zh-CN");
  const fresh = () => {
    const region = regions.find((r) => r.default) ?? regions[0];
    const year = Math.min(Math.max(Number(todayInChina().slice(0, 4)), region.firstYear), region.lastYear ?? 9999);
    return { region: region.id, year: String(year) };
  };
  const state = {
    lang: params.get("lang") && LANGS.some(([l]) => l === params.get("lang")) ? params.get("lang") : "zh-CN",
    form: fresh(),
    useAge: kiosk,
    shown: new Set(BASICS),
    checked: false,
    result: null,
    error: null,
    household: [],
    notice: "",
  };

  const request = (form) => ({ ...requestFrom(form), lang: state.lang });

  function run() {
    try {
      const response = canbao.check(request(state.form), todayInChina());
      state.result = { response, view: view(response) };
      state.error = null;
      for (const key of state.result.view.ask) state.shown.add(key);
    } catch (e) {
      state.result = null;
      state.error = errorView(e);
    }
  }

  function set(key, value) {
    if (value === "" || value === undefined) delete state.form[key];
    else state.form[key] = value;
    if (state.checked) run();
    render(key);
  }

  // ---- the questions ---------------------------------------------------

  function question(key) {
    const field = FIELDS[key];
    const lang = state.lang;
    const id = `q-${key}`;
    const err = state.error && state.error.field === key ? state.error.message : null;
    const errNode = err ? h("p", { class: "error", id: `err-${key}`, role: "alert" }, err) : null;
    const describedBy = err ? `err-${key}` : null;
    if (field.date || field.amount) {
      return h("div", { class: "q" },
        h("label", { for: id }, pick(lang, field.label)),
        h("input", {
          id, type: field.date ? "date" : "text", inputmode: field.amount ? "decimal" : null, value: state.form[key] ?? "",
          "aria-invalid": err ? "true" : null, "aria-describedby": describedBy,
          onchange: (e) => set(key, e.target.value.trim()),
        }),
        errNode);
    }
    const options = field.bool ? [["true", t(lang, "yes")], ["false", t(lang, "no")]] : Object.entries(field.choices).map(([v, label]) => [v, pick(lang, label)]);
    const current = state.form[key] === undefined ? undefined : String(state.form[key]);
    return h("fieldset", { class: "q choices", "aria-describedby": describedBy },
      h("legend", {}, pick(lang, field.label)),
      options.map(([value, label]) =>
        h("label", { class: "choice" },
          h("input", {
            type: "radio", name: id, value, checked: current === value,
            onchange: () => set(key, field.bool ? value === "true" : key === "disabilityGrade" ? Number(value) : value),
          }),
          h("span", {}, label))),
      errNode);
  }

  function birth() {
    const lang = state.lang;
    const field = state.useAge ? "age" : "birthDate";
    const err = state.error && state.error.field === field ? state.error.message : null;
    const errNode = err ? h("p", { class: "error", id: `err-${field}`, role: "alert" }, err) : null;
    if (state.useAge) {
      const age = state.form.age ?? "";
      const step = (d) => set("age", String(Math.min(150, Math.max(0, (Number(age) || (d > 0 ? 0 : 1)) + d))));
      return h("div", { class: "q age" },
        h("label", { for: "q-age" }, t(lang, "age")),
        h("div", { class: "stepper" },
          h("button", { type: "button", class: "step", "aria-label": t(lang, "ageMinus"), onclick: () => step(-1) }, "−"),
          h("input", { id: "q-age", type: "number", min: "0", max: "150", inputmode: "numeric", value: age, "aria-invalid": err ? "true" : null, "aria-describedby": err ? "err-age" : null, onchange: (e) => set("age", e.target.value.trim()) }),
          h("button", { type: "button", class: "step", "aria-label": t(lang, "agePlus"), onclick: () => step(1) }, "+")),
        errNode);
    }
    return h("div", { class: "q" },
      h("label", { for: "q-birthDate" }, t(lang, "birthDate")),
      h("input", { id: "q-birthDate", type: "date", value: state.form.birthDate ?? "", "aria-invalid": err ? "true" : null, "aria-describedby": err ? "err-birthDate" : null, onchange: (e) => set("birthDate", e.target.value.trim()) }),
      h("button", { type: "button", class: "link", onclick: () => { delete state.form.birthDate; state.useAge = true; if (state.checked) run(); render("age"); } }, t(lang, "orAge")),
      errNode);
  }

  function form() {
    const lang = state.lang;
    const region = regions.find((r) => r.id === state.form.region);
    const years = [];
    for (let y = region.firstYear; y <= (region.lastYear ?? Math.max(region.firstYear, Number(todayInChina().slice(0, 4)) + 1)); y++) years.push(String(y));
    const regionErr = state.error && (state.error.field === "region" || state.error.field === "year") ? state.error.message : null;
    const extra = [...state.shown].filter((k) => !BASICS.includes(k) && FIELDS[k]);
    return h("form", { id: "questions", onsubmit: (e) => { e.preventDefault(); state.checked = true; run(); render(); document.getElementById("answer")?.focus(); } },
      h("fieldset", { class: "group" },
        h("legend", {}, t(lang, "basics")),
        h("div", { class: "q" },
          h("label", { for: "q-region" }, t(lang, "region")),
          h("select", { id: "q-region", onchange: (e) => { state.form.region = e.target.value; const r = regions.find((x) => x.id === e.target.value); state.form.year = String(r.lastYear ?? Math.max(r.firstYear, Number(todayInChina().slice(0, 4)))); if (state.checked) run(); render("region"); } },
            canbao.regions(lang).map((r) => h("option", { value: r.id, selected: r.id === state.form.region }, r.name)))),
        h("div", { class: "q" },
          h("label", { for: "q-year" }, t(lang, "year")),
          h("select", { id: "q-year", onchange: (e) => set("year", e.target.value) }, years.map((y) => h("option", { value: y, selected: y === state.form.year }, y))),
          regionErr ? h("p", { class: "error", role: "alert" }, regionErr) : null),
        birth(),
        BASICS.map(question)),
      extra.length ? h("fieldset", { class: "group more" }, h("legend", {}, t(lang, "more")), extra.map(question)) : null,
      h("button", { type: "submit", class: "primary", id: "check" }, t(lang, "check")));
  }

  // ---- the answer ------------------------------------------------------

  function fee(f) {
    const lang = state.lang;
    if (!f) return null;
    const amount = (a) => (a === null ? t(lang, "unknown") : `${a} ${t(lang, "yuan")}`);
    return h("div", { class: "fee" },
      h("p", { class: "total" }, `${t(lang, "total")} ${amount(f.total)} / ${t(lang, f.period === "year" ? "perYear" : "perMonth")}`),
      h("div", { class: "bar", role: "img", "aria-label": f.parts.map((p) => `${t(lang, p.payer)} ${amount(p.amount)}`).join("，") },
        f.parts.map((p) => {
          const seg = h("span", { class: `seg ${p.payer}` });
          seg.style.width = `${p.percent ?? 0}%`;
          return seg;
        })),
      h("ul", { class: "payers" }, f.parts.map((p) => h("li", { class: p.payer }, `${t(lang, p.payer)}：${amount(p.amount)}`))),
      f.reasons.length ? h("ul", { class: "reasons small" }, f.reasons.map(reason)) : null);
  }

  function reason(r) {
    return h("li", {}, r.message, r.source ? h("span", { class: "source" }, ` （${r.source}）`) : null);
  }

  function deadline(d) {
    const lang = state.lang;
    if (!d) return null;
    const days = daysBetween(todayInChina(), d);
    const near = days >= 0 && days <= 30;
    const label = days < 0 ? t(lang, "passed") : days === 0 ? t(lang, "today") : t(lang, "daysLeft", { n: days });
    return h("p", { class: `deadline${near ? " near" : ""}` }, `${t(lang, "deadline")}：${d}`, near || days < 0 ? h("strong", {}, ` · ${label}`) : null);
  }

  function scheme(s) {
    const lang = state.lang;
    const status = { mandatory: "mustJoin", eligible: "mayJoin", needs_info: "needsInfo", ineligible: "notForYou" }[s.status];
    return h("article", { class: `scheme ${s.status}` },
      h("h3", {}, h("span", { class: "status" }, t(lang, status)), " ", s.name),
      fee(s.fee),
      deadline(s.deadline),
      s.reasons.length ? h("div", {}, h("h4", {}, t(lang, "why")), h("ul", { class: "reasons" }, s.reasons.map(reason))) : null,
      s.where.length ? h("div", {}, h("h4", {}, t(lang, "where")), h("ul", {}, s.where.map((w) => h("li", {}, w)))) : null,
      s.documents.length ? h("div", {}, h("h4", {}, t(lang, "bring")), h("ul", {}, s.documents.map((d) => h("li", {}, d)))) : null);
  }

  function answer() {
    const lang = state.lang;
    if (!state.checked) return null;
    if (state.error) return h("section", { id: "answer", tabindex: "-1", "aria-live": "polite" }, h("h2", {}, t(lang, "answer")), h("p", { class: "error", role: "alert" }, state.error.message));
    const v = state.result.view;
    const benefits = state.result.response.schemes.flatMap((s) => s.benefits);
    return h("section", { id: "answer", tabindex: "-1", "aria-live": "polite" },
      h("h2", {}, t(lang, "answer")),
      v.open.length > 1 ? h("p", {}, t(lang, "choice")) : null,
      h("div", { class: v.open.length > 1 ? "open side-by-side" : "open" }, v.open.map(scheme)),
      benefits.length ? h("div", { class: "benefits" }, h("h4", {}, t(lang, "benefits")), h("ul", {}, benefits.map(reason))) : null,
      v.others.length ? h("details", { class: "others", open: v.open.length === 0 }, h("summary", {}, t(lang, "otherSchemes")), v.others.map(scheme)) : null,
      h("div", { class: "actions no-print" },
        h("button", { type: "button", id: "print", onclick: () => window.print() }, t(lang, "print")),
        h("button", { type: "button", id: "add-member", onclick: addMember }, t(lang, "addMember")),
        h("button", { type: "button", id: "restart", onclick: restart }, t(lang, "restart"))));
  }

  // ---- the household ---------------------------------------------------

  function addMember() {
    state.household.push({ ...state.form });
    const keep = { region: state.form.region, year: state.form.year };
    state.form = keep;
    state.shown = new Set(BASICS);
    state.checked = false;
    state.result = null;
    render();
    document.getElementById("q-region")?.focus();
  }

  function household() {
    const lang = state.lang;
    if (!state.household.length) return null;
    let result = null;
    let error = null;
    try {
      const members = state.household.map((f) => requestFrom(f).person);
      result = canbao.checkHousehold({ region: state.form.region, year: Number(state.form.year), lang, members }, todayInChina());
    } catch (e) {
      error = e.message;
    }
    const amount = (a) => (a === null ? t(lang, "unknown") : `${a} ${t(lang, "yuan")}`);
    return h("section", { id: "household", class: "household" },
      h("h2", {}, t(lang, "household")),
      error ? h("p", { class: "error", role: "alert" }, error) : null,
      h("ol", {}, state.household.map((f, i) => {
        const r = result?.members[i];
        const chosen = result?.chosen[i];
        const s = r?.schemes.find((x) => x.scheme === chosen);
        return h("li", {},
          `${t(lang, "member", { n: i + 1 })}：${s ? `${s.name} · ${t(lang, "individual")} ${amount(s.fee?.individual ?? null)}` : "—"} `,
          h("button", { type: "button", class: "link no-print", onclick: () => { state.household.splice(i, 1); render(); } }, t(lang, "removeMember")));
      })),
      result ? h("div", { class: "totals" }, h("h3", {}, t(lang, "householdTotal")),
        h("ul", {}, result.totals.map((tot) => h("li", {},
          `${t(lang, tot.period === "year" ? "perYear" : "perMonth")}：${t(lang, "total")} ${amount(tot.total)} · ${t(lang, "individual")} ${amount(tot.individual)} · ${t(lang, "employer")} ${amount(tot.employer)} · ${t(lang, "government")} ${amount(tot.government)}`)))) : null,
      result ? result.rules.map((rule) => h("p", { class: `rule${rule.split ? " split" : ""}` }, rule.message, rule.source ? h("span", { class: "source" }, ` （${rule.source}）`) : null, rule.split ? h("strong", {}, ` ${t(lang, "split")}`) : null)) : null);
  }

  // ---- the page --------------------------------------------------------

  function restart() {
    state.form = fresh();
    state.useAge = kiosk;
    state.shown = new Set(BASICS);
    state.checked = false;
    state.result = null;
    state.error = null;
    state.household = [];
    render();
  }

  function header() {
    const lang = state.lang;
    return h("header", {},
      h("h1", {}, t(lang, "title")),
      h("p", { class: "intro" }, t(lang, "intro")),
      h("nav", { class: "langs no-print", "aria-label": t(lang, "language") },
        LANGS.map(([code, name]) => h("button", { type: "button", lang: code, "aria-pressed": code === lang ? "true" : "false", onclick: () => { state.lang = code; document.documentElement.lang = code; if (state.checked) run(); render(`lang-${code}`); }, id: `lang-${code}` }, name))),
      state.notice ? h("p", { class: "notice", role: "status" }, state.notice) : null);
  }

  function render(focusKey) {
    const focused = document.activeElement?.id;
    app.replaceChildren(header(), h("main", {}, form(), answer(), household(), state.household.length ? null : state.checked ? h("p", { class: "hint no-print" }, t(state.lang, "householdEmpty")) : null));
    const target = document.getElementById(focused) ?? (focusKey ? document.querySelector(`[name="q-${focusKey}"]:checked, #q-${focusKey}`) : null);
    target?.focus();
  }

  if (kiosk) {
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        restart();
        state.notice = t(state.lang, "kioskIdle");
        render();
        state.notice = "";
      }, idleSeconds * 1000);
    };
    for (const ev of ["pointerdown", "keydown", "input", "change"]) document.addEventListener(ev, arm, { passive: true });
    arm();
  }

  document.documentElement.lang = state.lang;
  render();
  return { state, render };
}
