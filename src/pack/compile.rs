//! Compiling a pack: its JSON text (what `policies/*.toml` become, or what an
//! operator hands to `loadPolicy`) read by serde ([`wire`]), checked, and turned
//! into the engine's types, its parent's items appended.
//!
//! It refuses a pack that would answer wrongly, naming the file and the key:
//! overlapping dates, negative amounts, unknown keys, `null`s, citations of
//! documents the pack does not list, overrides of schemes its parent does not
//! have. Every step is linear in the size of the pack, and the size is capped.

use chrono::Datelike;
use chrono::NaiveDate;

use super::*;
use crate::model::date;
use crate::model::json_path;
use crate::model::money::{Money, Rate};
use crate::model::text::{bounded, clip};
use crate::model::vocab::{Level, Period, Province, Scheme, Strength, Through};
use crate::pack::when::{Set, When};

impl Pack {
    /// Reads a pack from its JSON text and prepares it. `parent` is the pack it
    /// extends, looked up by the caller from its `extends`.
    pub fn load(
        text: &str,
        file: &str,
        builtin: bool,
        parent: impl FnOnce(&str) -> Option<Pack>,
    ) -> Result<Pack, PackError> {
        // A key or message quoting the pack is bounded: it never grows with the input.
        let fail = |key: &str, message: String| PackError {
            file: file.to_owned(),
            key: bounded(key, 200),
            message: bounded(&message, 600),
            line_column: None,
        };
        if text.len() > MAX_PACK_BYTES {
            return Err(fail(
                "",
                format!("{} bytes: a pack may have at most {MAX_PACK_BYTES}", text.len()),
            ));
        }
        // TOML, as clerks write packs: read as the JSON it stands for, and an
        // error placed back on the TOML's line.
        if !super::toml::is_json(text) {
            let json = super::toml::to_json(text).map_err(|e| PackError {
                line_column: Some((e.line, e.column)),
                ..fail("", format!("not TOML (nor JSON): {}", e.message))
            })?;
            let at = |key: &str| super::toml::position(text, key);
            return Pack::load_json(&json, text, file, builtin, parent, &at).map_err(|mut e| {
                e.line_column = at(&e.key);
                e
            });
        }
        Pack::load_json(text, text, file, builtin, parent, &|_| None)
    }

    /// Reads a pack from its JSON text (`json`; `text` is what was written,
    /// the same JSON or its TOML, and what the hash is of; `at` places a key
    /// in it, for warnings).
    fn load_json(
        json: &str,
        text: &str,
        file: &str,
        builtin: bool,
        parent: impl FnOnce(&str) -> Option<Pack>,
        at: &dyn Fn(&str) -> Option<(usize, usize)>,
    ) -> Result<Pack, PackError> {
        let fail = |key: &str, message: String| PackError {
            file: file.to_owned(),
            key: bounded(key, 200),
            message: bounded(&message, 600),
            line_column: None,
        };
        let text_written = text;
        let text = json;
        // The limits a request has: the same text refused the same way
        // whether it comes as text or as an object (which the wrapper writes).
        use crate::model::request::{MAX_NESTING, MAX_STRING_BYTES};
        if let Some((at, why)) = json_path::first_unfit(text, MAX_STRING_BYTES, MAX_NESTING) {
            let key = json_path::path_at(text, at, false);
            let message = match why {
                json_path::Unfit::LongString => format!("a text may have at most {MAX_STRING_BYTES} bytes"),
                json_path::Unfit::Deep => format!("nested deeper than {MAX_NESTING} levels"),
            };
            return Err(fail(&key, message));
        }
        if let Some(at) = json_path::first_null(text) {
            let key = json_path::path_at(text, at, false);
            return Err(fail(&key, "null is not allowed: leave the key out".into()));
        }
        // Serde reads a struct from a list of its fields too: only lists may be lists.
        if let Some(at) = json_path::first_list(text, keys::LISTS) {
            let key = json_path::path_at(text, at.saturating_sub(1), false);
            return Err(fail(&key, "should be an object, not a list".into()));
        }
        let w: wire::Pack = serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            let offset = json_path::offset_of(text, e.line(), e.column());
            let key = json_path::path_at(text, offset, message.starts_with("missing field"));
            // serde_json appends " at line L column C", which for a built-in pack
            // points into generated JSON, not the TOML: the key says where.
            let message = message.split(" at line ").next().unwrap_or_default();
            // serde quotes a string with `{:?}`, which the WebAssembly build
            // compiles out (-Zfmt-debug=none): "string , expected" there.
            fail(&key, hint(&message.replace("string , ", "a string, ")))
        })?;
        let parent = match &w.extends {
            None => None,
            Some(id) => Some(parent(id).ok_or_else(|| fail("extends", format!("no pack \"{}\" to extend", clip(id))))?),
        };
        let hash = fnv1a64(text_written.as_bytes(), parent.as_ref().map(|p| p.hash.as_str()));
        let warnings: Vec<String> = warnings(&w, &fail)
            .into_iter()
            .map(|mut e| {
                e.line_column = at(&e.key);
                e.to_string()
            })
            .collect();
        let mut pack = Prepare { fail: &fail }.pack(w, parent, builtin, hash)?;
        pack.warnings = warnings;
        Ok(pack)
    }
}

/// What loads but is likely not meant: a fixed date, as a deadline, in a
/// pack with no last year answers every later year with that past date.
fn warnings(w: &wire::Pack, fail: &dyn Fn(&str, String) -> PackError) -> Vec<PackError> {
    let mut found = Vec::new();
    if w.valid.to.is_some() {
        return found;
    }
    for (i, s) in w.schemes.iter().enumerate() {
        for (j, d) in s.deadlines.iter().enumerate() {
            let bounded = d.valid.as_ref().is_some_and(|v| v.to.is_some());
            if let (Some(date), false) = (&d.date, bounded) {
                let message = format!(
                    "a fixed date ({}) in a pack with no last year is the deadline of every later year too: give it `valid` years, or write `monthDay` or `collectionCloses = true`",
                    clip(date)
                );
                found.push(fail(&format!("schemes[{i}].deadlines[{j}].date"), message));
            }
        }
    }
    found
}

