// What the tests of dist/ share: the tarball `make dist` wrote, an empty
// project with it installed (as an integrator's), and a static server.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const version = JSON.parse(readFileSync(join(root, "pkg/package.json"), "utf8")).version;
export const tarball = join(root, `dist/canbao-${version}.tgz`);

/** A new folder with `package.json` (type module) and the tarball installed, as `npm install` puts it. */
export function project(name, { tgz = tarball, type = "module", deps = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `canbao-${name}-`));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type, dependencies: deps }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", tgz], { cwd: dir, stdio: "pipe" });
  return dir;
}

export const node = (dir, args, options = {}) => execFileSync(process.execPath, args, { cwd: dir, encoding: "utf8", stdio: "pipe", ...options });

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json" };

/** A static server of `dir` on a free port; `wasmType` is the type .wasm is served as (old hosts: application/octet-stream). */
export async function serveDir(dir, { wasmType = "application/wasm" } = {}) {
  const base = resolve(dir);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = resolve(base, `.${path.endsWith("/") ? `${path}index.html` : path}`);
    if (!file.startsWith(base + sep) && file !== base) return res.writeHead(404).end();
    try {
      const body = await readFile(file);
      const type = extname(file) === ".wasm" ? wasmType : TYPES[extname(file)] ?? "application/octet-stream";
      res.writeHead(200, { "Content-Type": type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
