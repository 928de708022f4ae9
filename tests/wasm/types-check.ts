// Compiled with `tsc --noEmit` by build.test.mjs: the published .d.ts must
// type this usage, as an integrator writes it.
import init, { check, checkHousehold, regions, loadPolicy, version, initLoader, isCanbaoError } from "../../pkg/web/canbao.js";
import type { CheckRequest, CheckResponse, SchemeResult, Amount, Region, PolicyPack, Fee } from "../../pkg/web/canbao.js";

export async function example(): Promise<Amount | null> {
  await init();
  const request: CheckRequest = {
    lang: "zh-CN",
    person: { birthDate: "1980-06-01", hukou: { type: "rural", local: true }, employment: "farmer", lowIncome: "none", disabilityGrade: 0 },
  };
  try {
    const response: CheckResponse = check(request);
    const first: SchemeResult | undefined = response.schemes.find((s) => s.status === "mandatory" || s.status === "eligible");
    // Narrowed by its status, a scheme to join has its fee and how to enrol.
    const fee: Fee | undefined = first && first.status !== "ineligible" ? first.fee : undefined;
    const where: string[] = first?.status === "eligible" ? first.enrol.where : [];
    const household = checkHousehold({ members: [request.person] });
    const names: string[] = regions("en").map((r) => r.name);
    const hashes: string[] = version().packs.map((p) => p.hash);
    await initLoader();
    const pack: PolicyPack = {
      id: "my-city",
      extends: "china",
      name: { "zh-CN": "我的城市" },
      valid: { from: "2026-01-01" },
      schemes: [{ scheme: "urban_rural_resident", places: [{ items: [{ "zh-CN": "社区服务中心" }], source: "38 三" }] }],
    };
    const loaded: Region = loadPolicy(pack);
    const fromToml: Region = loadPolicy('id = "toml-city"\nextends = "china"\nname = { zh-CN = "TOML市" }\nvalid = { from = 2026-01-01 }\n');
    console.log(names, hashes, household.totals[0]?.individual, response.missing, loaded.enrollingYear, fromToml.warnings, where);
    return fee?.individual ?? null;
  } catch (e) {
    if (isCanbaoError(e)) console.error(e.code, e.field, e.message, e.line);
    return null;
  }
}
