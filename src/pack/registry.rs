//! The packs an engine answers from: built in, and loaded by an operator.
//!
//! Taking a pack checks it against the others (a built-in is never
//! replaced, nor a pack another extends; no two packs share a name a resident
//! would see), appends its parent's items, renders its texts and reasons as
//! JSON once, and numbers them in one table, which the WebAssembly wrapper
//! keeps so that answers can name the pack's words by number.

use crate::model::text::Lang;
use crate::model::text::{clip, Rendered};
use crate::pack::{Item, Pack, PackError};

/// The built-in packs, converted from `policies/*.toml` at build time: the
/// JSON text of each, after the pack it extends. The native build compiles
/// them when it starts; the WebAssembly core gets them compiled already
/// (`canbao packs-bin`, handed over by `js/api.js` on first use).
#[cfg(feature = "loader")]
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/packs.rs"));
}

/// The JSON text of a built-in pack, by id, as it is embedded: a template for
/// writing a pack of one's own (`canbao pack ID`).
#[cfg(feature = "loader")]
pub fn builtin_json(id: &str) -> Option<&'static str> {
    embedded::PACKS
        .iter()
        .find(|(pack_id, _, _)| *pack_id == id)
        .map(|(_, _, json)| *json)
}

/// The packs, built in and loaded, and their words by number.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    packs: Vec<Pack>,
    /// Every pack's rendered texts and reasons, by number (see [`Registry::table`]).
    table: Vec<Rendered>,
}

/// Numbers each rendered text and reason of `pack`, after those in `table`.
fn number(table: &mut Vec<Rendered>, pack: &mut Pack) {
    let mut number = |json: &Rendered| {
        table.push(json.clone());
        u32::try_from(table.len() - 1).unwrap_or(u32::MAX)
    };
    pack.each_item(&mut |item| match item {
        Item::Text(t) => t.id = number(&t.json),
        Item::Cite(c) => c.label.id = number(&c.label.json),
        Item::Reason(r) => {
            r.message.id = number(&r.message.json);
            r.cite.label.id = number(&r.cite.label.json);
            r.id = number(&r.json);
        }
    });
}

/// How many packs deep `extends` may go (a city extends a province, which
/// extends the nation: 2): each level copies its parent's items, so a chain
/// of hundreds would fill a phone's memory.
pub const MAX_EXTENDS: usize = 8;
/// How many packs may be loaded beside the built-in ones (a pack loaded
/// again replaces itself, so reloading never counts twice).
pub const MAX_LOADED: usize = 64;

/// A name as a resident tells names apart: after NFKC (full-width letters and
/// brackets as half-width), without spaces or zero-width characters, letters
/// in one case. "全国（默认）", "全国(默认) " and "全国\u{200B}（默认）" are one.
/// Only where packs are compiled (the CLI, the loader module): the core takes
/// packs the loader has checked, and its budget has no room for case tables.
#[cfg(feature = "loader")]
pub fn folded(name: &str) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    let normal: String = unicode_normalization::UnicodeNormalization::nfkc(name).collect();
    #[cfg(target_arch = "wasm32")]
    let normal: String = js_sys::JsString::from(name)
        .normalize("NFKC")
        .as_string()
        .unwrap_or_else(|| name.to_owned());
    normal
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(not(feature = "loader"))]
fn folded(name: &str) -> &str {
    name
}

fn fail(file: &str, key: &str, message: String) -> PackError {
    PackError {
        line_column: None,
        file: file.to_owned(),
        key: key.to_owned(),
        message,
    }
}

impl Registry {
    /// The built-in packs. They are checked by the tests, so an error here
    /// means a broken build, but it is still an error, not a panic.
    #[cfg(feature = "loader")]
    pub fn builtin() -> Result<Registry, PackError> {
        let mut registry = Registry::default();
        // build.rs orders the packs so that each comes after the one it extends.
        for (_, file, json) in embedded::PACKS {
            let pack = Pack::load(json, file, true, |id| registry.any_pack(id).cloned())?;
            registry.add(pack, file)?;
        }
        Ok(registry)
    }

    /// Validates a pack written by a portal operator (JSON text) and makes it
    /// available by its id. A loaded pack may replace an earlier loaded one,
    /// never a built-in one, and may extend any pack.
    #[cfg(feature = "loader")]
    pub fn load(&mut self, text: &str, file: &str) -> Result<&Pack, PackError> {
        let pack = Pack::load(text, file, false, |id| self.any_pack(id).cloned())?;
        self.add(pack, file)
    }

