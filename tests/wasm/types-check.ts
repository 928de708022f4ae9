// Compiled with `tsc --noEmit` by build.test.mjs: the published .d.ts must
// type this usage, as an integrator writes it.
import init, { check, checkHousehold, regions, loadPolicy, version, initLoader } from "../../pkg/web/canbao.js";
import type { Request, Response, CanbaoError, SchemeResult, Amount, Region } from "../../pkg/web/canbao.js";

export async function example(): Promise<Amount | null> {
  await init();
  const request: Request = {
    lang: "zh-CN",
    person: { birthDate: "1980-06-01", hukou: { type: "rural", local: true }, employment: "farmer", lowIncome: "none", disabilityGrade: 0 },
  };
  try {
    const response: Response = check(request);
    const first: SchemeResult | undefined = response.schemes.find((s) => s.status === "mandatory" || s.status === "eligible");
    const household = checkHousehold({ members: [request.person] });
    const names: string[] = regions("en").map((r) => r.name);
    const hashes: string[] = version().packs.map((p) => p.hash);
    await initLoader();
    const loaded: Region = loadPolicy({ id: "my-city", extends: "china" });
    console.log(names, hashes, household.totals[0]?.individual, response.missing, loaded.enrollingYear);
    return first?.fee?.individual ?? null;
  } catch (e) {
    const err = e as CanbaoError;
    console.error(err.code, err.field, err.message);
    return null;
  }
}
