// Issue 8, "Why": each way an integrator's ordinary mistake stopped the wasm
// module answering, tried through the public JS API, and after each one the
// module answers a good request. (The CLI's items are in tests/cli.rs, the
// page's in tests/www/, the pack checks also in tests/packs.rs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { load, operatorPack, root } from "./harness.mjs";

const canbao = await load();
const today = "2026-11-24";
const good = {
  region: "china", year: 2027, lang: "en",
  person: { age: 40, hukou: { type: "rural", local: true }, employment: "farmer", lowIncome: "none", disabilityGrade: 0, enrolled: "none" },
};
function stillWorks() {
  const r = canbao.check(good, today);
  const resident = r.schemes.find((s) => s.scheme === "urban_rural_resident");
  assert.equal(resident.fee.individual, "400.00");
}
/** Calls `f`, which must throw an Error with `code` (and `field`), then checks a good request. */
function refuses(f, code, field) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof Error, "an Error");
    assert.equal(e.code, code);
    if (field !== undefined) assert.equal(e.field, field);
    assert.ok(e.message.length > 0 && e.message.length < 1000, e.message.slice(0, 200));
    return true;
  });
  stillWorks();
}

test("`today` of the wrong type is a coded error, every time, and the module keeps answering", () => {
  for (let i = 0; i < 3; i++) {
    for (const day of [123, true, new Date(2015, 0, 5), {}, "2015-1-5", "x".repeat(100)]) {
      refuses(() => canbao.check(good, day), day === "2015-1-5" ? "invalid_date" : "invalid_type", "today");
    }
    refuses(() => canbao.regions(123), "invalid_type", "lang");
    refuses(() => canbao.regions("en", 7), "invalid_type", "today");
  }
});

test("a getter, an array index or a Proxy trap that throws is a coded error naming the field, 2,000 times over", () => {
  const getter = { ...good, person: { ...good.person } };
  Object.defineProperty(getter.person, "sex", { enumerable: true, get() { throw new Error("boom"); } });
  const members = [good.person, good.person];
  Object.defineProperty(members, 1, { enumerable: true, get() { throw new Error("boom"); } });
  const proxy = { ...good, person: new Proxy({ ...good.person }, { ownKeys() { throw new Error("boom"); } }) };
  const dated = { ...good, person: { ...good.person, age: undefined, birthDate: new Date(1980, 5, 1) } };
  const cyclic = { ...good, person: { ...good.person } };
  cyclic.person.hukou = { type: "rural", local: true, again: cyclic.person };
  for (let i = 0; i < 2000; i++) {
    for (const [call, field] of [
      [() => canbao.check(getter, today), "person.sex"],
      [() => canbao.checkHousehold({ year: 2027, members }, today), "members[1]"],
      [() => canbao.check(proxy, today), "person"],
      [() => canbao.check(dated, today), "person.birthDate"],
      [() => canbao.check(cyclic, today), "person.hukou.again"],
    ]) {
      assert.throws(call, (e) => e.code === "invalid_type" && e.field === field && !/boom/.test(e.message));
    }
  }
  stillWorks();
});

test("a loadPolicy that fails while the pack is read leaves the module answering, and loading", () => {
  const pack = operatorPack("after-failure");
  pack.schemes[0]["k".repeat(1_000_000)] = 1;
  refuses(() => canbao.loadPolicy(pack), "invalid_pack");
  const getter = operatorPack("after-failure");
  Object.defineProperty(getter, "name", { enumerable: true, get() { throw new Error("boom"); } });
  refuses(() => canbao.loadPolicy(getter), "invalid_pack");
  refuses(() => canbao.loadPolicy("{"), "invalid_pack");
  assert.equal(canbao.loadPolicy(operatorPack("after-failure")).id, "after-failure");
  stillWorks();
});

test("a field name is never expanded into the message: a 14 KB key gives a short message", () => {
  const key = "{field}".repeat(2000);
  refuses(() => canbao.check({ ...good, person: { ...good.person, [key]: 1 } }, today), "unknown_field");
  assert.throws(() => canbao.check({ ...good, [key]: 1 }, today), (e) => e.message.length < 400 && e.field.length < 200);
});

test("requests and packs have size limits in wasm as in the CLI, and the message says the limit", () => {
  const junk = Array.from({ length: 4000 }, () => "x".repeat(16384));
  refuses(() => canbao.check({ ...good, junk }, today), "too_large");
  assert.throws(() => canbao.check({ ...good, junk }, today), (e) => /65536/.test(e.message));
  assert.throws(() => canbao.check({ ...good, lang: "zh-CN", junk }, today), (e) => /65536 字节/.test(e.message));
  refuses(() => canbao.check({ ...good, person: { ...good.person, name: "x".repeat(16385) } }, today), "too_large", "person.name");
  const big = operatorPack("big");
  big.sources[0].title = { "zh-CN": "x".repeat(16000) };
  big.schemes[0].note = Array.from({ length: 40 }, () => big.sources[0].title["zh-CN"]);
  refuses(() => canbao.loadPolicy(big), "invalid_pack");
  refuses(() => canbao.loadPolicy("x".repeat(600_000)), "invalid_pack");
});

