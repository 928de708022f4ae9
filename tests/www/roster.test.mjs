// The roster page (issue 16) as a cadre uses it: roster.html opened from
// file:// (no server, no network), a 10,000-row XLSX chosen, the summary and
// the filters, the answer downloaded as XLSX and read back (with ExcelJS, not
// canbao's reader) and compared cell by cell with `canbao roster` on the same
// file; the template; the notices for printing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { root, launch, TODAY } from "./browser.mjs";

const scratch = mkdtempSync(join(tmpdir(), "canbao-roster-page-"));
const ROSTER = pathToFileURL(join(root, "www/dist/roster.html")).href;
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The made-up list of scripts/roster-sample.mjs as an XLSX file (ExcelJS). */
async function sampleXlsx(n) {
  const csv = spawnSync(process.execPath, [join(root, "scripts/roster-sample.mjs"), String(n)], { encoding: "utf8", maxBuffer: 1 << 28 }).stdout;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("名单");
  for (const line of csv.trim().split("\n")) sheet.addRow(line.split(","));
  const file = join(scratch, `list-${n}.xlsx`);
  await book.xlsx.writeFile(file);
  return file;
}

async function readXlsx(file) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const rows = [];
  book.worksheets[0].eachRow({ includeEmpty: true }, (row) => rows.push(row.values.slice(1).map((v) => (v == null ? "" : String(v)))));
  return rows;
}

test("a 10,000-row XLSX from file://: summary, filters, the XLSX out equal to canbao roster's, notices", async () => {
  const input = await sampleXlsx(10_000);
  const context = await browser.newContext({ acceptDownloads: true, offline: true });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(`${ROSTER}?today=${TODAY}`);
  await page.waitForFunction(() => !document.getElementById("file").disabled, null, { timeout: 30_000 });
  // The template: the columns canbao reads and two example rows.
  const [template] = await Promise.all([page.waitForEvent("download"), page.click("#template")]);
  assert.match(readFileSync(await template.path(), "utf8"), /^\ufeff姓名,身份证号,出生日期/);
  const started = Date.now();
  await page.setInputFiles("#file", input);
  await page.waitForSelector("#results:not([hidden])", { timeout: 60_000 });
  const took = Date.now() - started;
  const summary = await page.textContent("#summary");
  assert.match(summary, /共 10000 行/);
  assert.match(summary, /城乡居民医保 \d+/);
  assert.match(summary, /每年：合计 [\d.]+ 元/);
  assert.match(await page.textContent("#done"), /已核查 10000 \/ 10000 行/);
  // Filters: each narrows the table, the count said.
  const count = async (filter) => {
    await page.click(`#filters button[data-filter=${filter}]`);
    await page.waitForSelector(`#filters button[data-filter=${filter}][aria-pressed=true]`);
    return Number((await page.textContent("#count")).match(/^(\d+)/)[1]);
  };
  const answers = await count("answers");
  const help = await count("help");
  assert.ok(answers > 0 && answers < 10_000 && help > 0 && help < 10_000, `${answers} ${help}`);
  assert.ok((await page.locator("#table tbody tr").count()) <= 300);
  // The answer as XLSX, read back and compared with the CLI's on the same file.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#xlsx")]);
  const fromPage = await readXlsx(await download.path());
  const cliOut = join(scratch, "cli.xlsx");
  const cli = spawnSync(join(root, "target/debug/canbao"), ["roster", input, "--out", cliOut, "--today", TODAY], { encoding: "utf8" });
  assert.equal(cli.status, 0, cli.stderr);
  const fromCli = await readXlsx(cliOut);
  assert.equal(fromPage.length, 10_001);
  assert.deepEqual(fromPage[0], fromCli[0]);
  assert.ok(fromPage[0].includes("result.scheme") && fromPage[0].includes("result.error"));
  for (let i = 0; i < fromCli.length; i++) assert.deepEqual(fromPage[i], fromCli[i], `row ${i + 1}`);
  // CSV too.
  const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#csv")]);
  assert.equal(readFileSync(await csv.path(), "utf8").trim().split("\n").length, 10_001);
  // A notice per household, for printing.
  await page.evaluate(() => (window.print = () => {}));
  await page.click("#print");
  await page.waitForSelector("#notices .notice-slip", { state: "attached" });
  assert.ok((await page.locator("#notices .notice-slip").count()) > 2000);
  assert.match(await page.locator("#notices .notice-slip").first().textContent(), /户号 H1 · .* 参保缴费通知/);
  assert.deepEqual(errors, []);
  console.log(`roster page: 10,000 rows read, checked and summarised in ${took} ms`);
  await context.close();
});

test("a file that is not a list is said so, and the page stays usable", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${ROSTER}?today=${TODAY}`);
  await page.waitForFunction(() => !document.getElementById("file").disabled, null, { timeout: 30_000 });
  await page.setInputFiles("#file", { name: "old.xls", mimeType: "application/vnd.ms-excel", buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) });
  await page.waitForSelector("#status.error");
  assert.match(await page.textContent("#status"), /另存为 \.xlsx 或 \.csv/);
  await page.setInputFiles("#file", { name: "list.csv", mimeType: "text/csv", buffer: Buffer.from("出生日期,本地户口,就业情况\n1980-06-01,是,务农\n") });
  await page.waitForSelector("#results:not([hidden])");
  assert.match(await page.textContent("#summary"), /共 1 行/);
  // No 困难类别 column: the person's and the government's shares are unknown,
  // and the totals say so instead of a bare "0.00".
  assert.match(await page.textContent("#summary"), /个人 0\.00 元（另有 1 行未知）/);
  assert.match(await page.textContent("#summary"), /合计 400\.00 元，/);
  await context.close();
});
