//! The `canbao` command as a user runs it.

use std::io::Write;
use std::process::{Command, Stdio};

fn canbao(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_canbao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn readme_example_prints_the_response_and_exits_0() {
    let (code, out, _) = canbao(&["check", "examples/request.json"], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["age"], 34);
    assert_eq!(v["schemes"][0]["scheme"], "urban_resident");
    assert_eq!(v["schemes"][0]["fee"]["individual"], "140.00");
    assert_eq!(v["schemes"][0]["deadline"], "2015-01-30");
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
        r#"{"lang":"en","year":2015,"person":{"age":40,"hukou":{"type":"urban","local":true},"employment":"none","lowIncome":"none","enrolled":"none"}}"#,
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("[MAY JOIN] urban resident basic medical insurance"),
        "{out}"
    );
    assert!(out.contains("140.00 = 140.00 + 0.00 + 0.00"), "{out}");
}

#[test]
fn regions_lists_packs_with_years_and_sources() {
    let (code, out, _) = canbao(&["regions"], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["county-template", "liaoning-2007", "ordos-2009"]);
    let ordos = &v[2];
    assert_eq!(ordos["firstYear"], 2009);
    assert_eq!(ordos["lastYear"], 2011);
    assert!(ordos["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["file"] == "002_ac120f9667b12d9c.txt"));
    assert!(ordos["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["number"] == "劳社厅发[2006]11号"));
    assert_eq!(v[0]["default"], true);
}

#[test]
fn validate_names_the_file_and_key_of_a_bad_pack() {
    let dir = std::env::temp_dir().join(format!("canbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"id":"x","name":{"zh-CN":"x"},"valid":{"from":"2020-01-01"},"referenceDay":{"day":"01-01"},"sources":[{"id":"004","title":"t"}],"schemes":[{"scheme":"urban_resident","eligibility":[{"status":"eligible","code":"c","message":{"zh-CN":"m"},"source":"004 二","colour":"red"}]}]}"#).unwrap();
    let (code, _, err) = canbao(&["validate", bad.to_str().unwrap()], "");
    assert_eq!(code, 1);
    assert!(err.contains("bad.json: schemes[0].eligibility[0].colour"), "{err}");
}
