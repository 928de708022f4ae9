//! The waiting period before the resident scheme pays out, from coverage year
//! 2025 (国办发〔2024〕38号; TODAY.md section 3).
//!
//! Someone who pays within the collection window and was insured the year
//! before is covered from 1 January (or, paying within a window that runs past
//! 1 January, from the day the place's rule says). Anyone else waits a fixed 3
//! months after paying, plus a month for each year of gap after the first;
//! each missed year paid back removes one of those months, but after a gap of
//! 4 years or more the wait stays at least 6 months. Newborns enrolled within
//! 90 days of birth are covered from birth; later, before they turn one, the
//! place's rule decides. The numbers are the pack's parameters, so a region can
//! set its own.
//!
//! A window's close may not be one day: the national rules leave it to each
//! place (most close on 31 December, some on 28 February), and sources may
//! disagree about a place. Between the earliest and the latest close the wait
//! depends on the place, and the answer says so rather than guess.
//!
//! How the gap is counted ("每多断保1年": does the first missed year count?) is
//! not settled nationally. We follow Qingdao's worked example: no cover in 2025
//! and 2026, paid in the window for 2027, waits 3 + 1 = 4 months, covered from
//! 1 May 2027. The answer says so.

use chrono::{Datelike, Months, NaiveDate};

use crate::model::field::Field;
use crate::model::person::Person;
use crate::pack::{self, Collection, Window};
use crate::rules::decision::{EngineReason, Reason, Waiting, WaitingReason};

/// The waiting period and the day cover starts, or `None` where the pack has no
/// waiting rules for the year.
pub struct Outcome<'p> {
    pub waiting: Waiting<'p>,
    pub cover_from: Option<NaiveDate>,
    /// Answers the wait depends on that were not given.
    pub missing: Vec<Field>,
}

/// Where a payment falls against the collection window.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Paid {
    /// Within it (or before it opens: the answer says when it opens).
    InWindow,
    /// After the earliest close and by the latest: in some places' windows only.
    DependsOnPlace {
        closes: NaiveDate,
        latest: NaiveDate,
    },
    Late,
}

fn paid(window: Option<Window>, pay_date: NaiveDate) -> Paid {
    match window {
        None => Paid::InWindow,
        Some(w) if pay_date <= w.closes => Paid::InWindow,
        Some(Window {
            closes,
            latest: Some(latest),
            ..
        }) if pay_date <= latest => Paid::DependsOnPlace { closes, latest },
        Some(_) => Paid::Late,
    }
}

