// Turns wasm-pack's builds into one npm package at pkg/ (or the folder given):
//
//   web/     wasm-bindgen's `web` glue for the two modules, `canbao_core.js`
//            (answers) and `canbao_loader.js` (the pack compiler, loadPolicy
//            only), the public API `canbao.js` (js/api.js over the glue: `await
//            init()` first), the built-in packs (`packs.js`: the national rules;
//            `places/<id>.js` each place's, `places.js` their index;
//            `packs-today.js` all of today's; `packs-past.js` the historical
//            documents'), the field list `fields.js`, and the types.
//   node/    `canbao.mjs`: the same glue in Node, instantiated from the files
//            when imported (no init needed; every built-in pack; the pack
//            compiler when loadPolicy first needs it).
//   nodejs/  wasm-bindgen's `nodejs` glue, for `require("canbao")`.
//   bin/     `canbao-validate`: checks a pack file (TOML or JSON) with no Rust.
//
// `import init, { check } from "canbao"` is the browser build in bundlers
// (Vite and webpack copy the .wasm it names with `new URL(…, import.meta.url)`)
// and the Node build in Node. `node scripts/package-pkg.mjs DIR [--packs
// FILE.bin]`: with --packs, the built-in packs are those of FILE (a build set
// to one place, `canbao packs-bin --pack`), and there are no others.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { compile } from "json-schema-to-typescript";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--")) ?? "pkg";
const only = args.includes("--packs") ? args[args.indexOf("--packs") + 1] : null;
const at = (path) => join(dir, path);

