// Issue 15: the service worker on a host that caches, as static hosts and CDNs
// do (Cache-Control: max-age=86400 on everything but sw.js). A new deploy must
// reach residents on their next visit; nothing else on the origin (another
// page, another app's caches, a request that asks past the cache) is touched.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { root, launch, TODAY } from "./browser.mjs";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
let browser;
let host;
const scratch = mkdtempSync(join(tmpdir(), "canbao-sw-"));

/** Two deploys of the page: A as built, B as a new build would differ (a new page and worker). */
function deploys() {
  const a = join(scratch, "a");
  const b = join(scratch, "b");
  cpSync(join(root, "www/dist"), a, { recursive: true });
  cpSync(a, b, { recursive: true });
  const html = readFileSync(join(b, "index.html"), "utf8");
  writeFileSync(join(b, "index.html"), html.replace("<html lang=\"zh-CN\">", "<html lang=\"zh-CN\" data-build=\"B\">"));
  const sw = readFileSync(join(b, "sw.js"), "utf8");
  assert.match(sw, /[0-9a-f]{12}/, "sw.js names its build");
  writeFileSync(join(b, "sw.js"), sw.replace(/[0-9a-f]{12}/, "bbbbbbbbbbbb"));
  assert.notEqual(readFileSync(join(b, "sw.js"), "utf8"), sw, "B's worker differs");
  return { a, b };
}

/** A host that serves `dir` (changeable) with a day's max-age on everything but sw.js, plus other.html. */
function cachingHost() {
  const state = { dir: null, other: "other 1", extra: "" };
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/other.html") {
      if (state.other === null) return res.writeHead(404).end("gone");
      res.writeHead(200, { "Content-Type": "text/html", "Cache-Control": "max-age=86400" });
      return res.end(state.other);
    }
    let body;
    try {
      body = readFileSync(join(state.dir, path === "/" ? "index.html" : path.slice(1)));
    } catch {
      return res.writeHead(404).end("not found");
    }
    if (path === "/main.js" && state.extra) body = Buffer.concat([body, Buffer.from(state.extra)]);
    res.writeHead(200, {
      "Content-Type": TYPES[extname(path)] ?? (path === "/" ? TYPES[".html"] : "application/octet-stream"),
      "Cache-Control": path === "/sw.js" ? "no-cache" : "max-age=86400",
    });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ state, origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

before(async () => {
  browser = await launch();
  host = await cachingHost();
});

after(async () => {
  await browser?.close();
  host?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const build = (page) => page.evaluate(() => document.documentElement.dataset.build ?? "A");

test("a new deploy reaches the resident on the next visit, though the host caches everything for a day", async () => {
  const { a, b } = deploys();
  host.state.dir = a;
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${host.origin}/?today=${TODAY}`);
  await page.waitForSelector("#check");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForSelector("#check");
  assert.equal(await build(page), "A");
  // Another app's cache on the same origin.
  await page.evaluate(() => caches.open("someone-else").then((c) => c.put("/theirs", new Response("theirs"))));

  host.state.dir = b; // the deploy
  const seen = [];
  for (let visit = 0; visit < 4; visit++) {
    await page.goto(`${host.origin}/?today=${TODAY}`);
    await page.waitForSelector("#check");
    // The new worker installs while the page is open (the old one answered this visit).
    await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.update()).catch(() => {}));
    await page.waitForTimeout(500);
    seen.push(await build(page));
  }
  // Was A, A, A, A: the new worker filled its cache from the HTTP cache.
  assert.deepEqual(seen.slice(1), ["B", "B", "B"], seen.join(" "));
  const caches = await page.evaluate(() => caches.keys());
  assert.ok(caches.includes("someone-else"), caches.join(" "));
  assert.equal(caches.filter((k) => k.startsWith("canbao:")).length, 1, caches.join(" "));
  assert.deepEqual(errors, []);
  await context.close();
});

test("the worker answers only its own files: another page, a ?bust= and a no-store fetch go to the network", async () => {
  const { a } = deploys();
  Object.assign(host.state, { dir: a, other: "other 1", extra: "" });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${host.origin}/?today=${TODAY}`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForSelector("#check");
  assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true);
  const get = (url, init) => page.evaluate(([u, i]) => fetch(u, i).then(async (r) => [r.status, await r.text()]), [url, init]);
  // Another page on the origin: not cached, so a change (or its removal) shows.
  assert.deepEqual(await get("/other.html", { cache: "no-store" }), [200, "other 1"]);
  host.state.other = null;
  assert.equal((await get("/other.html", { cache: "no-store" }))[0], 404);
  // The page's own file, asked past the cache, or with a query, is the server's.
  host.state.extra = "/*changed*/";
  assert.match((await get("/main.js", { cache: "no-store" }))[1], /changed\*\/$/);
  assert.match((await get("/main.js?bust=1", { cache: "no-store" }))[1], /changed\*\/$/);
  assert.doesNotMatch((await get("/main.js"))[1], /changed\*\/$/, "a plain fetch is the cached build");
  host.state.extra = "";
  const stored = await page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) out.push(new URL(req.url).pathname + new URL(req.url).search);
    return out;
  });
  assert.ok(!stored.some((p) => p.includes("other") || p.includes("bust")), stored.join(" "));
  // Offline, the page opens from a link with a query.
  await context.setOffline(true);
  await page.goto(`${host.origin}/?region=china&lang=en&today=${TODAY}`);
  await page.waitForSelector("#check");
  await context.close();
});
