// Server-side rendering with the package bundled in (Vite `ssr.noExternal`):
// the Node build, its .wasm copied beside the bundle and read from there.
import { check } from "canbao";

const person = { birthDate: "1980-06-01", hukou: { type: "urban", local: true }, employment: "none", lowIncome: "none", disabilityGrade: 0 };
const answer = check({ year: 2027, lang: "en", person }, "2026-11-24");
console.log(answer.schemes.find((s) => s.scheme === "urban_rural_resident").fee.individual);