test("a household's total is unknown while a member's scheme is (needs_info), never the rest's sum", () => {
  const farmer = good.person;
  const h = canbao.checkHousehold({ region: "china", year: 2027, lang: "en", members: [farmer, { age: 38 }] }, today);
  assert.deepEqual(h.undecided, [1]);
  assert.deepEqual(h.totals, [{ period: "year", total: null, individual: null, employer: null, government: null }]);
  const both = canbao.checkHousehold({ region: "china", year: 2027, lang: "en", members: [farmer, farmer] }, today);
  assert.deepEqual(both.totals.map((t) => t.individual), ["800.00"]);
});

test("numbers and dates are read alike in wasm and the CLI: 40.0, 4e1, -0 and 2.015e3 are not whole numbers", async () => {
  const core = await import(join(root, "pkg/web/canbao_core.js"));
  const raw = (text) => JSON.parse(core.check_json(text, today));
  const base = JSON.stringify(good);
  for (const [from, to, field] of [
    ['"age":40', '"age":40.0', "person.age"],
    ['"age":40', '"age":4e1', "person.age"],
    ['"age":40', '"age":-0', "person.age"],
    ['"year":2027', '"year":2.027e3', "year"],
  ]) {
    const e = raw(base.replace(from, to)).error;
    assert.deepEqual([e.code, e.field], ["invalid_type", field], to);
  }
  assert.equal(raw(base).year, 2027);
  refuses(() => canbao.check({ ...good, person: { ...good.person, age: undefined, birthDate: "0000-01-01" } }, today), "out_of_range", "person.birthDate");
  refuses(() => canbao.check({ ...good, person: { ...good.person, hukou: { type: "rural", local: true, movedInOn: "9999-12-31" } } }, today), "out_of_range", "person.hukou.movedInOn");
});

test("loaded packs: no built-in's display name, a hash in every answer, no toJSON deciding it, no null conditions, no self-exclusion", () => {
  const china = canbao.regions("zh-CN").find((r) => r.id === "china");
  refuses(() => canbao.loadPolicy({ ...operatorPack("lookalike"), name: { "zh-CN": china.name, en: "Lookalike" } }), "invalid_pack", "name.zh-CN");
  const region = canbao.loadPolicy(operatorPack("hashed"));
  const r = canbao.check({ ...good, region: "hashed" }, today);
  assert.equal(r.schemes.find((s) => s.scheme === "urban_rural_resident").fee.individual, "380.00");
  assert.deepEqual([r.rules.pack, r.rules.hash], ["hashed", region.hash]);
  assert.match(r.rules.hash, /^[0-9a-f]{16}$/);
  // A toJSON would make the pack (and its hash) whatever it returns: refused.
  const proto = { toJSON: () => operatorPack("other") };
  refuses(() => canbao.loadPolicy(Object.assign(Object.create(proto), operatorPack("dressed"))), "invalid_pack");
  refuses(() => canbao.check(Object.assign(Object.create(proto), good), today), "invalid_type", "");
  const nullCondition = operatorPack("null-condition");
  nullCondition.schemes[0].eligibility = [{ when: { ageAtLeast: null }, status: "eligible", code: "all", message: { "zh-CN": "所有人。" }, source: "X 二" }];
  refuses(() => canbao.loadPolicy(nullCondition), "invalid_pack", "schemes[0].eligibility[0].when.ageAtLeast");
  const selfExclusive = operatorPack("self-exclusive");
  selfExclusive.schemes[0].exclusiveWith = ["urban_rural_resident"];
  refuses(() => canbao.loadPolicy(selfExclusive), "invalid_pack", "schemes[0].exclusiveWith");
});

test("messages: a non-object root, members of the wrong type and too_large each say what to do", () => {
  assert.throws(() => canbao.check(42, today), (e) => e.code === "invalid_type" && e.field === "" && !e.message.includes("「」") && /请求内容/.test(e.message));
  assert.throws(() => canbao.check(42, today), (e) => !e.message.includes("「」"));
  assert.throws(() => canbao.checkHousehold({ lang: "en", year: 2027, members: 5 }, today), (e) => e.field === "members" && /list/.test(e.message) && !/text/.test(e.message));
  assert.throws(() => canbao.check({ ...good, junk: "x".repeat(70000) }, today), (e) => e.code === "too_large" && !/over\s+bytes/.test(e.message));
  stillWorks();
});
