//! Rosters: a whole list of people checked at once, for the yearly enrolment
//! drive (集中参保缴费) — a village's, a community's, a school's or an
//! employer's list.
//!
//! A roster is a table, one person a row, its header naming request fields
//! (`columns`). Each row is answered exactly as `check` answers the request
//! its cells make (the same decoding, the same engine): the row's cells, then
//! result columns appended (`RESULT_COLUMNS`). Rows sharing a `household`
//! (kept together, as lists are) also get their household's totals. A row
//! that cannot be checked says why in `result.error`, and the rest go on.
//! Reading and writing the files (CSV in UTF-8 or GB18030, XLSX) is `files`;
//! this module only sees rows of strings, so the CLI streams a CSV of a
//! million rows in constant memory.

pub mod columns;
pub mod files;
pub mod id_number;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::contract::{decode, words};
use crate::model::field::{Field, Kind};
use crate::model::money::Money;
use crate::model::text::Lang;
use crate::model::vocab::{Period, Role, Status};
use crate::rules::decision::{Decision, Reason};
use crate::model::request::{MAX_MEMBERS, MAX_STRING_BYTES};
use crate::rules::household::{household_of, HouseholdDecision};
use crate::rules::Engine;
use columns::Column;

/// The columns a checked roster adds, in this order.
pub const RESULT_COLUMNS: &[&str] = &[
    "result.scheme",
    "result.status",
    "result.individual",
    "result.government",
    "result.employer",
    "result.total",
    "result.period",
    "result.waitingMonths",
    "result.coverFrom",
    "result.deadline",
    "result.help",
    "result.choices",
    "result.missing",
    "result.household",
    "result.where",
    "result.error",
];

/// Where each of [`RESULT_COLUMNS`] stands in a row's result cells.
mod at {
    pub const SCHEME: usize = 0;
    pub const STATUS: usize = 1;
    pub const INDIVIDUAL: usize = 2;
    pub const GOVERNMENT: usize = 3;
    pub const EMPLOYER: usize = 4;
    pub const TOTAL: usize = 5;
    pub const PERIOD: usize = 6;
    pub const WAITING_MONTHS: usize = 7;
    pub const COVER_FROM: usize = 8;
    pub const DEADLINE: usize = 9;
    pub const HELP: usize = 10;
    pub const CHOICES: usize = 11;
    pub const MISSING: usize = 12;
    pub const HOUSEHOLD: usize = 13;
    pub const WHERE: usize = 14;
    pub const ERROR: usize = 15;
}

/// What every row is checked with: the region and year (or the request's
/// defaults), the day (the engine reads no clock), the language of messages.
#[derive(Clone, Debug)]
pub struct Options {
    pub region: Option<String>,
    pub year: Option<i32>,
    pub today: NaiveDate,
    pub lang: Lang,
}

/// The header read: each column's meaning, by position.
pub struct Header {
    columns: Vec<Column>,
    /// The header's own words (clipped), to name a column in a message.
    names: Vec<String>,
    household: Option<usize>,
}

impl Header {
    pub fn new(names: &[String]) -> Header {
        let columns: Vec<Column> = names.iter().map(|n| columns::column(n)).collect();
        let household = columns.iter().position(|c| *c == Column::Household);
        let names = names.iter().map(|n| crate::model::text::clip(n.trim())).collect();
        Header { columns, names, household }
    }

    /// Names of columns canbao does not read (kept as they are), for a note.
    pub fn unknown<'a>(&self, names: &'a [String]) -> Vec<&'a str> {
        names
            .iter()
            .zip(&self.columns)
            .filter(|(_, c)| **c == Column::Other)
            .map(|(n, _)| n.as_str())
            .collect()
    }
}

/// The answers to one row, as the result columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowResult {
    pub cells: Vec<String>,
    /// The fee's period ("year"/"month") and shares, for the summary.
    fee: Option<(Period, [Option<Money>; 4])>,
}