/// serde's message, with what to write instead where a clerk's slip is a
/// common one: one value where the format wants a list.
fn hint(message: &str) -> String {
    if message.starts_with("invalid type:") && message.ends_with("expected a sequence") {
        return format!("{message}: write a list, even of one value, like [\"dibao\"] or [1]");
    }
    message.to_owned()
}

/// FNV-1a, 64 bits, as 16 hex digits, over the text and then the parent's hash:
/// small and stable, enough to tell two packs apart.
fn fnv1a64(bytes: &[u8], parent: Option<&str>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes.iter().chain(parent.unwrap_or_default().as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

// ---------------------------------------------------------------------------
// From the file to the prepared pack.

/// The keys each list's entries may have (`wire::Entry` is one type for all).
mod keys {
    /// The keys whose values are lists (wire.rs's `Vec`s).
    pub const LISTS: &[&str] = &[
        "collection",
        "aliases",
        "channels",
        "sources",
        "schemes",
        "household",
        "averageMonthlyWage",
        "eligibility",
        "notes",
        "exclusiveWith",
        "fees",
        "subsidies",
        "deadlines",
        "places",
        "documents",
        "late",
        "benefits",
        "tiers",
        "items",
        "employment",
        "hukouType",
        "schoolLevel",
        "pensionFrom",
        "ownership",
        "condition",
        "lowIncome",
        "disabilityGrade",
        "enrolled",
    ];
    pub const RULE: &[&str] = &["when", "status", "insteadOf", "code", "message", "source", "strength"];
    pub const NOTE: &[&str] = &["when", "valid", "code", "message", "source", "strength"];
    pub const HOUSEHOLD: &[&str] = &["scheme", "code", "message", "source", "strength"];
    pub const TIER: &[&str] = &[
        "when",
        "individual",
        "employer",
        "government",
        "unknown",
        "minimum",
        "estimate",
        "code",
        "message",
        "source",
        "strength",
    ];
    pub const SUBSIDY: &[&str] = &[
        "when", "valid", "covers", "unknown", "code", "message", "source", "strength",
    ];
    pub const AMOUNT: &[&str] = &["amount", "code", "message", "source", "strength"];
    pub const PROVISIONAL: &[&str] = &["code", "message", "source", "strength"];
    pub const DEADLINE: &[&str] = &[
        "when",
        "valid",
        "date",
        "monthDay",
        "yearBefore",
        "collectionCloses",
        "source",
        "strength",
    ];
    pub const LISTING: &[&str] = &["when", "through", "items", "source", "strength"];
    pub const BENEFIT: &[&str] = &["from", "to", "code", "message", "source", "strength"];
    pub const PARAMETER: &[&str] = &["from", "to", "value", "source", "strength"];
    pub const REFERENCE_DAY: &[&str] = &["day", "source", "strength"];
    pub const COLLECTION: &[&str] = &[
        "valid",
        "opens",
        "closes",
        "closesAsLateAs",
        "afterYearStart",
        "source",
        "strength",
    ];
    pub const INCENTIVE: &[&str] = &[
        "valid",
        "afterYears",
        "step",
        "minimum",
        "zeroClaimStep",
        "capShare",
        "baseCap",
        "code",
        "message",
        "source",
        "strength",
    ];
}

struct Prepare<'a> {
    fail: &'a dyn Fn(&str, String) -> PackError,
}

type Ready<T> = Result<T, PackError>;
/// Where a key is, built only when there is an error to report.
type Key<'k> = &'k dyn Fn(&str) -> String;

impl Prepare<'_> {
    #[inline(never)]
    fn err<T>(&self, key: &str, message: String) -> Ready<T> {
        Err((self.fail)(key, message))
    }

    fn pack(&self, w: wire::Pack, parent: Option<Pack>, builtin: bool, hash: String) -> Ready<Pack> {
        if w.id.is_empty()
            || w.id.len() > 64
            || !w
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            let message = format!(
                "\"{}\" is not a pack id: use 1-64 lowercase letters, digits and hyphens",
                clip(&w.id)
            );
            return self.err("id", message);
        }
        let name = self.text(&w.name, &|_| "name".into())?;
        if name.is_blank() {
            return self.err("name", "a pack needs a name".into());
        }
        let valid = self.span(&w.valid, &|rest| format!("valid{rest}"))?;
        // Sources: the pack's own, then its parent's, each id once.
        let inherited = parent.as_ref().map_or(&[][..], |p| &p.sources[..]);
        let mut sources = Vec::with_capacity(w.sources.len() + inherited.len());
        // Each id once: sorted, a repeat is next to its twin.
        let mut ids: Vec<(&str, usize)> = w
            .sources
            .iter()
            .map(|s| s.id.as_str())
            .chain(inherited.iter().map(|s| s.id.as_str()))
            .zip(0..)
            .collect();
        ids.sort_unstable();
        if let Some(twin) = ids.windows(2).find(|w| matches!(w, [(a, _), (b, _)] if a == b)) {
            let at = twin.iter().map(|(_, i)| *i).min().unwrap_or(0);
            let id = twin.first().map_or("", |(id, _)| *id);
            return self.err(
                &format!("sources[{at}].id"),
                format!("document id \"{}\" is listed twice (here or in the parent)", clip(id)),
            );
        }
        for (i, s) in w.sources.iter().enumerate() {
            let key = |rest: &str| format!("sources[{i}]{rest}");
            if s.id.is_empty() || s.id.contains(' ') {
                return self.err(&key(".id"), "a document id needs a character and no spaces".into());
            }
            sources.push(Source {
                id: s.id.clone(),
                number: s
                    .number
                    .as_ref()
                    .map(|n| self.text(n, &|_| key(".number")))
                    .transpose()?,
                title: self.text(&s.title, &|_| key(".title"))?,
                issued: s
                    .issued
                    .as_deref()
                    .map(|d| self.date(d, &|_| key(".issued")))
                    .transpose()?,
                file: s.file.clone(),
                strength: self.name::<Strength>(&s.strength, &|_| key(".strength"))?,
                clauses: s
                    .clauses
                    .iter()
                    .map(|(clause, w)| {
                        let t = wire::Text { zh_cn: clause.clone(), zh_tw: w.zh_tw.clone(), en: w.en.clone() };
                        self.text(&t, &|_| key(&format!(".clauses.{clause}")))
                    })
                    .collect::<Ready<Vec<_>>>()?,
            });
        }
        // The parent's documents may be cited too; the pack keeps its own only
        // (`Pack::inherit` adds the parent's when the engine takes it).
        let own_sources = sources.len();
        sources.extend(inherited.iter().cloned());
        let docs = Docs(&sources);

        if let Some(p) = &parent {
            if valid.from < p.valid.from || p.valid.to.is_some_and(|pt| valid.to.is_none_or(|t| t > pt)) {
                let message = format!("{valid} is outside the years of \"{}\" ({})", p.id, p.valid);
                return self.err("valid", message);
            }
        }
        let reference_day = match (&w.reference_day, &parent) {
            (Some(r), _) => {
                let key = |rest: &str| format!("referenceDay{rest}");
                self.keys(r, keys::REFERENCE_DAY, &key)?;
                match (&r.source, &r.strength) {
                    (Some(s), strength) => {
                        docs.cite(s, strength.as_deref(), &|_| key(".source"), self)?;
                    }
                    (None, Some(_)) => {
                        return self.err(
                            &key(".strength"),
                            "a strength rates a source: give the `source` too".into(),
                        );
                    }
                    (None, None) => {}
                }
                self.month_day(self.need(&r.day, "day", &key)?, &|_| key(".day"))?
            }
            (None, Some(p)) => p.reference_day,
            (None, None) => return self.err("referenceDay", "a pack needs a referenceDay".into()),
        };
        // The pack's own windows; the parent's follow when the engine takes it.
        let mut collection = Vec::with_capacity(w.collection.entries.len());
        for (i, c) in w.collection.entries.iter().enumerate() {
            let key = |rest: &str| match w.collection.listed {
                true => format!("collection[{i}]{rest}"),
                false => format!("collection{rest}"),
            };
            self.keys(c, keys::COLLECTION, &key)?;
            let month_day = |v: &Option<String>, name: &str| {
                v.as_deref()
                    .map(|d| self.month_day(d, &|_| key(&format!(".{name}"))))
                    .transpose()
            };
            collection.push(Collection {
                valid: c
                    .valid
                    .as_ref()
                    .map(|v| self.span(v, &|rest| key(&format!(".valid{rest}"))))
                    .transpose()?,
                opens: self.month_day(self.need(&c.opens, "opens", &key)?, &|_| key(".opens"))?,
                closes: self.month_day(self.need(&c.closes, "closes", &key)?, &|_| key(".closes"))?,
                closes_as_late_as: month_day(&c.closes_as_late_as, "closesAsLateAs")?,
                after_year_start: c
                    .after_year_start
                    .as_deref()
                    .map(|s| self.cover_start(s, &|_| key(".afterYearStart")))
                    .transpose()?,
                cite: docs.cite(
                    self.need(&c.source, "source", &key)?,
                    c.strength.as_deref(),
                    &|_| key(".source"),
                    self,
                )?,
            });
        }
        let province = w
            .province
            .as_deref()
            .map(|p| self.name::<Province>(p, &|_| "province".into()))
            .transpose()?;
        let level = w
            .level
            .as_deref()
            .map(|l| self.name::<Level>(l, &|_| "level".into()))
            .transpose()?;
        for (i, a) in w.aliases.iter().enumerate() {
            if a.is_empty()
                || a.len() > 64
                || !a
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                let message = format!(
                    "\"{}\" is not a pack id: use 1-64 lowercase letters, digits and hyphens",
                    clip(a)
                );
                return self.err(&format!("aliases[{i}]"), message);
            }
        }
        let mut average_monthly_wage = Vec::new();
        if let Some(params) = &w.parameters {
            for (i, a) in params.average_monthly_wage.iter().enumerate() {
                let key = |rest: &str| format!("parameters.averageMonthlyWage[{i}]{rest}");
                self.keys(a, keys::PARAMETER, &key)?;
                average_monthly_wage.push(DatedAmount {
                    span: self.from_to(a, &key)?,
                    value: a
                        .value
                        .as_deref()
                        .map(|v| self.money(v, &|_| key(".value")))
                        .transpose()?,
                    cite: docs.cite(
                        self.need(&a.source, "source", &key)?,
                        a.strength.as_deref(),
                        &|_| key(".source"),
                        self,
                    )?,
                });
            }
            self.no_overlaps(
                average_monthly_wage.iter().map(|a| a.span),
                "parameters.averageMonthlyWage",
            )?;
        }

        let mut schemes: Vec<SchemeRules> = Vec::with_capacity(w.schemes.len());
        for (si, s) in w.schemes.iter().enumerate() {
            let at = |rest: &str| format!("schemes[{si}]{rest}");
            let scheme = self.name::<Scheme>(&s.scheme, &|_| at(".scheme"))?;
            if schemes.iter().any(|x| x.scheme == scheme) {
                return self.err(
                    &at(".scheme"),
                    format!("scheme \"{}\" is listed twice", scheme.as_str()),
                );
            }
            let inherited = parent.as_ref().and_then(|p| p.scheme(scheme));
            if s.eligibility.is_empty() && inherited.is_none() {
                let message = match &parent {
                    Some(p) => format!(
                        "\"{}\" has no scheme \"{}\" to override: give it eligibility rules to add it",
                        p.id,
                        scheme.as_str()
                    ),
                    None => "a scheme needs at least one eligibility rule".to_owned(),
                };
                return self.err(&at(".eligibility"), message);
            }
            schemes.push(self.scheme(scheme, s, &docs, inherited, &at)?);
        }
        let mut household = Vec::with_capacity(w.household.len());
        for (i, h) in w.household.iter().enumerate() {
            let key = |rest: &str| format!("household[{i}]{rest}");
            self.keys(h, keys::HOUSEHOLD, &key)?;
            let scheme = self.name::<Scheme>(self.need(&h.scheme, "scheme", &key)?, &|_| key(".scheme"))?;
            let inherited = parent.as_ref().is_some_and(|p| p.scheme(scheme).is_some());
            if !schemes.iter().any(|s| s.scheme == scheme) && !inherited {
                return self.err(
                    &key(".scheme"),
                    format!("the pack has no scheme \"{}\"", scheme.as_str()),
                );
            }
            household.push(HouseholdRule {
                scheme,
                reason: self.reason(h, &docs, &key)?,
            });
        }
        sources.truncate(own_sources);
        Ok(Pack {
            id: w.id,
            name,
            default: w.default,
            base: w.base,
            builtin,
            extends: w.extends,
            valid,
            reference_day,
            collection,
            province,
            level,
            aliases: w.aliases,
            sources,
            average_monthly_wage,
            schemes,
            household,
            hash,
            warnings: Vec::new(),
        })
    }

    fn scheme(
        &self,
        scheme: Scheme,
        s: &wire::SchemeRules,
        docs: &Docs,
        parent: Option<&SchemeRules>,
        at: Key,
    ) -> Ready<SchemeRules> {
        let mut exclusive_with = Vec::with_capacity(s.exclusive_with.len());
        for (i, x) in s.exclusive_with.iter().enumerate() {
            let other = self.name::<Scheme>(x, &|_| at(&format!(".exclusiveWith[{i}]")))?;
            if other == scheme {
                return self.err(&at(".exclusiveWith"), "a scheme cannot exclude itself".into());
            }
            exclusive_with.push(other);
        }
        let exclusive_cite = match (&s.exclusive_source, exclusive_with.is_empty()) {
            (Some(src), _) => Some(docs.cite(src, None, &|_| at(".exclusiveSource"), self)?),
            (None, false) => return self.err(&at(".exclusiveSource"), "exclusiveWith needs a source".into()),
            (None, true) => None,
        };
        let name = match (&s.name, parent) {
            (Some(n), _) => self.text(n, &|_| at(".name"))?,
            (None, Some(p)) => p.name.clone(),
            (None, None) => scheme.standard_name(),
        };
        let mut eligibility = Vec::with_capacity(s.eligibility.len());
        for (i, r) in s.eligibility.iter().enumerate() {
            let key = |rest: &str| at(&format!(".eligibility[{i}]{rest}"));
            self.keys(r, keys::RULE, &key)?;
            let instead_of = r
                .instead_of
                .as_deref()
                .map(|x| self.name::<Scheme>(x, &|_| key(".insteadOf")))
                .transpose()?;
            if instead_of == Some(scheme) {
                return self.err(&key(".insteadOf"), "a scheme cannot stand in for itself".into());
            }
            eligibility.push(Rule {
                when: self.when(r.when.as_ref(), &key)?,
                status: self.name::<RuleStatus>(self.need(&r.status, "status", &key)?, &|_| key(".status"))?,
                instead_of,
                reason: self.reason(r, docs, &key)?,
            });
        }
        let notes = self.notes(&s.notes, docs, &|i, rest| at(&format!(".notes[{i}]{rest}")))?;
        let late = self.notes(&s.late, docs, &|i, rest| at(&format!(".late[{i}]{rest}")))?;
        let mut fees = Vec::with_capacity(s.fees.len());
        for (fi, f) in s.fees.iter().enumerate() {
            fees.push(self.fee_schedule(f, docs, &|rest: &str| at(&format!(".fees[{fi}]{rest}")))?);
        }
        self.no_overlaps(fees.iter().map(|f| f.span), &at(".fees"))?;
        let mut subsidies = Vec::with_capacity(s.subsidies.len());
        for (i, sub) in s.subsidies.iter().enumerate() {
            subsidies.push(self.subsidy(sub, docs, &|rest: &str| at(&format!(".subsidies[{i}]{rest}")))?);
        }
        let mut deadlines = Vec::with_capacity(s.deadlines.len());
        for (i, d) in s.deadlines.iter().enumerate() {
            let key = |rest: &str| at(&format!(".deadlines[{i}]{rest}"));
            self.keys(d, keys::DEADLINE, &key)?;
            let year_before = d.year_before.unwrap_or(false);
            let window = d.collection_closes == Some(true);
            let day = match (&d.date, &d.month_day, window) {
                (Some(date), None, false) if !year_before => DeadlineDay::Date(self.date(date, &|_| key(".date"))?),
                (None, Some(md), false) => DeadlineDay::MonthDay {
                    day: self.month_day(md, &|_| key(".monthDay"))?,
                    year_before,
                },
                (None, None, true) if !year_before => DeadlineDay::WindowCloses,
                _ => {
                    let why = "a deadline needs exactly one of `date`, `monthDay` and `collectionCloses = true` (`yearBefore` only with `monthDay`)";
                    return self.err(&key(""), why.into());
                }
            };
            deadlines.push(Deadline {
                when: self.when(d.when.as_ref(), &key)?,
                valid: d
                    .valid
                    .as_ref()
                    .map(|v| self.span(v, &|rest| key(&format!(".valid{rest}"))))
                    .transpose()?,
                day,
                cite: docs.cite(
                    self.need(&d.source, "source", &key)?,
                    d.strength.as_deref(),
                    &|_| key(".source"),
                    self,
                )?,
            });
        }
        let places = self.listings(&s.places, docs, &|i, rest| at(&format!(".places[{i}]{rest}")))?;
        let channels = self.listings(&s.channels, docs, &|i, rest| at(&format!(".channels[{i}]{rest}")))?;
        let documents = self.listings(&s.documents, docs, &|i, rest| at(&format!(".documents[{i}]{rest}")))?;
        let mut benefits = Vec::with_capacity(s.benefits.len());
        for (i, b) in s.benefits.iter().enumerate() {
            let key = |rest: &str| at(&format!(".benefits[{i}]{rest}"));
            self.keys(b, keys::BENEFIT, &key)?;
            benefits.push(Benefit {
                span: self.from_to(b, &key)?,
                reason: self.reason(b, docs, &key)?,
            });
        }
        let waiting = match &s.waiting {
            None => None,
            Some(w) => {
                if w.fixed_months > 24 || w.months_per_gap_year > 12 || w.floor_months > 36 || w.newborn_days > 366 {
                    let why = "waiting periods are counted in months: at most 24 fixed, 12 a year, a floor of 36, 366 days for newborns";
                    return self.err(&at(".waiting"), why.into());
                }
                Some(Waiting {
                    from_year: w.from_year,
                    fixed_months: w.fixed_months,
                    months_per_gap_year: w.months_per_gap_year,
                    floor_after_gap_years: w.floor_after_gap_years,
                    floor_months: w.floor_months,
                    newborn_days: w.newborn_days,
                    newborn_late: w
                        .newborn_late
                        .as_deref()
                        .map(|s| self.cover_start(s, &|_| at(".waiting.newbornLate")))
                        .transpose()?,
                    cite: docs.cite(&w.source, w.strength.as_deref(), &|_| at(".waiting.source"), self)?,
                    counting_cite: match &w.counting_source {
                        Some(c) => Some(docs.cite(c, None, &|_| at(".waiting.countingSource"), self)?),
                        None => None,
                    },
                })
            }
        };
        let incentive = match &s.incentive {
            None => None,
            Some(e) => {
                let key = |rest: &str| at(&format!(".incentive{rest}"));
                self.keys(e, keys::INCENTIVE, &key)?;
                let money = |v: &Option<String>, name: &str| {
                    v.as_deref()
                        .map(|m| self.money(m, &|_| key(&format!(".{name}"))))
                        .transpose()
                };
                let Some(after_years) = e.after_years else {
                    return self.err(&key(""), "missing field `afterYears`".into());
                };
                Some(Incentive {
                    valid: e
                        .valid
                        .as_ref()
                        .map(|v| self.span(v, &|rest| key(&format!(".valid{rest}"))))
                        .transpose()?,
                    after_years,
                    step: self.money(self.need(&e.step, "step", &key)?, &|_| key(".step"))?,
                    minimum: e.minimum.unwrap_or(false),
                    zero_claim_step: money(&e.zero_claim_step, "zeroClaimStep")?,
                    cap_share: match e.cap_share.as_deref() {
                        None => None,
                        Some(r) => match Rate::parse(r) {
                            Some(r) => Some(r),
                            None => {
                                let message = format!(
                                    "\"{}\" is not a rate: write a fraction from \"0\" to \"1\", like \"0.20\"",
                                    clip(r)
                                );
                                return self.err(&key(".capShare"), message);
                            }
                        },
                    },
                    base_cap: money(&e.base_cap, "baseCap")?,
                    reason: self.reason(e, docs, &key)?,
                })
            }
        };
        let rules = SchemeRules {
            scheme,
            name,
            eligibility,
            notes,
            exclusive_with,
            exclusive_cite,
            fees,
            subsidies,
            deadlines,
            places,
            channels,
            documents,
            late,
            benefits,
            waiting,
            incentive,
        };
        Ok(rules)
    }

    fn fee_schedule(&self, f: &wire::FeeSchedule, docs: &Docs, at: Key) -> Ready<FeeSchedule> {
        let span = self.span(
            &wire::Span {
                from: f.from.clone(),
                to: f.to.clone(),
            },
            at,
        )?;
        if f.tiers.is_empty() {
            return self.err(&at(".tiers"), "a fee schedule needs at least one tier".into());
        }
        let mut tiers = Vec::with_capacity(f.tiers.len());
        for (ti, t) in f.tiers.iter().enumerate() {
            let key = |rest: &str| at(&format!(".tiers[{ti}]{rest}"));
            self.keys(t, keys::TIER, &key)?;
            if t.individual.is_none() && t.employer.is_none() && t.government.is_none() && t.unknown.is_none() {
                let why = "a tier needs at least one share, or `unknown` saying why none is known";
                return self.err(&key(""), why.into());
            }
            tiers.push(Tier {
                when: self.when(t.when.as_ref(), &key)?,
                individual: self.share(&t.individual, &|rest| key(&format!(".individual{rest}")))?,
                employer: self.share(&t.employer, &|rest| key(&format!(".employer{rest}")))?,
                government: self.share(&t.government, &|rest| key(&format!(".government{rest}")))?,
                unknown: t
                    .unknown
                    .as_ref()
                    .map(|u| self.text(u, &|_| key(".unknown")))
                    .transpose()?,
                minimum: t.minimum.unwrap_or(false),
                estimate: t.estimate.unwrap_or(false),
                reason: self.reason(t, docs, &key)?,
            });
        }
        let public_subsidy = match &f.public_subsidy {
            None => None,
            Some(a) => {
                let key = |rest: &str| at(&format!(".publicSubsidy{rest}"));
                self.keys(a, keys::AMOUNT, &key)?;
                let amount = self.money(self.need(&a.amount, "amount", &key)?, &|_| key(".amount"))?;
                Some((amount, self.reason(a, docs, &key)?))
            }
        };
        let provisional = match &f.provisional {
            None => None,
            Some(p) => {
                let key = |rest: &str| at(&format!(".provisional{rest}"));
                self.keys(p, keys::PROVISIONAL, &key)?;
                Some(self.reason(p, docs, &key)?)
            }
        };
        Ok(FeeSchedule {
            span,
            period: self.name::<Period>(&f.period, &|_| at(".period"))?,
            tiers,
            public_subsidy,
            provisional,
        })
    }

    fn share(&self, s: &Option<wire::Share>, key: Key) -> Ready<Option<Share>> {
        Ok(match s {
            None => None,
            Some(wire::Share::Fixed(m)) => Some(Share::Fixed(self.money(m, key)?)),
            Some(wire::Share::Rate { rate, base }) => Some(Share::Rate {
                rate: match Rate::parse(rate) {
                    Some(r) => r,
                    None => {
                        let message = format!("\"{}\" is not a rate: write a fraction from \"0\" to \"1\" as a string, like \"0.06\" for 6 %", clip(rate));
                        return self.err(&key(".rate"), message);
                    }
                },
                base: self.name::<Base>(base, &|_| key(".base"))?,
            }),
        })
    }

    fn subsidy(&self, s: &wire::Entry, docs: &Docs, key: Key) -> Ready<Subsidy> {
        self.keys(s, keys::SUBSIDY, key)?;
        let covers = match (&s.covers, &s.unknown) {
            (Some(c), None) if c == "all" => Covers::All,
            // "100%", "全额": the whole share is written "all".
            (Some(c), None) if Money::parse(c).is_none() && (c.ends_with('%') || c.contains('额')) => {
                let message = format!(
                    "\"{}\" is not an amount: write \"all\" for the whole individual share, or the yuan covered, like \"360.00\"",
                    clip(c)
                );
                return self.err(&key(".covers"), message);
            }
            (Some(c), None) => Covers::Amount(self.money(c, &|_| key(".covers"))?),
            (None, Some(u)) => Covers::Unknown(self.text(u, &|_| key(".unknown"))?),
            _ => {
                let why = "a subsidy needs exactly one of `covers` (\"all\" or an amount) and `unknown` (who sets it)";
                return self.err(&key(""), why.into());
            }
        };
        Ok(Subsidy {
            when: self.when(s.when.as_ref(), key)?,
            valid: s
                .valid
                .as_ref()
                .map(|v| self.span(v, &|rest| key(&format!(".valid{rest}"))))
                .transpose()?,
            covers,
            reason: self.reason(s, docs, key)?,
        })
    }

    fn notes(&self, items: &[wire::Entry], docs: &Docs, at: &dyn Fn(usize, &str) -> String) -> Ready<Vec<Note>> {
        let mut out = Vec::with_capacity(items.len());
        for (i, n) in items.iter().enumerate() {
            let key = |rest: &str| at(i, rest);
            self.keys(n, keys::NOTE, &key)?;
            out.push(Note {
                when: self.when(n.when.as_ref(), &key)?,
                valid: n
                    .valid
                    .as_ref()
                    .map(|v| self.span(v, &|rest| key(&format!(".valid{rest}"))))
                    .transpose()?,
                reason: self.reason(n, docs, &key)?,
            });
        }
        Ok(out)
    }

    fn listings(&self, items: &[wire::Entry], docs: &Docs, at: &dyn Fn(usize, &str) -> String) -> Ready<Vec<Listing>> {
        let mut out = Vec::with_capacity(items.len());
        for (i, l) in items.iter().enumerate() {
            let key = |rest: &str| at(i, rest);
            self.keys(l, keys::LISTING, &key)?;
            let given = l.items.as_deref().unwrap_or_default();
            if given.is_empty() && l.through.is_none() {
                return self.err(
                    &key(".items"),
                    "a listing needs items, or `through` saying who enrols the person".into(),
                );
            }
            let mut texts = Vec::with_capacity(given.len());
            for (j, t) in given.iter().enumerate() {
                texts.push(self.text(t, &|_| key(&format!(".items[{j}]")))?);
            }
            out.push(Listing {
                when: self.when(l.when.as_ref(), &key)?,
                through: l
                    .through
                    .as_deref()
                    .map(|t| self.name::<Through>(t, &|_| key(".through")))
                    .transpose()?,
                items: texts,
                cite: docs.cite(
                    self.need(&l.source, "source", &key)?,
                    l.strength.as_deref(),
                    &|_| key(".source"),
                    self,
                )?,
            });
        }
        Ok(out)
    }

    /// The code, message and source every cited item has.
    #[inline(never)]
    fn reason(&self, e: &wire::Entry, docs: &Docs, key: Key) -> Ready<PackReason> {
        let code = self.need(&e.code, "code", key)?;
        if code.is_empty()
            || code.len() > 64
            || !code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            let message = format!("\"{}\" is not a code: use lowercase letters, digits and _", clip(code));
            return self.err(&key(".code"), message);
        }
        let Some(message) = &e.message else {
            return self.err(&key(""), "missing field `message`".into());
        };
        Ok(PackReason {
            code: code.to_owned(),
            message: self.text(message, &|_| key(".message"))?,
            cite: docs.cite(
                self.need(&e.source, "source", key)?,
                e.strength.as_deref(),
                &|_| key(".source"),
                self,
            )?,
            json: Rendered::default(),
            id: 0,
        })
    }

    /// Refuses the keys an entry's list does not allow, as serde would.
    #[inline(never)]
    fn keys(&self, e: &wire::Entry, allowed: &[&str], key: Key) -> Ready<()> {
        match e.keys().find(|k| !allowed.contains(k)) {
            None => Ok(()),
            Some(k) => {
                let expected: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
                self.err(
                    &key(&format!(".{}", clip(k))),
                    format!("unknown field `{}`, expected one of {}", clip(k), expected.join(", ")),
                )
            }
        }
    }

    /// A key the entry's list requires.
    #[inline(never)]
    fn need<'v>(&self, value: &'v Option<String>, name: &str, key: Key) -> Ready<&'v str> {
        match value {
            Some(v) => Ok(v),
            None => self.err(&key(""), format!("missing field `{name}`")),
        }
    }

    /// `"payDay"` or `"nextDay"`.
    fn cover_start(&self, s: &str, key: Key) -> Ready<CoverStart> {
        match s {
            "payDay" => Ok(CoverStart::PayDay),
            "nextDay" => Ok(CoverStart::NextDay),
            "yearStart" => Ok(CoverStart::YearStart),
            _ => self.err(
                &key(""),
                format!(
                    "unknown variant `{}`, expected one of `payDay`, `nextDay`, `yearStart`",
                    clip(s)
                ),
            ),
        }
    }

    /// A vocabulary's name, or the values allowed.
    #[inline(never)]
    fn name_of(&self, s: &str, all: &[&str], key: Key) -> Ready<usize> {
        match all.iter().position(|n| *n == s) {
            Some(i) => Ok(i),
            None => {
                let allowed: Vec<String> = all.iter().map(|n| format!("`{n}`")).collect();
                self.err(
                    &key(""),
                    format!("unknown variant `{}`, expected one of {}", clip(s), allowed.join(", ")),
                )
            }
        }
    }

    fn name<T: Named>(&self, s: &str, key: Key) -> Ready<T> {
        let i = self.name_of(s, T::NAMES, key)?;
        match T::nth(i) {
            Some(v) => Ok(v),
            None => self.err(&key(""), "no such value".into()),
        }
    }

    fn when(&self, w: Option<&wire::When>, key: Key) -> Ready<When> {
        match w.map(when) {
            None => Ok(When::default()),
            Some(Ok(cond)) => Ok(cond),
            Some(Err((name, message))) => self.err(&key(&format!(".when.{name}")), message),
        }
    }

    /// A text, refusing control characters: pack texts reach terminals and
    /// pages, and an escape sequence in one could rewrite what a resident sees.
    #[inline(never)]
    fn text(&self, t: &wire::Text, key: Key) -> Ready<Text> {
        let all = [Some(&t.zh_cn), t.zh_tw.as_ref(), t.en.as_ref()];
        for (i, s) in all.iter().enumerate() {
            let Some(s) = s else { continue };
            let bad = s.chars().find(|c| {
                (c.is_control() && *c != '\n')
                    || ('\u{202a}'..='\u{202e}').contains(c)
                    || ('\u{2066}'..='\u{2069}').contains(c)
            });
            if let Some(c) = bad {
                let lang = ["zh-CN", "zh-TW", "en"].get(i).copied().unwrap_or_default();
                return self.err(
                    &format!("{}.{lang}", key("")),
                    format!("contains the control character U+{:04X}", c as u32),
                );
            }
        }
        Ok(Text::new(t.zh_cn.clone(), t.zh_tw.clone(), t.en.clone()))
    }

    #[inline(never)]
    fn date(&self, s: &str, key: Key) -> Ready<NaiveDate> {
        match date::parse(s) {
            Some(d) => Ok(d),
            None => self.err(&key(""), format!("\"{}\" is not a date: write YYYY-MM-DD", clip(s))),
        }
    }

    #[inline(never)]
    fn month_day(&self, s: &str, key: Key) -> Ready<MonthDay> {
        // Checked against a leap year, so "02-29" is allowed and clamps later.
        match (s.len() == 5).then(|| date::parse(&format!("2000-{s}"))).flatten() {
            Some(d) => Ok(MonthDay {
                month: d.month(),
                day: d.day(),
            }),
            None => self.err(
                &key(""),
                format!("\"{}\" is not a month and day: write MM-DD, like \"01-30\"", clip(s)),
            ),
        }
    }

    #[inline(never)]
    fn span(&self, s: &wire::Span, key: Key) -> Ready<Span> {
        let span = Span {
            from: self.date(&s.from, &|_| key(".from"))?,
            to: s.to.as_deref().map(|t| self.date(t, &|_| key(".to"))).transpose()?,
        };
        if span.to.is_some_and(|t| t < span.from) {
            return self.err(&key(".to"), format!("ends before it starts ({span})"));
        }
        Ok(span)
    }

    /// An entry's `from` and `to`.
    fn from_to(&self, e: &wire::Entry, key: Key) -> Ready<Span> {
        let from = self.need(&e.from, "from", key)?;
        self.span(
            &wire::Span {
                from: from.to_owned(),
                to: e.to.clone(),
            },
            key,
        )
    }

    #[inline(never)]
    fn money(&self, s: &str, key: Key) -> Ready<Money> {
        match Money::parse(s) {
            Some(m) => Ok(m),
            None => self.err(
                &key(""),
                format!(
                    "\"{}\" is not an amount: write yuan as a string with at most two decimals, like \"140.00\"",
                    clip(s)
                ),
            ),
        }
    }

    /// Spans of one dated list must not overlap: at any date one value is in
    /// force. Sorted by start, each need only be checked against the one before.
    fn no_overlaps(&self, spans: impl Iterator<Item = Span>, key: &str) -> Ready<()> {
        let mut spans: Vec<(usize, Span)> = spans.enumerate().collect();
        spans.sort_by_key(|(_, s)| s.from);
        for pair in spans.windows(2) {
            if let [(i, a), (j, b)] = pair {
                if a.to.is_none_or(|t| t >= b.from) {
                    let (first, second) = if i < j { (i, j) } else { (j, i) };
                    return self.err(
                        &format!("{key}[{second}]"),
                        format!("overlaps {key}[{first}] ({a} and {b})"),
                    );
                }
            }
        }
        Ok(())
    }
}

