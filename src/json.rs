//! Writing the contract's JSON by hand.
//!
//! The response, the error body and the region list are written here, for the CLI
//! and the wasm build alike (which hands the text to `JSON.parse`). A derived
//! `Serialize` per type cost about 20 KB in the wasm module; this writer is one
//! small function per type, and key order is exactly the contract's.

/// Escapes `s` as a JSON string into `out`.
fn escape(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize >> 4) & 0xf] as char);
                out.push(HEX[c as usize & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON text being written, compact or indented by two spaces.
pub struct Writer {
    out: String,
    pretty: bool,
    depth: usize,
    /// Whether the current object or array has no member yet.
    first: bool,
}

impl Writer {
    pub fn new(pretty: bool) -> Writer {
        Writer {
            out: String::with_capacity(2048),
            pretty,
            depth: 0,
            first: true,
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    /// Starts a member of the enclosing object (`key` given) or array.
    fn member(&mut self, key: Option<&str>) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        if self.depth > 0 {
            self.newline();
        }
        if let Some(k) = key {
            escape(&mut self.out, k);
            self.out.push_str(if self.pretty { ": " } else { ":" });
        }
    }

    fn open(&mut self, c: char) {
        self.out.push(c);
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self, c: char) {
        self.depth -= 1;
        if !self.first {
            self.newline();
        }
        self.out.push(c);
        self.first = false;
    }

    /// An object: `fields` writes its members.
    pub fn object(&mut self, key: Option<&str>, fields: impl FnOnce(&mut Writer)) {
        self.member(key);
        self.open('{');
        fields(self);
        self.close('}');
    }

    /// An array of `items`, each written by `item`.
    pub fn array<T>(&mut self, key: Option<&str>, items: &[T], item: impl Fn(&mut Writer, &T)) {
        self.member(key);
        self.open('[');
        for x in items {
            item(self, x);
        }
        self.close(']');
    }

    pub fn str(&mut self, key: Option<&str>, value: &str) {
        self.member(key);
        escape(&mut self.out, value);
    }

    /// A string, or `null`.
    pub fn opt_str(&mut self, key: Option<&str>, value: Option<&str>) {
        match value {
            Some(v) => self.str(key, v),
            None => self.raw(key, "null"),
        }
    }

    /// Anything that displays as a JSON string (amounts, dates), or `null`.
    pub fn opt_display(&mut self, key: Option<&str>, value: Option<impl std::fmt::Display>) {
        match value {
            Some(v) => self.str(key, &v.to_string()),
            None => self.raw(key, "null"),
        }
    }

    /// A number or `true`/`false`/`null`, written as given.
    pub fn raw(&mut self, key: Option<&str>, text: &str) {
        self.member(key);
        self.out.push_str(text);
    }

    pub fn int(&mut self, key: Option<&str>, n: i64) {
        self.raw(key, &n.to_string());
    }

    pub fn bool(&mut self, key: Option<&str>, b: bool) {
        self.raw(key, if b { "true" } else { "false" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(pretty: bool) -> String {
        let mut w = Writer::new(pretty);
        w.object(None, |w| {
            w.str(Some("a"), "x\"y\\z\n\u{1}");
            w.int(Some("n"), -3);
            w.opt_str(Some("none"), None);
            w.array(Some("list"), &[1i64, 2], |w, n| w.int(None, *n));
            w.array(Some("empty"), &[] as &[i64], |w, n| w.int(None, *n));
            w.object(Some("inner"), |w| w.bool(Some("t"), true));
        });
        w.finish()
    }

    #[test]
    fn writes_valid_json_with_escapes() {
        let compact = sample(false);
        assert_eq!(
            compact,
            r#"{"a":"x\"y\\z\n\u0001","n":-3,"none":null,"list":[1,2],"empty":[],"inner":{"t":true}}"#
        );
        let v: serde_json::Value = serde_json::from_str(&compact).unwrap();
        assert_eq!(v["a"], "x\"y\\z\n\u{1}");
        let pretty: serde_json::Value = serde_json::from_str(&sample(true)).unwrap();
        assert_eq!(pretty, v);
        assert!(sample(true).contains("\n  \"n\": -3"));
    }
}
