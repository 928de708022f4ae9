// Assembles the WeChat mini-program in www/wechat/dist/ from www/wechat/src/,
// www/logic.js and pkg/web/ (run after `make wasm`):
//
//   node scripts/build-wechat.mjs [--appid wx…] [--with-pack-compiler] [--out DIR]
//                                 [--pkg DIR] [--root /sub/canbao/]
//
// canbao/ gets the engine's glue adapted for WeChat (a UTF-8 codec instead of
// the missing TextEncoder/TextDecoder, no import.meta, no fetch or WebAssembly
// code, the two functions the loader needs exported), the wrapper api.js (its
// TextDecoder from the codec too), the built-in packs, and the module
// brotli-compressed (WeChat instantiates `.wasm.br` from base library 2.14.0).
// The pack compiler (loadPolicy only) is left out unless --with-pack-compiler.
// --appid writes your AppID into project.config.json (the tools' touristappid
// cannot preview on a phone). --pkg takes another package's browser build (a
// build set to one place, from scripts/build-dist.mjs) in place of pkg/web;
// --root is where canbao/ will sit in your package (a subpackage's folder:
// "/sub/canbao/"), the loader's default. Prints the package's size against
// WeChat's 2 MB.
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(import.meta.url), "..", "..");
const LIMIT = 2 * 1024 * 1024;

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  if (i + 1 >= args.length) throw new Error(`${name} needs a value`);
  return args[i + 1];
};
for (const a of args) {
  if (a.startsWith("--") && !["--appid", "--out", "--with-pack-compiler", "--pkg", "--root"].includes(a)) {
    throw new Error(`unknown option ${a}: use --appid wx…, --with-pack-compiler, --out DIR`);
  }
}
const withCompiler = args.includes("--with-pack-compiler");
const appid = option("--appid");
if (appid !== undefined && !/^(wx[0-9a-f]{16}|touristappid)$/.test(appid)) {
  throw new Error(`--appid ${appid}: an AppID is "wx" and 16 hex digits (mp.weixin.qq.com, 开发管理 - 开发设置)`);
}
const src = join(root, "www/wechat/src");
const dist = option("--out") ? resolve(option("--out")) : join(root, "www/wechat/dist");
const pkg = option("--pkg") ? resolve(option("--pkg")) : join(root, "pkg/web");
const kitRoot = option("--root") ?? "/canbao/";
if (!/^\/([\w-]+\/)*canbao\/$/.test(kitRoot)) throw new Error(`--root ${kitRoot}: a folder in the package ending in canbao/, like /sub/canbao/`);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
cpSync(src, dist, { recursive: true });
// Where the loader finds its .wasm.br by default.
const loaderFile = join(dist, "canbao/loader.js");
const loaderText = readFileSync(loaderFile, "utf8");
if (!loaderText.includes('export const ROOT = "/canbao/";')) throw new Error("www/wechat/src/canbao/loader.js: no ROOT to set");
writeFileSync(loaderFile, loaderText.replace('export const ROOT = "/canbao/";', `export const ROOT = ${JSON.stringify(kitRoot)};`));
// The page logic is shared with the web page.
const logic = readFileSync(join(root, "www/logic.js"), "utf8");
for (const name of ["requestFrom", "formKeyOf", "errorView", "view", "chinaToday"]) {
  if (!new RegExp(`^export function ${name}\\(`, "m").test(logic)) throw new Error(`www/logic.js has no ${name}(), which the mini-program's check page uses`);
}
cpSync(join(root, "www/logic.js"), join(dist, "components/canbao-check/logic.js"));
// The words, and the fields they are for, are the page's too (zh-CN).
cpSync(join(root, "www/i18n.js"), join(dist, "components/canbao-check/i18n.js"));
cpSync(join(root, "www/fields.js"), join(dist, "components/canbao-check/fields.js"));

/**
 * A wasm-bindgen `web` glue, adapted: it imports the text codec, keeps its
 * exported functions, `__wbg_get_imports` and `__wbg_finalize_init` (exported
 * for the loader), and loses its own loaders (`__wbg_load`, `initSync`,
 * `__wbg_init`: fetch, WebAssembly and import.meta, none of which WeChat has).
 */
