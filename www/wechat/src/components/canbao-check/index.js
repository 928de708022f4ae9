// The check, as a component: a short form, then the answer, with the questions
// the engine still needs above it. The engine runs here, in the mini-program:
// nothing about the person leaves the phone. pages/check uses it; put it in
// any page of your own:
//
//   "usingComponents": { "canbao-check": "/components/canbao-check/index" }
//   <canbao-check region="beijing" regions="beijing" root="/canbao/" />
//
// Properties: `region` (the pack picked first), `year`, `today` (a fixed day,
// for tests), `regions` (the packs offered, ids separated by commas; all when
// empty), `root` (where the canbao/ folder sits in the package: "/canbao/", or
// "/sub/canbao/" in a subpackage). The same flow as the web page: open
// questions first, alternatives only where the engine groups them, the next
// step on every card.
import { loadCanbao, isLoaded, check, regions } from "../../canbao/loader.js";
import { requestFrom, errorView, chinaToday } from "./logic.js";
import { questions, basics, answer, answerOf } from "./model.js";
import { say, WORDS } from "./words.js";

/** The region's years, newest first: the one being enrolled for and those whose figures stand in for unpublished ones say so. */
function yearsOf(region) {
  const list = region.years
    .slice()
    .reverse()
    .map(({ year, provisional }) => {
      const notes = [year === region.enrollingYear && say("nowEnrolling"), provisional && say("provisionalOption")].filter(Boolean);
      return { value: year, label: notes.length ? say("yearNotes", { y: year, notes: notes.join(say("semi")) }) : say("yearLabel", { y: year }) };
    });
  const preferred = region.enrollingYear !== null ? region.enrollingYear : list.length ? list[0].value : region.firstYear;
  return { list, index: Math.max(0, list.findIndex((y) => y.value === preferred)) };
}

Component({
  properties: {
    region: { type: String, value: "" },
    year: { type: String, value: "" },
    today: { type: String, value: "" },
    regions: { type: String, value: "" },
    root: { type: String, value: "" },
  },

  data: {
    w: WORDS, // the page's words, for the WXML
    phase: "loading", // "ready" | "failed"
    loadError: null,
    regionList: [], // the packs offered, for the picker
    regionIndex: 0,
    years: [],
    yearIndex: 0,
    basics: [],
    questions: [],
    openTitle: "",
    result: null,
    error: null,
    errorTop: "",
  },

  lifetimes: {
    created() {
      this.form = {};
      this.ask = [];
      this.error = null;
      this.checked = false;
      this.ranges = {};
    },
    attached() {
      this.refresh({});
      this.loadEngine();
    },
  },

  methods: {
    /** Loads the engine (again, after a failure). */
    loadEngine() {
      this.setData({ phase: "loading", loadError: null });
      return loadCanbao(this.properties.root ? { root: this.properties.root } : undefined).then(
        () => this.engineReady(),
        (e) => {
          this.setData({
            phase: "failed",
            loadError: { code: e.code || "load_failed", message: e.message, retry: e.code !== "old_base_library" && e.code !== "no_wxwebassembly" },
          });
        },
      );
    },

    onRetry() {
      return this.loadEngine();
    },

    todayGiven() {
      return this.properties.today || undefined;
    },

    engineReady() {
      // The packs offered: those `regions` names, in its order, or all.
      const named = this.properties.regions.split(",").map((s) => s.trim()).filter(Boolean);
      const all = regions("zh-CN", this.todayGiven());
      const offered = named.length ? named.map((id) => all.find((r) => r.id === id)).filter(Boolean) : all;
      const list = (offered.length ? offered : all).map((r) => ({
        id: r.id,
        name: r.name,
        firstYear: r.firstYear,
        lastYear: r.lastYear,
        enrollingYear: r.enrollingYear,
        default: r.default,
        years: r.years,
      }));
      let regionIndex = list.findIndex((r) => r.id === this.properties.region);
      if (regionIndex < 0) regionIndex = Math.max(0, list.findIndex((r) => r.default));
      const years = yearsOf(list[regionIndex]);
      const wanted = years.list.findIndex((y) => String(y.value) === this.properties.year);
      this.setData({ phase: "ready", regionList: list, regionIndex, years: years.list, yearIndex: wanted >= 0 ? wanted : years.index });
      if (this.checked) this.run(false);
    },

    onRegion(e) {
      const regionIndex = Number(e.detail.value);
      const years = yearsOf(this.data.regionList[regionIndex]);
      this.setData({ regionIndex, years: years.list, yearIndex: years.index });
      if (this.checked) this.run(false);
    },

    onYear(e) {
      this.setData({ yearIndex: Number(e.detail.value) });
      if (this.checked) this.run(false);
    },

    /** A radio, date or year picker answered: the answer is recomputed at once once shown. */
    onAnswer(e) {
      const { key, kind } = e.currentTarget.dataset;
      this.remember(key, answerOf(key, kind, e.detail, this.ranges[key]));
      if (this.checked) this.run(false);
      else this.refresh();
    },

    /** Typing in a number field: kept, not redrawn while typing. */
    onInput(e) {
      this.remember(e.currentTarget.dataset.key, e.detail.value);
    },

    /** A number field left or confirmed. */
    onInputDone(e) {
      this.remember(e.currentTarget.dataset.key, e.detail.value);
      if (this.checked) this.run(false);
      else this.refresh();
    },

    remember(key, value) {
      this.form[key] = value;
      // A birth date and an age are two ways of saying one thing.
      if (key === "birthDate" && value) delete this.form.age;
      if (key === "age" && value) delete this.form.birthDate;
    },

    onCheck() {
      if (!isLoaded()) return this.loadEngine();
      this.checked = true;
      this.run(true);
    },

    request() {
      const region = this.data.regionList[this.data.regionIndex];
      const year = this.data.years[this.data.yearIndex];
      return requestFrom(Object.assign({}, this.form, { region: region && region.id, year: year && String(year.value), lang: "zh-CN" }));
    },

    /** Asks the engine and shows the answer; `scroll` brings the open questions (or the answer) into view. */
    run(scroll) {
      let response;
      try {
        response = check(this.request(), this.todayGiven());
      } catch (e) {
        this.error = errorView(e);
        this.refresh({ error: this.error });
        return;
      }
      const result = answer(response);
      this.ask = result.ask;
      this.error = null;
      this.refresh({ result, error: null });
      if (scroll && typeof wx === "object" && wx.pageScrollTo) {
        wx.pageScrollTo({ selector: this.ask.length ? "#questions" : "#answer", duration: 300 });
      }
    },

    /** Redraws the questions (with the answers, what is asked and any error) and `extra`. */
    refresh(extra) {
      const year = this.data.years[this.data.yearIndex];
      const ask = {};
      this.ask.forEach((k) => {
        ask[k] = true;
      });
      const ctx = { ask, error: this.error, today: this.todayGiven() || chinaToday(), year: year ? year.value : Number(chinaToday().slice(0, 4)) };
      const shownBasics = questions(basics, this.form, ctx);
      const open = questions(this.ask, this.form, ctx);
      this.ranges = {};
      shownBasics.concat(open).forEach((q) => {
        if (q.range) this.ranges[q.key] = q.range;
      });
      const placed = this.error && (basics.indexOf(this.error.field) >= 0 || this.ask.indexOf(this.error.field) >= 0);
      this.setData(
        Object.assign(
          {
            basics: shownBasics,
            questions: open,
            openTitle: say("open", { n: open.length }),
            errorTop: this.error ? (placed ? say("fixFirst") : this.error.message) : "",
          },
          extra || {},
        ),
      );
    },
  },
});
