// The wasm API from JavaScript: bad input of every kind throws a clear error and
// the module keeps working; households, regions, loadPolicy and version.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load, operatorPack, root } from "./harness.mjs";

const canbao = await load();
const today = "2015-01-05";
const good = {
  region: "county-template", year: 2015, lang: "en",
  person: { age: 40, hukou: { type: "urban", local: true }, employment: "none", lowIncome: "none", disabilityGrade: 0, enrolled: "none" },
};
const stillWorks = () => assert.equal(canbao.check(good, today).schemes[0].fee.individual, "140.00");
const describe = (x) => {
  try {
    return JSON.stringify(x)?.slice(0, 80);
  } catch {
    return String(x);
  }
};
const throwsAt = (request, code, field) => {
  assert.throws(() => canbao.check(request, today), (e) => {
    assert.ok(e instanceof Error, "an Error");
    assert.equal(e.code, code, `code for ${describe(request)}`);
    if (field !== undefined) assert.equal(e.field, field);
    assert.ok(e.message.length > 0);
    return true;
  });
  stillWorks();
};

test("a good request answers", () => stillWorks());

test("bad input throws a clear error and the module keeps working", () => {
  throwsAt(undefined, "invalid_type", "");
  throwsAt(null, "invalid_type", "");
  throwsAt(42, "invalid_type", "");
  throwsAt("a string", "invalid_type", "");
  throwsAt([], "invalid_type", "");
  throwsAt({}, "missing_field", "person");
  throwsAt({ person: null }, "missing_field", "person");
  throwsAt({ ...good, person: { ...good.person, sex: 1 } }, "invalid_type", "person.sex");
  throwsAt({ ...good, person: { ...good.person, age: NaN } }, "invalid_type", "person.age");
  throwsAt({ ...good, person: { ...good.person, age: Infinity } }, "invalid_type", "person.age");
  throwsAt({ ...good, person: { ...good.person, age: 40.5 } }, "invalid_type", "person.age");
  throwsAt({ ...good, person: { ...good.person, age: -1 } }, "out_of_range", "person.age");
  // The whole text over its limit is said first, as the CLI says it.
  throwsAt({ ...good, person: { ...good.person, birthDate: "x".repeat(1_000_000) } }, "too_large", "");
  throwsAt({ ...good, person: { ...good.person, birthDate: "x".repeat(20_000) } }, "too_large", "person.birthDate");
  throwsAt({ ...good, extra: 1 }, "unknown_field", "extra");
  throwsAt({ ...good, person: { ...good.person, hukou: { type: "urban", colour: "red" } } }, "unknown_field", "person.hukou.colour");
  throwsAt({ ...good, person: { ...good.person, hukou: "urban" } }, "invalid_type", "person.hukou");
  throwsAt({ ...good, person: { ...good.person, employment: () => 1 } }, "invalid_type", "person.employment");
  throwsAt({ ...good, person: { ...good.person, disabilityGrade: 10n } }, "invalid_type", "person.disabilityGrade");
  throwsAt({ ...good, person: { ...good.person, sex: Symbol("x") } }, "invalid_type", "person.sex");
  let deep = {};
  for (let i = 0; i < 10_000; i++) deep = { person: deep };
  throwsAt(deep, "invalid_type");
  const cyclic = { ...good };
  cyclic.person = { ...good.person, self: cyclic };
  throwsAt(cyclic, "invalid_type");
  throwsAt({ ...good, person: { ...good.person, birthDate: "2015-02-29" } }, "invalid_date", "person.birthDate");
  throwsAt({ ...good, region: "nowhere" }, "unknown_region", "region");
  throwsAt({ ...good, year: 2014 }, "year_out_of_range", "year");
});

test("undefined members count as absent, as in JSON.stringify", () => {
  const r = canbao.check({ ...good, person: { ...good.person, sex: undefined } }, today);
  assert.equal(r.age, 40);
});

