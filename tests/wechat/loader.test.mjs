// The kit's loader under WeChat's conditions: the package compiled as the
// developer tools do (Babel, ES5, CommonJS), then run in Node with no
// WebAssembly, TextEncoder, TextDecoder or fetch, and a WXWebAssembly that only
// reads paths inside the package. Every case file runs through it and is
// compared as tests/wasm/ compares the browser build; then the ways loading
// can fail, each with the message the user sees.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { caseFiles, disagreements, run } from "../wasm/harness.mjs";
import { compileKit, removeKit, wechatRuntime, requireFresh, root } from "./kit.mjs";

const pkg = compileKit();
const made = [pkg];
after(() => made.forEach(removeKit));
const wx = wechatRuntime(pkg);
const canbao = requireFresh(pkg, "canbao/loader.js");

test("the globals WeChat lacks are gone, and the package is ES5 CommonJS", async () => {
  assert.equal(typeof WebAssembly, "undefined");
  assert.equal(typeof TextDecoder, "undefined");
  assert.equal(typeof TextEncoder, "undefined");
  assert.equal(typeof fetch, "undefined");
  for (const file of ["canbao/loader.js", "canbao/canbao_core.js", "canbao/api.js", "pages/check/index.js", "components/canbao-check/index.js", "components/canbao-check/logic.js"]) {
    const code = readFileSync(join(pkg, file), "utf8");
    assert.doesNotMatch(code, /^\s*(import|export) /m, `${file} still has ES module syntax`);
    assert.doesNotMatch(code, /=>|^\s*(const|let|class)\s/m, `${file} still has ES2015 syntax`);
  }
});

test("check() before the engine is loaded is a coded error, not a TypeError", () => {
  assert.throws(() => canbao.check({ person: {} }), (e) => e.code === "not_loaded");
});

test("loadCanbao instantiates canbao_core_bg.wasm.br through WXWebAssembly, once", async () => {
  assert.equal(await canbao.loadCanbao(), true);
  assert.equal(await canbao.loadCanbao(), true);
  assert.deepEqual(wx.calls, ["/canbao/canbao_core_bg.wasm.br"]);
  assert.equal(canbao.isLoaded(), true);
});

for (const { file, doc } of caseFiles()) {
  test(`${file}: every case through the compiled mini-program loader`, async () => {
    await canbao.loadCanbao();
    const failures = [];
    for (const c of doc.cases) {
      const today = c.today ?? doc.today ?? "2015-01-05";
      for (const problem of disagreements(c, run(canbao, c, today), today)) failures.push(`${c.name}: ${problem}`);
    }
    assert.deepEqual(failures, []);
  });
}

test("Chinese text crosses the polyfilled codec both ways; regions and version answer", async () => {
  await canbao.loadCanbao();
  const r = canbao.check({ year: 2015, region: "county-template", lang: "zh-TW", person: { age: 40, hukou: { type: "urban", local: true }, employment: "none", lowIncome: "none", enrolled: "none" } }, "2015-01-05");
  assert.ok(r.schemes.some((s) => s.name === "城鎮居民基本醫療保險"), JSON.stringify(r.schemes.map((s) => s.name)));
  assert.ok(canbao.regions("zh-CN").some((x) => x.default));
  assert.match(canbao.version().version, /^\d+\.\d+\.\d+/);
  assert.throws(() => canbao.check({ lang: "zh-CN", person: { sex: "马" } }), (e) => e.code === "invalid_value" && e.field === "person.sex");
});

test("loadPolicy without the pack compiler says how to add it", async () => {
  await canbao.loadCanbao();
  assert.throws(() => canbao.loadPolicy({ id: "x" }), (e) => e.code === "loader_not_ready" && /--with-pack-compiler/.test(e.message));
});

test("a failed instantiate is retried once by itself; after that the user's retry loads it", async () => {
  const state = wechatRuntime(pkg, { failures: 2 });
  const fresh = requireFresh(pkg, "canbao/loader.js");
  await assert.rejects(fresh.loadCanbao({ retryDelay: 1 }), (e) => {
    assert.equal(e.code, "load_failed");
    assert.match(e.message, /重试/);
    return true;
  });
  assert.equal(state.calls.length, 2);
  assert.throws(() => fresh.check({ person: {} }), (e) => e.code === "not_loaded");
  assert.equal(await fresh.loadCanbao({ retryDelay: 1 }), true);
  assert.equal(state.calls.length, 3);
  assert.equal(fresh.check({ person: { age: 30 } }, "2025-01-05").region, "china");
});

