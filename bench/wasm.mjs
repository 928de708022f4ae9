// The wasm build in Node: instantiation time, and median µs per check through
// the JS API (request object in, response object out). `make bench-wasm`.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bytes = readFileSync(join(root, "pkg/web/canbao_bg.wasm"));
const glue = join(root, "pkg/web/canbao.js");

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Compile + instantiate + first call (which parses the built-in packs), fresh each time.
const starts = [];
for (let i = 0; i < 15; i++) {
  const fresh = await import(`${glue}?instance=${i}`);
  const t0 = performance.now();
  const module = new WebAssembly.Module(bytes);
  fresh.initSync({ module });
  fresh.regions();
  starts.push(performance.now() - t0);
}
const canbao = await import(glue);
canbao.initSync({ module: new WebAssembly.Module(bytes) });

const request = {
  region: "county-template", year: 2015, lang: "zh-CN",
  person: { birthDate: "1980-06-01", sex: "male", hukou: { type: "urban", local: true }, employment: "none", lowIncome: "none", enrolled: "none" },
};
for (let i = 0; i < 2000; i++) canbao.check(request, "2015-01-05");
const batches = [];
const perBatch = 1000;
for (let b = 0; b < 30; b++) {
  const t0 = performance.now();
  for (let i = 0; i < perBatch; i++) canbao.check(request, "2015-01-05");
  batches.push(((performance.now() - t0) * 1000) / perBatch);
}
const us = median(batches);
console.log(JSON.stringify({
  wasmBytes: bytes.length,
  instantiateAndLoadPacksMs: +median(starts).toFixed(2),
  checkMedianMicros: +us.toFixed(2),
  checksPerSecond: Math.round(1e6 / us),
}, null, 2));
