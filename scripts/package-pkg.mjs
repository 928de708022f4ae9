// Turns wasm-pack's builds into one npm package at pkg/. Each target folder
// (web, bundler, nodejs) has wasm-bindgen's glue for the two modules,
// `canbao_core.js` (answers) and `canbao_loader.js` (compiles packs for
// loadPolicy), and gets here: the public API `canbao.js` (js/api.js over the
// glue), its types `canbao.d.ts` (js/canbao.d.ts), and the built-in packs
// `packs.js` (compiled, from `canbao packs-bin`). `import { check } from
// "canbao"` picks the right build (bundler, Node); `canbao/web` is the browser
// ES module with its own init().
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// The package folder (pkg/, or the folder a build is assembled in).
const dir = process.argv[2] ?? "pkg";
const at = (path) => join(dir, path);

const cargo = readFileSync("Cargo.toml", "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "(.*)"`, "m"))[1];
const api = readFileSync("js/api.js", "utf8");
const types = readFileSync("js/canbao.d.ts", "utf8");
const NAMES = "check, checkHousehold, regions, loadPolicy, addPacks, version";

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
const packsModule = (file, what) => `// ${what}, compiled by \`canbao packs-bin\` from policies/*.toml:
// postcard bytes, its texts as characters (scripts/package-pkg.mjs). Do not edit.
export default ${JSON.stringify(packChars(readFileSync(at(file))))};
`;
// Today's packs (the national rules and the places'), and the historical
// documents', which a page loads only when a resident asks for them. The
// browser build has only the national rules built in: each place's pack is a
// module of its own (web/places/ID.js, its parents with it), added when a
// resident picks the place, and web/places.js lists them for a picker.
const packs = packsModule("packs.bin", "The built-in policy packs of today's rules");
const national = packsModule("packs-national.bin", "The built-in national rules");
const past = packsModule("packs-past.bin", "The built-in policy packs of historical documents");
const placeList = JSON.parse(readFileSync(at("places.json"), "utf8"));
const places = `// The places whose packs are built in, for a picker: each one's id, name
// [zh-CN, zh-TW, en], province (pinyin), level ("province" or "city"), the pack
// it extends, and its coverage years with figures as [year, provisional].
// From \`canbao regions\` (scripts/build-places.mjs). Do not edit.
export const PLACES = ${JSON.stringify(placeList)};
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

for (const target of ["web", "bundler", "nodejs"]) {
  for (const f of [".gitignore", "package.json", "README.md"]) rmSync(at(`${target}/${f}`), { force: true });
}
writeFileSync(at("web/fields.js"), fields);
writeFileSync(at("bundler/fields.js"), fields);
writeFileSync(at("nodejs/fields.cjs"), fields.replace("export const FIELDS = ", "exports.FIELDS = "));

// Browsers: init() (or initSync()) first, as with any wasm-bindgen web build;
// initLoader() before loadPolicy: it fetches the loader module only then.
copyFileSync("js/api.js", at("web/api.js"));
writeFileSync(at("web/packs.js"), national);
writeFileSync(at("web/packs-past.js"), past);
writeFileSync(at("web/places.js"), places);
mkdirSync(at("web/places"), { recursive: true });
for (const { id } of placeList) {
  writeFileSync(at(`web/places/${id}.js`), packsModule(`places/${id}.bin`, `The built-in pack of ${id} (with the packs it extends)`));
}
writeFileSync(at("web/canbao.js"), `// canbao for browsers: \`await init()\` (fetches canbao_core_bg.wasm beside this
// file) or \`initSync({ module })\`, then the API. \`await initLoader()\` before
// loadPolicy. See js/api.js.
import init, { initSync } from "./canbao_core.js";
import * as core from "./canbao_core.js";
import { makeApi } from "./api.js";
import packs from "./packs.js";
let loader = null;
export default init;
export { initSync };
/** Fetches and instantiates the pack compiler (canbao_loader_bg.wasm), for loadPolicy. */
export async function initLoader(module_or_path) {
  const glue = await import("./canbao_loader.js");
  await glue.default(module_or_path);
  loader = glue;
}
export const { ${NAMES} } = makeApi(core, packs, () => loader);
`);
writeFileSync(at("web/canbao.d.ts"), `${types}
/** Fetches and instantiates canbao_core_bg.wasm (or the module or bytes given). */
export default function init(module_or_path?: { module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module } | RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<unknown>;
/** Instantiates from bytes or a compiled module, synchronously. */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;
/** Fetches and instantiates the pack compiler (canbao_loader_bg.wasm, or the module or bytes given): loadPolicy needs it. */
export function initLoader(module_or_path?: { module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module } | RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
`);

// Bundlers: each glue instantiates its module on import.
copyFileSync("js/api.js", at("bundler/api.js"));
writeFileSync(at("bundler/packs.js"), packs);
writeFileSync(at("bundler/packs-past.js"), past);
writeFileSync(at("bundler/places.js"), places);
writeFileSync(at("bundler/canbao.js"), `// canbao for bundlers: the glue instantiates each module on import. See js/api.js.
import * as core from "./canbao_core.js";
import * as loader from "./canbao_loader.js";
import { makeApi } from "./api.js";
import packs from "./packs.js";
import past from "./packs-past.js";
export const { ${NAMES} } = makeApi(core, [packs, past], () => loader);
`);
writeFileSync(at("bundler/canbao.d.ts"), types);

// Node (CommonJS, as wasm-pack's nodejs target is).
writeFileSync(at("nodejs/api.cjs"), api.replace("export function makeApi", "function makeApi") + "\nmodule.exports = { makeApi };\n");
writeFileSync(at("nodejs/packs.cjs"), packs.replace("export default ", "module.exports = "));
writeFileSync(at("nodejs/packs-past.cjs"), past.replace("export default ", "module.exports = "));
writeFileSync(at("nodejs/places.cjs"), places.replace("export const PLACES = ", "exports.PLACES = "));
writeFileSync(at("nodejs/canbao.js"), `// canbao for Node: the glue instantiates each module on require. See js/api.js.
const core = require("./canbao_core.js");
const loader = require("./canbao_loader.js");
const { makeApi } = require("./api.cjs");
const api = makeApi(core, [require("./packs.cjs"), require("./packs-past.cjs")], () => loader);
// One assignment per name, so that Node's ES module loader sees them:
// \`import { check } from "canbao"\` (tests/wasm/readme.test.mjs).
${NAMES.split(", ").map((n) => `exports.${n} = api.${n};`).join("\n")}
`);
writeFileSync(at("nodejs/canbao.d.ts"), types);
writeFileSync(at("nodejs/package.json"), JSON.stringify({ type: "commonjs" }) + "\n");

const pkg = {
  name: "canbao",
  version: field("version"),
  description: field("description"),
  license: field("license"),
  type: "module",
  exports: {
    ".": {
      types: "./bundler/canbao.d.ts",
      node: "./nodejs/canbao.js",
      default: "./bundler/canbao.js",
    },
    "./web": { types: "./web/canbao.d.ts", default: "./web/canbao.js" },
    "./fields": { node: "./nodejs/fields.cjs", default: "./bundler/fields.js" },
    "./places": { node: "./nodejs/places.cjs", default: "./bundler/places.js" },
    "./web/places/*": "./web/places/*",
    "./web/packs-past.js": "./web/packs-past.js",
    "./web/canbao_core_bg.wasm": "./web/canbao_core_bg.wasm",
    "./web/canbao_loader_bg.wasm": "./web/canbao_loader_bg.wasm",
  },
  types: "./bundler/canbao.d.ts",
  sideEffects: ["./bundler/canbao_core.js", "./bundler/canbao_core_bg.js", "./bundler/canbao_loader.js", "./bundler/canbao_loader_bg.js", "./web/canbao_core.js"],
  files: ["web", "bundler", "nodejs"],
};
writeFileSync(at("package.json"), JSON.stringify(pkg, null, 2) + "\n");
