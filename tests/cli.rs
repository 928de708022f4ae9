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

/// Issue 15: a flag the command does not take, a flag without its value, an
/// argument too many: exit 2 with a message naming it, never an answer for
/// another day or a silently ignored pack.
#[test]
fn unknown_flags_missing_values_and_extra_arguments_are_usage_errors() {
    for (args, said) in [
        (
            &["check", "examples/request.json", "--tody", "2015-06-01"][..],
            "invalid option '--tody'",
        ),
        (
            &["check", "examples/request.json", "--packs", "x.json"][..],
            "invalid option '--packs'",
        ),
        (
            &["check", "examples/request.json", "--today"][..],
            "missing argument for option '--today'",
        ),
        (
            &["check", "examples/request.json", "other.json"][..],
            "unexpected argument \"other.json\"",
        ),
        (
            &["check", "examples/request.json", "--today", "2026-13-01"][..],
            "--today takes a date",
        ),
        (
            &["check", "examples/request.json", "--today", "9999-12-31"][..],
            "--today must be from 1900-01-01 to 2199-12-31",
        ),
        (
            &["regions", "--today", "1899-12-31"][..],
            "--today must be from 1900-01-01 to 2199-12-31",
        ),
        (
            &["regions", "--lang", "xx"][..],
            "--lang takes zh-CN, zh-TW or en, not \"xx\"",
        ),
        (&["regions", "--pretty"][..], "invalid option '--pretty'"),
        (&["validate"][..], "a file or id is needed"),
        (&["frobnicate"][..], "unknown command \"frobnicate\""),
        (&[][..], "a command is needed"),
    ] {
        let (code, out, err) = canbao(args, "");
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(err.contains("usage:"), "{args:?}: {err}");
    }
}

/// Issue 15: an argument that is not UTF-8 is refused, never a panic (exit 101).
#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_refused_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"\xff\xfe.json");
    for args in [
        vec![std::ffi::OsStr::new("check"), bad],
        vec![
            std::ffi::OsStr::new("check"),
            std::ffi::OsStr::new("-"),
            std::ffi::OsStr::new("--today"),
            bad,
        ],
        vec![bad],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_canbao"))
            .args(&args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        assert!(code == 1 || code == 2, "{args:?}: exit {code}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("canbao: "), "{args:?}");
    }
}

/// Issue 15: with stdout closed (`>&-`) the answer cannot be written: exit 1,
/// not 0 with the answer lost. `>/dev/null` is still a success.
#[cfg(target_os = "linux")]
#[test]
fn a_closed_stdout_is_an_error() {
    let closed = Command::new("sh")
        .args([
            "-c",
            &format!("{} check examples/request.json >&-", env!("CARGO_BIN_EXE_canbao")),
        ])
        .output()
        .unwrap();
    assert_eq!(closed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&closed.stderr).contains("stdout is closed"));
    let null = Command::new("sh")
        .args([
            "-c",
            &format!(
                "{} check examples/request.json >/dev/null",
                env!("CARGO_BIN_EXE_canbao")
            ),
        ])
        .output()
        .unwrap();
    assert_eq!(null.status.code(), Some(0));
}

