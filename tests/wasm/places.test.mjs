// The browser build as a page uses it: the national rules built in, each
// place's pack a module fetched when a resident picks the place, listed first
// by the places index (pkg/web/places.js). The index must say what the packs
// say, and a place's pack must answer as the native build does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root, wasmPath } from "./harness.mjs";

const canbao = await import(join(root, "pkg/web/canbao.js"));
canbao.initSync({ module: readFileSync(wasmPath) });
const { PLACES } = await import(join(root, "pkg/web/places.js"));
const place = async (id) => (await import(join(root, `pkg/web/places/${id}.js`))).default;
const cli = join(root, "target/debug/canbao");
const native = (args) => JSON.parse(spawnSync(cli, args, { encoding: "utf8" }).stdout);
const TODAY = "2026-12-04";

test("the browser build starts with the national rules only; a place is unknown until its pack is added", () => {
  assert.deepEqual(canbao.regions("zh-CN", TODAY).map((r) => r.id), ["china"]);
  assert.throws(() => canbao.check({ region: "beijing", person: { age: 40 } }, TODAY), (e) => e.code === "unknown_region" && e.field === "region");
});

test("the places index lists today's places as the native build does: names, province, level, years and which are provisional", () => {
  const langs = ["zh-CN", "zh-TW", "en"];
  const all = Object.fromEntries(langs.map((l) => [l, native(["regions", "--lang", l, "--today", "2000-01-01"])]));
  const places = all["zh-CN"].filter((r) => !r.default && r.province);
  assert.deepEqual(PLACES.map((p) => p.id), places.map((r) => r.id));
  assert.ok(PLACES.length >= 8, "eight places or more");
  for (const p of PLACES) {
    const r = places.find((x) => x.id === p.id);
    assert.deepEqual(p.name, langs.map((l) => all[l].find((x) => x.id === p.id).name), p.id);
    assert.deepEqual([p.province, p.level, p.extends], [r.province, r.level, r.extends], p.id);
    assert.deepEqual(p.years, r.years.map((y) => [y.year, y.provisional]), p.id);
  }
  // Every place's 2027 stands in for figures not published (none were found), 2026 does not, but Guangzhou's.
  for (const p of PLACES) {
    assert.deepEqual(p.years.find(([y]) => y === 2027), [2027, true], p.id);
    if (p.id !== "guangzhou") assert.deepEqual(p.years.find(([y]) => y === 2026), [2026, false], p.id);
  }
});

test("a city's pack brings its province's with it; adding the province's again changes nothing", async () => {
  canbao.addPacks(await place("suizhou"));
  assert.deepEqual(canbao.regions("zh-CN", TODAY).map((r) => r.id), ["china", "hubei", "suizhou"]);
  canbao.addPacks(await place("hubei"));
  assert.deepEqual(canbao.regions("zh-CN", TODAY).map((r) => r.id), ["china", "hubei", "suizhou"]);
  // The former id still answers, with the city's own 2025 help.
  const r = canbao.check({ region: "suizhou-2025", year: 2025, lang: "zh-CN", person: { age: 40, hukou: { type: "rural", local: true }, employment: "farmer", lowIncome: "dibao" } }, "2025-01-05");
  assert.equal(r.region, "suizhou");
  const resident = r.schemes.find((s) => s.scheme === "urban_rural_resident");
  // Suizhou 2025: 400 a year, 低保 360 of it paid (随州市2025年度政策, 分类资助标准).
  assert.deepEqual([resident.fee.total, resident.fee.individual, resident.fee.government], ["400.00", "40.00", "360.00"]);
});

test("every place's pack, added on its own, answers a working-age adult for 2026 as the native build does", async () => {
  const person = { birthDate: "1990-05-01", sex: "female", hukou: { type: "urban", local: true }, employment: "none", lowIncome: "none", enrolled: "urban_rural_resident", history: { lastCoveredYear: 2025 } };
  for (const { id } of PLACES) {
    canbao.addPacks(await place(id));
    const request = { region: id, year: 2026, lang: "en", person };
    const wasm = canbao.check(request, "2025-11-20");
    const r = spawnSync(cli, ["check", "-", "--today", "2025-11-20"], { input: JSON.stringify(request), encoding: "utf8" });
    assert.deepEqual(wasm, JSON.parse(r.stdout), id);
    assert.equal(wasm.region, id);
  }
});
