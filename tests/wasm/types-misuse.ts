// Compiled by build.test.mjs, which expects exactly the lines marked `error`
// to fail: the .d.ts must reject these misuses, not type them as any.
import { check, loadPolicy } from "../../pkg/web/canbao.js";

const response = check({ person: { age: 40 } });
check({ person: { sex: "other" } }); // error: sex is "male" | "female"
const fee: number = response.schemes[0].fee; // error: fee is Fee | null
const total = response.schemes[0].fee.total; // error: fee may be null until the status says otherwise
check({ person: {} }, 20261124); // error: today is a "YYYY-MM-DD" string
const lang: "fr" = response.lang; // error: the response speaks zh-CN, zh-TW or en
loadPolicy({ id: "x", name: { "zh-CN": "X" }, valid: { from: "2026-01-01" }, colour: "red" }); // error: no such key in a pack
export { fee, lang, total };
