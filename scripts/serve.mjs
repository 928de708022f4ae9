// Serves www/dist on http://127.0.0.1:8080 (PORT to change): static files only,
// with the page's Content-Security-Policy as a header too. A path that is not
// valid percent-encoding answers 400; a path outside the root answers 404.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";

const root = resolve(process.argv[2] ?? "www/dist");
const port = Number(process.env.PORT ?? 8080);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json" };
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function answer(res, status, text) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
  res.end(text);
}

createServer(async (req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  } catch {
    return answer(res, 400, "bad request");
  }
  const file = resolve(root, `.${path.endsWith("/") ? `${path}index.html` : path}`);
  if (path.includes("\0") || (file !== root && !file.startsWith(root + sep))) return answer(res, 404, "not found");
  try {
    const body = await readFile(file);
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Security-Policy": CSP, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" });
    res.end(body);
  } catch {
    answer(res, 404, "not found");
  }
}).listen(port, "127.0.0.1", () => console.log(`canbao: http://127.0.0.1:${port}/ (kiosk: /?kiosk=1, single file: ${join(root, "kiosk.html")})`));
