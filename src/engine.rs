//! The engine: a request and a pack in, a [`Decision`] out.
//!
//! One path: pick the pack and the coverage year, settle the person's age on the
//! pack's reference day, then for each scheme the pack knows decide the status,
//! the fee and who pays it, the deadline, how to enrol, and when cover starts.
//! Everything a rule needed but the request did not say is gathered into
//! `missing`, most decisive first. Nothing is worded here: `render` does that.
//!
//! The engine is pure: it reads no clock. The caller passes today's date in China
//! (the CLI from the system clock, the page from the browser's): it is the day of
//! paying unless the request names one, and it decides the coverage year when the
//! request names none.

use chrono::{Datelike, NaiveDate};

use crate::condition::{pick, Field, Pick, Tri};
use crate::date;
use crate::decision::{Decision, Enrol, Fee, Own, Reason, SchemeDecision};
use crate::money::Money;
use crate::pack::{
    clip, Base, Covers, FeeSchedule, Item, Pack, PackError, Rendered, RuleStatus, SchemeRules, Share, Tier,
};
use crate::person::Person;
use crate::request::{Detail, ErrorCode, Request, RequestError, MAX_AGE_FROM_BIRTH_DATE, MIN_WORKING_AGE};
use crate::vocab::{Lang, Period, Role, Scheme, Status};

/// Numbers each rendered text and reason of `pack`, after those in `table`.
fn number(table: &mut Vec<Rendered>, pack: &mut Pack) {
    let mut number = |json: &Rendered| {
        table.push(json.clone());
        u32::try_from(table.len() - 1).unwrap_or(u32::MAX)
    };
    pack.each_item(&mut |item| match item {
        Item::Text(t) => t.id = number(&t.json),
        Item::Cite(c) => c.label.id = number(&c.label.json),
        Item::Said(s) => {
            s.message.id = number(&s.message.json);
            s.cite.label.id = number(&s.cite.label.json);
            s.id = number(&s.json);
        }
    });
}

/// The built-in packs, converted from `policies/*.toml` at build time: the
/// JSON text of each, after the pack it extends. The native build compiles
/// them when it starts; the WebAssembly core gets them compiled already
/// (`canbao packs-js`, handed over by `js/api.js` on first use).
#[cfg(feature = "loader")]
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/packs.rs"));
}

/// The JSON text of a built-in pack, by id, as it is embedded: a template for
/// writing a pack of one's own (`canbao pack ID`).
#[cfg(feature = "loader")]
pub fn builtin_json(id: &str) -> Option<&'static str> {
    embedded::PACKS
        .iter()
        .find(|(pack_id, _, _)| *pack_id == id)
        .map(|(_, _, json)| *json)
}

/// The packs, built in and loaded.
#[derive(Clone, Debug, Default)]
pub struct Engine {
    packs: Vec<Pack>,
    /// Every pack's rendered texts and reasons, by number (see [`Engine::table`]).
    table: Vec<Rendered>,
}

impl Engine {
    /// The engine with the built-in packs. They are checked by the tests, so an
    /// error here means a broken build, but it is still an error, not a panic.
    #[cfg(feature = "loader")]
    pub fn builtin() -> Result<Engine, PackError> {
        let mut engine = Engine::default();
        // build.rs orders the packs so that each comes after the one it extends.
        for (_, file, json) in embedded::PACKS {
            let pack = Pack::load(json, file, true, |id| engine.any_pack(id).cloned())?;
            engine.add(pack, file)?;
        }
        Ok(engine)
    }

    /// Validates a pack written by a portal operator (JSON text) and makes it
    /// available by its id. A loaded pack may replace an earlier loaded one,
    /// never a built-in one, and may extend any pack.
    #[cfg(feature = "loader")]
    pub fn load(&mut self, text: &str, file: &str) -> Result<&Pack, PackError> {
        let pack = Pack::load(text, file, false, |id| self.any_pack(id).cloned())?;
        self.add(pack, file)
    }

