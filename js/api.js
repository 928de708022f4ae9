// canbao's public JavaScript API, around the WebAssembly module's five calls.
//
// A request crosses into the module as JSON text, made here with
// JSON.stringify: so everything JavaScript can throw while a request is read
// (a getter, a Proxy trap, a cycle, a BigInt) is thrown here, before any wasm
// code runs, and turned into the same coded error the engine gives
// (`invalid_type` with the field's path). No JavaScript runs while a call is
// inside the module. The answer comes back as JSON text for JSON.parse. Errors
// are `Error`s with `code`, `field` and `message` (and `file` for a pack),
// worded by the engine in the request's language.
//
// Limits (as the CLI's): a request 64 KiB, a household 256 KiB, a pack 512 KiB;
// any one string 16 KiB and 25 levels of nesting (the engine checks those,
// so that the CLI and this refuse the same texts alike).

const LIMITS = { request: 65536, household: 262144, pack: 524288 };
const MAX_DEPTH = 24;
const LANGS = ["zh-CN", "zh-TW", "en"];

/** The UTF-8 length of a string, what the engine's limits count. */
function utf8Length(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Two bytes to 0x7FF, three above; a surrogate pair's two units make four.
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

/** Something JSON.stringify met that no request may hold, and where. */
class Unfit {
  constructor(code, field) {
    this.code = code;
    this.field = field;
  }
}

/**
 * Compiled packs as packs*.js carry them, as bytes: a character below U+0080
 * is its byte, U+0100 to U+01FF a byte too (c - 0x100), any other a text's
 * character, its three UTF-8 bytes (see scripts/package-pkg.mjs).
 */
function bytesOf(packs) {
  const bytes = new Uint8Array(packs.length * 3);
  let n = 0;
  for (let i = 0; i < packs.length; i++) {
    const c = packs.charCodeAt(i);
    if (c < 0x80) bytes[n++] = c;
    else if (c < 0x200) bytes[n++] = c - 0x100;
    else {
      bytes[n++] = 0xe0 | (c >> 12);
      bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
      bytes[n++] = 0x80 | (c & 0x3f);
    }
  }
  return bytes.subarray(0, n);
}

/** Whether `e` is an error canbao threw: an `Error` with its `code` and `field`. */
export function isCanbaoError(e) {
  return e instanceof Error && typeof e.code === "string" && typeof e.field === "string";
}

/**
 * The API over the wasm-bindgen glue of the core module (any target's), the
 * built-in packs (`packs.js`, and in Node `packs-past.js` too: compiled, as
 * characters (bytesOf), handed to the core on first use; a string or a list
 * of them, parents first), `loader()`, the pack compiler's glue once it is
 * there (loadPolicy only), and `loaded()`, whether the core is instantiated
 * (a call before is a coded `not_loaded`, not a TypeError from the glue).
 */
export function makeApi(core, packs, loader, loaded = () => true) {
  const utf8 = new TextDecoder();
  let builtins = null;
  // The pack's texts and reasons by number, per language: check answers name
  // them by number (an ASCII answer JSON.parse reads several times faster than
  // one full of Chinese), and words() puts them back. Dropped when packs change.
  const tables = new Map();
  // The packs loadPolicy compiled, by id (the latest of each), and the same
  // joined, each after its 4-byte length: a later pack may extend them, and
  // the compiler checks it against them.
  const byId = new Map();
  let compiled = new Uint8Array(0);

  const [first, ...more] = typeof packs === "string" ? [packs] : packs;
  // The packs addPacks took: a page may ask twice.
  const added = new Set(more);

  /** Hands the built-in packs to the core, once. */
  function ready() {
    if (builtins) return;
    if (!loaded()) throw fail({ code: "not_loaded", field: "", message: "canbao is not loaded yet: await init() first" });
    base = bytesOf(first);
    restart(base);
  }

  // The first packs as given, and the language whose texts were put back in.
  let base = null;
  let textsIn = null;

  /** `bytes` with each [offset, text] of `edits` put where it lacks a text (postcard: None, 0x00, becomes Some: 0x01, length, UTF-8). */
  function patched(bytes, edits) {
    const utf8out = new TextEncoder();
    const parts = [];
    let from = 0;
    let at = 0;
    for (const edit of edits) {
      // Each offset counts from the previous edit's.
      const [step, text] = Array.isArray(edit) ? edit : [];
      at += step;
      if (!Number.isSafeInteger(at) || at < from || at >= bytes.length || bytes[at] !== 0 || typeof text !== "string") {
        throw fail({ code: "invalid_value", field: "", message: "addTexts: these texts are not for the packs loaded (a build of another version?)" });
      }
      const word = utf8out.encode(text);
      const head = [1];
      for (let n = word.length; ; n >>>= 7) {
        if (n < 0x80) {
          head.push(n);
          break;
        }
        head.push((n & 0x7f) | 0x80);
      }
      parts.push(bytes.subarray(from, at), Uint8Array.from(head), word);
      from = at + 1;
    }
    parts.push(bytes.subarray(from));
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let i = 0;
    for (const p of parts) out.set(p, (i += p.length) - p.length);
    return out;
  }

  /** The core again from `bytes` (the first packs), then every pack added since, in order. */
  function restart(bytes) {
    const r = JSON.parse(core.load_builtins(bytes));
    tables.clear();
    if (r.error) throw fail(r.error);
    builtins = bytes;
    for (const m of added) add(m);
    for (const b of byId.values()) answer(() => core.load_compiled(b, undefined));
  }

  /** More built-in packs, compiled, for the core. */
  function add(compiled) {
    const r = JSON.parse(core.add_builtins(bytesOf(compiled)));
    tables.clear();
    if (r.error) throw fail(r.error);
  }

  function fail(body) {
    const e = new Error(body.message);
    e.code = body.code;
    e.field = body.field;
    if (body.file !== undefined) e.file = body.file;
    if (body.line !== undefined) [e.line, e.column] = [body.line, body.column];
    return e;
  }

  /** An answer from the module, or the error it carries, thrown. */
  function answer(call) {
    ready();
    let units;
    try {
      units = call();
    } catch (e) {
      // A trap: never expected (the module does not panic), but never uncoded.
      throw fail({ code: "internal", field: "", message: `canbao: ${e && e.message}` });
    }
    const value = JSON.parse(units);
    if (value !== null && typeof value === "object" && value.error) throw fail(value.error);
    return value;
  }

  /**
   * A check answer with the pack's words put back where the module named them
   * by number: the same answer the CLI writes (tests/wasm/api.test.mjs). Each
   * answer gets its own reason objects; strings are shared, as JSON.parse's.
   */
  function words(r) {
    let table = tables.get(r.lang);
    if (table === undefined) {
      table = JSON.parse(core.table_json(r.lang));
      tables.set(r.lang, table);
    }
    const text = (x) => (typeof x === "number" ? table[x] : x);
    const texts = (xs) => {
      for (let i = 0; i < xs.length; i++) xs[i] = text(xs[i]);
    };
    const reasons = (xs) => {
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i];
        if (typeof x === "number") xs[i] = { ...table[x] };
        else if (typeof x.source === "number") x.source = table[x.source];
      }
    };
    r.regionName = text(r.regionName);
    for (const s of r.schemes) {
      s.name = text(s.name);
      if (s.fee) reasons(s.fee.reasons);
      if (s.waiting) reasons(s.waiting.reasons);
      reasons(s.reasons);
      const e = s.enrol;
      if (e) {
        texts(e.where);
        texts(e.channels);
        texts(e.documents);
        e.whereSource = text(e.whereSource);
        e.channelsSource = text(e.channelsSource);
        e.documentsSource = text(e.documentsSource);
        e.deadlineSource = text(e.deadlineSource);
        reasons(e.reasons);
      }
      reasons(s.benefits);
    }
    reasons(r.warnings);
    return r;
  }

  /** The engine's wording of an error found here, in `lang`. */
  function refuse(code, field, lang, limit = 0) {
    ready();
    return fail(JSON.parse(core.error_json(code, field, lang, limit)).error);
  }

  /** The request's language, for its errors: a plain value only (no getter is run for it; the request's reading runs each once). */
  function langOf(request) {
    try {
      const d = request !== null && typeof request === "object" ? Object.getOwnPropertyDescriptor(request, "lang") : undefined;
      return d && typeof d.value === "string" && d.value.length < 8 ? d.value : "";
    } catch {
      return "";
    }
  }

  /** `today`: a "YYYY-MM-DD" string, or nothing for the device's date in China. */
  function day(today, lang) {
    if (today === undefined || today === null) return undefined;
    if (typeof today !== "string" || today.length > 10) throw refuse("invalid_type", "today", lang);
    return today;
  }

  /**
   * The request as JSON text, or a coded error naming the field. The value is
   * first copied into plain data, each property read once, here (so a getter
   * or Proxy trap that throws is caught at its field, none runs twice, and no
   * toJSON decides what the engine reads), then JSON.stringify writes the
   * copy. A string's length and the nesting are limited by the engine (it
   * checks the text, as the CLI's does, so both say the same); here only the
   * whole text's size, with a lower bound kept as the copy grows so that a
   * request far too large (a sparse array of 2^32-1 items) stops early.
   */
  function toText(value, limit, lang) {
    let bytes = 0;
    const grow = (n) => {
      bytes += n;
      if (bytes > limit) throw new Unfit("too_large", "");
    };
    const join = (up, key, array) => (array ? `${up}[${key}]` : up ? `${up}.${key}` : String(key));
    function read(from, key, at) {
      try {
        return from[key];
      } catch {
        throw new Unfit("invalid_type", at);
      }
    }
    // `above`: the objects this one is inside, for cycles.
    function plain(v, at, above) {
      switch (typeof v) {
        case "undefined":
          return v; // left out, as JSON.stringify does
        case "string":
          grow(v.length + 2);
          return v;
        case "boolean":
          grow(4);
          return v;
        case "number":
          if (!Number.isFinite(v)) throw new Unfit("invalid_type", at);
          grow(1);
          return v;
        case "object":
          if (v === null) return grow(4), v;
          break;
        default: // a function, a symbol, a BigInt
          throw new Unfit("invalid_type", at);
      }
      // A cycle, or nesting deeper than the engine reads.
      if (above.length > MAX_DEPTH || above.includes(v)) throw new Unfit("invalid_type", at);
      if (typeof read(v, "toJSON", at) === "function") throw new Unfit("invalid_type", at);
      above.push(v);
      let array, out;
      try {
        array = Array.isArray(v); // throws for a revoked Proxy
      } catch {
        throw new Unfit("invalid_type", at);
      }
      if (array) {
        const length = read(v, "length", at);
        if (!Number.isSafeInteger(length) || length < 0) throw new Unfit("invalid_type", at);
        grow(2 * length); // each item at least a byte and a comma
        out = new Array(length);
        for (let i = 0; i < length; i++) {
          const path = join(at, i, true);
          const item = plain(read(v, i, path), path, above);
          out[i] = item === undefined ? null : item;
        }
      } else {
        let keys;
        try {
          keys = Object.keys(v);
        } catch {
          throw new Unfit("invalid_type", at);
        }
        out = Object.create(null); // so that a "__proto__" key is a key
        for (const k of keys) {
          grow(k.length + 3);
          const path = join(at, k, false);
          const item = plain(read(v, k, path), path, above);
          if (item !== undefined) out[k] = item;
        }
      }
      above.pop();
      return out;
    }
    let text;
    try {
      text = JSON.stringify(plain(value, "", []));
    } catch (e) {
      if (e instanceof Unfit) throw refuse(e.code, e.field, lang, limit);
      throw refuse("invalid_type", "", lang);
    }
    if (text === undefined) return "null";
    // A UTF-16 unit is at most 3 bytes of UTF-8: most texts need no count.
    if (text.length * 3 > limit && utf8Length(text) > limit) throw refuse("too_large", "", lang, limit);
    return text;
  }

  /**
   * Runs `call` unless another call is under way: a getter in a request that
   * calls canbao again is refused at once, not let to loop (the outer call
   * then names the getter's field).
   */
  let busy = false;
  function alone(call) {
    if (busy) throw fail({ code: "internal", field: "", message: "canbao was called from inside a request it is reading (a getter): not allowed" });
    busy = true;
    try {
      return call();
    } finally {
      busy = false;
    }
  }

  return {
    /** Checks one person: `check({ region, year, lang, payDate, person }, today?)`. */
    check(request, today) {
      return alone(() => {
        const lang = langOf(request);
        const text = toText(request, LIMITS.request, lang);
        const d = day(today, lang);
        return words(answer(() => core.check_json(text, d)));
      });
    },

    /** Checks a household: `checkHousehold({ region, year, lang, payDate, members }, today?)`. */
    checkHousehold(request, today) {
      return alone(() => {
        const lang = langOf(request);
        const text = toText(request, LIMITS.household, lang);
        const d = day(today, lang);
        return answer(() => core.household_json(text, d));
      });
    },

    /** The packs a request may name, with their years and sources: `regions(lang?, today?)`. */
    regions(lang, today) {
      return alone(() => {
        if (lang !== undefined && lang !== null && typeof lang !== "string") throw refuse("invalid_type", "lang", "");
        // A language canbao does not speak is refused, as the CLI's --lang is.
        if (typeof lang === "string" && !LANGS.includes(lang)) throw refuse("invalid_value", "lang", "");
        const d = day(today, lang ?? "");
        return answer(() => core.regions_json(lang ?? undefined, d));
      });
    },

    /**
     * Validates a pack (an object, or its JSON text) and makes it available by
     * its id. The pack compiler is a module of its own (`initLoader()` in a
     * browser): pages that never load a pack never download it.
     */
    loadPolicy(pack, today) {
      return alone(() => loadOne(pack, today));
    },

    /**
     * Adds built-in packs a page loads when they are wanted: the default
     * export of `canbao/web/places/<id>.js` or `packs-past.js`. Once is
     * enough; again is a no-op.
     */
    addPacks(compiled) {
      return alone(() => {
        ready();
        if (typeof compiled !== "string") throw fail({ code: "invalid_type", field: "", message: "addPacks takes the default export of a places/<id>.js or packs-past.js module" });
        if (added.has(compiled)) return;
        add(compiled);
        added.add(compiled);
      });
    },

    /**
     * Puts back another language's texts into packs loaded without them (a
     * page loads `packs-zh.js`, 简体 only, and `texts-en.js` or
     * `texts-zh-TW.js` when a reader picks that language): the default export
     * of one of those. The core starts again from the patched packs, then
     * takes again every pack added since, in order.
     */
    addTexts(texts) {
      return alone(() => {
        ready();
        const edits = texts && typeof texts === "object" ? texts.edits : undefined;
        if (!Array.isArray(edits)) throw fail({ code: "invalid_type", field: "", message: "addTexts takes the default export of a texts-<lang>.js module" });
        if (textsIn === texts.lang) return;
        restart(patched(base, edits));
        textsIn = texts.lang;
      });
    },

    /** The crate version and each pack's hash. */
    version() {
      return alone(() => answer(() => core.version_json()));
    },
  };

  /** loadPolicy's work: compiled by the loader against the packs there, then handed to the core. */
  function loadOne(pack, today) {
    ready();
    const refused = (field, message) => fail({ code: "invalid_pack", field, file: "loadPolicy", message: `loadPolicy: ${message}` });
    let text;
    if (typeof pack === "string") {
      if (pack.length > LIMITS.pack) throw refused("", `a pack may have at most ${LIMITS.pack} bytes`);
      text = pack;
    } else {
      try {
        text = toText(pack, LIMITS.pack, "");
      } catch (e) {
        throw refused(e.field ?? "", e.message);
      }
    }
    const d = day(today, "");
    const compiler = loader();
    if (!compiler) throw fail({ code: "loader_not_ready", field: "", message: "loadPolicy needs the pack compiler: await initLoader() first" });
    let out;
    try {
      out = compiler.compile_pack(text, builtins, compiled);
    } catch (e) {
      throw fail({ code: "internal", field: "", message: `canbao: ${e && e.message}` });
    }
    if (out[0] !== 0) throw fail(JSON.parse(utf8.decode(out.subarray(1))).error);
    // 0, the warnings' JSON after its length, then the compiled pack.
    const said = new DataView(out.buffer, out.byteOffset + 1, 4).getUint32(0, true);
    const warnings = JSON.parse(utf8.decode(out.subarray(5, 5 + said)));
    const bytes = out.subarray(5 + said);
    tables.clear();
    const region = answer(() => core.load_compiled(bytes, d));
    if (warnings.length) region.warnings = warnings;
    // A pack loaded again replaces itself: the compiler is handed each
    // loaded pack once, its latest, so loading again costs the same.
    byId.set(region.id, bytes.slice());
    let size = 0;
    for (const b of byId.values()) size += 4 + b.length;
    compiled = new Uint8Array(size);
    let at = 0;
    for (const b of byId.values()) {
      new DataView(compiled.buffer).setUint32(at, b.length, true);
      compiled.set(b, at + 4);
      at += 4 + b.length;
    }
    return region;
  }
}
