#!/usr/bin/env node
// canbao-validate FILE...: checks policy packs (TOML or JSON) as the engine
// reads them, with no Rust: `npx canbao-validate my-city.toml`. Each error
// names the file, the line and column, the key and what is wrong; warnings
// (what loads but is likely not meant) go to stderr too. Exit 0 when every
// file is a valid pack, 1 when one is not, 2 for no file given.
import { readFileSync } from "node:fs";
import { loadPolicy, isCanbaoError } from "../node/canbao.mjs";

const files = process.argv.slice(2);
if (!files.length || files.some((f) => f.startsWith("-"))) {
  console.error("usage: canbao-validate PACK.toml|PACK.json ...");
  process.exit(2);
}
let failed = false;
for (const file of files) {
  // loadPolicy names the file "loadPolicy": put the real one in its place.
  const named = (message) => message.replace(/^loadPolicy\b/, file);
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    console.error(`canbao-validate: ${file}: ${e.message}`);
    failed = true;
    continue;
  }
  try {
    const region = loadPolicy(text);
    for (const w of region.warnings ?? []) console.error(`canbao-validate: warning: ${named(w)}`);
    console.log(`${file}: pack "${region.id}" is valid`);
  } catch (e) {
    if (!isCanbaoError(e)) throw e;
    console.error(`canbao-validate: ${named(e.message)}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
