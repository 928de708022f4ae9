//! `canbao`: the command line.
//!
//! ```text
//! canbao check FILE|-      [--pretty] [--pack PACK]... [--today YYYY-MM-DD]   the response JSON
//! canbao household FILE|-  [--pretty] [--pack PACK]... [--today YYYY-MM-DD]   a household's
//! canbao regions           [--lang zh-CN|zh-TW|en] [--pack PACK]... [--today YYYY-MM-DD]
//! canbao validate PACK                                                      checks a pack (TOML or JSON)
//! canbao pack ID                                                            a built-in pack as JSON
//! ```
//! Exit codes: 0 answered; 2 the arguments (an unknown flag, a missing value,
//! an extra argument: a message naming it) or the request (`{"error": …}` on
//! stdout) refused; 1 a pack, reading input or writing output failed. Input is
//! read up to the same limits the WebAssembly build has, never whole; output to
//! a closed pipe ends quietly, to a closed stdout is an error.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use canbao::api::{self, Format};
use canbao::contract::render::{error_json, Layout};
use canbao::model::error::{Detail, ErrorCode};
use canbao::model::request::{MAX_HOUSEHOLD_BYTES, MAX_REQUEST_BYTES};
use canbao::model::text::Lang;
use canbao::pack::{registry, Registry, MAX_PACK_BYTES};
use canbao::Engine;
use chrono::NaiveDate;

const USAGE: &str = "usage:
  canbao check FILE|- [--pretty] [--pack PACK]... [--today YYYY-MM-DD]
  canbao household FILE|- [--pretty] [--pack PACK]... [--today YYYY-MM-DD]
  canbao regions [--lang zh-CN|zh-TW|en] [--pack PACK]... [--today YYYY-MM-DD]
  canbao roster FILE [--out OUT] [--region R] [--year Y] [--today YYYY-MM-DD] [--lang L] [--summary FILE] [--pack PACK]...
                            a whole list (CSV or XLSX) checked, result columns appended
  canbao validate PACK      check a pack (TOML or JSON)
  canbao pack ID            print a built-in pack as JSON (a template for your own)
  canbao packs-bin [current|past|ID...]  built-in packs, compiled (all; today's; the historical;
                            or those named, parents first), for the wasm package
  canbao packs-bin --pack PACK           a build set to one place: the packs PACK extends,
                            then PACK, as the default
  canbao fields             the request fields forms ask, with their words (JSON)
  canbao version";

/// How a run ends.
enum Failure {
    /// The arguments: a message naming the flag or argument, and the usage; exit 2.
    Usage(String),
    /// A pack, reading input: a message on stderr, exit 1.
    Message(String),
    /// Writing output failed; a closed pipe (`| head`) is not worth a word.
    Output(io::Error),
}

impl From<String> for Failure {
    fn from(s: String) -> Failure {
        Failure::Message(s)
    }
}

impl From<&str> for Failure {
    fn from(s: &str) -> Failure {
        Failure::Message(s.to_owned())
    }
}

impl From<lexopt::Error> for Failure {
    fn from(e: lexopt::Error) -> Failure {
        Failure::Usage(clean(&e.to_string()))
    }
}

fn main() -> ExitCode {
    match run(lexopt::Parser::from_env()) {
        Ok(code) => code,
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => {
            eprintln!("canbao: writing output: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("canbao: {message}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Message(message)) => {
            eprintln!("canbao: {message}");
            ExitCode::from(1)
        }
    }
}

/// Today in China (UTC+8): the day of paying, and the coverage year, when a
/// request names none.
fn today_in_china() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    canbao::model::date::china_date(secs)
}

/// Reads at most `limit` bytes of a file or stdin: `Ok(None)` when there is more.
fn read_limited(path: &OsString, limit: usize) -> Result<Option<Vec<u8>>, String> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let read = if path == "-" {
        io::stdin().lock().take(cap).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(cap).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("{}: {e}", shown(path)))?;
    Ok((bytes.len() <= limit).then_some(bytes))
}

