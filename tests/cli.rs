//! The `canbao` command as a user runs it, including as a user misuses it.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

fn canbao_bytes(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_canbao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    // A writer thread: the command may stop reading early (the input limit).
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn canbao(args: &[&str], stdin: &str) -> (i32, String, String) {
    canbao_bytes(args, stdin.as_bytes())
}

/// examples/request.json: a farmer born 1980-06-01, covered in 2026, paying on
/// 2026-11-24 for 2027. china.toml: 46 on 2027-01-01; the resident scheme at the
/// last published national minimum, 400 yuan (TODAY.md: 2026 is 400; 2027 not
/// yet published, so provisional), the subsidy 724; no national deadline (each
/// place sets its window); continuous cover paid in November, so no waiting
/// period and cover from 1 January.
#[test]
fn readme_example_prints_the_response_and_exits_0() {
    let (code, out, _) = canbao(&["check", "examples/request.json"], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["region"].as_str(), v["age"].as_u64()), (Some("china"), Some(46)));
    let resident = &v["schemes"][1];
    assert_eq!(resident["scheme"], "urban_rural_resident");
    assert_eq!(resident["status"], "eligible");
    assert_eq!(resident["fee"]["individual"], "400.00");
    assert_eq!(resident["fee"]["publicSubsidy"], "724.00");
    assert_eq!(resident["fee"]["provisional"], true);
    assert_eq!(resident["deadline"], serde_json::Value::Null);
    assert_eq!(resident["coverFrom"], "2027-01-01");
    assert_eq!(resident["waiting"]["months"], 0);
    assert_eq!(v["missing"], serde_json::json!([]));
    let (_, pretty, _) = canbao(&["check", "examples/request.json", "--pretty"], "");
    assert!(
        pretty.contains("费用 (每年): 400.00 = 个人 400.00 + 单位 0.00 + 政府 0.00"),
        "{pretty}"
    );
}

#[test]
fn request_error_prints_error_json_on_stdout_and_exits_2() {
    let (code, out, _) = canbao(
        &["check", "-"],
        r#"{"lang":"en","year":2015,"person":{"birthDate":"1980-02-30"}}"#,
    );
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["code"], "invalid_date");
    assert_eq!(v["error"]["field"], "person.birthDate");
    assert!(v["error"]["message"].as_str().unwrap().contains("date of birth"));
}

#[test]
fn pretty_output_speaks_the_request_language() {
    let (code, out, _) = canbao(
        &["check", "-", "--pretty"],
        r#"{"lang":"en","region":"county-template","year":2015,"person":{"age":40,"hukou":{"type":"urban","local":true},"employment":"none","lowIncome":"none","disabilityGrade":0,"enrolled":"none"}}"#,
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("[MAY JOIN] urban resident basic medical insurance"),
        "{out}"
    );
    assert!(
        out.contains("fee (a year): 140.00 = you 140.00 + employer 0.00 + government 0.00"),
        "{out}"
    );
}

