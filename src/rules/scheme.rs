//! One scheme for one person: the status, with the reasons and the notes
//! that apply, then (unless it is not for them) the fee, the deadline, how to
//! enrol, what to do after the deadline, the waiting period and the benefits.
//! And the groups of schemes the person picks one of.

use chrono::{Datelike, NaiveDate};

use crate::model::field::Field;
use crate::model::money::Money;
use crate::model::person::Person;
use crate::model::tri::Tri;
use crate::model::vocab::{Role, Scheme, Status};
use crate::pack::when::When;
use crate::pack::{Cite, DeadlineDay, Incentive, Listing, Note, Pack, RuleStatus, SchemeRules};
use crate::rules::decision::{EngineReason, Enrol, Reason, SchemeDecision, WaitingReason};
use crate::rules::pick::{first_holding, Pick};

/// How much a missing answer decides: the status of a scheme first, then its
/// fee, then when cover starts, then how to enrol.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Weight {
    Status,
    Fee,
    Cover,
    Enrol,
}

/// Everything one check reads, and the answers it finds missing.
pub(super) struct Ctx<'a, 'q> {
    pub(super) pack: &'a Pack,
    pub(super) person: &'q Person,
    pub(super) reference: NaiveDate,
    pub(super) year: i32,
    pub(super) pay_date: NaiveDate,
    pub(super) missing: Vec<(Weight, Field)>,
}

