// WeChat's own compilers on www/wechat/dist (npm miniprogram-compiler: the wcc
// and wcsc the developer tools use): every WXML and WXSS file compiles, the
// styles use no selector WeChat refuses in a page built with Component() and
// size text in rem (it follows the user's WeChat font size), and the compiled
// check page, rendered with the data the real page holds after a check,
// highlights exactly the answers the engine named in `missing`.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { chmodSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dist, filesOf, compileKit, removeKit } from "./kit.mjs";
import { open, until, fire, answer } from "./drive.mjs";

const require = createRequire(import.meta.url);
const { wxmlToJs, wxssToJs } = require("miniprogram-compiler");

/**
 * wcsc on the package's WXSS, pages as WeChat treats them (component rules:
 * class selectors only, for a page built with Component()) and app.wxss as the
 * app's (the npm wrapper counts app.wxss as a component's, because app.json
 * exists). Returns { file: compiled } with wcsc's warnings inside.
 */
function wcsc(files) {
  const bin = join(dirname(require.resolve("miniprogram-compiler/package.json")), "bin", process.platform === "darwin" ? "mac/wcsc" : process.platform === "win32" ? "windows/wcsc.exe" : "linux/wcsc");
  chmodSync(bin, 0o755);
  const pages = files.filter((f) => f !== "app.wxss");
  const r = spawnSync(bin, ["-db", "-pc", String(pages.length), ...pages, ...files.filter((f) => f === "app.wxss")], { cwd: dist, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const parts = r.stdout.split("=");
  const out = {};
  for (let i = 0; i + 1 < parts.length; i += 2) out[parts[i]] = parts[i + 1];
  return out;
}

const pkg = compileKit();
after(() => removeKit(pkg));

const wxml = filesOf(dist).filter((f) => f.endsWith(".wxml"));
const wxss = filesOf(dist).filter((f) => f.endsWith(".wxss"));
let $gwx;

test("wcc compiles every WXML file of the package", () => {
  assert.ok(wxml.includes("pages/check/index.wxml"));
  assert.ok(wxml.includes("components/canbao-check/index.wxml"));
  $gwx = new Function(wxmlToJs(dist))(); // throws with wcc's message on an error
  for (const f of wxml) assert.equal(typeof $gwx(f), "function", `${f} did not compile`);
});

test("wcsc compiles every WXSS file, with no selector WeChat refuses, text sized in rem", () => {
  const out = wcsc(wxss);
  for (const f of wxss) {
    const key = Object.keys(out).find((k) => k === f || k === `./${f}`);
    assert.ok(key, `${f} is not in wcsc's output: ${Object.keys(out)}`);
    assert.doesNotMatch(out[key], /not allowed/, `${f}: ${out[key].match(/Some selectors[^"\\]*/)}`);
  }
  const styles = new Function(wxssToJs(dist))();
  for (const f of wxss) {
    const insert = styles(`./${f}`) || styles(f);
    assert.equal(typeof insert, "function", f);
  }
  const before = document.head.querySelectorAll("style").length;
  (styles("./components/canbao-check/index.wxss") || styles("components/canbao-check/index.wxss"))("");
  const css = [...document.head.querySelectorAll("style")].slice(before).map((s) => s.textContent).join("\n");
  const sizes = [...css.matchAll(/font-size:\s*([^;]+);/g)].map((m) => m[1].trim());
  assert.ok(sizes.length > 5, css.slice(0, 200));
  for (const size of sizes) {
    assert.match(size, /^\d*\.?\d+rem$/, `font-size ${size}: use rem, which follows the user's WeChat font size`);
    assert.ok(parseFloat(size) >= 0.9, `font-size ${size} is under 0.9rem`);
  }
});

/** Every node of a wcc render tree, with its parent. */
function* nodes(node, parent = null) {
  yield { node, parent };
  if (node && typeof node === "object") for (const c of node.children || []) yield* nodes(c, node);
}
const classes = (n) => String((n.attr && n.attr.class) || "").split(/\s+/);
const textOf = (n) => (typeof n === "string" ? n : (n.children || []).map(textOf).join(""));

function render(data) {
  if (!$gwx) $gwx = new Function(wxmlToJs(dist))();
  return $gwx("components/canbao-check/index.wxml")(data, {}, {});
}

test("the compiled page, with the page's real data after 查询, highlights exactly the answers the engine asks for", async () => {
  const { page } = await open(pkg, { today: "2025-10-01" });
  await until("the engine", () => page.data.phase === "ready");
  await answer(page, "basic", "birthDate", "1970-05-01");
  await fire(page, "#check", "tap");
  const ask = page.data.result.ask;
  assert.ok(ask.includes("employment") && ask.includes("hukouLocal"), `basics among the asked: ${ask}`);
  assert.ok(ask.some((k) => !["birthDate", "age", "hukouType", "hukouLocal", "employment"].includes(k)), `questions beyond the form: ${ask}`);

  const tree = render(page.data);
  const all = [...nodes(tree)].filter(({ node }) => node && typeof node === "object");
  const questions = all.filter(({ node }) => classes(node).includes("question"));
  const marked = (where) => questions.filter(({ node }) => node.attr.id.startsWith(where) && classes(node).includes("ask")).map(({ node }) => node.attr["data-key"]);
  assert.deepEqual(marked("ask-"), ask, "every open question, in the engine's order");
  const basics = page.data.basics.map((q) => q.key);
  assert.deepEqual(marked("basic-").sort(), basics.filter((k) => ask.includes(k)).sort(), "on the form, the asked ones and only they");
  const title = all.find(({ node }) => node.attr && node.attr.id === "questions");
  assert.match(textOf(title.node), new RegExp(`还差 ${ask.length} 个问题`));

  // Large fonts: the page holding the check puts <page-meta> first, following
  // the system font size; the component has none (it would not be allowed there).
  const pageTree = $gwx("pages/check/index.wxml")({ region: "", year: "", today: "", regions: "" }, {}, {});
  const first = pageTree.children.find((c) => typeof c === "object");
  assert.equal(first.tag, "wx-page-meta");
  assert.equal(first.attr.pageFontSize, "system");
  assert.equal(first.attr.rootFontSize, "system");
  assert.ok(pageTree.children.some((c) => c && /canbao-check$/.test(c.tag)), JSON.stringify(pageTree.children.map((c) => c && c.tag)));
  assert.ok(!all.some(({ node }) => node.tag === "wx-page-meta"));
  // Every radio is inside a label, so its text is part of the tap target.
  for (const { node, parent } of all) if (node.tag === "wx-radio") assert.equal(parent.tag, "wx-label");
  // range-key only where the range is an array of objects that have the key.
  for (const { node } of all.filter(({ node }) => node.tag === "wx-picker" && node.attr.rangeKey !== undefined)) {
    assert.ok(Array.isArray(node.attr.range) && node.attr.range.every((r) => r && typeof r === "object" && node.attr.rangeKey in r), JSON.stringify(node.attr).slice(0, 200));
  }
  assert.doesNotMatch(JSON.stringify(tree), /undefined|\[object Object\]|NaN/);
});

test("the compiled page shows alternatives as a group, the add-on inside its scheme, a next step on every card", async () => {
  const { page } = await open(pkg, { region: "ordos-2009", year: "2010", today: "2010-01-05" });
  await until("the engine", () => page.data.phase === "ready");
  await answer(page, "basic", "age", "40");
  await answer(page, "basic", "hukouType", "urban");
  await answer(page, "basic", "hukouLocal", "true");
  await answer(page, "basic", "employment", "flexible");
  await fire(page, "#check", "tap");
  const tree = render(page.data);
  const all = [...nodes(tree)].map(({ node }) => node).filter((n) => n && typeof n === "object");
  const choice = all.find((n) => classes(n).includes("section") && classes(n).includes("choice"));
  assert.ok(choice, "a choice group");
  const inChoice = [...nodes(choice)].map(({ node }) => node).filter((n) => n && n.attr && classes(n).includes("card") && !classes(n).includes("sub"));
  assert.deepEqual(inChoice.map((n) => n.attr.id).sort(), ["card-employee", "card-urban_resident"]);
  const employee = all.find((n) => n.attr && n.attr.id === "card-employee");
  assert.ok([...nodes(employee)].some(({ node }) => node && node.attr && node.attr.id === "card-large_expense_supplement"), "the supplement inside the employee card");
  const cards = all.filter((n) => classes(n).includes("card"));
  for (const card of cards) assert.match(textOf(card), /怎么办/, `${card.attr.id} has no next step`);
  assert.doesNotMatch(JSON.stringify(tree), /undefined|\[object Object\]|NaN/);
});
