// Loads canbao into a WeChat mini-program. Copy this folder (canbao/) into your
// mini-program; `node scripts/build-wechat.mjs` writes canbao.js (the adapted
// glue) and canbao_bg.wasm.br next to it.
//
// WeChat has no `WebAssembly` global: only WXWebAssembly.instantiate(path,
// imports), with a path inside the package (`.wasm.br` from base library 2.14.0).
// So the glue's own init (fetch / WebAssembly.instantiate) is never called: the
// loader takes the import object from the glue, instantiates, and finishes the
// glue's setup with the instance.
import * as glue from "./canbao.js";

export const WASM_PATH = "/canbao/canbao_bg.wasm.br";
let ready;

/** Resolves once canbao can answer; call once (app.js) and await it before `check`. */
export function loadCanbao(path = WASM_PATH) {
  if (ready) return ready;
  if (typeof WXWebAssembly === "undefined") {
    return Promise.reject(new Error("WXWebAssembly is missing: set the minimum base library to 2.14.0"));
  }
  // Plain objects, in case WeChat's import resolver dislikes null prototypes.
  const source = glue.__wbg_get_imports();
  const imports = {};
  for (const name of Object.keys(source)) imports[name] = Object.assign({}, source[name]);
  ready = WXWebAssembly.instantiate(path, imports).then((result) => {
    const instance = result.instance || result;
    glue.__wbg_finalize_init(instance, result.module);
    return true;
  });
  ready.catch(() => {
    ready = undefined; // let a later call try again
  });
  return ready;
}

export { check, checkHousehold, regions, loadPolicy, version } from "./canbao.js";
