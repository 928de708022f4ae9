// Builds the page into www/dist/: index.html, style.css, sw.js, main.js (the
// page's own modules, www/i18n.js, logic.js and app.js, joined into one with
// the comments taken out), the engine from pkg/web (canbao.js, api.js,
// packs.js, canbao_core.js, canbao_core_bg.wasm; not the pack compiler
// canbao_loader*, which the page never calls), and kiosk.html: one
// self-contained file (modules joined, wasm inlined as base64) that runs from
// file:// on a machine that has never been online, in kiosk mode.
// Checks the page weight: everything the page loads, gzip file by file (zlib at
// level 9, as tests/wasm/build.test.mjs measures the wasm: a few hundred bytes
// more than GNU gzip -9, so the stricter), at most 160,000 bytes.
// Run after `make wasm`: node scripts/build-www.mjs
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import ts from "typescript";

const BUDGET = 160_000;
const dist = "www/dist";
const OWN = ["i18n.js", "logic.js", "app.js"];
const ENGINE = ["canbao_core.js", "api.js", "packs.js", "canbao.js"];
const WASM = "canbao_core_bg.wasm";
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

/**
 * JS without its comments and the spaces between tokens that need none; a
 * line break stays wherever there was one, unless it follows ; { , or comes
 * before } ) ] , (so no semicolon is ever inferred differently). Checked:
 * TypeScript parses both into the same tree.
 */
function strip(code) {
  const K = ts.SyntaxKind;
  const sc = ts.createScanner(ts.ScriptTarget.ESNext, false, ts.LanguageVariant.Standard, code);
  // After these a `/` divides; anywhere else it starts a regular expression.
  const operand = new Set([K.Identifier, K.NumericLiteral, K.StringLiteral, K.CloseParenToken, K.CloseBracketToken, K.CloseBraceToken, K.NoSubstitutionTemplateLiteral, K.TemplateTail, K.ThisKeyword, K.TrueKeyword, K.FalseKeyword, K.NullKeyword]);
  const word = /[\w$\\\u0080-\uffff]/;
  const braces = []; // for each open brace: does it close a template's ${ }?
  let out = "";
  let prev = null;
  let line = false;
  for (let k = sc.scan(); k !== K.EndOfFileToken; k = sc.scan()) {
    if (k === K.NewLineTrivia) line = out !== "";
    if (k === K.NewLineTrivia || k === K.WhitespaceTrivia || k === K.SingleLineCommentTrivia || k === K.MultiLineCommentTrivia || k === K.ShebangTrivia) continue;
    if ((k === K.SlashToken || k === K.SlashEqualsToken) && !operand.has(prev)) k = sc.reScanSlashToken();
    if (k === K.TemplateHead || k === K.OpenBraceToken) braces.push(k === K.TemplateHead);
    else if (k === K.CloseBraceToken && braces.at(-1)) {
      k = sc.reScanTemplateToken(false);
      if (k === K.TemplateTail) braces.pop();
    } else if (k === K.CloseBraceToken) braces.pop();
    const text = sc.getTokenText();
    const a = out.at(-1) ?? "";
    const b = text[0];
    // A line break after ; { , or before } ) ] , is never needed.
    if (line && !";{,".includes(a) && !"}),]".includes(b)) out += "\n";
    else if ((word.test(a) && word.test(b)) || (a === b && "+-/".includes(a)) || (a === "/" && b === "*")) out += " ";
    out += text;
    prev = k;
    line = false;
  }
  // The syntax tree, node by node, with the text of every leaf.
  const tree = (js) => {
    const parts = [];
    const walk = (n) => {
      if (n.kind >= ts.SyntaxKind.FirstJSDocNode && n.kind <= ts.SyntaxKind.LastJSDocNode) return;
      parts.push(n.kind);
      if (!n.getChildCount()) parts.push(n.getText());
      else n.getChildren().forEach(walk);
    };
    walk(ts.createSourceFile("x.js", js, ts.ScriptTarget.ESNext, true, ts.ScriptKind.JS));
    return JSON.stringify(parts);
  };
  if (tree(out) !== tree(code)) throw new Error("strip changed the program");
  return out;
}

