// www/logic.js in Node, without a browser: the form <-> request conversions,
// wage and date entry, and the answer's structure for every case file's
// response (every scheme placed once; choices only where the engine groups
// them; add-ons under their scheme; relief apart; what to ask).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { root, caseFiles } from "../wasm/harness.mjs";

const logic = await import(join(root, "www/logic.js"));
const canbao = await import(join(root, "pkg/web/canbao.js"));
canbao.initSync({ module: readFileSync(join(root, "pkg/web/canbao_core_bg.wasm")) });
canbao.addPacks((await import(join(root, "pkg/web/packs-past.js"))).default);

test("amountOf: a wage as people type it", () => {
  for (const [typed, sent] of [["4000", "4000"], ["4000元", "4000"], ["4,000", "4000"], ["4，000", "4000"], [" 4000.50 元", "4000.50"], ["４０００", "4000"], ["￥4000", "4000"], ["4000.5", "4000.5"]]) {
    assert.equal(logic.amountOf(typed), sent, typed);
  }
  // Not a number: left for the engine to refuse, with its one message.
  for (const typed of ["四千", "-4000", "4000.123", "4e3", ""]) assert.equal(logic.amountOf(typed), typed.trim(), typed);
  assert.equal(logic.requestFrom({ monthlyWage: "4,000元" }).person.monthlyWage, "4000");
});

test("dateOf: three fields make a date only when all are there, and the year has four digits", () => {
  assert.deepEqual(logic.dateOf("1991", "6", "1"), { date: "1991-06-01" });
  assert.deepEqual(logic.dateOf("", "", ""), {});
  assert.deepEqual(logic.dateOf("1991", "", ""), { error: "incomplete" });
  assert.deepEqual(logic.dateOf("91", "06", "01"), { error: "year" });
  assert.deepEqual(logic.dateOf("0001", "06", "01"), { date: "0001-06-01" }, "typed, so sent: the engine refuses it by the field");
  assert.deepEqual(logic.dateOf("1991", "x", "1"), { error: "incomplete" });
});

test("formKeyOf: request paths, household paths and top-level fields", async () => {
  assert.equal(logic.formKeyOf("person.hukou.type"), "hukouType");
  assert.equal(logic.formKeyOf("members[2].history.lastCoveredYear"), "lastCoveredYear");
  assert.equal(logic.formKeyOf("person.retirement.enterprise.condition"), "condition");
  assert.equal(logic.formKeyOf("year"), "year");
  assert.equal(logic.formKeyOf("person.nothing"), null);
  // Every field the engine can name in `missing` has a question.
  const fields = readFileSync(join(root, "src/model/field.rs"), "utf8").match(/= "person\.[\w.]+"/g).map((s) => s.slice(3, -1));
  assert.ok(fields.length >= 24, fields.join(" "));
  for (const f of fields) assert.ok(logic.formKeyOf(f), f);
  // ... and the page has words for it, in the three languages.
  const { FIELDS } = await import(join(root, "www/i18n.js"));
  for (const key of logic.KEYS) {
    assert.ok(FIELDS[key], key);
    assert.equal(FIELDS[key].label.split("|").length, 3, key);
  }
});

test("requestFrom: yes/no, numbers and 'never insured' from form strings; formFrom back", () => {
  const form = { region: "china", year: "2027", hukouType: "urban", hukouLocal: "true", movedIn: "false", disabilityGrade: "0", lastCoveredYear: "never", backPayYears: "2", age: "34" };
  const request = logic.requestFrom(form);
  assert.deepEqual(request, { person: { hukou: { type: "urban", local: true, movedIn: false }, disabilityGrade: 0, history: { lastCoveredYear: null, backPayYears: 2 }, age: 34 }, region: "china", year: 2027 });
  assert.deepEqual(logic.requestFrom(logic.formFrom(request)), request);
  assert.equal(logic.requestFrom({ lastCoveredYear: "2024" }).person.history.lastCoveredYear, 2024);
});