test("an instantiate that never answers times out as a failure", async () => {
  const state = wechatRuntime(pkg, { hang: true });
  const fresh = requireFresh(pkg, "canbao/loader.js");
  await assert.rejects(fresh.loadCanbao({ timeout: 30, retries: 0 }), (e) => e.code === "load_failed" && /30 ms/.test(e.detail));
  state.hang = false;
  assert.equal(await fresh.loadCanbao(), true);
});

test("base library 2.13 (WXWebAssembly but no .wasm.br): no load is tried, the user is told to update WeChat", async () => {
  const state = wechatRuntime(pkg, { sdk: "2.13.2", br: false });
  const fresh = requireFresh(pkg, "canbao/loader.js");
  await assert.rejects(fresh.loadCanbao(), (e) => e.code === "old_base_library" && /更新/.test(e.message) && /2\.13\.2/.test(e.detail));
  assert.deepEqual(state.calls, []);
});

test("no WXWebAssembly at all: the user is told to update WeChat", async () => {
  wechatRuntime(pkg, { sdk: "2.12.0" });
  delete globalThis.WXWebAssembly;
  const fresh = requireFresh(pkg, "canbao/loader.js");
  await assert.rejects(fresh.loadCanbao(), (e) => e.code === "old_base_library");
  wechatRuntime(pkg);
  delete globalThis.WXWebAssembly;
  const other = requireFresh(pkg, "canbao/loader.js");
  await assert.rejects(other.loadCanbao(), (e) => e.code === "no_wxwebassembly" && /更新/.test(e.message));
});

test("a subpackage: the loader takes the folder's path", async () => {
  const state = wechatRuntime(pkg);
  const fresh = requireFresh(pkg, "canbao/loader.js");
  await assert.rejects(fresh.loadCanbao({ root: "/sub/canbao/", retries: 0 }), (e) => e.code === "load_failed");
  assert.deepEqual(state.calls, ["/sub/canbao/canbao_core_bg.wasm.br"]);
});

test("built --with-pack-compiler, loadPolicy works in the mini-program too", async () => {
  const out = mkdtempSync(join(tmpdir(), "canbao-wechat-src-"));
  made.push(out);
  const r = spawnSync(process.execPath, ["scripts/build-wechat.mjs", "--with-pack-compiler", "--out", out], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /pack compiler \d+ bytes, \d+ brotli/);
  const withCompiler = compileKit(out);
  made.push(withCompiler);
  const state = wechatRuntime(withCompiler);
  const fresh = requireFresh(withCompiler, "canbao/loader.js");
  assert.equal(await fresh.loadCanbao(), true);
  assert.deepEqual(state.calls, ["/canbao/canbao_core_bg.wasm.br", "/canbao/canbao_loader_bg.wasm.br"]);
  // A built-in pack under another name, with an emoji in its texts.
  const pack = parse(readFileSync(join(root, "policies/suizhou.toml"), "utf8"));
  pack.id = "wx-test";
  delete pack.aliases; // they name the built-in pack
  pack.name = { "zh-CN": "测试市 😀" };
  pack.schemes[0].fees[0].tiers[0].message = { "zh-CN": "每人每年400元 😀" };
  const region = fresh.loadPolicy(pack);
  assert.equal(region.name, "测试市 😀");
  const answer = fresh.check({ region: "wx-test", year: 2025, lang: "zh-CN", person: { age: 40, hukou: { type: "urban", local: true }, employment: "none" } }, "2025-01-05");
  const resident = answer.schemes.find((s) => s.scheme === "urban_rural_resident");
  assert.ok(resident.fee.reasons.some((r) => r.message === "每人每年400元 😀"), JSON.stringify(resident.fee.reasons));
  assert.throws(() => fresh.loadPolicy({ id: "wx-test-2", nonsense: 1 }), (e) => e.code === "invalid_pack");
});