// Modules joined into one: each is wrapped in a function that returns its
// exports. Chromium refuses module scripts and fetches from file://, so the
// kiosk joins the engine's modules too. The kiosk never loads a pack, so the
// pack compiler's dynamic import is cut there.
const names = (list) => list.split(",").map((n) => n.trim()).filter(Boolean).map((n) => n.split(/\s+as\s+/));
function bundle(name, code) {
  const exports = [];
  const from = (m) => `__modules["${m}"]`;
  code = code.replace(/^import\s*(.+?)\s*from\s*"\.\/([\w.]+)";?$/gm, (_, what, m) => {
    const out = [];
    for (const part of what.match(/\{[^}]*\}|\*\s*as\s+\w+|\w+/g)) {
      if (part.startsWith("{")) out.push(`const { ${names(part.slice(1, -1)).map(([a, b]) => (b ? `${a}: ${b}` : a)).join(", ")} } = ${from(m)};`);
      else if (part.startsWith("*")) out.push(`const ${part.split(/\s+|\*as/).pop()} = ${from(m)};`);
      else out.push(`const ${part} = ${from(m)}.default;`);
    }
    return out.join(" ");
  });
  code = code.replace(/^export default\b\s*/m, () => (exports.push("default: __default"), "const __default = "));
  code = code.replace(/^export\s*\{([^}]*)\};?$/gm, (_, list) => {
    for (const [local, as] of names(list)) exports.push(`${as ?? local}: ${local}`);
    return "";
  });
  code = code.replace(/^export const\s*\{([^}]*)\}/gm, (_, list) => {
    for (const [n] of names(list)) exports.push(n);
    return `const {${list}}`;
  });
  code = code.replace(/^export (async function|function|const|let|class) (\w+)/gm, (_, kind, n) => (exports.push(n), `${kind} ${n}`));
  code = code.replace(/\bimport\(\s*"\.\/canbao_loader\.js"\s*\)/g, 'Promise.reject(new Error("the kiosk page has no pack compiler"))');
  code = code.replaceAll("import.meta.url", "location.href");
  if (/^\s*(import|export)\b/m.test(code) || /\bimport\s*\(/.test(code)) throw new Error(`${name}: an import or export the kiosk bundler does not handle`);
  return `__modules["${name}"] = (() => {\n${code}\nreturn { ${exports.join(", ")} };\n})();\n`;
}
const own = strip(OWN.map((m) => bundle(m, readFileSync(join("www", m), "utf8"))).join(""));

// ---- the page -----------------------------------------------------------------
copyFileSync("www/index.html", join(dist, "index.html"));
// CSS without comments and runs of white space.
const css = readFileSync("www/style.css", "utf8").replace(/\/\*[^]*?\*\//g, "").replace(/\s+/g, " ").replace(/ ?([{};,>]) ?/g, "$1").trim();
writeFileSync(join(dist, "style.css"), css);
// The engine's JS without its comments too (the sources in pkg/ keep them).
for (const f of ENGINE) writeFileSync(join(dist, f), f === "packs.js" ? readFileSync(join("pkg/web", f)) : strip(readFileSync(join("pkg/web", f), "utf8")));
copyFileSync(join("pkg/web", WASM), join(dist, WASM));
const main = strip(readFileSync("www/main.js", "utf8")).replace(/import\s*\{\s*start\s*\}\s*from\s*"\.\/app\.js";/, () => `const __modules={};${own}const{start}=__modules["app.js"];`);
if (main.includes('from "./app.js"')) throw new Error("www/main.js: the import of app.js was not replaced");
writeFileSync(join(dist, "main.js"), main);

// The service worker's cache is named after the files' content, so a new
// build replaces the old cache.
const PAGE = ["index.html", "style.css", "main.js", ...ENGINE, WASM];
const hash = createHash("sha256");
for (const f of PAGE) hash.update(readFileSync(join(dist, f)));
const version = hash.digest("hex").slice(0, 12);
const sw = strip(readFileSync("www/sw.js", "utf8"));
if (!sw.includes('"canbao-v1"')) throw new Error("www/sw.js: no cache name to replace");
writeFileSync(join(dist, "sw.js"), sw.replace('"canbao-v1"', `"canbao-${version}"`));

// ---- kiosk.html: one file, no fetches ---------------------------------------
let script = "const __modules = {};\n";
for (const m of ENGINE) script += bundle(m, readFileSync(join("pkg/web", m), "utf8"));
script += own;
const wasm = readFileSync(join("pkg/web", WASM)).toString("base64");
script += `
const __wasm = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));
__modules["canbao.js"].initSync({ module: __wasm });
__modules["app.js"].start(__modules["canbao.js"], { kiosk: true });
`;
// Nothing in a string may end the script element early.
script = script.replaceAll("</script", "<\\/script").replaceAll("<!--", "<\\!--");
const sha = (s) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
const html = readFileSync("www/index.html", "utf8")
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${sha(script)} 'wasm-unsafe-eval'; style-src ${sha(css)}; img-src data:; base-uri 'none'; form-action 'none'">`)
  .replace('<link rel="stylesheet" href="style.css">', () => `<style>${css}</style>`)
  .replace('<script type="module" src="main.js"></script>', () => `<script type="module">${script}</script>`)
  .replace('<html lang="zh-CN">', '<html lang="zh-CN" class="kiosk">');
writeFileSync(join(dist, "kiosk.html"), html);

// ---- page weight ------------------------------------------------------------
const gzip = "zlib level 9";
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const loaded = [...PAGE, "sw.js"];
const sizes = Object.fromEntries(loaded.map((f) => [f, gz(f)]));
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
const ownBytes = ["index.html", "style.css", "main.js", "sw.js"].reduce((n, f) => n + sizes[f], 0);
console.log(`www/dist: page weight ${total} bytes, ${gzip} (budget ${BUDGET}): engine ${total - ownBytes} (wasm ${sizes[WASM]}, packs.js ${sizes["packs.js"]}), page's own ${ownBytes}`);
console.log(`  ${loaded.map((f) => `${f} ${sizes[f]}`).join(", ")}`);
console.log(`  kiosk.html ${readFileSync(join(dist, "kiosk.html")).length} bytes, ${gz("kiosk.html")} gzip`);
if (total > BUDGET) {
  console.error(`the page is over its ${BUDGET}-byte gzip budget by ${total - BUDGET}`);
  process.exit(1);
}
