// Builds the page into www/dist/ with esbuild:
//
//   index.html, style.css (minified), main.js (the page's modules, Preact and
//   the engine's JS with the built-in packs, bundled and minified),
//   canbao_core_bg.wasm, sw.js (its file list and cache name from this build),
//   and kiosk.html: the whole page in one file (wasm inlined as base64) that
//   runs from file:// on a machine that has never been online, in kiosk mode.
//
// The pack compiler (canbao_loader*, for loadPolicy) is left out: the page
// never loads a pack. Checks the page weight: everything the page loads, gzip
// file by file (zlib at level 9, as tests/wasm/build.test.mjs measures the
// wasm), at most 160,000 bytes. Run after `make wasm`:
//
//   node scripts/build-www.mjs [--pkg DIR] [--out DIR]
//
// --pkg: another package's browser build (a build set to one place, from
// scripts/build-dist.mjs), in place of pkg/web; --out: where to write.
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { build, transform } from "esbuild";
import { minify } from "terser";

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
for (const a of args.filter((a) => a.startsWith("--"))) {
  if (!["--pkg", "--out"].includes(a)) throw new Error(`unknown option ${a}: use --pkg DIR, --out DIR`);
}
const BUDGET = 160_000;
const dist = option("--out") ?? "www/dist";
const WASM = "canbao_core_bg.wasm";
// The page's sources import the engine as ../pkg/web/: with another package,
// they are built in a scratch tree holding www/ and that package as pkg/web/.
let src = "www";
let pkgWeb = "pkg/web";
let scratch = null;
if (option("--pkg")) {
  scratch = mkdtempSync(join(tmpdir(), "canbao-www-"));
  cpSync("www", join(scratch, "www"), { recursive: true, filter: (f) => !/www\/(dist|wechat)(\/|$)/.test(f) });
  cpSync(resolve(option("--pkg")), join(scratch, "pkg/web"), { recursive: true });
  // The roster module is the same for every build: the packs are the package's.
  if (existsSync("pkg/roster")) cpSync("pkg/roster", join(scratch, "pkg/roster"), { recursive: true });
  src = join(scratch, "www");
  pkgWeb = join(scratch, "pkg/web");
}
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// The pack compiler's glue is imported only by initLoader(), which the page
// never calls: it is left out, and initLoader() says so.
const noLoader = {
  name: "no-pack-compiler",
  setup(b) {
    b.onResolve({ filter: /\/canbao_loader\.js$/ }, () => ({ path: "no-pack-compiler", namespace: "no-pack-compiler" }));
    b.onLoad({ filter: /.*/, namespace: "no-pack-compiler" }, () => ({
      contents: 'export default () => Promise.reject(new Error("this page has no pack compiler"));',
      loader: "js",
    }));
  },
};

function builtOn() {
  try {
    return execFileSync("git", ["log", "-1", "--format=%cs"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return new Date().toISOString().slice(0, 10); // not a git tree: the day it is built
  }
}

/**
 * The page's 繁體 and English words as chunks of their own (see wantLang in
 * www/i18n.js): each "简体|繁體|English" in i18n.js and each [简体, 繁體, English]
 * in fields.js becomes "简体|@N", and word N of each language goes to
 * canbao-words:<lang>. Split here, up front, so that the chunks are whole
 * whatever order esbuild loads the files in.
 */
function splitWords() {
  const more = { "zh-TW": [], en: [] };
  const keep = (zh, tw, en) => {
    more["zh-TW"].push(tw);
    more.en.push(en);
    return `"${zh}|@${more.en.length - 1}"`;
  };
  const part = '((?:[^"\\\\|\\n]|\\\\.)*)';
  const words = new RegExp(`"${part}\\|${part}\\|${part}"`, "g");
  const i18n = readFileSync(join(src, "i18n.js"), "utf8")
    .split("\n")
    .map((line) => (/^\s*(\/\/|\/?\*)/.test(line) ? line : line.replace(words, (_, zh, tw, en) => keep(zh, tw, en))))
    .join("\n")
    .replace("const MORE_LOADERS = {};", 'const MORE_LOADERS = { "zh-TW": () => import("canbao-words:zh-TW"), en: () => import("canbao-words:en") };');
  const fields = readFileSync(join(src, "fields.js"), "utf8").replace(new RegExp(`\\["${part}","${part}","${part}"\\]`, "g"), (_, zh, tw, en) => `[${keep(zh, tw, en)}]`);
  if (!i18n.includes("canbao-words:en") || !more.en.length) throw new Error("www/i18n.js: nothing to split (MORE_LOADERS?)");
  return {
    name: "split-words",
    setup(b) {
      // The packs' texts too: the engine starts from 简体 only (packs-zh.js),
      // and app.js adds a language's texts (texts-<lang>.js) when it is chosen.
      b.onResolve({ filter: /^\.\/packs\.js$/ }, (a) => (/canbao\.js$/.test(a.importer) ? { path: join(dirname(a.importer), "packs-zh.js") } : undefined));
      b.onLoad({ filter: /[\\/]www[\\/](i18n|fields)\.js$/ }, (a) => ({ contents: a.path.endsWith("i18n.js") ? i18n : fields, loader: "js", resolveDir: join(src) }));
      b.onResolve({ filter: /^canbao-words:/ }, (a) => ({ path: a.path.slice("canbao-words:".length), namespace: "canbao-words" }));
      b.onLoad({ filter: /.*/, namespace: "canbao-words" }, (a) => ({ contents: `export default [${more[a.path].map((w) => `"${w}"`).join(",")}]`, loader: "js" }));
    },
  };
}

const OPTIONS = {
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  legalComments: "none",
  // Chinese (the page's words, the packs' texts) as itself, not \u escapes.
  charset: "utf8",
  plugins: [noLoader],
  logLevel: "warning",
  // A build set to one place has no other places to fetch.
  logOverride: { "empty-glob": "silent" },
  nodePaths: [resolve("node_modules")],
  // A build set to one place (--pkg from make city) leaves the place picker
  // out. The day of the last commit: the page was not built before it, so a
  // device clock before it is wrong.
  define: { __SET_TO_PLACE__: String(!!option("--pkg")), __BUILT_ON__: JSON.stringify(builtOn()) },
};

/** Bundles an entry into one minified ES module, with what it imports later inlined; `define` replaces names. */
async function bundle(entry, define = {}) {
  const out = await build({ ...OPTIONS, entryPoints: [entry], write: false, define: { ...OPTIONS.define, ...define } });
  return squeeze(out.outputFiles[0].text);
}

/** terser over esbuild's minified module: two compress passes, names mangled, UTF-8 kept. */
async function squeeze(code) {
  const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { ascii_only: false, comments: false } });
  return out.code;
}

