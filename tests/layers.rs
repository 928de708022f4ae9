//! The layers of `src/`, held: each module imports only from its own layer
//! and those below it, and no files import each other in a circle.
//!
//! From the ground up: `model` (vocabulary, dates, money, text, the person,
//! the request), `pack` (the pack model, file format and compiler), `rules`
//! (deciding), `contract` (JSON in and out, words), `api` (text in, text out),
//! `roster` (a whole list checked: rows in, rows out),
//! and the bindings (`wasm.rs`; `main.rs` is a crate of its own and uses the
//! library as any user would). The test reads the `crate::` paths in each
//! file's code (its tests left out), as written: a path is always spelled
//! from `crate::`, never gathered in `use crate::{…}`, so that it can be read.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

const LAYERS: &[&str] = &["model", "pack", "rules", "contract", "api", "roster", "wasm"];

/// Every `.rs` file under `src/` but the binary's, by its module path (`pack::when`).
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
            if path.is_dir() {
                walk(&path, &format!("{prefix}{name}::"), out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let module = match name.as_str() {
                    "mod" => prefix.trim_end_matches("::").to_owned(),
                    _ => format!("{prefix}{name}"),
                };
                out.insert(module, fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(Path::new("src"), "", &mut out);
    out.remove("main");
    out.remove("lib");
    out
}

/// The code without its tests.
fn code(text: &str) -> &str {
    let cut = ["#[cfg(test)]", "#[cfg(all(test"]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    &text[..cut]
}

/// The module paths a file names with `crate::`, cut to modules that exist.
fn imports(text: &str, known: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code(text).match_indices("crate::") {
        let rest = &code(text)[at + 7..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        // The longest prefix that is a module.
        let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
        for n in (1..=parts.len()).rev() {
            let m = parts[..n].join("::");
            if known.contains_key(&m) {
                out.insert(m);
                break;
            }
        }
    }
    out
}

fn layer(module: &str) -> usize {
    let top = module.split("::").next().unwrap();
    LAYERS
        .iter()
        .position(|l| *l == top)
        .unwrap_or_else(|| panic!("src/{module}: in no layer"))
}

#[test]
fn no_module_imports_from_a_layer_above_its_own() {
    let modules = modules();
    assert!(modules.len() > 20, "{} modules", modules.len());
    let mut upward = Vec::new();
    for (module, text) in &modules {
        assert!(
            !code(text).contains("use crate::{"),
            "src/{module}: spell each path from crate::, not in a group"
        );
        for target in imports(text, &modules) {
            if layer(&target) > layer(module) {
                upward.push(format!("{module} -> {target}"));
            }
        }
    }
    assert!(upward.is_empty(), "imports running upward: {upward:#?}");
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let modules = modules();
    let graph: BTreeMap<&str, BTreeSet<String>> = modules
        .iter()
        .map(|(m, text)| {
            let mut to = imports(text, &modules);
            to.remove(m);
            (m.as_str(), to)
        })
        .collect();
    // Depth-first, with the path so far: a module met again on it closes a circle.
    fn visit<'a>(
        m: &'a str,
        graph: &'a BTreeMap<&'a str, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| *p == m) {
            return Some(path[i..].iter().map(|s| s.to_string()).chain([m.to_owned()]).collect());
        }
        if !done.insert(m) {
            return None;
        }
        path.push(m);
        for next in graph.get(m).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        let circle = visit(m, &graph, &mut Vec::new(), &mut done);
        assert!(circle.is_none(), "a circle: {}", circle.unwrap().join(" -> "));
    }
}
