// Writes pkg/package.json over wasm-pack's per-target folders, so pkg/ installs
// as one npm package: `import { check } from "canbao"` picks the right build
// (bundler, Node) and `canbao/web` is the browser ES module with its own init().
import { readFileSync, writeFileSync, rmSync } from "node:fs";

const cargo = readFileSync("Cargo.toml", "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "(.*)"`, "m"))[1];
for (const target of ["web", "bundler", "nodejs"]) rmSync(`pkg/${target}/.gitignore`, { force: true });

const pkg = {
  name: "canbao",
  version: field("version"),
  description: field("description"),
  license: field("license"),
  type: "module",
  exports: {
    ".": {
      types: "./bundler/canbao.d.ts",
      node: "./nodejs/canbao.js",
      default: "./bundler/canbao.js",
    },
    "./web": { types: "./web/canbao.d.ts", default: "./web/canbao.js" },
    "./web/canbao_bg.wasm": "./web/canbao_bg.wasm",
    "./types": { types: "./canbao-types.d.ts" },
  },
  types: "./bundler/canbao.d.ts",
  sideEffects: ["./bundler/canbao.js", "./bundler/canbao_bg.js", "./web/canbao.js"],
  files: ["web", "bundler", "nodejs", "canbao-types.d.ts", "README.md"],
};
writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
// The nodejs target is CommonJS inside a "type": "module" package.
writeFileSync("pkg/nodejs/package.json", JSON.stringify({ type: "commonjs" }) + "\n");
