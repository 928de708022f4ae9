// The README's Node example, as an integrator runs it: pkg/ installed with npm
// into an empty project, the block copied as it is, its output compared with
// the comment the README prints under it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./harness.mjs";

test("the README's Node example runs as written and prints what the README says", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('from "canbao"'));
  assert.ok(block, "a js block importing canbao");
  const expected = block.trim().split("\n").at(-1).replace(/^\/\/ /, "");
  const dir = mkdtempSync(join(tmpdir(), "canbao-readme-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "example", private: true, type: "module" }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", join(root, "pkg")], { cwd: dir, stdio: "pipe" });
    writeFileSync(join(dir, "example.mjs"), block);
    const out = execFileSync(process.execPath, ["example.mjs"], { cwd: dir, encoding: "utf8" });
    assert.equal(out.trim(), expected);
    // CommonJS too.
    const cjs = execFileSync(process.execPath, ["-e", 'console.log(typeof require("canbao").check)'], { cwd: dir, encoding: "utf8" });
    assert.equal(cjs.trim(), "function");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