test("chinaToday and packFor", () => {
  assert.equal(logic.chinaToday(Date.UTC(2026, 10, 23, 16, 30)), "2026-11-24", "00:30 in Beijing is already the 24th");
  const regions = canbao.regions("zh-CN", "2026-11-24");
  assert.equal(logic.packFor(regions, 2027), "china");
  assert.equal(logic.packFor(regions, 2015), "county-template");
  assert.equal(logic.packFor(regions, 2010), "liaoning-2007");
  assert.equal(logic.packFor(regions, 2005), null);
});

/** Every card in a view, nested ones included, with where it was put. */
function placed(v) {
  const out = [];
  const walk = (c, where) => {
    out.push([c.scheme, where]);
    for (const a of c.addOns) walk(a, `addOn:${c.scheme}`);
    if (c.instead) for (const x of c.instead.cards) walk(x, `instead:${c.scheme}`);
  };
  for (const key of ["must", "may", "relief", "pending", "notFor"]) for (const c of v[key]) walk(c, key);
  v.choices.forEach((g, i) => g.forEach((c) => walk(c, `choice:${i}`)));
  return out;
}

for (const { file, doc } of caseFiles()) {
  test(`${file}: every answer's structure`, () => {
    for (const c of doc.cases) {
      if (!c.request || typeof c.request.person !== "object" || c.household) continue;
      let response;
      try {
        response = canbao.check(c.request, c.today ?? doc.today);
      } catch {
        continue;
      }
      const v = logic.view(response);
      const where = placed(v);
      const ids = where.map(([id]) => id).sort();
      assert.deepEqual(ids, response.schemes.map((s) => s.scheme).sort(), `${c.name}: every scheme once`);
      const by = Object.fromEntries(where);
      for (const s of response.schemes) {
        if (s.status === "mandatory") assert.ok(!by[s.scheme].startsWith("choice"), `${c.name}: ${s.scheme} mandatory in a choice`);
        if (s.role === "supplement" && s.status !== "ineligible" && response.schemes.some((x) => x.scheme === s.addsTo)) {
          assert.equal(by[s.scheme], `addOn:${s.addsTo}`, `${c.name}: ${s.scheme} under its scheme`);
        }
        if (s.role === "relief" && s.status === "eligible") assert.equal(by[s.scheme], "relief", `${c.name}: relief is a note`);
      }
      // A choice on the page is exactly a group the engine gave.
      const groups = new Set(response.alternatives.map((g) => [...g].sort().join("+")));
      for (const g of v.choices) assert.ok(groups.has(g.map((x) => x.scheme).sort().join("+")), `${c.name}: a choice the engine did not group`);
      for (const [id, w] of where) if (w.startsWith("instead:")) assert.equal(response.schemes.find((s) => s.scheme === id).insteadOf, w.slice(8), c.name);
      assert.equal(v.ask.length, response.missing.length, `${c.name}: a question for every missing answer`);
    }
  });
}

test("householdView: split only where the engine says so; who is undecided and what they still need", () => {
  const ordos = caseFiles().find((f) => f.file.endsWith("ordos-2009.json")).doc;
  for (const c of ordos.cases.filter((x) => x.household)) {
    const h = logic.householdView(canbao.checkHousehold(c.request, ordos.today));
    assert.equal(h.split, false, c.name);
  }
  const family = { region: "ordos-2009", year: 2010, members: [
    { age: 40, hukou: { type: "urban", local: true }, employment: "employee" },
    { age: 38, hukou: { type: "urban", local: true }, employment: "none" },
  ] };
  const h = logic.householdView(canbao.checkHousehold(family, "2026-11-24"));
  assert.deepEqual(h.undecided, [1]);
  assert.deepEqual(h.members[1].ask, ["enrolled"]);
  assert.equal(h.members[0].scheme.scheme, "employee");
  assert.equal(h.split, false);
});
