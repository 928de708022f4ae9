// What the wasm build must be, checked on the bytes: the core within the size
// budget, both modules MVP-only (no post-MVP features, no exported globals:
// WeChat on iOS and older WebViews reject them), and the API typed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";
import { root, wasmPath, loaderPath } from "./harness.mjs";

/** The core module (every page loads it), gzip -9: issue 8's budget. */
export const BUDGET_GZIP = 120_000;
const modules = [
  ["canbao_core", wasmPath],
  ["canbao_loader", loaderPath],
];

test(`the core .wasm is at most ${BUDGET_GZIP} bytes gzip`, () => {
  const bytes = readFileSync(wasmPath);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`canbao_core_bg.wasm: ${bytes.length} bytes raw, ${gz} gzip -9, ${br} brotli 11`);
  assert.ok(gz <= BUDGET_GZIP, `${gz} bytes gzip is over the ${BUDGET_GZIP} budget`);
});

for (const [name, path] of modules) {
  test(`${name} validates with only MVP features`, () => {
    const wasmOpt = join(root, "node_modules/.bin/wasm-opt");
    const r = spawnSync(wasmOpt, ["--mvp-features", path, "-o", "/dev/null"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  });

  test(`${name} exports no Global (WeChat on iOS cannot) and imports nothing but its glue`, () => {
    const module = new WebAssembly.Module(readFileSync(path));
    assert.deepEqual(WebAssembly.Module.exports(module).filter((e) => e.kind === "global"), []);
    assert.ok(WebAssembly.Module.imports(module).every((i) => i.module === `./${name}_bg.js`));
  });
}

test("the .d.ts types the API instead of any", () => {
  const dts = readFileSync(join(root, "pkg/web/canbao.d.ts"), "utf8");
  assert.match(dts, /export function check\(request: CheckRequest, today\?: string \| null\): CheckResponse;/);
  assert.match(dts, /export function checkHousehold\(request: HouseholdRequest, today\?: string \| null\): HouseholdResponse;/);
  assert.match(dts, /export function loadPolicy\(pack: PolicyPack \| string, today\?: string \| null\): Region;/);
  assert.match(dts, /export function initLoader\(/);
  assert.match(dts, /export interface CanbaoError extends Error/);
  assert.doesNotMatch(dts, /: any\b/);
});

test("a typed usage example compiles against the .d.ts (tsc --noEmit), and misuses do not", () => {
  const tsc = join(root, "node_modules/.bin/tsc");
  const args = ["--noEmit", "--strict", "--target", "es2020", "--module", "es2020", "--moduleResolution", "bundler", "--lib", "es2020,dom"];
  const ok = spawnSync(tsc, [...args, join(root, "tests/wasm/types-check.ts")], { encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const bad = spawnSync(tsc, [...args, join(root, "tests/wasm/types-misuse.ts")], { encoding: "utf8" });
  // Each misuse line is one error, at its line.
  const lines = [...bad.stdout.matchAll(/types-misuse\.ts\((\d+),/g)].map((m) => +m[1]);
  const marked = readFileSync(join(root, "tests/wasm/types-misuse.ts"), "utf8").split("\n").flatMap((l, i) => (l.includes("// error") ? [i + 1] : []));
  assert.deepEqual([...new Set(lines)], marked, bad.stdout);
});
