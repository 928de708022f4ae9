// Serves www/dist on http://127.0.0.1:8080 (PORT to change): static files only,
// compressed (brotli, or gzip) when the browser takes it, as any real host serves them, with the
// page's Content-Security-Policy as a header too; an HTML file that carries its
// own policy (kiosk.html, whose inline script is allowed by its hash) gets that
// one. A path that is not valid percent-encoding answers 400; a path outside
// the root answers 404.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = resolve(process.argv[2] ?? "www/dist");
const port = Number(process.env.PORT ?? 8080);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json" };
const COMPRESSED = Object.fromEntries(Object.values(TYPES).map((t) => [t, true]));
/** Each file's gzip, kept while the file is unchanged. */
const zipped = new Map();
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
    let body = await readFile(file);
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    const own = type.startsWith("text/html") && /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(body.toString("utf8"));
    const headers = { "Content-Type": type, "Content-Security-Policy": own ? own[1] : CSP, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff", Vary: "Accept-Encoding" };
    // Brotli where the browser takes it (the wasm is 20 % smaller than gzip), else gzip.
    const accepts = req.headers["accept-encoding"] ?? "";
    const coding = type in COMPRESSED && (/\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null);
    if (coding) {
      const key = `${coding} ${file}`;
      const kept = zipped.get(key);
      if (!kept || !kept.body.equals(body)) {
        const packed = coding === "br" ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(body, { level: 9 });
        zipped.set(key, { body, packed });
      }
      body = zipped.get(key).packed;
      headers["Content-Encoding"] = coding;
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    answer(res, 404, "not found");
  }
}).listen(port, "127.0.0.1", () => console.log(`canbao: http://127.0.0.1:${port}/ (kiosk: /?kiosk=1, single file: ${join(root, "kiosk.html")})`));