    /// Any pack by id, base packs included (what a pack may extend).
    pub fn any_pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }

    /// The built-in packs, compiled (postcard, each with its own items only):
    /// what the WebAssembly core starts from, without compiling JSON itself.
    #[cfg(feature = "loader")]
    pub fn compiled_builtins() -> Result<Vec<u8>, PackError> {
        let mut engine = Engine::default();
        let mut own = Vec::new();
        for (_, file, json) in embedded::PACKS {
            let pack = Pack::load(json, file, true, |id| engine.any_pack(id).cloned())?;
            own.push(pack.clone());
            engine.add(pack, file)?;
        }
        postcard::to_allocvec(&own).map_err(|e| PackError {
            file: "built-in".into(),
            key: String::new(),
            message: e.to_string(),
        })
    }

    /// An engine from [`Engine::compiled`]'s bytes.
    pub fn from_compiled(bytes: &[u8]) -> Result<Engine, PackError> {
        let packs: Vec<Pack> = postcard::from_bytes(bytes).map_err(|e| PackError {
            file: "built-in".into(),
            key: String::new(),
            message: format!("not compiled packs: {e}"),
        })?;
        let mut engine = Engine::default();
        for pack in packs {
            engine.add(pack, "built-in")?;
        }
        Ok(engine)
    }

    /// Makes a compiled pack available by its id, after the checks across
    /// packs: a built-in is never replaced, nor a pack another extends, and no
    /// two packs share a name a resident would see.
    pub fn add(&mut self, mut pack: Pack, file: &str) -> Result<&Pack, PackError> {
        let fail = |key: &str, message: String| PackError {
            file: file.to_owned(),
            key: key.to_owned(),
            message,
        };
        if let Some(old) = self.packs.iter().find(|p| p.id == pack.id) {
            if old.builtin {
                return Err(fail(
                    "id",
                    format!("\"{}\" is a built-in pack: choose another id", clip(&pack.id)),
                ));
            }
            if self.packs.iter().any(|p| p.extends.as_deref() == Some(&pack.id)) {
                let message = format!(
                    "\"{}\" is extended by another pack: load it under a new id",
                    clip(&pack.id)
                );
                return Err(fail("id", message));
            }
        }
        if let Some(parent) = &pack.extends {
            match self.any_pack(parent) {
                Some(p) => pack.inherit(p),
                None => return Err(fail("extends", format!("no pack \"{}\" to extend", clip(parent)))),
            }
        }
        pack.render();
        // Two entries a resident cannot tell apart in a region picker.
        for other in self.packs.iter().filter(|p| p.id != pack.id && !p.base) {
            for lang in crate::vocab::Lang::ALL {
                if other.name.get(*lang) == pack.name.get(*lang) && !pack.base {
                    let message = format!(
                        "\"{}\" is already the name of pack \"{}\"",
                        clip(pack.name.get(*lang)),
                        other.id
                    );
                    return Err(fail(&format!("name.{}", lang.as_str()), message));
                }
            }
        }
        if pack.default && self.packs.iter().any(|p| p.default && p.id != pack.id) {
            if pack.builtin {
                return Err(fail("default", "another pack is the default already".into()));
            }
            return Err(fail("default", "only a built-in pack can be the default".into()));
        }
        let before = self.packs.len();
        self.packs.retain(|p| p.id != pack.id);
        if self.packs.len() < before {
            // A pack replaced: number them all afresh, leaving no numbers behind.
            self.table.clear();
            self.packs.iter_mut().for_each(|p| number(&mut self.table, p));
        }
        number(&mut self.table, &mut pack);
        self.packs.push(pack);
        // Just pushed, so `last` is there; `ok_or_else` keeps this path panic-free.
        self.packs.last().ok_or_else(|| fail("", "not stored".into()))
    }

    /// Every rendered text and reason of every pack, in `lang`, as a JSON array
    /// indexed by their numbers. The WebAssembly build sends it once per
    /// language (and again after a pack is added); its answers then name the
    /// pack's words by number, which JavaScript reads faster than their text.
    pub fn table(&self, lang: Lang) -> String {
        let all: Vec<Option<&serde_json::value::RawValue>> = self.table.iter().map(|r| r.get(lang)).collect();
        crate::render::json(&all, false)
    }

    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// The packs a request may name, for region selectors.
    pub fn regions(&self) -> impl Iterator<Item = &Pack> {
        self.packs.iter().filter(|p| !p.base)
    }

    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.regions().find(|p| p.id == id)
    }

    fn default_pack(&self) -> Option<&Pack> {
        self.regions().find(|p| p.default).or_else(|| self.regions().next())
    }

    fn find(&self, region: Option<&str>, lang: Lang) -> Result<&Pack, RequestError> {
        match region {
            Some(id) => self.pack(id),
            None => self.default_pack(),
        }
        .ok_or_else(|| {
            let ids = self.regions().map(|p| p.id.clone()).collect();
            RequestError::new(ErrorCode::UnknownRegion, "region", lang).with(Detail::Allowed(ids))
        })
    }

    /// The coverage year being enrolled for on `today`: once a pack's collection
    /// window has opened, next year; before, or for a pack without one, this year.
    pub fn enrolling_year(pack: &Pack, today: NaiveDate) -> (i32, bool) {
        let year = today.year();
        match &pack.collection {
            Some(c) if c.opens.in_year(year).is_some_and(|opens| today >= opens) => (year + 1, true),
            _ => (year, false),
        }
    }

    /// Decides a request. `today` is today's date in China.
    pub fn decide<'e>(&'e self, req: &Request, today: NaiveDate) -> Result<Decision<'e>, RequestError> {
        let lang = req.lang;
        let pack = self.find(req.region.as_deref(), lang)?;
        let mut warnings = Vec::new();
        let year = match req.year {
            Some(y) => y,
            None => {
                let (year, collecting) = Engine::enrolling_year(pack, today);
                warnings.push(Reason::Own(Own::DefaultYear { year, collecting }, None));
                year
            }
        };
        let out_of_range = || {
            // Name the default pack if it covers the year: the one that serves
            // every region (another region's pack would not be the person's).
            let covers =
                |p: &&Pack| p.id != pack.id && p.reference_day.in_year(year).is_some_and(|d| p.valid.contains(d));
            let instead = self.default_pack().filter(covers);
            RequestError::new(ErrorCode::YearOutOfRange, "year", lang).with(Detail::Years {
                first: pack.first_year(),
                last: pack.last_year(),
                year,
                instead: instead.map(|p| p.name.clone()),
            })
        };
        let reference = pack.reference_day.in_year(year).ok_or_else(out_of_range)?;
        if !pack.valid.contains(reference) {
            return Err(out_of_range());
        }
        let pay_date = req.pay_date.unwrap_or(today);
        let person = settle(req, year, reference, pay_date)?;
        if let Some((opens, _)) = pack.collection.as_ref().and_then(|c| c.window(year)) {
            if pay_date < opens {
                warnings.push(Reason::Own(Own::NotOpenYet { opens }, None));
            }
        }
        let mut ctx = Ctx {
            pack,
            person: &person,
            reference,
            year,
            pay_date,
            missing: Vec::new(),
        };
        let mut schemes: Vec<SchemeDecision> = pack.schemes.iter().map(|s| ctx.scheme(s)).collect();
        let alternatives = alternatives(&mut schemes);
        Ok(Decision {
            pack,
            year,
            reference_date: reference,
            pay_date,
            age: person.age,
            schemes,
            alternatives,
            missing: ctx.missing(),
            warnings,
        })
    }
}