impl RowResult {
    fn is_error(&self) -> bool {
        self.cells[at::STATUS] == "error"
    }
}

/// One more `key` in a count, allocating the key only the first time.
fn count(counts: &mut BTreeMap<String, u64>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_owned(), 1);
        }
    }
}

/// Counts and totals over a roster, for the summary.
#[derive(Debug, Default, serde::Serialize)]
pub struct Summary {
    pub rows: u64,
    pub checked: u64,
    pub errors: u64,
    #[serde(rename = "needsAnswers")]
    pub needs_answers: u64,
    #[serde(rename = "byScheme")]
    pub by_scheme: BTreeMap<String, u64>,
    #[serde(rename = "byStatus")]
    pub by_status: BTreeMap<String, u64>,
    /// By period: what the rows with a known fee pay in all, by payer, over
    /// the rows where that payer's share is known.
    pub totals: BTreeMap<String, BTreeMap<String, String>>,
    /// By period and payer: how many rows' shares are unknown (left out of
    /// `totals`, which is then a lower bound), so a payer's "0.00" is never
    /// read as "pays nothing" when nobody's share was known.
    #[serde(rename = "unknownShares", skip_serializing_if = "BTreeMap::is_empty")]
    pub unknown_shares: BTreeMap<String, BTreeMap<String, u64>>,
    #[serde(rename = "duplicateIdNumbers")]
    pub duplicate_id_numbers: u64,
    #[serde(skip)]
    sums: BTreeMap<String, ([Money; 4], [u64; 4])>,
}

/// The payers in the order of a row's shares.
pub const PAYERS: [&str; 4] = ["total", "individual", "employer", "government"];

impl Summary {
    fn add(&mut self, r: &RowResult) {
        self.rows += 1;
        if r.is_error() {
            self.errors += 1;
        } else {
            self.checked += 1;
        }
        if !r.cells[at::MISSING].is_empty() {
            self.needs_answers += 1;
        }
        count(&mut self.by_status, &r.cells[at::STATUS]);
        if !r.cells[at::SCHEME].is_empty() {
            count(&mut self.by_scheme, &r.cells[at::SCHEME]);
        }
        if let Some((period, shares)) = &r.fee {
            let (sums, unknown) = self.sums.entry(period.as_str().to_owned()).or_default();
            for ((sum, unknown), share) in sums.iter_mut().zip(unknown.iter_mut()).zip(shares) {
                match share.and_then(|s| sum.checked_add(s)) {
                    Some(m) => *sum = m,
                    None => *unknown += 1,
                }
            }
        }
    }

    /// The totals, as strings with two decimals.
    pub fn finish(&mut self) {
        for (period, (sums, unknown)) in &self.sums {
            let t = PAYERS.iter().zip(sums).map(|(n, m)| ((*n).to_owned(), m.to_string())).collect();
            self.totals.insert(period.clone(), t);
            let u: BTreeMap<String, u64> =
                PAYERS.iter().zip(unknown).filter(|(_, n)| **n > 0).map(|(p, n)| ((*p).to_owned(), *n)).collect();
            if !u.is_empty() {
                self.unknown_shares.insert(period.clone(), u);
            }
        }
    }
}

/// Checks rows in order, a household at a time, handing each row with its
/// results to `emit`: the row's own cells, then [`RESULT_COLUMNS`].
pub struct Checker {
    options: Options,
    header: Header,
    /// The household being gathered: its id and its rows.
    pending: Option<(String, Vec<Vec<String>>)>,
    /// Households already done, to flag one split across the list: by a hash
    /// of the id (memory grows by a few bytes a household, not a row).
    seen: HashMap<u64, u64>,
    /// Identity numbers seen (hashed): the first row's number.
    ids: HashMap<u64, u64>,
    next_row: u64,
    pub summary: Summary,
}

