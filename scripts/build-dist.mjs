// What integrators ship, built from pkg/ (run after `make wasm`):
//
//   node scripts/build-dist.mjs                    `make dist`: the national default, in dist/
//   node scripts/build-dist.mjs --pack FILE [--out DIR]   `make city`: set to one place, in dist/<id>/
//
// Each build writes:
//   canbao-<version>.tgz         the npm package (README, licences, types)
//   web/                         the resident's page, ready to copy onto any static host
//   kiosk.html                   the page in one file, for kiosks opening it from file://
//   wechat/                      the mini-program (open it in WeChat's developer tools)
//   canbao-wechat-<version>.zip  the same, zipped
//
// Set to a place (FILE: its pack, TOML or JSON, checked as `canbao validate`
// checks it), the place's pack is compiled ahead of time with the built-in
// packs it extends and is the default region; nothing else is built in (no
// other places, no historical documents, no pack compiler in the page).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { zipSync } from "fflate";

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
for (const a of args.filter((a) => a.startsWith("--"))) {
  if (!["--pack", "--out"].includes(a)) throw new Error(`unknown option ${a}: use --pack FILE, --out DIR`);
}
const pack = option("--pack");
if (args.includes("--pack") && !pack) throw new Error("--pack needs a pack file (TOML or JSON)");
if (!existsSync("pkg/package.json")) throw new Error("no pkg/: run `make wasm` first");
const version = JSON.parse(readFileSync("pkg/package.json", "utf8")).version;
const run = (cmd, argv, options = {}) => execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "inherit"], ...options });

// The place's id, from the engine's own check of its pack.
let id = null;
if (pack) {
  const said = run("cargo", ["run", "--quiet", "--locked", "--", "validate", pack], { encoding: "utf8" });
  id = said.match(/pack "([a-z0-9-]+)" is valid/)[1];
}
const out = resolve(option("--out") ?? (id ? join("dist", id) : "dist"));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), "canbao-dist-"));

// The npm package: pkg/ as it is, or a copy with the place's packs built in.
let pkg = resolve("pkg");
if (pack) {
  writeFileSync(join(scratch, "place.bin"), run("cargo", ["run", "--quiet", "--locked", "--", "packs-bin", "--pack", pack]));
  pkg = join(scratch, "pkg");
  cpSync("pkg", pkg, { recursive: true });
  run(process.execPath, ["scripts/package-pkg.mjs", pkg, "--packs", join(scratch, "place.bin")], { stdio: "inherit" });
}
run("npm", ["pack", "--silent", "--pack-destination", out], { cwd: pkg });

// The page, and the kiosk file beside it.
run(process.execPath, ["scripts/build-www.mjs", ...(pack ? ["--pkg", join(pkg, "web")] : []), "--out", join(out, "web")], { stdio: "inherit" });
renameSync(join(out, "web/kiosk.html"), join(out, "kiosk.html"));

// The mini-program, and its zip.
run(process.execPath, ["scripts/build-wechat.mjs", ...(pack ? ["--pkg", join(pkg, "web")] : []), "--out", join(out, "wechat")], { stdio: "inherit" });
const files = {};
(function add(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) add(path);
    else files[relative(join(out, "wechat"), path)] = readFileSync(path);
  }
})(join(out, "wechat"));
writeFileSync(join(out, `canbao-wechat-${version}.zip`), zipSync(files, { level: 9 }));

rmSync(scratch, { recursive: true, force: true });
console.log(`${relative(".", out)}: ${readdirSync(out).join(", ")}${id ? ` (set to ${id})` : ""}`);
