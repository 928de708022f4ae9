// The package in the bundlers portal teams use, each building the same small
// app (tests/bundlers/app: `import init, { check } from "canbao"`, a place's
// pack fetched later, a call before init) from the tarball `make dist` wrote:
// Vite 5 and today's Vite (build, and the dev server with the one setting
// docs/embedding.md gives), webpack 5.88 (before asyncWebAssembly mattered)
// and today's webpack, each served and opened in Chromium; Vite's SSR build
// with the package bundled in, run in Node; and the .wasm served as
// application/octet-stream, as old hosts do.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { root, tarball, serveDir } from "./helpers.mjs";
import { launch } from "../www/browser.mjs";

const fixtures = join(root, "tests/bundlers");
let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** The app's sources in `fixture/src`, and the tarball installed beside the bundler. */
function prepare(fixture) {
  const dir = join(fixtures, fixture);
  rmSync(join(dir, "src"), { recursive: true, force: true });
  rmSync(join(dir, "out"), { recursive: true, force: true });
  cpSync(join(fixtures, "app"), join(dir, "src"), { recursive: true });
  execFileSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--silent", tarball], { cwd: dir, stdio: "pipe" });
  return dir;
}

/** Opens `url` in Chromium and waits for the app's three answers. */
async function answers(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await page.goto(url);
    await page.waitForFunction(() => !document.getElementById("beijing").textContent.includes("…"), null, { timeout: 30000 });
    const said = await page.evaluate(() => ["early", "national", "beijing"].map((id) => document.getElementById(id).textContent));
    assert.deepEqual(errors, []);
    return said;
  } finally {
    await page.close();
  }
}

// check() before init(): not_loaded. The national rules for 2027: at least 400
// (TODAY.md); Beijing 2026, working age: 795 (BJ2026).
const EXPECTED = ["not_loaded", "400.00", "795.00"];

const viteConfig = (dir, extra = "") => `export default {
  root: ${JSON.stringify(join(dir, "src"))},
  logLevel: "warn",
  build: { outDir: ${JSON.stringify(join(dir, "out"))}, emptyOutDir: true, target: "es2022" },
  // docs/embedding.md: the dev server must not pre-bundle canbao, or the .wasm URL points nowhere.
  optimizeDeps: { exclude: ["canbao"] },
  ssr: { noExternal: ["canbao"] },
  ${extra}
};
`;

for (const fixture of ["vite5", "vite"]) {
  test(`${fixture === "vite" ? "today's Vite" : "Vite 5"}: the build answers in Chromium; the SSR build with canbao bundled in answers in Node`, async () => {
    const dir = prepare(fixture);
    writeFileSync(join(dir, "vite.config.mjs"), viteConfig(dir));
    const vite = join(dir, "node_modules/vite/bin/vite.js");
    execFileSync(process.execPath, [vite, "build", "--config", join(dir, "vite.config.mjs")], { cwd: dir, stdio: "pipe" });
    const server = await serveDir(join(dir, "out"));
    try {
      assert.deepEqual(await answers(`${server.origin}/`), EXPECTED);
    } finally {
      server.close();
    }
    execFileSync(process.execPath, [vite, "build", "--config", join(dir, "vite.config.mjs"), "--ssr", join(dir, "src/server.js"), "--outDir", join(dir, "out-ssr")], { cwd: dir, stdio: "pipe" });
    // canbao is in the bundle (no import of it is left), and answers.
    const bundle = join(dir, "out-ssr/server.js");
    assert.doesNotMatch(readFileSync(bundle, "utf8"), /from\s*["']canbao["']/);
    assert.equal(execFileSync(process.execPath, [bundle], { cwd: dir, encoding: "utf8" }).trim(), "400.00");
    // Moved where neither the .wasm nor the package is, it says what to do.
    const alone = mkdtempSync(join(tmpdir(), "canbao-ssr-"));
    cpSync(join(dir, "out-ssr"), alone, { recursive: true });
    const r = spawnSync(process.execPath, [join(alone, "server.js")], { cwd: alone, encoding: "utf8" });
    rmSync(alone, { recursive: true, force: true });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /canbao_core_bg\.wasm is neither beside .* nor in node_modules\/canbao: keep canbao external to your server bundle, or copy/);
  });

  test(`${fixture === "vite" ? "today's Vite" : "Vite 5"}: the dev server serves the app, and it answers`, async () => {
    const dir = prepare(fixture);
    writeFileSync(join(dir, "vite.config.mjs"), viteConfig(dir, "server: { strictPort: true },"));
    const port = 5173 + (process.pid % 500) + (fixture === "vite" ? 1 : 0);
    const child = spawn(process.execPath, [join(dir, "node_modules/vite/bin/vite.js"), "--config", join(dir, "vite.config.mjs"), "--port", String(port), "--host", "127.0.0.1"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    try {
      // Ready once it answers (its log is kept to warnings).
      const end = Date.now() + 30000;
      for (;;) {
        const up = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false);
        if (up) break;
        if (Date.now() > end || child.exitCode !== null) throw new Error(`the dev server did not start (exit ${child.exitCode})`);
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.deepEqual(await answers(`http://127.0.0.1:${port}/`), EXPECTED);
    } finally {
      child.kill();
    }
  });
}

for (const fixture of ["webpack-5.88", "webpack"]) {
  test(`${fixture === "webpack" ? "today's webpack" : "webpack 5.88"}: the bundle (no experiments set) answers in Chromium`, async () => {
    const dir = prepare(fixture);
    const webpack = createRequire(join(dir, "package.json"))("webpack");
    const stats = await new Promise((resolve, reject) =>
      webpack(
        {
          mode: "production",
          context: join(dir, "src"),
          entry: "./main.js",
          output: { path: join(dir, "out"), filename: "main.js", publicPath: "auto", clean: true },
          resolve: { modules: [join(dir, "node_modules")] },
          performance: { hints: false },
        },
        (e, s) => (e ? reject(e) : resolve(s)),
      ),
    );
    assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
    cpSync(join(dir, "src/index.html"), join(dir, "out/index.html"));
    const server = await serveDir(join(dir, "out"));
    try {
      assert.deepEqual(await answers(`${server.origin}/`), EXPECTED);
    } finally {
      server.close();
    }
  });
}

test("a host that serves the .wasm as application/octet-stream: the app still answers (the module is read whole instead of streamed)", async () => {
  const dir = prepare("vite");
  writeFileSync(join(dir, "vite.config.mjs"), viteConfig(dir));
  execFileSync(process.execPath, [join(dir, "node_modules/vite/bin/vite.js"), "build", "--config", join(dir, "vite.config.mjs")], { cwd: dir, stdio: "pipe" });
  const server = await serveDir(join(dir, "out"), { wasmType: "application/octet-stream" });
  try {
    assert.deepEqual(await answers(`${server.origin}/`), EXPECTED);
  } finally {
    server.close();
  }
});
