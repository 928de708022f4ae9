// A second check, beyond the 8 persons: the graph against every answer-case in
// ../../tests/cases/china.json (canbao's own test expectations for the national
// pack), on the fields the graph models: year, age, status, shares, public
// subsidy, provisional, waiting months, cover date. `node cases.mjs`.
import { readFileSync } from "node:fs";
import { ZenEngine } from "@gorules/zen-engine";

const read = (p) => readFileSync(new URL(p, import.meta.url));
const decision = new ZenEngine().createDecision(read("canbao.jdm.json"));
decision.validate(); // throws on a malformed graph
const file = JSON.parse(read("../../tests/cases/china.json"));
const num = (v) => (v == null ? null : Number(v)); // canbao's money is "400.00"
let ok = 0, bad = 0;
for (const c of file.cases.filter((c) => !c.error)) { // request errors are not modelled
  const { result: r } = await decision.evaluate({ today: c.today ?? file.today, ...c.request });
  const diff = [];
  const same = (what, got, want) => { if (got !== want) diff.push(`${what}: got ${got}, want ${want}`); };
  if (c.expect.year != null) same("year", r.year, c.expect.year);
  if (c.expect.age != null) same("age", r.age, c.expect.age);
  for (const [name, e] of Object.entries(c.expect.schemes ?? {})) {
    const g = r.schemes[name];
    if (!g) continue; // schemes the national pack lacks (e.g. "absent" checks)
    if (e.status) same(`${name}.status`, g.status, e.status);
    if ("coverFrom" in e) same(`${name}.coverFrom`, g.coverFrom, e.coverFrom);
    if (e.waiting && "months" in e.waiting) same(`${name}.waiting.months`, g.waitingMonths, e.waiting.months);
    for (const k of ["individual", "employer", "government", "total", "publicSubsidy"])
      if (e.fee && k in e.fee) same(`${name}.fee.${k}`, g.fee?.[k] ?? null, num(e.fee[k]));
    if (e.fee && "provisional" in e.fee) same(`${name}.fee.provisional`, g.fee?.provisional, e.fee.provisional);
  }
  if (diff.length) { bad++; console.error(c.name, diff); } else ok++;
}
console.log(JSON.stringify({ cases: ok + bad, agree: ok, differ: bad }));
process.exit(bad ? 1 : 0);
