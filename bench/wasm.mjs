// The wasm build in Node, through the public JS API (request object in,
// response object out), on the persons in bench/persons.json: the same
// persons the native benchmark and ZEN are measured on. `make bench-wasm`.
//
// Prints the median µs per check (30 batches of 1,000 checks over the persons,
// after 2,000 to warm up), the cold start a kiosk sees (compile, instantiate,
// load the built-in packs, first answer), and the module's size.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bytes = readFileSync(join(root, "pkg/web/canbao_core_bg.wasm"));
const entry = join(root, "pkg/web/canbao.js");
const { today, requests } = JSON.parse(readFileSync(join(root, "bench/persons.json"), "utf8"));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Cold start, fresh each time: compile + instantiate + first answer (which loads the packs).
const starts = [];
for (let i = 0; i < 15; i++) {
  const fresh = await import(`${entry}?instance=${i}`);
  const t0 = performance.now();
  fresh.initSync({ module: new WebAssembly.Module(bytes) });
  fresh.check(requests[0], today);
  starts.push(performance.now() - t0);
}

const canbao = await import(entry);
canbao.initSync({ module: new WebAssembly.Module(bytes) });
for (let i = 0; i < 2000; i++) canbao.check(requests[i % requests.length], today);
const batches = [];
for (let b = 0; b < 30; b++) {
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) canbao.check(requests[i % requests.length], today);
  batches.push(((performance.now() - t0) * 1000) / 1000);
}
const us = median(batches);
const result = {
  persons: requests.length,
  checkMedianMicros: +us.toFixed(2),
  checksPerSecond: Math.round(1e6 / us),
  coldStartMedianMs: +median(starts).toFixed(2),
  wasmBytes: bytes.length,
  wasmGzipBytes: gzipSync(bytes, { level: 9 }).length,
};
console.log(JSON.stringify(result, null, 2));
