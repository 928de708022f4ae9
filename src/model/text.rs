//! Text in the three languages, and the JSON prepared from it.
//!
//! A pack's words, a place's name, a scheme's standard name: each is a
//! [`Text`], Simplified Chinese always, Traditional Chinese and English where
//! the author gave them (each falls back to Simplified). When the engine takes
//! a pack, every text is also written once as JSON ([`Rendered`]), so that
//! answering copies bytes instead of escaping them.

use serde_json::value::RawValue;

wire_enum! {
    /// The language of every message in a response.
    Lang { ZhCn = "zh-CN", ZhTw = "zh-TW", En = "en" }
}

// Not derived: the variants come from the macro.
#[allow(clippy::derivable_impls)]
impl Default for Lang {
    fn default() -> Lang {
        Lang::ZhCn
    }
}

impl Lang {
    /// Its position in a `[zh-CN, zh-TW, en]` triple.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// JSON, ready to be copied into a response, in each language: a text as a
/// JSON string, or a reason as a JSON object. Made once, when the engine takes
/// a pack (writing the response was most of a check's time). Shared, not
/// copied, by the packs that inherit it and by the engine's table of numbered
/// texts.
#[derive(Clone, Debug, Default)]
pub struct Rendered(Option<std::sync::Arc<[Box<RawValue>; 3]>>);

impl Rendered {
    /// The three languages' JSON, in [`Lang`] order; empty if any is not JSON.
    pub fn new(values: [String; 3]) -> Rendered {
        let [a, b, c] = values;
        let raw = |s: String| RawValue::from_string(s).ok();
        match (raw(a), raw(b), raw(c)) {
            (Some(a), Some(b), Some(c)) => Rendered(Some(std::sync::Arc::new([a, b, c]))),
            _ => Rendered(None),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    pub fn get(&self, lang: Lang) -> Option<&RawValue> {
        self.0.as_ref().and_then(|r| r.get(lang.index())).map(|b| &**b)
    }
}

/// Rendered JSON is a cache of what it renders: not part of equality.
impl PartialEq for Rendered {
    fn eq(&self, _: &Rendered) -> bool {
        true
    }
}

impl Eq for Rendered {}

/// Text in the three languages, Traditional and English falling back to
/// Simplified Chinese where none is given.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Text {
    pub zh_cn: String,
    pub zh_tw: Option<String>,
    pub en: Option<String>,
    /// Each language's text as a JSON string.
    #[serde(skip)]
    pub json: Rendered,
    /// Its number in the engine's table of rendered texts (see `Registry::table`).
    #[serde(skip)]
    pub id: u32,
}

impl Text {
    /// Renders [`Text::json`].
    pub fn render(&mut self) {
        let quoted = |lang| serde_json::to_string(self.get(lang)).unwrap_or_default();
        self.json = Rendered::new([quoted(Lang::ZhCn), quoted(Lang::ZhTw), quoted(Lang::En)]);
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh_cn,
            Lang::ZhTw => self.zh_tw.as_deref().unwrap_or(&self.zh_cn),
            Lang::En => self.en.as_deref().unwrap_or(&self.zh_cn),
        }
    }

    /// A text from its three forms.
    pub fn of(zh_cn: &str, zh_tw: &str, en: &str) -> Text {
        Text::new(zh_cn.to_owned(), Some(zh_tw.to_owned()), Some(en.to_owned()))
    }

    /// A text from what an author gave: Simplified, and Traditional and English if any.
    pub fn new(zh_cn: String, zh_tw: Option<String>, en: Option<String>) -> Text {
        Text {
            zh_cn,
            zh_tw,
            en,
            json: Rendered::default(),
            id: 0,
        }
    }

    /// Blank in some language.
    pub fn is_blank(&self) -> bool {
        Lang::ALL.iter().any(|l| self.get(*l).trim().is_empty())
    }
}

/// At most 80 characters of a value, for a message: a message never grows
/// with its input.
pub fn clip(s: &str) -> String {
    bounded(s, 80)
}

/// At most `max` characters of `s`, control characters replaced.
pub fn bounded(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .take(max)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}
