// The page's packs in 简体 only (packs-zh.js) and each language's texts put
// back by addTexts (texts-en.js, texts-zh-TW.js): every case file's answer, in
// every language, must equal the native build's, with the packs added before
// and after the texts (a place's, the historical ones, an operator's).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { caseFiles, run, disagreements, root, wasmPath, loaderPath, operatorPack } from "./harness.mjs";

const web = join(root, "pkg/web");
const core = await import(join(web, "canbao_core.js"));
core.initSync({ module: readFileSync(wasmPath) });
const { makeApi } = await import(join(web, "api.js"));
const loaderGlue = await import(join(web, "canbao_loader.js"));
loaderGlue.initSync({ module: readFileSync(loaderPath) });
const zh = (await import(join(web, "packs-zh.js"))).default;
const canbao = makeApi(core, zh, () => loaderGlue);
const texts = { en: (await import(join(web, "texts-en.js"))).default, "zh-TW": (await import(join(web, "texts-zh-TW.js"))).default };
const { PLACES } = await import(join(web, "places.js"));

function inEvery(lang) {
  const failures = [];
  for (const { doc } of caseFiles()) {
    for (const c of doc.cases) {
      if (!c.request || (c.request.lang ?? "zh-CN") !== lang) continue;
      const today = c.today ?? doc.today ?? "2015-01-05";
      for (const problem of disagreements(c, run(canbao, c, today), today)) failures.push(`${c.name}: ${problem}`);
    }
  }
  return failures;
}

test("packs-zh.js is much smaller than packs.js, and answers in 简体 as the native build does", async () => {
  const full = (await import(join(web, "packs.js"))).default;
  assert.ok(zh.length < full.length * 0.6, `${zh.length} of ${full.length}`);
  // The places' packs and the historical ones before any texts are put back.
  for (const { id } of PLACES) canbao.addPacks((await import(join(web, `places/${id}.js`))).default);
  canbao.addPacks((await import(join(web, "packs-past.js"))).default);
  assert.deepEqual(inEvery("zh-CN").slice(0, 5), []);
});

test("addTexts puts English and 繁體 back: the same answers as the native build, the packs added before kept", async () => {
  canbao.loadPolicy(operatorPack("texts-city"), "2026-11-24");
  for (const lang of ["en", "zh-TW", "en"]) {
    canbao.addTexts(texts[lang]);
    for (const { id } of PLACES) canbao.addPacks((await import(join(web, `places/${id}.js`))).default);
    canbao.addPacks((await import(join(web, "packs-past.js"))).default);
    assert.deepEqual(inEvery(lang).slice(0, 5), [], lang);
    const china = canbao.regions(lang, "2026-11-24").find((r) => r.id === "china");
    assert.notEqual(china.name, canbao.regions("zh-CN", "2026-11-24").find((r) => r.id === "china").name, lang);
    assert.ok(canbao.regions(lang, "2026-11-24").some((r) => r.id === "texts-city"), "an operator's pack survives");
  }
});

test("addTexts refuses what is not texts, or texts for other packs, and keeps answering", () => {
  assert.throws(() => canbao.addTexts({}), (e) => e.code === "invalid_type");
  assert.throws(() => canbao.addTexts({ lang: "xx", edits: [[1e9, "x"]] }), (e) => e.code === "invalid_value");
  assert.throws(() => canbao.addTexts({ lang: "xx", edits: [[0, 1]] }), (e) => e.code === "invalid_value");
  assert.equal(canbao.check({ person: { age: 40 } }, "2026-11-24").region, "china");
});
