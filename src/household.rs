//! A household: one check per member, what the household pays in all by payer,
//! and the pack's household rules (Ordos 二(一)2: residents enrol by whole
//! household, 捆绑式参保).
//!
//! Each member counts with the scheme they would join: the first the pack lists as
//! mandatory for them, or else the first they may join. A total is `null` where any
//! member's share is unknown: a partial sum would read as the whole.

use chrono::NaiveDate;

use crate::engine::Engine;
use crate::money::Money;
use crate::request::{Request, RequestError};
use crate::response::{Reason, Response};
use crate::vocab::{Lang, Period, Scheme, Status};

/// Members share the region, year and language.
#[derive(Clone, Debug, Default)]
pub struct HouseholdRequest {
    pub region: Option<String>,
    pub year: Option<i32>,
    pub lang: Lang,
    pub members: Vec<crate::person::Person>,
    pub stated_ages: Vec<Option<u32>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HouseholdResponse {
    pub members: Vec<Response>,
    /// The scheme each member counts with, by member (`null`: none open to them).
    pub chosen: Vec<Option<Scheme>>,
    /// Sums by payer, one per fee period.
    pub totals: Vec<Total>,
    pub rules: Vec<HouseholdNote>,
}

#[derive(Clone, Debug, PartialEq)]
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
pub struct HouseholdNote {
    pub reason: Reason,
    pub scheme: Scheme,
    /// Members who may or must join `scheme`, by index.
    pub members: Vec<usize>,
    /// Members who would not be in it, by index.
    pub others: Vec<usize>,
    pub split: bool,
}

impl HouseholdResponse {
    /// The household response as JSON: `members` are full responses.
    pub fn to_json(&self, pretty: bool) -> String {
        let mut w = crate::json::Writer::new(pretty);
        w.object(None, |w| {
            w.array(Some("members"), &self.members, |w, r| r.write(w, None));
            w.array(Some("chosen"), &self.chosen, |w, c| {
                w.opt_str(None, c.map(Scheme::as_str))
            });
            w.array(Some("totals"), &self.totals, |w, t| {
                w.object(None, |w| {
                    w.str(Some("period"), t.period.as_str());
                    crate::response::write_amounts(w, t.total, [t.individual, t.employer, t.government]);
                })
            });
            w.array(Some("rules"), &self.rules, |w, n| {
                w.object(None, |w| {
                    n.reason.write_members(w);
                    w.str(Some("scheme"), n.scheme.as_str());
                    w.array(Some("members"), &n.members, |w, i| w.int(None, *i as i64));
                    w.array(Some("others"), &n.others, |w, i| w.int(None, *i as i64));
                    w.bool(Some("split"), n.split);
                })
            });
        });
        w.finish()
    }
}

impl Engine {
    /// Checks every member. An error names the member: `members[1].birthDate`.
    pub fn check_household(&self, req: &HouseholdRequest, today: NaiveDate) -> Result<HouseholdResponse, RequestError> {
        let mut members = Vec::with_capacity(req.members.len());
        for (i, person) in req.members.iter().enumerate() {
            let one = Request {
                region: req.region.clone(),
                year: req.year,
                lang: req.lang,
                person: person.clone(),
                stated_age: req.stated_ages.get(i).copied().flatten(),
            };
            let response = self.check(&one, today).map_err(|e| e.for_member(i))?;
            members.push(response);
        }
        let chosen: Vec<Option<Scheme>> = members.iter().map(chosen_scheme).collect();
        let totals = totals(&members, &chosen);
        let rules = self.household_rules(req, &members);
        Ok(HouseholdResponse {
            members,
            chosen,
            totals,
            rules,
        })
    }

    fn household_rules(&self, req: &HouseholdRequest, members: &[Response]) -> Vec<HouseholdNote> {
        let Some(first) = members.first() else {
            return Vec::new();
        };
        let Some(pack) = self.packs().iter().map(|l| &l.pack).find(|p| p.id == first.region) else {
            return Vec::new();
        };
        pack.household
            .iter()
            .filter_map(|rule| {
                let open = |r: &Response| {
                    r.schemes
                        .iter()
                        .any(|s| s.scheme == rule.scheme && matches!(s.status, Status::Mandatory | Status::Eligible))
                };
                let (inside, others): (Vec<usize>, Vec<usize>) = (0..members.len()).partition(|&i| open(&members[i]));
                (!inside.is_empty()).then(|| HouseholdNote {
                    reason: Reason {
                        code: rule.code.clone(),
                        message: rule.message.get(req.lang).to_owned(),
                        source: Some(pack.cite(self.national_sources(), &rule.source)),
                    },
                    scheme: rule.scheme,
                    split: !others.is_empty(),
                    members: inside,
                    others,
                })
            })
            .collect()
    }
}

/// The scheme a member counts with: the first mandatory one, else the first open one.
fn chosen_scheme(r: &Response) -> Option<Scheme> {
    let first = |status| r.schemes.iter().find(|s| s.status == status).map(|s| s.scheme);
    first(Status::Mandatory).or_else(|| first(Status::Eligible))
}

fn totals(members: &[Response], chosen: &[Option<Scheme>]) -> Vec<Total> {
    let mut totals: Vec<Total> = Vec::new();
    for (r, scheme) in members.iter().zip(chosen) {
        let Some(fee) = scheme
            .and_then(|c| r.schemes.iter().find(|s| s.scheme == c))
            .and_then(|s| s.fee.as_ref())
        else {
            continue;
        };
        let t = match totals.iter_mut().position(|t| t.period == fee.period) {
            Some(i) => &mut totals[i],
            None => {
                let zero = Some(Money::ZERO);
                totals.push(Total {
                    period: fee.period,
                    total: zero,
                    individual: zero,
                    employer: zero,
                    government: zero,
                });
                let last = totals.len() - 1;
                &mut totals[last]
            }
        };
        let add = |sum: Option<Money>, part: Option<Money>| sum.zip(part).and_then(|(a, b)| a.checked_add(b));
        t.total = add(t.total, fee.total);
        t.individual = add(t.individual, fee.individual);
        t.employer = add(t.employer, fee.employer);
        t.government = add(t.government, fee.government);
    }
    totals
}
