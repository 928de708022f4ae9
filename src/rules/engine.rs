//! The engine: a request and a pack in, a [`Decision`] out.
//!
//! One path: pick the pack and the coverage year, settle the person's age on the
//! pack's reference day, then for each scheme the pack knows decide the status,
//! the fee and who pays it, the deadline, how to enrol, and when cover starts
//! (`scheme`, `fee`, `waiting`). Everything a rule needed but the request did not
//! say is gathered into `missing`, most decisive first. Nothing is worded here.
//!
//! The engine is pure: it reads no clock. The caller passes today's date in China
//! (the CLI from the system clock, the page from the browser's): it is the day of
//! paying unless the request names one, and it decides the coverage year when the
//! request names none.

use chrono::{Datelike, NaiveDate};

use crate::model::date;
use crate::model::error::{Detail, ErrorCode, RequestError};
use crate::model::person::{Person, MAX_AGE_FROM_BIRTH_DATE, MIN_WORKING_AGE};
use crate::model::request::Request;
use crate::pack::{Pack, PackError, Registry};
use crate::rules::decision::{Decision, EngineReason, Reason, SchemeDecision};
use crate::rules::scheme::{alternatives, Ctx};

/// The packs, and the decisions made from them.
#[derive(Clone, Debug, Default)]
pub struct Engine {
    packs: Registry,
}

impl Engine {
    /// The engine with the built-in packs.
    #[cfg(feature = "loader")]
    pub fn builtin() -> Result<Engine, PackError> {
        Registry::builtin().map(Engine::from)
    }

    /// Validates a pack written by a portal operator (JSON text) and makes it
    /// available by its id (see [`Registry::load`]).
    #[cfg(feature = "loader")]
    pub fn load(&mut self, text: &str, file: &str) -> Result<&Pack, PackError> {
        self.packs.load(text, file)
    }

    /// Makes a compiled pack available by its id (see [`Registry::add`]).
    pub fn add(&mut self, pack: Pack, file: &str) -> Result<&Pack, PackError> {
        self.packs.add(pack, file)
    }

    /// Adds compiled packs (see [`Registry::add_compiled`]).
    pub fn add_compiled(&mut self, bytes: &[u8]) -> Result<(), PackError> {
        self.packs.add_compiled(bytes)
    }

    /// The packs answered from.
    pub fn registry(&self) -> &Registry {
        &self.packs
    }

    /// Every pack, base packs included.
    pub fn packs(&self) -> &[Pack] {
        self.packs.packs()
    }

    /// Any pack by id, base packs included (what a pack may extend).
    pub fn any_pack(&self, id: &str) -> Option<&Pack> {
        self.packs.any_pack(id)
    }

    /// The packs a request may name, for region selectors.
    pub fn regions(&self) -> impl Iterator<Item = &Pack> {
        self.packs.regions()
    }

    /// A pack a request may name, by id.
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.pack(id)
    }

    fn find(&self, region: Option<&str>, lang: crate::model::text::Lang) -> Result<&Pack, RequestError> {
        match region {
            Some(id) => self.packs.pack(id),
            None => self.packs.default_pack(),
        }
        .ok_or_else(|| {
            let ids = self.packs.regions().map(|p| p.id.clone()).collect();
            RequestError::new(ErrorCode::UnknownRegion, "region", lang).with(Detail::Allowed(ids))
        })
    }

    /// The coverage year being enrolled for on `today`: once a pack's collection
    /// window has opened, next year; before, or for a pack without one, this year.
    pub fn enrolling_year(pack: &Pack, today: NaiveDate) -> (i32, bool) {
        let year = today.year();
        match pack.window(year + 1) {
            Some((_, w)) if today >= w.opens => (year + 1, true),
            _ => (year, false),
        }
    }

    /// The year to answer for when the request names none: the one being
    /// enrolled for, unless the person is a baby born this year within the
    /// newborn rule's days, whose birth year is paid for first.
    fn default_year(pack: &Pack, req: &Request, today: NaiveDate) -> (i32, Reason<'static>) {
        let (year, collecting) = Engine::enrolling_year(pack, today);
        let pay_date = req.pay_date.unwrap_or(today);
        let newborn_days = pack
            .schemes
            .iter()
            .filter_map(|s| s.waiting.as_ref())
            .map(|w| w.newborn_days)
            .max();
        if let (Some(born), Some(days)) = (req.person.birth_date, newborn_days) {
            let within = (0..=i64::from(days)).contains(&pay_date.signed_duration_since(born).num_days());
            if within && born.year() < year {
                let next = year;
                return (
                    born.year(),
                    Reason::Engine(
                        EngineReason::NewbornBirthYear {
                            year: born.year(),
                            next,
                        },
                        None,
                    ),
                );
            }
        }
        (
            year,
            Reason::Engine(EngineReason::DefaultYear { year, collecting }, None),
        )
    }

    /// Decides a request. `today` is today's date in China.
    pub fn decide<'e>(&'e self, req: &Request, today: NaiveDate) -> Result<Decision<'e>, RequestError> {
        let lang = req.lang;
        let pack = self.find(req.region.as_deref(), lang)?;
        let mut warnings = Vec::new();
        let year = match req.year {
            Some(y) => y,
            None => {
                let (year, why) = Engine::default_year(pack, req, today);
                warnings.push(why);
                year
            }
        };
        let out_of_range = || {
            // Name the default pack if it covers the year: the one that serves
            // every region (another region's pack would not be the person's).
            let covers =
                |p: &&Pack| p.id != pack.id && p.reference_day.in_year(year).is_some_and(|d| p.valid.contains(d));
            let instead = self.packs.default_pack().filter(covers);
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
        if let Some((_, window)) = pack.window(year) {
            if pay_date < window.opens {
                warnings.push(Reason::Engine(EngineReason::NotOpenYet { opens: window.opens }, None));
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

impl From<Registry> for Engine {
    fn from(packs: Registry) -> Engine {
        Engine { packs }
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
        // Not born yet on the day of paying (today, unless another is given).
        if born > pay_date {
            let first = date::years_before(reference, MAX_AGE_FROM_BIRTH_DATE);
            return Err(RequestError::new(ErrorCode::OutOfRange, "person.birthDate", lang)
                .with(Detail::Dates(first, Some(pay_date))));
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
        person.born_years_before = u32::try_from(year - born.year()).ok();
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