/// Issue 14: packs as clerks write them. The docs' own TOML example validates;
/// an error in TOML names the line and column of the key; the common slips get
/// a hint; a fixed deadline in an open-ended pack is a warning.
#[test]
fn validate_reads_toml_and_says_the_line() {
    let (code, out, _) = canbao(&["validate", "docs/example-pack.toml"], "");
    assert_eq!(code, 0);
    assert!(out.contains("pack \"example-city\" is valid"), "{out}");
    let dir = std::env::temp_dir().join(format!("canbao-cli-toml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let head = "id = \"x\"\nextends = \"china\"\nname = { zh-CN = \"X市\" }\nvalid = { from = 2026-01-01 }\n[[schemes]]\nscheme = \"urban_rural_resident\"\n";
    for (body, said) in [
        (
            "[[schemes.subsidies]]\nwhen = { lowIncome = \"dibao\" }\ncovers = \"all\"\nsource = \"38 三\"\n",
            ":8:10: schemes[0].subsidies[0].when.lowIncome: invalid type: string \"dibao\", expected a sequence: write a list, even of one value, like [\"dibao\"]",
        ),
        (
            "[[schemes.subsidies]]\nwhen = { lowIncome = [\"dibao\"] }\ncovers = \"100%\"\nsource = \"38 三\"\n",
            ":9:1: schemes[0].subsidies[0].covers: \"100%\" is not an amount: write \"all\" for the whole individual share",
        ),
        ("[[schemes.subsidies]]\ncovers = \n", ":8:10: not TOML (nor JSON): invalid string"),
    ] {
        let path = dir.join("city.toml");
        std::fs::write(&path, format!("{head}{body}")).unwrap();
        let (code, _, err) = canbao(&["validate", path.to_str().unwrap()], "");
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(&format!("city.toml{said}")), "{err}");
    }
    std::fs::write(
        dir.join("open.toml"),
        format!("{head}[[schemes.deadlines]]\ndate = 2026-12-31\nsource = \"38 三\"\n"),
    )
    .unwrap();
    let (code, out, err) = canbao(&["validate", dir.join("open.toml").to_str().unwrap()], "");
    assert_eq!(code, 0);
    assert!(out.contains("is valid"));
    assert!(
        err.contains("warning: ")
            && err.contains("open.toml:8:1: schemes[0].deadlines[0].date: a fixed date (2026-12-31)"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 14: `packs-bin --pack` builds one place in: its parents, then it, as
/// the default; never silently all the built-ins.
#[test]
fn packs_bin_with_a_pack_builds_that_place_in() {
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_canbao")).args(args).output().unwrap();
    let all = run(&["packs-bin"]);
    let city = run(&["packs-bin", "--pack", "docs/example-pack.toml"]);
    assert_eq!(city.status.code(), Some(0));
    assert!(!city.stdout.is_empty() && city.stdout.len() < all.stdout.len());
    let suizhou = run(&["packs-bin", "--pack", "policies/suizhou.toml"]);
    assert_eq!(
        suizhou.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&suizhou.stderr)
    );
    let two = run(&["packs-bin", "--pack", "a.toml", "--pack", "b.toml"]);
    assert_eq!(two.status.code(), Some(2));
}

/// Issue 14: a clerk updating a built-in pack validates its file as it is,
/// checked in place of the built-in one (not refused for having its id).
#[test]
fn validate_checks_a_built_in_packs_own_file_in_its_place() {
    for entry in std::fs::read_dir("policies").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "toml") {
            let (code, out, err) = canbao(&["validate", path.to_str().unwrap()], "");
            assert_eq!(code, 0, "{}: {err}", path.display());
            assert!(out.contains("is valid"), "{out}");
        }
    }
    let (_, out, _) = canbao(&["validate", "policies/beijing.toml"], "");
    assert!(
        out.contains("checked in place of the built-in pack \"beijing\""),
        "{out}"
    );
}

/// Issue 15: the same limits and codes as the wasm build: a string over
/// 16 KiB is too_large at its field, nesting over 25 levels invalid_type.
#[test]
fn a_long_string_or_deep_nesting_is_refused_as_in_wasm() {
    let long = "x".repeat(16 * 1024 + 1);
    for field in ["sex", "monthlyWage", "unknownKey"] {
        let request = format!(r#"{{"person":{{"birthDate":"1990-01-01","{field}":"{long}"}}}}"#);
        let (code, out, _) = canbao(&["check", "-"], &request);
        assert_eq!(code, 2);
        assert!(out.contains(r#""code": "too_large""#) && out.contains(&format!(r#""field": "person.{field}""#)), "{field}: {out}");
    }
    let deep = format!(r#"{{"person":{{"birthDate":"1990-01-01","hukou":{}1{}}}}}"#, "[".repeat(30), "]".repeat(30));
    let (code, out, _) = canbao(&["check", "-"], &deep);
    assert_eq!(code, 2);
    assert!(out.contains(r#""code": "invalid_type""#) && out.contains(r#""field": "person.hukou"#), "{out}");
}
