// Compiled with `tsc --noEmit` by build.test.mjs: the generated .d.ts must type
// this usage, and reject the commented-out lines if they were enabled.
import init, { check, checkHousehold, regions, loadPolicy, version } from "../../pkg/web/canbao.js";
import type { Request, Response, CanbaoError, SchemeResult, Amount } from "../../pkg/web/canbao.js";

export async function example(): Promise<Amount | null> {
  await init();
  const request: Request = {
    region: "county-template",
    year: 2015,
    lang: "zh-CN",
    person: { birthDate: "1980-06-01", hukou: { type: "urban", local: true }, employment: "none", lowIncome: "none" },
  };
  try {
    const response: Response = check(request);
    const first: SchemeResult | undefined = response.schemes.find((s) => s.status === "mandatory" || s.status === "eligible");
    const household = checkHousehold({ region: "ordos-2009", year: 2010, members: [request.person] });
    const names: string[] = regions("en").map((r) => r.name);
    const hashes: string[] = version().packs.map((p) => p.hash);
    loadPolicy({ id: "my-region" });
    console.log(names, hashes, household.totals[0]?.individual, response.missing);
    // check({ person: { sex: "other" } });          // would not compile: sex is "male" | "female"
    // const n: number = response.schemes[0].fee;    // would not compile: fee is Fee | null
    return first?.fee?.individual ?? null;
  } catch (e) {
    const err = e as CanbaoError;
    console.error(err.code, err.field, err.message);
    return null;
  }
}
