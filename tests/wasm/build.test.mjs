// What the wasm build must be, checked on the bytes: within the size budget,
// MVP-only (no post-MVP features, no exported globals: WeChat on iOS and older
// WebViews reject them), and typed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";
import { root, wasmPath } from "./harness.mjs";

const bytes = readFileSync(wasmPath);
export const BUDGET_GZIP = 80_000;

test(`the .wasm is at most ${BUDGET_GZIP} bytes gzip`, () => {
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`canbao_bg.wasm: ${bytes.length} bytes raw, ${gz} gzip -9, ${br} brotli 11`);
  assert.ok(gz <= BUDGET_GZIP, `${gz} bytes gzip is over the ${BUDGET_GZIP} budget`);
});

test("the module validates with only MVP features", () => {
  const wasmOpt = join(root, "node_modules/.bin/wasm-opt");
  const r = spawnSync(wasmOpt, ["--mvp-features", wasmPath, "-o", "/dev/null"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
});

test("it exports no Global (WeChat on iOS cannot) and imports nothing but the glue", () => {
  const module = new WebAssembly.Module(bytes);
  assert.deepEqual(WebAssembly.Module.exports(module).filter((e) => e.kind === "global"), []);
  assert.ok(WebAssembly.Module.imports(module).every((i) => i.module === "./canbao_bg.js"));
});

test("the .d.ts types the API instead of any", () => {
  const dts = readFileSync(join(root, "pkg/web/canbao.d.ts"), "utf8");
  assert.match(dts, /export function check\(request: Request, today\?: string \| null\): Response;/);
  assert.match(dts, /export function checkHousehold\(request: HouseholdRequest, today\?: string \| null\): HouseholdResponse;/);
  assert.match(dts, /export interface CanbaoError extends Error/);
});

test("a typed usage example compiles against the .d.ts (tsc --noEmit)", () => {
  const tsc = join(root, "node_modules/.bin/tsc");
  const r = spawnSync(tsc, ["--noEmit", "--strict", "--target", "es2020", "--module", "es2020", "--moduleResolution", "bundler", join(root, "tests/wasm/types-check.ts")], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
