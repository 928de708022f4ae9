// The mini-program loader under WeChat's conditions, in Node: no WebAssembly,
// TextEncoder, TextDecoder or fetch globals; a WXWebAssembly that only takes a
// path inside the package (read from www/wechat/dist and brotli-decompressed,
// as WeChat does for .wasm.br). Every case file then runs through the loader.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { brotliDecompressSync } from "node:zlib";
import { join } from "node:path";
import { root, caseFiles, compare } from "../wasm/harness.mjs";

const dist = join(root, "www/wechat/dist");
const RealWebAssembly = globalThis.WebAssembly;
const instantiated = [];
delete globalThis.WebAssembly;
delete globalThis.TextEncoder;
delete globalThis.TextDecoder;
delete globalThis.fetch;
globalThis.WXWebAssembly = {
  instantiate(path, imports) {
    assert.equal(typeof path, "string", "WXWebAssembly takes a path, never bytes");
    assert.match(path, /^\/.*\.wasm\.br$/);
    instantiated.push(path);
    const bytes = brotliDecompressSync(readFileSync(join(dist, path)));
    return RealWebAssembly.instantiate(bytes, imports);
  },
};

const canbao = await import(join(dist, "canbao/loader.js"));

test("the globals WeChat lacks are really gone", () => {
  assert.equal(typeof WebAssembly, "undefined");
  assert.equal(typeof TextDecoder, "undefined");
  assert.equal(typeof TextEncoder, "undefined");
});

test("loadCanbao instantiates the .wasm.br through WXWebAssembly, once", async () => {
  assert.equal(await canbao.loadCanbao(), true);
  await canbao.loadCanbao();
  assert.deepEqual(instantiated, ["/canbao/canbao_bg.wasm.br"]);
});

for (const { file, doc } of caseFiles()) {
  test(`${file}: every case passes through the mini-program loader`, async () => {
    await canbao.loadCanbao();
    const failures = [];
    for (const c of doc.cases) {
      const today = c.today ?? doc.today ?? "2015-01-05";
      let got;
      try {
        got = canbao.check("requestText" in c ? JSON.parse(c.requestText) : c.request, today);
      } catch (e) {
        got = e instanceof SyntaxError ? { error: { code: "invalid_json", field: "" } } : { error: { code: e.code, field: e.field, message: e.message } };
      }
      for (const problem of compare(c, got)) failures.push(`${c.name}: ${problem}`);
    }
    assert.deepEqual(failures, []);
  });
}

test("Chinese text survives the polyfilled codec both ways", async () => {
  await canbao.loadCanbao();
  const r = canbao.check({ year: 2015, lang: "zh-TW", person: { age: 40, hukou: { type: "urban", local: true }, employment: "none", lowIncome: "none", enrolled: "none" } }, "2015-01-05");
  assert.equal(r.schemes[0].name, "城鎮居民基本醫療保險");
  const region = canbao.loadPolicy({
    id: "wx-test", name: { "zh-CN": "测试市 😀" }, valid: { from: "2020-01-01" }, referenceDay: { day: "01-01" },
    sources: [{ id: "T", title: "测试" }],
    schemes: [{ scheme: "urban_rural_resident", eligibility: [{ status: "eligible", code: "all", message: { "zh-CN": "人人可参保 😀" }, source: "T 一" }] }],
  });
  assert.equal(region.name, "测试市 😀");
  assert.equal(canbao.check({ region: "wx-test", year: 2020, person: {} }).schemes[0].reasons[0].message, "人人可参保 😀");
});
