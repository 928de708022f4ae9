// Compiled by build.test.mjs, which expects exactly the lines marked `error`
// to fail: the .d.ts must reject these misuses, not type them as any.
import { check } from "../../pkg/web/canbao.js";

const response = check({ person: { age: 40 } });
check({ person: { sex: "other" } }); // error: sex is "male" | "female"
const fee: number = response.schemes[0].fee; // error: fee is Fee | null
check({ person: {} }, 20261124); // error: today is a "YYYY-MM-DD" string
const lang: "fr" = response.lang; // error: the response speaks zh-CN, zh-TW or en
export { fee, lang };