/// A vocabulary named in a pack (`wire_enum!`'s names and values).
trait Named: Sized {
    const NAMES: &'static [&'static str];
    fn nth(i: usize) -> Option<Self>;
}

macro_rules! named {
    ($($t:ty),*) => {$(impl Named for $t {
        const NAMES: &'static [&'static str] = <$t>::NAMES;
        fn nth(i: usize) -> Option<$t> { <$t>::ALL.get(i).copied() }
    })*};
}
named!(Scheme, RuleStatus, Strength, Base, Through, Period, Province, Level);

/// The documents a pack may cite: its own and its parent's.
struct Docs<'a>(&'a [Source]);

impl Docs<'_> {
    /// Reads `"DOC CLAUSE"` and renders it in each language.
    #[inline(never)]
    fn cite(&self, s: &str, strength: Option<&str>, key: Key, p: &Prepare) -> Ready<Cite> {
        let Some((doc, clause)) = s.split_once(' ').filter(|(d, c)| !d.is_empty() && !c.trim().is_empty()) else {
            let message = format!(
                "\"{}\" is not a citation: write the document id, a space and the clause, like \"004 三(一)\"",
                clip(s)
            );
            return p.err(&key(""), message);
        };
        let Some(source) = self.0.iter().find(|x| x.id == doc) else {
            let known: Vec<String> = self.0.iter().map(|x| clip(&x.id)).take(20).collect();
            let message = format!(
                "cites document \"{}\", which is not among the sources ({})",
                clip(doc),
                known.join(", ")
            );
            return p.err(&key(""), message);
        };
        let strength = match strength {
            Some(s) => p.name::<Strength>(s, &|_| key("").replace(".source", ".strength"))?,
            // An item may be less sure than its document (a figure inferred from it).
            None => source.strength,
        };
        let clause = clause.trim();
        Ok(Cite {
            doc: doc.to_owned(),
            clause: clause.to_owned(),
            label: Text::default(),
            strength,
        })
    }
}

