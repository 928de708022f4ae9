// One run, one table: canbao's wasm build through its public JS API and
// GoRules ZEN's Node binding on the same 8 persons (bench/persons.json), one
// after the other so the machine's load is alike. `make bench-wasm`.
//
// Each prints JSON (bench/wasm.mjs, bench/zen/bench.mjs); this runs both three
// times, alternating, and keeps each one's best median (the least disturbed run).
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const run = (script) => JSON.parse(execFileSync(process.execPath, [script], { encoding: "utf8" }));
const canbao = [];
const zen = [];
for (let i = 0; i < 3; i++) {
  canbao.push(run(join(here, "wasm.mjs")));
  zen.push(run(join(here, "zen/bench.mjs")));
}
const best = (xs, key) => xs.reduce((a, b) => (b[key] < a[key] ? b : a));
const c = best(canbao, "checkMedianMicros");
const z = best(zen, "asyncMedianMicros");
const zSync = zen.map((r) => r.syncMedianMicros).filter((x) => x !== null);
const rows = [
  ["canbao wasm, check() (object in, object out), median µs", c.checkMedianMicros],
  [`ZEN ${z.zenVersion} evaluate() (async), median µs`, z.asyncMedianMicros],
  ...(zSync.length ? [[`ZEN ${z.zenVersion} evaluateSync(), median µs`, Math.min(...zSync)]] : []),
  ["ZEN's own reported evaluation time, median µs", z.engineReportedMedianMicros],
  ["ZEN async / canbao", +(z.asyncMedianMicros / c.checkMedianMicros).toFixed(1)],
  ["canbao cold start (compile, instantiate, packs, first answer), median ms", c.coldStartMedianMs],
  ["canbao core .wasm, bytes raw / gzip -9", `${c.wasmBytes} / ${c.wasmGzipBytes}`],
];
for (const [what, value] of rows) console.log(`${what.padEnd(76)} ${value}`);
