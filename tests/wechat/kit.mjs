// The mini-program as WeChat runs it, in Node. WeChat's developer tools compile
// every script with Babel (ES6 to ES5, CommonJS modules) before the package
// reaches a phone; `compileKit` does the same to www/wechat/dist/ (preset-env
// for Chrome 53 and iOS 8), into a temporary folder that is then the package.
// `wechatRuntime` makes Node look like the mini-program runtime: no
// WebAssembly, TextEncoder, TextDecoder or fetch; a `WXWebAssembly` that takes
// only a path inside the package (`.wasm.br` read and brotli-decompressed as
// WeChat does from base library 2.14.0, and nothing else); and a `wx` that reports a base
// library version. Run `node scripts/build-wechat.mjs` first.
import { createRequire } from "node:module";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { brotliDecompressSync } from "node:zlib";
import { dirname, join, relative } from "node:path";
import { root } from "../wasm/harness.mjs";

export { root };
export const dist = join(root, "www/wechat/dist");
const require = createRequire(import.meta.url);

/** What the tests need from npm and the build, or a message saying how to get it. */
export function ready() {
  for (const name of ["@babel/core", "@babel/preset-env", "miniprogram-compiler", "miniprogram-simulate", "jsdom"]) {
    try {
      require.resolve(name);
    } catch {
      throw new Error(`${name} is not installed: run npm ci`);
    }
  }
  if (!existsSync(join(dist, "canbao/canbao_core_bg.wasm.br"))) throw new Error("www/wechat/dist is not built: run node scripts/build-wechat.mjs");
}

/** Every file of a package, as paths relative to it. */
export function filesOf(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The package as WeChat's tools compile it (ES5, CommonJS), in a new temporary folder. */
export function compileKit(from = dist) {
  ready();
  const babel = require("@babel/core");
  const out = mkdtempSync(join(tmpdir(), "canbao-wechat-"));
  for (const file of filesOf(from)) {
    const target = join(out, file);
    mkdirSync(dirname(target), { recursive: true });
    if (!file.endsWith(".js")) {
      cpSync(join(from, file), target);
      continue;
    }
    const { code } = babel.transformFileSync(join(from, file), {
      babelrc: false,
      configFile: false,
      sourceType: "module",
      compact: false,
      comments: false,
      presets: [[require.resolve("@babel/preset-env"), { targets: { chrome: "53", ios: "8" }, modules: "commonjs" }]],
    });
    writeFileSync(target, code);
  }
  // Node reads .js here as CommonJS, as WeChat runs them (the repository's package.json says "module").
  writeFileSync(join(out, "package.json"), '{ "type": "commonjs", "private": true }\n');
  return out;
}

export function removeKit(dir) {
  rmSync(dir, { recursive: true, force: true });
}

const RealWebAssembly = globalThis.WebAssembly;
const MISSING = ["WebAssembly", "TextEncoder", "TextDecoder", "fetch"];
const REAL = Object.fromEntries(MISSING.map((name) => [name, globalThis[name]]));

/**
 * The globals WeChat lacks, gone for code in `pkg` only: Node's own modules
 * (jsdom, undici) still find them, as they load lazily and would fail.
 */
function hideFrom(pkg) {
  for (const name of MISSING) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        return (new Error().stack || "").includes(pkg) ? undefined : REAL[name];
      },
    });
  }
}

/**
 * Node as the mini-program runtime, over the compiled package in `pkg`. Options:
 * `sdk` (the base library version wx reports, "3.4.0"), `failures` (how many
 * instantiate calls fail first), `hang` (instantiate never answers), `br`
 * (false: a base library that cannot read .wasm.br), `hide` (true: the missing
 * globals are hidden from the package's code only, not deleted). Returns the
 * stand-in's state: `calls` (paths asked for) and setters for the next calls.
 */
export function wechatRuntime(pkg, options = {}) {
  if (options.hide) hideFrom(pkg);
  else for (const name of MISSING) delete globalThis[name];
  const state = { calls: [], failures: options.failures ?? 0, hang: options.hang ?? false, br: options.br ?? true, sdk: options.sdk ?? "3.4.0" };
  globalThis.WXWebAssembly = {
    instantiate(path, imports) {
      state.calls.push(path);
      if (typeof path !== "string") return Promise.reject(new TypeError("WXWebAssembly.instantiate takes a path inside the package"));
      // WeChat also takes .wasm; the kit ships only .wasm.br, so nothing else is read here.
      if (!/^\/[\w/.-]+\.wasm\.br$/.test(path)) return Promise.reject(new Error(`not a .wasm.br path in the package: ${path}`));
      if (state.hang || (path.endsWith(".br") && !state.br)) return new Promise(() => {});
      if (state.failures > 0) {
        state.failures--;
        return Promise.reject(new Error("instantiate failed (simulated)"));
      }
      const file = join(pkg, path);
      if (!existsSync(file)) return Promise.reject(new Error(`no such file in the package: ${path}`));
      const raw = readFileSync(file);
      const bytes = path.endsWith(".br") ? brotliDecompressSync(raw) : raw;
      return RealWebAssembly.compile(bytes).then((module) => {
        // iOS cannot instantiate a module that exports a Global.
        if (RealWebAssembly.Module.exports(module).some((e) => e.kind === "global")) throw new Error("iOS: exported Global");
        return RealWebAssembly.instantiate(module, imports).then((instance) => ({ module, instance }));
      });
    },
  };
  const base = globalThis.wx && typeof globalThis.wx === "object" ? globalThis.wx : {};
  globalThis.wx = Object.assign(base, {
    getAppBaseInfo: () => ({ SDKVersion: state.sdk }),
    getSystemInfoSync: () => ({ SDKVersion: state.sdk, platform: "ios" }),
  });
  return state;
}

/** The compiled package's modules, loaded afresh (a new engine, nothing loaded yet). */
export function requireFresh(pkg, file) {
  for (const key of Object.keys(require.cache)) if (key.startsWith(pkg)) delete require.cache[key];
  return require(join(pkg, file));
}
