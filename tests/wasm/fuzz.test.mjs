// A short run of the JS-API fuzzer (tests/wasm/fuzz.mjs) in every test run;
// `make fuzz-wasm` runs it for ten minutes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fuzz } from "./fuzz.mjs";

test("15 s of fuzzing check, checkHousehold, regions and loadPolicy finds nothing", async () => {
  const r = await fuzz(15, 20261124);
  console.log(`seed ${r.seed}: ${r.calls} calls, ${r.answers} answers, ${r.errors} coded errors`);
  assert.ok(r.calls > 1000 && r.answers > 50, `only ${r.calls} calls, ${r.answers} answers`);
  assert.deepEqual(r.problems, []);
});
