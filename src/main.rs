//! `canbao`: the command line.
//!
//! ```text
//! canbao check FILE|-  [--pretty] [--pack PACK.json]...   prints the response JSON
//! canbao regions       [--lang en]                        lists the packs
//! canbao validate PACK.json                               checks a pack written for a region
//! canbao pack ID                                          prints a built-in pack as JSON
//! ```
//! A request error prints `{"error": …}` on stdout and exits 2; a usage or I/O
//! error prints to stderr and exits 1.

use std::io::Read;
use std::process::ExitCode;

use canbao::pack::Pack;
use canbao::vocab::{Lang, Status};
use canbao::{Engine, Response};
use chrono::NaiveDate;

const USAGE: &str = "usage:
  canbao check FILE|- [--pretty] [--pack PACK.json]... [--today YYYY-MM-DD]
  canbao regions [--lang zh-CN|zh-TW|en]
  canbao validate PACK.json
  canbao pack ID            print a built-in pack as JSON (a template for your own)
  canbao version";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("canbao: {message}");
            ExitCode::from(1)
        }
    }
}

/// Today in China (UTC+8): the insurance year when a request names none.
fn today_in_china() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    canbao::date::china_date(secs)
}

fn flag_values<'a>(args: &'a [String], flag: &str) -> Vec<&'a str> {
    args.windows(2)
        .filter(|w| w[0] == flag)
        .map(|w| w[1].as_str())
        .collect()
}

fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("stdin: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut engine = Engine::builtin().map_err(|e| e.to_string())?;
    for path in flag_values(args, "--pack") {
        let text = read_input(path)?;
        let pack = Pack::from_json(&text, path, engine.national_sources()).map_err(|e| e.to_string())?;
        engine.load(pack, path, text.as_bytes()).map_err(|e| e.to_string())?;
    }
    match args.first().map(String::as_str) {
        Some("check") => {
            let path = args.get(1).filter(|a| !a.starts_with("--")).ok_or(USAGE)?;
            let today = match flag_values(args, "--today").first() {
                Some(d) => canbao::date::parse(d).ok_or("--today takes YYYY-MM-DD")?,
                None => today_in_china(),
            };
            let text = read_input(path)?;
            let result = canbao::request::from_json(&text).and_then(|req| engine.check(&req, today));
            match result {
                Ok(response) if args.iter().any(|a| a == "--pretty") => {
                    print!("{}", pretty(&response))
                }
                Ok(response) => println!("{}", response.to_json(true)),
                Err(e) => {
                    println!("{}", e.to_json(true));
                    return Ok(ExitCode::from(2));
                }
            }
        }
        Some("regions") => {
            let lang = flag_values(args, "--lang")
                .first()
                .and_then(|l| Lang::parse(l))
                .unwrap_or_default();
            println!("{}", canbao::engine::regions_json(&engine.regions(lang), true));
        }
        Some("validate") => {
            let path = args.get(1).ok_or(USAGE)?;
            let text = read_input(path)?;
            let pack = Pack::from_json(&text, path, engine.national_sources()).map_err(|e| e.to_string())?;
            let id = pack.id.clone();
            engine.load(pack, path, text.as_bytes()).map_err(|e| e.to_string())?;
            println!("{path}: pack \"{id}\" is valid");
        }
        Some("pack") => {
            let id = args.get(1).ok_or(USAGE)?;
            let json = canbao::engine::builtin_json(id).ok_or_else(|| format!("no built-in pack \"{id}\""))?;
            let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
            println!("{}", serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?);
        }
        Some("version") => println!("canbao {}", env!("CARGO_PKG_VERSION")),
        _ => return Err(USAGE.into()),
    }
    Ok(ExitCode::SUCCESS)
}

/// The response for a person at a terminal, in the request's language.
fn pretty(r: &Response) -> String {
    use std::fmt::Write;
    let (must, may, no, ask, fee_word, by, none) = match r.lang {
        Lang::En => (
            "MUST JOIN",
            "MAY JOIN",
            "not for you",
            "NEED MORE ANSWERS",
            "fee",
            "by",
            "unknown",
        ),
        Lang::ZhTw => ("必須參加", "可以參加", "不適用", "還需補充信息", "費用", "截止", "未知"),
        Lang::ZhCn => ("必须参加", "可以参加", "不适用", "还需补充信息", "费用", "截止", "未知"),
    };
    let amount = |m: Option<canbao::money::Money>| m.map(|m| m.to_string()).unwrap_or_else(|| none.to_owned());
    let mut out = String::new();
    let _ = writeln!(out, "{} {} ({})", r.region, r.year, r.reference_date.0);
    for s in &r.schemes {
        let status = match s.status {
            Status::Mandatory => must,
            Status::Eligible => may,
            Status::Ineligible => no,
            Status::NeedsInfo => ask,
        };
        let _ = writeln!(out, "\n[{status}] {}", s.name);
        if let Some(f) = &s.fee {
            let _ = writeln!(
                out,
                "  {fee_word}/{}: {} = {} + {} + {}",
                f.period.as_str(),
                amount(f.total),
                amount(f.individual),
                amount(f.employer),
                amount(f.government)
            );
        }
        if let Some(d) = s.deadline {
            let _ = writeln!(out, "  {by} {}", d.0);
        }
        for reason in &s.reasons {
            let _ = writeln!(
                out,
                "  - {} ({})",
                reason.message,
                reason.source.as_deref().unwrap_or("-")
            );
        }
    }
    if !r.missing.is_empty() {
        let _ = writeln!(out, "\n? {}", r.missing.join(", "));
    }
    out
}
