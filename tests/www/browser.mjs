// What the page's browser tests share: Debian's headless Chromium driven by npm
// playwright-core (install it with scripts/setup-browser.sh), the page served
// from www/dist by scripts/serve.mjs, and the day the tests are set on.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The day every answer is worked out on (the page reads ?today=). */
export const TODAY = "2026-11-24";

export function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync", "--lang=zh-CN"],
  });
}

/** scripts/serve.mjs on a free port: { origin, close() }. */
export async function serve(dir = join(root, "www/dist")) {
  const port = 18080 + (process.pid % 1000);
  const child = spawn(process.execPath, [join(root, "scripts/serve.mjs"), dir], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    child.stdout.once("data", resolve);
    child.once("exit", (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, close: () => child.kill() };
}
