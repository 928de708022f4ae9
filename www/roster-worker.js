// The roster page's worker: the roster module (canbao_roster: the engine with
// the roster's readers and writers, the same code as `canbao roster`) checks
// the list a slice at a time, saying how far it is every 60 ms or so, and keeps
// the answer: the page asks it for what to show (a filter's rows, the
// notices), never for the whole list. The module's bytes come from the page
// (one file, no fetch).
import { initSync } from "../pkg/roster/canbao_roster.js";
import * as glue from "../pkg/roster/canbao_roster.js";
import { makeApi } from "../pkg/web/api.js";
import today from "../pkg/web/packs-today.js";

let rows = []; // the answer: the header, then each row with its result columns
let columnAt = new Map(); // the header's positions by name, filled as asked (a filter asks once a row)
const post = (m, transfer) => self.postMessage(m, transfer ?? []);
const position = (column) => columnAt.get(column) ?? columnAt.set(column, rows[0].indexOf(column)).get(column);
const at = (row, column) => row[position(column)] ?? "";
/** The position of the first header cell `pattern` matches, or -1. */
const headed = (pattern) => rows[0].findIndex((h) => pattern.test(h.trim()));
let enrolledAt = -1; // the list's own "insured now?" column, if any

/** The person's own answer to "insured now?", where the list has that column. */
function notCovered(row) {
  return enrolledAt >= 0 && /^(无|没有|未参保|none|都没有)$/i.test((row[enrolledAt] ?? "").trim());
}

const FILTERS = {
  all: () => true,
  uncovered: notCovered,
  answers: (r) => at(r, "result.missing") !== "",
  waiting: (r) => Number(at(r, "result.waitingMonths")) > 0,
  help: (r) => at(r, "result.help") !== "",
  errors: (r) => at(r, "result.error") !== "",
};

/** The rows a filter keeps: how many, and the first `limit` with their row numbers (the header is row 1). */
function view(filter, limit) {
  const keep = FILTERS[filter] ?? FILTERS.all;
  const shown = [];
  let count = 0;
  for (let i = 1; i < rows.length; i++) {
    if (!keep(rows[i])) continue;
    count++;
    if (shown.length < limit) shown.push([i + 1, ...rows[i]]);
  }
  return { count, rows: shown };
}

/** The list by household (each row its own where there is no household column): the cells a notice needs. */
function households() {
  const h = headed(/^(household|户号|户编号|家庭|家庭编号)$/i);
  const name = headed(/^(姓名|name)$/i);
  const cols = ["result.scheme", "result.status", "result.individual", "result.period", "result.where", "result.deadline", "result.missing", "result.error", "result.household"];
  const groups = new Map();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const key = h >= 0 && r[h] ? `户号 ${r[h]}` : `#${i + 1}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push({ row: i + 1, name: name >= 0 ? r[name] : "", ...Object.fromEntries(cols.map((c) => [c.slice(7), at(r, c)])) });
  }
  return [...groups];
}

self.onmessage = ({ data }) => {
  try {
    if (data.type === "init") {
      initSync({ module: data.wasm });
      const api = makeApi(glue, today);
      post({ type: "ready", regions: api.regions("zh-CN", data.today).filter((r) => !r.base) });
    } else if (data.type === "open") {
      const opened = JSON.parse(glue.roster_open(new Uint8Array(data.file), JSON.stringify(data.options)));
      if (opened.error) return post({ type: "error", message: opened.error });
      rows = [opened.columns];
      columnAt = new Map();
      enrolledAt = headed(/^(现参保|enrolled|person\.enrolled)$/i);
      post({ type: "opened", ...opened });
      let step;
      do {
        const until = performance.now() + 60;
        do step = JSON.parse(glue.roster_step(250));
        while (!step.finished && performance.now() < until);
        // The rows checked since, kept here for the views.
        for (const r of JSON.parse(glue.roster_rows(rows.length, step.done + 1 - rows.length))) rows.push(r);
        post({ type: "progress", done: step.done, total: Math.max(opened.rows, step.done) });
      } while (!step.finished);
      post({ type: "done", summary: JSON.parse(glue.roster_summary()), columns: rows[0] });
    } else if (data.type === "view") {
      post({ type: "view", filter: data.filter, ...view(data.filter, data.limit ?? 300) });
    } else if (data.type === "notices") {
      post({ type: "notices", households: households() });
    } else if (data.type === "file") {
      const bytes = glue.roster_file(data.xlsx);
      post({ type: "file", xlsx: data.xlsx, bytes }, [bytes.buffer]);
    }
  } catch (e) {
    post({ type: "error", message: String(e && e.message) });
  }
};
