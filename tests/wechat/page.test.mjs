// The check page driven through WeChat's own unit-test tool,
// miniprogram-simulate (j-component on jsdom, the page's WXML compiled by the
// official wcc from miniprogram-compiler), over the package as the developer
// tools compile it (Babel, ES5, CommonJS) and with the engine loaded through a
// WXWebAssembly stand-in that reads the package's .wasm.br. A resident fills
// the form, taps 查询, answers what is asked and reads the answer; then the
// load fails, is retried, and a base library too old for .wasm.br is met.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { cpSync } from "node:fs";
import { compileKit, removeKit } from "./kit.mjs";
import { open, until, fire, answer, text, scrolls } from "./drive.mjs";

const require = createRequire(import.meta.url);
const pkg = compileKit();
after(() => removeKit(pkg));

// What this resident answers when asked.
const RESIDENT = { lowIncome: "none", disabilityGrade: "0", lastCoveredYear: "2025", continuousYears: "10", backPayYears: "0", enrolled: "urban_rural_resident", sex: "female", movedIn: "false", residencePermit: "true" };

test("a resident fills the form, taps 查询, answers what is asked and sees what to join, the fee and what to do", async () => {
  const { page } = await open(pkg, { today: "2025-10-01" });
  await until("the engine", () => page.data.phase === "ready");
  assert.equal(page.data.regionList[page.data.regionIndex].id, "china");
  const codec = require(join(pkg, "canbao/text-codec.js"));
  assert.equal(codec.Decoder, codec.Utf8Decoder, "the kit's own UTF-8 codec, as in WeChat");
  assert.match(page.data.years[page.data.yearIndex].label, /2026 年度/);
  await answer(page, "basic", "birthDate", "1970-05-01");
  await answer(page, "basic", "hukouType", "urban");
  await answer(page, "basic", "hukouLocal", "true");
  await answer(page, "basic", "employment", "none");
  assert.ok(page.data.basics.find((q) => q.key === "hukouLocal").options.find((o) => o.value === "true").checked, "the answer is marked");
  assert.equal(page.data.result, null);

  await fire(page, "#check", "tap");
  assert.ok(page.data.result, "an answer after 查询");
  const asked = page.data.questions.map((q) => q.key);
  assert.ok(asked.length > 0, "the engine asks something");
  assert.deepEqual(asked, page.data.result.ask);
  assert.match(text(page.querySelector("#questions")), new RegExp(`还差 ${asked.length} 个问题`));
  assert.equal(scrolls.at(-1), "#questions", "the open questions are brought into view");

  for (let round = 0; page.data.questions.length && round < 10; round++) {
    const q = page.data.questions[0];
    assert.ok(q.key in RESIDENT, `asked ${q.key}, which this resident was not expected to be asked`);
    await answer(page, "ask", q.key, RESIDENT[q.key]);
  }
  assert.deepEqual(page.data.questions, [], "everything asked is answered");
  const shown = text(page.querySelector("#answer"));
  assert.match(shown, /城乡居民基本医疗保险/);
  const card = page.querySelector("#card-urban_rural_resident");
  assert.ok(card, "the resident scheme's card");
  assert.match(text(card), /每年/);
  assert.match(text(card), /怎么办/, "the next step on the card");
  assert.doesNotMatch(shown, /undefined|\[object Object\]/);
});

test("an Ordos flexible worker sees the two alternatives side by side and the supplement under the employee scheme", async () => {
  const { page } = await open(pkg, { region: "ordos-2009", year: "2010", today: "2010-01-05" });
  await until("the engine", () => page.data.phase === "ready");
  assert.equal(page.data.regionList[page.data.regionIndex].id, "ordos-2009");
  await answer(page, "basic", "age", "40");
  await answer(page, "basic", "hukouType", "urban");
  await answer(page, "basic", "hukouLocal", "true");
  await answer(page, "basic", "employment", "flexible");
  await fire(page, "#check", "tap");
  const sections = page.data.result.sections;
  const choice = sections.find((s) => s.kind === "choice");
  assert.ok(choice, JSON.stringify(sections.map((s) => s.kind)));
  assert.deepEqual(choice.cards.map((c) => c.scheme).sort(), ["employee", "urban_resident"]);
  assert.ok(!sections.some((s) => s.kind === "may" && s.cards.some((c) => c.scheme === "large_expense_supplement")), "the supplement is not a third choice");
  const employee = page.querySelector("#card-employee");
  assert.match(text(employee), /大额医疗费用补助/, "the supplement is inside the employee card");
  assert.match(text(page.querySelector("#answer")), /任选一种/);
  for (const c of choice.cards) assert.ok(c.next, `${c.scheme} has a next step`);
});

