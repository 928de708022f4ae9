// Loads pkg/web (the browser build) into Node and runs case files against it,
// matching expectations exactly as tests/cases.rs does for the native build.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const wasmPath = join(root, "pkg/web/canbao_core_bg.wasm");
export const loaderPath = join(root, "pkg/web/canbao_loader_bg.wasm");

/** The browser build in Node, core and pack compiler instantiated from the files. */
export async function load() {
  const canbao = await import(join(root, "pkg/web/canbao.js"));
  canbao.initSync({ module: readFileSync(wasmPath) });
  await canbao.initLoader({ module_or_path: readFileSync(loaderPath) });
  return canbao;
}

export function caseFiles() {
  const dir = join(root, "tests/cases");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: `tests/cases/${f}`, doc: JSON.parse(readFileSync(join(dir, f), "utf8")) }));
}

/** What a case produced through the wasm API: the response, or { error } as the CLI prints it. */
export function run(canbao, c, today) {
  try {
    const request = "requestText" in c ? JSON.parse(c.requestText) : c.request;
    return c.household ? canbao.checkHousehold(request, today) : canbao.check(request, today);
  } catch (e) {
    if (e instanceof SyntaxError) return { error: { code: "invalid_json", field: "", message: e.message } };
    return { error: { code: e.code, field: e.field, message: e.message } };
  }
}

const codes = (list) => (Array.isArray(list) ? list.map((r) => r.code) : []);
const strings = (list) => (Array.isArray(list) ? list : []);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Every difference between what a case expects and what came back (see tests/cases.rs). */
export function compare(c, got) {
  const bad = [];
  if (c.error) {
    if (!got.error) return [`expected error ${JSON.stringify(c.error)}, got a response`];
    for (const key of ["code", "field"]) {
      if (key in c.error && got.error[key] !== c.error[key]) bad.push(`error.${key}: want ${c.error[key]}, got ${got.error[key]}`);
    }
    if (c.error.messageContains && !got.error.message.includes(c.error.messageContains)) {
      bad.push(`error.message ${got.error.message} lacks ${c.error.messageContains}`);
    }
    return bad;
  }
  if (got.error) return [`unexpected error ${JSON.stringify(got.error)}`];
  return compareResponse(c.expect ?? {}, got);
}

/** `want` null, or each of its keys equal in `got`. */
function partial(label, want, got, bad) {
  if (want === null) {
    if (got !== null && got !== undefined) bad.push(`${label}: want null, got ${JSON.stringify(got)}`);
  } else if (typeof want === "object") {
    for (const [k, w] of Object.entries(want)) {
      if (!same(got?.[k], w)) bad.push(`${label}.${k}: want ${JSON.stringify(w)}, got ${JSON.stringify(got?.[k])}`);
    }
  }
}

function compareResponse(e, got) {
  const bad = [];
  for (const key of ["age", "referenceDate", "year", "payDate", "missing", "alternatives", "chosen", "undecided"]) {
    if (key in e && !same(got[key], e[key])) bad.push(`${key}: want ${JSON.stringify(e[key])}, got ${JSON.stringify(got[key])}`);
  }
  for (const code of e.warnings ?? []) if (!codes(got.warnings).includes(code)) bad.push(`warnings lack ${code}`);
  (e.totals ?? []).forEach((w, i) => partial(`totals[${i}]`, w, got.totals?.[i], bad));
  (e.rules ?? []).forEach((w, i) => partial(`rules[${i}]`, w, got.rules?.[i], bad));
  (e.members ?? []).forEach((w, i) => bad.push(...compareResponse(w, got.members?.[i] ?? {}).map((p) => `members[${i}].${p}`)));
  for (const id of e.absent ?? []) if (got.schemes?.some((s) => s.scheme === id)) bad.push(`${id}: in the response, should not be`);
  for (const [id, want] of Object.entries(e.schemes ?? {})) {
    const s = got.schemes?.find((x) => x.scheme === id);
    if (!s) {
      bad.push(`${id}: not in the response`);
      continue;
    }
    for (const key of ["status", "deadline", "name", "coverFrom", "insteadOf", "addsTo", "role"]) {
      if (key in want && !same(s[key], want[key])) bad.push(`${id}.${key}: want ${JSON.stringify(want[key])}, got ${JSON.stringify(s[key])}`);
    }
    if ("through" in want && !same(s.enrol?.through, want.through)) bad.push(`${id}.through: want ${JSON.stringify(want.through)}, got ${JSON.stringify(s.enrol?.through)}`);
    for (const key of ["fee", "waiting"]) if (key in want) partial(`${id}.${key}`, want[key], s[key], bad);
    const lists = {
      reasons: codes(s.reasons),
      feeReasons: codes(s.fee?.reasons),
      benefits: codes(s.benefits),
      enrolReasons: codes(s.enrol?.reasons),
      waitingReasons: codes(s.waiting?.reasons),
      where: strings(s.enrol?.where),
      documents: strings(s.enrol?.documents),
      sources: s.reasons.map((r) => r.source).filter(Boolean),
    };
    for (const [key, have] of Object.entries(lists)) {
      for (const item of want[key] ?? []) if (!have.includes(item)) bad.push(`${id}.${key} lacks ${item}: ${JSON.stringify(have)}`);
    }
  }
  return bad;
}

/** A city's pack as an operator writes one today: the national rules, its own eligibility rule and fee. */
export function operatorPack(id = "example-city") {
  return {
    id,
    extends: "china",
    name: { "zh-CN": `示例市（${id}）`, en: `Example city (${id})` },
    valid: { from: "2025-01-01" },
    sources: [{ id: "X", title: { "zh-CN": "示例市城乡居民基本医疗保险缴费通知" }, strength: "official" }],
    schemes: [{
      scheme: "urban_rural_resident",
      eligibility: [{ when: { hukouLocal: true }, status: "eligible", code: "local", message: { "zh-CN": "本市户籍居民。" }, source: "X 二" }],
      fees: [{ from: "2025-01-01", period: "year", tiers: [{ individual: "380.00", code: "fee", message: { "zh-CN": "个人缴费每人每年380元。" }, source: "X 三" }] }],
    }],
  };
}