const cargo = readFileSync("Cargo.toml", "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "(.*)"`, "m"))[1];
const api = readFileSync("js/api.js", "utf8");
const NAMES = "check, checkHousehold, regions, loadPolicy, addPacks, addTexts, version";

// The compiled packs as a string a page bundles: postcard's bytes, with the
// UTF-8 of its texts (three bytes a Chinese character) as the characters
// themselves and every other byte as one character: 0x20-0x7F as itself,
// 0x00-0x1F and 0x80-0xFF as U+0100 to U+01FF. The national pack is 35 KB so
// (54 KB one character a byte) and 9.8 KB gzip (10.6); makeApi (js/api.js)
// maps it back. U+2028 and U+2029 stay bytes: older engines (WeChat on old
// iOS) end a line at them, even inside a string.
function packChars(bin) {
  let out = "";
  for (let i = 0; i < bin.length; i++) {
    const b = bin[i];
    if (b >= 0xe0 && b < 0xf0 && i + 2 < bin.length && (bin[i + 1] & 0xc0) === 0x80 && (bin[i + 2] & 0xc0) === 0x80) {
      const c = ((b & 0x0f) << 12) | ((bin[i + 1] & 0x3f) << 6) | (bin[i + 2] & 0x3f);
      if (c >= 0x800 && !(c >= 0xd800 && c < 0xe000) && c !== 0x2028 && c !== 0x2029) {
        out += String.fromCharCode(c);
        i += 2;
        continue;
      }
    }
    out += String.fromCharCode(b < 0x20 || b >= 0x80 ? 0x100 + b : b);
  }
  return out;
}
const packsOf = (bin, what) => `// ${what}, compiled by \`canbao packs-bin\` from policies/*.toml:
// postcard bytes, its texts as characters (scripts/package-pkg.mjs). Do not edit.
export default ${JSON.stringify(packChars(bin))};
`;
const cjs = (esm) => esm.replace("export default ", "module.exports = ").replace(/^export const (\w+) = /m, "exports.$1 = ");
// An empty list of packs (postcard: a length of 0).
const NONE = Buffer.from([0]);

// What is built in. The whole package: the national rules (the browser's
// default), every place, the historical documents. A build set to one place:
// that place and the packs it extends, nothing else.
const bin = (f) => readFileSync(at(f));
const packs = only
  ? { national: readFileSync(only), today: readFileSync(only), past: NONE, places: [] }
  : {
      national: bin("packs-national.bin"),
      today: bin("packs.bin"),
      past: bin("packs-past.bin"),
      places: JSON.parse(readFileSync(at("places.json"), "utf8")),
    };

const placesModule = `// The places whose packs are built in, for a picker: each one's id, name
// [zh-CN, zh-TW, en], province (pinyin), level ("province" or "city"), the pack
// it extends, and its coverage years with figures as [year, provisional].
// From \`canbao regions\` (scripts/build-places.mjs). Do not edit.
export const PLACES = ${JSON.stringify(packs.places)};
`;

// The request fields a form may ask, with their words in the three languages
// (`canbao fields`): data only, for the page, the mini-program and integrators.
const fieldList = JSON.parse(readFileSync(at("fields.json"), "utf8"));
const fields = `// The request fields a form may ask, from \`canbao fields\`: each field's path, form
// key, kind of answer, label (a noun), question, and its values' names, each in
// [zh-CN, zh-TW, en]. Do not edit.
export const FIELDS = ${JSON.stringify(fieldList)};
`;
// The page's and the mini-program's copy (www/fields.js): without each
// field's `label`, the noun the engine's own error messages use, which a form
// never shows (0.6 KB gzip of the page).
writeFileSync(at("form-fields.js"), fields.replace(/^export const FIELDS = .*$/m, `export const FIELDS = ${JSON.stringify(fieldList.map(({ label, ...f }) => f))};`));

// ---- types --------------------------------------------------------------------
// js/canbao.d.ts, with the policy pack's type made from its JSON Schema, and
// each entry's own functions.
// Without what TypeScript cannot say (if/then, the schema's own names), and in
// a namespace of its own: the schema's `Date`, `Source` and `Waiting` are not
// the API's.
const bare = (o) =>
  Array.isArray(o) ? o.map(bare) : o && typeof o === "object" ? Object.fromEntries(Object.entries(o).filter(([k]) => !["if", "then", "allOf", "title", "$id", "$schema"].includes(k)).map(([k, v]) => [k, bare(v)])) : o;
const packSchema = bare(JSON.parse(readFileSync("docs/schema/policy-pack.schema.json", "utf8")));
const packType = `/** The policy pack's parts, from docs/schema/policy-pack.schema.json. */
export declare namespace Pack {
${await compile(packSchema, "PolicyPack", { bannerComment: "", additionalProperties: false, strictIndexSignatures: true, format: false })}}
/** A policy pack, as in policies/*.toml and docs/schema/policy-pack.schema.json. */
export type PolicyPack = Pack.PolicyPack;
`;
const types = readFileSync("js/canbao.d.ts", "utf8").replace("/* POLICY_PACK */\n", packType);
const webTypes = `${types}
/** Fetches and instantiates the engine: canbao_core_bg.wasm beside this file, or the URL, Response, bytes or module given. Call once, before anything else. */
export default function init(module_or_path?: { module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module } | RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Instantiates the engine from bytes or a compiled module, synchronously. */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): void;
/** Fetches and instantiates the pack compiler (canbao_loader_bg.wasm, or what is given): loadPolicy needs it. */
export function initLoader(module_or_path?: { module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module } | RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
`;
const nodeTypes = `${types}
/** Nothing to do in Node (the engine is instantiated on import); there for code shared with browsers. */
export default function init(module_or_path?: unknown): Promise<void>;
export function initSync(module?: unknown): void;
/** Nothing to do in Node (the pack compiler is instantiated when loadPolicy first needs it). */
export function initLoader(module_or_path?: unknown): Promise<void>;
`;

// ---- web/ -------------------------------------------------------------------
for (const target of ["web", "nodejs"]) {
  for (const f of [".gitignore", "package.json", "README.md"]) rmSync(at(`${target}/${f}`), { force: true });
}
copyFileSync("js/api.js", at("web/api.js"));
writeFileSync(at("web/packs.js"), packsOf(packs.national, only ? "The built-in packs of this build" : "The built-in national rules"));
// The same packs with their texts in 简体 only (packs-zh.js: what the page
// loads, 4.7 KB gzip less for the national rules), and each other language's
// texts as edits to it (texts-zh-TW.js, texts-en.js, for addTexts): a
// language's texts are fetched only by its readers.
const textsOf = (lang) => {
  // The native CLI, as build-wasm.sh built it first: not with the wasm build's flags it exports later.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !["RUSTFLAGS", "RUSTUP_TOOLCHAIN", "CARGO_TARGET_DIR", "CARGO_PROFILE_RELEASE_OPT_LEVEL"].includes(k)));
  const r = spawnSync("cargo", ["run", "--quiet", "--locked", "--", "texts", lang, "-"], { input: packs.national, maxBuffer: 1 << 26, env });
  if (r.status !== 0) throw new Error(`canbao texts ${lang}: ${r.stderr}`);
  return r.stdout;
};
/** Where `full` has a text `zh` lacks (postcard: 0x00 for None there, 0x01, a varint length and UTF-8 here): [offset in zh after the previous edit's, text]. */
function textEdits(zh, full) {
  const edits = [];
  let last = 0;
  let [i, j] = [0, 0];
  while (i < zh.length && j < full.length) {
    if (zh[i] === full[j]) {
      i++, j++;
      continue;
    }
    if (zh[i] !== 0 || full[j] !== 1) throw new Error(`texts: byte ${i} is not a missing text`);
    let [len, shift, k] = [0, 0, j + 1];
    for (let b = 0x80; b & 0x80; shift += 7) len |= ((b = full[k++]) & 0x7f) << shift;
    // Each offset after the previous edit's: smaller numbers than offsets from the start.
    edits.push([i - last, full.subarray(k, k + len).toString("utf8")]);
    last = i;
    [i, j] = [i + 1, k + len];
  }
  if (i !== zh.length || j !== full.length) throw new Error("texts: the packs differ in more than texts");
  return edits;
}
const zhOnly = textsOf("zh-CN");
writeFileSync(at("web/packs-zh.js"), packsOf(zhOnly, `${only ? "The built-in packs of this build" : "The built-in national rules"}, texts in 简体 only (addTexts adds another language's)`));
for (const lang of ["zh-TW", "en"]) {
  const edits = textEdits(zhOnly, textsOf(lang));
  writeFileSync(at(`web/texts-${lang}.js`), `// The ${lang} texts of packs-zh.js, as edits to its bytes, for addTexts (scripts/package-pkg.mjs). Do not edit.
export default ${JSON.stringify({ lang, edits })};
`);
}
writeFileSync(at("web/packs-today.js"), packsOf(packs.today, "Today's built-in packs: the national rules and every place's"));
writeFileSync(at("web/packs-past.js"), packsOf(packs.past, "The built-in packs of historical documents"));
writeFileSync(at("web/places.js"), placesModule);
writeFileSync(at("web/fields.js"), fields);
rmSync(at("web/places"), { recursive: true, force: true });
// There even when empty: a page's import of places/<id>.js finds none, not no folder.
mkdirSync(at("web/places"), { recursive: true });
if (packs.places.length) {
  for (const { id } of packs.places) writeFileSync(at(`web/places/${id}.js`), packsOf(bin(`places/${id}.bin`), `The built-in pack of ${id} (with the packs it extends)`));
}
writeFileSync(at("web/canbao.js"), `// canbao for browsers and bundlers: \`await init()\` (fetches
// canbao_core_bg.wasm beside this file; bundlers copy it) or \`initSync(bytes)\`,
// then the API. A call before is a coded \`not_loaded\` error. loadPolicy needs
// \`await initLoader()\`: the pack compiler is fetched only then. See js/api.js.
import initCore, { initSync as initCoreSync } from "./canbao_core.js";
import * as core from "./canbao_core.js";
import { makeApi, isCanbaoError } from "./api.js";
import packs from "./packs.js";
let loaded = false;
let loader = null;
/** Fetches and instantiates the engine (canbao_core_bg.wasm beside this file, or what is given). */
export default async function init(module_or_path) {
  await initCore(module_or_path === undefined ? { module_or_path: new URL("canbao_core_bg.wasm", import.meta.url) } : module_or_path);
  loaded = true;
}
/** Instantiates the engine from bytes or a compiled module. */
export function initSync(module) {
  initCoreSync(module instanceof Object && "module" in module ? module : { module });
  loaded = true;
}
/** Fetches and instantiates the pack compiler (canbao_loader_bg.wasm), for loadPolicy. */
export async function initLoader(module_or_path) {
  const glue = await import("./canbao_loader.js");
  await glue.default(module_or_path === undefined ? { module_or_path: new URL("canbao_loader_bg.wasm", import.meta.url) } : module_or_path);
  loader = glue;
}
export { isCanbaoError };
export const { ${NAMES} } = makeApi(core, packs, () => loader, () => loaded);
`);
writeFileSync(at("web/canbao.d.ts"), webTypes);
writeFileSync(at("web/fields.d.ts"), `import type { Field } from "./canbao.js";\nexport declare const FIELDS: Field[];\n`);
writeFileSync(at("web/places.d.ts"), `import type { Place } from "./canbao.js";\nexport declare const PLACES: Place[];\n`);
for (const f of ["packs", "packs-today", "packs-past", "packs-zh"]) writeFileSync(at(`web/${f}.d.ts`), `/** Compiled built-in packs, for addPacks. */\ndeclare const packs: string;\nexport default packs;\n`);
for (const lang of ["zh-TW", "en"]) writeFileSync(at(`web/texts-${lang}.d.ts`), `/** The ${lang} texts of packs-zh.js, for addTexts. */\ndeclare const texts: { lang: string; edits: [number, string][] };\nexport default texts;\n`);
if (packs.places.length) writeFileSync(at("web/places/place.d.ts"), `/** A place's compiled pack, for addPacks. */\ndeclare const packs: string;\nexport default packs;\n`);

// ---- node/: ESM in Node, from the web glue and the files ---------------------
mkdirSync(at("node"), { recursive: true });
writeFileSync(at("node/canbao.mjs"), `// canbao for Node (import): the web glue instantiated from the files on
// import, every built-in pack, the pack compiler when loadPolicy first needs
// it. In a server bundle (Vite SSR with canbao not external, webpack), the
// .wasm is read from beside the bundle if the bundler copied it there (webpack
// does, from \`new URL(…, import.meta.url)\`), else from the installed package.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import * as core from "../web/canbao_core.js";
import * as compiler from "../web/canbao_loader.js";
import { makeApi, isCanbaoError } from "../web/api.js";
import today from "../web/packs-today.js";
import past from "../web/packs-past.js";
function bytes(beside, name) {
  try {
    return readFileSync(beside);
  } catch {}
  try {
    return readFileSync(createRequire(import.meta.url).resolve("canbao/web/" + name));
  } catch {}
  throw new Error("canbao: " + name + " is neither beside " + fileURLToPath(import.meta.url) + " nor in node_modules/canbao: keep canbao external to your server bundle, or copy node_modules/canbao/web/" + name + " beside the bundle");
}
core.initSync({ module: bytes(new URL("../web/canbao_core_bg.wasm", import.meta.url), "canbao_core_bg.wasm") });
let loader = null;
function loaderNow() {
  if (!loader) {
    compiler.initSync({ module: bytes(new URL("../web/canbao_loader_bg.wasm", import.meta.url), "canbao_loader_bg.wasm") });
    loader = compiler;
  }
  return loader;
}
export default async function init() {}
export function initSync() {}
export async function initLoader() {
  loaderNow();
}
export { isCanbaoError };
export const { ${NAMES} } = makeApi(core, [today, past], loaderNow, () => true);
`);
writeFileSync(at("node/canbao.d.mts"), nodeTypes);

// ---- nodejs/: CommonJS --------------------------------------------------------
writeFileSync(at("nodejs/api.cjs"), api.replace("export function makeApi", "function makeApi").replace("export function isCanbaoError", "function isCanbaoError") + "\nmodule.exports = { makeApi, isCanbaoError };\n");
writeFileSync(at("nodejs/packs.cjs"), cjs(packsOf(packs.today, "Today's built-in packs")));
writeFileSync(at("nodejs/packs-past.cjs"), cjs(packsOf(packs.past, "The built-in packs of historical documents")));
writeFileSync(at("nodejs/places.cjs"), cjs(placesModule));
writeFileSync(at("nodejs/fields.cjs"), cjs(fields));
writeFileSync(at("nodejs/canbao.js"), `// canbao for Node (require): the glue instantiates the engine on require; the
// pack compiler is required when loadPolicy first needs it. See js/api.js.
const core = require("./canbao_core.js");
const { makeApi, isCanbaoError } = require("./api.cjs");
let loader = null;
const loaderNow = () => (loader ??= require("./canbao_loader.js"));
const api = makeApi(core, [require("./packs.cjs"), require("./packs-past.cjs")], loaderNow, () => true);
// One assignment per name, so that Node's ES module loader sees them.
${NAMES.split(", ").map((n) => `exports.${n} = api.${n};`).join("\n")}
exports.isCanbaoError = isCanbaoError;
exports.default = async function init() {};
exports.initSync = function initSync() {};
exports.initLoader = async function initLoader() {
  loaderNow();
};
`);
writeFileSync(at("nodejs/canbao.d.cts"), nodeTypes);
writeFileSync(at("nodejs/fields.d.cts"), `import type { Field } from "./canbao.cjs";\nexport declare const FIELDS: Field[];\n`);
writeFileSync(at("nodejs/places.d.cts"), `import type { Place } from "./canbao.cjs";\nexport declare const PLACES: Place[];\n`);
writeFileSync(at("nodejs/package.json"), JSON.stringify({ type: "commonjs" }) + "\n");

// ---- bin/: canbao-validate ------------------------------------------------------
mkdirSync(at("bin"), { recursive: true });
copyFileSync("js/canbao-validate.mjs", at("bin/canbao-validate.mjs"));

// ---- the package ----------------------------------------------------------------
copyFileSync("js/README.md", at("README.md"));
for (const f of ["LICENSE-MIT", "LICENSE-APACHE"]) copyFileSync(f, at(f));
/** A data module's entry: ESM from web/, CommonJS from nodejs/ for require() in Node. */
const dataModule = (name) => ({
  node: {
    import: { types: `./web/${name}.d.ts`, default: `./web/${name}.js` },
    require: { types: `./nodejs/${name}.d.cts`, default: `./nodejs/${name}.cjs` },
  },
  types: `./web/${name}.d.ts`,
  default: `./web/${name}.js`,
});
const pkg = {
  name: "canbao",
  version: field("version"),
  description: field("description"),
  license: field("license"),
  type: "module",
  exports: {
    ".": {
      node: {
        import: { types: "./node/canbao.d.mts", default: "./node/canbao.mjs" },
        require: { types: "./nodejs/canbao.d.cts", default: "./nodejs/canbao.js" },
      },
      types: "./web/canbao.d.ts",
      default: "./web/canbao.js",
    },
    "./web": { types: "./web/canbao.d.ts", default: "./web/canbao.js" },
    "./fields": dataModule("fields"),
    "./places": dataModule("places"),
    "./web/places/*.js": { types: "./web/places/place.d.ts", default: "./web/places/*.js" },
    ...Object.fromEntries(["packs-past", "packs-today", "packs-zh", "texts-en", "texts-zh-TW"].map((f) => [`./web/${f}.js`, { types: `./web/${f}.d.ts`, default: `./web/${f}.js` }])),
    "./web/canbao_core_bg.wasm": "./web/canbao_core_bg.wasm",
    "./web/canbao_loader_bg.wasm": "./web/canbao_loader_bg.wasm",
    "./package.json": "./package.json",
  },
  main: "./nodejs/canbao.js",
  types: "./nodejs/canbao.d.cts",
  // TypeScript's old resolution (node10) reads no exports: the subpaths' types.
  typesVersions: { "*": { web: ["web/canbao.d.ts"], fields: ["web/fields.d.ts"], places: ["web/places.d.ts"] } },
  bin: { "canbao-validate": "./bin/canbao-validate.mjs" },
  sideEffects: ["./web/canbao_core.js", "./web/canbao_loader.js", "./node/canbao.mjs", "./nodejs/*.js"],
  files: ["web", "node", "nodejs", "bin", "LICENSE-MIT", "LICENSE-APACHE"],
  engines: { node: ">=18" },
};
writeFileSync(at("package.json"), JSON.stringify(pkg, null, 2) + "\n");
if (existsSync(at("bundler"))) rmSync(at("bundler"), { recursive: true, force: true });
