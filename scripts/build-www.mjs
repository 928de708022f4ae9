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
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
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
  // A build set to one place (--pkg from make city) leaves the place picker out.
  define: { __SET_TO_PLACE__: String(!!option("--pkg")) },
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
copyFileSync(join(src, "index.html"), join(dist, "index.html"));
const css = (await transform(readFileSync(join(src, "style.css"), "utf8"), { loader: "css", minify: true })).code.trim();
writeFileSync(join(dist, "style.css"), css);
// main.js, and what it imports later (the historical packs) as chunks of their own.
const page = await build({ ...OPTIONS, entryPoints: [join(src, "main.js")], outdir: dist, splitting: true, entryNames: "[name]", chunkNames: "[name]-[hash]", metafile: true });
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
const PAGE = ["index.html", "style.css", "main.js", ...upFront, WASM];
const LATER = chunks; // fetched when asked for (a place's pack, the historical ones), cached when they are
const hash = createHash("sha256");
for (const f of PAGE) hash.update(readFileSync(join(dist, f)));
const version = hash.digest("hex").slice(0, 12);
let sw = readFileSync(join(src, "sw.js"), "utf8");
for (const [from, to] of [['"canbao-v1"', `"canbao-${version}"`], ["const FILES = [];", `const FILES = ${JSON.stringify(["./", ...PAGE.map((f) => `./${f}`)])};`]]) {
  if (!sw.includes(from)) throw new Error(`www/sw.js: no ${from} to replace`);
  sw = sw.replace(from, to);
}
writeFileSync(join(dist, "sw.js"), (await transform(sw, { minify: true })).code);

// ---- kiosk.html: one file, no fetches ---------------------------------------
const wasm = readFileSync(join(pkgWeb, WASM)).toString("base64");
let script = await bundle(join(src, "kiosk.js"), { __CANBAO_WASM__: JSON.stringify(wasm) });
// Nothing in a string may end the script element early.
script = script.replaceAll("</script", "<\\/script").replaceAll("<!--", "<\\!--");
const sha = (s) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
const html = readFileSync(join(src, "index.html"), "utf8")
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${sha(script)} 'wasm-unsafe-eval'; style-src ${sha(css)}; img-src data:; base-uri 'none'; form-action 'none'">`)
  .replace('<link rel="stylesheet" href="style.css">', () => `<style>${css}</style>`)
  .replace('<script type="module" src="main.js"></script>', () => `<script type="module">${script}</script>`)
  .replace('<html lang="zh-CN">', '<html lang="zh-CN" class="kiosk">');
writeFileSync(join(dist, "kiosk.html"), html);

// ---- page weight ------------------------------------------------------------
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const loaded = [...PAGE, "sw.js"];
const sizes = Object.fromEntries(loaded.map((f) => [f, gz(f)]));
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
if (scratch) rmSync(scratch, { recursive: true, force: true });
console.log(`${dist}: page weight ${total} bytes, zlib level 9 (budget ${BUDGET}): wasm ${sizes[WASM]}, main.js ${sizes["main.js"]} (the page, Preact, the engine's JS and packs)`);
console.log(`  ${loaded.map((f) => `${f} ${sizes[f]}`).join(", ")}`);
console.log(`  on demand: ${LATER.map((f) => `${f} ${gz(f)}`).join(", ")}`);
console.log(`  kiosk.html ${readFileSync(join(dist, "kiosk.html")).length} bytes, ${gz("kiosk.html")} gzip`);
if (total > BUDGET) {
  console.error(`the page is over its ${BUDGET}-byte gzip budget by ${total - BUDGET}`);
  process.exit(1);
}
