// canbao in a WeChat mini-program. `node scripts/build-wechat.mjs` writes this
// folder (canbao/) into www/wechat/dist/ with what it imports: the engine's
// wasm-bindgen glue adapted for WeChat (canbao_core.js), the wrapper that turns
// its JSON text into the public API (api.js), the built-in packs (packs.js),
// the module brotli-compressed (canbao_core_bg.wasm.br), and compiler.js (the
// pack compiler for loadPolicy, empty unless built with --with-pack-compiler).
//
// WeChat has no `WebAssembly` global: only WXWebAssembly.instantiate(path,
// imports), with a path inside the package (`.wasm.br` from base library
// 2.14.0). So the glue's own init (fetch and the WebAssembly global) is never
// used: this loader takes the import object from the glue, instantiates, and
// finishes the glue's setup with the instance.
//
//   loadCanbao().then(() => check(request), (e) => show(e.message));
//
// Call loadCanbao() wherever the engine is needed (it loads once; while a load
// is under way it returns that load; after a failure the next call tries
// again). Every other function throws `not_loaded` until it has resolved.
import * as core from "./canbao_core.js";
import * as compiler from "./compiler.js";
import { makeApi } from "./api.js";
import packs from "./packs.js";
import past from "./packs-past.js";

/** The oldest base library that instantiates `.wasm.br` files. */
export const MIN_BASE_LIBRARY = "2.14.0";
/** Where this folder sits in the package; pass `{ root }` to loadCanbao when it is elsewhere (a subpackage). */
export const ROOT = "/canbao/";
export const CORE_FILE = "canbao_core_bg.wasm.br";

const MESSAGES = {
  no_wxwebassembly: "您的微信版本太旧，无法在手机上计算。请把微信更新到最新版本后再打开。",
  old_base_library: "您的微信版本太旧，无法在手机上计算。请把微信更新到最新版本后再打开。",
  load_failed: "计算程序没有加载成功，请点“重试”。如果一直不成功，请关掉小程序后重新打开。",
  not_loaded: "canbao: call loadCanbao() and wait for it before asking",
  no_pack_compiler: "loadPolicy needs the pack compiler: build the kit with node scripts/build-wechat.mjs --with-pack-compiler",
};

let loaded = false;
let compilerLoaded = false;
let pending = null;

const api = makeApi(core, [packs, past], function () {
  return compilerLoaded ? compiler.glue : null;
});

function failure(code, detail, cause) {
  const e = new Error(MESSAGES[code]);
  e.code = code;
  e.field = "";
  if (detail) e.detail = detail;
  if (cause) e.cause = cause;
  return e;
}

/** -1, 0 or 1, comparing dotted versions ("2.13.2" < "2.14.0"). */
export function compareVersions(a, b) {
  const x = String(a).split(".");
  const y = String(b).split(".");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (parseInt(x[i], 10) || 0) - (parseInt(y[i], 10) || 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The base library version the mini-program runs on, or null where WeChat does not say. */
export function baseLibraryVersion() {
  if (typeof wx !== "object" || wx === null) return null;
  try {
    // getAppBaseInfo from 2.25.3; getSystemInfoSync before (and still there).
    const info = typeof wx.getAppBaseInfo === "function" ? wx.getAppBaseInfo() : wx.getSystemInfoSync();
    return (info && info.SDKVersion) || null;
  } catch (e) {
    return null;
  }
}

/** Why this runtime cannot load the module at all, or null. */
function unsupported() {
  const version = baseLibraryVersion();
  // 2.13 has WXWebAssembly but cannot read .wasm.br: nothing would load.
  if (version && compareVersions(version, MIN_BASE_LIBRARY) < 0) {
    return failure("old_base_library", `base library ${version}, ${MIN_BASE_LIBRARY} or later needed`);
  }
  if (typeof WXWebAssembly === "undefined" || !WXWebAssembly || typeof WXWebAssembly.instantiate !== "function") {
    return failure("no_wxwebassembly", `no WXWebAssembly (base library ${version || "unknown"})`);
  }
  return null;
}

function later(ms) {
  return new Promise(function (resolve) {
    setTimeout(resolve, ms);
  });
}

/** Instantiates one module through WXWebAssembly and hands it to its glue. */
function instantiate(path, glue, timeout) {
  const source = glue.__wbg_get_imports();
  // Plain objects: the glue's have null prototypes.
  const imports = {};
  Object.keys(source).forEach(function (name) {
    imports[name] = Object.assign({}, source[name]);
  });
  let timer = null;
  const started = WXWebAssembly.instantiate(path, imports);
  const expired = new Promise(function (resolve, reject) {
    timer = setTimeout(function () {
      reject(new Error(`${path}: no answer from WXWebAssembly.instantiate after ${timeout} ms`));
    }, timeout);
  });
  return Promise.race([started, expired]).then(
    function (result) {
      clearTimeout(timer);
      const instance = result && result.instance ? result.instance : result;
      if (!instance || !instance.exports) throw new Error(`${path}: WXWebAssembly.instantiate gave no instance`);
      glue.__wbg_finalize_init(instance, result.module);
    },
    function (e) {
      clearTimeout(timer);
      throw e;
    },
  );
}

function attempt(o, triesLeft) {
  const root = o.root || ROOT;
  const timeout = o.timeout || 20000;
  let step = loaded ? Promise.resolve() : instantiate(root + CORE_FILE, core, timeout);
  if (compiler.glue && compiler.FILE) {
    step = step.then(function () {
      loaded = true;
      if (!compilerLoaded) return instantiate(root + compiler.FILE, compiler.glue, timeout).then(function () {
        compilerLoaded = true;
      });
    });
  }
  return step.then(
    function () {
      loaded = true;
    },
    function (e) {
      if (triesLeft <= 0) throw failure("load_failed", String((e && e.message) || e), e);
      return later(o.retryDelay === undefined ? 500 : o.retryDelay).then(function () {
        return attempt(o, triesLeft - 1);
      });
    },
  );
}

/**
 * Loads the engine: resolves to true once it can answer, rejects with an Error
 * whose `code` is `old_base_library` or `no_wxwebassembly` (tell the user to
 * update WeChat) or `load_failed` (offer to try again), and whose `message`
 * says so to the user in Chinese.
 *
 * Options: `root` (where canbao/ sits in the package, "/canbao/"), `retries`
 * (tries after the first before giving up, 1), `retryDelay` (ms, 500),
 * `timeout` (ms for one instantiate, 20000).
 */
export function loadCanbao(options) {
  if (loaded && (compilerLoaded || !compiler.glue)) return Promise.resolve(true);
  if (pending) return pending;
  const o = options || {};
  const refused = unsupported();
  if (refused) return Promise.reject(refused);
  pending = attempt(o, o.retries === undefined ? 1 : o.retries).then(
    function () {
      pending = null;
      return true;
    },
    function (e) {
      pending = null; // the next call tries again
      throw e;
    },
  );
  return pending;
}

/** Whether check() and the others can answer now. */
export function isLoaded() {
  return loaded;
}

function whenLoaded(call) {
  return function (a, b) {
    if (!loaded) throw failure("not_loaded");
    return call(a, b);
  };
}

export const check = whenLoaded(api.check);
export const checkHousehold = whenLoaded(api.checkHousehold);
export const regions = whenLoaded(api.regions);
export const version = whenLoaded(api.version);
export const loadPolicy = whenLoaded(function (pack, today) {
  if (!compiler.glue) {
    const e = failure("no_pack_compiler");
    e.code = "loader_not_ready";
    throw e;
  }
  return api.loadPolicy(pack, today);
});
