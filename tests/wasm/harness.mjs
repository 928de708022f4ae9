// Loads pkg/web (the browser build) into Node and runs case files against it,
// matching expectations exactly as tests/cases.rs does for the native build.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const wasmPath = join(root, "pkg/web/canbao_bg.wasm");

export async function load() {
  const canbao = await import(join(root, "pkg/web/canbao.js"));
  canbao.initSync({ module: readFileSync(wasmPath) });
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
    return canbao.check(request, today);
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
  const e = c.expect ?? {};
  for (const key of ["age", "referenceDate", "year", "missing"]) {
    if (key in e && !same(got[key], e[key])) bad.push(`${key}: want ${JSON.stringify(e[key])}, got ${JSON.stringify(got[key])}`);
  }
  for (const code of e.warnings ?? []) if (!codes(got.warnings).includes(code)) bad.push(`warnings lack ${code}`);
  for (const [id, want] of Object.entries(e.schemes ?? {})) {
    const s = got.schemes.find((x) => x.scheme === id);
    if (!s) {
      bad.push(`${id}: not in the response`);
      continue;
    }
    for (const key of ["status", "deadline", "name"]) {
      if (key in want && !same(s[key], want[key])) bad.push(`${id}.${key}: want ${JSON.stringify(want[key])}, got ${JSON.stringify(s[key])}`);
    }
    if ("fee" in want) {
      if (want.fee === null) {
        if (s.fee !== null) bad.push(`${id}.fee: want null`);
      } else {
        for (const [k, w] of Object.entries(want.fee)) {
          if (!same(s.fee?.[k], w)) bad.push(`${id}.fee.${k}: want ${JSON.stringify(w)}, got ${JSON.stringify(s.fee?.[k])}`);
        }
      }
    }
    const lists = {
      reasons: codes(s.reasons),
      feeReasons: codes(s.fee?.reasons),
      benefits: codes(s.benefits),
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
