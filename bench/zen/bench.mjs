// canbao's national-pack decisions for ../persons.json as a GoRules ZEN graph:
// checks the graph against expected.json, then times it through the Node
// binding the way a user would call it. `npm ci && node bench.mjs`.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { ZenEngine } from "@gorules/zen-engine";

const here = (p) => new URL(p, import.meta.url);
const json = (p) => JSON.parse(readFileSync(here(p), "utf8"));
const zenVersion = json("node_modules/@gorules/zen-engine/package.json").version;
const persons = json("../persons.json");
const expected = json("expected.json");

// The graph is parsed once; the request is canbao's, plus today's date (the
// graph derives the coverage year and the pay date from it, as canbao does).
const engine = new ZenEngine();
const decision = engine.createDecision(readFileSync(here("canbao.jdm.json")));
const inputs = persons.requests.map((r) => ({ today: persons.today, ...r }));

// 1. Same answers as canbao: status, rule code, shares and cover date per scheme.
const pick = (s) => ({
  status: s.status, code: s.code,
  individual: s.fee?.individual ?? null, employer: s.fee?.employer ?? null,
  government: s.fee?.government ?? null, total: s.fee?.total ?? null,
  ...(s.fee?.period === "year" || "waitingMonths" in s
    ? { publicSubsidy: s.fee?.publicSubsidy ?? null, waitingMonths: s.waitingMonths ?? null } : {}),
  coverFrom: s.coverFrom,
});
let wrong = 0;
for (const [i, input] of inputs.entries()) {
  const { result } = await decision.evaluate(input);
  const want = expected.persons[i];
  const bad = [];
  if (result.year !== expected.year || result.payDate !== expected.payDate) bad.push(`year/payDate ${result.year} ${result.payDate}`);
  for (const scheme of ["employee", "urban_rural_resident"]) {
    const got = pick(result.schemes[scheme]);
    for (const [k, v] of Object.entries(want[scheme])) if (got[k] !== v) bad.push(`${scheme}.${k}: got ${got[k]}, want ${v}`);
  }
  if (bad.length) { wrong++; console.error(`person ${i + 1} (${want.who}):`, bad.join("; ")); }
}
if (wrong) { console.error(`${wrong} of ${inputs.length} persons differ from expected.json`); process.exit(1); }

// 2. Timing: warm up, then 30 batches of 1,000 sequential awaited calls over
// the 8 persons; the figure is the median of the batch means.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const batches = async (call) => {
  for (let i = 0; i < 2000; i++) await call(inputs[i % inputs.length]);
  const means = [];
  for (let b = 0; b < 30; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) await call(inputs[i % inputs.length]);
    means.push(performance.now() - t0); // ms per 1,000 calls = µs per call
  }
  return +median(means).toFixed(2);
};
const asyncMedianMicros = await batches((input) => decision.evaluate(input));

// ZEN 0.54's ZenDecision has only evaluate/safeEvaluate (both Promises); the
// *Sync functions in index.d.ts evaluate single expressions, not a graph.
const syncEvaluate = decision.evaluateSync?.bind(decision);
const syncMedianMicros = syncEvaluate ? await batches(async (input) => syncEvaluate(input)) : null;

// One call on its own (input object → Rust, graph, result → JS object, promise
// resolved), against the time ZEN reports for the graph itself (`performance`).
const single = [], reported = [];
for (let i = 0; i < 2000; i++) {
  const t0 = performance.now();
  const r = await decision.evaluate(inputs[i % inputs.length]);
  single.push((performance.now() - t0) * 1000);
  const m = /^([\d.]+)(µs|ms|ns)$/.exec(r.performance);
  if (m) reported.push(+m[1] * { ns: 1e-3, "µs": 1, ms: 1e3 }[m[2]]);
}

console.log(JSON.stringify({
  zenVersion,
  asyncMedianMicros,
  syncMedianMicros,
  persons: inputs.length,
  singleCallMedianMicros: +median(single).toFixed(2),
  engineReportedMedianMicros: reported.length ? +median(reported).toFixed(2) : null,
}, null, 2));