test("errors speak the request's language", () => {
  assert.throws(() => canbao.check({ lang: "zh-TW", year: 2015, person: { birthDate: "1980-02-30" } }, today), (e) => e.message.includes("出生日期") && e.message.includes("請"));
  assert.throws(() => canbao.check({ lang: "en", year: 2015, person: { birthDate: "1980-02-30" } }, today), (e) => e.message.includes("date of birth"));
});

test("no region and no year: the national pack, for the coverage year being enrolled today", () => {
  // 2026-11-23 is in the collection period for coverage year 2027.
  const r = canbao.check({ person: good.person }, "2026-11-23");
  assert.deepEqual([r.region, r.year], ["china", 2027]);
  assert.ok(r.warnings.some((w) => w.code === "default_year"));
  assert.equal(typeof canbao.check({ person: good.person }).year, "number", "from the device clock");
});

test("household: totals by payer, and the Ordos whole-household rule", () => {
  const member = (p) => ({ hukou: { type: "urban", local: true }, lowIncome: "none", disabilityGrade: 0, enrolled: "none", ...p });
  const county = canbao.checkHousehold({ region: "county-template", year: 2015, members: [member({ age: 40, employment: "none" }), member({ age: 10, employment: "student", school: { level: "primary", fullTime: true, local: true } }), member({ age: 70, employment: "none", lowIncome: "dibao", hukou: { type: "urban", local: true, movedIn: false } })] }, today);
  assert.equal(county.members.length, 3);
  assert.deepEqual(county.chosen, ["urban_resident", "urban_resident", "urban_resident"]);
  // 140 + 40 + 60 (the low-bao elder's 60 paid by the finance bureau).
  assert.deepEqual(county.totals, [{ period: "year", total: "240.00", individual: "180.00", employer: "0.00", government: "60.00" }]);
  assert.deepEqual(county.rules, []);
  const ordos = canbao.checkHousehold({ region: "ordos-2009", year: 2010, members: [member({ age: 40, employment: "public_employee", monthlyWage: "5000.00" }), member({ age: 38, employment: "none" })] }, today);
  assert.equal(ordos.rules.length, 1);
  assert.equal(ordos.rules[0].code, "whole_household");
  // The employee is in the employee scheme by law: the rule groups the residents, and splits no one.
  assert.deepEqual([ordos.rules[0].members, ordos.rules[0].others, ordos.rules[0].split], [[1], [], false]);
  const monthly = ordos.totals.find((t) => t.period === "month");
  assert.deepEqual(monthly, { period: "month", total: "400.00", individual: "100.00", employer: "300.00", government: "0.00" });
  assert.equal(ordos.totals.find((t) => t.period === "year").total, null, "the Ordos resident fee is not stated");
  assert.throws(() => canbao.checkHousehold({ year: 2015, members: [member({ age: 1 }), member({ birthDate: "2015-13-01" })] }, today), (e) => e.field === "members[1].birthDate" && e.message.includes("第2位成员"));
});

test("regions lists the packs with years and sources", () => {
  const regions = canbao.regions("en");
  // Today's packs first, then the historical documents' (loaded later in a page).
  assert.deepEqual(regions.map((r) => r.id), ["china", "beijing", "chengdu", "guangzhou", "hangzhou", "hebei", "hubei", "jiangxi", "shanghai", "shenzhen", "suizhou", "zhuhai", "county-template", "liaoning-2007", "ordos-2009"]);
  assert.deepEqual(regions.filter((r) => r.default).map((r) => r.id), ["china"]);
  const ordos = regions.find((r) => r.id === "ordos-2009");
  assert.deepEqual([ordos.firstYear, ordos.lastYear], [2009, 2011]);
  // In English, the number too (issue 19: no Chinese in an English answer).
  assert.ok(ordos.sources.some((s) => s.number === "Laoshetingfa [2004] No. 5"));
  assert.ok(canbao.regions("zh-CN").find((r) => r.id === "ordos-2009").sources.some((s) => s.number === "劳社厅发[2004]5号"));
  assert.match(ordos.hash, /^[0-9a-f]{16}$/);
});