impl Checker {
    pub fn new(options: Options, header: Header) -> Checker {
        Checker {
            options,
            header,
            pending: None,
            seen: HashMap::new(),
            ids: HashMap::new(),
            // Rows as a spreadsheet numbers them: the header is row 1.
            next_row: 2,
            summary: Summary::default(),
        }
    }

    /// The language of this roster's messages (and of marks in its files).
    pub fn lang(&self) -> Lang {
        self.options.lang
    }

    /// Takes the next row; rows of a household wait for its last.
    pub fn push(&mut self, engine: &Engine, row: Vec<String>, emit: &mut dyn FnMut(Vec<String>)) {
        let Some(h) = self.header.household else {
            return self.flush_one(engine, row, emit);
        };
        let id = row.get(h).map(|s| s.trim().to_owned()).unwrap_or_default();
        if id.is_empty() {
            self.flush(engine, emit);
            return self.flush_one(engine, row, emit);
        }
        match &mut self.pending {
            Some((current, rows)) if *current == id => rows.push(row),
            _ => {
                self.flush(engine, emit);
                self.pending = Some((id, vec![row]));
            }
        }
    }

    /// Checks the household gathered so far, if any: each member decided once,
    /// then its totals from those decisions.
    pub fn flush(&mut self, engine: &Engine, emit: &mut dyn FnMut(Vec<String>)) {
        let Some((id, rows)) = self.pending.take() else { return };
        let first = self.next_row;
        let split = self.seen.get(&key_of(&id)).copied();
        self.seen.insert(key_of(&id), first);
        let mut decisions = Vec::with_capacity(rows.len());
        let mut results = Vec::with_capacity(rows.len());
        // Every member's request first, then the decisions: 8 % faster over
        // `make bench-roster`'s list than one member at a time (measured).
        let persons: Vec<_> = rows.iter().enumerate().map(|(i, r)| self.person(r, first + i as u64)).collect();
        for person in persons {
            results.push(match person.and_then(|p| self.decide(engine, p)) {
                Ok(d) => {
                    let r = self.columns_of(&d);
                    decisions.push(d);
                    r
                }
                Err(e) => errored(e),
            });
        }
        let household = match split {
            Some(at) => Err(self.say(
                &format!("户 {} 的成员不在一起：第 {at} 行已出现过，请把同一户的行排在一起", crate::model::text::clip(&id)),
                &format!("household {} is split: it appeared at row {at}; keep a household's rows together", crate::model::text::clip(&id)),
            )),
            None if decisions.len() < results.len() => {
                Err(self.say("有成员的行有错，户合计未算", "a member's row has an error: no household totals"))
            }
            None if decisions.len() > MAX_MEMBERS => Err(self.say(
                &format!("一户最多 {MAX_MEMBERS} 人，户合计未算"),
                &format!("a household has at most {MAX_MEMBERS} members: no household totals"),
            )),
            None => self.totals(household_of(decisions)),
        };
        for (row, mut result) in rows.into_iter().zip(results) {
            if !result.is_error() {
                result.cells[at::HOUSEHOLD] = match &household {
                    Ok(t) | Err(t) => t.clone(),
                };
            }
            self.emit(row, result, emit);
        }
    }

    /// One row as the file gave it (`width`: the header's): a row that could
    /// not be read, or has the wrong number of cells, is answered with the
    /// reason, never dropped; an empty row passes through empty.
    pub fn take(&mut self, engine: &Engine, row: Result<Vec<String>, String>, width: usize, emit: &mut dyn FnMut(Vec<String>)) {
        let line = self.next_row;
        let row = match row {
            Ok(r) => r,
            Err(e) => return self.reject(engine, Vec::new(), format!("unreadable: row {line}: {e}"), emit),
        };
        if row.iter().all(|c| c.trim().is_empty()) {
            return self.empty(engine, row, emit);
        }
        if row.len() != width {
            let n = row.len();
            let said = self.say(&format!("第 {line} 行有 {n} 格，表头有 {width} 格"), &format!("row {line} has {n} cells, the header {width}"));
            return self.reject(engine, row, format!("cells: {said}"), emit);
        }
        self.push(engine, row, emit);
    }

