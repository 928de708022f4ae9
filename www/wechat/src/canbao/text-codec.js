// UTF-8 TextEncoder/TextDecoder for WeChat, which has neither. The wasm-bindgen
// glue builds one of each when it loads and calls
// `new TextDecoder('utf-8', { ignoreBOM: true }).decode()` with no argument, and
// later `decode(bytes.subarray(…))`, `encode(str)` and, if present,
// `encodeInto(str, view)`; the wrapper (api.js) makes `new TextDecoder()`. The
// build makes each of those files import these classes instead of the globals.
// The native classes are used where they exist.

const CHUNK = 8192; // code units per String.fromCharCode call

class Utf8Decoder {
  constructor() {
    this.encoding = "utf-8";
  }

  decode(input) {
    if (input === undefined || input === null) return "";
    const bytes = input instanceof Uint8Array
      ? input
      : ArrayBuffer.isView(input)
        ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
        : new Uint8Array(input);
    let out = "";
    let units = [];
    const n = bytes.length;
    let i = 0;
    while (i < n) {
      const b = bytes[i];
      let cp = 0xfffd;
      let size = 1;
      let need = 0;
      let lo = 0x80; // the range of the first continuation byte (WHATWG)
      let hi = 0xbf;
      if (b < 0x80) cp = b;
      else if (b >= 0xc2 && b < 0xe0) {
        cp = b & 0x1f;
        need = 1;
      } else if (b >= 0xe0 && b < 0xf0) {
        cp = b & 0x0f;
        need = 2;
        if (b === 0xe0) lo = 0xa0;
        if (b === 0xed) hi = 0x9f;
      } else if (b >= 0xf0 && b < 0xf5) {
        cp = b & 0x07;
        need = 3;
        if (b === 0xf0) lo = 0x90;
        if (b === 0xf4) hi = 0x8f;
      }
      // A broken sequence becomes one U+FFFD for its lead and the continuation
      // bytes that were valid, as TextDecoder does.
      for (let k = 1; k <= need; k++) {
        const c = i + k < n ? bytes[i + k] : -1;
        if (c < lo || c > hi) {
          cp = 0xfffd;
          break;
        }
        cp = (cp << 6) | (c & 0x3f);
        size = k + 1;
        lo = 0x80;
        hi = 0xbf;
      }
      i += size;
      if (cp > 0xffff) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else units.push(cp);
      if (units.length >= CHUNK) {
        out += String.fromCharCode.apply(null, units);
        units = [];
      }
    }
    return out + String.fromCharCode.apply(null, units);
  }
}

class Utf8Encoder {
  constructor() {
    this.encoding = "utf-8";
  }

  encode(str) {
    if (str === undefined) str = "";
    str = String(str);
    const out = new Uint8Array(str.length * 3);
    let at = 0;
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
      if (cp < 0x80) out[at++] = cp;
      else if (cp < 0x800) {
        out[at++] = 0xc0 | (cp >> 6);
        out[at++] = 0x80 | (cp & 0x3f);
      } else if (cp < 0x10000) {
        out[at++] = 0xe0 | (cp >> 12);
        out[at++] = 0x80 | ((cp >> 6) & 0x3f);
        out[at++] = 0x80 | (cp & 0x3f);
      } else {
        out[at++] = 0xf0 | (cp >> 18);
        out[at++] = 0x80 | ((cp >> 12) & 0x3f);
        out[at++] = 0x80 | ((cp >> 6) & 0x3f);
        out[at++] = 0x80 | (cp & 0x3f);
      }
    }
    return out.slice(0, at);
  }
}

export const Decoder = typeof TextDecoder === "function" ? TextDecoder : Utf8Decoder;
export const Encoder = typeof TextEncoder === "function" ? TextEncoder : Utf8Encoder;
export { Utf8Decoder, Utf8Encoder };
