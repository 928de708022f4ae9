//! `canbao roster` as a village cadre runs it: a list saved by Excel or WPS
//! (GB18030 CSV, XLSX), with the mistakes real lists have. Every input row is
//! in the output, in order; a bad row says what is wrong and where.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::Reader;

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("canbao-roster-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn roster(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_canbao")).arg("roster").args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The CSV written, without its byte-order mark, as rows.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for Excel and WPS");
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&bytes[3..]);
    r.records().map(|rec| rec.unwrap().iter().map(str::to_owned).collect()).collect()
}

fn col(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|c| c == name).unwrap_or_else(|| panic!("no column {name}"))
}

/// GB 11643's check digit, for test identity numbers.
fn id(body: &str) -> String {
    let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.bytes().zip(w).map(|(d, w)| u32::from(d - b'0') * w).sum();
    format!("{body}{}", "10X98765432".as_bytes()[(sum % 11) as usize] as char)
}

#[test]
fn a_gb18030_list_with_chinese_headers_households_and_bad_rows() {
    let d = dir();
    let father = id("11010519800101001");
    let mother = id("11010519820301002");
    let wrong = format!("{}0", &id("11010519900101003")[..17]); // a mistyped check digit
    let text = format!(
        "姓名,身份证号,本地户口,就业情况,困难类别,残疾等级,现参保,最近参保年度,户号,备注\n\
         张三,{father},是,务农,都不是,0,无,2026,H1,\n\
         李四,{mother},是,没有工作,低保对象,0,无,2026,H1,\n\
         王五,{wrong},是,务农,,,,,H2,\n\
         重复,{father},是,务农,,,,,H3,\n\
         ,,,,,,,,,\n\
         短行,只有三格,是\n\
         赵六,,是,灵活就业,都不是,0,无,2026,,{}\n",
        "x".repeat(50_000)
    );
    let (gbk, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    let input = d.join("list.csv");
    std::fs::write(&input, &gbk).unwrap();
    let out = d.join("out.csv");
    let summary = d.join("summary.json");
    let (code, err) = roster(&[input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", "2026-11-24", "--summary", summary.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("columns kept as they are (not read): 姓名, 备注"), "{err}");
    assert!(err.contains("rows/s"), "{err}");
    let rows = read_csv(&out);
    assert_eq!(rows.len(), 8, "the header and every row, in order");
    assert_eq!(rows[1][0], "张三");
    assert_eq!(rows[7][0], "赵六");
    let (status, scheme, error, household, individual) =
        (col(&rows, "result.status"), col(&rows, "result.scheme"), col(&rows, "result.error"), col(&rows, "result.household"), col(&rows, "result.individual"));
    // A farmer born 1980: the resident scheme, 400 (the national minimum).
    assert_eq!((rows[1][scheme].as_str(), rows[1][status].as_str(), rows[1][individual].as_str()), ("urban_rural_resident", "eligible", "400.00"));
    // The identity number gave the birth date and sex: nothing more to ask for them.
    assert!(!rows[1][col(&rows, "result.missing")].contains("出生日期"));
    // Dibao: the region decides the help, so the share is unknown; the household total says so.
    assert!(rows[2][household].contains("未知") || rows[2][household].contains("?"), "{}", rows[2][household]);
    assert!(rows[3][error].starts_with("invalid_id_number:") && rows[3][error].contains("校验位"), "{}", rows[3][error]);
    assert!(rows[4][error].starts_with("duplicate_id_number:") && rows[4][error].contains("第 2 行"), "{}", rows[4][error]);
    assert!(rows[5].iter().all(String::is_empty), "an empty row stays, empty");
    assert!(rows[6][rows[6].len() - 1].contains("第 7 行有 3 格，表头有 10 格"), "{:?}", rows[6]);
    assert_eq!(rows[6][..3], ["短行", "只有三格", "是"], "the short row's cells are kept");
    // A 50,000-character cell kept whole, in a column canbao does not read.
    assert_eq!(rows[7][9].len(), 50_000);
    // A flexible worker chooses between the employee and the resident scheme: no scheme chosen for them.
    assert_eq!((rows[7][status].as_str(), rows[7][scheme].as_str()), ("choice", ""));
    assert!(rows[7][col(&rows, "result.choices")].contains("employee"), "{:?}", rows[7]);
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(s["rows"], 7);
    assert_eq!(s["errors"], 3);
    assert_eq!(s["duplicateIdNumbers"], 1);
    assert_eq!(s["byStatus"]["empty"], 1);
    assert!(s["totals"]["year"]["individual"].as_str().is_some());
}

#[test]
fn xlsx_in_and_out_with_dates_and_numbers_as_excel_keeps_them() {
    let d = dir();
    let input = d.join("list.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["birthDate", "hukou.local", "employment", "lowIncome", "disabilityGrade", "enrolled", "history.lastCoveredYear"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // A real date cell, numbers as numbers.
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(1980, 6, 1).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_datetime_with_format(1, 0, &date, &format).unwrap();
    sheet.write_string(1, 1, "是").unwrap();
    sheet.write_string(1, 2, "farmer").unwrap();
    sheet.write_string(1, 3, "none").unwrap();
    sheet.write_number(1, 4, 0.0).unwrap();
    sheet.write_string(1, 5, "urban_rural_resident").unwrap();
    sheet.write_number(1, 6, 2026.0).unwrap();
    book.save(&input).unwrap();
    let out = d.join("out.xlsx");
    let (code, err) = roster(&[input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", "2026-11-24", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let mut read = calamine::open_workbook_auto(&out).unwrap();
    let range = read.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows.len(), 2);
    let at = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    assert_eq!(rows[1][at("result.scheme")], "urban_rural_resident");
    assert_eq!(rows[1][at("result.individual")], "400.00");
    assert_eq!(rows[1][at("result.coverFrom")], "2027-01-01");
    assert_eq!(rows[1][at("result.error")], "");
}

#[test]
fn what_is_not_a_roster_is_said_so() {
    let d = dir();
    let xls = d.join("old.xls");
    std::fs::write(&xls, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).unwrap();
    let (code, err) = roster(&[xls.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("save it as .xlsx or .csv"), "{err}");
    let empty = d.join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let (code, err) = roster(&[empty.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("needs a header row"), "{err}");
    let (code, err) = roster(&["x.csv", "--year", "20x6"]);
    assert_eq!(code, 2);
    assert!(err.contains("--year takes a year"), "{err}");
}

#[test]
fn a_50_mb_cell_and_a_million_empty_rows_lose_nothing() {
    let d = dir();
    // A 50 MB paste in a column canbao does not read, and one in a column it
    // reads; then a million empty rows (a sheet dragged to its end) and a row after.
    let big = "x".repeat(50 << 20);
    let mut text = format!("姓名,出生日期,就业情况,备注\n甲,1980-01-01,务农,{big}\n乙,{big},务农,\n");
    text.push_str(&",,,\n".repeat(1_000_000));
    text.push_str("丙,1985-01-01,务农,\n");
    let input = d.join("big.csv");
    std::fs::write(&input, text).unwrap();
    drop(big);

    let out = d.join("big.out.csv");
    let summary = d.join("big.summary.json");
    let (code, err) = roster(&[input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", "2026-11-24", "--summary", summary.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let rows = read_csv(&out);
    assert_eq!(rows.len(), 1 + 2 + 1_000_000 + 1, "every row, in order");
    let error = col(&rows, "result.error");
    assert_eq!(rows[1][3].len(), 50 << 20, "the unread cell kept whole in CSV");
    assert_eq!(rows[1][error], "");
    // The read cell: an error naming its column, not "the request is too large".
    assert_eq!(rows[2][error], format!("too_large: 「出生日期」这一格有 {} 字节，最多 16384", 50 << 20));
    assert_eq!(rows[1_000_003][0], "丙");
    assert_eq!(rows[1_000_003][col(&rows, "result.status")], "eligible");

    // Nobody's low-income status is given: the individual's and the
    // government's shares are unknown, so the totals say how many are left
    // out rather than a bare "0.00".
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(s["byStatus"]["empty"], 1_000_000);
    assert_eq!(s["totals"]["year"]["total"], "800.00");
    assert_eq!(s["unknownShares"]["year"]["individual"], 2);
    assert_eq!(s["unknownShares"]["year"]["government"], 2);
    assert!(s["unknownShares"]["year"].get("total").is_none());
    assert!(err.contains("individual 0.00 (rows unknown: 2)"), "{err}");

    // XLSX holds 32,767 characters a cell: the cell is cut and says so.
    let xlsx = d.join("big.out.xlsx");
    let (code, err) = roster(&[input.to_str().unwrap(), "--out", xlsx.to_str().unwrap(), "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("cut and marked as cut: 2"), "{err}"); // both 50 MB cells
    let mut read = calamine::open_workbook_auto(&xlsx).unwrap();
    let range = read.worksheet_range_at(0).unwrap().unwrap();
    let cell = range.get_value((1, 3)).unwrap().to_string();
    assert_eq!(cell.chars().count(), 32_767);
    assert!(cell.ends_with(&format!("…［已截断：原有 {} 字，CSV 输出保留全文］", 50 << 20)), "{}", &cell[cell.len() - 80..]);
    assert_eq!(range.get_value((1_000_003, 0)).map(|c| c.to_string()), Some("丙".to_owned()));
}