/// Fills in what depends on the reference day: the age, and how long the hukou
/// has been here; and refuses answers no one person could give.
fn settle(req: &Request, year: i32, reference: NaiveDate, pay_date: NaiveDate) -> Result<Person, RequestError> {
    let lang = req.lang;
    let mut person = req.person.clone();
    if let Some(born) = person.birth_date {
        let last_day = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(reference);
        if born > last_day {
            return Err(RequestError::new(ErrorCode::BirthAfterYear, "person.birthDate", lang));
        }
        // Born in the year but after the reference day: 0 years old that day.
        let age = date::full_years(born, reference).unwrap_or(0);
        if age > MAX_AGE_FROM_BIRTH_DATE {
            let first = date::years_before(reference, MAX_AGE_FROM_BIRTH_DATE);
            return Err(RequestError::new(ErrorCode::OutOfRange, "person.birthDate", lang)
                .with(Detail::Dates(first, Some(last_day))));
        }
        if let Some(stated) = req.stated_age {
            if stated != age {
                return Err(RequestError::new(ErrorCode::AgeConflict, "person.age", lang)
                    .with(Detail::AgeOn { day: reference, age }));
            }
        }
        person.age = Some(age);
    } else {
        person.age = req.stated_age;
    }
    if let Some(moved) = person.moved_in_on {
        if moved > pay_date.max(reference) {
            return Err(RequestError::new(ErrorCode::OutOfRange, "person.hukou.movedInOn", lang)
                .with(Detail::Dates(person.birth_date, Some(pay_date.max(reference)))));
        }
        // Moved after the reference day: zero full years so far.
        person.moved_in_years = Some(date::full_years(moved, reference).unwrap_or(0));
    }
    if let (Some(age), Some(work)) = (person.age, person.employment) {
        if age < MIN_WORKING_AGE && work.is_work() {
            return Err(RequestError::new(ErrorCode::Implausible, "person.employment", lang)
                .with(Detail::With("person.age".into())));
        }
    }
    if let (Some(last), Some(age)) = (person.history.last_covered_year.flatten(), person.age) {
        // Insured before being born (a year's slack: an age is counted on 1 January).
        if last < year - i32::try_from(age).unwrap_or(i32::MAX) - 1 {
            return Err(
                RequestError::new(ErrorCode::Implausible, "person.history.lastCoveredYear", lang)
                    .with(Detail::With("person.age".into())),
            );
        }
    }
    Ok(person)
}