test("an answer the engine refuses is shown at its question", async () => {
  const { page } = await open(pkg, { today: "2025-10-01" });
  await until("the engine", () => page.data.phase === "ready");
  await answer(page, "basic", "age", "130");
  await fire(page, "#check", "tap");
  const age = page.data.basics.find((q) => q.key === "age");
  assert.ok(age.error, JSON.stringify(page.data.errorTop));
  assert.match(text(page.querySelector("#basic-age")), new RegExp(age.error.slice(0, 6)));
});

test("a failed load shows a message and a retry button; the retry loads the engine", async () => {
  const { page, state } = await open(pkg, { today: "2025-10-01" }, { failures: 2 });
  await until("the failure", () => page.data.phase === "failed");
  assert.equal(state.calls.length, 2, "one automatic retry");
  const shown = text(page.querySelector("#load-error"));
  assert.match(shown, /没有加载成功/);
  assert.ok(page.querySelector("#retry"), "a retry button");
  await fire(page, "#check", "tap"); // 查询 before the engine is there: no TypeError, it tries again
  await until("the engine after 重试", () => page.data.phase === "ready");
  assert.equal(state.calls.length, 3);
  assert.ok(page.data.regionList.length > 1);
});

test("the retry button itself, after every try failed", async () => {
  const { page, state } = await open(pkg, { today: "2025-10-01" }, { failures: 4 });
  await until("the failure", () => page.data.phase === "failed");
  await fire(page, "#retry", "tap");
  await until("the second failure", () => page.data.phase === "failed" && state.calls.length === 4);
  await fire(page, "#retry", "tap");
  await until("the engine", () => page.data.phase === "ready");
  assert.equal(state.calls.length, 5);
});

test("a base library without .wasm.br (2.13): the user is told to update WeChat, nothing hangs", async () => {
  const { page, state } = await open(pkg, { today: "2025-10-01" }, { sdk: "2.13.0", br: false });
  await until("the message", () => page.data.phase === "failed");
  assert.match(text(page.querySelector("#load-error")), /更新到最新版本/);
  assert.ok(!page.querySelector("#retry"), "no retry: it cannot work on this version");
  assert.deepEqual(state.calls, []);
});

test("as a component in a subpackage: `root` says where canbao/ is, `regions` which packs are offered and in what order", async () => {
  // The kit copied under a subpackage's folder, as an integrator places it.
  cpSync(join(pkg, "canbao"), join(pkg, "sub/canbao"), { recursive: true });
  const { page, state } = await open(pkg, { today: "2025-01-05", root: "/sub/canbao/", regions: "suizhou, china, atlantis", region: "suizhou" }, { launch: false });
  await until("the engine", () => page.data.phase === "ready");
  assert.deepEqual(state.calls, ["/sub/canbao/canbao_core_bg.wasm.br"]);
  // Only the packs named that exist, in the order named; the one asked for picked.
  assert.deepEqual(page.data.regionList.map((r) => r.id), ["suizhou", "china"]);
  assert.equal(page.data.regionList[page.data.regionIndex].id, "suizhou");
});

test("every word the component says is a word, never its bare key (the page's i18n.js carries only the page's)", () => {
  const dir = join(pkg, "components/canbao-check");
  const { say, WORDS } = require(join(dir, "words.js"));
  const { readFileSync, readdirSync } = require("node:fs");
  const source = readdirSync(join(process.cwd(), "www/wechat/src/components/canbao-check"))
    .filter((f) => /\.(js|wxml)$/.test(f))
    .map((f) => readFileSync(join(process.cwd(), "www/wechat/src/components/canbao-check", f), "utf8"))
    .join("\n");
  const keys = new Set([...source.matchAll(/say\("(\w+)"/g)].map((m) => m[1]));
  for (const m of source.matchAll(/\{\{w\.(\w+)\}\}/g)) keys.add(m[1]);
  for (const through of ["employer", "school", "home_county", "certifier", "unemployment_agency"]) keys.add(`through_${through}`);
  assert.ok(keys.has("loading") && keys.has("yearLabel"), [...keys].join(" "));
  for (const key of keys) {
    const said = say(key, { y: 2026, notes: "", n: 1, a: "1", d: "", name: "", id: "", shown: 2026, u: "" });
    assert.notEqual(said, key, `say("${key}")`);
    if (source.includes(`w.${key}`)) assert.notEqual(WORDS[key], key, `w.${key}`);
  }
});