    /// Checks a pack's text as `canbao validate` does: against the built-in
    /// packs, and a built-in pack's own file (a clerk's update of it) in its
    /// place, without the packs that extend it.
    #[cfg(feature = "loader")]
    pub fn check_text(text: &str, file: &str) -> Result<Pack, PackError> {
        let mut registry = Registry::builtin()?;
        let pack = Pack::load(text, file, false, |id| registry.any_pack(id).cloned())?;
        let mut gone = vec![pack.id.clone()];
        let leaving = |p: &Pack, gone: &[String]| {
            gone.iter()
                .any(|g| p.named(g) || p.extends.as_deref() == Some(g.as_str()))
        };
        while let Some(i) = registry.packs.iter().position(|p| leaving(p, &gone)) {
            let p = registry.packs.remove(i);
            gone.push(p.id);
        }
        registry.add(pack, file).cloned()
    }

    /// The built-in packs, compiled (postcard, each with its own items only):
    /// what the WebAssembly core starts from, without compiling JSON itself.
    #[cfg(feature = "loader")]
    pub fn compiled_builtins() -> Result<Vec<u8>, PackError> {
        let all: Vec<&str> = embedded::PACKS.iter().map(|(id, _, _)| *id).collect();
        Registry::compiled_builtins_of(&all)
    }

    /// The ids of the built-in packs of today's rules (the default pack and
    /// the packs that extend it, at any depth), and of the others (the
    /// historical documents), each list with parents first.
    #[cfg(feature = "loader")]
    pub fn builtin_eras() -> Result<(Vec<String>, Vec<String>), PackError> {
        let registry = Registry::builtin()?;
        let today = |p: &Pack| {
            let mut at = Some(p);
            while let Some(pack) = at {
                if pack.default {
                    return true;
                }
                at = pack.extends.as_deref().and_then(|id| registry.any_pack(id));
            }
            false
        };
        let (current, past): (Vec<&Pack>, Vec<&Pack>) = registry.packs.iter().partition(|p| today(p));
        let ids = |list: Vec<&Pack>| list.into_iter().map(|p| p.id.clone()).collect();
        Ok((ids(current), ids(past)))
    }

    /// Some of the built-in packs, compiled, in the order given: a pack's
    /// parent must come before it, here or in the packs the core already has.
    #[cfg(feature = "loader")]
    pub fn compiled_builtins_of(ids: &[&str]) -> Result<Vec<u8>, PackError> {
        let mut registry = Registry::default();
        let mut own: Vec<Pack> = Vec::new();
        for (_, file, json) in embedded::PACKS {
            let pack = Pack::load(json, file, true, |id| registry.any_pack(id).cloned())?;
            own.push(pack.clone());
            registry.add(pack, file)?;
        }
        let mut chosen = Vec::with_capacity(ids.len());
        for id in ids {
            match own.iter().find(|p| p.id == *id) {
                Some(p) => chosen.push(p),
                None => return Err(fail("built-in", "", format!("no built-in pack \"{}\"", clip(id)))),
            }
        }
        postcard::to_allocvec(&chosen).map_err(|e| fail("built-in", "", e.to_string()))
    }

    /// A build set to one place: the built-in packs its pack extends, then
    /// its own (TOML or JSON text, checked as `validate` checks it), compiled,
    /// with the place's pack the default (a request naming no region is
    /// answered by it) and no other pack: what `make city` builds in.
    #[cfg(feature = "loader")]
    pub fn compiled_place(text: &str, file: &str) -> Result<Vec<u8>, PackError> {
        let registry = Registry::builtin()?;
        let mut place = Pack::load(text, file, true, |id| registry.any_pack(id).cloned())?;
        // Its parents, nearest last. A built-in place's own file, edited, takes
        // the built-in's place: nothing else is in the build to clash with.
        let mut chain: Vec<&str> = Vec::new();
        let mut at = place.extends.as_deref();
        while let Some(id) = at {
            if id == place.id || chain.contains(&id) {
                return Err(fail(file, "extends", format!("\"{}\" extends itself", clip(&place.id))));
            }
            chain.insert(0, id);
            at = registry.any_pack(id).and_then(|p| p.extends.as_deref());
        }
        // The parents answer only from the place's first year: what ends
        // before it, and the documents only that cited, are left out.
        let from = place.valid.from;
        let mut packs: Vec<Pack> = Vec::with_capacity(chain.len() + 1);
        for (_, file, json) in embedded::PACKS.iter().filter(|(id, _, _)| chain.contains(id)) {
            let mut pack = Pack::load(json, file, true, |id| registry.any_pack(id).cloned())?;
            pack.default = false;
            pack.keep_from(from);
            packs.push(pack);
        }
        place.default = true;
        let mut cited = place.cited();
        for p in &mut packs {
            cited.extend(p.cited());
        }
        for p in &mut packs {
            p.sources.retain(|s| cited.contains(&s.id));
        }
        packs.push(place);
        postcard::to_allocvec(&packs).map_err(|e| fail(file, "", e.to_string()))
    }

