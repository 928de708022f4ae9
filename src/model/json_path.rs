//! Where in a JSON text an error is: the path of the value at a byte offset
//! (`schemes[1].fees[0].tiers`), for serde's errors, which say only line and
//! column.
//!
//! Why not `serde_path_to_error`, which tracks the path while deserializing:
//! it wraps every deserializer and seed, and with the pack format's forty types
//! that came to a third of the WebAssembly module (80 KB, 22 KB gzip). Working
//! the path out afterwards, only on the way to an error, is this one scan.

/// One level of the path: an object's key (once read) or an array's index.
enum Level<'a> {
    Object(Option<&'a str>),
    Array(usize),
}

/// The path of the value the byte at `offset` belongs to, or of the key it is
/// in: `""` for the root. serde_json places an error at the last byte it read:
/// the end of the offending key or value, or the `}` of an object that lacks a
/// field (`object_itself`: the path of that object, not of its last key).
pub fn path_at(text: &str, offset: usize, object_itself: bool) -> String {
    let bytes = text.as_bytes();
    let mut stack: Vec<Level> = Vec::new();
    // In an object: is the next string a key?
    let mut want_key = false;
    let mut i = 0;
    while i < bytes.len().min(offset.saturating_add(1)) {
        match bytes.get(i).copied().unwrap_or(b' ') {
            b'"' => {
                let end = string_end(bytes, i);
                if want_key {
                    let key = text.get(i + 1..end).unwrap_or_default();
                    if let Some(Level::Object(k)) = stack.last_mut() {
                        *k = Some(key);
                    }
                    want_key = false;
                }
                i = end;
            }
            b'{' => {
                stack.push(Level::Object(None));
                want_key = true;
            }
            b'[' => stack.push(Level::Array(0)),
            b'}' | b']' if i < offset => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Level::Array(n)) => *n += 1,
                Some(Level::Object(k)) => {
                    *k = None;
                    want_key = true;
                }
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    if object_itself {
        if let Some(Level::Object(k)) = stack.last_mut() {
            *k = None;
        }
    }
    let mut path = String::new();
    for level in &stack {
        match level {
            Level::Object(Some(k)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Level::Object(None) => {}
            Level::Array(n) => {
                path.push('[');
                path.push_str(&n.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// The index of the quote that closes the string opening at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The byte offset of serde_json's line and column (both from 1: the column
/// of the last byte read).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column).saturating_sub(1)
}

/// The offset of the first `null` outside a string, if any.
pub fn first_null(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(b) = bytes.get(i) {
        match b {
            b'"' => i = string_end(bytes, i),
            b'n' if bytes.get(i..i + 4) == Some(b"null") => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The offset of the first `[` outside a string that is not the value of one
/// of the `lists` keys: where a list stands in for an object (serde reads a
/// struct from a list of its fields too), or a list in a list.
pub fn first_list(text: &str, lists: &[&str]) -> Option<usize> {
    // Most requests hold no list: a plain search is all they cost.
    if !text.contains('[') {
        return None;
    }
    let bytes = text.as_bytes();
    // For each object or list the scan is in: for an object, its current key.
    let mut stack: Vec<Option<&str>> = Vec::new();
    let mut want_key = false;
    let mut i = 0;
    while let Some(b) = bytes.get(i) {
        match b {
            b'"' => {
                let end = string_end(bytes, i);
                if want_key {
                    if let Some(top) = stack.last_mut() {
                        *top = text.get(i + 1..end);
                    }
                    want_key = false;
                }
                i = end;
            }
            b'{' => {
                stack.push(Some(""));
                want_key = true;
            }
            b'[' => match stack.last() {
                Some(Some(key)) if lists.contains(key) => stack.push(None),
                _ => return Some(i),
            },
            b'}' | b']' => {
                stack.pop();
            }
            b',' => want_key = matches!(stack.last(), Some(Some(_))),
            _ => {}
        }
        i += 1;
    }
    None
}

/// What makes a text too much to read, whatever its size: a string longer
/// than the limit, or nesting deeper than it.
#[derive(Debug, PartialEq, Eq)]
pub enum Unfit {
    /// A string (a key or a value) of more bytes than allowed.
    LongString,
    /// A `{` or `[` beyond the nesting allowed.
    Deep,
}

/// The first string over `max_string` bytes (as written, between its quotes)
/// or bracket nested deeper than `max_depth`, with the offset whose
/// [`path_at`] names where it is: the value's own path, or a key's object.
/// One pass, done before serde reads the text, so that the wasm build and
/// the CLI refuse the same texts with the same codes.
pub fn first_unfit(text: &str, max_string: usize, max_depth: usize) -> Option<(usize, Unfit)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    // In an object, is the next string a key?
    let mut objects: Vec<bool> = Vec::new();
    let mut want_key = false;
    let mut i = 0;
    while let Some(b) = bytes.get(i) {
        match b {
            b'"' => {
                let end = string_end(bytes, i);
                if end - i - 1 > max_string {
                    // A key is placed on its object: its own path would be itself.
                    return Some((if want_key { i.saturating_sub(1) } else { i }, Unfit::LongString));
                }
                want_key = false;
                i = end;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > max_depth {
                    return Some((i.saturating_sub(1), Unfit::Deep));
                }
                objects.push(*b == b'{');
                want_key = *b == b'{';
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                objects.pop();
            }
            b',' => want_key = objects.last() == Some(&true),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, marker: &str) -> String {
        path_at(text, text.find(marker).unwrap(), false)
    }

    #[test]
    fn paths_of_keys_values_and_items() {
        let t = r#"{"a":{"b":[1,{"c":"x\"y","d":true}]},"e":null}"#;
        assert_eq!(at(t, "true"), "a.b[1].d");
        assert_eq!(at(t, "\"x"), "a.b[1].c");
        assert_eq!(at(t, "null"), "e");
        assert_eq!(at(t, "1,"), "a.b[0]");
        assert_eq!(path_at(t, 0, false), "");
        // A missing field is reported at its object's closing brace.
        let t = r#"{"p":{"r":{"other":1}}}"#;
        assert_eq!(path_at(t, t.find("}}").unwrap(), true), "p.r");
    }

    #[test]
    fn long_strings_and_deep_nesting_placed() {
        let long = "x".repeat(20);
        let t = format!(r#"{{"a":{{"b":"{long}"}}}}"#);
        let (at, why) = first_unfit(&t, 16, 24).unwrap();
        assert_eq!((path_at(&t, at, false).as_str(), why), ("a.b", Unfit::LongString));
        // A long key is placed on the object holding it.
        let t = format!(r#"{{"a":{{"ok":1, "{long}":1}}}}"#);
        let (at, why) = first_unfit(&t, 16, 24).unwrap();
        assert_eq!((path_at(&t, at, false).as_str(), why), ("a", Unfit::LongString));
        // Escapes count as written; exactly the limit passes.
        assert_eq!(first_unfit(r#"{"a":"\"xxxxxxxxxxxxxx"}"#, 16, 24), None);
        assert_eq!(first_unfit(r#"{"a":[[1]]}"#, 16, 3), None);
        let t = r#"{"a":[[[1]]]}"#;
        let (at, why) = first_unfit(t, 16, 3).unwrap();
        assert_eq!((path_at(t, at, false).as_str(), why), ("a[0][0]", Unfit::Deep));
    }

    #[test]
    fn null_outside_strings_only() {
        assert_eq!(first_null(r#"{"a":"null","b":null}"#), Some(16));
        assert_eq!(first_null(r#"{"a":"nul\"l"}"#), None);
    }

    #[test]
    fn line_and_column_to_offset() {
        assert_eq!(offset_of("ab\ncd", 2, 2), 4);
        assert_eq!(offset_of("abc", 1, 3), 2);
    }

    #[test]
    fn lists_only_where_allowed() {
        assert_eq!(first_list(r#"{"members":[{"a":1},{"b":"[x"}]}"#, &["members"]), None);
        assert_eq!(first_list(r#"{"members":[[1]]}"#, &["members"]), Some(12));
        assert_eq!(first_list(r#"{"p":{"h":["u"]}}"#, &[]), Some(10));
        assert_eq!(first_list(r#"{"x":"members","p":[1]}"#, &["members"]), Some(19));
        assert_eq!(first_list(r#"[1]"#, &["members"]), Some(0));
        assert_eq!(first_list(r#"{"a":{"members":[1]},"b":[2]}"#, &["members"]), Some(25));
    }
}
