//! Reading typed values out of a JSON tree, naming the path of whatever is wrong.
//!
//! Requests and packs arrive as JSON text (the CLI, the built-in packs) or as
//! JavaScript objects (the wasm API). Both become one `serde_json::Value` tree,
//! and everything is read out of it by the small readers here, each of which knows
//! its path: an error says `schemes[1].fees[0].tiers[2].individual` and what is
//! wrong there.
//!
//! Why by hand and not with serde's derive: derived visitors, one per type and per
//! field type, were a third of the wasm module (some 130 KB), which rural users
//! download over slow links. These readers are a few hundred bytes each.

use std::fmt;

use serde_json::{Map, Value};

/// What kind of mistake, so a request error can get its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// A key the reader does not know.
    Unknown,
    /// A required key that is not there.
    Missing,
    /// A value of the wrong JSON type.
    Type,
    /// A value of the right type that is not allowed (an unknown name); the
    /// message lists what is.
    Value,
    /// A string that is not a date.
    Date,
    /// A string that is not an amount.
    Amount,
    /// A number out of range; the message gives the range.
    Range,
}

/// What went wrong, and at which path (`""` for the root).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    pub path: String,
    pub fault: Fault,
    pub message: String,
    /// For an unknown name: the allowed ones, quoted and joined.
    pub allowed: String,
}

/// A [`Detail`], boxed: every reader returns `Result<T, ReadError>`, and a
/// pointer-sized error keeps each `?` small in the wasm build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError(pub Box<Detail>);

impl std::ops::Deref for ReadError {
    type Target = Detail;
    fn deref(&self) -> &Detail {
        &self.0
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ReadError {}

pub type Read<T> = Result<T, ReadError>;

#[inline(never)]
pub fn fail<T>(path: &str, fault: Fault, message: String) -> Read<T> {
    Err(ReadError(Box::new(Detail {
        path: path.to_owned(),
        fault,
        message,
        allowed: String::new(),
    })))
}

/// `a.b`, or `b` at the root.
#[inline(never)]
pub fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value of the wrong JSON type.
#[inline(never)]
pub fn wrong_type<T>(v: &Value, path: &str, expected: &str) -> Read<T> {
    fail(
        path,
        Fault::Type,
        format!("invalid type: {}, expected {expected}", kind(v)),
    )
}

/// A value of the right type that is not allowed.
#[inline(never)]
pub fn bad_value<T>(path: &str, message: String) -> Read<T> {
    fail(path, Fault::Value, message)
}

#[inline(never)]
pub fn string(v: &Value, path: &str) -> Read<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        _ => wrong_type(v, path, "a string"),
    }
}

#[inline(never)]
pub fn boolean(v: &Value, path: &str) -> Read<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        _ => wrong_type(v, path, "true or false"),
    }
}

/// A whole number (a JSON integer; `34.0` and `34.5` are refused).
#[inline(never)]
pub fn integer(v: &Value, path: &str) -> Read<i64> {
    match v.as_i64() {
        Some(n) => Ok(n),
        None => wrong_type(v, path, "a whole number"),
    }
}

/// A whole number within `min..=max`.
#[inline(never)]
pub fn integer_in(v: &Value, path: &str, min: i64, max: i64) -> Read<i64> {
    let n = integer(v, path)?;
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        fail(path, Fault::Range, format!("{min}–{max}"))
    }
}

/// A string parsed by `parse`, which says what it expected on failure.
pub fn parsed<T>(v: &Value, path: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Read<T> {
    match v {
        Value::String(s) => parse(s).or_else(|message| bad_value(path, message)),
        _ => wrong_type(v, path, "a string"),
    }
}

/// A closed vocabulary spelled as strings on the wire (see `vocab`).
pub trait Choice: Sized + Copy {
    /// The wire spellings, in order.
    const NAMES: &'static [&'static str];
    /// The value at a position of `NAMES`.
    fn nth(i: usize) -> Option<Self>;
    /// Its position in `NAMES`: its bit in a [`Set`].
    fn bit(self) -> u32;
}

/// Names quoted and joined for a message: `"male", "female"`.
pub fn quoted(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    q.join(", ")
}

