//! Converts the policy packs in `policies/` from TOML (what their authors write,
//! with comments) to JSON embedded in the binary, so neither the native nor the
//! wasm build carries a TOML parser. A pack that is not valid TOML fails the build
//! here with its file and line; what TOML cannot check (citations, dates, unknown
//! keys) the engine checks when it loads the JSON, and the tests load every pack.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn to_json(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_string(&value).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    println!("cargo:rerun-if-changed=policies");
    let mut files: Vec<_> = fs::read_dir("policies")
        .expect("policies/ folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = String::new();
    let mut national = None;
    out.push_str("pub const PACKS: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let json = to_json(path);
        let name = format!("policies/{}", path.file_name().unwrap_or_default().to_string_lossy());
        if name == "policies/national.toml" {
            national = Some(json);
        } else {
            writeln!(out, "    ({name:?}, {json:?}),").unwrap();
        }
    }
    out.push_str("];\n");
    let national = national.expect("policies/national.toml");
    writeln!(out, "pub const NATIONAL: &str = {national:?};").unwrap();
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("packs.rs");
    fs::write(dest, out).expect("write packs.rs");
}
