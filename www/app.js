// The self-check page. `start(canbao, { kiosk })` takes the loaded engine and
// builds the page: the rules it answers with, a few questions, the answer with
// the questions still open first, a household, a print slip, a kiosk mode.
// Nothing about the person is stored or sent: the answers live in this page's
// memory only, and a kiosk wipes them after a while without touch.
//
// One state object, drawn by Preact (view/*.js) whenever it changes. A draw
// asked for while one is under way (a field's change event fired by Preact
// removing it) waits for the end of that one: a draw never runs inside another.
import { h, render } from "preact";
import { LANGS, t, wantLang, words } from "./i18n.js";
import { requestFrom, view, errorView, chinaToday, packOfPlace, placesIn, dateOf } from "./logic.js";
import { Page } from "./view/page.js";

const unset = (v) => v === undefined || v === "";

/** The day to answer for: the device's, unless it is before the build or past the engine's range (then the build's, and said). */
function clock(device) {
  return device < __BUILT_ON__ || device > "2199-12-31" ? { today: __BUILT_ON__, wrongClock: device } : { today: device };
}

/**
 * The page's settings from its address: ?kiosk=1, ?today=, ?idle= (seconds),
 * ?lang=, ?region= (a pack's or place's id; ?place= too) and ?year= (checked
 * once the engine is there: one it does not know is said, and the default shown).
 */
function settings(options) {
  const params = new URLSearchParams(location.search);
  const given = params.get("idle");
  const idle = given !== null && Number(given) > 0 && Number.isFinite(Number(given)) ? Math.min(Math.max(Number(given), 30), 3600) : 120;
  const lang = params.get("lang");
  return {
    kiosk: !!options.kiosk || params.get("kiosk") === "1",
    // A fixed day for tests (?today=2026-11-24); otherwise the device's date
    // in China, unless it is before this page was built or past what the
    // engine reads (a clock reset to 1970, or 9999): then the build's day, said.
    ...(/^\d{4}-\d\d-\d\d$/.test(params.get("today") ?? "") ? { today: params.get("today") } : clock(chinaToday())),
    idle,
    firstLang: LANGS.some(([l]) => l === lang) ? lang : "zh-CN",
    region: params.get("region") ?? params.get("place") ?? "",
    year: params.get("year") ?? "",
  };
}

