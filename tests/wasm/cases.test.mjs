// Every case file, through the wasm build: each answer must equal the native
// CLI's (after JSON parsing), which tests/cases.rs holds to the case files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load, caseFiles, run, disagreements } from "./harness.mjs";

const canbao = await load();

for (const { file, doc } of caseFiles()) {
  test(`${file}: every case passes in wasm and agrees with the native build`, () => {
    const failures = [];
    for (const c of doc.cases) {
      const today = c.today ?? doc.today ?? "2015-01-05";
      for (const problem of disagreements(c, run(canbao, c, today), today)) failures.push(`${c.name}: ${problem}`);
    }
    assert.deepEqual(failures, [], `${failures.length} of ${doc.cases.length} cases failed`);
  });
}
