// The self-check page in headless Chromium, used as a resident would: personas
// from the case files typed in, a language switch, a household, a bad date, the
// network cut, the single-file kiosk build from file://, no request to any other
// origin, an axe-core scan, keyboard-only use, print on one A4 page, and
// screenshots at phone and kiosk sizes (tests/artifacts/).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { root } from "../wasm/harness.mjs";

const PORT = 18080 + (process.pid % 1000);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const artifacts = join(root, "tests/artifacts");
mkdirSync(artifacts, { recursive: true });
const AXE = readFileSync(join(root, "node_modules/axe-core/axe.min.js"), "utf8");

let server;
let browser;
const foreign = [];

before(async () => {
  server = spawn(process.execPath, [join(root, "scripts/serve.mjs"), join(root, "www/dist")], { env: { ...process.env, PORT: String(PORT) }, stdio: "pipe" });
  await new Promise((resolve) => server.stdout.once("data", resolve));
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--lang=zh-CN", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

/** A page that records every request that is not to the page's own origin. */
async function open(url, viewport = { width: 390, height: 844 }, contextOptions = {}) {
  const context = await browser.newContext({ viewport, locale: "zh-CN", ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => {
    const u = r.url();
    if (!(u.startsWith(ORIGIN) || u.startsWith("file://") || u.startsWith("data:"))) foreign.push(u);
  });
  await page.goto(url);
  await page.waitForSelector("#check");
  return { context, page, errors };
}

const choose = (page, key, value) => page.check(`input[name="q-${key}"][value="${value}"]`);

async function birth(page, date) {
  await page.fill("#q-birthDate", date);
  await page.locator("#q-birthDate").dispatchEvent("change");
}

async function answer(page) {
  await page.click("#check");
  await page.waitForSelector("#answer");
}

/** The first questions, as a resident answers them. */
async function basics(page, { region, year, birthDate, hukouType = "urban", hukouLocal = "true", employment = "none" }) {
  if (region) await page.selectOption("#q-region", region);
  await page.selectOption("#q-year", year);
  await birth(page, birthDate);
  await choose(page, "hukouType", hukouType);
  if (hukouLocal !== null) await choose(page, "hukouLocal", hukouLocal);
  await choose(page, "employment", employment);
}

/** The text of the first open scheme card. */
const firstOpen = (page) => page.locator("#answer .open .scheme").first().textContent();

test("persona: county adult urban resident, 140 a year, asked only what matters", async () => {
  const { context, page, errors } = await open(`${ORIGIN}/`);
  await basics(page, { year: "2015", birthDate: "1980-06-01" });
  // Questions the engine does not need are not on the page.
  assert.equal(await page.locator('input[name="q-ownership"]').count(), 0);
  await answer(page);
  // The fee split depends on low-bao status: the page asks for it.
  await choose(page, "lowIncome", "none");
  await choose(page, "enrolled", "none");
  const text = await firstOpen(page);
  assert.match(text, /城镇居民基本医疗保险/);
  assert.match(text, /合计 140\.00 元/);
  assert.match(text, /个人：140\.00 元/);
  assert.match(text, /2015-01-30/);
  assert.match(text, /户口簿复印件1份/);
  await page.screenshot({ path: join(artifacts, "phone-county-adult.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("persona: urban low-bao elder, the finance bureau pays the 60", async () => {
  const { context, page } = await open(`${ORIGIN}/`);
  await basics(page, { year: "2015", birthDate: "1945-03-01" });
  await answer(page);
  await choose(page, "lowIncome", "dibao");
  const text = await firstOpen(page);
  assert.match(text, /合计 60\.00 元/);
  assert.match(text, /个人：0\.00 元/);
  assert.match(text, /财政：60\.00 元/);
  assert.match(text, /县民政局/);
  await context.close();
});

test("persona: Ordos budget-paid staff, 6+2 of a 4000 wage, monthly", async () => {
  const { context, page } = await open(`${ORIGIN}/`);
  await basics(page, { region: "ordos-2009", year: "2009", birthDate: "1975-05-05", employment: "public_employee" });
  await answer(page);
  await page.fill("#q-monthlyWage", "4000.00");
  await page.locator("#q-monthlyWage").dispatchEvent("change");
  const text = await firstOpen(page);
  assert.match(text, /城镇职工基本医疗保险/);
  assert.match(text, /合计 320\.00 元 \/ 每月/);
  assert.match(text, /个人：80\.00 元/);
  assert.match(text, /单位：240\.00 元/);
  await context.close();
});

test("persona: Ordos flexible worker sees both schemes side by side", async () => {
  const { context, page } = await open(`${ORIGIN}/`);
  await basics(page, { region: "ordos-2009", year: "2010", birthDate: "1985-01-01", employment: "flexible" });
  await answer(page);
  assert.ok((await page.locator("#answer .open.side-by-side .scheme").count()) >= 2);
  const names = await page.locator("#answer .open .scheme h3").allTextContents();
  assert.ok(names.some((n) => n.includes("城镇职工")) && names.some((n) => n.includes("城镇居民")), names.join(" | "));
  await context.close();
});

test("persona: Liaoning retiree of a closed collective enterprise, inpatient pooling, pays nothing", async () => {
  const { context, page } = await open(`${ORIGIN}/`);
  await basics(page, { region: "liaoning-2007", year: "2008", birthDate: "1945-03-01", employment: "retired" });
  await answer(page);
  await choose(page, "ownership", "collective");
  await choose(page, "condition", "closed");
  const cards = await page.locator("#answer .open .scheme").allTextContents();
  const pool = cards.find((c) => c.includes("住院医疗费用统筹"));
  assert.ok(pool, cards.join("\n"));
  assert.match(pool, /个人：0\.00 元/);
  assert.match(pool, /单位：未知/);
  await context.close();
});

test("persona: rural pupil at a county school, 40 a year through the school", async () => {
  const { context, page } = await open(`${ORIGIN}/`);
  await basics(page, { year: "2015", birthDate: "2005-09-01", hukouType: "rural", hukouLocal: "false", employment: "student" });
  await answer(page);
  for (const [k, v] of [["schoolLevel", "primary"], ["schoolFullTime", "true"], ["schoolLocal", "true"], ["lowIncome", "none"], ["enrolled", "none"]]) {
    if (await page.locator(`input[name="q-${k}"]`).count()) await choose(page, k, v);
  }
  const text = await firstOpen(page);
  assert.match(text, /合计 40\.00 元/);
  assert.match(text, /所在学校/);
  assert.match(text, /2015-02-10/);
  await context.close();
});

test("language switch: Traditional Chinese and English, labels and engine messages", async () => {
  const { context, page } = await open(`${ORIGIN}/`);
  await basics(page, { year: "2015", birthDate: "1980-06-01" });
  await answer(page);
  await page.click("#lang-en");
  assert.equal(await page.textContent("h1"), "Medical insurance self-check");
  assert.match(await firstOpen(page), /urban resident basic medical insurance/);
  await page.click("#lang-zh-TW");
  assert.equal(await page.textContent("h1"), "醫保參保自查");
  assert.match(await firstOpen(page), /城鎮居民基本醫療保險/);
  assert.equal(await page.getAttribute("html", "lang"), "zh-TW");
  await context.close();
});

test("household: two Ordos members, totals by payer, and the whole-household rule", async () => {
  const { context, page } = await open(`${ORIGIN}/`);
  await basics(page, { region: "ordos-2009", year: "2010", birthDate: "1975-05-05", employment: "public_employee" });
  await answer(page);
  await page.fill("#q-monthlyWage", "5000.00");
  await page.locator("#q-monthlyWage").dispatchEvent("change");
  await page.click("#add-member");
  await birth(page, "1977-03-03");
  await choose(page, "hukouType", "urban");
  await choose(page, "hukouLocal", "true");
  await choose(page, "employment", "none");
  await answer(page);
  await page.click("#add-member");
  const text = await page.textContent("#household");
  assert.match(text, /成员 1/);
  assert.match(text, /成员 2/);
  assert.match(text, /每月：合计 400\.00 元 · 个人 100\.00 元 · 单位 300\.00 元/);
  assert.match(text, /以户为单位/);
  assert.match(text, /分开参保/);
  await context.close();
});

test("a bad date shows its error next to the field", async () => {
  const { context, page } = await open(`${ORIGIN}/`);
  await page.selectOption("#q-year", "2015");
  await birth(page, "2030-01-01");
  await choose(page, "hukouType", "urban");
  await answer(page);
  const error = page.locator("#err-birthDate");
  assert.match(await error.textContent(), /出生日期晚于所选的参保年度/);
  assert.equal(await page.getAttribute("#q-birthDate", "aria-describedby"), "err-birthDate");
  assert.equal(await page.getAttribute("#q-birthDate", "aria-invalid"), "true");
  await context.close();
});

test("works with the network cut after load, and offline from the service worker's cache", async () => {
  const { context, page } = await open(`${ORIGIN}/`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await basics(page, { year: "2015", birthDate: "1980-06-01" });
  await answer(page);
  assert.match(await firstOpen(page), /140\.00/);
  await page.reload();
  await page.waitForSelector("#check");
  await page.selectOption("#q-year", "2015");
  await page.click("#q-birthDate");
  await birth(page, "1990-01-01");
  await choose(page, "hukouType", "urban");
  await choose(page, "hukouLocal", "true");
  await choose(page, "employment", "none");
  await answer(page);
  assert.match(await firstOpen(page), /140\.00/);
  await context.close();
});

test("kiosk: the single file from file://, touch only, big targets, wiped when idle", async () => {
  const url = `${pathToFileURL(join(root, "www/dist/kiosk.html"))}?kiosk=1&idle=3`;
  const { context, page, errors } = await open(url, { width: 1080, height: 1920 });
  assert.equal(await page.locator("#q-birthDate").count(), 0, "no keyboard date entry in kiosk mode");
  for (let i = 0; i < 40; i++) await page.click('button[aria-label="年龄加一岁"]');
  assert.equal(await page.inputValue("#q-age"), "40");
  await page.click('label.choice:has(input[name="q-hukouType"][value="urban"])');
  await page.click('label.choice:has(input[name="q-hukouLocal"][value="true"])');
  await page.click('label.choice:has(input[name="q-employment"][value="none"])');
  await page.click("#check");
  await page.click('label.choice:has(input[name="q-lowIncome"][value="none"])');
  assert.match(await firstOpen(page), /城镇居民基本医疗保险/);
  const box = await page.locator("#check").boundingBox();
  assert.ok(box.height >= 60, `touch target ${box.height}px high`);
  await page.screenshot({ path: join(artifacts, "kiosk-answer.png"), fullPage: true });
  await page.waitForSelector("#answer", { state: "detached", timeout: 10_000 });
  assert.equal(await page.inputValue("#q-age"), "", "answers wiped");
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyboard only: the main flow without a mouse", async () => {
  const { context, page } = await open(`${ORIGIN}/`);
  // Tab forward until the focused element matches, as a keyboard user would.
  const tabTo = async (selector) => {
    for (let i = 0; i < 40; i++) {
      if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`could not tab to ${selector}`);
  };
  await page.keyboard.press("Tab");
  await tabTo("#q-year");
  await page.keyboard.press("ArrowUp"); // an earlier year, still one the county pack serves
  // Age instead of a date: the date widget's segments differ by browser.
  await tabTo("button.link");
  await page.keyboard.press("Enter");
  await tabTo("#q-age");
  await page.keyboard.type("34");
  await tabTo('input[name="q-hukouType"]');
  await page.keyboard.press("Space"); // the first choice: urban
  await tabTo('input[name="q-hukouLocal"]');
  await page.keyboard.press("Space"); // yes
  await tabTo('input[name="q-employment"]');
  await page.keyboard.press("Space"); // not in work
  await tabTo("#check");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#answer");
  assert.match(await page.textContent("#answer"), /城镇居民基本医疗保险/);
  assert.equal(await page.inputValue("#q-age"), "34");
  await context.close();
});

test("axe-core finds no accessibility violations, before and after an answer", async () => {
  const { context, page } = await open(`${ORIGIN}/`, { width: 390, height: 844 }, { bypassCSP: true });
  await page.evaluate(AXE);
  const scan = () => page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
  assert.deepEqual(await scan(), []);
  await basics(page, { year: "2015", birthDate: "1980-06-01" });
  await answer(page);
  assert.deepEqual(await scan(), []);
  await context.close();
});

test("the print view fits one A4 page", async () => {
  const { context, page } = await open(`${ORIGIN}/`);
  await basics(page, { year: "2015", birthDate: "1980-06-01" });
  await answer(page);
  await choose(page, "lowIncome", "none");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("#questions").isVisible(), false);
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, `the slip takes ${pages} pages`);
  await context.close();
});

test("no request went to any other origin", () => {
  assert.deepEqual(foreign, []);
});