#[test]
fn regions_lists_packs_with_years_and_sources() {
    let (code, out, _) = canbao(&["regions", "--today", "2026-11-24"], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // Today's packs first, then the historical documents'.
    assert_eq!(
        ids,
        [
            "china",
            "beijing",
            "chengdu",
            "guangzhou",
            "hangzhou",
            "hebei",
            "hubei",
            "jiangxi",
            "shanghai",
            "shenzhen",
            "suizhou",
            "zhuhai",
            "county-template",
            "liaoning-2007",
            "ordos-2009"
        ]
    );
    assert_eq!(v[0]["default"], true);
    assert_eq!(v[0]["enrollingYear"], 2027);
    let ordos = v.as_array().unwrap().iter().find(|r| r["id"] == "ordos-2009").unwrap();
    assert_eq!((&ordos["firstYear"], &ordos["lastYear"]), (&2009.into(), &2011.into()));
    assert_eq!(ordos["enrollingYear"], serde_json::Value::Null);
    let sources = ordos["sources"].as_array().unwrap();
    assert!(sources
        .iter()
        .any(|s| s["file"] == "002_ac120f9667b12d9c.txt" && s["strength"] == "official"));
    assert!(sources.iter().any(|s| s["number"] == "劳社厅发[2006]11号"));
}

#[test]
fn validate_names_the_file_and_key_of_a_bad_pack() {
    let dir = std::env::temp_dir().join(format!("canbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"id":"x","name":{"zh-CN":"x"},"valid":{"from":"2020-01-01"},"referenceDay":{"day":"01-01"},"sources":[{"id":"004","title":{"zh-CN":"t"},"strength":"official"}],"schemes":[{"scheme":"urban_resident","eligibility":[{"status":"eligible","code":"c","message":{"zh-CN":"m"},"source":"004 二","colour":"red"}]}]}"#).unwrap();
    let (code, _, err) = canbao(&["validate", bad.to_str().unwrap()], "");
    assert_eq!(code, 1);
    assert!(err.contains("bad.json: schemes[0].eligibility[0].colour"), "{err}");
    // The size limit loadPolicy has, validate has too.
    let big = dir.join("big.json");
    std::fs::write(
        &big,
        format!(r#"{{"id":"x","pad":"{}"}}"#, "x".repeat(canbao::pack::MAX_PACK_BYTES)),
    )
    .unwrap();
    let (code, _, err) = canbao(&["validate", big.to_str().unwrap()], "");
    assert_eq!(code, 1);
    assert!(err.contains("a pack may have at most"), "{err}");
}

#[test]
fn a_closed_pipe_ends_quietly_not_in_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_canbao"))
        .args(["pack", "china"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // stdout is closed here, as `| head -c 10` closes it.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_full_disk_is_an_error_not_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not on this system
    };
    let out = Command::new(env!("CARGO_BIN_EXE_canbao"))
        .arg("regions")
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("writing output"));
}

#[test]
fn stdin_is_read_up_to_the_limit_only() {
    // `yes | canbao check -` once read gigabytes before refusing.
    let junk = vec![b'y'; 8 * canbao::model::request::MAX_REQUEST_BYTES];
    let (code, out, _) = canbao_bytes(&["check", "-"], &junk);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["code"], "too_large");
    assert!(v["error"]["message"].as_str().unwrap().contains("65536"), "{out}");
}

#[test]
fn invalid_utf8_is_an_error_json_too() {
    let (code, out, _) = canbao_bytes(&["check", "-"], b"{\"person\":{\"sex\":\"\xff\"}}");
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["code"], "invalid_json");
}

#[test]
fn pretty_output_never_sends_control_characters_to_the_terminal() {
    let dir = std::env::temp_dir().join(format!("canbao-cli-esc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pack = dir.join("evil.json");
    std::fs::write(&pack, r#"{"id":"evil","name":{"zh-CN":"e\u001b[2Jvil"},"valid":{"from":"2020-01-01"},"referenceDay":{"day":"01-01"},"sources":[{"id":"d","title":{"zh-CN":"t"},"strength":"official"}],"schemes":[{"scheme":"urban_resident","eligibility":[{"status":"eligible","code":"c","message":{"zh-CN":"m"},"source":"d 二"}]}]}"#).unwrap();
    let (code, out, err) = canbao(
        &["check", "-", "--pretty", "--pack", pack.to_str().unwrap()],
        r#"{"person":{}}"#,
    );
    assert_eq!(code, 1);
    assert!(err.contains("control character U+001B"), "{err}");
    assert!(!out.contains('\u{1b}') && !err.contains('\u{1b}'));
    // Nor a key in a request: an error names it, escaped.
    let (code, out, _) = canbao(&["check", "-", "--pretty"], "{\"person\":{\"\\u001b[2J\":1}}");
    assert_eq!(code, 2);
    assert!(!out.contains('\u{1b}'), "{out:?}");
}

#[test]
fn household_command_answers_a_household() {
    let (code, out, _) = canbao(
        &["household", "-", "--today", "2015-01-05"],
        r#"{"region":"county-template","year":2015,"members":[{"age":40,"hukou":{"type":"urban","local":true},"employment":"none","lowIncome":"none","disabilityGrade":0,"enrolled":"none"},{"age":10,"hukou":{"type":"urban","local":true},"employment":"student","school":{"level":"primary","fullTime":true,"local":true},"lowIncome":"none","disabilityGrade":0,"enrolled":"none"}]}"#,
    );
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["totals"][0]["total"], "180.00");
}