test("loadPolicy validates an operator's pack, names the key at fault, and makes the region available", () => {
  const bad = operatorPack();
  bad.schemes[0].eligibility[0].colour = "red";
  assert.throws(() => canbao.loadPolicy(bad), (e) => e.code === "invalid_pack" && e.field === "schemes[0].eligibility[0].colour");
  const uncited = operatorPack();
  uncited.schemes[0].eligibility[0].source = "Y 二";
  assert.throws(() => canbao.loadPolicy(uncited), (e) => e.field === "schemes[0].eligibility[0].source" && /not among the sources/.test(e.message));
  assert.throws(() => canbao.loadPolicy({ ...operatorPack(), id: "ordos-2009" }), (e) => e.code === "invalid_pack" && e.field === "id");
  const region = canbao.loadPolicy(operatorPack());
  assert.equal(region.id, "example-city");
  const r = canbao.check({ region: "example-city", year: 2026, person: { age: 30, hukou: { type: "rural", local: true }, employment: "farmer", lowIncome: "none", disabilityGrade: 0 } }, "2026-11-24");
  const resident = r.schemes.find((s) => s.scheme === "urban_rural_resident");
  assert.equal(resident.status, "eligible");
  assert.equal(resident.fee.individual, "380.00");
  assert.equal(r.rules.hash, region.hash);
  assert.ok(canbao.regions().some((x) => x.id === "example-city"));
  stillWorks();
});

test("loadPolicy reads a pack as a clerk writes it, in TOML: its errors say the line, common slips get a hint, a fixed deadline in an open-ended pack a warning", () => {
  const head = 'id = "toml-city"\nextends = "china"\nname = { zh-CN = "TOML市（测试）" }\nvalid = { from = 2026-01-01 }\n[[schemes]]\nscheme = "urban_rural_resident"\n';
  const broken = (body) => {
    try {
      canbao.loadPolicy(head + body);
    } catch (e) {
      return e;
    }
    assert.fail("loadPolicy accepted it");
  };
  let e = broken('[[schemes.subsidies]]\nwhen = { lowIncome = "dibao" }\ncovers = "all"\nsource = "38 三"\n');
  assert.deepEqual([e.code, e.field, e.line, e.column], ["invalid_pack", "schemes[0].subsidies[0].when.lowIncome", 8, 10]);
  assert.match(e.message, /^loadPolicy:8:10: .*write a list, even of one value, like \["dibao"\]/);
  e = broken('[[schemes.subsidies]]\nwhen = { lowIncome = ["dibao"] }\ncovers = "100%"\nsource = "38 三"\n');
  assert.deepEqual([e.field, e.line], ["schemes[0].subsidies[0].covers", 9]);
  assert.match(e.message, /write "all" for the whole individual share/);
  e = broken("[[schemes.subsidies]]\ncovers = \n");
  assert.deepEqual([e.line, e.column], [8, 10]);
  assert.match(e.message, /not TOML \(nor JSON\): invalid string/);
  const region = canbao.loadPolicy(head + '[[schemes.deadlines]]\ndate = 2026-12-31\nsource = "38 三"\n');
  assert.equal(region.id, "toml-city");
  assert.deepEqual(region.warnings.length, 1);
  assert.match(region.warnings[0], /^loadPolicy:8:1: schemes\[0\]\.deadlines\[0\]\.date: a fixed date \(2026-12-31\)/);
  // The docs' own example loads from its TOML text as written.
  const example = canbao.loadPolicy(readFileSync(join(root, "docs/example-pack.toml"), "utf8").replace('id = "example-city"', 'id = "example-city-toml"').replace(/name = \{[^}]*\}/, 'name = { zh-CN = "示例市（TOML）" }'));
  assert.equal(example.id, "example-city-toml");
  assert.equal(example.warnings, undefined);
  stillWorks();
});

test("version gives the crate version and a hash per pack", () => {
  const v = canbao.version();
  assert.match(v.version, /^\d+\.\d+\.\d+$/);
  assert.ok(v.packs.length >= 3);
  for (const p of v.packs) assert.match(p.hash, /^[0-9a-f]{16}$/);
});