    /// A row that could not be read as one (the wrong number of cells): emitted with `message`.
    pub fn reject(&mut self, engine: &Engine, row: Vec<String>, message: String, emit: &mut dyn FnMut(Vec<String>)) {
        self.flush(engine, emit);
        self.emit(row, errored(message), emit);
    }

    /// An empty row: kept in its place, counted as empty.
    pub fn empty(&mut self, engine: &Engine, row: Vec<String>, emit: &mut dyn FnMut(Vec<String>)) {
        self.flush(engine, emit);
        self.summary.rows += 1;
        count(&mut self.summary.by_status, "empty");
        self.next_row += 1;
        emit(row);
    }

    fn flush_one(&mut self, engine: &Engine, row: Vec<String>, emit: &mut dyn FnMut(Vec<String>)) {
        let result = self.answer(engine, &row, self.next_row).map_or_else(errored, |d| self.columns_of(&d));
        self.emit(row, result, emit);
    }

    /// One row decided, or why it cannot be.
    fn answer<'e>(&mut self, engine: &'e Engine, row: &[String], row_no: u64) -> Result<Decision<'e>, String> {
        let person = self.person(row, row_no)?;
        self.decide(engine, person)
    }

    fn emit(&mut self, mut row: Vec<String>, result: RowResult, emit: &mut dyn FnMut(Vec<String>)) {
        self.summary.add(&result);
        self.next_row += 1;
        row.extend(result.cells);
        emit(row);
    }

    fn say(&self, zh: &str, en: &str) -> String {
        if self.options.lang == Lang::En { en.to_owned() } else { zh.to_owned() }
    }

    /// The request's person from a row's cells, or why the row cannot make one.
    fn person(&mut self, row: &[String], row_no: u64) -> Result<Map<String, Value>, String> {
        let mut person = Map::new();
        let mut from_id: Option<id_number::Identity> = None;
        for ((cell, column), name) in row.iter().zip(&self.header.columns).zip(&self.header.names) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue; // unknown: never a default
            }
            // A cell canbao reads holds a date, a number or a word: one this
            // long is a paste gone wrong, named by its column (the request
            // would only say it is too large).
            if *column != Column::Other && cell.len() > MAX_STRING_BYTES {
                let n = cell.len();
                return Err(format!(
                    "too_large: {}",
                    self.say(
                        &format!("「{name}」这一格有 {n} 字节，最多 {MAX_STRING_BYTES}"),
                        &format!("the cell in column \"{name}\" has {n} bytes, at most {MAX_STRING_BYTES}")
                    )
                ));
            }
            match column {
                Column::IdNumber => {
                    let id = id_number::parse(cell).map_err(|bad| {
                        let (zh, en) = match bad {
                            id_number::Bad::Shape => ("应为 18 位（最后一位可为 X）或 15 位", "should be 18 characters (the last may be X) or 15 digits"),
                            id_number::Bad::CheckDigit => ("校验位不对，可能有数字抄错", "its check digit does not match: a digit may be mistyped"),
                            id_number::Bad::BirthDate => ("其中的出生日期不存在", "the birth date in it does not exist"),
                        };
                        format!("invalid_id_number: {}", self.say(&format!("身份证号{zh}"), &format!("the identity number {en}")))
                    })?;
                    let key = key_of(&cell.to_ascii_uppercase());
                    if let Some(first) = self.ids.get(&key) {
                        self.summary.duplicate_id_numbers += 1;
                        return Err(format!(
                            "duplicate_id_number: {}",
                            self.say(&format!("身份证号与第 {first} 行重复"), &format!("the identity number is also on row {first}"))
                        ));
                    }
                    self.ids.insert(key, row_no);
                    from_id = Some(id);
                }
                Column::Field(f) => {
                    let value = cell_value(*f, cell);
                    insert(&mut person, columns::path(*f), value);
                }
                Column::Household | Column::Other => {}
            }
        }
        if let Some(id) = from_id {
            let date = Value::String(id.birth_date.to_string());
            match person.get("birthDate") {
                Some(given) if *given != date => {
                    return Err(format!(
                        "conflict: {}",
                        self.say("出生日期与身份证号里的不一致", "the birth date differs from the identity number's")
                    ));
                }
                _ => {
                    person.insert("birthDate".into(), date);
                }
            }
            let sex = Value::String(if id.male { "male" } else { "female" }.into());
            match person.get("sex") {
                Some(given) if *given != sex => {
                    return Err(format!("conflict: {}", self.say("性别与身份证号里的不一致", "the sex differs from the identity number's")));
                }
                _ => {
                    person.insert("sex".into(), sex);
                }
            }
        }
        Ok(person)
    }

    /// The envelope every request of this roster has.
    fn envelope(&self) -> Map<String, Value> {
        let mut m = Map::new();
        if let Some(r) = &self.options.region {
            m.insert("region".into(), Value::String(r.clone()));
        }
        if let Some(y) = self.options.year {
            m.insert("year".into(), Value::from(y));
        }
        m.insert("lang".into(), Value::String(self.options.lang.as_str().into()));
        m
    }

    /// One row decided as `check` decides the request its cells make (the
    /// same text, the same decoding), or the error `check` would give.
    fn decide<'e>(&self, engine: &'e Engine, person: Map<String, Value>) -> Result<Decision<'e>, String> {
        let mut request = self.envelope();
        request.insert("person".into(), Value::Object(person));
        let text = Value::Object(request).to_string();
        decode::from_json(&text)
            .and_then(|req| engine.decide(&req, self.options.today))
            .map_err(|e| format!("{}: {}", e.code.as_str(), e.message()))
    }

    /// A household's totals by period, or why there are none.
    fn totals(&self, h: HouseholdDecision) -> Result<String, String> {
        if !h.undecided.is_empty() {
            return Err(self.say("有成员的险种未定，户合计未知", "a member's scheme is not settled: household totals unknown"));
        }
        let money = |m: Option<Money>| m.map_or_else(|| "?".to_owned(), |m| m.to_string());
        let parts: Vec<String> = h
            .totals
            .iter()
            .map(|t| {
                let period = match (t.period, self.options.lang) {
                    (Period::Year, Lang::En) => "year",
                    (Period::Month, Lang::En) => "month",
                    (Period::Year, _) => "每年",
                    (Period::Month, _) => "每月",
                };
                format!(
                    "{period}: {} {} / {} {}",
                    self.say("合计", "total"),
                    money(t.total),
                    self.say("个人", "individual"),
                    money(t.individual)
                )
            })
            .collect();
        Ok(parts.join("; "))
    }

    /// The result columns of a decision.
    fn columns_of(&self, d: &Decision) -> RowResult {
        let lang = self.options.lang;
        let chosen = crate::rules::household::chosen(d);
        let basic_needs_info = d.schemes.iter().any(|s| s.scheme().role() == Role::Basic && s.status == Status::NeedsInfo);
        let scheme = chosen.ok().flatten().and_then(|s| d.scheme(s));
        let status = match (&chosen, scheme) {
            (_, Some(s)) => s.status.as_str(),
            (Err(()), None) if !d.alternatives.is_empty() && !basic_needs_info => "choice",
            (Err(()), None) => "needs_info",
            (Ok(_), None) => "none",
        };
        let mut cells = vec![String::new(); RESULT_COLUMNS.len()];
        cells[at::SCHEME] = scheme.map(|s| s.scheme().as_str().to_owned()).unwrap_or_default();
        cells[at::STATUS] = status.to_owned();
        let money = |m: Option<Money>| m.map(|m| m.to_string()).unwrap_or_default();
        let mut fee = None;
        if let Some(s) = scheme {
            if let Some(f) = &s.fee {
                cells[at::INDIVIDUAL] = money(f.individual);
                cells[at::GOVERNMENT] = money(f.government);
                cells[at::EMPLOYER] = money(f.employer);
                cells[at::TOTAL] = money(f.total);
                cells[at::PERIOD] = f.period.as_str().to_owned();
                fee = Some((f.period, [f.total, f.individual, f.employer, f.government]));
                let help: Vec<&str> = f
                    .reasons
                    .iter()
                    .filter_map(|r| match r {
                        Reason::Pack(p) if s.rules.subsidies.iter().any(|x| std::ptr::eq(&x.reason, *p)) => Some(p.code.as_str()),
                        _ => None,
                    })
                    .collect();
                cells[at::HELP] = help.join(";");
            }
            if let Some(w) = &s.waiting {
                cells[at::WAITING_MONTHS] = w.months.map(|m| m.to_string()).unwrap_or_default();
            }
            cells[at::COVER_FROM] = s.cover_from.map(|d| d.to_string()).unwrap_or_default();
            cells[at::DEADLINE] = s.deadline.map(|d| d.to_string()).unwrap_or_default();
            if let Some(e) = &s.enrol {
                cells[at::WHERE] = e.places.iter().map(|p| p.get(lang)).collect::<Vec<_>>().join(";");
            }
        }
        cells[at::CHOICES] = d
            .alternatives
            .iter()
            .filter(|g| g.len() > 1)
            .map(|g| g.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("|"))
            .collect::<Vec<_>>()
            .join(";");
        cells[at::MISSING] = d.missing.iter().map(|f| words::field_label(f.path(), lang)).collect::<Vec<_>>().join(";");
        RowResult { cells, fee }
    }
}

