//! Amounts of money and contribution rates, exact to the fen.
//!
//! Money is `rust_decimal`, never a float. Every share is rounded to the fen half-up
//! (四舍五入, `MidpointAwayFromZero`: `round_dp` alone would round half-to-even), and
//! the total is the sum of the rounded shares, so the shares always add up to it.
//! On the wire an amount is a string with two decimals, `"140.00"`.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

/// An amount in yuan, always held rounded to the fen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Rounds to the fen, half away from zero (四舍五入).
    pub fn round(value: Decimal) -> Money {
        Money(value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }

    /// Parses a plain non-negative decimal with at most two places: `"4000"`,
    /// `"4000.5"`, `"4000.00"`. No signs, exponents, spaces or separators.
    pub fn parse(s: &str) -> Option<Money> {
        plain_decimal(s, 2).map(Money)
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// `self + other`, or `None` if the sum would overflow `Decimal`.
    ///
    /// Added as whole fen: every `Money` has at most two places, so this is exact,
    /// and it spares the wasm build rust_decimal's general addition (4 KB).
    pub fn checked_add(self, other: Money) -> Option<Money> {
        Decimal::try_from_i128_with_scale(self.fen()?.checked_add(other.fen()?)?, 2)
            .ok()
            .map(Money)
    }

    /// `self × n`, or `None` on overflow.
    pub fn times(self, n: u32) -> Option<Money> {
        Decimal::try_from_i128_with_scale(self.fen()?.checked_mul(i128::from(n))?, 2)
            .ok()
            .map(Money)
    }

    /// `self - other`, or `None` below zero or on overflow.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        let fen = self.fen()?.checked_sub(other.fen()?)?;
        if fen < 0 {
            return None;
        }
        Decimal::try_from_i128_with_scale(fen, 2).ok().map(Money)
    }

    /// The amount in fen.
    fn fen(self) -> Option<i128> {
        let up = 2u32.checked_sub(self.0.scale())?;
        self.0.mantissa().checked_mul(10i128.pow(up))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Held at two places already; format pads "140" to "140.00".
        write!(f, "{:.2}", self.0)
    }
}

impl serde::Serialize for Money {
    /// `"140.00"`: amounts are strings on the wire, exact to the fen.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        let s = <std::borrow::Cow<str>>::deserialize(d)?;
        Money::parse(&s).ok_or_else(|| serde::de::Error::custom("not an amount"))
    }
}

/// A contribution rate as a fraction of a base: `"0.06"` is 6 %.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Rate(Decimal);

impl Rate {
    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// `rate × base`, rounded to the fen; `None` on overflow.
    pub fn of(self, base: Money) -> Option<Money> {
        self.0.checked_mul(base.0).map(Money::round)
    }

    /// `factor × rate`, unrounded (a rate derived from another, like 70 % of the employer rate).
    pub fn scaled(self, factor: Rate) -> Option<Rate> {
        self.0.checked_mul(factor.0).map(Rate)
    }
}

impl serde::Serialize for Rate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Rate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rate, D::Error> {
        let s = <std::borrow::Cow<str>>::deserialize(d)?;
        Rate::parse(&s).ok_or_else(|| serde::de::Error::custom("not a rate"))
    }
}

impl Rate {
    /// Parses a fraction from `"0"` to `"1"` with at most six places: `"0.06"` is 6 %.
    pub fn parse(s: &str) -> Option<Rate> {
        plain_decimal(s, 6).filter(|v| *v <= Decimal::ONE).map(Rate)
    }
}

/// Digits, optionally a point and up to `places` digits; at most 12 integer digits,
/// so no amount a person could mean is refused and none can overflow.
fn plain_decimal(s: &str, places: usize) -> Option<Decimal> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || int.len() > 12 {
        return None;
    }
    if let Some(f) = frac {
        if !digits(f) || f.len() > places {
            return None;
        }
    }
    // Built from its digits: `Decimal::from_str` also parses exponents, which
    // costs code in the wasm build and is refused above anyway.
    let mut mantissa: i64 = 0;
    for b in int.bytes().chain(frac.unwrap_or_default().bytes()) {
        mantissa = mantissa.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    let scale = u32::try_from(frac.map_or(0, str::len)).ok()?;
    Some(Decimal::new(mantissa, scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        use std::str::FromStr;
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounds_half_up_not_half_even() {
        // round_dp would give 0.12 (half-to-even); 四舍五入 gives 0.13.
        assert_eq!(Money::round(d("0.125")).to_string(), "0.13");
        assert_eq!(Money::round(d("0.135")).to_string(), "0.14");
        assert_eq!(Money::round(d("0.1249")).to_string(), "0.12");
    }

    #[test]
    fn adds_exactly_whatever_the_scale() {
        let a = Money::parse("140").unwrap();
        let b = Money::parse("0.5").unwrap();
        let c = Money::round(d("80.005"));
        assert_eq!(a.checked_add(b).unwrap().to_string(), "140.50");
        assert_eq!(a.checked_add(c).unwrap().to_string(), "220.01");
        assert_eq!(Money::ZERO.checked_add(Money::ZERO).unwrap().to_string(), "0.00");
    }

    #[test]
    fn formats_two_places() {
        assert_eq!(Money::parse("140").unwrap().to_string(), "140.00");
        assert_eq!(Money::parse("4000.5").unwrap().to_string(), "4000.50");
    }

    #[test]
    fn parse_refuses_what_is_not_a_plain_amount() {
        for bad in [
            "",
            "-1",
            "+1",
            "1e3",
            " 1",
            "1.",
            ".5",
            "1.234",
            "1,000",
            "NaN",
            "1_000",
            "1234567890123",
        ] {
            assert!(Money::parse(bad).is_none(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn rate_of_base_rounds_to_the_fen() {
        let rate = Rate::parse("0.02").unwrap();
        assert_eq!(rate.of(Money::parse("4000.25").unwrap()).unwrap().to_string(), "80.01");
        assert!(Rate::parse("1.5").is_none());
        assert!(Rate::parse("-0.1").is_none());
    }
}
