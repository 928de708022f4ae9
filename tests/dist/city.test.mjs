// `make city PACK=…` on a pack written from the docs (docs/example-pack.toml,
// a made-up city): its four artifacts, each as its user runs it. The tarball
// in an empty project, called from Node; the page from a static server; the
// kiosk file from file://; the mini-program through WeChat's compilers and
// the simulator. Each answers with the city's own fee: 420 yuan for an adult
// in 2027 (the example pack's made-up figure), the city the default region,
// and the page weighs less than the national build's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root, version, project, node, serveDir } from "./helpers.mjs";
import { launch } from "../www/browser.mjs";
import { compileKit, removeKit } from "../wechat/kit.mjs";
import { open, until, answer, fire, text } from "../wechat/drive.mjs";

const out = mkdtempSync(join(tmpdir(), "canbao-city-"));
let built = "";
let browser;
before(async () => {
  built = execFileSync("make", ["-s", "city", "PACK=docs/example-pack.toml", `OUT=${out}`], { cwd: root, encoding: "utf8" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

const TODAY = "2026-11-24";

test("make city writes the four artifacts and the page's weight, less than the national page's", () => {
  for (const f of [`canbao-${version}.tgz`, `canbao-wechat-${version}.zip`, "kiosk.html", "web", "wechat"]) assert.ok(readdirSync(out).includes(f), f);
  // The roster page too, set to the city (issue 16).
  assert.ok(readdirSync(join(out, "web")).includes("roster.html"));
  assert.match(built, /page weight \d+ bytes/);
  // What a page loads first: index.html and what it links (the style sheet,
  // the scripts and the wasm it preloads), and the service worker.
  const weight = (dir) => {
    const files = [...readFileSync(join(dir, "index.html"), "utf8").matchAll(/<link rel="(?:stylesheet|modulepreload|preload)" href="([\w.-]+)"/g)].map((m) => m[1]);
    assert.ok(files.includes("main.js") && files.includes("canbao_core_bg.wasm"), files.join(" "));
    return ["index.html", ...files, "sw.js"].reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  };
  const city = weight(join(out, "web"));
  const national = weight(join(root, "dist/web"));
  assert.ok(city < national, `the city's page ${city} bytes, the national ${national}`);
  assert.ok(city <= 160_000, `${city} bytes`);
});

test("the tarball, installed into an empty project and called from Node, answers with the city by default", () => {
  const dir = project("city-node", { tgz: join(out, `canbao-${version}.tgz`) });
  try {
    const said = node(dir, ["--input-type=module", "-e", `
      import { check, regions } from "canbao";
      const a = check({ lang: "en", person: { age: 40, hukou: { type: "rural", local: true }, employment: "farmer", lowIncome: "none", disabilityGrade: 0 } }, "${TODAY}");
      console.log(a.region, a.year, a.schemes.find((s) => s.scheme === "urban_rural_resident").fee.individual, regions().map((r) => r.id).join(","));`]);
    assert.equal(said.trim(), "example-city 2027 420.00 china,example-city");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Fills the basic questions and the ones asked, as a resident does, and reads the resident scheme's card. */
async function residentCard(page, { byPad }) {
  if (byPad) {
    await page.click("#pad-4");
    await page.click("#pad-0");
  } else {
    for (const [part, v] of [["y", "1986"], ["m", "05"], ["d", "01"]]) await page.fill(`#q-birthDate-${part}`, v);
    await page.locator("#q-birthDate-d").blur();
  }
  for (const [key, value] of [["hukouLocal", "true"], ["employment", "farmer"]]) await page.click(`label:has(#q-${key}-${value})`);
  await page.click("#check");
  // The hukou's type only if the city's rules ask for it (issue 19: asked only where it matters).
  for (const [key, value] of [["hukouType", "rural"], ["lowIncome", "none"], ["disabilityGrade", "0"], ["lastCoveredYear", "last"]]) {
    const q = page.locator(`#q-${key}-${value}`);
    if (await q.count()) await page.click(`label:has(#q-${key}-${value})`);
  }
  return page.locator("#s-urban_rural_resident").first().evaluate((el) => el.innerText);
}

test("the page, served from a static host, opens on the city and answers with its fee; no place picker", async () => {
  const server = await serveDir(join(out, "web"));
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/?today=${TODAY}`);
    await page.waitForSelector("#check");
    assert.match(await page.textContent("#rules-line"), /示例市.*2027 年度.*当地的标准/);
    assert.equal(await page.locator("#q-province").count(), 0, "a build set to one place has no picker");
    assert.match(await residentCard(page, { byPad: false }), /合计：420\.00 元/);
  } finally {
    await context.close();
    server.close();
  }
});

test("the kiosk file, from file://, opens on the city and answers with its fee", async () => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: "zh-CN" });
  try {
    const page = await context.newPage();
    await page.goto(`${pathToFileURL(join(out, "kiosk.html"))}?today=${TODAY}`);
    await page.waitForSelector("#check");
    assert.match(await page.textContent("#rules-line"), /示例市/);
    assert.match(await residentCard(page, { byPad: true }), /合计：420\.00 元/);
  } finally {
    await context.close();
  }
});

test("the mini-program, compiled by WeChat's compilers and run in the simulator, opens on the city and answers with its fee", async () => {
  const pkg = compileKit(join(out, "wechat"));
  try {
    const { page } = await open(pkg, { today: TODAY });
    await until("the engine", () => page.data.phase === "ready");
    assert.deepEqual(page.data.regionList.map((r) => r.id), ["china", "example-city"]);
    assert.equal(page.data.regionList[page.data.regionIndex].id, "example-city");
    for (const [key, value] of [["age", "40"], ["hukouType", "rural"], ["hukouLocal", "true"], ["employment", "farmer"]]) {
      if (page.data.basics.some((q) => q.key === key)) await answer(page, "basic", key, value);
    }
    await fire(page, "#check", "tap");
    for (let round = 0; page.data.questions.length && round < 10; round++) {
      const q = page.data.questions[0];
      await answer(page, "ask", q.key, { lowIncome: "none", disabilityGrade: "0", lastCoveredYear: "2026", sex: "female", enrolled: "urban_rural_resident", continuousYears: "5", backPayYears: "0" }[q.key] ?? "");
    }
    assert.match(text(page.querySelector("#card-urban_rural_resident")), /420\.00/);
  } finally {
    removeKit(pkg);
  }
});
