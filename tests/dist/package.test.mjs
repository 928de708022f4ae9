// The npm tarball `make dist` writes, as integrators use it: installed into an
// empty project, the README's Node example run as written, CommonJS, the
// canbao-validate command, TypeScript under each module setting, and the
// package linters publint and attw.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { root, tarball, project, node } from "./helpers.mjs";

const dir = project("integrator");
after(() => rmSync(dir, { recursive: true, force: true }));
const bin = (name) => join(root, "node_modules/.bin", name);

test("the tarball carries the README, both licences, every entry's types and canbao-validate", () => {
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
  for (const f of ["README.md", "LICENSE-MIT", "LICENSE-APACHE", "package.json", "web/canbao.js", "web/canbao.d.ts", "web/canbao_core_bg.wasm", "node/canbao.mjs", "node/canbao.d.mts", "nodejs/canbao.js", "nodejs/canbao.d.cts", "bin/canbao-validate.mjs", "web/places/beijing.js"]) {
    assert.ok(files.includes(`package/${f}`), f);
  }
  assert.match(readFileSync(join(dir, "node_modules/canbao/README.md"), "utf8"), /npx canbao-validate/);
});

test("publint and attw find nothing wrong with the package (the browser build's subpaths are ES modules only, by design)", () => {
  const publint = spawnSync(bin("publint"), ["run", tarball, "--strict"], { encoding: "utf8" });
  assert.equal(publint.status, 0, publint.stdout + publint.stderr);
  assert.match(publint.stdout, /All good/);
  const attw = spawnSync(bin("attw"), [tarball, "--format", "ascii", "--exclude-entrypoints", "web/canbao_core_bg.wasm", "web/canbao_loader_bg.wasm", "--ignore-rules", "cjs-resolves-to-esm"], { encoding: "utf8" });
  assert.equal(attw.status, 0, attw.stdout + attw.stderr);
});

test("the README's Node example runs as written and prints what the README says; CommonJS too", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('from "canbao"'));
  assert.ok(block, "a js block importing canbao");
  const expected = block.trim().split("\n").at(-1).replace(/^\/\/ /, "");
  writeFileSync(join(dir, "example.mjs"), block);
  assert.equal(node(dir, ["example.mjs"]).trim(), expected);
  const cjs = node(dir, ["-e", 'const c = require("canbao"); console.log(typeof c.check, c.regions().length > 10, require("canbao/fields").FIELDS.length > 20, require("canbao/places").PLACES.length >= 8)']);
  assert.equal(cjs.trim(), "function true true true");
});

test("canbao/web in Node: a call before the engine is instantiated is a coded not_loaded error; initSync with the file's bytes, and it answers", () => {
  const out = node(dir, ["--input-type=module", "-e", `
    import { readFileSync } from "node:fs";
    import { createRequire } from "node:module";
    import { check, initSync, isCanbaoError } from "canbao/web";
    const person = { age: 40, hukou: { type: "rural", local: true }, employment: "farmer" };
    try { check({ person }); console.log("answered"); } catch (e) { console.log(isCanbaoError(e) && e.code); }
    const wasm = createRequire(import.meta.url).resolve("canbao/web/canbao_core_bg.wasm");
    initSync(readFileSync(wasm));
    console.log(check({ person }, "2026-11-24").region);`]);
  assert.deepEqual(out.trim().split("\n"), ["not_loaded", "china"]);
});

test("npx canbao-validate checks a pack written in TOML with no Rust: valid, an error with its line and column, a usage error", () => {
  writeFileSync(join(dir, "city.toml"), readFileSync(join(root, "docs/example-pack.toml"), "utf8"));
  const ok = spawnSync("npx", ["canbao-validate", "city.toml"], { cwd: dir, encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /city\.toml: pack "example-city" is valid/);
  writeFileSync(join(dir, "broken.toml"), 'id = "x"\nextends = "china"\nname = { zh-CN = "X市" }\nvalid = { from = 2026-01-01 }\n[[schemes]]\nscheme = "urban_rural_resident"\n[[schemes.subsidies]]\nwhen = { lowIncome = "dibao" }\ncovers = "all"\nsource = "38 三"\n');
  const bad = spawnSync("npx", ["canbao-validate", "broken.toml"], { cwd: dir, encoding: "utf8" });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /broken\.toml:8:10: schemes\[0\]\.subsidies\[0\]\.when\.lowIncome: .*write a list/);
  assert.equal(spawnSync("npx", ["canbao-validate"], { cwd: dir, encoding: "utf8" }).status, 2);
});

// ---- TypeScript, as each module setting resolves the package -------------------
const USE = `
const answer = check({ lang: "en", person: { age: 40, hukou: { type: "rural", local: true } } }, "2026-11-24");
for (const s of answer.schemes) {
  // Narrowed by status: a scheme to join always has its fee.
  if (s.status !== "ineligible") {
    const individual: string | null = s.fee.individual;
    console.log(s.enrol.where, individual);
  }
}
try {
  check({ person: {} });
} catch (e) {
  if (isCanbaoError(e)) console.log(e.code, e.field);
}
`;
const SETTINGS = [
  ["node16, ES module", { module: "node16", moduleResolution: "node16" }, "use.mts", `import { check, isCanbaoError } from "canbao";\nimport { FIELDS } from "canbao/fields";\nimport type { PolicyPack } from "canbao";\nconst p: PolicyPack = { id: "x", name: { "zh-CN": "X" }, valid: { from: "2026-01-01" } };\nconsole.log(FIELDS.length, p.id);${USE}`],
  ["node16, CommonJS", { module: "node16", moduleResolution: "node16" }, "use.cts", `import { check, isCanbaoError } from "canbao";\nimport { PLACES } from "canbao/places";\nconsole.log(PLACES[0]?.name[0]);${USE}`],
  ["bundler", { module: "esnext", moduleResolution: "bundler" }, "use.ts", `import init, { check, isCanbaoError } from "canbao";\nimport initWeb from "canbao/web";\nawait init();\nvoid initWeb;${USE}`],
  ["node10", { module: "commonjs", moduleResolution: "node10" }, "use.ts", `import { check, isCanbaoError } from "canbao";\nimport { FIELDS } from "canbao/fields";\nimport initWeb from "canbao/web";\nvoid initWeb;\nconsole.log(FIELDS.length);${USE}`],
];
for (const [name, options, file, code] of SETTINGS) {
  test(`TypeScript --strict with ${name} resolution types the package`, () => {
    const at = join(dir, `ts-${name.replace(/\W+/g, "-")}`);
    mkdirSync(at, { recursive: true });
    writeFileSync(join(at, file), code);
    writeFileSync(join(at, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false, ...options }, files: [file] }));
    const r = spawnSync(bin("tsc"), ["-p", at], { cwd: at, encoding: "utf8" });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
}
