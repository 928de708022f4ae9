// UTF-8 TextEncoder/TextDecoder for runtimes without them (WeChat on some
// versions). The wasm-bindgen glue builds one of each when it loads and calls
// `new TextDecoder('utf-8', { ignoreBOM: true }).decode()` with no argument, and
// later `decode(bytes.subarray(…))`, `encode(str)` and, if present,
// `encodeInto(str, view)`. The native classes are used where they exist.

class Utf8Decoder {
  constructor() {
    this.encoding = "utf-8";
  }
  decode(input) {
    if (input === undefined) return "";
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input.buffer || input, input.byteOffset || 0, input.byteLength);
    let out = "";
    for (let i = 0; i < bytes.length; ) {
      const b = bytes[i];
      let cp, n;
      if (b < 0x80) [cp, n] = [b, 1];
      else if (b >= 0xf0) [cp, n] = [b & 0x07, 4];
      else if (b >= 0xe0) [cp, n] = [b & 0x0f, 3];
      else if (b >= 0xc0) [cp, n] = [b & 0x1f, 2];
      else [cp, n] = [0xfffd, 1];
      for (let k = 1; k < n; k++) cp = (cp << 6) | (bytes[i + k] & 0x3f);
      i += n;
      if (cp > 0xffff) {
        cp -= 0x10000;
        out += String.fromCharCode(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else out += String.fromCharCode(cp);
    }
    return out;
  }
}

class Utf8Encoder {
  constructor() {
    this.encoding = "utf-8";
  }
  encode(str = "") {
    const out = [];
    for (let i = 0; i < str.length; i++) {
      let cp = str.charCodeAt(i);
      if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < str.length) {
        const lo = str.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo < 0xe000) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          i++;
        }
      }
      if (cp >= 0xd800 && cp < 0xe000) cp = 0xfffd; // a lone surrogate
      if (cp < 0x80) out.push(cp);
      else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
      else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
      else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
    return new Uint8Array(out);
  }
}

export const Decoder = typeof TextDecoder === "function" ? TextDecoder : Utf8Decoder;
export const Encoder = typeof TextEncoder === "function" ? TextEncoder : Utf8Encoder;
export { Utf8Decoder, Utf8Encoder };
