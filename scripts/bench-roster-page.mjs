// The roster page in Chromium: a 100,000-row list (scripts/roster-sample.mjs,
// CSV) read, checked in the worker and summarised; how long, and the longest
// gap between two progress updates (the page says how far it is at least
// every 200 ms, so it stays responsive). Target (issue 16): under 3 s.
//
//   node scripts/bench-roster-page.mjs [rows]        (in make bench-roster)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const rows = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "canbao-roster-bench-"));
const file = join(dir, "list.csv");
writeFileSync(file, spawnSync(process.execPath, ["scripts/roster-sample.mjs", String(rows)], { maxBuffer: 1 << 30 }).stdout);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage();
  await page.goto(`${pathToFileURL(resolve("www/dist/roster.html")).href}?today=2026-11-24`);
  await page.waitForFunction(() => !document.getElementById("file").disabled, null, { timeout: 60_000 });
  await page.evaluate(() => {
    window.stamps = [];
    new MutationObserver(() => window.stamps.push(performance.now())).observe(document.getElementById("done"), { childList: true, characterData: true, subtree: true });
  });
  const start = await page.evaluate(() => performance.now());
  await page.setInputFiles("#file", file);
  await page.waitForSelector("#results:not([hidden])", { timeout: 120_000 });
  const [end, stamps] = await page.evaluate(() => [performance.now(), window.stamps]);
  const times = [start, ...stamps, end];
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const gap = Math.max(...gaps);
  if (process.env.GAPS) console.log(gaps.map(Math.round).join(" "));
  console.log(`roster page, Chromium: ${rows.toLocaleString("en")} rows read, checked and summarised in ${((end - start) / 1000).toFixed(2)} s (target 3 s); ${stamps.length} progress updates, the longest gap ${Math.round(gap)} ms`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
