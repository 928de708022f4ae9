// The JSON Schemas in docs/schema/, held to what the engine does: every case
// file's requests (valid unless the case expects an error the request shows on
// its face), the answers and errors of the wasm API and of the native CLI, more
// requests at the edges, every built-in pack, broken packs that the schema and
// the engine must both refuse, and the documented example pack, which must
// load and answer as its comments promise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import Ajv from "ajv";
import { parse as parseToml } from "smol-toml";
import { root, caseFiles, load, run } from "../wasm/harness.mjs";

const NAMES = ["request", "household-request", "response", "household-response", "error", "policy-pack"];
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
for (const n of NAMES) ajv.addSchema(JSON.parse(readFileSync(join(root, "docs/schema", `${n}.schema.json`), "utf8")));
const schema = Object.fromEntries(NAMES.map((n) => [n, ajv.getSchema(`https://canbao.invalid/schema/${n}.schema.json`)]));
const why = (validate) => ajv.errorsText(validate.errors, { separator: "; " });

const canbao = await load();
const cli = ["target/debug/canbao", "target/release/canbao"].map((p) => join(root, p)).find(existsSync);
const TODAY = "2026-11-24";

/** docs/example-pack.toml, parsed afresh. */
const examplePack = () => parseToml(readFileSync(join(root, "docs/example-pack.toml"), "utf8"));

