// The JSON Schemas in docs/schema/, checked against the case files, the
// engine's own output, the built-in packs and the documented example pack, so
// integrators can validate their data with them and trust the result.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import Ajv from "ajv";
import { parse as parseToml } from "smol-toml";
import { root, caseFiles, load, run } from "../wasm/harness.mjs";

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const schema = (name) => ajv.compile(JSON.parse(readFileSync(join(root, "docs/schema", name), "utf8")));
const request = schema("request.schema.json");
const response = schema("response.schema.json");
const error = schema("error.schema.json");
const pack = schema("policy-pack.schema.json");
const canbao = await load();
const cli = ["target/debug/canbao", "target/release/canbao"].map((p) => join(root, p)).find(existsSync);

// Errors a schema can see in the request itself (not those needing a pack or the year).
const STRUCTURAL = new Set(["invalid_type", "unknown_field", "missing_field", "invalid_value", "invalid_amount", "out_of_range", "invalid_json"]);

for (const { file, doc } of caseFiles()) {
  test(`${file}: requests validate unless they are malformed; responses and errors validate`, () => {
    for (const c of doc.cases) {
      const today = c.today ?? doc.today ?? "2015-01-05";
      if ("request" in c) {
        const ok = request(c.request);
        if (!c.error || !STRUCTURAL.has(c.error.code)) assert.ok(ok, `${c.name}: ${ajv.errorsText(request.errors)}`);
        else if (!(c.error.code === "out_of_range" && c.error.field === "year")) assert.ok(!ok, `${c.name}: the schema should refuse it`);
      }
      const got = run(canbao, c, today);
      if (got.error) {
        const native = JSON.parse(spawnSync(cli, ["check", "-", "--today", today], { input: c.requestText ?? JSON.stringify(c.request), encoding: "utf8" }).stdout);
        assert.ok(error(native), `${c.name}: ${ajv.errorsText(error.errors)}`);
      } else {
        assert.ok(response(got), `${c.name}: ${ajv.errorsText(response.errors)}`);
      }
    }
  });
}

test("the built-in packs validate against the pack schema", () => {
  for (const id of ["county-template", "ordos-2009", "liaoning-2007"]) {
    const json = JSON.parse(spawnSync(cli, ["pack", id], { encoding: "utf8" }).stdout);
    assert.ok(pack(json), `${id}: ${ajv.errorsText(pack.errors)}`);
  }
});

test("the documented example pack validates, loads and answers as its comments say", () => {
  const example = parseToml(readFileSync(join(root, "docs/example-pack.toml"), "utf8"));
  assert.ok(pack(example), ajv.errorsText(pack.errors));
  assert.equal(canbao.loadPolicy(example).id, "example-city");
  const adult = canbao.check({ region: "example-city", year: 2018, person: { age: 30, hukou: { type: "rural", local: true }, employment: "farmer", lowIncome: "none", enrolled: "none" } }, "2018-01-01");
  assert.deepEqual([adult.schemes[0].status, adult.schemes[0].fee.total, adult.schemes[0].fee.individual, adult.schemes[0].deadline], ["eligible", "630.00", "180.00", "2018-12-31"]);
  const dibao = canbao.check({ region: "example-city", year: 2018, person: { age: 12, hukou: { type: "urban", local: true }, employment: "student", lowIncome: "dibao", enrolled: "none" } }, "2018-01-01");
  assert.deepEqual([dibao.schemes[0].fee.individual, dibao.schemes[0].fee.government], ["0.00", "570.00"]);
});

test("the schema and the engine refuse the same broken pack", () => {
  const broken = parseToml(readFileSync(join(root, "docs/example-pack.toml"), "utf8"));
  broken.schemes[0].fees[0].tiers[0].individual = "-120.00";
  assert.ok(!pack(broken));
  assert.throws(() => canbao.loadPolicy(broken), (e) => e.field === "schemes[0].fees[0].tiers[0].individual");
});
