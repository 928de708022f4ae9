// How fast the page opens on a slow phone: Chromium with a Slow-3G-like line
// (400 kbit/s each way, 400 ms round trip) and the CPU slowed 4×, the page
// served compressed by scripts/serve.mjs (brotli, as Chromium asks for it), a fresh profile each time (no HTTP
// cache, no service worker). Two figures per run: when the first question can
// be typed into (the static form in index.html), and when the engine has
// answered for the first time (the page drawn by app.js: #check). Targets
// (issue 19): 1.5 s and 4.0 s.
//
//   node scripts/bench-load.mjs [runs]        (make bench-load: 5 runs)
import { spawn } from "node:child_process";
import { join } from "node:path";
import { chromium } from "playwright-core";

const runs = Number(process.argv[2] ?? 5);
const port = 18900 + (process.pid % 90);
const server = spawn(process.execPath, [join("scripts", "serve.mjs"), "www/dist"], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => server.stdout.once("data", resolve));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"] });

const codings = new Set();
const form = [];
const engine = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: "block" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    page.on("response", (r) => r.url().endsWith(".wasm") && codings.add(r.headers()["content-encoding"] ?? "none"));
    const start = Date.now();
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: "commit" });
    await page.waitForSelector("#q-birthDate-y", { state: "visible", timeout: 60_000 });
    form.push(Date.now() - start);
    await page.waitForSelector("#check", { timeout: 60_000 });
    engine.push(Date.now() - start);
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${(s[0] / 1000).toFixed(2)} s, median ${(s[Math.floor(s.length / 2)] / 1000).toFixed(2)} s, max ${(s[s.length - 1] / 1000).toFixed(2)} s`;
};
console.log(`slow 3G (400 kbit/s, 400 ms), CPU 4× slower, served ${[...codings].join("/")} (as Chromium asked), ${runs} fresh loads:`);
console.log(`  the first question usable: ${stats(form)} (target 1.5 s)`);
console.log(`  the engine answering:      ${stats(engine)} (target 4.0 s)`);
