//! Converts the policy packs in `policies/` from TOML (what their authors write,
//! with comments) to JSON embedded in the binary, so neither the native nor the
//! wasm build carries a TOML parser. A pack that is not valid TOML fails the build
//! here with its file and line; what TOML cannot check (citations, dates, unknown
//! keys) the engine checks when it loads the JSON, and the tests load every pack.
//!
//! The packs are ordered so that each comes after the pack it `extends`, and
//! today's packs (the default one and those extending it) before the
//! historical documents' (the order a region picker lists them in).

use std::fmt::Write as _;
use std::{env, fs, path::Path};

struct Pack {
    id: String,
    extends: Option<String>,
    default: bool,
    file: String,
    json: String,
}

fn read(path: &Path) -> Pack {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let field = |key: &str| value.get(key).and_then(toml::Value::as_str).map(str::to_owned);
    Pack {
        id: field("id").unwrap_or_else(|| panic!("{}: no id", path.display())),
        extends: field("extends"),
        default: value.get("default").and_then(toml::Value::as_bool).unwrap_or(false),
        file: format!("policies/{}", path.file_name().unwrap_or_default().to_string_lossy()),
        json: serde_json::to_string(&value).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    }
}

fn main() {
    println!("cargo:rerun-if-changed=policies");
    let mut files: Vec<_> = fs::read_dir("policies")
        .expect("policies/ folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut pending: Vec<Pack> = files.iter().map(|p| read(p)).collect();
    let mut ordered: Vec<Pack> = Vec::new();
    while !pending.is_empty() {
        let ready = pending
            .iter()
            .position(|p| p.extends.as_ref().is_none_or(|e| ordered.iter().any(|o| &o.id == e)))
            .unwrap_or_else(|| {
                panic!(
                    "policies: {} extends a pack that is not there (or a cycle)",
                    pending[0].file
                )
            });
        ordered.push(pending.remove(ready));
    }
    // Today's packs first: a pack is of today if it, or a pack it extends, is the default.
    let today = |p: &Pack| {
        let mut at = Some(p);
        while let Some(pack) = at {
            if pack.default {
                return true;
            }
            at = pack.extends.as_ref().and_then(|e| ordered.iter().find(|o| &o.id == e));
        }
        false
    };
    let (mut ordered, past): (Vec<&Pack>, Vec<&Pack>) = ordered.iter().partition(|p| today(p));
    ordered.extend(past);
    let mut out = String::from(
        "/// (id, file, JSON), each after the pack it extends.\npub const PACKS: &[(&str, &str, &str)] = &[\n",
    );
    for p in ordered {
        writeln!(out, "    ({:?}, {:?}, {:?}),", p.id, p.file, p.json).unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("packs.rs");
    fs::write(dest, out).expect("write packs.rs");
}