/// A list of a vocabulary's names as a set of their positions, or the key and
/// the first name that is not in it.
fn names(list: &Option<Vec<String>>, all: &[&str], key: &'static str) -> Result<Option<Set>, (&'static str, String)> {
    let Some(list) = list else { return Ok(None) };
    let mut bits = Vec::with_capacity(list.len());
    for name in list {
        match all.iter().position(|n| n == name) {
            Some(i) => bits.push(i as u32),
            None => {
                let allowed: Vec<String> = all.iter().map(|n| format!("\"{n}\"")).collect();
                let name: String = name.chars().take(40).collect();
                return Err((
                    key,
                    format!("unknown value \"{name}\", expected one of {}", allowed.join(", ")),
                ));
            }
        }
    }
    Ok(Some(Set::of(bits)))
}

/// Compiles a `when` table; an unknown name is refused with its key.
pub fn when(w: &wire::When) -> Result<When, (&'static str, String)> {
    use crate::model::vocab::{
        Employment, Enrolled, EnterpriseCondition, HukouType, LowIncome, Ownership, PensionFrom, SchoolLevel,
    };
    if let Some(g) = w.disability_grade.as_ref().and_then(|g| g.iter().find(|g| **g > 4)) {
        return Err((
            "disabilityGrade",
            format!("{g} is not a disability grade: they are 0 (none) to 4"),
        ));
    }
    Ok(When {
        employment: names(&w.employment, Employment::NAMES, "employment")?,
        hukou_type: names(&w.hukou_type, HukouType::NAMES, "hukouType")?,
        hukou_registered: w.hukou_registered,
        hukou_local: w.hukou_local,
        residence_permit: w.residence_permit,
        student: w.student,
        school_level: names(&w.school_level, SchoolLevel::NAMES, "schoolLevel")?,
        school_full_time: w.school_full_time,
        school_local: w.school_local,
        age_at_least: w.age_at_least,
        age_below: w.age_below,
        age_at_least_by_sex: w.age_at_least_by_sex,
        land_expropriated: w.land_expropriated,
        moved_in: w.moved_in,
        moved_in_years_at_least: w.moved_in_years_at_least,
        moved_in_years_below: w.moved_in_years_below,
        children_have_local_urban_hukou: w.children_have_local_urban_hukou,
        pension_from: names(&w.pension_from, PensionFrom::NAMES, "pensionFrom")?,
        moved_after_retirement: w.moved_after_retirement,
        ownership: names(&w.ownership, Ownership::NAMES, "ownership")?,
        enterprise_condition: names(&w.condition, EnterpriseCondition::NAMES, "condition")?,
        low_income: names(&w.low_income, LowIncome::NAMES, "lowIncome")?,
        disability_grade: w
            .disability_grade
            .as_ref()
            .map(|g| Set::of(g.iter().map(|g| u32::from(*g)))),
        enrolled: names(&w.enrolled, Enrolled::NAMES, "enrolled")?,
        renewal: w.renewal,
        continuous_years_at_least: w.continuous_years_at_least,
        born_within_years: w.born_within_years,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::field::Field;
    use crate::model::person::Person;
    use crate::model::text::Lang;
    use crate::model::tri::Tri;

    fn load(text: &str) -> Result<Pack, PackError> {
        Pack::load(text, "test.json", false, |_| None)
    }

    const MINIMAL: &str = r#"{"id":"x","name":{"zh-CN":"X"},"valid":{"from":"2015-01-01"},
        "referenceDay":{"day":"01-01"},
        "sources":[{"id":"d","title":{"zh-CN":"文件"},"strength":"official"}],
        "schemes":[{"scheme":"urban_resident","eligibility":[
            {"status":"eligible","code":"all","message":{"zh-CN":"可以"},"source":"d 一"}]}]}"#;

    #[test]
    fn a_minimal_pack_loads_and_cites_in_each_language() {
        let mut p = load(MINIMAL).unwrap();
        p.render();
        let cite = &p.schemes[0].eligibility[0].reason.cite;
        assert_eq!(cite.label.get(Lang::ZhCn), "《文件》一");
        assert_eq!(cite.strength, Strength::Official);
    }

    #[test]
    fn null_is_refused_where_absence_would_mean_everyone() {
        let text = MINIMAL.replace(
            r#"{"status":"eligible""#,
            r#"{"when":{"ageAtLeast":null},"status":"eligible""#,
        );
        let e = load(&text).unwrap_err();
        assert_eq!(e.key, "schemes[0].eligibility[0].when.ageAtLeast");
    }

    #[test]
    fn a_scheme_cannot_exclude_itself() {
        let text = MINIMAL.replace(
            r#""scheme":"urban_resident","#,
            r#""scheme":"urban_resident","exclusiveWith":["urban_resident"],"exclusiveSource":"d 二","#,
        );
        assert_eq!(load(&text).unwrap_err().key, "schemes[0].exclusiveWith");
    }

    #[test]
    fn control_characters_are_refused() {
        let text = MINIMAL.replace(r#""可以""#, r#""可以\u001b[2J""#);
        let e = load(&text).unwrap_err();
        assert_eq!(e.key, "schemes[0].eligibility[0].message.zh-CN");
    }

    #[test]
    fn unstated_disability_and_move_are_unknown_not_none() {
        let w: wire::When = serde_json::from_str(r#"{"disabilityGrade":[1,2]}"#).unwrap();
        let c = when(&w).unwrap();
        let mut p = Person::default();
        assert_eq!(c.holds(&p, Scheme::UrbanResident), Tri::Unknown(Field::DisabilityGrade));
        p.disability_grade = Some(0);
        assert_eq!(c.holds(&p, Scheme::UrbanResident), Tri::No);
        let w: wire::When = serde_json::from_str(r#"{"movedInYearsBelow":2}"#).unwrap();
        let c = when(&w).unwrap();
        assert_eq!(
            c.holds(&Person::default(), Scheme::UrbanResident),
            Tri::Unknown(Field::MovedIn)
        );
        p.moved_in = Some(false);
        assert_eq!(c.holds(&p, Scheme::UrbanResident), Tri::No);
    }
}
