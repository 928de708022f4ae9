//! A pack as a clerk writes it: TOML, with comments (`policies/*.toml`,
//! `docs/example-pack.toml`), read wherever JSON is (`canbao validate`,
//! `loadPolicy` text, `make city`). The TOML is turned into the JSON the
//! compiler reads, and an error the compiler finds at a key
//! (`schemes[0].fees[1].tiers[2]`) is placed back on the TOML's line and
//! column, which is where the clerk will look.
//!
//! `toml_edit` rather than `toml`: it keeps every table's and key's place in
//! the text. Only the CLI and the loader module have it (feature `loader`);
//! the built-in packs are converted when the crate is built (`build.rs`).

use serde_json::{Map, Number, Value};
use toml_edit::{ImDocument, Item, Table, Value as TomlValue};

/// Whether a pack's text is JSON (an object) rather than TOML.
pub fn is_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').trim_start().starts_with('{')
}

/// A TOML error: what, and where (1-based line and column).
pub struct TomlError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// The pack's JSON text, from its TOML. A date written without quotes
/// (`from = 2026-01-01`) is read as the string it looks like.
pub fn to_json(text: &str) -> Result<String, TomlError> {
    let doc = ImDocument::parse(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
        // What was wrong and what was expected, on one line.
        let message = e
            .message()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        TomlError { message, line, column }
    })?;
    let value = table(doc.as_table()).map_err(|(message, at)| {
        let (line, column) = at.map_or((1, 1), |a| line_column(text, a));
        TomlError { message, line, column }
    })?;
    Ok(value.to_string())
}

type Converted = Result<Value, (String, Option<usize>)>;

fn table(t: &Table) -> Converted {
    let mut map = Map::new();
    for (key, item) in t.iter() {
        map.insert(key.to_owned(), item_value(item)?);
    }
    Ok(Value::Object(map))
}

fn item_value(item: &Item) -> Converted {
    match item {
        Item::None => Ok(Value::Null),
        Item::Value(v) => value(v),
        Item::Table(t) => table(t),
        Item::ArrayOfTables(a) => a.iter().map(table).collect::<Result<Vec<_>, _>>().map(Value::Array),
    }
}

fn value(v: &TomlValue) -> Converted {
    Ok(match v {
        TomlValue::String(s) => Value::String(s.value().clone()),
        TomlValue::Integer(i) => Value::Number((*i.value()).into()),
        TomlValue::Float(f) => match Number::from_f64(*f.value()) {
            Some(n) => Value::Number(n),
            None => return Err(("not a number a pack can use".into(), v.span().map(|s| s.start))),
        },
        TomlValue::Boolean(b) => Value::Bool(*b.value()),
        TomlValue::Datetime(d) => Value::String(d.value().to_string()),
        TomlValue::Array(a) => Value::Array(a.iter().map(value).collect::<Result<_, _>>()?),
        TomlValue::InlineTable(t) => {
            let mut map = Map::new();
            for (key, v) in t.iter() {
                map.insert(key.to_owned(), value(v)?);
            }
            Value::Object(map)
        }
    })
}

/// The line and column (1-based) of the key `path` names
/// (`schemes[0].fees[1].tiers[2].individual`) in the TOML text, or of the
/// nearest table or key above it that is written there.
pub fn position(text: &str, path: &str) -> Option<(usize, usize)> {
    let doc = ImDocument::parse(text).ok()?;
    let mut at = None;
    let mut item: Option<Place> = Some(Place::Table(doc.as_table()));
    for step in steps(path) {
        let next = match (item, step) {
            (Some(Place::Table(t)), Step::Key(k)) => {
                if let Some((key, _)) = t.get_key_value(k) {
                    at = key.span().map(|s| s.start).or(at);
                }
                t.get(k).map(Place::from_item)
            }
            (Some(Place::Inline(t)), Step::Key(k)) => {
                if let Some((key, _)) = t.get_key_value(k) {
                    at = key.span().map(|s| s.start).or(at);
                }
                t.get(k).map(Place::Value)
            }
            (Some(Place::Tables(a)), Step::Index(i)) => a.get(i).map(|t| {
                at = t.span().map(|s| s.start).or(at);
                Place::Table(t)
            }),
            (Some(Place::Value(TomlValue::Array(a))), Step::Index(i)) => a.get(i).map(|v| {
                at = v.span().map(|s| s.start).or(at);
                Place::Value(v)
            }),
            _ => None,
        };
        if next.is_none() {
            break;
        }
        item = next;
        if let Some(Place::Value(TomlValue::InlineTable(t))) = item {
            item = Some(Place::Inline(t));
        }
    }
    at.map(|a| line_column(text, a))
}