/// How much a missing answer decides: the status of a scheme first, then its
/// fee, then when cover starts, then how to enrol.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Weight {
    Status,
    Fee,
    Cover,
    Enrol,
}

/// Everything one check reads, and the answers it finds missing.
struct Ctx<'a, 'q> {
    pack: &'a Pack,
    person: &'q Person,
    reference: NaiveDate,
    year: i32,
    pay_date: NaiveDate,
    missing: Vec<(Weight, Field)>,
}

impl<'a> Ctx<'a, '_> {
    fn need(&mut self, weight: Weight, fields: &[Field]) {
        self.missing.extend(fields.iter().map(|f| (weight, *f)));
    }

    /// The missing answers, most decisive first, each once: by weight, then in
    /// the order of [`Field::ALL`], which goes from the basic questions (age,
    /// hukou, work) to the particular ones, as a form would ask them.
    fn missing(&mut self) -> Vec<Field> {
        self.missing.sort();
        let mut out: Vec<Field> = Vec::with_capacity(self.missing.len());
        for (_, f) in &self.missing {
            if !out.contains(f) {
                out.push(*f);
            }
        }
        out
    }

    fn holds(&self, cond: &crate::condition::Cond, scheme: Scheme) -> Tri {
        cond.holds(self.person, scheme)
    }

    /// One scheme.
    fn scheme(&mut self, rules: &'a SchemeRules) -> SchemeDecision<'a> {
        let scheme = rules.scheme;
        let mut reasons = Vec::new();
        let mut instead_of = None;
        let status = match pick(
            &rules.eligibility,
            |r| self.holds(&r.cond, scheme),
            |a, b| a.status == b.status,
        ) {
            Pick::Found(rule) => {
                reasons.push(Reason::Said(&rule.said));
                instead_of = rule.instead_of;
                match rule.status {
                    RuleStatus::Mandatory => Status::Mandatory,
                    RuleStatus::Eligible => Status::Eligible,
                    RuleStatus::Ineligible => Status::Ineligible,
                }
            }
            Pick::Undecided { fields, candidates, .. } => {
                self.need(Weight::Status, &fields);
                reasons.push(Reason::Own(Own::NeedsInfo(fields), None));
                reasons.extend(candidates.into_iter().map(|r| Reason::Said(&r.said)));
                Status::NeedsInfo
            }
            Pick::Nothing => {
                reasons.push(Reason::Own(Own::NoRule, None));
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
        let applies = move |n: &&crate::pack::Note| n.valid.is_none_or(|v| v.contains(reference));
        for note in rules
            .notes
            .iter()
            .filter(applies)
            .filter(|n| self.holds(&n.cond, scheme) == Tri::Yes)
        {
            decision.reasons.push(Reason::Said(&note.said));
        }
        // Not in this scheme and another at once (004 二; 2019 notice).
        if let (Some(held), Some(cite)) = (self.person.enrolled.and_then(|e| e.scheme()), &rules.exclusive_cite) {
            if rules.exclusive_with.contains(&held) {
                let name = self.pack.scheme(held).map_or_else(|| &rules.name, |s| &s.name);
                decision.reasons.push(Reason::Own(Own::NotBoth(name), Some(cite)));
            }
        }
        decision.fee = Some(self.fee(rules));
        let (deadline, deadline_cite) = self.deadline(rules);
        decision.deadline = deadline;
        let mut enrol = self.enrol(rules);
        enrol.deadline_cite = deadline_cite;
        if let Some(w) = &rules.waiting {
            let collection = self.pack.collection.as_ref();
            if let Some(outcome) = crate::waiting::decide(w, collection, self.year, self.pay_date, self.person) {
                self.need(Weight::Cover, &outcome.missing);
                decision.cover_from = outcome.cover_from;
                decision.waiting = Some(outcome.waiting);
            }
        }
        // After the deadline, while the year still runs: what the person can do now.
        let year_end = NaiveDate::from_ymd_opt(self.year, 12, 31);
        if let Some(d) = deadline.filter(|d| self.pay_date > *d) {
            enrol
                .reasons
                .push(Reason::Own(Own::DeadlinePassed { deadline: d }, deadline_cite));
        }
        if let Some(d) = deadline.filter(|d| self.pay_date > *d && year_end.is_some_and(|e| self.pay_date <= e)) {
            let late: Vec<_> = rules
                .late
                .iter()
                .filter(applies)
                .filter(|n| self.holds(&n.cond, scheme) == Tri::Yes)
                .collect();
            if late.is_empty() {
                enrol.reasons.push(Reason::Own(Own::LateSilent { deadline: d }, None));
            }
            enrol.reasons.extend(late.into_iter().map(|n| Reason::Said(&n.said)));
        }
        decision.enrol = Some(enrol);
        decision.benefits = rules
            .benefits
            .iter()
            .filter(|b| b.span.contains(self.reference))
            .map(|b| Reason::Said(&b.said))
            .collect();
        decision
    }

    fn fee(&mut self, rules: &'a SchemeRules) -> Fee<'a> {
        let scheme = rules.scheme;
        let unknown = |period, reason| Fee {
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
        };
        // The schedules in force, the pack's own before its parent's.
        let schedules: Vec<&FeeSchedule> = rules.fees.iter().filter(|f| f.span.contains(self.reference)).collect();
        let Some(first) = schedules.first() else {
            return unknown(default_period(scheme), Reason::Own(Own::NoFee, None));
        };
        let tiers = schedules.iter().flat_map(|s| s.tiers.iter().map(move |t| (*s, t)));
        let tiers: Vec<(&FeeSchedule, &Tier)> = tiers.collect();
        let (schedule, tier) = match pick(
            &tiers,
            |(_, t)| self.holds(&t.cond, scheme),
            |a, b| same_shares(a.1, b.1),
        ) {
            Pick::Found((s, t)) => (*s, *t),
            Pick::Undecided { fields, .. } => {
                self.need(Weight::Fee, &fields);
                let mut fee = unknown(first.period, Reason::Own(Own::FeeNeedsInfo(fields), None));
                // The public subsidy is the schedule's, whichever tier applies.
                if let Some((m, said)) = schedules.iter().find_map(|s| s.public_subsidy.as_ref()) {
                    fee.public_subsidy = Some(*m);
                    fee.reasons.push(Reason::Said(said));
                }
                return fee;
            }
            Pick::Nothing => return unknown(first.period, Reason::Own(Own::NoFee, None)),
        };
        let mut reasons = vec![Reason::Said(&tier.said)];
        let mut share = |s: &Option<Share>, reasons: &mut Vec<Reason<'a>>| -> Option<Money> {
            match s {
                None if tier.unknown.is_some() => None,
                None => Some(Money::ZERO),
                Some(Share::Fixed(m)) => Some(*m),
                Some(Share::Rate { rate, base }) => self.base(*base, reasons).and_then(|b| rate.of(b)),
            }
        };
        let mut individual = share(&tier.individual, &mut reasons);
        let employer = share(&tier.employer, &mut reasons);
        let mut government = share(&tier.government, &mut reasons);
        if let Some(why) = &tier.unknown {
            reasons.push(Reason::Text {
                code: "amount_not_in_source",
                text: why,
                cite: &tier.said.cite,
            });
        }
        // The total is known when every share is, whoever ends up paying them.
        let total = match (individual, employer, government) {
            (Some(i), Some(e), Some(g)) => i.checked_add(e).and_then(|s| s.checked_add(g)),
            _ => None,
        };
        let subsidies = rules
            .subsidies
            .iter()
            .filter(|s| s.valid.is_none_or(|v| v.contains(self.reference)));
        match pick(subsidies, |s| self.holds(&s.cond, scheme), |a, b| a.covers == b.covers) {
            Pick::Found(sub) => {
                reasons.push(Reason::Said(&sub.said));
                let covered = match &sub.covers {
                    Covers::All => individual,
                    Covers::Amount(a) => individual.map(|i| (*a).min(i)),
                    Covers::Unknown(why) => {
                        reasons.push(Reason::Text {
                            code: "subsidy_set_elsewhere",
                            text: why,
                            cite: &sub.said.cite,
                        });
                        None
                    }
                };
                match (covered, individual, government) {
                    (Some(c), Some(i), Some(g)) => {
                        individual = i.checked_sub(c);
                        government = g.checked_add(c);
                    }
                    _ => {
                        individual = None;
                        government = None;
                    }
                }
            }
            Pick::Undecided { fields, candidates, .. } => {
                // Who pays depends on an answer not given: the amount stands, the split does not.
                self.need(Weight::Fee, &fields);
                reasons.push(Reason::Own(Own::FeeNeedsInfo(fields), None));
                reasons.extend(candidates.into_iter().map(|s| Reason::Said(&s.said)));
                individual = None;
                government = None;
            }
            Pick::Nothing => {}
        }
        let public_subsidy = schedules.iter().find_map(|s| s.public_subsidy.as_ref());
        if let Some((_, said)) = public_subsidy {
            reasons.push(Reason::Said(said));
        }
        if let Some(said) = &schedule.provisional {
            reasons.push(Reason::Said(said));
        }
        Fee {
            period: schedule.period,
            total,
            individual,
            employer,
            government,
            minimum: tier.minimum,
            estimate: tier.estimate,
            provisional: schedule.provisional.is_some(),
            public_subsidy: public_subsidy.map(|(m, _)| *m),
            reasons,
        }
    }

    /// The base a rate applies to, or why it is not known.
    fn base(&mut self, base: Base, reasons: &mut Vec<Reason<'a>>) -> Option<Money> {
        match base {
            Base::MonthlyWage => {
                // Asked once, though both shares may be rates of the wage.
                let said = reasons.iter().any(|r| matches!(r, Reason::Own(Own::WageMissing, _)));
                if self.person.monthly_wage.is_none() && !said {
                    self.need(Weight::Fee, &[Field::MonthlyWage]);
                    reasons.push(Reason::Own(Own::WageMissing, None));
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
                let said = reasons
                    .iter()
                    .any(|r| matches!(r, Reason::Own(Own::AverageWageUnknown, _)));
                if value.is_none() && !said {
                    reasons.push(Reason::Own(Own::AverageWageUnknown, param.map(|p| &p.cite)));
                }
                value
            }
        }
    }

    fn deadline(&mut self, rules: &'a SchemeRules) -> (Option<NaiveDate>, Option<&'a crate::pack::Cite>) {
        let year = self.year;
        let in_force = rules
            .deadlines
            .iter()
            .filter(|d| d.valid.is_none_or(|v| v.contains(self.reference)));
        match pick(
            in_force,
            |d| self.holds(&d.cond, rules.scheme),
            |a, b| a.date_in(year) == b.date_in(year),
        ) {
            Pick::Found(d) => (d.date_in(year), Some(&d.cite)),
            Pick::Undecided { fields, .. } => {
                self.need(Weight::Enrol, &fields);
                (None, None)
            }
            Pick::Nothing => (None, None),
        }
    }

    fn enrol(&mut self, rules: &'a SchemeRules) -> Enrol<'a> {
        let scheme = rules.scheme;
        let mut enrol = Enrol::default();
        // Show what holds unless an open answer says otherwise, and ask for it.
        let listing = |list: &'a [crate::pack::Listing], ctx: &mut Self| match pick(
            list,
            |l| ctx.holds(&l.cond, scheme),
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
                    enrol.reasons.push(Reason::Own(Own::Through(t), Some(&l.cite)));
                }
            }
            None => enrol.reasons.push(Reason::Own(Own::PlacesSilent, None)),
        }
        match listing(&rules.documents, self) {
            Some(l) => {
                enrol.documents = l.items.iter().collect();
                enrol.documents_cite = Some(&l.cite);
            }
            // Through an employer or a school, the person brings nothing.
            None if enrol.through.is_some() => {}
            None => enrol.reasons.push(Reason::Own(Own::DocumentsSilent, None)),
        }
        enrol
    }
}

/// The groups of schemes a person picks one of. Basic schemes are held one at a
/// time, so the open ones are a choice, unless one is mandatory: then no basic
/// scheme is an alternative to it, and those open only `instead_of` it (when it
/// is hard to join) are a choice among themselves. Supplements go with their
/// scheme and relief is a referral: neither is ever in a group.
fn alternatives(schemes: &mut [SchemeDecision]) -> Vec<Vec<Scheme>> {
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
