//! Resident identity numbers (公民身份号码, GB 11643-1999): the birth date and
//! sex they carry, after the check digit is verified. 15-digit numbers (issued
//! before 1999) have no check digit and a two-digit year in the 1900s.

use chrono::NaiveDate;

/// What an identity number says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identity {
    pub birth_date: NaiveDate,
    pub male: bool,
}

/// Why a number is not one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bad {
    /// Not 18 characters (17 digits and a digit or X), nor 15 digits.
    Shape,
    /// The check digit does not match the other 17.
    CheckDigit,
    /// Digits 7 to 14 are not a date.
    BirthDate,
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

pub fn parse(number: &str) -> Result<Identity, Bad> {
    let n = number.trim().to_ascii_uppercase();
    let b = n.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).filter(|s| s.iter().all(u8::is_ascii_digit));
    let (date, sex_digit) = match b.len() {
        18 => {
            let body = digits(0..17).ok_or(Bad::Shape)?;
            let sum: u32 = body.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
            let want = CHECK.get((sum % 11) as usize).copied();
            if b.get(17).copied() != want {
                return Err(if b[17].is_ascii_digit() || b[17] == b'X' { Bad::CheckDigit } else { Bad::Shape });
            }
            (n.get(6..14).unwrap_or_default().to_owned(), b[16])
        }
        15 => {
            digits(0..15).ok_or(Bad::Shape)?;
            (format!("19{}", n.get(6..12).unwrap_or_default()), b[14])
        }
        _ => return Err(Bad::Shape),
    };
    let num = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<u32>().ok());
    let birth_date = match (num(0..4), num(4..6), num(6..8)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(Bad::BirthDate)?,
        _ => return Err(Bad::BirthDate),
    };
    Ok(Identity { birth_date, male: (sex_digit - b'0') % 2 == 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standards_example_and_its_mistakes() {
        // GB 11643-1999's own example: 11010519491231002X, a woman born 1949-12-31.
        let id = parse("11010519491231002X").unwrap();
        assert_eq!(id.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert!(!id.male);
        assert_eq!(parse("11010519491231002x"), Ok(id));
        assert_eq!(parse("110105194912310021"), Err(Bad::CheckDigit));
        assert_eq!(parse("1101051949123100"), Err(Bad::Shape));
        assert_eq!(parse("11010519491331002?"), Err(Bad::Shape));
        // 1949-13-31 with a check digit that matches it: the date is what is wrong.
        let sum: u32 = b"11010519491331002".iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
        let bad_date = format!("11010519491331002{}", CHECK[(sum % 11) as usize] as char);
        assert_eq!(parse(&bad_date), Err(Bad::BirthDate));
        // A 15-digit number: 1949 from "49", a man (odd last digit).
        let old = parse("110105491231001").unwrap();
        assert_eq!(old.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert!(old.male);
    }
}