/// A file name as messages show it (not UTF-8: with replacement characters).
fn shown(path: &OsString) -> String {
    clean(&path.to_string_lossy())
}

/// A request's text, or the contract's error for one too large or not UTF-8.
fn request_text(path: &OsString, limit: usize) -> Result<Result<String, canbao::RequestError>, String> {
    let error = |code| canbao::RequestError::new(code, "", Lang::default());
    Ok(match read_limited(path, limit)? {
        None => Err(error(ErrorCode::TooLarge).with(Detail::Bytes(limit))),
        Some(bytes) => String::from_utf8(bytes).map_err(|_| error(ErrorCode::InvalidJson)),
    })
}

fn pack_text(path: &OsString) -> Result<String, String> {
    match read_limited(path, MAX_PACK_BYTES)? {
        None => Err(format!(
            "{}: a pack may have at most {MAX_PACK_BYTES} bytes",
            shown(path)
        )),
        Some(bytes) => String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", shown(path))),
    }
}

fn out(text: &str) -> Result<(), Failure> {
    write_out(text.as_bytes(), true)
}

/// Writes to stdout, which must be open: the answer is not lost with exit 0.
fn write_out(bytes: &[u8], newline: bool) -> Result<(), Failure> {
    if stdout_was_closed() {
        return Err(Failure::Message(
            "stdout is closed: there is nowhere to write the answer".into(),
        ));
    }
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| if newline { stdout.write_all(b"\n") } else { Ok(()) })
        .and_then(|()| stdout.flush())
        .map_err(Failure::Output)
}

/// Whether the program started with stdout closed (`>&-`). Rust's runtime
/// then opens /dev/null on it, read-write, before `main`, so writing succeeds
/// and says nothing; a shell's `>/dev/null` opens it write-only. Linux only
/// (`/proc`); elsewhere, false.
fn stdout_was_closed() -> bool {
    let Ok(target) = std::fs::read_link("/proc/self/fd/1") else {
        return false;
    };
    if target != std::path::Path::new("/dev/null") {
        return false;
    }
    let info = std::fs::read_to_string("/proc/self/fdinfo/1").unwrap_or_default();
    let flags = info.lines().find_map(|l| l.strip_prefix("flags:")).map(str::trim);
    flags
        .and_then(|f| u32::from_str_radix(f, 8).ok())
        .is_some_and(|f| f & 0o3 == 0o2)
}

#[derive(Clone, Copy, PartialEq)]
enum Command {
    Check,
    Household,
    Regions,
    Validate,
    Pack,
    PacksBin,
    Texts,
    Roster,
    Fields,
    Version,
}