function adaptGlue(name) {
  const file = join(pkg, `${name}.js`);
  const glue = readFileSync(file, "utf8");
  const cut = glue.indexOf("async function __wbg_load(");
  const known = `pkg/web/${name}.js is not the wasm-bindgen glue this script knows (check the wasm-bindgen version)`;
  if (cut < 0 || !glue.includes("function __wbg_get_imports()") || !glue.includes("function __wbg_finalize_init(")) throw new Error(known);
  // What is cut must be only the glue's own loaders.
  const tail = glue.slice(cut);
  const defined = [...tail.matchAll(/^(?:async function|function|let|const|var) +([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]).sort();
  const expected = ["__wbg_init", "__wbg_init_once", "__wbg_init_promise", "__wbg_load", "initSync"];
  if (JSON.stringify(defined) !== JSON.stringify(expected)) throw new Error(`${known}: its loaders are ${defined.join(", ")}`);
  if (!/export \{ initSync, __wbg_init as default \};\s*$/.test(tail)) throw new Error(`${known}: it does not end with its default export`);
  const head = glue.slice(0, cut);
  for (const banned of ["import.meta", "WebAssembly", "fetch(", "import("]) {
    if (head.includes(banned)) throw new Error(`${known}: ${banned} outside its loaders`);
  }
  return (
    `// ${name}.js from pkg/web, adapted for WeChat by scripts/build-wechat.mjs: do not edit.\n` +
    `import { Encoder as TextEncoder, Decoder as TextDecoder } from "./text-codec.js";\n` +
    head.replace(/^\/\* @ts-self-types=.*\*\/\n/m, "") +
    `export { __wbg_get_imports, __wbg_finalize_init };\n`
  );
}

function brotli(name) {
  const wasm = readFileSync(join(pkg, `${name}_bg.wasm`));
  // WeChat on iOS cannot export a Global from a module.
  const globals = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).filter((e) => e.kind === "global");
  if (globals.length) throw new Error(`${name}_bg.wasm exports Globals (${globals.map((g) => g.name)}): WeChat on iOS cannot instantiate it`);
  const br = brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: wasm.length } });
  writeFileSync(join(dist, `canbao/${name}_bg.wasm.br`), br);
  return { raw: wasm.length, br: br.length };
}

writeFileSync(join(dist, "canbao/canbao_core.js"), adaptGlue("canbao_core"));
const coreSize = brotli("canbao_core");

let api = readFileSync(join(root, "js/api.js"), "utf8");
if (!api.includes("export function makeApi(")) throw new Error("js/api.js has no makeApi: the kit's loader needs it");
api = `// js/api.js, with the text codec: WeChat has no TextDecoder. Written by scripts/build-wechat.mjs: do not edit.\nimport { Decoder as TextDecoder } from "./text-codec.js";\n${api}`;
writeFileSync(join(dist, "canbao/api.js"), api);

// Every place's pack built in (pkg/web/packs-today.js: today's, all of them):
// the package has room, and a mini-program answers whichever place it is set to.
for (const [from, file] of [["packs-today.js", "packs.js"], ["packs-past.js", "packs-past.js"]]) {
  const packs = readFileSync(join(pkg, from), "utf8");
  if (!/^export default "/m.test(packs)) throw new Error(`pkg/web/${from} is not one exported string`);
  writeFileSync(join(dist, `canbao/${file}`), packs);
}

let compilerSize = null;
if (withCompiler) {
  writeFileSync(join(dist, "canbao/canbao_loader.js"), adaptGlue("canbao_loader"));
  compilerSize = brotli("canbao_loader");
  writeFileSync(
    join(dist, "canbao/compiler.js"),
    `// The pack compiler, for loadPolicy (built with --with-pack-compiler).\nimport * as glue from "./canbao_loader.js";\nexport { glue };\nexport const FILE = "canbao_loader_bg.wasm.br";\n`,
  );
} else {
  writeFileSync(
    join(dist, "canbao/compiler.js"),
    `// No pack compiler in this build: loadPolicy throws loader_not_ready.\n// node scripts/build-wechat.mjs --with-pack-compiler adds it (about 95 KB).\nexport const glue = null;\nexport const FILE = null;\n`,
  );
}

if (appid !== undefined) {
  const file = join(dist, "project.config.json");
  const config = JSON.parse(readFileSync(file, "utf8"));
  config.appid = appid;
  writeFileSync(file, JSON.stringify(config, null, 2) + "\n");
}

// Every script as WeChat gets it: ES modules with nothing its ES6-to-ES5 step
// breaks or its runtime lacks.
const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else files.push({ path: relative(dist, p), size: statSync(p).size });
  }
};
walk(dist);
for (const f of files.filter((f) => f.path.endsWith(".js"))) {
  const text = readFileSync(join(dist, f.path), "utf8");
  for (const banned of ["import.meta", "import(", "new URL(", "WebAssembly.", "fetch("]) {
    if (text.replace(/WXWebAssembly\./g, "").includes(banned)) throw new Error(`${f.path}: ${banned} does not work in a mini-program`);
  }
}

const total = files.reduce((n, f) => n + f.size, 0);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const f of files.sort((a, b) => b.size - a.size)) console.log(`  ${kib(f.size).padStart(10)}  ${f.path}`);
console.log(
  `${relative(process.cwd(), dist) || "."}: ${total} bytes (${kib(total)}) of WeChat's 2 MB package limit (${((100 * total) / LIMIT).toFixed(1)} %); ` +
    `canbao_core_bg.wasm ${coreSize.raw} bytes, ${coreSize.br} brotli` +
    (compilerSize ? `; pack compiler ${compilerSize.raw} bytes, ${compilerSize.br} brotli` : "; pack compiler left out (--with-pack-compiler adds it)"),
);
if (total > LIMIT) {
  throw new Error("over WeChat's 2 MB package limit: see docs/embedding.md (a subpackage for canbao/ and the pages that use it)");
}
