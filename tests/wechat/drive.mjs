// Opening and using the check page through miniprogram-simulate, WeChat's
// unit-test tool: j-component renders the page on jsdom, its WXML compiled by
// the official wcc (miniprogram-compiler). The page is built with Component(),
// as WeChat allows for pages, so the tool loads it as it loads a component;
// App() and getApp() are provided here, as the mini-program runtime does.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { wechatRuntime, requireFresh } from "./kit.mjs";

const require = createRequire(import.meta.url);
const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", { pretendToBeVisual: true });
for (const name of ["window", "document", "navigator", "Node", "Element", "HTMLElement", "Event", "CustomEvent", "MutationObserver", "getComputedStyle"]) {
  Object.defineProperty(globalThis, name, { configurable: true, writable: true, value: name === "window" ? dom.window : dom.window[name] });
}
export const simulate = require("miniprogram-simulate");

/** The selectors wx.pageScrollTo was asked to bring into view, in order. */
export const scrolls = [];

/** A new mini-program from the compiled package `pkg`: the app launched, the check page opened with `query`. */
export async function open(pkg, query, runtime) {
  // The globals WeChat lacks are hidden from the package's code; jsdom and
  // Node's own lazily loaded modules still need them.
  const state = wechatRuntime(pkg, { ...runtime, hide: true });
  wx.pageScrollTo = (o) => {
    scrolls.push(o.selector);
    return Promise.resolve();
  };
  let app = null;
  globalThis.App = (options) => {
    app = options;
  };
  globalThis.getApp = () => app;
  requireFresh(pkg, "app.js");
  // The sample app starts the load at launch; an integrator's app may not (`launch: false`).
  if (runtime?.launch !== false) app.onLaunch();
  // The check component (what pages/check holds, and what integrators put in their own pages).
  const id = simulate.load(join(pkg, "components/canbao-check/index"), { rootPath: pkg });
  const page = simulate.render(id, query);
  page.attach(document.createElement("parent-wrapper"));
  return { page, state };
}

export async function until(what, ok, ms = 5000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await simulate.sleep(10);
  }
}

/** A node's text as the user reads it. */
export const text = (c) => (c ? c.dom.textContent.replace(/\s+/g, " ").trim() : "");

/** Fires a WXML event on the node `selector` (an id), as a tap or a change of a control would. */
export async function fire(page, selector, event, detail) {
  const node = page.querySelector(selector);
  assert.ok(node, `no ${selector} on the page`);
  node.dispatchEvent(event, { detail });
  // j-component delivers events asynchronously.
  await simulate.sleep(0);
  await simulate.sleep(0);
}

/** Answers one question, on the form (`basic`) or among the open questions (`ask`). */
export async function answer(page, where, key, value) {
  const q = page.data[where === "basic" ? "basics" : "questions"].find((x) => x.key === key);
  assert.ok(q, `${key} is not among the ${where} questions`);
  const at = `#${where}-${key}-input`;
  if (q.kind === "year") return fire(page, at, "change", { value: String(q.range.findIndex((r) => r.value === value)) });
  if (q.kind !== "number" && q.kind !== "digit") return fire(page, at, "change", { value });
  await fire(page, at, "input", { value });
  return fire(page, at, "blur", { value });
}
