// The package as it would be uploaded: what is in it, its settings, its size,
// and nothing its scripts need that WeChat's runtime may lack.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dist, filesOf, compileKit, removeKit, root } from "./kit.mjs";

const LIMIT = 2 * 1024 * 1024;
const files = filesOf(dist);
const made = [];
after(() => made.forEach(removeKit));

test("the package holds only what a mini-program uses, and no package.json", () => {
  assert.ok(!files.includes("package.json"), "dist/package.json would ship in the package");
  for (const f of files) assert.match(f, /\.(js|json|wxml|wxss|wasm\.br)$/, f);
  assert.ok(files.includes("canbao/canbao_core_bg.wasm.br"));
  assert.ok(!files.some((f) => f.endsWith(".wasm")), "only the brotli-compressed module ships");
});

test(`the package is under WeChat's 2 MB limit`, () => {
  const total = files.reduce((n, f) => n + statSync(join(dist, f)).size, 0);
  console.log(`www/wechat/dist: ${total} bytes (${(total / 1024).toFixed(1)} KiB)`);
  assert.ok(total < LIMIT, `${total} bytes`);
});

test("app.json: style v2, and every page has its four files", () => {
  const app = JSON.parse(readFileSync(join(dist, "app.json"), "utf8"));
  assert.equal(app.style, "v2");
  for (const page of app.pages) for (const ext of ["js", "json", "wxml", "wxss"]) assert.ok(files.includes(`${page}.${ext}`), `${page}.${ext}`);
  for (const page of app.pages) assert.ok("usingComponents" in JSON.parse(readFileSync(join(dist, `${page}.json`), "utf8")), `${page}.json: a page built with Component() declares usingComponents`);
});

/** Whether a packOptions.ignore rule (as the developer tools read it) matches a package file. */
function ignores(rule, file) {
  const v = String(rule.value).toLowerCase();
  const f = file.toLowerCase();
  const name = f.split("/").pop();
  switch (rule.type) {
    case "folder":
      return f.startsWith(v.replace(/^\.?\/|\/$/g, "") + "/");
    case "file":
      return f === v.replace(/^\.?\//, "");
    case "suffix":
      return name.endsWith(v);
    case "prefix":
      return name.startsWith(v);
    case "regexp":
      return new RegExp(rule.value, "i").test(file);
    case "glob": {
      const re = v.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*\*\/?/g, "\u0000").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]").replace(/\u0000/g, ".*");
      return new RegExp(`^${re}$`).test(f);
    }
    default:
      return true; // a rule the tools may read differently: refuse it
  }
}

test("project.config.json: ES6-to-ES5 on, and no upload filter drops the .wasm.br or anything else of the package", () => {
  const config = JSON.parse(readFileSync(join(dist, "project.config.json"), "utf8"));
  assert.equal(config.setting.es6, true, "the kit's files are ES modules: the tools' ES6-to-ES5 compile must be on");
  assert.equal(config.compileType, "miniprogram");
  assert.ok(config.appid, "an appid (touristappid until --appid gives yours)");
  for (const rule of (config.packOptions && config.packOptions.ignore) || []) {
    for (const f of files) assert.ok(!ignores(rule, f), `packOptions.ignore ${JSON.stringify(rule)} drops ${f}`);
  }
  assert.ok(ignores({ type: "suffix", value: ".br" }, "canbao/canbao_core_bg.wasm.br"), "the rule check itself");
});

test("no script uses what Babel's ES5 output does not provide and WeChat on older iOS lacks, nor async code", () => {
  const pkg = compileKit();
  made.push(pkg);
  // Built-ins newer than iOS 12's JavaScriptCore: Babel's syntax transform leaves them as they are.
  const newer = /\.replaceAll\(|\.matchAll\(|\.at\(-?\d|Promise\.allSettled|Promise\.any\(|Object\.hasOwn\(|\.findLast(Index)?\(|structuredClone|\bglobalThis\b|\bimport\.meta\b|\bimport\(/;
  for (const f of files.filter((x) => x.endsWith(".js"))) {
    const code = readFileSync(join(pkg, f), "utf8");
    const found = code.match(newer);
    assert.equal(found, null, `${f}: ${found && found[0]}`);
    // Async functions or generators would need a regenerator runtime without 增强编译.
    assert.doesNotMatch(code, /_asyncToGenerator|_regenerator|regeneratorRuntime/, `${f}: async or generator code`);
  }
});

test("--appid writes the AppID into project.config.json; a malformed one is refused", () => {
  const out = mkdtempSync(join(tmpdir(), "canbao-wechat-appid-"));
  made.push(out);
  const ok = spawnSync(process.execPath, ["scripts/build-wechat.mjs", "--appid", "wx0123456789abcdef", "--out", out], { cwd: root, encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /of WeChat's 2 MB package limit/, "the build prints the size");
  assert.equal(JSON.parse(readFileSync(join(out, "project.config.json"), "utf8")).appid, "wx0123456789abcdef");
  const bad = spawnSync(process.execPath, ["scripts/build-wechat.mjs", "--appid", "12345", "--out", out], { cwd: root, encoding: "utf8" });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /AppID/);
  assert.ok(existsSync(join(dist, "canbao/loader.js")));
});
