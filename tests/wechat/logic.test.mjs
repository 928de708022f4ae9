// The check page's plain-JS parts with every case file: the shared page logic
// (www/logic.js, copied into the mini-program) and the mini-program's own model
// (components/canbao-check/model.js, words.js) over it. A request survives the form as WXML
// fills it (every answer a string); every answer the engine can name in
// `missing` has a question; every response becomes cards that show every
// scheme, with a next step on every card the person can join. Then the kit's
// UTF-8 codec against Node's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { root, caseFiles, load } from "../wasm/harness.mjs";
import { ready } from "./kit.mjs";
import { Utf8Decoder, Utf8Encoder } from "../../www/wechat/src/canbao/text-codec.js";

ready();
const page = join(root, "www/wechat/dist/components/canbao-check");
const logic = await import(join(page, "logic.js"));
const model = await import(join(page, "model.js"));
const { FIELDS } = await import(join(page, "words.js"));
const canbao = await load();

/** The form as WXML leaves it: radios, pickers and inputs give strings; "never" insured is a choice; other unknowns are unanswered. */
function asWxml(form) {
  const out = {};
  for (const [k, v] of Object.entries(form)) out[k] = v === null ? (k === "lastCoveredYear" ? "never" : "") : String(v);
  return out;
}

/** A request with its explicit nulls ("unknown", the same as left out) left out; null for never insured kept. */
function withoutNulls(value, key) {
  if (Array.isArray(value) || value === null || typeof value !== "object") return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) if (v !== null || k === "lastCoveredYear") out[k] = withoutNulls(v, k);
  return out;
}

/** Every card the page shows, at any depth, and the schemes listed as not for the person. */
function shown(a) {
  const cards = [];
  const walk = (c) => {
    cards.push(c);
    for (const sub of c.subs) sub.cards.forEach(walk);
  };
  for (const s of a.sections) s.cards.forEach(walk);
  a.relief.forEach(walk);
  return { cards, notFor: a.notFor };
}

for (const { file, doc } of caseFiles()) {
  test(`${file}: the form as WXML fills it, the questions asked and the cards shown`, () => {
    for (const c of doc.cases) {
      if (c.error || c.household || !c.request || typeof c.request.person !== "object" || c.request.person === null) continue;
      const back = logic.requestFrom(asWxml(logic.formFrom(c.request)));
      assert.deepEqual(back, withoutNulls(c.request), `${c.name}: the form loses or changes an answer`);
      const response = canbao.check(c.request, c.today ?? doc.today ?? "2015-01-05");
      const a = model.answer(response);
      for (const k of a.ask) assert.ok(k in FIELDS, `${c.name}: the engine asks ${k}, which the mini-program has no question for`);
      assert.equal(a.ask.length, new Set(response.missing).size, c.name);
      const { cards, notFor } = shown(a);
      assert.deepEqual([...cards.map((x) => x.scheme), ...notFor.map((x) => x.scheme)].sort(), response.schemes.map((s) => s.scheme).sort(), `${c.name}: every scheme once`);
      for (const card of cards) {
        if (card.status !== "ineligible") assert.ok(card.next, `${c.name}: ${card.scheme} has no next step`);
        if (card.fee && card.fee.known) {
          const sum = card.fee.parts.reduce((n, p) => n + (p.percent || 0), 0);
          assert.ok(sum === 0 || Math.abs(sum - 100) <= 2, `${c.name}: ${card.scheme} bars add up to ${sum}`);
        }
      }
      assert.doesNotMatch(JSON.stringify(a), /undefined|NaN|\[object Object\]/, c.name);
      const qs = model.questions(a.ask, {}, { ask: {}, error: null, today: "2025-01-01", year: response.year });
      for (const q of qs) assert.ok(q.label && q.kind, `${c.name}: ${q.key}`);
    }
  });
}

test("the text codec matches Node's own on Chinese, emoji, empty, broken UTF-8 and lone surrogates", () => {
  const enc = new Utf8Encoder();
  const dec = new Utf8Decoder();
  for (const s of ["", "140.00", "城镇居民基本医疗保险", "鄉鎮人社服務所 😀", "a\u0000b", "\ud800x", "x\udc00", "é".repeat(20000)]) {
    assert.deepEqual(enc.encode(s), new TextEncoder().encode(s), JSON.stringify(s.slice(0, 20)));
    assert.equal(dec.decode(new TextEncoder().encode(s)), new TextDecoder().decode(new TextEncoder().encode(s)));
  }
  for (const bytes of [[0xff], [0xc0, 0x80], [0xe4, 0xb8], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98], [0xe0, 0x80, 0x80]]) {
    const b = new Uint8Array(bytes);
    assert.equal(dec.decode(b), new TextDecoder().decode(b), JSON.stringify(bytes));
  }
  assert.equal(dec.decode(), "");
  const bytes = new TextEncoder().encode("xx城镇yy");
  assert.equal(dec.decode(bytes.subarray(2, 8)), "城镇");
});