// ---- the page -----------------------------------------------------------------
const css = (await transform(readFileSync(join(src, "style.css"), "utf8"), { loader: "css", minify: true })).code.trim();
writeFileSync(join(dist, "style.css"), css);
// main.js, and what it imports later (the historical packs) as chunks of their own.
const page = await build({ ...OPTIONS, plugins: [...OPTIONS.plugins, splitWords()], entryPoints: [join(src, "main.js")], outdir: dist, splitting: true, entryNames: "[name]", chunkNames: "[hash]", metafile: true });
// esbuild names its outputs relative to the working directory.
const outDir = relative(".", dist);
const name = (f) => f.slice(outDir.length + 1);
// What main.js imports up front (a chunk it shares with what comes later) loads with it.
const upFront = page.metafile.outputs[`${outDir}/main.js`].imports.filter((i) => i.kind === "import-statement").map((i) => name(i.path));
const chunks = Object.keys(page.metafile.outputs).map(name).filter((f) => f !== "main.js" && !upFront.includes(f));
// esbuild bundles; terser, two passes over its output, takes another 0.9 KB
// gzip off main.js (its code is laid out more compressibly).
for (const f of ["main.js", ...upFront, ...chunks]) writeFileSync(join(dist, f), await squeeze(readFileSync(join(dist, f), "utf8")));
copyFileSync(join(pkgWeb, WASM), join(dist, WASM));

// The service worker caches what the page loads, under a name made from their
// content, so a new build replaces the old cache.
// index.html asks for main.js, the chunk it shares and the wasm at once (a
// slow phone otherwise fetches them one after another).
writeFileSync(
  join(dist, "index.html"),
  readFileSync(join(src, "index.html"), "utf8").replace('<link rel="modulepreload" href="main.js">', () => ["main.js", ...upFront].map((f) => `<link rel="modulepreload" href="${f}">`).join("\n")),
);
const PAGE = ["index.html", "style.css", "main.js", ...upFront, WASM];
const LATER = chunks; // fetched when asked for (a place's pack, the historical ones), cached when they are
const hash = createHash("sha256");
for (const f of PAGE) hash.update(readFileSync(join(dist, f)));
const version = hash.digest("hex").slice(0, 12);
let sw = readFileSync(join(src, "sw.js"), "utf8");
const fills = [
  ['const VERSION = "dev";', `const VERSION = "${version}";`],
  ["const PAGE = [];", `const PAGE = ${JSON.stringify(["./", ...PAGE.filter((f) => f !== "index.html")])};`],
  ["const LATER = [];", `const LATER = ${JSON.stringify(LATER)};`],
];
for (const [from, to] of fills) {
  if (!sw.includes(from)) throw new Error(`www/sw.js: no ${from} to replace`);
  sw = sw.replace(from, to);
}
writeFileSync(join(dist, "sw.js"), await squeeze((await transform(sw, { minify: true })).code));

