//! A roster's files: CSV (UTF-8, with or without a byte-order mark, or GB18030
//! as Excel and WPS save it in China) and XLSX in; the same out. CSV streams
//! a row at a time (the csv crate; encoding_rs_io decodes GB18030 as it
//! reads); XLSX is read whole (calamine) and written whole (rust_xlsxwriter),
//! as an XLSX sheet holds at most 1,048,576 rows anyway.

use std::io::{self, BufReader, Read, Seek, Write};

use calamine::{Data, Reader};

use crate::model::text::Lang;

/// A roster file's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Xlsx,
}

/// XLSX is a zip (`PK\x03\x04`); anything else is read as CSV. An old `.xls`
/// (OLE, `D0 CF 11 E0`) is neither: said so, not read as text.
pub fn kind_of(head: &[u8]) -> Result<Kind, String> {
    if head.starts_with(b"PK\x03\x04") {
        Ok(Kind::Xlsx)
    } else if head.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        Err("an old Excel file (.xls): save it as .xlsx or .csv (另存为 .xlsx 或 .csv)".into())
    } else {
        Ok(Kind::Csv)
    }
}

/// CSV rows as strings, the text decoded from UTF-8 (a byte-order mark
/// dropped) or, when its start is not UTF-8, GB18030. Rows may differ in
/// length (the caller says which): the csv crate is told to be flexible.
pub fn csv_rows<R: Read>(mut input: R) -> io::Result<impl Iterator<Item = Result<Vec<String>, String>> + use<R>> {
    let mut head = vec![0u8; 64 * 1024];
    let mut n = 0;
    while n < head.len() {
        match input.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    head.truncate(n);
    // UTF-8 unless the start says otherwise (a character cut at the end is fine).
    let utf8 = match std::str::from_utf8(&head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    let encoding = if head.starts_with(b"\xef\xbb\xbf") || utf8 { encoding_rs::UTF_8 } else { encoding_rs::GB18030 };
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .build(io::Cursor::new(head).chain(input));
    let reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(BufReader::new(decoded));
    Ok(reader.into_records().map(|r| {
        r.map(|rec| rec.iter().map(str::to_owned).collect()).map_err(|e| e.to_string())
    }))
}

/// The first sheet of an XLSX file, as strings: dates as `YYYY-MM-DD`, whole
/// numbers without `.0`.
pub fn xlsx_rows<R: Read + Seek>(input: R) -> Result<Vec<Vec<String>>, String> {
    let mut book = calamine::Xlsx::new(input).map_err(|e| format!("not an XLSX file: {e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("the workbook has no sheet")?
        .map_err(|e| format!("the first sheet cannot be read: {e}"))?;
    Ok(range.rows().map(|r| r.iter().map(cell).collect()).collect())
}

fn cell(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        // Excel's serial day (1900 system): days since 1899-12-30.
        Data::DateTime(t) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(t.as_f64().max(0.0) as u64)))
            .map_or_else(|| t.to_string(), |d| d.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.get(..10).unwrap_or(s).to_owned(),
    }
}

/// Writes CSV rows in UTF-8 with a byte-order mark, which Excel and WPS need
/// to read Chinese correctly.
pub struct CsvOut<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> CsvOut<W> {
    pub fn new(mut out: W) -> io::Result<CsvOut<W>> {
        out.write_all(b"\xef\xbb\xbf")?;
        Ok(CsvOut { writer: csv::WriterBuilder::new().flexible(true).from_writer(out) })
    }

    pub fn row(&mut self, row: &[String]) -> io::Result<()> {
        self.writer.write_record(row).map_err(io::Error::other)
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
    }

    /// The writer back, flushed (a buffer, in the roster module).
    pub fn into_inner(self) -> io::Result<W> {
        self.writer.into_inner().map_err(|e| io::Error::other(e.to_string()))
    }
}

/// Writes rows into one sheet of an XLSX workbook, kept in memory until `save`.
pub struct XlsxOut {
    book: rust_xlsxwriter::Workbook,
    next: u32,
    lang: Lang,
    /// Cells longer than an XLSX cell holds, cut (and marked as cut).
    pub cut: u64,
}

/// The most characters an XLSX cell holds.
const XLSX_CELL_CHARS: usize = 32_767;
/// The most rows an XLSX sheet holds.
const XLSX_ROWS: u32 = 1_048_576;

impl XlsxOut {
    /// A workbook whose marks on cut cells are in `lang`.
    pub fn new(lang: Lang) -> XlsxOut {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet();
        XlsxOut { book, next: 0, lang, cut: 0 }
    }

    pub fn row(&mut self, row: &[String]) -> Result<(), String> {
        if self.next >= XLSX_ROWS {
            return Err(format!(
                "an XLSX sheet holds at most {XLSX_ROWS} rows, the header included: the rows from {} on are not in it; write CSV (--out FILE.csv) for the whole list",
                XLSX_ROWS + 1
            ));
        }
        let sheet = self.book.worksheet_from_index(0).map_err(|e| e.to_string())?;
        for (col, value) in row.iter().enumerate() {
            let col = u16::try_from(col).map_err(|_| "more than 16,384 columns".to_owned())?;
            let n = value.chars().count();
            if n <= XLSX_CELL_CHARS {
                sheet.write_string(self.next, col, value).map_err(|e| e.to_string())?;
                continue;
            }
            // Too long for XLSX: cut, and say so in the cell itself, where
            // whoever opens the sheet reads it (a CSV keeps the cell whole).
            let mark = match self.lang {
                Lang::En => format!("…[cut: {n} characters in all; a CSV output keeps them]"),
                Lang::ZhTw => format!("…［已截斷：原有 {n} 字，CSV 輸出保留全文］"),
                Lang::ZhCn => format!("…［已截断：原有 {n} 字，CSV 输出保留全文］"),
            };
            let mut cut: String = value.chars().take(XLSX_CELL_CHARS - mark.chars().count()).collect();
            cut.push_str(&mark);
            sheet.write_string(self.next, col, cut).map_err(|e| e.to_string())?;
            self.cut += 1;
        }
        self.next += 1;
        Ok(())
    }

    pub fn save(mut self) -> Result<Vec<u8>, String> {
        self.book.save_to_buffer().map_err(|e| e.to_string())
    }
}

impl Default for XlsxOut {
    fn default() -> Self {
        XlsxOut::new(Lang::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_full_to_xlsx_s_last_row_refuses_the_next_saying_why() {
        let mut out = XlsxOut::new(Lang::En);
        out.next = XLSX_ROWS - 1;
        assert_eq!(out.row(&["last".into()]), Ok(()));
        let e = out.row(&["one too many".into()]).unwrap_err();
        assert!(e.contains("at most 1048576 rows") && e.contains("from 1048577 on") && e.contains("write CSV"), "{e}");
    }

    #[test]
    fn a_cell_too_long_for_xlsx_is_cut_to_the_limit_and_says_so_in_the_reader_s_language() {
        let mut out = XlsxOut::new(Lang::En);
        assert_eq!(out.row(&["x".repeat(XLSX_CELL_CHARS), "x".repeat(XLSX_CELL_CHARS + 1)]), Ok(()));
        assert_eq!(out.cut, 1, "the cell that fits is not cut");
        let bytes = out.save().unwrap();
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        assert_eq!(range.get_value((0, 0)).unwrap().to_string().len(), XLSX_CELL_CHARS);
        let cut = range.get_value((0, 1)).unwrap().to_string();
        assert_eq!(cut.chars().count(), XLSX_CELL_CHARS);
        assert!(cut.ends_with("…[cut: 32768 characters in all; a CSV output keeps them]"), "{}", &cut[cut.len() - 60..]);
    }
}
