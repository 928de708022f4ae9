// Builds the page into www/dist/: the static files, the engine from pkg/web,
// and kiosk.html, one self-contained file (wasm inlined as base64) that runs
// from file:// on a machine that has never been online. Reports the page weight.
// Run after `make wasm`: node scripts/build-www.mjs
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const dist = "www/dist";
const MODULES = ["i18n.js", "logic.js", "app.js"];
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

for (const f of ["index.html", "style.css", "main.js", ...MODULES]) copyFileSync(join("www", f), join(dist, f));
copyFileSync("pkg/web/canbao.js", join(dist, "canbao.js"));
copyFileSync("pkg/web/canbao_bg.wasm", join(dist, "canbao_bg.wasm"));

// The service worker's cache is named after the files' content, so a new
// build replaces the old cache.
const PAGE = ["index.html", "style.css", "main.js", ...MODULES, "canbao.js", "canbao_bg.wasm"];
const hash = createHash("sha256");
for (const f of PAGE) hash.update(readFileSync(join(dist, f)));
const version = hash.digest("hex").slice(0, 12);
writeFileSync(join(dist, "sw.js"), readFileSync("www/sw.js", "utf8").replace('"canbao-v1"', `"canbao-${version}"`));

// ---- kiosk.html: one file, no fetches ---------------------------------------
// Chromium refuses module scripts and fetches from file://, so the modules are
// joined into one inline module script, each wrapped in a function that
// returns its exports, and the wasm is inlined as base64 for initSync.
function bundle(name, code) {
  const exports = [];
  code = code.replace(/^import (?:init, )?\{([^}]*)\} from "\.\/([\w.]+)";$/gm, (_, names, from) => `const {${names}} = __modules["${from}"];`);
  code = code.replace(/^export \{([^}]*)\};$/gm, (_, names) => {
    for (const n of names.split(",")) {
      const [local, as] = n.trim().split(/\s+as\s+/);
      exports.push(`${as ?? local}: ${local}`);
    }
    return "";
  });
  code = code.replace(/^export (async function|function|const|let|class) (\w+)/gm, (_, kind, n) => {
    exports.push(n);
    return `${kind} ${n}`;
  });
  if (/^\s*(import|export)\b/m.test(code) || code.includes("import.meta")) throw new Error(`${name}: an import or export the kiosk bundler does not handle`);
  return `__modules["${name}"] = (() => {\n${code}\nreturn { ${exports.join(", ")} };\n})();\n`;
}
const wasm = readFileSync("pkg/web/canbao_bg.wasm").toString("base64");
let script = "const __modules = {};\n" + bundle("canbao.js", readFileSync("pkg/web/canbao.js", "utf8").replace(/^.*import\.meta\.url.*$/m, ""));
for (const m of MODULES) script += bundle(m, readFileSync(join("www", m), "utf8"));
script += `
const __wasm = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));
__modules["canbao.js"].initSync({ module: __wasm });
__modules["app.js"].start(__modules["canbao.js"]);
`;
const css = readFileSync("www/style.css", "utf8");
const sha = (s) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
const html = readFileSync("www/index.html", "utf8")
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${sha(script)} 'wasm-unsafe-eval'; style-src ${sha(css)}; img-src data:; base-uri 'none'; form-action 'none'">`)
  .replace('<link rel="stylesheet" href="style.css">', `<style>${css}</style>`)
  .replace('<script type="module" src="main.js"></script>', `<script type="module">${script}</script>`);
writeFileSync(join(dist, "kiosk.html"), html);

const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const total = PAGE.reduce((n, f) => n + gz(f), 0);
console.log(`www/dist: page weight ${total} bytes gzip (${PAGE.length} files; budget 150000); kiosk.html ${readFileSync(join(dist, "kiosk.html")).length} bytes, ${gz("kiosk.html")} gzip`);
if (total > 150_000) throw new Error("the page is over its 150 KB gzip budget");