pub fn decide<'p>(
    rules: &'p pack::Waiting,
    window: Option<(&'p Collection, Window)>,
    year: i32,
    pay_date: NaiveDate,
    person: &Person,
) -> Option<Outcome<'p>> {
    if year < rules.from_year {
        return None;
    }
    let cite = Some(&rules.cite);
    let cited = |s: WaitingReason| Reason::Engine(EngineReason::Waiting(s), cite);
    let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31)?;
    let done = |months: Option<u32>, fixed, variable, cover_from, reasons, missing| {
        Some(Outcome {
            waiting: Waiting {
                months,
                fixed_months: fixed,
                variable_months: variable,
                reasons,
            },
            cover_from,
            missing,
        })
    };
    let none =
        |cover_from: NaiveDate, reason| done(Some(0), Some(0), Some(0), Some(cover_from), vec![reason], Vec::new());
    let unknown = |reason, missing| done(None, None, None, None, vec![reason], missing);
    if pay_date > end {
        return unknown(Reason::Engine(EngineReason::YearOver { year }, None), Vec::new());
    }

    // Newborns: enrolled within `newborn_days` of birth, covered from birth;
    // later, before they turn one, as the place's rule says.
    if let Some(born) = person.birth_date {
        let days = pay_date.signed_duration_since(born).num_days();
        let baby = born.year() >= year - 1
            && born
                .checked_add_months(Months::new(12))
                .is_some_and(|one| pay_date < one);
        if baby && days <= i64::from(rules.newborn_days) {
            let from = born.max(start);
            return none(
                from,
                cited(WaitingReason::Newborn {
                    days: rules.newborn_days,
                    from,
                }),
            );
        }
        if baby {
            return match rules.newborn_late.and_then(|c| c.after(pay_date, year)) {
                Some(from) => none(
                    from.max(start),
                    cited(WaitingReason::NewbornLate { from: from.max(start) }),
                ),
                None => unknown(
                    cited(WaitingReason::NewbornLateLocal {
                        days: rules.newborn_days,
                    }),
                    Vec::new(),
                ),
            };
        }
    } else if person.age == Some(0) {
        // A baby whose birth date would decide the newborn rule.
        return unknown(
            cited(WaitingReason::BirthDateNeeded {
                days: rules.newborn_days,
            }),
            vec![Field::BirthDate],
        );
    }

    let (collection, window) = match window {
        Some((c, w)) => (Some(c), Some(w)),
        None => (None, None),
    };
    let when = paid(window, pay_date);
    let gap = match person.history.last_covered_year {
        None => return unknown(cited(WaitingReason::HistoryNeeded), vec![Field::LastCoveredYear]),
        Some(Some(last)) if last >= year => return none(start, cited(WaitingReason::AlreadyCovered { year })),
        Some(Some(last)) => Some(u32::try_from(year - 1 - last).unwrap_or(0)),
        Some(None) => None,
    };
    if gap == Some(0) {
        match when {
            Paid::InWindow if pay_date < start => return none(start, cited(WaitingReason::Continuous { from: start })),
            // Within a window that runs past 1 January: from paying, as the place says.
            Paid::InWindow => {
                let rule = collection.and_then(|c| c.after_year_start);
                return match rule.and_then(|r| r.after(pay_date, year)) {
                    Some(from) => none(from, cited(WaitingReason::AfterYearStart { from })),
                    None => unknown(
                        Reason::Engine(
                            EngineReason::Waiting(WaitingReason::AfterYearStartLocal),
                            collection.map(|c| &c.cite),
                        ),
                        Vec::new(),
                    ),
                };
            }
            Paid::DependsOnPlace { closes, latest } => {
                let reason = WaitingReason::WindowDependsOnPlace {
                    closes,
                    latest,
                    months: rules.fixed_months,
                };
                return unknown(
                    Reason::Engine(EngineReason::Waiting(reason), collection.map(|c| &c.cite)),
                    Vec::new(),
                );
            }
            Paid::Late => {}
        }
    }

    let mut reasons = vec![cited(WaitingReason::Fixed {
        months: rules.fixed_months,
        late: when == Paid::Late,
        gap,
    })];
    let mut missing = Vec::new();
    let variable = match gap {
        None => {
            reasons.push(Reason::Engine(EngineReason::Waiting(WaitingReason::NeverInsured), None));
            0
        }
        Some(gap) => {
            let extra_years = gap.saturating_sub(1);
            let variable = extra_years.saturating_mul(rules.months_per_gap_year);
            if variable > 0 {
                reasons.push(cited(WaitingReason::Variable { gap, months: variable }));
                let counting = rules.counting_cite.as_ref();
                reasons.push(Reason::Engine(
                    EngineReason::Waiting(WaitingReason::CountingUnsettled),
                    counting,
                ));
                // Paying back is a choice the person makes: unstated, the wait
                // is counted without it, the answer says so, and asks.
                let assumed = person.history.back_pay_years.is_none();
                if assumed {
                    missing.push(Field::BackPayYears);
                }
                let years = person.history.back_pay_years.unwrap_or(0).min(extra_years);
                let removed = years.saturating_mul(rules.months_per_gap_year).min(variable);
                reasons.push(cited(WaitingReason::BackPay {
                    years,
                    months_removed: removed,
                    assumed,
                }));
                variable - removed
            } else {
                0
            }
        }
    };
    let mut months = rules.fixed_months.saturating_add(variable);
    if let Some(gap) = gap.filter(|g| *g >= rules.floor_after_gap_years) {
        if months < rules.floor_months {
            months = rules.floor_months;
            reasons.push(cited(WaitingReason::Floor {
                gap,
                months: rules.floor_months,
            }));
        }
    }
    // Counted from the day of paying, or from 1 January when paid before it.
    let mut cover_from = pay_date.max(start).checked_add_months(Months::new(months));
    match cover_from {
        Some(from) if from > end => {
            reasons.push(cited(WaitingReason::AfterYearEnd { from, months }));
            cover_from = None;
        }
        Some(from) => reasons.push(cited(WaitingReason::CoverFrom { from, months })),
        None => {}
    }
    let fixed = rules.fixed_months.min(months);
    done(
        Some(months),
        Some(fixed),
        Some(months - fixed),
        cover_from,
        reasons,
        missing,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::person::History;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn rules() -> pack::Waiting {
        pack::Waiting {
            from_year: 2025,
            fixed_months: 3,
            months_per_gap_year: 1,
            floor_after_gap_years: 4,
            floor_months: 6,
            newborn_days: 90,
            newborn_late: None,
            cite: pack::Cite {
                doc: "38".into(),
                clause: "x".into(),
                label: crate::model::text::Text::default(),
                strength: crate::model::vocab::Strength::Reported,
            },
            counting_cite: None,
        }
    }

    fn window() -> Collection {
        Collection {
            valid: None,
            opens: pack::MonthDay { month: 9, day: 1 },
            closes: pack::MonthDay { month: 12, day: 31 },
            closes_as_late_as: None,
            after_year_start: None,
            cite: rules().cite,
        }
    }

    fn open(c: &Collection, year: i32) -> Option<(&Collection, Window)> {
        Some((c, c.window(year).unwrap()))
    }

    fn person(last: Option<Option<i32>>, back: Option<u32>) -> Person {
        Person {
            history: History {
                last_covered_year: last,
                continuous_years: None,
                back_pay_years: back,
            },
            ..Person::default()
        }
    }

    fn months(o: &Option<Outcome>) -> (Option<u32>, Option<NaiveDate>) {
        o.as_ref().map_or((None, None), |o| (o.waiting.months, o.cover_from))
    }

    #[test]
    fn qingdao_gap_2025_2026_paid_in_the_window_waits_4_months() {
        let (r, w) = (rules(), window());
        let o = decide(
            &r,
            open(&w, 2027),
            2027,
            ymd(2026, 11, 24),
            &person(Some(Some(2024)), Some(0)),
        );
        assert_eq!(months(&o), (Some(4), Some(ymd(2027, 5, 1))));
    }

    #[test]
    fn paying_back_a_year_removes_a_month_but_not_below_the_floor() {
        let (r, w) = (rules(), window());
        let o = decide(
            &r,
            open(&w, 2027),
            2027,
            ymd(2026, 11, 24),
            &person(Some(Some(2024)), Some(1)),
        );
        assert_eq!(months(&o), (Some(3), Some(ymd(2027, 4, 1))));
        // A 4-year gap (2023-2026) paid back in full still waits 6 months.
        let o = decide(
            &r,
            open(&w, 2027),
            2027,
            ymd(2026, 11, 24),
            &person(Some(Some(2022)), Some(4)),
        );
        assert_eq!(months(&o), (Some(6), Some(ymd(2027, 7, 1))));
    }

    #[test]
    fn continuous_and_in_the_window_is_covered_from_1_january() {
        let (r, w) = (rules(), window());
        let o = decide(
            &r,
            open(&w, 2027),
            2027,
            ymd(2026, 12, 31),
            &person(Some(Some(2026)), None),
        );
        assert_eq!(months(&o), (Some(0), Some(ymd(2027, 1, 1))));
        // The same person paying on 1 January is late: 3 months from paying.
        let o = decide(
            &r,
            open(&w, 2027),
            2027,
            ymd(2027, 1, 1),
            &person(Some(Some(2026)), None),
        );
        assert_eq!(months(&o), (Some(3), Some(ymd(2027, 4, 1))));
    }

    #[test]
    fn no_waiting_rules_before_2025_and_unknown_history_is_asked() {
        let (r, w) = (rules(), window());
        assert!(decide(&r, open(&w, 2024), 2024, ymd(2023, 11, 1), &person(None, None)).is_none());
        let o = decide(&r, open(&w, 2027), 2027, ymd(2026, 11, 24), &person(None, None)).unwrap();
        assert_eq!((o.waiting.months, o.missing), (None, vec![Field::LastCoveredYear]));
    }

    #[test]
    fn a_newborn_within_90_days_is_covered_from_birth() {
        let (r, w) = (rules(), window());
        let mut p = person(None, None);
        p.birth_date = Some(ymd(2027, 2, 1));
        let o = decide(&r, open(&w, 2027), 2027, ymd(2027, 5, 1), &p);
        assert_eq!(months(&o), (Some(0), Some(ymd(2027, 2, 1))));
        // Day 91, under one year old: the national rules leave it to the
        // place (38号 exempts newborns; after 90 days the rule is local).
        let o = decide(&r, open(&w, 2027), 2027, ymd(2027, 5, 3), &p).unwrap();
        assert_eq!((o.waiting.months, o.cover_from, o.missing.len()), (None, None, 0));
        // Where the place says so (Jiangxi: no wait, from the day after paying).
        let mut jiangxi = rules();
        jiangxi.newborn_late = Some(pack::CoverStart::NextDay);
        let o = decide(&jiangxi, open(&w, 2027), 2027, ymd(2027, 5, 3), &p);
        assert_eq!(months(&o), (Some(0), Some(ymd(2027, 5, 4))));
        // Past one year old, the history counts.
        let o = decide(&r, open(&w, 2028), 2028, ymd(2028, 2, 2), &p).unwrap();
        assert_eq!(o.missing, vec![Field::LastCoveredYear]);
    }

    #[test]
    fn a_window_closing_on_different_days_leaves_the_wait_to_the_place() {
        let r = rules();
        let mut w = window();
        w.closes_as_late_as = Some(pack::MonthDay { month: 2, day: 28 });
        let insured = person(Some(Some(2026)), None);
        // In every place's window: covered from 1 January.
        let o = decide(&r, open(&w, 2027), 2027, ymd(2026, 12, 31), &insured);
        assert_eq!(months(&o), (Some(0), Some(ymd(2027, 1, 1))));
        // 20 February: in some places' windows only.
        let o = decide(&r, open(&w, 2027), 2027, ymd(2027, 2, 20), &insured).unwrap();
        assert_eq!((o.waiting.months, o.cover_from), (None, None));
        // 1 March: after every window: 3 months.
        let o = decide(&r, open(&w, 2027), 2027, ymd(2027, 3, 1), &insured);
        assert_eq!(months(&o), (Some(3), Some(ymd(2027, 6, 1))));
    }

    #[test]
    fn a_window_to_28_february_covers_a_february_payer_from_paying() {
        let r = rules();
        let mut w = window();
        w.opens = pack::MonthDay { month: 10, day: 20 };
        w.closes = pack::MonthDay { month: 2, day: 28 };
        w.after_year_start = Some(pack::CoverStart::PayDay);
        let insured = person(Some(Some(2025)), None);
        // Hebei, coverage year 2026: paid on 20 February 2026, covered that day.
        let o = decide(&r, open(&w, 2026), 2026, ymd(2026, 2, 20), &insured);
        assert_eq!(months(&o), (Some(0), Some(ymd(2026, 2, 20))));
        // Paid on 1 March 2026, after the window: 3 months.
        let o = decide(&r, open(&w, 2026), 2026, ymd(2026, 3, 1), &insured);
        assert_eq!(months(&o), (Some(3), Some(ymd(2026, 6, 1))));
    }
}
