//! `canbao`: the command line.
//!
//! ```text
//! canbao check FILE|-      [--pretty] [--pack PACK.json]... [--today YYYY-MM-DD]   the response JSON
//! canbao household FILE|-  [--pretty] [--pack PACK.json]... [--today YYYY-MM-DD]   a household's
//! canbao regions           [--lang zh-CN|zh-TW|en] [--today YYYY-MM-DD]            the packs
//! canbao validate PACK.json                                                        checks a pack
//! canbao pack ID                                                                   a built-in pack as JSON
//! ```
//! A request error prints `{"error": …}` on stdout and exits 2; a usage, pack or
//! I/O error prints to stderr and exits 1. Input is read up to the same limits
//! the WebAssembly build has, never whole; output to a closed pipe ends quietly.

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
  canbao check FILE|- [--pretty] [--pack PACK.json]... [--today YYYY-MM-DD]
  canbao household FILE|- [--pretty] [--pack PACK.json]... [--today YYYY-MM-DD]
  canbao regions [--lang zh-CN|zh-TW|en] [--today YYYY-MM-DD]
  canbao validate PACK.json
  canbao pack ID            print a built-in pack as JSON (a template for your own)
  canbao packs-bin [current|past|ID...]  built-in packs, compiled (all; today's; the historical;
                            or those named, parents first), for the wasm package
  canbao fields             the request fields forms ask, with their words (JSON)
  canbao version";

/// How a run ends.
enum Failure {
    /// Usage, a pack, reading input: a message on stderr, exit 1.
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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => {
            eprintln!("canbao: writing output: {e}");
            ExitCode::from(1)
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

fn flag_values<'a>(args: &'a [String], flag: &str) -> Vec<&'a str> {
    args.windows(2)
        .filter(|w| w.first().is_some_and(|f| f == flag))
        .filter_map(|w| w.get(1).map(String::as_str))
        .collect()
}

/// Reads at most `limit` bytes of a file or stdin: `Ok(None)` when there is more.
fn read_limited(path: &str, limit: usize) -> Result<Option<Vec<u8>>, String> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let read = if path == "-" {
        io::stdin().lock().take(cap).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(cap).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("{path}: {e}"))?;
    Ok((bytes.len() <= limit).then_some(bytes))
}

/// A request's text, or the contract's error for one too large or not UTF-8.
fn request_text(path: &str, limit: usize) -> Result<Result<String, canbao::RequestError>, String> {
    let error = |code| canbao::RequestError::new(code, "", Lang::default());
    Ok(match read_limited(path, limit)? {
        None => Err(error(ErrorCode::TooLarge).with(Detail::Bytes(limit))),
        Some(bytes) => String::from_utf8(bytes).map_err(|_| error(ErrorCode::InvalidJson)),
    })
}

fn pack_text(path: &str) -> Result<String, String> {
    match read_limited(path, MAX_PACK_BYTES)? {
        None => Err(format!("{path}: a pack may have at most {MAX_PACK_BYTES} bytes")),
        Some(bytes) => String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8 text")),
    }
}

fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.write_all(b"\n"))
        .and_then(|()| stdout.flush())
        .map_err(Failure::Output)
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let mut engine = Engine::builtin().map_err(|e| e.to_string())?;
    for path in flag_values(args, "--pack") {
        let text = pack_text(path)?;
        engine.load(&text, path).map_err(|e| e.to_string())?;
    }
    let today = match flag_values(args, "--today").first() {
        Some(d) => canbao::model::date::parse(d).ok_or("--today takes YYYY-MM-DD")?,
        None => today_in_china(),
    };
    let pretty = args.iter().any(|a| a == "--pretty");
    match args.first().map(String::as_str) {
        Some(command @ ("check" | "household")) => {
            let path = args.get(1).filter(|a| !a.starts_with("--") || *a == "-").ok_or(USAGE)?;
            let household = command == "household";
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
        Some("regions") => {
            let lang = flag_values(args, "--lang")
                .first()
                .and_then(|l| Lang::parse(l))
                .unwrap_or_default();
            out(&api::regions(&engine, lang, today, Format::Indented))?;
        }
        Some("validate") => {
            let path = args.get(1).ok_or(USAGE)?;
            let text = pack_text(path)?;
            let pack = engine.load(&text, path).map_err(|e| e.to_string())?;
            out(&format!("{path}: pack \"{}\" is valid", pack.id))?;
        }
        Some("pack") => {
            let id = args.get(1).ok_or(USAGE)?;
            let json = registry::builtin_json(id).ok_or_else(|| format!("no built-in pack \"{}\"", clean(id)))?;
            let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
            out(&serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?)?;
        }
        Some("packs-bin") => {
            // The built-in packs compiled here, as the native build compiles them
            // (same hashes), for the WebAssembly core: raw postcard bytes.
            let (current, past) = Registry::builtin_eras().map_err(|e| e.to_string())?;
            let named: Vec<String> = args.iter().skip(1).filter(|a| !a.starts_with("--")).cloned().collect();
            let ids = match named.first().map(String::as_str) {
                Some("current") => current,
                Some("past") => past,
                _ => named,
            };
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let bytes = if ids.is_empty() {
                Registry::compiled_builtins()
            } else {
                Registry::compiled_builtins_of(&ids)
            }
            .map_err(|e| e.to_string())?;
            let mut stdout = io::stdout().lock();
            stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .map_err(Failure::Output)?;
        }
        Some("fields") => out(&api::fields(Format::Indented))?,
        Some("version") => out(&format!("canbao {}", canbao::contract::render::VERSION))?,
        _ => return Err(USAGE.into()),
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
