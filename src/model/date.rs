//! Calendar dates and ages (周岁).
//!
//! Dates are `chrono::NaiveDate`, written `YYYY-MM-DD` on the wire and parsed by
//! hand: chrono's format machinery would cost bytes in the wasm build and accepts
//! more than we want (signs, missing zero padding).
//!
//! Ages are full years (周岁) on the day the policy names. A birthday on that day
//! counts: seed 004 三(一) reads 18 周岁以上 (含18周岁) as born on or before 1 January
//! 1997 for the 2015 year. Someone born on 29 February has their birthday on
//! 1 March in common years: until 28 February has passed they have not lived the
//! full year.

use chrono::{Datelike, NaiveDate};

/// Parses `YYYY-MM-DD` with a four-digit year; `None` for anything else,
/// including dates that do not exist (`2015-02-29`).
pub fn parse(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

/// Full years from `from` to `on`; `None` if `on` is before `from`.
///
/// Used both for age (from the birth date) and for how long a hukou has been
/// registered here (from the move).
pub fn full_years(from: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < from {
        return None;
    }
    let mut years = on.year() - from.year();
    // The anniversary not yet reached this year. A 29 February start has its
    // anniversary on 1 March in common years, which this comparison gives.
    if (on.month(), on.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// The date in China (UTC+8) at `secs` seconds after the Unix epoch: the
/// insurance year when a request names none. The CLI passes the system clock,
/// the wasm build the device's.
pub fn china_date(secs: u64) -> NaiveDate {
    let days = secs.saturating_add(8 * 3600) / 86_400;
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// The same day `years` years earlier (28 February for a 29 February in a common year).
pub fn years_before(day: NaiveDate, years: u32) -> Option<NaiveDate> {
    day.checked_sub_months(chrono::Months::new(years.checked_mul(12)?))
}

/// A date in the insurance year from a month and day, clamped to the month's end
/// (a `02-29` deadline falls on 28 February in common years).
pub fn in_year(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
        // Only a day past the end of a real month is clamped.
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        (day <= 31).then(|| next.pred_opt()).flatten().filter(|d| *d >= first)
    })
}

/// Dates in compiled packs: days from the common era, four bytes in postcard
/// (chrono's own serde would carry its date parser into the wasm module).
pub mod days {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(d.num_days_from_ce())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let days = i32::deserialize(d)?;
        NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| serde::de::Error::custom("not a date"))
    }
}

/// [`days`] for an optional date.
pub mod days_opt {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&d.num_days_from_ce()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<i32>::deserialize(d)? {
            None => Ok(None),
            Some(days) => NaiveDate::from_num_days_from_ce_opt(days)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("not a date")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_only_real_iso_dates() {
        assert_eq!(parse("1980-06-01"), Some(ymd(1980, 6, 1)));
        assert_eq!(parse("2000-02-29"), Some(ymd(2000, 2, 29)));
        for bad in [
            "2015-02-29",
            "1980-6-1",
            "1980/06/01",
            "+980-06-01",
            "1980-13-01",
            "1980-00-10",
            "19800601",
            "",
            "1980-06-01T00",
            "１９８０-06-01",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn birthday_on_the_reference_day_counts() {
        // 004 三(一): 18 and over means born on or before 1 January 1997 (year 2015).
        assert_eq!(full_years(ymd(1997, 1, 1), ymd(2015, 1, 1)), Some(18));
        assert_eq!(full_years(ymd(1997, 1, 2), ymd(2015, 1, 1)), Some(17));
        assert_eq!(full_years(ymd(1996, 12, 31), ymd(2015, 1, 1)), Some(18));
    }

    #[test]
    fn leap_day_birthday_is_1_march_in_common_years() {
        assert_eq!(full_years(ymd(1996, 2, 29), ymd(2014, 2, 28)), Some(17));
        assert_eq!(full_years(ymd(1996, 2, 29), ymd(2014, 3, 1)), Some(18));
        assert_eq!(full_years(ymd(1996, 2, 29), ymd(2016, 2, 29)), Some(20));
        assert_eq!(full_years(ymd(2015, 6, 1), ymd(2015, 1, 1)), None);
    }

    #[test]
    fn china_date_is_eight_hours_ahead_of_utc() {
        // 2015-01-04T16:00:00Z is already 5 January in China.
        assert_eq!(china_date(1_420_387_200), ymd(2015, 1, 5));
        assert_eq!(china_date(1_420_387_199), ymd(2015, 1, 4));
        assert_eq!(china_date(0), ymd(1970, 1, 1));
    }

    #[test]
    fn month_day_clamps_to_month_end() {
        assert_eq!(in_year(2015, 2, 29), Some(ymd(2015, 2, 28)));
        assert_eq!(in_year(2016, 2, 29), Some(ymd(2016, 2, 29)));
        assert_eq!(in_year(2015, 1, 30), Some(ymd(2015, 1, 30)));
        assert_eq!(in_year(2015, 13, 1), None);
        assert_eq!(in_year(2015, 4, 32), None);
    }
}