/// The command line, read strictly: an option the command does not take, one
/// without its value, or an argument too many is a usage error naming it.
fn run(mut args: lexopt::Parser) -> Result<ExitCode, Failure> {
    use lexopt::prelude::*;
    use Command::*;
    let command = match args.next()? {
        Some(Value(v)) => match v.string()?.as_str() {
            "check" => Check,
            "household" => Household,
            "regions" => Regions,
            "validate" => Validate,
            "pack" => Pack,
            "packs-bin" => PacksBin,
            "texts" => Texts,
            "roster" => Roster,
            "fields" => Fields,
            "version" => Version,
            other => return Err(Failure::Usage(format!("unknown command \"{}\"", clean(other)))),
        },
        Some(Long("help") | Short('h')) => {
            out(USAGE)?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(other) => return Err(other.unexpected().into()),
        None => return Err(Failure::Usage("a command is needed".into())),
    };
    let mut pretty = false;
    let mut packs: Vec<OsString> = Vec::new();
    let mut today: Option<NaiveDate> = None;
    let mut lang: Option<Lang> = None;
    let mut positional: Vec<OsString> = Vec::new();
    let mut roster = RosterFlags::default();
    while let Some(arg) = args.next()? {
        match arg {
            Long("out") if command == Roster => roster.out = Some(args.value()?),
            Long("summary") if command == Roster => roster.summary = Some(args.value()?),
            Long("region") if command == Roster => roster.region = Some(args.value()?.string()?),
            Long("year") if command == Roster => {
                let v = args.value()?.string()?;
                roster.year = Some(v.parse().ok().filter(|y| (1900..=2200).contains(y)).ok_or_else(|| {
                    Failure::Usage(format!("--year takes a year from 1900 to 2200, not \"{}\"", clean(&v)))
                })?);
            }
            Long("pretty") if matches!(command, Check | Household) => pretty = true,
            Long("pack") if matches!(command, Check | Household | Regions | PacksBin | Roster) => packs.push(args.value()?),
            Long("today") if matches!(command, Check | Household | Regions | Roster) => {
                let v = args.value()?.string()?;
                let day = canbao::model::date::parse(&v).ok_or_else(|| {
                    Failure::Usage(format!("--today takes a date, YYYY-MM-DD, not \"{}\"", clean(&v)))
                })?;
                let (first, last) = canbao::contract::decode::today_bounds();
                if day < first || day > last {
                    return Err(Failure::Usage(format!("--today must be from {first} to {last}, not {day}")));
                }
                today = Some(day);
            }
            Long("lang") if matches!(command, Regions | Roster) => {
                let v = args.value()?.string()?;
                lang = Some(Lang::parse(&v).ok_or_else(|| {
                    Failure::Usage(format!("--lang takes zh-CN, zh-TW or en, not \"{}\"", clean(&v)))
                })?);
            }
            Value(v) => positional.push(v),
            other => return Err(other.unexpected().into()),
        }
    }
    // How many arguments each command takes.
    let (least, most) = match command {
        Check | Household | Validate | Pack | Roster => (1, 1),
        Texts => (2, 2),
        PacksBin if !packs.is_empty() => (0, 0),
        PacksBin => (0, usize::MAX),
        Regions | Fields | Version => (0, 0),
    };
    if positional.len() < least {
        return Err(Failure::Usage("a file or id is needed".into()));
    }
    if let Some(extra) = positional.get(most) {
        return Err(Failure::Usage(format!("unexpected argument \"{}\"", shown(extra))));
    }
    if command == PacksBin && packs.len() > 1 {
        return Err(Failure::Usage("packs-bin builds one place: one --pack".into()));
    }
    let first = positional.first();

    let mut engine = Engine::builtin().map_err(|e| e.to_string())?;
    if command != PacksBin {
        for path in &packs {
            let text = pack_text(path)?;
            engine.load(&text, &shown(path)).map_err(|e| e.to_string())?;
        }
    }
    let today = match today {
        Some(day) => day,
        None => canbao::contract::decode::plausible_today(today_in_china(), Lang::En)
            .map_err(|_| "the system clock is not a plausible date: pass --today YYYY-MM-DD".to_owned())?,
    };
    match (command, first) {
        (Check | Household, Some(path)) => {
            let household = command == Household;
            let limit = if household {
                MAX_HOUSEHOLD_BYTES
            } else {
                MAX_REQUEST_BYTES
            };
            let answer = match request_text(path, limit)? {
                Err(e) => Err(error_json(&e, Layout::Indented)),
                Ok(text) if household => api::check_household(&engine, &text, today, Format::Indented),
                Ok(text) if pretty => api::check(&engine, &text, today, Format::Compact)
                    .map(|json| serde_json::from_str(&json).map_or_else(|e| e.to_string(), |v| summary(&v))),
                Ok(text) => api::check(&engine, &text, today, Format::Indented),
            };
            return match answer {
                Ok(text) => out(&text).map(|()| ExitCode::SUCCESS),
                Err(error) => out(&error).map(|()| ExitCode::from(2)),
            };
        }
        (Regions, _) => out(&api::regions(
            &engine,
            lang.unwrap_or_default(),
            today,
            Format::Indented,
        ))?,
        (Validate, Some(path)) => {
            let text = pack_text(path)?;
            let pack = Registry::check_text(&text, &shown(path)).map_err(|e| e.to_string())?;
            for w in &pack.warnings {
                eprintln!("canbao: warning: {w}");
            }
            // A clerk's update of a built-in pack is checked in its place.
            let replaces = Registry::builtin()
                .ok()
                .and_then(|r| r.regions().find(|p| p.named(&pack.id)).map(|p| p.id.clone()));
            match replaces {
                Some(id) => out(&format!(
                    "{}: pack \"{}\" is valid, checked in place of the built-in pack \"{id}\"",
                    shown(path),
                    pack.id
                ))?,
                None => out(&format!("{}: pack \"{}\" is valid", shown(path), pack.id))?,
            }
        }
        (Pack, Some(id)) => {
            let id = id.to_string_lossy();
            let json = registry::builtin_json(&id).ok_or_else(|| format!("no built-in pack \"{}\"", clean(&id)))?;
            let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
            out(&serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?)?;
        }
        (PacksBin, _) => {
            // Compiled here, as the native build compiles them (same hashes),
            // for the WebAssembly core: raw postcard bytes.
            let bytes = if let Some(path) = packs.first() {
                Registry::compiled_place(&pack_text(path)?, &shown(path))
            } else {
                let (current, past) = Registry::builtin_eras().map_err(|e| e.to_string())?;
                let named: Vec<String> = positional.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                let ids = match named.first().map(String::as_str) {
                    Some("current") => current,
                    Some("past") => past,
                    _ => named,
                };
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                if ids.is_empty() {
                    Registry::compiled_builtins()
                } else {
                    Registry::compiled_builtins_of(&ids)
                }
            }
            .map_err(|e| e.to_string())?;
            write_out(&bytes, false)?;
        }
        (Roster, Some(path)) => {
            let options = canbao::roster::Options { region: roster.region.clone(), year: roster.year, today, lang: lang.unwrap_or_default() };
            return run_roster(&engine, path, options, &roster);
        }
        (Texts, Some(lang)) => {
            let keep = Lang::parse(&lang.to_string_lossy())
                .ok_or_else(|| Failure::Usage("texts takes zh-CN, zh-TW or en, then a compiled file".into()))?;
            let path = positional.get(1).ok_or_else(|| Failure::Usage("a compiled file is needed".into()))?;
            let bytes = read_limited(path, 16 * MAX_PACK_BYTES)?.ok_or("the compiled file is too large")?;
            let kept = Registry::compiled_texts(&bytes, keep).map_err(|e| e.to_string())?;
            write_out(&kept, false)?;
        }
        (Fields, _) => out(&api::fields(Format::Indented))?,
        (Version, _) => out(&format!("canbao {}", canbao::contract::render::VERSION))?,
        (Check | Household | Validate | Pack | Texts | Roster, None) => return Err(Failure::Usage("a file or id is needed".into())),
    }
    Ok(ExitCode::SUCCESS)
}

/// Text for a terminal: control characters (escape sequences above all) shown
/// as `\u{…}`, never sent to it.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The response for a person at a terminal, in the request's language.
fn summary(r: &serde_json::Value) -> String {
    use std::fmt::Write;
    let words: [&str; 13] = match r["lang"].as_str().and_then(Lang::parse).unwrap_or_default() {
        Lang::En => [
            "MUST JOIN",
            "MAY JOIN",
            "not for you",
            "NEED MORE ANSWERS",
            "fee",
            "by",
            "unknown",
            "cover from",
            "a year",
            "a month",
            "you",
            "employer",
            "government",
        ],
        Lang::ZhTw => [
            "必須參加",
            "可以參加",
            "不適用",
            "還需補充信息",
            "費用",
            "截止",
            "未知",
            "待遇開始",
            "每年",
            "每月",
            "個人",
            "單位",
            "政府",
        ],
        Lang::ZhCn => [
            "必须参加",
            "可以参加",
            "不适用",
            "还需补充信息",
            "费用",
            "截止",
            "未知",
            "待遇开始",
            "每年",
            "每月",
            "个人",
            "单位",
            "政府",
        ],
    };
    let [must, may, no, ask, fee_word, by, none, cover, year, month, you, employer, government] = words;
    let text = |v: &serde_json::Value| v.as_str().unwrap_or(none).to_owned();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} {} ({}) · {}",
        text(&r["regionName"]),
        r["year"],
        text(&r["referenceDate"]),
        text(&r["rules"]["hash"])
    );
    for scheme in r["schemes"].as_array().into_iter().flatten() {
        let status = match scheme["status"].as_str() {
            Some("mandatory") => must,
            Some("eligible") => may,
            Some("needs_info") => ask,
            _ => no,
        };
        let _ = writeln!(s, "\n[{status}] {}", text(&scheme["name"]));
        let f = &scheme["fee"];
        if f.is_object() {
            let (total, i, e, g) = (
                text(&f["total"]),
                text(&f["individual"]),
                text(&f["employer"]),
                text(&f["government"]),
            );
            let period = if f["period"] == "month" { month } else { year };
            let _ = writeln!(
                s,
                "  {fee_word} ({period}): {total} = {you} {i} + {employer} {e} + {government} {g}"
            );
        }
        if scheme["deadline"].is_string() {
            let _ = writeln!(s, "  {by} {}", text(&scheme["deadline"]));
        }
        if scheme["coverFrom"].is_string() {
            let _ = writeln!(s, "  {cover} {}", text(&scheme["coverFrom"]));
        }
        for reason in scheme["reasons"].as_array().into_iter().flatten() {
            let source = reason["source"].as_str().unwrap_or("-");
            let _ = writeln!(s, "  - {} ({source})", text(&reason["message"]));
        }
    }
    let groups: Vec<String> = r["alternatives"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| {
            g.as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    if !groups.is_empty() {
        let _ = writeln!(s, "\n⇄ {}", groups.join("; "));
    }
    let missing: Vec<&str> = r["missing"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m.as_str())
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(s, "\n? {}", missing.join(", "));
    }
    clean(&s)
}