#[derive(Clone, Copy)]
enum Place<'a> {
    Table(&'a Table),
    Tables(&'a toml_edit::ArrayOfTables),
    Inline(&'a toml_edit::InlineTable),
    Value(&'a TomlValue),
}

impl<'a> Place<'a> {
    fn from_item(item: &'a Item) -> Place<'a> {
        match item {
            Item::Table(t) => Place::Table(t),
            Item::ArrayOfTables(a) => Place::Tables(a),
            Item::Value(TomlValue::InlineTable(t)) => Place::Inline(t),
            Item::Value(v) => Place::Value(v),
            // An empty item is never returned by `get`.
            Item::None => Place::Table(EMPTY.get_or_init(Table::new)),
        }
    }
}

static EMPTY: std::sync::OnceLock<Table> = std::sync::OnceLock::new();

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `schemes[0].fees` → Key("schemes"), Index(0), Key("fees").
fn steps(path: &str) -> impl Iterator<Item = Step<'_>> {
    path.split('.').filter(|s| !s.is_empty()).flat_map(|part| {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        let indexes = rest
            .split('[')
            .filter_map(|i| i.trim_end_matches(']').parse::<usize>().ok())
            .map(Step::Index);
        (!key.is_empty())
            .then_some(Step::Key(key))
            .into_iter()
            .chain(indexes.collect::<Vec<_>>())
    })
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = "id = \"x\"\n# a comment\n[[schemes]]\nscheme = \"employee\"\n\n[[schemes.fees]]\nfrom = 2026-01-01\nperiod = \"year\"\n\n[[schemes.fees.tiers]]\nindividual = \"400.00\"\nwhen = { lowIncome = [\"dibao\"] }\n";

    #[test]
    fn toml_becomes_the_json_the_compiler_reads_dates_as_strings() {
        let json: Value = serde_json::from_str(&to_json(PACK).ok().unwrap_or_default()).unwrap_or_default();
        assert_eq!(json["schemes"][0]["fees"][0]["from"], "2026-01-01");
        assert_eq!(
            json["schemes"][0]["fees"][0]["tiers"][0]["when"]["lowIncome"][0],
            "dibao"
        );
        assert!(is_json(" \n{\"id\":1}") && !is_json(PACK));
    }

    #[test]
    fn a_key_is_found_on_its_line() {
        assert_eq!(position(PACK, "schemes[0].fees[0].tiers[0].individual"), Some((11, 1)));
        assert_eq!(
            position(PACK, "schemes[0].fees[0].tiers[0].when.lowIncome"),
            Some((12, 10))
        );
        // A key that is not there (a missing field): the table it is missing from.
        assert_eq!(position(PACK, "schemes[0].fees[0].tiers[0].source"), Some((10, 1)));
        assert_eq!(position(PACK, "schemes[0].fees[0]"), Some((6, 1)));
        assert_eq!(position(PACK, "id"), Some((1, 1)));
    }

    #[test]
    fn a_syntax_error_says_where() {
        let e = to_json("id = \"x\"\nname = \n").err();
        assert_eq!(e.as_ref().map(|e| (e.line, e.column)), Some((2, 8)));
    }
}