/// The position of a string among `names`; not generic, so one copy serves
/// every vocabulary.
#[inline(never)]
fn position(v: &Value, path: &str, names: &[&str]) -> Read<usize> {
    let s = string(v, path)?;
    names.iter().position(|n| *n == s).ok_or_else(|| {
        let allowed = quoted(names);
        let message = format!("unknown value \"{s}\", expected one of {allowed}");
        ReadError(Box::new(Detail {
            path: path.to_owned(),
            fault: Fault::Value,
            message,
            allowed,
        }))
    })
}

/// One of a vocabulary's values; an unknown one is refused naming those allowed.
pub fn choice<T: Choice>(v: &Value, path: &str) -> Read<T> {
    let i = position(v, path, T::NAMES)?;
    T::nth(i).map_or_else(|| fail(path, Fault::Value, format!("no value at position {i}")), Ok)
}

/// A set of values of one vocabulary (or of small numbers), one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Set(u32);

impl Set {
    pub fn has(self, bit: u32) -> bool {
        bit < 32 && self.0 & (1 << bit) != 0
    }

    pub fn of(bits: &[u32]) -> Set {
        Set(bits.iter().filter(|b| **b < 32).fold(0, |acc, b| acc | 1 << b))
    }
}

/// A date `YYYY-MM-DD`.
pub fn date(v: &Value, path: &str) -> Read<chrono::NaiveDate> {
    let s = string(v, path)?;
    crate::date::parse(&s).map_or_else(
        || fail(path, Fault::Date, format!("\"{s}\" is not a date: write YYYY-MM-DD")),
        Ok,
    )
}

/// A list of a vocabulary's values as a [`Set`] of their positions.
#[inline(never)]
pub fn set(v: &Value, path: &str, names: &[&str]) -> Read<Set> {
    let positions = list(v, path, |x, p| position(x, p, names))?;
    Ok(Set(positions.iter().fold(0, |acc, i| acc | 1 << i)))
}

/// A list, each item read by `item` at `path[i]`.
pub fn list<T>(v: &Value, path: &str, item: impl Fn(&Value, &str) -> Read<T>) -> Read<Vec<T>> {
    let Value::Array(items) = v else {
        return wrong_type(v, path, "a list");
    };
    // A plain loop: `collect` into a `Result` costs a few KB per item type in wasm.
    let mut out = Vec::with_capacity(items.len());
    for (i, x) in items.iter().enumerate() {
        out.push(item(x, &format!("{path}[{i}]"))?);
    }
    Ok(out)
}

/// An object being read: each key taken is remembered, and [`Obj::done`] refuses
/// any other.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    pub path: String,
    taken: Vec<&'static str>,
    /// The first error met by [`Obj::take`] and [`Obj::need`].
    error: Option<ReadError>,
}