    /// Compiled packs with their texts in Simplified Chinese only, or with
    /// one more language (`keep`): what a page loads first, and each
    /// language's version, whose difference is the language's texts alone
    /// (scripts/package-pkg.mjs makes a chunk of each; `addTexts` puts them
    /// back). A text's missing language falls back to Simplified Chinese.
    /// Done through JSON (each `Text` is an object with `zh_cn`, `zh_tw` and
    /// `en` there): native tooling only, never in a module.
    #[cfg(feature = "loader")]
    pub fn compiled_texts(bytes: &[u8], keep: Lang) -> Result<Vec<u8>, PackError> {
        fn strip(v: &mut serde_json::Value, keep: Lang) {
            match v {
                serde_json::Value::Object(o) => {
                    if o.contains_key("zh_cn") && o.contains_key("zh_tw") && o.contains_key("en") {
                        for (key, lang) in [("zh_tw", Lang::ZhTw), ("en", Lang::En)] {
                            // A text the same as the Simplified one is left out: it falls back to it.
                            if lang != keep || o.get(key) == o.get("zh_cn") {
                                o.insert(key.to_owned(), serde_json::Value::Null);
                            }
                        }
                    }
                    o.values_mut().for_each(|x| strip(x, keep));
                }
                serde_json::Value::Array(a) => a.iter_mut().for_each(|x| strip(x, keep)),
                _ => {}
            }
        }
        let bad = |e: String| fail("compiled", "", e);
        let packs: Vec<Pack> = postcard::from_bytes(bytes).map_err(|e| bad(e.to_string()))?;
        let mut json = serde_json::to_value(&packs).map_err(|e| bad(e.to_string()))?;
        strip(&mut json, keep);
        let packs: Vec<Pack> = serde_json::from_value(json).map_err(|e| bad(e.to_string()))?;
        postcard::to_allocvec(&packs).map_err(|e| bad(e.to_string()))
    }

    /// A registry from [`Registry::compiled_builtins`]'s bytes.
    pub fn from_compiled(bytes: &[u8]) -> Result<Registry, PackError> {
        let mut registry = Registry::default();
        registry.add_compiled(bytes)?;
        Ok(registry)
    }

    /// Adds compiled packs (as [`Registry::compiled_builtins_of`] writes them):
    /// packs for past years or other places, taken when they are wanted.
    pub fn add_compiled(&mut self, bytes: &[u8]) -> Result<(), PackError> {
        let packs: Vec<Pack> =
            postcard::from_bytes(bytes).map_err(|_| fail("built-in", "", "not compiled packs of this version".to_owned()))?;
        for pack in packs {
            self.add(pack, "built-in")?;
        }
        Ok(())
    }

