//! Text in, text out: the calls the CLI and the WebAssembly bindings share, so
//! both answer every input alike.
//!
//! Each returns JSON text: the answer, or the contract's error body
//! (`{"error": {code, field, message}}`) as `Err`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::contract::render::{self, Day, Layout, Style};
use crate::contract::{decode, household};
use crate::model::text::Lang;
use crate::model::vocab::{Level, Province, Scheme, Strength};
use crate::pack::{Pack, PackError, Source};
use crate::rules::Engine;

/// How an answer is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Compact JSON, every text written out (the CLI's default).
    Compact,
    /// Indented JSON, for people at a terminal.
    Indented,
    /// Compact JSON naming the pack's texts and reasons by their number in
    /// [`render::table`] (the WebAssembly wrapper's: it keeps the table).
    Numbered,
}

impl Format {
    fn layout(self) -> Layout {
        match self {
            Format::Indented => Layout::Indented,
            Format::Compact | Format::Numbered => Layout::Compact,
        }
    }
}

/// Answers a request (JSON text) as JSON text.
pub fn check(engine: &Engine, request: &str, today: NaiveDate, format: Format) -> Result<String, String> {
    let layout = format.layout();
    let req = decode::from_json(request).map_err(|e| render::error_json(&e, layout))?;
    let decision = engine.decide(&req, today).map_err(|e| render::error_json(&e, layout))?;
    let style = Style {
        lang: req.lang,
        numbered: format == Format::Numbered,
    };
    Ok(render::json(&render::response(&decision, style), layout))
}

/// Answers a household request (JSON text) as JSON text (texts written out).
pub fn check_household(engine: &Engine, request: &str, today: NaiveDate, format: Format) -> Result<String, String> {
    let layout = format.layout();
    let req = decode::household_from_json(request).map_err(|e| render::error_json(&e, layout))?;
    let decision = engine
        .decide_household(&req, today)
        .map_err(|e| render::error_json(&e, layout))?;
    Ok(render::json(&household::render(&decision, req.lang), layout))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SourceOut<'a> {
    id: &'a str,
    number: Option<&'a str>,
    title: &'a str,
    issued: Option<Day>,
    file: Option<&'a str>,
    strength: Strength,
}

#[derive(Serialize)]
struct YearOut {
    year: i32,
    provisional: bool,
}

/// A pack as a region picker lists it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    id: &'a str,
    name: &'a str,
    default: bool,
    builtin: bool,
    extends: Option<&'a str>,
    first_year: i32,
    last_year: Option<i32>,
    /// The coverage year being enrolled for today, if the pack serves it.
    enrolling_year: Option<i32>,
    /// The province it is in (or is), and whether it is for the province or a city.
    province: Option<Province>,
    level: Option<Level>,
    /// Former ids that still name it.
    aliases: &'a [String],
    /// Every coverage year it answers with figures, oldest first, and whether
    /// they stand in for ones not yet published: what a year picker offers.
    years: Vec<YearOut>,
    /// What loads but is likely not meant (a pack loaded, not a built-in
    /// one); the core has none to say (the loader module says them).
    #[cfg(feature = "loader")]
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
    schemes: Vec<Scheme>,
    sources: Vec<SourceOut<'a>>,
    hash: &'a str,
}

fn region<'a>(p: &'a Pack, lang: Lang, today: NaiveDate) -> Region<'a> {
    let (year, _) = Engine::enrolling_year(p, today);
    let serves = p.reference_day.in_year(year).is_some_and(|d| p.valid.contains(d));
    let source = |s: &'a Source| SourceOut {
        id: &s.id,
        number: s.number.as_ref().map(|n| n.get(lang)),
        title: s.title.get(lang),
        issued: s.issued.map(Day),
        file: s.file.as_deref(),
        strength: s.strength,
    };
    Region {
        id: &p.id,
        name: p.name.get(lang),
        default: p.default,
        builtin: p.builtin,
        extends: p.extends.as_deref(),
        first_year: p.first_year(),
        last_year: p.last_year(),
        enrolling_year: serves.then_some(year),
        province: p.province,
        level: p.level,
        aliases: &p.aliases,
        years: {
            let last = p.last_figured_year().max(if serves { year } else { i32::MIN });
            (p.first_year()..=last)
                .map(|y| YearOut {
                    year: y,
                    provisional: p.provisional(y),
                })
                .collect()
        },
        #[cfg(feature = "loader")]
        warnings: &p.warnings,
        schemes: p.schemes.iter().map(|s| s.scheme).collect(),
        sources: p.sources.iter().map(source).collect(),
        hash: &p.hash,
    }
}

/// The packs a request may name, with their years and sources.
pub fn regions(engine: &Engine, lang: Lang, today: NaiveDate, format: Format) -> String {
    let list: Vec<Region> = engine.regions().map(|p| region(p, lang, today)).collect();
    render::json(&list, format.layout())
}

/// Every request field a form may ask, with its words in the three languages.
pub fn fields(format: Format) -> String {
    render::json(&crate::contract::words::field_list(), format.layout())
}

/// The pack's texts and reasons by number, in `lang` (see [`Format::Numbered`]).
pub fn table(engine: &Engine, lang: Lang) -> String {
    render::table(engine.registry(), lang)
}

/// Loads a pack (JSON text); the answer is the pack as `regions` lists it.
#[cfg(feature = "loader")]
pub fn load(engine: &mut Engine, text: &str, file: &str, today: NaiveDate) -> Result<String, PackError> {
    let pack = engine.load(text, file)?;
    Ok(render::json(&region(pack, Lang::default(), today), Layout::Compact))
}

/// Adds a compiled pack; the answer is the pack as `regions` lists it.
pub fn add(engine: &mut Engine, pack: Pack, file: &str, today: NaiveDate) -> Result<String, PackError> {
    let pack = engine.add(pack, file)?;
    Ok(render::json(&region(pack, Lang::default(), today), Layout::Compact))
}

#[derive(Serialize)]
struct PackVersion<'a> {
    id: &'a str,
    hash: &'a str,
    builtin: bool,
}

#[derive(Serialize)]
struct Version<'a> {
    version: &'static str,
    packs: Vec<PackVersion<'a>>,
}

/// The crate version and each pack's hash, so a kiosk can show which rules it runs.
pub fn version(engine: &Engine) -> String {
    let packs = engine
        .packs()
        .iter()
        .map(|p| PackVersion {
            id: &p.id,
            hash: &p.hash,
            builtin: p.builtin,
        })
        .collect();
    render::json(
        &Version {
            version: render::VERSION,
            packs,
        },
        Layout::Compact,
    )
}
