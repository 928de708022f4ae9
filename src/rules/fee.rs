//! A scheme's fee for one person, and who pays it: the tier that applies
//! (from the schedules in force, the pack's own before its parent's), each
//! payer's share of it (a fixed amount or a rate of a base), then the help
//! some groups get with the individual's share, moved to the government.
//!
//! Shares are rounded to the fen each, and the total is their sum, so they
//! always add up. Any share may be unknown where the sources do not give it;
//! the known ones still show.

use crate::model::field::Field;
use crate::model::money::Money;
use crate::model::vocab::{Period, Scheme};
use crate::pack::{Base, Covers, FeeSchedule, SchemeRules, Share, Tier};
use crate::rules::decision::{EngineReason, Fee, Reason};
use crate::rules::pick::{first_holding, Pick};
use crate::rules::scheme::{Ctx, Weight};

/// Each payer's share of a fee.
#[derive(Clone, Copy)]
struct Shares {
    individual: Option<Money>,
    employer: Option<Money>,
    government: Option<Money>,
}

/// The tier that applies, with its schedule, or the answers it depends on.
enum TierPick<'a> {
    Found(&'a FeeSchedule, &'a Tier),
    Undecided(Vec<Field>),
    Nothing,
}

impl<'a> Ctx<'a, '_> {
    pub(super) fn fee(&mut self, rules: &'a SchemeRules) -> Fee<'a> {
        let scheme = rules.scheme;
        // The schedules in force, the pack's own before its parent's.
        let schedules: Vec<&FeeSchedule> = rules.fees.iter().filter(|f| f.span.contains(self.reference)).collect();
        let Some(first) = schedules.first() else {
            return unknown(default_period(scheme), Reason::Engine(EngineReason::NoFee, None));
        };
        let (schedule, tier) = match self.tier(&schedules, scheme) {
            TierPick::Found(s, t) => (s, t),
            TierPick::Undecided(fields) => {
                self.need(Weight::Fee, &fields);
                let mut fee = unknown(first.period, Reason::Engine(EngineReason::FeeNeedsInfo(fields), None));
                // The public subsidy is the schedule's, whichever tier applies.
                if let Some((m, reason)) = schedules.iter().find_map(|s| s.public_subsidy.as_ref()) {
                    fee.public_subsidy = Some(*m);
                    fee.reasons.push(Reason::Pack(reason));
                }
                return fee;
            }
            TierPick::Nothing => return unknown(first.period, Reason::Engine(EngineReason::NoFee, None)),
        };
        let mut reasons = vec![Reason::Pack(&tier.reason)];
        let mut shares = self.shares(tier, &mut reasons);
        // The total is known when every share is, whoever ends up paying them.
        let total = match (shares.individual, shares.employer, shares.government) {
            (Some(i), Some(e), Some(g)) => i.checked_add(e).and_then(|s| s.checked_add(g)),
            _ => None,
        };
        self.help(rules, &mut shares, &mut reasons);
        let public_subsidy = schedules.iter().find_map(|s| s.public_subsidy.as_ref());
        if let Some((_, reason)) = public_subsidy {
            reasons.push(Reason::Pack(reason));
        }
        if let Some(reason) = &schedule.provisional {
            reasons.push(Reason::Pack(reason));
        }
        Fee {
            period: schedule.period,
            total,
            individual: shares.individual,
            employer: shares.employer,
            government: shares.government,
            minimum: tier.minimum,
            estimate: tier.estimate,
            provisional: schedule.provisional.is_some(),
            public_subsidy: public_subsidy.map(|(m, _)| *m),
            reasons,
        }
    }

    /// The first tier of the schedules in force that holds for the person.
    fn tier(&self, schedules: &[&'a FeeSchedule], scheme: Scheme) -> TierPick<'a> {
        let tiers: Vec<(&FeeSchedule, &Tier)> = schedules
            .iter()
            .flat_map(|s| s.tiers.iter().map(move |t| (*s, t)))
            .collect();
        match first_holding(
            &tiers,
            |(_, t)| self.holds(&t.when, scheme),
            |a, b| same_shares(a.1, b.1),
        ) {
            Pick::Found(&(s, t)) => TierPick::Found(s, t),
            Pick::Undecided { fields, .. } => TierPick::Undecided(fields),
            Pick::Nothing => TierPick::Nothing,
        }
    }

    /// Each payer's share of the tier. A payer the tier does not list pays
    /// nothing, unless the tier says its source leaves the shares open.
    fn shares(&mut self, tier: &'a Tier, reasons: &mut Vec<Reason<'a>>) -> Shares {
        let mut share = |s: &Option<Share>, reasons: &mut Vec<Reason<'a>>| -> Option<Money> {
            match s {
                None if tier.unknown.is_some() => None,
                None => Some(Money::ZERO),
                Some(Share::Fixed(m)) => Some(*m),
                Some(Share::Rate { rate, base }) => self.base(*base, reasons).and_then(|b| rate.of(b)),
            }
        };
        let shares = Shares {
            individual: share(&tier.individual, reasons),
            employer: share(&tier.employer, reasons),
            government: share(&tier.government, reasons),
        };
        if let Some(why) = &tier.unknown {
            reasons.push(Reason::Engine(
                EngineReason::AmountNotInSource(why),
                Some(&tier.reason.cite),
            ));
        }
        shares
    }

    /// Help with the individual's share for the groups a subsidy names: what
    /// it covers moves from the individual to the government. While it depends
    /// on an answer not given, the amount stands and the split does not.
    fn help(&mut self, rules: &'a SchemeRules, shares: &mut Shares, reasons: &mut Vec<Reason<'a>>) {
        let scheme = rules.scheme;
        let in_force = rules
            .subsidies
            .iter()
            .filter(|s| s.valid.is_none_or(|v| v.contains(self.reference)));
        match first_holding(in_force, |s| self.holds(&s.when, scheme), |a, b| a.covers == b.covers) {
            Pick::Found(sub) => {
                reasons.push(Reason::Pack(&sub.reason));
                let covered = match &sub.covers {
                    Covers::All => shares.individual,
                    Covers::Amount(a) => shares.individual.map(|i| (*a).min(i)),
                    Covers::Unknown(why) => {
                        reasons.push(Reason::Engine(
                            EngineReason::SubsidySetElsewhere(why),
                            Some(&sub.reason.cite),
                        ));
                        None
                    }
                };
                match (covered, shares.individual, shares.government) {
                    (Some(c), Some(i), Some(g)) => {
                        shares.individual = i.checked_sub(c);
                        shares.government = g.checked_add(c);
                    }
                    _ => {
                        shares.individual = None;
                        shares.government = None;
                    }
                }
            }
            Pick::Undecided { fields, candidates, .. } => {
                self.need(Weight::Fee, &fields);
                reasons.push(Reason::Engine(EngineReason::FeeNeedsInfo(fields), None));
                reasons.extend(candidates.into_iter().map(|s| Reason::Pack(&s.reason)));
                shares.individual = None;
                shares.government = None;
            }
            Pick::Nothing => {}
        }
    }

    /// The base a rate applies to, or why it is not known.
    fn base(&mut self, base: Base, reasons: &mut Vec<Reason<'a>>) -> Option<Money> {
        match base {
            Base::MonthlyWage => {
                // Asked once, though both shares may be rates of the wage.
                let asked = reasons
                    .iter()
                    .any(|r| matches!(r, Reason::Engine(EngineReason::WageMissing, _)));
                if self.person.monthly_wage.is_none() && !asked {
                    self.need(Weight::Fee, &[Field::MonthlyWage]);
                    reasons.push(Reason::Engine(EngineReason::WageMissing, None));
                }
                self.person.monthly_wage
            }
            Base::AverageWage => {
                let param = self
                    .pack
                    .average_monthly_wage
                    .iter()
                    .find(|p| p.span.contains(self.reference));
                let value = param.and_then(|p| p.value);
                let told = reasons
                    .iter()
                    .any(|r| matches!(r, Reason::Engine(EngineReason::AverageWageUnknown, _)));
                if value.is_none() && !told {
                    reasons.push(Reason::Engine(EngineReason::AverageWageUnknown, param.map(|p| &p.cite)));
                }
                value
            }
        }
    }
}

/// A fee no amount of which is known, for the one reason given.
fn unknown(period: Period, reason: Reason<'_>) -> Fee<'_> {
    Fee {
        period,
        total: None,
        individual: None,
        employer: None,
        government: None,
        minimum: false,
        estimate: false,
        provisional: false,
        public_subsidy: None,
        reasons: vec![reason],
    }
}

/// Two tiers give the same fee when their shares are the same.
fn same_shares(a: &Tier, b: &Tier) -> bool {
    a.individual == b.individual
        && a.employer == b.employer
        && a.government == b.government
        && a.unknown.is_none() == b.unknown.is_none()
        && a.minimum == b.minimum
        && a.estimate == b.estimate
}

/// Employee-scheme contributions are monthly; resident-scheme fees are yearly.
fn default_period(scheme: Scheme) -> Period {
    match scheme {
        Scheme::Employee | Scheme::LargeExpenseSupplement | Scheme::RetireeInpatientPool => Period::Month,
        _ => Period::Year,
    }
}