impl<'a> Ctx<'a, '_> {
    pub(super) fn need(&mut self, weight: Weight, fields: &[Field]) {
        self.missing.extend(fields.iter().map(|f| (weight, *f)));
    }

    /// The missing answers, most decisive first, each once: by weight, then in
    /// the order of [`Field::ALL`], which goes from the basic questions (age,
    /// hukou, work) to the particular ones, as a form would ask them.
    pub(super) fn missing(&mut self) -> Vec<Field> {
        self.missing.sort();
        let mut out: Vec<Field> = Vec::with_capacity(self.missing.len());
        for (_, f) in &self.missing {
            if !out.contains(f) {
                out.push(*f);
            }
        }
        out
    }

    pub(super) fn holds(&self, when: &When, scheme: Scheme) -> Tri {
        when.holds(self.person, scheme)
    }

    /// One scheme.
    pub(super) fn scheme(&mut self, rules: &'a SchemeRules) -> SchemeDecision<'a> {
        let scheme = rules.scheme;
        let mut reasons = Vec::new();
        let mut instead_of = None;
        let status = match first_holding(
            &rules.eligibility,
            |r| self.holds(&r.when, scheme),
            |a, b| a.status == b.status,
        ) {
            Pick::Found(rule) => {
                reasons.push(Reason::Pack(&rule.reason));
                instead_of = rule.instead_of;
                match rule.status {
                    RuleStatus::Mandatory => Status::Mandatory,
                    RuleStatus::Eligible => Status::Eligible,
                    RuleStatus::Ineligible => Status::Ineligible,
                }
            }
            Pick::Undecided { fields, candidates, .. } => {
                self.need(Weight::Status, &fields);
                reasons.push(Reason::Engine(EngineReason::NeedsInfo(fields), None));
                reasons.extend(candidates.into_iter().map(|r| Reason::Pack(&r.reason)));
                Status::NeedsInfo
            }
            Pick::Nothing => {
                reasons.push(Reason::Engine(EngineReason::NoRule, None));
                Status::Ineligible
            }
        };
        let mut decision = SchemeDecision {
            rules,
            status,
            instead_of,
            reasons,
            fee: None,
            deadline: None,
            enrol: None,
            cover_from: None,
            waiting: None,
            benefits: Vec::new(),
        };
        if status == Status::Ineligible {
            return decision;
        }
        let reference = self.reference;
        let applies = move |n: &&Note| n.valid.is_none_or(|v| v.contains(reference));
        for note in rules
            .notes
            .iter()
            .filter(applies)
            .filter(|n| self.holds(&n.when, scheme) == Tri::Yes)
        {
            decision.reasons.push(Reason::Pack(&note.reason));
        }
        // Not in this scheme and another at once (004 二; 2019 notice).
        if let (Some(held), Some(cite)) = (self.person.enrolled.and_then(|e| e.scheme()), &rules.exclusive_cite) {
            if rules.exclusive_with.contains(&held) {
                let name = self.pack.scheme(held).map_or_else(|| &rules.name, |s| &s.name);
                decision
                    .reasons
                    .push(Reason::Engine(EngineReason::NotBoth(name), Some(cite)));
            }
        }
        let fee = self.fee(rules);
        let individual = fee.individual;
        decision.fee = Some(fee);
        let mut enrol = self.enrol(rules);
        let (deadline, last_day, deadline_cite) = self.deadline(rules, &mut enrol.reasons);
        decision.deadline = deadline;
        enrol.deadline_cite = deadline_cite;
        if let Some(w) = &rules.waiting {
            let window = self.pack.window(self.year);
            if let Some(mut outcome) = crate::rules::waiting::decide(w, window, self.year, self.pay_date, self.person) {
                self.need(Weight::Cover, &outcome.missing);
                if let Some(cost) = self.back_pay_cost(&outcome, individual) {
                    outcome.waiting.reasons.push(Reason::Engine(cost, None));
                }
                decision.cover_from = outcome.cover_from;
                decision.waiting = Some(outcome.waiting);
            }
        }
        // After the deadline, while the year still runs: what the person can do now.
        let year_end = NaiveDate::from_ymd_opt(self.year, 12, 31);
        if let Some(d) = last_day.filter(|d| self.pay_date > *d) {
            enrol.reasons.push(Reason::Engine(
                EngineReason::DeadlinePassed { deadline: d },
                deadline_cite,
            ));
        }
        if let Some(d) = last_day.filter(|d| self.pay_date > *d && year_end.is_some_and(|e| self.pay_date <= e)) {
            let late: Vec<_> = rules
                .late
                .iter()
                .filter(applies)
                .filter(|n| self.holds(&n.when, scheme) == Tri::Yes)
                .collect();
            if late.is_empty() {
                enrol
                    .reasons
                    .push(Reason::Engine(EngineReason::LateSilent { deadline: d }, None));
            }
            enrol.reasons.extend(late.into_iter().map(|n| Reason::Pack(&n.reason)));
        }
        decision.enrol = Some(enrol);
        decision.benefits = rules
            .benefits
            .iter()
            .filter(|b| b.span.contains(self.reference))
            .map(|b| Reason::Pack(&b.reason))
            .collect();
        if let Some(i) = rules
            .incentive
            .as_ref()
            .filter(|i| i.valid.is_none_or(|v| v.contains(self.reference)))
        {
            decision.benefits.push(Reason::Pack(&i.reason));
            if let Some(reward) = self.incentive(i) {
                decision.benefits.push(Reason::Engine(reward, Some(&i.reason.cite)));
            }
        }
        decision
    }

    /// What paying back missed years costs, where the wait counts them: each
    /// year at the current individual fee (38号).
    fn back_pay_cost(
        &self,
        outcome: &crate::rules::waiting::Outcome<'a>,
        each: Option<Money>,
    ) -> Option<EngineReason<'a>> {
        let each = each?;
        let counts = outcome.waiting.reasons.iter().any(|r| {
            matches!(
                r,
                Reason::Engine(EngineReason::Waiting(WaitingReason::BackPay { .. }), _)
            )
        });
        if !counts {
            return None;
        }
        let years = self.person.history.back_pay_years.filter(|y| *y > 0);
        Some(EngineReason::BackPayCost {
            years,
            each,
            total: years.and_then(|y| each.times(y)),
        })
    }

    /// The rise of the serious-illness ceiling this person's years of
    /// continuous enrolment earn, counted to this coverage year; `None` where
    /// the years are not known. A gap starts the count again (38号).
    fn incentive(&self, i: &Incentive) -> Option<EngineReason<'a>> {
        let history = &self.person.history;
        let before = history.continuous_years?;
        let years = match history.last_covered_year? {
            Some(last) if last >= self.year => before,
            Some(last) if last == self.year - 1 => before.saturating_add(1),
            _ => 1,
        };
        let steps = years.saturating_sub(i.after_years);
        let cap = match (i.cap_share, i.base_cap) {
            (Some(share), Some(base)) => share.of(base),
            _ => None,
        };
        let raise = i.step.times(steps)?;
        Some(EngineReason::Incentive {
            years,
            raise: cap.map_or(raise, |c| raise.min(c)),
            step: i.step,
            cap,
            minimum: i.minimum,
        })
    }

    /// The last day to pay: the pack's deadline for the person, the close of
    /// the collection window where that is the deadline (not one day where
    /// places differ: then why, in `reasons`), and for a baby the newborn
    /// rule's days after birth when they run later. Then the last day it can
    /// be anywhere (the latest close, where the deadline is not one day), and
    /// the citation.
    fn deadline(
        &mut self,
        rules: &'a SchemeRules,
        reasons: &mut Vec<Reason<'a>>,
    ) -> (Option<NaiveDate>, Option<NaiveDate>, Option<&'a Cite>) {
        let year = self.year;
        let window = self.pack.window(year);
        let in_force = rules
            .deadlines
            .iter()
            .filter(|d| d.valid.is_none_or(|v| v.contains(self.reference)));
        let mut latest = None;
        let (mut day, mut cite) = match first_holding(
            in_force,
            |d| self.holds(&d.when, rules.scheme),
            |a, b| a.date_in(year, window.map(|w| w.1)) == b.date_in(year, window.map(|w| w.1)),
        ) {
            Pick::Found(d) => {
                let day = d.date_in(year, window.map(|w| w.1));
                if let (DeadlineDay::WindowCloses, Some((c, w))) = (d.day, window) {
                    if let Some(last) = w.latest {
                        let uncertain = EngineReason::DeadlineUncertain {
                            closes: w.closes,
                            latest: last,
                        };
                        reasons.push(Reason::Engine(uncertain, Some(&c.cite)));
                        latest = Some(last);
                    }
                }
                (day, Some(&d.cite))
            }
            Pick::Undecided { fields, .. } => {
                self.need(Weight::Enrol, &fields);
                (None, None)
            }
            Pick::Nothing => (None, None),
        };
        let newborn = rules.waiting.as_ref().filter(|w| year >= w.from_year);
        if let (Some(w), Some(born)) = (newborn, self.person.birth_date) {
            let by = born.checked_add_days(chrono::Days::new(u64::from(w.newborn_days)));
            if let Some(by) = by.filter(|by| born.year() >= year - 1 && day.is_none_or(|d| *by > d)) {
                reasons.push(Reason::Engine(
                    EngineReason::NewbornDeadline {
                        days: w.newborn_days,
                        deadline: by,
                    },
                    Some(&w.cite),
                ));
                day = Some(by);
                cite = Some(&w.cite);
            }
        }
        (day, day.or(latest), cite)
    }

    fn enrol(&mut self, rules: &'a SchemeRules) -> Enrol<'a> {
        let scheme = rules.scheme;
        let mut enrol = Enrol::default();
        // Show what holds unless an open answer says otherwise, and ask for it.
        let listing = |list: &'a [Listing], ctx: &mut Self| match first_holding(
            list,
            |l| ctx.holds(&l.when, scheme),
            |a, b| a.items == b.items && a.through == b.through,
        ) {
            Pick::Found(l) => Some(l),
            Pick::Undecided { fields, fallback, .. } => {
                ctx.need(Weight::Enrol, &fields);
                fallback
            }
            Pick::Nothing => None,
        };
        match listing(&rules.places, self) {
            Some(l) => {
                enrol.through = l.through;
                enrol.places = l.items.iter().collect();
                enrol.places_cite = Some(&l.cite);
                if let Some(t) = l.through {
                    enrol
                        .reasons
                        .push(Reason::Engine(EngineReason::Through(t), Some(&l.cite)));
                }
            }
            None => enrol.reasons.push(Reason::Engine(EngineReason::PlacesSilent, None)),
        }
        if let Some(l) = listing(&rules.channels, self) {
            enrol.channels = l.items.iter().collect();
            enrol.channels_cite = Some(&l.cite);
        }
        match listing(&rules.documents, self) {
            Some(l) => {
                enrol.documents = l.items.iter().collect();
                enrol.documents_cite = Some(&l.cite);
            }
            // Through an employer or a school, the person brings nothing.
            None if enrol.through.is_some() => {}
            None => enrol.reasons.push(Reason::Engine(EngineReason::DocumentsSilent, None)),
        }
        enrol
    }
}

