//! A household: one decision per member, what the household pays in all by
//! payer, and the pack's household rules (Ordos 二(一)2: residents enrol by whole
//! household, 捆绑式参保).
//!
//! Each member counts with the scheme they would join: the basic scheme that is
//! mandatory for them, or the one basic scheme open to them. A member with a
//! choice to make, or an answer still missing, leaves the totals unknown: a
//! partial sum would read as the whole. `undecided` and `missing` say whose.

use chrono::NaiveDate;

use crate::model::error::RequestError;
use crate::model::money::Money;
use crate::model::request::{HouseholdRequest, Request};
use crate::model::vocab::{Period, Role, Scheme, Status};
use crate::pack::PackReason;
use crate::rules::decision::{Decision, SchemeDecision};
use crate::rules::engine::Engine;

/// Sums by payer for one fee period; `None` where any member's share is unknown.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Total {
    pub period: Period,
    pub total: Option<Money>,
    pub individual: Option<Money>,
    pub employer: Option<Money>,
    pub government: Option<Money>,
}

/// A household rule that applies: which members it joins together, and whether
/// the household's answers would split them.
#[derive(Clone, Debug, PartialEq)]
pub struct HouseholdNote<'p> {
    pub reason: &'p PackReason,
    pub scheme: Scheme,
    /// Members who may or must join `scheme`, by index.
    pub members: Vec<usize>,
    /// Members who cannot, by index (those in a mandatory scheme of their own are
    /// in neither list: the rule does not take them out of it).
    pub others: Vec<usize>,
    pub split: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HouseholdDecision<'p> {
    pub members: Vec<Decision<'p>>,
    /// The scheme each member counts with (`None`: undecided, or none open).
    pub chosen: Vec<Option<Scheme>>,
    /// Members whose scheme is not settled: a choice to make, or answers missing.
    pub undecided: Vec<usize>,
    pub totals: Vec<Total>,
    pub rules: Vec<HouseholdNote<'p>>,
}

/// The scheme a member counts with, or `Err(())` when it is not settled.
pub(crate) fn chosen(d: &Decision) -> Result<Option<Scheme>, ()> {
    let basic: Vec<&SchemeDecision> = d.schemes.iter().filter(|s| s.scheme().role() == Role::Basic).collect();
    if let Some(m) = basic.iter().find(|s| s.status == Status::Mandatory) {
        return Ok(Some(m.scheme()));
    }
    if basic.iter().any(|s| s.status == Status::NeedsInfo) || !d.alternatives.is_empty() {
        return Err(());
    }
    Ok(basic.iter().find(|s| s.status == Status::Eligible).map(|s| s.scheme()))
}

impl Engine {
    /// Decides for every member. An error names the member: `members[1].birthDate`.
    pub fn decide_household<'e>(
        &'e self,
        req: &HouseholdRequest,
        today: NaiveDate,
    ) -> Result<HouseholdDecision<'e>, RequestError> {
        let mut members = Vec::with_capacity(req.members.len());
        for (i, person) in req.members.iter().enumerate() {
            let one = Request {
                region: req.region.clone(),
                year: req.year,
                lang: req.lang,
                pay_date: req.pay_date,
                person: person.clone(),
                stated_age: req.stated_ages.get(i).copied().flatten(),
            };
            members.push(self.decide(&one, today).map_err(|e| e.for_member(i))?);
        }
        Ok(household_of(members))
    }
}

/// A household from its members' decisions, already made (a roster decides
/// each row once, then adds up its households).
pub fn household_of(members: Vec<Decision<'_>>) -> HouseholdDecision<'_> {
    {
        let picks: Vec<Result<Option<Scheme>, ()>> = members.iter().map(chosen).collect();
        let undecided: Vec<usize> = (0..picks.len())
            .filter(|i| picks.get(*i).is_some_and(Result::is_err))
            .collect();
        let chosen: Vec<Option<Scheme>> = picks.iter().map(|p| p.ok().flatten()).collect();
        let totals = totals(&members, &chosen, !undecided.is_empty());
        let rules = household_rules(&members);
        HouseholdDecision {
            members,
            chosen,
            undecided,
            totals,
            rules,
        }
    }
}

fn household_rules<'p>(members: &[Decision<'p>]) -> Vec<HouseholdNote<'p>> {
    let Some(pack) = members.first().map(|d| d.pack) else {
        return Vec::new();
    };
    pack.household
        .iter()
        .filter_map(|rule| {
            let mut inside = Vec::new();
            let mut others = Vec::new();
            for (i, d) in members.iter().enumerate() {
                let in_other_mandatory = d.schemes.iter().any(|s| {
                    s.status == Status::Mandatory && s.scheme() != rule.scheme && s.scheme().role() == Role::Basic
                });
                match d.scheme(rule.scheme).map(|s| s.status) {
                    Some(Status::Mandatory | Status::Eligible) if !in_other_mandatory => inside.push(i),
                    Some(Status::Ineligible) | None if !in_other_mandatory => others.push(i),
                    _ => {}
                }
            }
            (!inside.is_empty()).then_some(HouseholdNote {
                reason: &rule.reason,
                scheme: rule.scheme,
                split: !others.is_empty(),
                members: inside,
                others,
            })
        })
        .collect()
}

fn totals(members: &[Decision], chosen: &[Option<Scheme>], undecided: bool) -> Vec<Total> {
    let mut totals: Vec<Total> = Vec::new();
    for (d, scheme) in members.iter().zip(chosen) {
        let Some(fee) = scheme.and_then(|c| d.scheme(c)).and_then(|s| s.fee.as_ref()) else {
            continue;
        };
        let i = match totals.iter().position(|t| t.period == fee.period) {
            Some(i) => i,
            None => {
                let zero = Some(Money::ZERO);
                totals.push(Total {
                    period: fee.period,
                    total: zero,
                    individual: zero,
                    employer: zero,
                    government: zero,
                });
                totals.len() - 1
            }
        };
        let Some(t) = totals.get_mut(i) else { continue };
        let add = |sum: Option<Money>, part: Option<Money>| sum.zip(part).and_then(|(a, b)| a.checked_add(b));
        t.total = add(t.total, fee.total);
        t.individual = add(t.individual, fee.individual);
        t.employer = add(t.employer, fee.employer);
        t.government = add(t.government, fee.government);
    }
    if undecided {
        for t in &mut totals {
            t.total = None;
            t.individual = None;
            t.employer = None;
            t.government = None;
        }
    }
    totals
}
