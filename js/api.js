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
// any one string 16 KiB; 24 levels of nesting.

const LIMITS = { request: 65536, household: 262144, pack: 524288 };
const MAX_STRING = 16384;
const MAX_DEPTH = 24;

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
  // The packs loadPolicy compiled, each after its 4-byte length: a later pack
  // may extend them, and the compiler checks it against them.
  let compiled = new Uint8Array(0);

  const [first, ...more] = typeof packs === "string" ? [packs] : packs;
  // The packs addPacks took: a page may ask twice.
  const added = new Set(more);

  /** Hands the built-in packs to the core, once. */
  function ready() {
    if (builtins) return;
    if (!loaded()) throw fail({ code: "not_loaded", field: "", message: "canbao is not loaded yet: await init() first" });
    const bytes = bytesOf(first);
    const r = JSON.parse(core.load_builtins(bytes));
    tables.clear();
    if (r.error) throw fail(r.error);
    builtins = bytes;
    for (const m of more) add(m);
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

  /** The request's language, read without letting a getter throw. */
  function langOf(request) {
    try {
      const lang = request !== null && typeof request === "object" ? request.lang : undefined;
      return typeof lang === "string" && lang.length < 8 ? lang : "";
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
   * The request as JSON text, or a coded error naming the field. Paths are
   * only spelled out for an error: each object met keeps its holder and key.
   */
  function toText(value, limit, lang) {
    const parents = new Map(); // each object met -> [its holder, its key, its depth]
    let budget = limit;
    function pathOf(holder, key) {
      let path = "";
      for (let o = holder, k = key, up; (up = parents.get(o)) !== undefined; [o, k] = up) {
        path = (Array.isArray(o) ? `[${k}]` : `.${k}`) + path;
      }
      return path.startsWith(".") ? path.slice(1) : path;
    }
    function replacer(key, v) {
      const up = parents.get(this);
      if (key.length > MAX_STRING) throw new Unfit("too_large", up === undefined ? "" : pathOf(up[0], up[1]));
      // A toJSON (a Date's, or one on a prototype) would decide what the
      // engine reads, and a pack's hash: only plain data is taken.
      const original = this[key];
      if (original !== v && original !== null && typeof original === "object" && typeof original.toJSON === "function") {
        throw new Unfit("invalid_type", pathOf(this, key));
      }
      budget -= key.length + 4;
      switch (typeof v) {
        case "undefined":
          return v; // left out, as JSON.stringify does
        case "function":
        case "symbol":
        case "bigint":
          throw new Unfit("invalid_type", pathOf(this, key));
        case "number":
          if (!Number.isFinite(v)) throw new Unfit("invalid_type", pathOf(this, key));
          break;
        case "string":
          if (v.length > MAX_STRING) throw new Unfit("too_large", pathOf(this, key));
          budget -= v.length;
          break;
        case "object":
          if (v !== null) {
            const depth = up === undefined ? 0 : up[2] + 1;
            if (depth > MAX_DEPTH) throw new Unfit("invalid_type", pathOf(this, key));
            parents.set(v, [this, key, depth]);
          }
          break;
      }
      if (budget < 0) throw new Unfit("too_large", "");
      return v;
    }
    let text;
    try {
      text = JSON.stringify(value, replacer);
    } catch (e) {
      if (e instanceof Unfit) throw refuse(e.code, e.field, lang, limit);
      // A getter, a Proxy trap or a toJSON that threw, or a cycle.
      throw refuse("invalid_type", whereReadingFails(value), lang);
    }
    return text === undefined ? "null" : text;
  }

  /**
   * Where reading `value` throws (a getter, a Proxy trap, a toJSON) or loops
   * back on itself (a cycle): the field's path. Only run after JSON.stringify
   * failed, so its getters run a second time then, never on a good request.
   */
  function whereReadingFails(value) {
    const ancestors = [];
    let visits = 0;
    function walk(v, path) {
      if (v === null || typeof v !== "object") return null;
      if (ancestors.includes(v) || ancestors.length > MAX_DEPTH || ++visits > 100000) return path;
      ancestors.push(v);
      try {
        let keys;
        try {
          if (typeof v.toJSON === "function") return path;
          keys = Object.keys(v);
        } catch {
          return path;
        }
        const array = Array.isArray(v);
        for (const k of keys) {
          const at = array ? `${path}[${k}]` : path ? `${path}.${k}` : k;
          let child;
          try {
            child = v[k];
          } catch {
            return at;
          }
          const found = walk(child, at);
          if (found !== null) return found;
        }
        return null;
      } finally {
        ancestors.pop();
      }
    }
    return walk(value, "") ?? "";
  }

  return {
    /** Checks one person: `check({ region, year, lang, payDate, person }, today?)`. */
    check(request, today) {
      const lang = langOf(request);
      const text = toText(request, LIMITS.request, lang);
      const d = day(today, lang);
      return words(answer(() => core.check_json(text, d)));
    },

    /** Checks a household: `checkHousehold({ region, year, lang, payDate, members }, today?)`. */
    checkHousehold(request, today) {
      const lang = langOf(request);
      const text = toText(request, LIMITS.household, lang);
      const d = day(today, lang);
      return answer(() => core.household_json(text, d));
    },

    /** The packs a request may name, with their years and sources: `regions(lang?, today?)`. */
    regions(lang, today) {
      if (lang !== undefined && lang !== null && typeof lang !== "string") throw refuse("invalid_type", "lang", "");
      const l = typeof lang === "string" && lang.length < 8 ? lang : undefined;
      const d = day(today, l ?? "");
      return answer(() => core.regions_json(l, d));
    },

    /**
     * Validates a pack (an object, or its JSON text) and makes it available by
     * its id. The pack compiler is a module of its own (`initLoader()` in a
     * browser): pages that never load a pack never download it.
     */
    loadPolicy(pack, today) {
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
      const next = new Uint8Array(compiled.length + 4 + bytes.length);
      next.set(compiled);
      new DataView(next.buffer).setUint32(compiled.length, bytes.length, true);
      next.set(bytes, compiled.length + 4);
      compiled = next;
      return region;
    },

    /**
     * Adds built-in packs a page loads when they are wanted: the default
     * export of `packs-past.js` (the historical documents). Once is enough;
     * again is a no-op.
     */
    addPacks(compiled) {
      ready();
      if (typeof compiled !== "string") throw fail({ code: "invalid_type", field: "", message: "addPacks takes the default export of packs-past.js" });
      if (added.has(compiled)) return;
      add(compiled);
      added.add(compiled);
    },

    /** The crate version and each pack's hash. */
    version() {
      return answer(() => core.version_json());
    },
  };
}