impl<'a> Obj<'a> {
    #[inline(never)]
    pub fn new(v: &'a Value, path: &str) -> Read<Obj<'a>> {
        match v {
            Value::Object(map) => Ok(Obj {
                map,
                path: path.to_owned(),
                taken: Vec::new(),
                error: None,
            }),
            _ => wrong_type(v, path, "an object"),
        }
    }

    /// The key's value, `None` when absent or `null`.
    #[inline(never)]
    pub fn get(&mut self, key: &'static str) -> Option<(&'a Value, String)> {
        self.taken.push(key);
        self.map
            .get(key)
            .filter(|v| !v.is_null())
            .map(|v| (v, child(&self.path, key)))
    }

    /// An optional key, read by `read`.
    pub fn opt<T>(&mut self, key: &'static str, read: impl FnOnce(&Value, &str) -> Read<T>) -> Read<Option<T>> {
        match self.get(key) {
            Some((v, path)) => read(v, &path).map(Some),
            None => Ok(None),
        }
    }

    /// A required key, read by `read`.
    pub fn req<T>(&mut self, key: &'static str, read: impl FnOnce(&Value, &str) -> Read<T>) -> Read<T> {
        match self.get(key) {
            Some((v, path)) => read(v, &path),
            None => fail(
                &child(&self.path, key),
                Fault::Missing,
                format!("missing field `{key}`"),
            ),
        }
    }

    /// An optional list, empty when absent.
    pub fn list<T>(&mut self, key: &'static str, item: impl Fn(&Value, &str) -> Read<T>) -> Read<Vec<T>> {
        Ok(self.opt(key, |v, p| list(v, p, item))?.unwrap_or_default())
    }

    // The readers of packs use `take`, `need` and `many`, which never fail: they
    // keep the first error and give a default, and `finish` returns that error.
    // A struct is then built in one straight line, and an error drops it whole;
    // with `?` after every field, each field's failure would need its own code
    // to drop the fields read before it, which made up much of the wasm module.

    /// An optional key, read by `read`; `None` when absent (or after an error).
    pub fn take<T>(&mut self, key: &'static str, read: impl FnOnce(&Value, &str) -> Read<T>) -> Option<T> {
        let (v, path) = self.get(key)?;
        if self.error.is_some() {
            return None;
        }
        read(v, &path).map_err(|e| self.error = Some(e)).ok()
    }

    /// A required key, read by `read`; its default when absent (an error kept).
    pub fn need<T: Default>(&mut self, key: &'static str, read: impl FnOnce(&Value, &str) -> Read<T>) -> T {
        match self.take(key, read) {
            Some(value) => value,
            None => {
                self.missing(key);
                T::default()
            }
        }
    }

    /// An optional list, empty when absent.
    pub fn many<T>(&mut self, key: &'static str, item: impl Fn(&Value, &str) -> Read<T>) -> Vec<T> {
        self.take(key, |v, p| list(v, p, item)).unwrap_or_default()
    }

    #[inline(never)]
    fn missing(&mut self, key: &'static str) {
        if self.error.is_none() && self.map.get(key).is_none_or(Value::is_null) {
            self.error = fail::<()>(
                &child(&self.path, key),
                Fault::Missing,
                format!("missing field `{key}`"),
            )
            .err();
        }
    }

    /// The value read, or the first error, or an error naming an unknown key.
    pub fn finish<T>(mut self, value: T) -> Read<T> {
        match self.error.take() {
            Some(e) => Err(e),
            None => self.done().map(|()| value),
        }
    }

    /// Refuses any key that was not taken, naming it and the ones allowed.
    #[inline(never)]
    pub fn done(self) -> Read<()> {
        match self.map.keys().find(|k| !self.taken.contains(&k.as_str())) {
            None => Ok(()),
            Some(k) => {
                let allowed: Vec<String> = self.taken.iter().map(|t| format!("`{t}`")).collect();
                fail(
                    &child(&self.path, k),
                    Fault::Unknown,
                    format!("unknown field `{k}`, expected one of {}", allowed.join(", ")),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct Inner {
        n: i64,
    }

    fn inner(v: &Value, path: &str) -> Read<Inner> {
        let mut o = Obj::new(v, path)?;
        let n = o.req("n", integer)?;
        o.done()?;
        Ok(Inner { n })
    }

    fn outer(v: &Value) -> Read<(String, Vec<Inner>, Option<bool>)> {
        let mut o = Obj::new(v, "")?;
        let r = (
            o.req("name", string)?,
            o.list("items", inner)?,
            o.opt("maybe", boolean)?,
        );
        o.done()?;
        Ok(r)
    }

    fn err(v: Value) -> String {
        outer(&v).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn errors_name_their_path() {
        assert_eq!(
            err(json!({"name":"a","items":[{"n":1},{"n":"x"}]})),
            "items[1].n: invalid type: a string, expected a whole number"
        );
        assert_eq!(
            err(json!({"name":"a","items":[{"n":1,"m":2}]})),
            "items[0].m: unknown field `m`, expected one of `n`"
        );
        assert_eq!(err(json!({"name":"a","items":[{}]})), "items[0].n: missing field `n`");
        assert_eq!(err(json!({"items":[]})), "name: missing field `name`");
        assert_eq!(err(json!(["a", []])), "invalid type: an array, expected an object");
    }

    #[test]
    fn reads_what_is_right_and_null_is_absent() {
        let (name, items, maybe) = outer(&json!({"name":"a","items":[{"n":1}],"maybe":null})).unwrap();
        assert_eq!((name.as_str(), items[0].n, maybe), ("a", 1, None));
    }
}