/// `canbao roster`'s own flags.
#[derive(Default)]
struct RosterFlags {
    out: Option<OsString>,
    summary: Option<OsString>,
    region: Option<String>,
    year: Option<i32>,
}

/// Checks a roster file row by row, writes it with the result columns, and
/// prints the summary (and rows per second) on stderr.
fn run_roster(engine: &Engine, path: &OsString, options: canbao::roster::Options, flags: &RosterFlags) -> Result<ExitCode, Failure> {
    use canbao::roster::{files, Checker, Header, RESULT_COLUMNS};
    use std::io::{BufWriter, Read};
    let started = std::time::Instant::now();
    let mut file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", shown(path)))?;
    let mut head = [0u8; 4];
    let n = file.read(&mut head).map_err(|e| format!("{}: {e}", shown(path)))?;
    let kind = files::kind_of(&head[..n]).map_err(|e| format!("{}: {e}", shown(path)))?;
    let file = std::io::Cursor::new(head[..n].to_vec()).chain(file);
    let mut rows: Box<dyn Iterator<Item = Result<Vec<String>, String>>> = match kind {
        files::Kind::Csv => Box::new(files::csv_rows(file).map_err(|e| format!("{}: {e}", shown(path)))?),
        files::Kind::Xlsx => {
            let mut bytes = Vec::new();
            let mut file = file;
            file.read_to_end(&mut bytes).map_err(|e| format!("{}: {e}", shown(path)))?;
            let rows = files::xlsx_rows(std::io::Cursor::new(bytes)).map_err(|e| format!("{}: {e}", shown(path)))?;
            Box::new(rows.into_iter().map(Ok))
        }
    };
    let names = match rows.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(format!("{}: the header: {e}", shown(path)).into()),
        None => return Err(format!("{}: the file is empty: it needs a header row", shown(path)).into()),
    };
    let header = Header::new(&names);
    let unknown = header.unknown(&names);
    if !unknown.is_empty() {
        eprintln!("canbao: columns kept as they are (not read): {}", unknown.join(", "));
    }
    // Where the answer goes: --out (its extension chooses CSV or XLSX), or
    // beside the input, in its kind.
    let out_path: OsString = flags.out.clone().unwrap_or_else(|| {
        let p = std::path::Path::new(path);
        let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let ext = if kind == files::Kind::Xlsx { "xlsx" } else { "csv" };
        p.with_file_name(format!("{stem}.checked.{ext}")).into_os_string()
    });
    let xlsx = std::path::Path::new(&out_path).extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let mut out_row: Vec<String> = names.clone();
    out_row.extend(RESULT_COLUMNS.iter().map(|c| (*c).to_owned()));
    let width = names.len();
    let mut checker = Checker::new(options, header);
    let mut write_err: Option<String> = None;
    if xlsx {
        let mut book = files::XlsxOut::new(checker.lang());
        book.row(&out_row).map_err(|e| e.to_string())?;
        let mut emit = |r: Vec<String>| {
            if let Err(e) = book.row(&r) {
                write_err.get_or_insert(e);
            }
        };
        for row in rows {
            checker.take(engine, row, width, &mut emit);
        }
        checker.flush(engine, &mut emit);
        if book.cut > 0 {
            eprintln!(
                "canbao: cells longer than an XLSX cell holds (32,767 characters), cut and marked as cut: {}; write CSV (--out FILE.csv) to keep them whole",
                book.cut
            );
        }
        let bytes = book.save()?;
        std::fs::write(&out_path, bytes).map_err(|e| format!("{}: {e}", shown(&out_path)))?;
    } else {
        let target: Box<dyn std::io::Write> = if out_path == "-" {
            Box::new(std::io::stdout().lock())
        } else {
            Box::new(std::fs::File::create(&out_path).map_err(|e| format!("{}: {e}", shown(&out_path)))?)
        };
        let mut csv = files::CsvOut::new(BufWriter::with_capacity(1 << 16, target)).map_err(|e| e.to_string())?;
        csv.row(&out_row).map_err(|e| e.to_string())?;
        let mut emit = |r: Vec<String>| {
            if let Err(e) = csv.row(&r) {
                write_err.get_or_insert(e.to_string());
            }
        };
        for row in rows {
            checker.take(engine, row, width, &mut emit);
        }
        checker.flush(engine, &mut emit);
        csv.finish().map_err(|e| format!("{}: {e}", shown(&out_path)))?;
    }
    if let Some(e) = write_err {
        return Err(format!("{}: {e}", shown(&out_path)).into());
    }
    let summary = &mut checker.summary;
    summary.finish();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "canbao: {} rows checked in {secs:.2} s ({:.0} rows/s): {} answered, {} need answers, {} in error, {} duplicate identity numbers; written to {}",
        summary.rows,
        summary.rows as f64 / secs.max(1e-9),
        summary.checked,
        summary.needs_answers,
        summary.errors,
        summary.duplicate_id_numbers,
        shown(&out_path)
    );
    // Peak memory, where the system says (Linux): flat however long the CSV.
    if let Some(peak) = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.trim_start_matches("VmHWM:").trim().to_owned()))
    {
        eprintln!("  peak memory: {peak}");
    }
    eprintln!("  by scheme: {:?}", summary.by_scheme);
    eprintln!("  by status: {:?}", summary.by_status);
    for (period, totals) in &summary.totals {
        let unknown = summary.unknown_shares.get(period);
        let payers: Vec<String> = canbao::roster::PAYERS
            .iter()
            .filter_map(|payer| Some((payer, totals.get(*payer)?)))
            .map(|(payer, sum)| match unknown.and_then(|u| u.get(*payer)) {
                Some(n) => format!("{payer} {sum} (rows unknown: {n})"),
                None => format!("{payer} {sum}"),
            })
            .collect();
        eprintln!("  totals a {period}, by payer: {}", payers.join(", "));
    }
    if let Some(p) = &flags.summary {
        let json = serde_json::to_string_pretty(&*summary).map_err(|e| e.to_string())?;
        std::fs::write(p, json).map_err(|e| format!("{}: {e}", shown(p)))?;
    }
    Ok(ExitCode::SUCCESS)
}
