// Assembles the WeChat mini-program in www/wechat/dist/ from www/wechat/src/
// and pkg/web/: the wasm brotli-compressed (WeChat instantiates `.wasm.br` from
// base library 2.14.0), and the glue adapted. Reports the size against WeChat's
// 2 MB package limit. Run after `make wasm`: node scripts/build-wechat.mjs
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";

const src = "www/wechat/src";
const dist = "www/wechat/dist";
const LIMIT = 2 * 1024 * 1024;

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
cpSync(src, dist, { recursive: true });
// The page logic is shared with the web page.
cpSync("www/logic.js", join(dist, "pages/check/logic.js"));

// The glue, adapted: text codec for runtimes without TextEncoder/TextDecoder,
// no import.meta (WeChat's ES6-to-ES5 step breaks it, and the default path is
// never used), and the two functions the loader needs exported.
let glue = readFileSync("pkg/web/canbao.js", "utf8");
const anchor = "module_or_path = new URL('canbao_bg.wasm', import.meta.url);";
if (!glue.includes(anchor) || !glue.includes("function __wbg_get_imports()") || !glue.includes("function __wbg_finalize_init(")) {
  throw new Error("pkg/web/canbao.js is not the wasm-bindgen glue this script knows: check the wasm-bindgen version");
}
glue = glue.replace(anchor, "throw new Error('in WeChat, call loadCanbao() from loader.js');");
glue = `import { Encoder as TextEncoder, Decoder as TextDecoder } from "./text-codec.js";\n${glue}\nexport { __wbg_get_imports, __wbg_finalize_init };\n`;
if (glue.includes("import.meta")) throw new Error("import.meta left in the glue");
writeFileSync(join(dist, "canbao/canbao.js"), glue);

const wasm = readFileSync("pkg/web/canbao_bg.wasm");
const br = brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: wasm.length } });
writeFileSync(join(dist, "canbao/canbao_bg.wasm.br"), br);
// Node runs the kit's tests as ES modules; WeChat compiles them itself and ignores this.
writeFileSync(join(dist, "package.json"), JSON.stringify({ type: "module", private: true }) + "\n");

const size = (dir) => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? size(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
const total = size(dist);
console.log(`${dist}: ${total} bytes (${(total / 1024).toFixed(1)} KiB) of WeChat's ${LIMIT / 1024 / 1024} MB main-package limit (${((100 * total) / LIMIT).toFixed(1)} %); canbao_bg.wasm.br ${br.length} bytes`);
if (total > LIMIT) throw new Error("over WeChat's 2 MB package limit: move canbao/ into a subpackage");