// ---- kiosk.html: one file, no fetches ---------------------------------------
const wasm = readFileSync(join(pkgWeb, WASM)).toString("base64");
let script = await bundle(join(src, "kiosk.js"), { __CANBAO_WASM__: JSON.stringify(wasm) });
// Nothing in a string may end the script element early.
script = script.replaceAll("</script", "<\\/script").replaceAll("<!--", "<\\!--");
const sha = (s) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
const html = readFileSync(join(src, "index.html"), "utf8")
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${sha(script)} 'wasm-unsafe-eval'; style-src ${sha(css)}; img-src data:; base-uri 'none'; form-action 'none'">`)
  .replace('<link rel="stylesheet" href="style.css">', () => `<style>${css}</style>`)
  .replace(/<link rel="(module)?preload"[^>]*>\n/g, "") // nothing to fetch: all is inline
  .replace('<script type="module" src="main.js"></script>', () => `<script type="module">${script}</script>`)
  .replace('<html lang="zh-CN">', '<html lang="zh-CN" class="kiosk">');
writeFileSync(join(dist, "kiosk.html"), html);

// ---- roster.html: the cadres' page, one file ----------------------------------
// A list checked at once (issue 16): its own module (pkg/roster, the engine
// with the roster's readers and writers), inlined with a worker and every
// built-in pack of today, so it works offline and from file://. Not the
// resident's page: none of it counts in the page's budget.
const rosterRoot = join(dirname(pkgWeb), "roster");
if (existsSync(join(rosterRoot, "canbao_roster_bg.wasm"))) {
  const iife = async (entry, define) => {
    const out = await build({ ...OPTIONS, format: "iife", entryPoints: [entry], write: false, define: { ...OPTIONS.define, ...define } });
    return (await minify(out.outputFiles[0].text, { compress: { passes: 2 }, mangle: true, format: { ascii_only: false, comments: false } })).code;
  };
  const workerCode = await iife(join(src, "roster-worker.js"), {});
  const rosterWasm = readFileSync(join(rosterRoot, "canbao_roster_bg.wasm")).toString("base64");
  let rosterScript = await iife(join(src, "roster.js"), { __ROSTER_WORKER__: JSON.stringify(workerCode), __ROSTER_WASM__: JSON.stringify(rosterWasm) });
  rosterScript = rosterScript.replaceAll("</script", "<\\/script").replaceAll("<!--", "<\\!--");
  const rosterCss = `${css}\n.scroll{overflow:auto;max-height:70vh}table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #ccc;padding:.2rem .4rem;white-space:nowrap}#filters button[aria-pressed=true]{background:#1e6b3c;color:#fff}progress{width:100%}.notice-slip{break-inside:avoid;border-bottom:1px dashed #999;padding:.5rem 0}.file input{display:block;margin:.5rem 0}`;
  const rosterHtml = readFileSync(join(src, "roster.html"), "utf8")
    .replace("ROSTER_CSP", `default-src 'none'; script-src ${sha(rosterScript)} 'wasm-unsafe-eval'; worker-src blob:; style-src ${sha(rosterCss)}; img-src data: blob:; base-uri 'none'; form-action 'none'`)
    .replace("ROSTER_STYLE", () => rosterCss)
    .replace("ROSTER_SCRIPT", () => rosterScript);
  writeFileSync(join(dist, "roster.html"), rosterHtml);
  console.log(`  roster.html ${rosterHtml.length} bytes, ${gzipSync(rosterHtml, { level: 9 }).length} gzip (the cadres' page; not the resident's)`);
}

// ---- page weight ------------------------------------------------------------
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const loaded = [...PAGE, "sw.js"];
const sizes = Object.fromEntries(loaded.map((f) => [f, gz(f)]));
// A resident reading 繁體 or English loads that language's words and the
// packs' texts in it too: the heavier language counts.
// Chunks are named by their hash alone (shorter lists in main.js and sw.js): a
// language's are found by what they hold.
const holds = (f, lang) => Object.keys(page.metafile.outputs[`${outDir}/${f}`].inputs).some((i) => i === `canbao-words:${lang}` || i.endsWith(`texts-${lang}.js`));
const languageCost = (lang) => LATER.filter((f) => holds(f, lang)).reduce((n, f) => n + gz(f), 0);
const heaviest = Math.max(languageCost("zh-TW"), languageCost("en"));
const total = Object.values(sizes).reduce((a, b) => a + b, 0) + heaviest;
if (scratch) rmSync(scratch, { recursive: true, force: true });
console.log(`${dist}: page weight ${total} bytes, zlib level 9 (budget ${BUDGET}): wasm ${sizes[WASM]}, main.js ${sizes["main.js"]} (the page, Preact, the engine's JS and packs)`);
console.log(`  ${loaded.map((f) => `${f} ${sizes[f]}`).join(", ")}, the heaviest language's words ${heaviest}`);
console.log(`  on demand: ${LATER.map((f) => `${f} ${gz(f)}`).join(", ")}`);
console.log(`  kiosk.html ${readFileSync(join(dist, "kiosk.html")).length} bytes, ${gz("kiosk.html")} gzip`);
if (total > BUDGET) {
  console.error(`the page is over its ${BUDGET}-byte gzip budget by ${total - BUDGET}`);
  process.exit(1);
}