/// The groups of schemes a person picks one of. Basic schemes are held one at a
/// time, so the open ones are a choice, unless one is mandatory: then no basic
/// scheme is an alternative to it, and those open only `instead_of` it (when it
/// is hard to join) are a choice among themselves. Supplements go with their
/// scheme and relief is a referral: neither is ever in a group.
pub(super) fn alternatives(schemes: &mut [SchemeDecision]) -> Vec<Vec<Scheme>> {
    let mandatory: Vec<Scheme> = schemes
        .iter()
        .filter(|s| s.status == Status::Mandatory && s.scheme().role() == Role::Basic)
        .map(SchemeDecision::scheme)
        .collect();
    // `instead_of` means something only beside a mandatory scheme.
    for s in schemes.iter_mut() {
        if s.instead_of.is_some_and(|x| !mandatory.contains(&x)) {
            s.instead_of = None;
        }
    }
    let eligible_basic = |s: &&SchemeDecision| s.status == Status::Eligible && s.scheme().role() == Role::Basic;
    let mut groups = Vec::new();
    if mandatory.is_empty() {
        let group: Vec<Scheme> = schemes
            .iter()
            .filter(eligible_basic)
            .map(SchemeDecision::scheme)
            .collect();
        if group.len() > 1 {
            groups.push(group);
        }
    } else {
        for m in &mandatory {
            let group: Vec<Scheme> = schemes
                .iter()
                .filter(eligible_basic)
                .filter(|s| s.instead_of == Some(*m))
                .map(SchemeDecision::scheme)
                .collect();
            if group.len() > 1 {
                groups.push(group);
            }
        }
    }
    groups
}