/** The native CLI's answer to a request text, as JSON (`{error}` on exit 2). */
function native(command, text, today) {
  const r = spawnSync(cli, [command, "-", "--today", today], { input: text, encoding: "utf8" });
  assert.ok(r.status === 0 || r.status === 2, `canbao ${command} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** An Error the JS API threw, as the error body (with `file` for a pack). */
function body(e) {
  const error = { code: e.code, field: e.field, message: e.message };
  if (e.file !== undefined) error.file = e.file;
  return { error };
}

/** The value at a field path of a request: `members[1].hukou.movedInOn`. */
function valueAt(value, path) {
  for (const key of path.split(/\.|\[(\d+)\]/).filter(Boolean)) value = value?.[key];
  return value;
}

// Errors a request shows on its face: the schema must refuse the request too.
const ON_ITS_FACE = new Set(["invalid_json", "too_large", "invalid_type", "unknown_field", "missing_field", "invalid_value", "invalid_date", "invalid_amount", "conflict"]);
// Errors that need the pack, the year, the day or two values compared: past a schema.
const PAST_A_SCHEMA = new Set(["unknown_region", "year_out_of_range", "birth_after_year", "age_conflict", "moved_before_birth"]);
const WORK = ["employee", "public_employee", "flexible", "retired"];

/** Whether the schema can see what is wrong with `request`, given the engine's error. */
function schemaSees(error, request) {
  const { code, field } = error;
  if (ON_ITS_FACE.has(code)) return true;
  // A stated age under 16 with work is refused by the schema whatever the engine
  // names first (age_conflict when a birth date disagrees).
  const person = valueAt(request, field.replace(/\.[^.[]*$/, "").replace(/\.(hukou|history|school|retirement)$/, ""));
  const youngWorker = Number.isInteger(person?.age) && person.age < 16 && WORK.includes(person?.employment);
  if (PAST_A_SCHEMA.has(code)) return youngWorker;
  if (code === "out_of_range") {
    // Numbers have fixed ranges, and dates fixed bounds (1870 to 2200); a birth
    // date over 150 years before the reference day, or a move after the day of
    // paying, needs the day.
    const value = valueAt(request, field);
    return typeof value !== "string" || !/^(18[7-9]\d|19\d\d|2[01]\d\d|2200)-/.test(value);
  }
  if (code === "implausible") return youngWorker;
  throw new Error(`error code ${code} is not classified: is it on the request's face?`);
}

/** Amounts in fen, exactly. */
const fen = (s) => {
  const [yuan, part = ""] = s.split(".");
  return BigInt(yuan) * 100n + BigInt(part.padEnd(2, "0"));
};

/** Checks the fee arithmetic of an answer; returns how many fees it checked. */
function sums(answer) {
  let n = 0;
  const fees = [
    ...(answer.schemes ?? []).map((s) => s.fee).filter(Boolean),
    ...(answer.members ?? []).flatMap((m) => m.schemes.map((s) => s.fee).filter(Boolean)),
    ...(answer.totals ?? []),
  ];
  for (const f of fees) {
    const parts = [f.individual, f.employer, f.government];
    if (parts.every((p) => p !== null)) {
      assert.notEqual(f.total, null, `all shares known but no total: ${JSON.stringify(f)}`);
      assert.equal(parts.map(fen).reduce((a, b) => a + b), fen(f.total), `shares do not add up: ${JSON.stringify(f)}`);
      n++;
    }
  }
  return n;
}

test("the schema files are these six, and each compiles under strict Ajv", () => {
  const files = readdirSync(join(root, "docs/schema")).filter((f) => f.endsWith(".json")).sort();
  assert.deepEqual(files, NAMES.map((n) => `${n}.schema.json`).sort());
  for (const n of NAMES) assert.equal(typeof schema[n], "function", n);
});

test("an answer's every key is required: null where there is nothing, never left out", () => {
  let objects = 0;
  for (const n of ["response", "household-response"]) {
    (function walk(s, path) {
      if (Array.isArray(s)) return s.forEach((x, i) => walk(x, `${path}[${i}]`));
      if (s === null || typeof s !== "object") return;
      if (s.type === "object" && s.properties) {
        assert.deepEqual([...(s.required ?? [])].sort(), Object.keys(s.properties).sort(), `${n} ${path}`);
        assert.equal(s.additionalProperties, false, `${n} ${path}`);
        objects++;
      }
      for (const [k, v] of Object.entries(s)) if (k !== "enum" && k !== "const") walk(v, `${path}/${k}`);
    })(schemaJson(n), "");
  }
  assert.ok(objects >= 9, `${objects} objects`);
});

for (const { file, doc } of caseFiles()) {
  test(`${file}: requests, answers and errors match the schemas`, () => {
    let checked = 0;
    for (const c of doc.cases) {
      const today = c.today ?? doc.today ?? "2015-01-05";
      const [req, res] = c.household ? [schema["household-request"], schema["household-response"]] : [schema.request, schema.response];
      const got = run(canbao, c, today);
      if ("request" in c) {
        const refuse = c.error ? schemaSees(c.error, c.request) : false;
        assert.equal(req(c.request), !refuse, `${c.name}: the schema should ${refuse ? "refuse" : "accept"} it${refuse ? "" : `: ${why(req)}`}`);
        checked++;
      }
      // The wasm API: the answer, or the error it threw.
      if (got.error) {
        assert.ok(schema.error(got), `${c.name}: ${why(schema.error)}`);
      } else {
        assert.ok(res(got), `${c.name}: ${why(res)}`);
        sums(got);
      }
      // The native CLI, on the same text.
      const answer = native(c.household ? "household" : "check", c.requestText ?? JSON.stringify(c.request), today);
      if (answer.error) {
        assert.ok(schema.error(answer), `${c.name} (CLI): ${why(schema.error)}`);
        assert.deepEqual([answer.error.code, answer.error.field], [got.error?.code, got.error?.field], `${c.name}: the CLI and the wasm API disagree`);
      } else {
        assert.ok(res(answer), `${c.name} (CLI): ${why(res)}`);
        assert.equal(got.error, undefined, `${c.name}: the CLI answered, the wasm API refused`);
      }
      checked += 2;
    }
    assert.ok(checked >= 2 * doc.cases.length);
  });
}

// Requests at the edges of the contract, beyond the case files: the schema
// accepts exactly those the engine does not refuse on their face.
const person = { age: 40, hukou: { type: "urban", local: true }, employment: "none", lowIncome: "none", disabilityGrade: 0, enrolled: "none" };
const EDGES = [
  { person: {} },
  { region: null, year: null, lang: null, payDate: null, person: { birthDate: null, age: null, sex: null, hukou: null, residencePermit: null, employment: null, school: null, retirement: null, lowIncome: null, disabilityGrade: null, landExpropriated: null, childrenHaveLocalUrbanHukou: null, monthlyWage: null, enrolled: null, history: null } },
  { person: { hukou: { type: null, local: null, movedIn: null, movedInOn: null, movedAfterRetirement: null }, school: { level: null, fullTime: null, local: null }, retirement: { pensionFrom: null, enterprise: null } } },
  { person: { retirement: { enterprise: { ownership: "state", condition: "bankrupt" }, pensionFrom: "elsewhere" } } },
  { person: { ...person, disabilityGrade: 0 } },
  { person: { ...person, disabilityGrade: 4 } },
  { person: { ...person, disabilityGrade: 5 } },
  { person: { ...person, disabilityGrade: -1 } },
  { person: { ...person, age: 120 } },
  { person: { ...person, age: 121 } },
  { person: { ...person, age: 40.5 } },
  { person: { ...person, age: "40" } },
  { person: { ...person, sex: "x" } },
  { person: { ...person, lowIncome: "tekun" } },
  { person: { ...person, lowIncome: "poor" } },
  { person: { ...person, employment: "unemployment_benefit" } },
  { person: { ...person, monthlyWage: "4000" } },
  { person: { ...person, monthlyWage: "4000.5" } },
  { person: { ...person, monthlyWage: "4000.123" } },
  { person: { ...person, monthlyWage: "-4000" } },
  { person: { ...person, monthlyWage: "1e3" } },
  { person: { ...person, monthlyWage: 4000 } },
  { person: { ...person, history: { lastCoveredYear: null } } },
  { person: { ...person, history: { lastCoveredYear: 2025, continuousYears: 10, backPayYears: 0 } } },
  { person: { ...person, history: { lastCoveredYear: 1899 } } },
  { person: { ...person, history: { continuousYears: 151 } } },
  { person: { ...person, history: { since: 2020 } } },
  { person: { ...person, hukou: { movedIn: false } } },
  { person: { ...person, hukou: { movedIn: true, movedInOn: "2020-03-01" } } },
  { person: { ...person, hukou: { movedIn: false, movedInOn: "2020-03-01" } } },
  { person: { ...person, hukou: { movedIn: false, movedInOn: null } } },
  { person: { ...person, hukou: { movedInOn: "2020-02-30" } } },
  { person: { ...person, hukou: { movedInOn: "1869-12-31" } } },
  { person: { ...person, birthDate: "2000-02-29" } },
  { person: { ...person, age: null, birthDate: "2001-02-29" } },
  { person: { ...person, age: null, birthDate: "1999-1-01" } },
  { person: { ...person, age: 10, employment: "retired" } },
  { person: { ...person, age: 15, employment: "flexible" } },
  { person: { ...person, age: 16, employment: "flexible" } },
  { person: { ...person, age: 10, employment: "student", school: { level: "primary", fullTime: true, local: true } } },
  { person: { ...person, school: { level: "college" } } },
  { person },
  { person: null },
  {},
  { person, colour: "red" },
  { person, year: 1899 },
  { person, year: 2026.5 },
  { person, lang: "fr" },
  { person, lang: "en" },
  { person, payDate: "2026-11-24" },
  { person, payDate: "2201-01-01" },
  { person, region: "china" },
  { person, region: "atlantis" },
  { person: [] },
  { person: { ...person, hukou: [] } },
];
const HOUSEHOLD_EDGES = [
  { members: [person] },
  { members: [person, { ...person, age: 8, employment: "student" }], year: 2027 },
  { members: [] },
  { members: Array.from({ length: 20 }, () => person) },
  { members: Array.from({ length: 21 }, () => person) },
  { members: null },
  {},
  { members: [person, { ...person, sex: "x" }] },
  { members: [person, { ...person, age: 3, employment: "retired" }] },
  { members: [person], person },
];

test("requests at the edges: the schema refuses exactly what the engine refuses on its face", () => {
  let checked = 0;
  for (const [list, validate, call] of [
    [EDGES, schema.request, (r) => canbao.check(r, TODAY)],
    [HOUSEHOLD_EDGES, schema["household-request"], (r) => canbao.checkHousehold(r, TODAY)],
  ]) {
    for (const request of list) {
      let got;
      try {
        got = call(request);
      } catch (e) {
        got = body(e);
      }
      const label = JSON.stringify(request).slice(0, 200);
      const refuse = got.error ? schemaSees(got.error, request) : false;
      assert.equal(validate(request), !refuse, `${label}: engine says ${JSON.stringify(got.error ?? "ok")}, schema: ${why(validate)}`);
      if (got.error) assert.ok(schema.error(got), why(schema.error));
      checked++;
    }
  }
  assert.equal(checked, EDGES.length + HOUSEHOLD_EDGES.length);
});

const schemaJson = (n) => JSON.parse(readFileSync(join(root, "docs/schema", `${n}.schema.json`), "utf8"));
/** The values a message quotes: "a", "b" (requests) or `a`, `b` (packs). */
const quoted = (message, q) => [...message.matchAll(new RegExp(`${q}([^${q}]*)${q}`, "g"))].map((m) => m[1]).filter((v) => v !== "zzz");

test("the request schema's closed lists are exactly the engine's", () => {
  const root_ = schemaJson("request");
  const resolve = (s) => (s.$ref ? resolve(s.$ref.split("/").slice(1).reduce((o, k) => o[k], root_)) : s);
  const found = [];
  (function walk(s, path) {
    s = resolve(s);
    if (s.enum) found.push([path, s.enum.filter((v) => v !== null)]);
    for (const branch of [...(s.anyOf ?? []), ...(s.allOf ?? [])]) walk(branch, path);
    for (const [k, sub] of Object.entries(s.properties ?? {})) walk(sub, path ? `${path}.${k}` : k);
  })(root_, "");
  assert.ok(found.length >= 10, JSON.stringify(found.map(([p]) => p)));
  for (const [path, values] of found) {
    const request = { lang: "en", person: {} };
    const keys = path.split(".");
    keys.slice(0, -1).reduce((o, k) => (o[k] ??= {}), request)[keys.at(-1)] = "zzz";
    let error;
    try {
      canbao.check(request, TODAY);
    } catch (e) {
      error = e;
    }
    assert.deepEqual([error?.code, error?.field], ["invalid_value", path], `${path}: ${error?.message}`);
    assert.deepEqual(quoted(error.message, '"').sort(), [...values].sort(), `${path}: ${error.message}`);
  }
});

test("the pack schema's closed lists are exactly the engine's", () => {
  const d = schemaJson("policy-pack").definitions;
  const lists = [
    ...Object.entries(d.when.properties)
      .filter(([, s]) => s.items?.enum)
      .map(([key, s]) => [`when.${key}`, (p) => (p.schemes[0].fees[1].tiers[0].when = { [key]: ["zzz"] }), s.items.enum, '"']),
    ["status", (p) => (p.schemes[0].eligibility = [{ status: "zzz", code: "x", message: { "zh-CN": "x" }, source: "EXM 第一条" }]), d.rule.properties.status.enum, "`"],
    ["through", (p) => (p.schemes[0].places[0].through = "zzz"), d.listing.properties.through.enum, "`"],
    ["strength", (p) => (p.sources[0].strength = "zzz"), d.strength.enum, "`"],
    ["scheme", (p) => (p.schemes[0].scheme = "zzz"), d.scheme.enum, "`"],
    ["period", (p) => (p.schemes[0].fees[0].period = "zzz"), d.feeSchedule.properties.period.enum, "`"],
    ["base", (p) => (p.schemes[1].fees[0].tiers[0].individual.base = "zzz"), d.tier.properties.individual.anyOf[1].properties.base.enum, "`"],
  ];
  assert.ok(lists.length >= 14);
  for (const [what, breakIt, values, q] of lists) {
    const pack = examplePack();
    breakIt(pack);
    assert.equal(schema["policy-pack"](pack), false, what);
    assert.throws(
      () => canbao.loadPolicy(pack, TODAY),
      (e) => {
        assert.deepEqual(quoted(e.message, q).sort(), [...values].sort(), `${what}: ${e.message}`);
        return true;
      },
      what,
    );
  }
});

test("objects given as arrays are refused, as the schema refuses them", () => {
  for (const request of [{ person: { hukou: ["urban", true, null, null, null] } }, { person: { school: ["primary", true, true] } }, { person: { history: [2025, 3, 0] } }]) {
    assert.equal(schema.request(request), false);
    assert.throws(() => canbao.check(request, TODAY), (e) => e.code === "invalid_type", JSON.stringify(request));
  }
  const pack = examplePack();
  pack.valid = ["2026-01-01", "2027-12-31"];
  assert.equal(schema["policy-pack"](pack), false);
  assert.throws(() => canbao.loadPolicy(pack, TODAY), (e) => e.code === "invalid_pack" && e.field === "valid");
});

// ---------------------------------------------------------------------------
// Packs.

/** The built-in packs: one per file in policies/, as `canbao pack ID` prints them. */
const builtins = readdirSync(join(root, "policies"))
  .filter((f) => f.endsWith(".toml"))
  .sort()
  .map((f) => ({ file: `policies/${f}`, toml: parseToml(readFileSync(join(root, "policies", f), "utf8")) }));

test("every built-in pack validates against the pack schema, as TOML and as the engine embeds it", () => {
  assert.ok(builtins.length >= 6, "the six built-in packs");
  const ids = builtins.map((b) => b.toml.id);
  for (const id of ["notices-2004", "china", "county-template", "liaoning-2007", "ordos-2009", "suizhou"]) assert.ok(ids.includes(id), id);
  for (const { file, toml } of builtins) {
    assert.ok(schema["policy-pack"](toml), `${file}: ${why(schema["policy-pack"])}`);
    const r = spawnSync(cli, ["pack", toml.id], { encoding: "utf8" });
    assert.equal(r.status, 0, `canbao pack ${toml.id}: ${r.stderr}`);
    const embedded = JSON.parse(r.stdout);
    assert.deepEqual(embedded, JSON.parse(JSON.stringify(toml)), `${file}: the embedded JSON is not the TOML`);
    assert.ok(schema["policy-pack"](embedded), `${toml.id}: ${why(schema["policy-pack"])}`);
  }
  // And every region the engine answers for is one of them.
  for (const region of canbao.regions("en", TODAY)) assert.ok(ids.includes(region.id), region.id);
});

/** A key as the engine names it (`schemes[0].fees[1]`) from an Ajv error. */
function keysOf(e) {
  const at = e.instancePath
    .split("/")
    .slice(1)
    .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k}`))
    .join("")
    .replace(/^\./, "");
  const extra = e.params.additionalProperty ?? e.params.missingProperty;
  return extra === undefined ? [at] : [at, at ? `${at}.${extra}` : extra];
}

/** The same key, or one inside the other (`name` and `name.en`); never the whole pack. */
const near = (a, b) => a !== "" && b !== "" && (a === b || [".", "["].some((s) => a.startsWith(b + s) || b.startsWith(a + s)));

const tier = (p) => p.schemes[0].fees[1].tiers[1];
// Each breakage, and the key the engine names. The schema must refuse the pack
// at that key (or one inside or around it) and the engine must refuse it there.
const BROKEN = [
  ["a negative amount", (p) => (tier(p).individual = "-420.00"), "schemes[0].fees[1].tiers[1].individual"],
  ["an amount with three decimals", (p) => (tier(p).individual = "420.005"), "schemes[0].fees[1].tiers[1].individual"],
  ["an amount as a number", (p) => (tier(p).individual = 420), "schemes[0].fees[1].tiers[1].individual"],
  // The engine names the rate or the base at fault, as the schema does.
  ["a rate above 1", (p) => (p.schemes[1].fees[0].tiers[0].individual.rate = "1.5"), "schemes[1].fees[0].tiers[0].individual.rate"],
  ["a rate of an unknown base", (p) => (p.schemes[1].fees[0].tiers[0].employer.base = "salary"), "schemes[1].fees[0].tiers[0].employer.base"],
  ["an unknown key", (p) => (tier(p).colour = "red"), "schemes[0].fees[1].tiers[1].colour"],
  ["a key another list has", (p) => (tier(p).covers = "all"), "schemes[0].fees[1].tiers[1].covers"],
  ["an unknown `when` key", (p) => (tier(p).when = { hukou: "urban" }), "schemes[0].fees[1].tiers[1].when.hukou"],
  ["an unknown value in a `when` list", (p) => (p.schemes[0].subsidies[2].when.lowIncome = ["poor"]), "schemes[0].subsidies[2].when.lowIncome"],
  ["a `when` age as text", (p) => (p.schemes[0].fees[1].tiers[0].when.ageBelow = "18"), "schemes[0].fees[1].tiers[0].when.ageBelow"],
  ["disability grade 5", (p) => (p.schemes[0].subsidies[4].when.disabilityGrade = [1, 5]), "schemes[0].subsidies[4].when.disabilityGrade"],
  ["a null", (p) => (p.schemes[0].subsidies[2].when.lowIncome = null), "schemes[0].subsidies[2].when.lowIncome"],
  ["a strength no one knows", (p) => (p.sources[0].strength = "certain"), "sources[0].strength"],
  ["a citation without its clause", (p) => (p.schemes[0].subsidies[0].source = "EXM"), "schemes[0].subsidies[0].source"],
  ["a missing code", (p) => delete tier(p).code, "schemes[0].fees[1].tiers[1]"],
  ["a message without zh-CN", (p) => (tier(p).message = { en: "420 yuan" }), "schemes[0].fees[1].tiers[1].message"],
  ["a control character in a message", (p) => (tier(p).message["zh-CN"] += "\u001b[2J"), "schemes[0].fees[1].tiers[1].message.zh-CN"],
  ["a tier with no share", (p) => (p.schemes[0].fees[1].tiers[1] = { code: "x", message: { "zh-CN": "x" }, source: "EXM 第十二条" }), "schemes[0].fees[1].tiers[1]"],
  ["a schedule with no tiers", (p) => (p.schemes[0].fees[1].tiers = []), "schemes[0].fees[1].tiers"],
  ["a subsidy with both covers and unknown", (p) => (p.schemes[0].subsidies[0].unknown = { "zh-CN": "不知道" }), "schemes[0].subsidies[0]"],
  ["a deadline with a date and yearBefore", (p) => (p.schemes[0].deadlines[0] = { date: "2027-02-28", yearBefore: true, source: "EXM 第十三条" }), "schemes[0].deadlines[0]"],
  ["a deadline with both date and monthDay", (p) => (p.schemes[0].deadlines[0].date = "2027-02-28"), "schemes[0].deadlines[0]"],
  ["a month and day that never come", (p) => (p.collection.closes = "02-30"), "collection.closes"],
  ["a date that does not exist", (p) => (p.valid.from = "2026-02-29"), "valid.from"],
  ["a collection without its source", (p) => delete p.collection.source, "collection"],
  ["a place with neither items nor through", (p) => (p.schemes[0].places[2].items = []), "schemes[0].places[2].items"],
  ["an unknown `through`", (p) => (p.schemes[0].places[0].through = "neighbour"), "schemes[0].places[0].through"],
  ["a scheme no one knows", (p) => (p.schemes[0].scheme = "urban_rural"), "schemes[0].scheme"],
  ["a scheme that excludes itself", (p) => Object.assign(p.schemes[0], { exclusiveWith: ["urban_rural_resident"], exclusiveSource: "EXM 第二条" }), "schemes[0].exclusiveWith"],
  ["exclusiveWith without its source", (p) => (p.schemes[0].exclusiveWith = ["employee"]), "schemes[0].exclusiveSource"],
  ["a waiting period of 30 fixed months", (p) => (p.schemes[0].waiting = { fromYear: 2026, fixedMonths: 30, monthsPerGapYear: 1, floorAfterGapYears: 4, floorMonths: 6, newbornDays: 90, source: "EXM 第十九条" }), "schemes[0].waiting"],
  ["an id with capitals", (p) => (p.id = "Example-City"), "id"],
  ["a blank English name", (p) => (p.name.en = "  "), "name"],
  ["no extends and no reference day", (p) => {
    delete p.extends;
    delete p.referenceDay;
  }, "referenceDay"],
  ["a source id with a space", (p) => (p.sources[0].id = "EX M"), "sources[0].id"],
  ["a province no one knows", (p) => (p.province = "atlantis"), "province"],
  ["an alias with capitals", (p) => (p.aliases = ["Old-City"]), "aliases[0]"],
  ["cover after 1 January from a day no one knows", (p) => (p.collection.afterYearStart = "soon"), "collection.afterYearStart"],
  ["a list of windows, one without its close", (p) => (p.collection = [p.collection, { opens: "10-01", source: p.collection.source }]), "collection[1]"],
];
// What the engine refuses and a schema cannot see: it would have to know the
// pack's documents, compare two values, or know the parent pack.
const PAST_THE_SCHEMA = [
  ["a citation of a document the pack does not list", (p) => (tier(p).source = "NOPE 第一条"), "schemes[0].fees[1].tiers[1].source"],
  ["fee schedules that overlap", (p) => (p.schemes[0].fees[1].from = "2026-06-01"), "schemes[0].fees[1]"],
  ["years that end before they start", (p) => (p.valid.to = "2025-12-31"), "valid.to"],
  ["years outside the parent's", (p) => (p.valid.from = "2010-01-01"), "valid"],
  ["a document id listed twice", (p) => (p.sources[1].id = "EXM"), "sources[0].id"],
  ["a document id the parent has", (p) => (p.sources[0].id = "SIL"), "sources[0].id"],
  ["a parent that does not exist", (p) => (p.extends = "atlantis"), "extends"],
  ["overriding a scheme the parent does not have", (p) => p.schemes.push({ scheme: "rural_cooperative", places: [{ items: [{ "zh-CN": "乡镇" }], source: "EXM 第十七条" }] }), "schemes[2].eligibility"],
  ["a household rule for a scheme no pack has", (p) => (p.household = [{ scheme: "rural_cooperative", code: "x", message: { "zh-CN": "x" }, source: "EXM 第一条" }]), "household[0].scheme"],
  // loadPolicy never replaces a built-in pack; `canbao validate` checks a
  // clerk's update of one in its place (below).
  ["the id of a built-in pack", (p) => (p.id = "beijing"), "id", "in place of the built-in pack"],
  ["a built-in pack's former id", (p) => (p.id = "suizhou-2025"), "id", "in place of the built-in pack"],
  ["an alias that names a built-in pack", (p) => (p.aliases = ["hebei"]), "aliases[0]"],
];

/** The native CLI's verdict on a pack: its stderr (exit 1), or null when valid. */
const scratch = mkdtempSync(join(tmpdir(), "canbao-schema-"));
function validate(pack) {
  const path = join(scratch, "pack.json");
  writeFileSync(path, JSON.stringify(pack));
  const r = spawnSync(cli, ["validate", path], { encoding: "utf8" });
  if (r.status === 0) return null;
  assert.equal(r.status, 1, r.stderr);
  return r.stderr;
}

/** Asserts that loadPolicy and `canbao validate` refuse `pack` at `key`. */
function engineRefuses(what, pack, key, validateSays) {
  assert.throws(
    () => canbao.loadPolicy(pack, TODAY),
    (e) => {
      assert.equal(e.code, "invalid_pack", `${what}: ${e.message}`);
      assert.equal(e.field, key, `${what}: ${e.message}`);
      assert.ok(schema.error(body(e)), why(schema.error));
      return true;
    },
    `${what}: loadPolicy accepts it`,
  );
  if (validateSays) {
    writeFileSync(join(scratch, "pack.json"), JSON.stringify(pack));
    const r = spawnSync(cli, ["validate", join(scratch, "pack.json")], { encoding: "utf8" });
    assert.ok(r.status === 0 && r.stdout.includes(validateSays), `${what}: canbao validate says ${r.stdout}${r.stderr}`);
    return;
  }
  const said = validate(pack);
  assert.ok(said?.includes(`pack.json: ${key}: `), `${what}: canbao validate says ${JSON.stringify(said)}, not at ${key}`);
}

test("the schema and the engine refuse the same broken packs, at the same key", () => {
  assert.ok(schema["policy-pack"](examplePack()), why(schema["policy-pack"]));
  assert.equal(validate(examplePack()), null);
  for (const [what, breakIt, key] of BROKEN) {
    const pack = examplePack();
    breakIt(pack);
    assert.equal(schema["policy-pack"](pack), false, `${what}: the schema accepts it`);
    const keys = schema["policy-pack"].errors.flatMap(keysOf);
    assert.ok(keys.some((k) => near(k, key)), `${what}: the schema complains at ${JSON.stringify(keys)}, not at ${key}`);
    engineRefuses(what, pack, key);
  }
});

test("what the schema cannot see, the engine refuses", () => {
  for (const [what, breakIt, key, validateSays] of PAST_THE_SCHEMA) {
    const pack = examplePack();
    breakIt(pack);
    assert.ok(schema["policy-pack"](pack), `${what}: the schema refuses it now (${why(schema["policy-pack"])}): move it to BROKEN`);
    engineRefuses(what, pack, key, validateSays);
  }
});

// ---------------------------------------------------------------------------
// The example pack, docs/example-pack.toml. Every expected figure below is
// worked out by hand from the pack's own numbers (made up, as it says), not
// copied from the engine's output.

test("the example pack loads and answers as its comments say", () => {
  const pack = examplePack();
  assert.ok(schema["policy-pack"](pack), why(schema["policy-pack"]));
  assert.equal(pack.extends, "china");
  for (const s of pack.sources) assert.ok(["official", "reported", "unconfirmed"].includes(s.strength), s.id);
  const region = canbao.loadPolicy(pack, TODAY);
  assert.equal(region.id, "example-city");
  // Its years; and the window opened on 1 October, so on 24 November 2026 it enrols for 2027.
  assert.deepEqual([region.firstYear, region.lastYear, region.enrollingYear], [2026, 2027, 2027]);

  const base = { hukou: { type: "rural", local: true }, employment: "farmer", lowIncome: "none", disabilityGrade: 0, enrolled: "urban_rural_resident", history: { lastCoveredYear: 2026 } };
  const ask = (p, extra = {}, today = TODAY) => {
    const r = canbao.check({ region: "example-city", year: 2027, lang: "en", person: { ...base, ...p }, ...extra }, today);
    assert.ok(schema.response(r), why(schema.response));
    sums(r);
    return r;
  };
  const resident = (r) => r.schemes.find((s) => s.scheme === "urban_rural_resident");
  const money = (f) => [f.total, f.individual, f.employer, f.government];

  // An adult, 2027: the adult tier, 420; no subsidy; the 2027 public subsidy 750.
  let r = ask({ age: 40 });
  let s = resident(r);
  assert.equal(s.status, "eligible");
  assert.deepEqual(money(s.fee), ["420.00", "420.00", "0.00", "0.00"]);
  assert.equal(s.fee.publicSubsidy, "750.00");
  assert.deepEqual(s.fee.reasons.map((x) => x.code), ["example_fee_adult_2027", "example_public_subsidy_2027"]);
  // The deadline: monthDay 02-28 of the coverage year, from the measures' 第十三条.
  assert.equal(s.deadline, "2027-02-28");
  // In English, as the pack gives its number and clauses in English (issue 19).
  assert.equal(s.enrol.deadlineSource, "Shizhengfa [2025] No. 7 Art. 13");
  // Insured in 2026 and paying in the window (1 Oct 2026 to 28 Feb 2027): covered from 1 January, no wait.
  assert.deepEqual([s.coverFrom, s.waiting.months], ["2027-01-01", 0]);
  // A local hukou: the two places, and the general papers.
  assert.equal(s.enrol.through, null);
  assert.equal(s.enrol.where.length, 2);
  assert.match(s.enrol.where[0], /service centre/);
  assert.deepEqual(s.enrol.documents, ["your ID card or household register"]);
  // How to pay: the two channels, in the pack's order, from the same clause.
  assert.deepEqual(s.enrol.channels.map((c) => c.split(" (")[0]), ['the "Example Tax" WeChat account', "partner bank branches"]);
  assert.equal(s.enrol.channelsSource, "Shizhengfa [2025] No. 7 Art. 17");
  assert.equal(s.reasons.some((x) => x.source === null), false);

  // Dibao: the city covers 300 of the 420; the person pays 120.
  s = resident(ask({ age: 40, lowIncome: "dibao" }));
  assert.deepEqual(money(s.fee), ["420.00", "120.00", "0.00", "300.00"]);
  assert.ok(s.fee.reasons.some((x) => x.code === "example_dibao_300"));
  assert.equal(s.enrol.documents.length, 2, "the low-income papers");
  // 特困: all of it; the civil affairs office enrols them.
  s = resident(ask({ age: 40, lowIncome: "tekun" }));
  assert.deepEqual(money(s.fee), ["420.00", "0.00", "0.00", "420.00"]);
  assert.equal(s.enrol.through, "certifier");
  // Severe disability (grade 1): all of it, marked unconfirmed (the pack's own reading).
  s = resident(ask({ age: 40, disabilityGrade: 1 }));
  assert.deepEqual(money(s.fee), ["420.00", "0.00", "0.00", "420.00"]);
  assert.equal(s.fee.reasons.find((x) => x.code === "example_severe_disability_paid_in_full").strength, "unconfirmed");
  // A low-income 65-year-old: 210 of 420 covered, 210 to pay.
  s = resident(ask({ age: 65, lowIncome: "low_income_family" }));
  assert.deepEqual(money(s.fee), ["420.00", "210.00", "0.00", "210.00"]);
  // A low-income adult of 30: the city names no help, the national rule gives none.
  s = resident(ask({ age: 30, lowIncome: "low_income_family" }));
  assert.deepEqual(money(s.fee), ["420.00", "420.00", "0.00", "0.00"]);
  assert.ok(s.fee.reasons.some((x) => x.code === "low_income_adult_no_national_subsidy"));
  // A monitored pupil of 10: the minor tier 380, 200 covered, 180 to pay; the school enrols.
  s = resident(ask({ age: 10, lowIncome: "monitored", employment: "student", school: { level: "primary", fullTime: true, local: true } }));
  assert.deepEqual(money(s.fee), ["380.00", "180.00", "0.00", "200.00"]);
  assert.equal(s.enrol.through, "school");
  // A low-income minor: 190 of 380.
  s = resident(ask({ age: 12, lowIncome: "low_income_family" }));
  assert.deepEqual(money(s.fee), ["380.00", "190.00", "0.00", "190.00"]);
  // An orphan: the amount is set elsewhere, so who pays what is unknown, with
  // the pack's reason; the total (the minor tier) is known.
  s = resident(ask({ age: 10, lowIncome: "orphan" }));
  assert.deepEqual(money(s.fee), ["380.00", null, "0.00", null]);
  assert.ok(s.fee.reasons.some((x) => x.code === "subsidy_set_elsewhere" && /civil affairs bureau/.test(x.message)));

  // Unknown, never guessed: no age, so the tier (minor or adult) is open.
  r = ask({});
  s = resident(r);
  assert.deepEqual(money(s.fee), [null, null, null, null]);
  assert.ok(r.missing.includes("person.birthDate"));
  // No disability grade: the disability subsidy may apply, so the split is open.
  r = ask({ age: 40, disabilityGrade: null });
  assert.deepEqual(money(resident(r).fee), ["420.00", null, "0.00", null]);
  assert.ok(r.missing.includes("person.disabilityGrade"));

  // 2026, paid on 1 December 2025 (in that year's window): the 2026 tier, 400,
  // and the 2026 public subsidy, 730; deadline 28 February 2026.
  s = resident(ask({ age: 40, history: { lastCoveredYear: 2025 } }, { year: 2026, payDate: "2025-12-01" }));
  assert.deepEqual(money(s.fee), ["400.00", "400.00", "0.00", "0.00"]);
  assert.deepEqual([s.fee.publicSubsidy, s.deadline, s.coverFrom], ["730.00", "2026-02-28", "2026-01-01"]);

  // Paying on 15 March 2027, after the window: the national waiting period,
  // 3 fixed months from the day of paying, so covered from 15 June 2027.
  s = resident(ask({ age: 40 }, { payDate: "2027-03-15" }));
  assert.deepEqual([s.waiting.months, s.coverFrom], [3, "2027-06-15"]);
  assert.ok(s.enrol.reasons.some((x) => x.code === "deadline_passed"));

  // No year: on 24 November 2026 (window open since 1 October) 2027; on
  // 15 September 2026 (the national window would be open, this one is not) 2026.
  r = canbao.check({ region: "example-city", person: { ...base, age: 40 } }, "2026-11-24");
  assert.deepEqual([r.year, r.warnings.map((w) => w.code)], [2027, ["default_year"]]);
  r = canbao.check({ region: "example-city", person: { ...base, age: 40 } }, "2026-09-15");
  assert.equal(r.year, 2026);
  // 2028 is past the pack's years: refused, naming the national pack.
  assert.throws(() => canbao.check({ region: "example-city", year: 2028, person: {} }, TODAY), (e) => e.code === "year_out_of_range");

  // The employee scheme at the city's rates: 2 % and 8 % of a 5,000 wage.
  const employee = (x) => x.schemes.find((t) => t.scheme === "employee");
  s = employee(ask({ age: 40, employment: "employee", monthlyWage: "5000" }));
  assert.equal(s.status, "mandatory");
  assert.deepEqual([s.fee.period, ...money(s.fee)], ["month", "500.00", "100.00", "400.00", "0.00"]);
  assert.equal(s.fee.estimate, false);
  assert.equal(s.enrol.through, "employer");
  // Without the wage: unknown, and asked for.
  r = ask({ age: 40, employment: "employee" });
  assert.deepEqual(money(employee(r).fee).slice(0, 3), [null, null, null]);
  assert.ok(r.missing.includes("person.monthlyWage"));
  // A flexible worker in 2026: 10 % of the 6,500 average wage, 650 a month, all theirs.
  s = employee(ask({ age: 40, employment: "flexible" }, { year: 2026 }));
  assert.deepEqual([s.fee.period, ...money(s.fee)], ["month", "650.00", "650.00", "0.00", "0.00"]);
  assert.deepEqual(s.enrol.where, ["the counter of the city medical insurance centre (made up)"]);
  // In 2027 the average wage has no value: the amount is unknown, with the reason.
  s = employee(ask({ age: 40, employment: "flexible" }));
  assert.deepEqual(money(s.fee), [null, null, "0.00", "0.00"]);
  assert.ok(s.fee.reasons.some((x) => x.code === "average_wage_unknown"));
});
