// The places' packs, one file each, and their index: what a page loads when a
// resident picks a place, rather than every place up front. Run natively
// (before the wasm build's flags are set), by scripts/build-wasm.sh:
//
//   node scripts/build-places.mjs DIR
//
// writes DIR/packs-national.bin (the default pack: the national rules),
// DIR/places/ID.bin for each of today's other built-in packs (its parents
// first, the national one left out: the core has it), and DIR/places.json:
// each place's id, its name in the three languages, its province and level,
// the pack it extends and its years with figures (each provisional or not;
// not the year being enrolled for, which depends on the day: the build is the
// same whenever it runs),
// for a picker that lists places before any is loaded.
import { mkdirSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node scripts/build-places.mjs DIR");

function canbao(args) {
  const r = spawnSync("cargo", ["run", "--quiet", "--locked", "--", ...args], { maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`canbao ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

const LANGS = ["zh-CN", "zh-TW", "en"];
const regions = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(canbao(["regions", "--lang", l, "--today", "2000-01-01"]))]));
const list = regions["zh-CN"];
const byId = new Map(list.map((r) => [r.id, r]));
const national = list.find((r) => r.default);

/** The pack's parents, nearest last, without the national pack; null for a historical document's. */
function parents(r) {
  const chain = [];
  for (let at = byId.get(r.extends); at; at = byId.get(at.extends)) {
    if (at.default) return chain.reverse();
    chain.push(at.id);
  }
  return null;
}

const places = list.filter((r) => !r.default && !r.base && parents(r) !== null);
mkdirSync(join(dir, "places"), { recursive: true });
writeFileSync(join(dir, "packs-national.bin"), canbao(["packs-bin", national.id]));
for (const r of places) writeFileSync(join(dir, "places", `${r.id}.bin`), canbao(["packs-bin", ...parents(r), r.id]));

const index = places.map((r) => ({
  id: r.id,
  name: LANGS.map((l) => regions[l].find((x) => x.id === r.id).name),
  province: r.province,
  level: r.level,
  extends: r.extends,
  years: r.years.map((y) => [y.year, y.provisional]),
}));
writeFileSync(join(dir, "places.json"), JSON.stringify(index));
console.log(`places: ${places.map((r) => r.id).join(", ")}`);