/// A household id or identity number, hashed: 64 bits tell a village's (or a
/// province's) apart.
fn key_of(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

fn errored(message: String) -> RowResult {
    let mut cells = vec![String::new(); RESULT_COLUMNS.len()];
    cells[at::STATUS] = "error".into();
    cells[at::ERROR] = message;
    RowResult { cells, fee: None }
}

/// Puts `value` at `path` (`person.hukou.type`) inside the person object.
fn insert(person: &mut Map<String, Value>, path: &str, value: Value) {
    let mut steps = path.split('.').skip(1).peekable();
    let mut at = person;
    while let Some(step) = steps.next() {
        if steps.peek().is_none() {
            at.insert(step.to_owned(), value);
            return;
        }
        let next = at.entry(step.to_owned()).or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(m) = next else { return };
        at = m;
    }
}

/// Full-width digits and letters as ASCII, spaces gone: what a Chinese IME types.
fn half_width(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A cell as the request's value for a field: what a sheet holds, read the
/// ways people write it. What cannot be read goes as written, so that the
/// engine's message says what the field takes.
pub fn cell_value(f: Option<Field>, cell: &str) -> Value {
    let s = half_width(cell);
    let lower = s.to_lowercase();
    match columns::kind(f) {
        Kind::YesNo => match lower.as_str() {
            "true" | "yes" | "y" | "1" | "是" | "有" | "√" | "对" => Value::Bool(true),
            "false" | "no" | "n" | "0" | "否" | "无" | "没有" | "×" | "不是" => Value::Bool(false),
            _ => Value::String(cell.trim().to_owned()),
        },
        Kind::Whole | Kind::Year => {
            if f.is_some_and(|f| f.kind() == Kind::Year) && ["never", "从未", "从未参保", "没有", "无"].contains(&lower.as_str()) {
                return Value::Null;
            }
            let digits = lower.trim_end_matches(['岁', '年']).trim_end_matches("周").trim_end_matches(".0");
            digits.parse::<u64>().map_or_else(|_| Value::String(cell.trim().to_owned()), Value::from)
        }
        Kind::Date => Value::String(date_of(&s).unwrap_or_else(|| cell.trim().to_owned())),
        Kind::Amount => Value::String(s.trim_end_matches('元').replace([',', '，', '¥', '￥'], "")),
        Kind::Choice => {
            let Some(field) = f else { return Value::String(s) };
            // "None" as lists write it.
            if ["无", "没有", "都不是", "未参保", "没参保", "否"].contains(&s.as_str()) && field.values().contains(&"none") {
                return Value::String("none".into());
            }
            for v in field.values() {
                let named = words::value_words(field, v).is_some_and(|t| t.iter().any(|w| w.eq_ignore_ascii_case(&s)));
                if v.eq_ignore_ascii_case(&s) || named {
                    return Value::String((*v).to_owned());
                }
            }
            // A short form a sheet uses ("农村" for 农村户口): the one value whose words begin so.
            let starts: Vec<&&str> = field
                .values()
                .iter()
                .filter(|v| s.chars().count() >= 2 && words::value_words(field, v).is_some_and(|t| t.iter().any(|w| w.starts_with(s.as_str()))))
                .collect();
            if let [one] = starts.as_slice() {
                return Value::String((**one).to_owned());
            }
            Value::String(cell.trim().to_owned())
        }
    }
}

/// `1971-05-20`, `1971/5/20`, `1971.5.20`, `1971年5月20日`, `19710520`.
fn date_of(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] => (*y, *m, *d),
        [all] if all.len() == 8 => (all.get(0..4)?, all.get(4..6)?, all.get(6..8)?),
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    (y.len() == 4).then(|| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_result_cell_stands_under_its_column() {
        let named = [
            (at::SCHEME, "scheme"),
            (at::STATUS, "status"),
            (at::INDIVIDUAL, "individual"),
            (at::GOVERNMENT, "government"),
            (at::EMPLOYER, "employer"),
            (at::TOTAL, "total"),
            (at::PERIOD, "period"),
            (at::WAITING_MONTHS, "waitingMonths"),
            (at::COVER_FROM, "coverFrom"),
            (at::DEADLINE, "deadline"),
            (at::HELP, "help"),
            (at::CHOICES, "choices"),
            (at::MISSING, "missing"),
            (at::HOUSEHOLD, "household"),
            (at::WHERE, "where"),
            (at::ERROR, "error"),
        ];
        assert_eq!(named.len(), RESULT_COLUMNS.len());
        for (i, name) in named {
            assert_eq!(RESULT_COLUMNS[i], format!("result.{name}"));
        }
    }

    #[test]
    fn cells_read_as_people_write_them() {
        assert_eq!(cell_value(Some(Field::BirthDate), "1971年5月20日"), Value::from("1971-05-20"));
        assert_eq!(cell_value(Some(Field::BirthDate), "１９７１．５．２０"), Value::from("1971-05-20"));
        assert_eq!(cell_value(Some(Field::BirthDate), "19710520"), Value::from("1971-05-20"));
        assert_eq!(cell_value(Some(Field::BirthDate), "71-5-20"), Value::from("71-5-20"));
        assert_eq!(cell_value(None, "46岁"), Value::from(46));
        assert_eq!(cell_value(None, "46.0"), Value::from(46));
        assert_eq!(cell_value(Some(Field::HukouLocal), "是"), Value::Bool(true));
        assert_eq!(cell_value(Some(Field::HukouType), "农村户口"), Value::from("rural"));
        assert_eq!(cell_value(Some(Field::HukouType), "Rural"), Value::from("rural"));
        assert_eq!(cell_value(Some(Field::LastCoveredYear), "从未"), Value::Null);
        assert_eq!(cell_value(Some(Field::MonthlyWage), "4,000元"), Value::from("4000"));
    }
}
