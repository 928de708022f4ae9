// Fuzzes the public JS API (check, checkHousehold, regions, loadPolicy) of the
// browser build in Node: requests and packs mutated from the case files and the
// built-in packs, with the values JavaScript can hold and JSON cannot (getters
// that throw, Proxies, cycles, BigInt, functions, Dates, huge strings, deep
// nesting, getters that call canbao again), and packs loaded again and again
// under a few ids, some extending others. Every call must answer or throw an Error with a known code, never
// a trap ("internal"), and a good request must answer after each one.
//
//   node tests/wasm/fuzz.mjs [seconds] [seed]     (make fuzz-wasm: 600 s)
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { load, caseFiles, root } from "./harness.mjs";

// request::ErrorCode's codes, and the API's own for packs and the loader.
const CODES = new Set([
  "invalid_json", "too_large", "invalid_type", "unknown_field", "missing_field", "invalid_date", "invalid_value",
  "invalid_amount", "out_of_range", "unknown_region", "year_out_of_range", "birth_after_year", "age_conflict",
  "moved_before_birth", "implausible", "conflict", "invalid_pack", "loader_not_ready",
]);

/** A small seeded PRNG (mulberry32): a failure prints the seed that replays it. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function fuzz(seconds, seed = Date.now() % 1e9) {
  const canbao = await load();
  const random = rng(seed);
  const int = (n) => Math.floor(random() * n);
  const pick = (xs) => xs[int(xs.length)];
  const cases = caseFiles().flatMap(({ doc }) => doc.cases.filter((c) => c.request).map((c) => ({ request: c.request, household: !!c.household, today: c.today ?? doc.today })));
  const cli = join(root, "target/debug/canbao");
  const packs = ["china", "suizhou", "hebei", "beijing", "ordos-2009", "county-template"].map((id) => JSON.parse(spawnSync(cli, ["pack", id], { encoding: "utf8" }).stdout));
  const good = { region: "china", year: 2027, person: { age: 40, hukou: { type: "rural", local: true }, employment: "farmer", lowIncome: "none", disabilityGrade: 0 } };
  const goodFee = canbao.check(good, "2026-11-24").schemes.find((s) => s.scheme === "urban_rural_resident").fee.individual;

  const strings = ["", "x", "2015-01-05", "2016-02-29", "0000-01-01", "9999-12-31", "1980-13-01", "urban", "rural", "none", "dibao", "tekun",
    "employee", "flexible", "china", "zh-TW", "en", "{field}", "\u0000", "\ud800", "💊", "1e3", "-0", "140.00", "-1.00", "99999999999999999999.00"];
  const weird = () => {
    switch (int(17)) {
      case 0: return pick(strings);
      case 1: return int(3000) - 1000;
      case 2: return pick([0.5, -0, 1e308, NaN, Infinity, -Infinity, 2 ** 53, 4e1]);
      case 3: return pick([true, false, null, undefined]);
      case 4: return BigInt(int(100));
      case 5: return () => 1;
      case 6: return Symbol("s");
      case 7: return new Date(int(2e12));
      case 8: return pick(strings).repeat(1 + int(20000));
      case 9: { const o = {}; Object.defineProperty(o, "x", { enumerable: true, get() { throw new Error("boom"); } }); return o; }
      case 10: return new Proxy({}, { ownKeys() { throw new Error("trap"); } });
      case 11: { const o = { a: 1 }; o.self = o; return o; }
      case 12: { let d = {}; for (let i = 0; i < 1 + int(200); i++) d = { d }; return d; }
      case 13: return [weird(), weird()];
      case 14: return { [pick(strings)]: weird() };
      case 15: { // a getter that calls canbao again (refused while a call is reading), and may swallow that
        const o = {};
        const again = pick([() => canbao.check(good, "2026-11-24"), () => canbao.loadPolicy(pick(packs)), () => canbao.regions("en")]);
        const swallow = random() < 0.5;
        Object.defineProperty(o, pick(["x", "age", "type"]), { enumerable: true, get() { try { again(); } catch (e) { if (!swallow) throw e; } return 1; } });
        return o;
      }
      default: return Object.assign(Object.create({ toJSON: () => "x" }), { a: 1 });
    }
  };
  /** A copy of `value` with a few mutations at random depths. */
  const mutate = (value, rounds) => {
    let v = structuredClone(value);
    for (let r = 0; r < rounds; r++) v = mutateOnce(v, 0);
    return v;
  };
  const plain = (v) => v !== null && typeof v === "object" && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);
  const mutateOnce = (v, depth) => {
    if (!plain(v) || depth > 8 || random() < 0.2) return random() < 0.7 ? weird() : v;
    try {
      return mutateInside(v, depth);
    } catch {
      return weird(); // a getter or trap placed by an earlier round
    }
  };
  const mutateInside = (v, depth) => {
    const keys = Object.keys(v);
    if (keys.length === 0 || random() < 0.15) {
      v[Array.isArray(v) ? v.length : pick(["x", ...strings])] = weird();
      return v;
    }
    const k = pick(keys);
    if (random() < 0.15) delete v[k];
    else v[k] = mutateOnce(v[k], depth + 1);
    return v;
  };

  const stats = { calls: 0, answers: 0, errors: 0, byCode: {} };
  const started = Date.now();
  const problems = [];
  const call = (what, f, input) => {
    stats.calls++;
    try {
      const r = f();
      if (r === null || typeof r !== "object") problems.push(`${what}: answer is ${typeof r}`);
      stats.answers++;
    } catch (e) {
      stats.errors++;
      stats.byCode[e?.code] = (stats.byCode[e?.code] ?? 0) + 1;
      if (!(e instanceof Error) || !CODES.has(e.code) || typeof e.field !== "string" || !e.message || e.message.length > 2000) {
        problems.push(`${what}: ${e?.code} ${String(e?.message).slice(0, 200)} for ${describe(input)}`);
      }
    }
    let fee;
    try {
      fee = canbao.check(good, "2026-11-24").schemes.find((s) => s.scheme === "urban_rural_resident").fee.individual;
    } catch (e) {
      fee = `${e.code}: ${e.message}`;
    }
    if (fee !== goodFee) problems.push(`after ${what} of ${describe(input)}: the good request answered ${fee}`);
  };
  while (Date.now() - started < seconds * 1000 && problems.length === 0) {
    const roll = random();
    if (roll < 0.55) {
      const c = pick(cases);
      const request = mutate(c.request, 1 + int(2));
      call(c.household ? "checkHousehold" : "check", () => (c.household ? canbao.checkHousehold(request, c.today) : canbao.check(request, c.today)), request);
    } else if (roll < 0.6) {
      const today = random() < 0.5 ? weird() : pick(strings);
      call("check(today)", () => canbao.check(pick(cases).request, today), today);
    } else if (roll < 0.65) {
      const [lang, today] = [weird(), random() < 0.5 ? undefined : weird()];
      call("regions", () => canbao.regions(lang, today), lang);
    } else {
      const pack = mutate(pick(packs), 1 + int(2));
      // Loaded again and again under a few ids, some extending each other (chains up to the depth limit and past it).
      if (random() < 0.7 && pack && typeof pack === "object") pack.id = `fuzz-${int(50)}`;
      if (random() < 0.2 && pack && typeof pack === "object") pack.extends = `fuzz-${int(50)}`;
      const input = random() < 0.2 ? safeStringify(pack) ?? pack : pack;
      call("loadPolicy", () => canbao.loadPolicy(input, "2026-11-24"), input);
    }
  }
  return { seed, seconds: (Date.now() - started) / 1000, ...stats, problems };
}

function safeStringify(x) {
  try {
    return JSON.stringify(x);
  } catch {
    return undefined;
  }
}

function describe(x) {
  const s = safeStringify(x);
  return s === undefined ? String(typeof x) : s.slice(0, 300);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(process.argv[2] ?? 60);
  const seed = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  const result = await fuzz(seconds, seed);
  console.log(JSON.stringify(result, null, 2));
  process.exit(result.problems.length === 0 ? 0 : 1);
}
