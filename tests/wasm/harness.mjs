// Loads pkg/web (the browser build) into Node and runs case files against it:
// every answer must equal the native build's, which tests/cases.rs matches
// against the case files' expectations (the one case matcher).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const wasmPath = join(root, "pkg/web/canbao_core_bg.wasm");
export const loaderPath = join(root, "pkg/web/canbao_loader_bg.wasm");

/** The browser build in Node, core and pack compiler instantiated from the files, with every built-in pack. */
export async function load() {
  const canbao = await import(join(root, "pkg/web/canbao.js"));
  canbao.initSync({ module: readFileSync(wasmPath) });
  await addBuiltins(canbao);
  await canbao.initLoader({ module_or_path: readFileSync(loaderPath) });
  return canbao;
}

/** Adds what the browser build fetches when asked: every place's pack, in the native order, then the historical documents'. */
export async function addBuiltins(canbao) {
  const { PLACES } = await import(join(root, "pkg/web/places.js"));
  for (const { id } of PLACES) canbao.addPacks((await import(join(root, `pkg/web/places/${id}.js`))).default);
  canbao.addPacks((await import(join(root, "pkg/web/packs-past.js"))).default);
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

const cli = ["target/debug/canbao", "target/release/canbao"].map((p) => join(root, p)).find(existsSync);
const answers = new Map();

/**
 * The native CLI's answer to a case, as JSON: what tests/cases.rs holds to
 * the case file's expectations (the one matcher). Each answer is asked once.
 */
export function native(c, today) {
  const text = "requestText" in c ? c.requestText : JSON.stringify(c.request);
  const key = `${c.household ? "h" : "c"} ${today} ${text}`;
  if (!answers.has(key)) {
    const out = spawnSync(cli, [c.household ? "household" : "check", "-", "--today", today], { input: text, encoding: "utf8" });
    answers.set(key, JSON.parse(out.stdout));
  }
  return answers.get(key);
}

/**
 * Where an answer from another build differs from the native one for the same
 * case: nowhere, or a list of problems. Errors agree on code and field (a
 * malformed text's message is the JavaScript parser's own) and message.
 */
export function disagreements(c, got, today) {
  const want = native(c, today);
  if (got.error && want.error) {
    const bad = [];
    if (got.error.code !== want.error.code || got.error.field !== want.error.field) bad.push(`native error ${JSON.stringify(want.error)}, got ${JSON.stringify(got.error)}`);
    else if (got.error.code !== "invalid_json" && got.error.message !== want.error.message) bad.push("native message differs");
    return bad;
  }
  return isDeepStrictEqual(got, want) ? [] : [`differs from the native answer: ${JSON.stringify(got).slice(0, 300)}`];
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
