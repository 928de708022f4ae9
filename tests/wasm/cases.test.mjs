// Every case file, through the wasm build: each case must pass, and the wasm
// answer must equal the native CLI's answer byte for byte (after JSON parsing).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { load, caseFiles, run, compare, root } from "./harness.mjs";

const canbao = await load();
const cli = ["target/debug/canbao", "target/release/canbao"].map((p) => join(root, p)).find(existsSync);

for (const { file, doc } of caseFiles()) {
  test(`${file}: every case passes in wasm and agrees with the native build`, () => {
    const failures = [];
    for (const c of doc.cases) {
      const today = c.today ?? doc.today ?? "2015-01-05";
      const got = run(canbao, c, today);
      for (const problem of compare(c, got)) failures.push(`${c.name}: ${problem}`);
      const text = "requestText" in c ? c.requestText : JSON.stringify(c.request);
      const native = spawnSync(cli, [c.household ? "household" : "check", "-", "--today", today], { input: text, encoding: "utf8" });
      const nativeJson = JSON.parse(native.stdout);
      if (got.error && nativeJson.error) {
        // JSON.parse's message for malformed text is the browser's own; code and field must agree.
        if (got.error.code !== nativeJson.error.code || got.error.field !== nativeJson.error.field) failures.push(`${c.name}: native error ${native.stdout}`);
        if (got.error.code !== "invalid_json" && got.error.message !== nativeJson.error.message) failures.push(`${c.name}: native message differs`);
      } else {
        assert.deepEqual(got, nativeJson, `${c.name}: wasm and native differ`);
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${doc.cases.length} cases failed`);
  });
}