export function start(canbao, options = {}) {
  const { kiosk, today, wrongClock, idle, firstLang, region: askedRegion, year: askedYear } = settings(options);
  // The places whose packs the page can fetch (their index: names, provinces, years).
  const places = options.places ?? [];
  const root = document.getElementById("app");
  // The static form in index.html, usable before the engine came: what was
  // typed in it, and where the cursor was, carry over.
  const early = ["y", "m", "d"].map((p) => document.getElementById(`q-birthDate-${p}`)?.value ?? "");
  const focused = document.activeElement?.id;
  root.textContent = "";
  document.body.classList.toggle("kiosk", kiosk);
  document.documentElement.classList.toggle("kiosk", kiosk);

  /** A language's words, and its texts in the packs where the build left them out (packs-zh.js). */
  const speak = (lang) =>
    Promise.all([wantLang(lang), lang !== "zh-CN" && options.packTexts?.(lang)]).then(([, m]) => m && canbao.addTexts(m.default));
  const regionsIn = (lang) => canbao.regions(lang, today);
  const home = regionsIn("zh-CN").find((r) => r.default) ?? regionsIn("zh-CN")[0];
  const ownYear = (r) => r.enrollingYear ?? r.firstYear;
  // The historical documents' packs, fetched when a resident asks for other rules.
  let past = null;
  function wantPast() {
    if (past || !options.pastPacks) return past ?? Promise.resolve();
    past = options.pastPacks().then(
      (m) => {
        canbao.addPacks(m.default);
        draw();
      },
      () => {
        past = null; // offline before they were ever fetched: asked again next time
      },
    );
    return past;
  }

  // Places and their packs ----------------------------------------------
  const loaded = (id) => regionsIn("zh-CN").some((r) => r.id === id);
  const isPlace = (id) => places.some((p) => p.id === id);
  /** Where ?place= (or the build) sets the page: { province, city }. */
  function placeOf(id) {
    const p = places.find((x) => x.id === id);
    return p ? { province: p.province, city: p.level === "city" ? p.id : "" } : { province: "", city: "" };
  }
  /** Today's rules where the resident lives: the place's pack once it is here, else the national. */
  function todaysRegion(lang = "zh-CN") {
    const id = packOfPlace(places, state.place.province, state.place.city);
    const list = regionsIn(lang);
    return (id && list.find((r) => r.id === id)) || list.find((r) => r.id === home.id);
  }
  /** Whether the place picked has no figures here (and the national minimums answer). */
  function placeUnknown() {
    const { province, city } = state.place;
    if (!province || packOfPlace(places, province, city)) return false;
    return placesIn(places, province).cities.length === 0 || city === "other";
  }
  /** Answers with pack `id`, in one of its years (the one asked if it has it). */
  function useRegion(id) {
    const r = regionsIn("zh-CN").find((x) => x.id === id) ?? home;
    state.form.region = r.id;
    if (!r.years.some((x) => x.year === Number(state.form.year))) state.form.year = ownYear(r);
    update();
  }
  let picking = 0; // the latest pick: a slow fetch for an earlier one is not applied
  /** Sets the place and answers with its pack, fetching it first if it is not here yet. */
  async function pickPlace(province, city) {
    const mine = ++picking;
    state.place = { province, city };
    state.placeNote = null;
    const id = packOfPlace(places, province, city);
    if (id && !loaded(id) && options.placePack) {
      state.placeNote = { key: "placeLoading" };
      draw();
      try {
        canbao.addPacks((await options.placePack(id)).default);
      } catch {
        if (mine !== picking) return;
        const p = places.find((x) => x.id === id);
        state.placeNote = { key: "placeFailed", name: words(state.lang, p.name.join("|")) };
        useRegion(home.id);
        return;
      }
      if (mine !== picking) return;
      state.placeNote = null;
    }
    useRegion(id && loaded(id) ? id : home.id);
  }

  // The place a link asks for (?region=beijing) is where the page is set.
  const firstPlace = places.some((p) => p.id === askedRegion) ? askedRegion : "";
  const state = { lang: firstLang, household: [], notice: wrongClock ? t(firstLang, "wrongClock", { d: wrongClock, u: today }) : "", place: placeOf(firstPlace), placeNote: null };
  /** A person's answers, as at the start (the place stays). */
  function fresh() {
    const r = todaysRegion();
    Object.assign(state, {
      form: { region: r.id, year: ownYear(r) },
      typed: {}, // what was typed, before it makes an answer (date parts, age, wage)
      complaints: {}, // the page's own complaints about a field (a date not filled in)
      byAge: kiosk, // the age asked instead of the birth date
      checked: false,
      response: null,
      view: null,
      error: null,
      asked: [], // the questions the engine asked for, in the order it did
      earlier: false, // "not insured last year, but earlier", before the year is picked
      padFor: kiosk ? "q-age" : null, // the field the kiosk's number pad types into
      yearChosen: false, // the year picked by the resident (or ?year=), not the engine's
      baby: false, // disabilityGrade set to 0 for a baby
    });
  }
  fresh();

  const answered = (k) => (k === "birthDate" ? !unset(state.form.birthDate) || !unset(state.form.age) : !unset(state.form[k]));

  /** Checks the person's answers as they stand. */
  function check() {
    try {
      const request = { ...requestFrom(state.form), lang: state.lang };
      // The year the resident did not pick is the engine's: the one being
      // enrolled for, or a newborn's birth year (covered from birth). A
      // historical pack's has no year being enrolled for: its own stays.
      if (!state.yearChosen && regionsIn("zh-CN").find((x) => x.id === state.form.region)?.enrollingYear) delete request.year;
      state.response = canbao.check(request, today);
      state.form.year = state.response.year;
      state.view = view(state.response);
      // A baby is not asked about a disability certificate (taken as none, and said so).
      const baby = state.view.age === 0;
      if (state.baby !== baby && (baby ? state.view.ask.includes("disabilityGrade") && unset(state.form.disabilityGrade) : state.baby)) {
        if (baby) state.form.disabilityGrade = "0";
        else delete state.form.disabilityGrade;
        state.baby = baby;
        return check();
      }
      state.error = null;
      if (state.checked) {
        state.asked = state.asked.filter((k) => state.view.ask.includes(k) || answered(k));
        for (const k of state.view.ask) if (!state.asked.includes(k)) state.asked.push(k);
      }
    } catch (e) {
      // The last answer stays for its questions, but its cards are not shown.
      state.error = errorView(e);
    }
  }

  let drawing = false;
  let again = false;
  function draw() {
    if (drawing) {
      again = true;
      return;
    }
    drawing = true;
    try {
      do {
        again = false;
        const lang = state.lang;
        document.documentElement.lang = lang;
        document.title = `${t(lang, "title")} · canbao`;
        const had = document.activeElement;
        // A new `round` (restart) builds the page afresh: no half-typed text
        // the state never saw survives in a field.
        render(h(Page, { page, key: state.round }), root);
        // A field that folded away (the last open question answered) hands focus on.
        if (had && had !== document.body && !had.getClientRects().length) document.getElementById("open-head")?.focus();
      } while (again);
    } finally {
      drawing = false;
    }
  }

  function update() {
    check();
    draw();
  }

  const page = {
    state,
    kiosk,
    // The number pad: kiosk.html passes it; the page loads it in kiosk mode.
    Pad: options.Pad,
    today,
    home,
    wantPast,
    regionsIn,
    ownYear,
    places,
    isPlace,
    todaysRegion,
    placeUnknown,
    pickPlace,
    useRegion,
    update,
    draw,
    /** Sets a form answer (or clears it) and checks again. */
    set(key, value) {
      if (key === "year") state.yearChosen = true;
      // "Not registered yet" answers whether the hukou is registered, not where.
      if (key === "hukouLocal") delete state.form.hukouRegistered;
      if (value === "unregistered") [key, value, state.form.hukouLocal] = ["hukouRegistered", "false", undefined];
      if (unset(value)) delete state.form[key];
      else state.form[key] = value;
      update();
    },
    setLang(lang) {
      // Its words first, if the build split them off (offline and never
      // fetched: 简体 stays, rather than a page half in each).
      speak(lang).then(() => {
        state.lang = lang;
        update();
      }, () => {});
    },
    submit() {
      state.checked = true;
      update();
      const target = state.error
        ? document.querySelector('input[aria-invalid="true"], select[aria-invalid="true"], [aria-invalid="true"] input, #err-year button') ?? document.getElementById("answer-error")
        : document.getElementById(state.view?.ask.length ? "open-head" : "answer-head");
      target?.focus();
      target?.scrollIntoView({ block: "start" });
    },
    /** Everything forgotten, back to the top (after the kiosk's idle time, also the first language). */
    restart(idle) {
      document.activeElement?.blur?.();
      state.round = (state.round ?? 0) + 1;
      if (idle === true) {
        state.lang = firstLang;
        state.place = placeOf(firstPlace);
        state.placeNote = null;
      }
      fresh();
      state.household = [];
      state.editing = -1;
      update();
      scrollTo(0, 0);
    },
    addMember() {
      // One being changed goes back in its place; a new one at the end.
      if (state.editing >= 0) state.household[state.editing] = { ...state.form };
      else state.household.push({ ...state.form });
      state.editing = -1;
      const { region, year } = state.form;
      const { yearChosen } = state;
      fresh();
      Object.assign(state.form, { region, year });
      state.yearChosen = yearChosen;
      update();
      document.querySelector("#questions input")?.focus();
    },
    editMember(i) {
      // The member stays in the list (and in the totals) while changed.
      const form = { ...state.household[i] };
      fresh();
      state.editing = i;
      state.form = form;
      state.byAge = !unset(form.age);
      state.checked = true;
      update();
      document.getElementById("answer-head")?.focus();
    },
    removeMember(i) {
      state.household.splice(i, 1);
      if (state.editing === i) state.editing = -1;
      else if (state.editing > i) state.editing--;
      update();
    },
    /** The household's answer, or the error that stops it. */
    household() {
      const members = state.household.map((f) => requestFrom(f).person);
      return canbao.checkHousehold({ region: state.form.region, year: Number(state.form.year), lang: state.lang, members }, today);
    },
  };

  if (kiosk) {
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        state.notice = t(firstLang, "kioskIdle");
        page.restart(true);
        state.notice = "";
      }, idle * 1000);
    };
    for (const ev of ["pointerdown", "keydown", "input", "change"]) document.addEventListener(ev, arm, { passive: true });
    arm();
  }

  /** Opens on the region and year a link asks for, once their packs are here; says so when there are none such. */
  async function openOn(id, year) {
    if (!firstPlace && !id && !year) return; // nothing asked: the first answer stands
    const lang = state.lang;
    if (firstPlace) {
      await pickPlace(state.place.province, state.place.city);
    } else if (id) {
      if (!loaded(id) && /^[a-z0-9-]{1,64}$/.test(id)) await wantPast();
      const r = regionsIn(lang).find((x) => x.id === id);
      if (r && !r.base) useRegion(r.id);
      else state.notice = t(lang, "unknownRegion", { id: id.slice(0, 64), name: regionsIn(lang).find((x) => x.id === state.form.region)?.name });
    }
    if (year) {
      const r = regionsIn(lang).find((x) => x.id === state.form.region);
      if (r && r.years.some((x) => String(x.year) === year)) [state.form.year, state.yearChosen] = [Number(year), true];
      else state.notice = t(lang, "unknownYear", { y: year.slice(0, 8), name: r?.name, shown: state.form.year });
    }
    update();
  }

  if (early.some(Boolean) && !kiosk) {
    state.typed.birthDate = early;
    const d = dateOf(...early);
    if (d.date) state.form.birthDate = d.date;
  }
  update();
  if (kiosk && !page.Pad && options.loadPad) options.loadPad().then((m) => ((page.Pad = m.Pad), draw()));
  if (focused) document.getElementById(focused)?.focus();
  if (firstLang !== "zh-CN") speak(firstLang).then(update, () => {});
  openOn(askedRegion, askedYear);
  return { state, render: draw };
}
