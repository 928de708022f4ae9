// A portal's app as its team writes it from the package's README: the engine
// from "canbao", `await init()`, a check; a place's pack fetched when wanted;
// and what a call before init() says.
import init, { check, addPacks, isCanbaoError } from "canbao";

const person = { birthDate: "1980-06-01", hukou: { type: "urban", local: true }, employment: "none", lowIncome: "none", disabilityGrade: 0 };
const fee = (answer) => answer.schemes.find((s) => s.scheme === "urban_rural_resident").fee.individual;
const show = (id, text) => (document.getElementById(id).textContent = text);

try {
  check({ person });
  show("early", "answered before init");
} catch (e) {
  show("early", isCanbaoError(e) ? e.code : `not a canbao error: ${e}`);
}
await init();
show("national", fee(check({ year: 2027, lang: "en", person }, "2026-11-24")));
addPacks((await import("canbao/web/places/beijing.js")).default);
show("beijing", fee(check({ region: "beijing", year: 2026, lang: "en", person }, "2025-11-24")));
