//! A household: one decision per member, what the household pays in all by
//! payer, and the pack's household rules (Ordos 二(一)2: residents enrol by whole
//! household, 捆绑式参保).
//!
//! Each member counts with the scheme they would join: the basic scheme that is
//! mandatory for them, or the one basic scheme open to them. A member with a
//! choice to make, or an answer still missing, leaves the totals unknown: a
//! partial sum would read as the whole. `undecided` and `missing` say whose.

use chrono::NaiveDate;
use serde::Serialize;

use crate::decision::{Decision, SchemeDecision};
use crate::engine::Engine;
use crate::money::Money;
use crate::pack::Said;
use crate::render::{self, Response};
use crate::request::{Request, RequestError};
use crate::vocab::{Lang, Period, Role, Scheme, Status};

/// Members share the region, year, language and the day of paying.
#[derive(Clone, Debug, Default)]
pub struct HouseholdRequest {
    pub region: Option<String>,
    pub year: Option<i32>,
    pub lang: Lang,
    pub pay_date: Option<NaiveDate>,
    pub members: Vec<crate::person::Person>,
    pub stated_ages: Vec<Option<u32>>,
}

/// Sums by payer for one fee period; `None` where any member's share is unknown.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    pub said: &'p Said,
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
fn chosen(d: &Decision) -> Result<Option<Scheme>, ()> {
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
        let picks: Vec<Result<Option<Scheme>, ()>> = members.iter().map(chosen).collect();
        let undecided: Vec<usize> = (0..picks.len())
            .filter(|i| picks.get(*i).is_some_and(Result::is_err))
            .collect();
        let chosen: Vec<Option<Scheme>> = picks.iter().map(|p| p.ok().flatten()).collect();
        let totals = totals(&members, &chosen, !undecided.is_empty());
        let rules = household_rules(&members);
        Ok(HouseholdDecision {
            members,
            chosen,
            undecided,
            totals,
            rules,
        })
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
                said: &rule.said,
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

#[derive(Serialize)]
struct Rule<'a> {
    code: &'a str,
    message: render::Str<'a>,
    source: render::Str<'a>,
    strength: crate::pack::Strength,
    scheme: Scheme,
    members: &'a [usize],
    others: &'a [usize],
    split: bool,
}

#[derive(Serialize)]
pub struct HouseholdResponse<'a> {
    members: Vec<Response<'a>>,
    chosen: &'a [Option<Scheme>],
    undecided: &'a [usize],
    totals: &'a [Total],
    rules: Vec<Rule<'a>>,
    /// Every member's missing answers, by member: `members[1].sex`.
    missing: Vec<String>,
}

/// The household response in `lang`.
pub fn render<'a>(h: &'a HouseholdDecision<'a>, lang: Lang) -> HouseholdResponse<'a> {
    let mut missing = Vec::new();
    for (i, d) in h.members.iter().enumerate() {
        for f in &d.missing {
            missing.push(format!(
                "members[{i}]{}",
                f.path().strip_prefix("person").unwrap_or_default()
            ));
        }
    }
    HouseholdResponse {
        members: h
            .members
            .iter()
            .map(|d| render::response(d, render::Style::text(lang)))
            .collect(),
        chosen: &h.chosen,
        undecided: &h.undecided,
        totals: &h.totals,
        rules: h
            .rules
            .iter()
            .map(|n| Rule {
                code: &n.said.code,
                message: render::text(&n.said.message, render::Style::text(lang)),
                source: render::text(&n.said.cite.label, render::Style::text(lang)),
                strength: n.said.cite.strength,
                scheme: n.scheme,
                members: &n.members,
                others: &n.others,
                split: n.split,
            })
            .collect(),
        missing,
    }
}
