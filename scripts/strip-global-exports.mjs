// Removes exported Globals from a .wasm. wasm-bindgen 0.2.130's runtime exports
// two (`__instance_terminated`, `__abort_handler`) that its JS glue never
// reads; WeChat's iOS runtime cannot instantiate a module that exports a
// Global at all. Usage: node scripts/strip-global-exports.mjs FILE.wasm...
import { readFileSync, writeFileSync } from "node:fs";

function leb(bytes, at) {
  let value = 0, shift = 0, b;
  do {
    b = bytes[at++];
    value |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return [value >>> 0, at];
}

function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

export function stripGlobalExports(bytes) {
  const out = [bytes.subarray(0, 8)];
  let at = 8, removed = [];
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    const end = body + size;
    if (id !== 7) {
      out.push(bytes.subarray(at, end));
    } else {
      let [count, p] = leb(bytes, body);
      const kept = [];
      for (let i = 0; i < count; i++) {
        const start = p;
        const [len, nameAt] = leb(bytes, p);
        const kind = bytes[nameAt + len];
        const [, next] = leb(bytes, nameAt + len + 1);
        if (kind === 3) removed.push(new TextDecoder().decode(bytes.subarray(nameAt, nameAt + len)));
        else kept.push(bytes.subarray(start, next));
        p = next;
      }
      const section = Buffer.concat([Uint8Array.from(uleb(count - removed.length)), ...kept]);
      out.push(Uint8Array.from([7, ...uleb(section.length)]), section);
    }
    at = end;
  }
  return { bytes: Buffer.concat(out), removed };
}

for (const file of process.argv.slice(2)) {
  const { bytes, removed } = stripGlobalExports(readFileSync(file));
  writeFileSync(file, bytes);
  if (removed.length) console.log(`${file}: removed exported globals ${removed.join(", ")}`);
}