    /// Makes a compiled pack available by its id, after the checks across
    /// packs: a built-in is never replaced, nor a pack another extends, and no
    /// two packs share a name a resident would see.
    pub fn add(&mut self, mut pack: Pack, file: &str) -> Result<&Pack, PackError> {
        // A place's compiled packs carry its parents: the same built-in pack
        // again, from another place's, is already here.
        let same = |p: &Pack| p.id == pack.id && p.builtin && pack.builtin && p.hash == pack.hash;
        if let Some(i) = self.packs.iter().position(same) {
            return self.packs.get(i).ok_or_else(|| fail(file, "", "not stored".into()));
        }
        if let Some(old) = self.packs.iter().find(|p| p.id == pack.id) {
            if old.builtin {
                let message = format!("\"{}\" is a built-in pack: choose another id", clip(&pack.id));
                return Err(fail(file, "id", message));
            }
            if self.packs.iter().any(|p| p.extends.as_deref() == Some(&pack.id)) {
                let message = format!(
                    "\"{}\" is extended by another pack: load it under a new id",
                    clip(&pack.id)
                );
                return Err(fail(file, "id", message));
            }
        }
        // An id or alias naming two packs would answer a request with either.
        if let Some(other) = self
            .packs
            .iter()
            .find(|p| p.id != pack.id && p.aliases.contains(&pack.id))
        {
            let message = format!(
                "\"{}\" is another name of pack \"{}\": choose another id",
                clip(&pack.id),
                other.id
            );
            return Err(fail(file, "id", message));
        }
        for (i, alias) in pack.aliases.iter().enumerate() {
            let taken = self
                .packs
                .iter()
                .find(|p| p.id != pack.id && (p.id == *alias || p.aliases.contains(alias)));
            if let Some(other) = taken {
                let message = format!("\"{}\" already names pack \"{}\"", clip(alias), other.id);
                return Err(fail(file, &format!("aliases[{i}]"), message));
            }
        }
        if !pack.builtin {
            let loaded = self.packs.iter().filter(|p| !p.builtin && p.id != pack.id).count();
            if loaded >= MAX_LOADED {
                let message = format!("at most {MAX_LOADED} packs may be loaded: load one again under its id to replace it");
                return Err(fail(file, "id", message));
            }
        }
        let mut depth = 0;
        let mut at = pack.extends.as_deref();
        while let Some(id) = at {
            depth += 1;
            if depth > MAX_EXTENDS || id == pack.id {
                let message = format!("a pack may extend at most {MAX_EXTENDS} packs deep, and never itself");
                return Err(fail(file, "extends", message));
            }
            at = self.any_pack(id).and_then(|p| p.extends.as_deref());
        }
        if let Some(parent) = &pack.extends {
            match self.any_pack(parent) {
                Some(p) => pack.inherit(p),
                None => return Err(fail(file, "extends", format!("no pack \"{}\" to extend", clip(parent)))),
            }
        }
        pack.render();
        // Two entries a resident cannot tell apart in a region picker.
        // Built-in packs are checked against each other by the tests.
        let others = self.packs.iter().filter(|p| p.id != pack.id && !p.base && !(p.builtin && pack.builtin));
        for other in others {
            for lang in Lang::ALL {
                if !pack.base && folded(other.name.get(*lang)) == folded(pack.name.get(*lang)) {
                    let message = format!(
                        "\"{}\" is already the name of pack \"{}\"",
                        clip(pack.name.get(*lang)),
                        other.id
                    );
                    return Err(fail(file, &format!("name.{}", lang.as_str()), message));
                }
            }
        }
        if pack.default && self.packs.iter().any(|p| p.default && p.id != pack.id) {
            if pack.builtin {
                return Err(fail(file, "default", "another pack is the default already".into()));
            }
            return Err(fail(file, "default", "only a built-in pack can be the default".into()));
        }
        let before = self.packs.len();
        self.packs.retain(|p| p.id != pack.id);
        if self.packs.len() < before {
            // A pack replaced: number them all afresh, leaving no numbers behind.
            self.table.clear();
            self.packs.iter_mut().for_each(|p| number(&mut self.table, p));
        }
        number(&mut self.table, &mut pack);
        self.packs.push(pack);
        // Just pushed, so `last` is there; `ok_or_else` keeps this path panic-free.
        self.packs.last().ok_or_else(|| fail(file, "", "not stored".into()))
    }

    /// Every rendered text and reason of every pack, by its number.
    pub fn table(&self) -> &[Rendered] {
        &self.table
    }

    /// Every pack, base packs included.
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// Any pack by id, base packs included (what a pack may extend).
    pub fn any_pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }

    /// The packs a request may name, for region selectors.
    pub fn regions(&self) -> impl Iterator<Item = &Pack> {
        self.packs.iter().filter(|p| !p.base)
    }

    /// A pack a request may name, by id (or a former id of it).
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.regions()
            .find(|p| p.id == id)
            .or_else(|| self.regions().find(|p| p.named(id)))
    }

    /// The pack a request without a region is answered from.
    pub fn default_pack(&self) -> Option<&Pack> {
        self.regions().find(|p| p.default).or_else(|| self.regions().next())
    }
}
