// The check page's plain-JS logic (www/logic.js, used by the page and the mini-program) with the
// case files: every request survives the form round trip, and every response
// becomes a view that shows what the engine said.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { root, caseFiles, load } from "../wasm/harness.mjs";
import { Utf8Decoder, Utf8Encoder } from "../../www/wechat/src/canbao/text-codec.js";

const logic = await import(join(root, "www/logic.js"));
const canbao = await load();

for (const { file, doc } of caseFiles()) {
  test(`${file}: form round trip and view of every case`, () => {
    for (const c of doc.cases) {
      if (!c.request || typeof c.request.person !== "object" || c.request.person === null) continue;
      const request = logic.requestFrom(logic.formFrom(c.request));
      const today = c.today ?? doc.today ?? "2015-01-05";
      let response;
      try {
        response = canbao.check(c.request, today);
      } catch (e) {
        const shown = logic.errorView(e);
        assert.ok(shown.message.length > 0);
        if (c.error && c.error.field.startsWith("person.")) assert.equal(shown.field, logic.formKeyOf(c.error.field) ?? c.error.field, c.name);
        continue;
      }
      assert.deepEqual(request, c.request, `${c.name}: the form loses or changes an answer`);
      const v = logic.view(response);
      assert.equal(v.open.length + v.others.length, response.schemes.length, c.name);
      assert.ok(v.open.every((s) => s.status === "mandatory" || s.status === "eligible"), c.name);
      const firstOther = v.others.findIndex(() => true);
      assert.ok(v.open.every((s, i) => i === 0 || !(s.status === "mandatory" && v.open[i - 1].status === "eligible")), `${c.name}: mandatory first`);
      assert.ok(firstOther === -1 || v.others.every((s) => s.status === "needs_info" || s.status === "ineligible"));
      for (const s of [...v.open, ...v.others]) {
        const parts = s.fee?.parts ?? [];
        if (s.fee?.total && parts.every((p) => p.amount !== null)) {
          const sum = parts.reduce((n, p) => n + Math.round(Number(p.amount) * 100), 0);
          assert.equal(sum, Math.round(Number(s.fee.total) * 100), `${c.name}: ${s.scheme} bars add up`);
        }
      }
      assert.deepEqual(v.ask.length, response.missing.filter((m) => m.startsWith("person.")).length, `${c.name}: every missing answer maps to a form field`);
    }
  });
}

test("the text codec matches Node's own on Chinese, emoji, empty and lone surrogates", () => {
  const enc = new Utf8Encoder();
  const dec = new Utf8Decoder();
  for (const s of ["", "140.00", "城镇居民基本医疗保险", "鄉鎮人社服務所 😀", "a\u0000b", "\ud800x"]) {
    assert.deepEqual(enc.encode(s), new TextEncoder().encode(s), JSON.stringify(s));
    assert.equal(dec.decode(new TextEncoder().encode(s)), new TextDecoder().decode(new TextEncoder().encode(s)));
  }
  assert.equal(dec.decode(), "");
  const bytes = new TextEncoder().encode("xx城镇yy");
  assert.equal(dec.decode(bytes.subarray(2, 8)), "城镇");
});
