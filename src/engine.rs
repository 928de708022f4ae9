//! The engine: a request and a pack in, a response out.
//!
//! One path: pick the pack and the year, settle the person's age on the pack's
//! reference day, then for each scheme the pack knows decide the status, the fee
//! and who pays it, the deadline, and where to go with which papers. Everything a
//! rule needed but the request did not say is gathered into `missing`.
//!
//! The engine is pure: it reads no clock. The caller passes today's date in China
//! (the CLI from the system clock, the page from the browser's), used only when the
//! request names no year.

use chrono::{Datelike, NaiveDate};

use crate::condition::{pick, Field, Fields, Pick};
use crate::date;
use crate::i18n::{self, Said};
use crate::money::Money;
use crate::pack::{Base, Cite, Dated, Day, National, Pack, PackError, SchemeRules, Share, Source, Text, Tier};
use crate::person::Person;
use crate::request::{ErrorCode, Request, RequestError};
use crate::response::{Enrol, Fee, Reason, Response, SchemeResult};
use crate::vocab::{Lang, Period, Scheme, Status};

/// The packs built into the binary, converted from `policies/*.toml` at build time.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/packs.rs"));
}

/// The JSON text of a built-in pack, by id, as it is embedded: a template for
/// writing a pack of one's own (`canbao pack ID`).
pub fn builtin_json(id: &str) -> Option<&'static str> {
    let file = format!("policies/{id}.toml");
    embedded::PACKS.iter().find(|(f, _)| *f == file).map(|(_, json)| *json)
}

/// A pack ready to answer: the region's own rules with the national ones merged in.
#[derive(Clone, Debug)]
pub struct LoadedPack {
    pub pack: Pack,
    /// FNV-1a 64 of the pack's JSON text, so a kiosk can show which rules it runs.
    pub hash: String,
    pub builtin: bool,
}

/// The packs, built in and loaded.
#[derive(Clone, Debug)]
pub struct Engine {
    national: National,
    packs: Vec<LoadedPack>,
}

/// A pack as `regions` lists it.
#[derive(Clone, Debug)]
pub struct RegionInfo {
    pub id: String,
    pub name: String,
    pub default: bool,
    pub builtin: bool,
    /// The first and last insurance year served (`null`: open-ended).
    pub first_year: i32,
    pub last_year: Option<i32>,
    pub schemes: Vec<Scheme>,
    pub sources: Vec<Source>,
    pub hash: String,
}

impl RegionInfo {
    pub fn write(&self, w: &mut crate::json::Writer) {
        w.object(None, |w| {
            w.str(Some("id"), &self.id);
            w.str(Some("name"), &self.name);
            w.bool(Some("default"), self.default);
            w.bool(Some("builtin"), self.builtin);
            w.int(Some("firstYear"), i64::from(self.first_year));
            match self.last_year {
                Some(y) => w.int(Some("lastYear"), i64::from(y)),
                None => w.raw(Some("lastYear"), "null"),
            }
            w.array(Some("schemes"), &self.schemes, |w, s| w.str(None, s.as_str()));
            w.array(Some("sources"), &self.sources, |w, s| s.write(w));
            w.str(Some("hash"), &self.hash);
        });
    }
}

/// The region list as JSON, for `canbao regions` and `regions()`.
pub fn regions_json(regions: &[RegionInfo], pretty: bool) -> String {
    let mut w = crate::json::Writer::new(pretty);
    w.array(None, regions, |w, r| r.write(w));
    w.finish()
}

impl Engine {
    /// The engine with the built-in packs. They are checked by the tests, so an
    /// error here means a broken build, but it is still an error, not a panic.
    pub fn builtin() -> Result<Engine, PackError> {
        Engine::builtin_with(|text| serde_json::from_str(text).map_err(|e| e.to_string()))
    }

    /// The same, parsing the embedded JSON with `parse`: the wasm build passes the
    /// browser's `JSON.parse` and so carries no JSON parser of its own.
    pub fn builtin_with(parse: impl Fn(&str) -> Result<serde_json::Value, String>) -> Result<Engine, PackError> {
        let tree = |text: &str, file: &str| {
            parse(text).map_err(|message| PackError {
                file: file.into(),
                key: String::new(),
                message,
            })
        };
        let national_file = "policies/national.toml";
        let national = National::from_value(&tree(embedded::NATIONAL, national_file)?, national_file)?;
        let mut engine = Engine {
            national,
            packs: Vec::new(),
        };
        for (file, json) in embedded::PACKS {
            let pack = Pack::from_value(&tree(json, file)?, file, &engine.national.sources)?;
            engine.insert(pack, file, json.as_bytes(), true)?;
        }
        Ok(engine)
    }

    /// Validates a pack written by a portal operator and makes it available by its
    /// id. A loaded pack may replace an earlier loaded one, never a built-in one.
    pub fn load(&mut self, pack: Pack, file: &str, content: &[u8]) -> Result<&LoadedPack, PackError> {
        if self.packs.iter().any(|p| p.builtin && p.pack.id == pack.id) {
            return Err(PackError {
                file: file.into(),
                key: "id".into(),
                message: format!("\"{}\" is a built-in pack: choose another id", pack.id),
            });
        }
        self.insert(pack, file, content, false)
    }

    fn insert(&mut self, mut pack: Pack, file: &str, content: &[u8], builtin: bool) -> Result<&LoadedPack, PackError> {
        pack.validate(&self.national.sources, file)?;
        if pack.default && self.packs.iter().any(|p| p.pack.default) {
            if builtin {
                return Err(PackError {
                    file: file.into(),
                    key: "default".into(),
                    message: "another pack is the default already".into(),
                });
            }
            pack.default = false;
        }
        self.packs.retain(|p| p.pack.id != pack.id);
        self.packs.push(LoadedPack {
            pack,
            hash: fnv1a64(content),
            builtin,
        });
        // Just pushed, so `last` is there; `ok_or` keeps this path panic-free.
        self.packs.last().ok_or_else(|| PackError {
            file: file.into(),
            key: String::new(),
            message: "not stored".into(),
        })
    }

    pub fn packs(&self) -> &[LoadedPack] {
        &self.packs
    }

    /// The national notices every pack shares.
    pub fn national(&self) -> &National {
        &self.national
    }

    pub fn national_sources(&self) -> &[Source] {
        &self.national.sources
    }

    /// The packs with their years and sources, for region selectors.
    pub fn regions(&self, lang: Lang) -> Vec<RegionInfo> {
        self.packs
            .iter()
            .map(|l| {
                let p = &l.pack;
                let mut sources = p.sources.clone();
                sources.extend(self.national.sources.iter().cloned());
                RegionInfo {
                    id: p.id.clone(),
                    name: p.name.get(lang).to_owned(),
                    default: p.default,
                    builtin: l.builtin,
                    first_year: p.valid.from.0.year(),
                    last_year: p.valid.to.map(|t| t.0.year()),
                    schemes: schemes(p, &self.national).iter().map(|(s, _)| s.scheme).collect(),
                    sources,
                    hash: l.hash.clone(),
                }
            })
            .collect()
    }

    fn find(&self, region: Option<&str>, lang: Lang) -> Result<&Pack, RequestError> {
        let found = match region {
            Some(id) => self.packs.iter().find(|p| p.pack.id == id),
            None => self.packs.iter().find(|p| p.pack.default).or(self.packs.first()),
        };
        found.map(|p| &p.pack).ok_or_else(|| {
            let ids: Vec<&str> = self.packs.iter().map(|p| p.pack.id.as_str()).collect();
            RequestError::new(ErrorCode::UnknownRegion, "region", lang).with_detail(ids.join(", "))
        })
    }

    /// Answers a request. `today` is today's date in China, used when the request
    /// names no year.
    pub fn check(&self, req: &Request, today: NaiveDate) -> Result<Response, RequestError> {
        let lang = req.lang;
        let pack = self.find(req.region.as_deref(), lang)?;
        let mut warnings = Vec::new();
        let year = match req.year {
            Some(y) => y,
            None => {
                warnings.push(said(Said::DefaultYear, &today.year().to_string(), lang));
                today.year()
            }
        };
        let out_of_range = || {
            let years = match pack.valid.to {
                Some(t) => format!("{}–{}", pack.valid.from.0.year(), t.0.year()),
                None => format!("{}–", pack.valid.from.0.year()),
            };
            RequestError::new(ErrorCode::YearOutOfRange, "year", lang).with_detail(years)
        };
        let reference = pack.reference_day.day.in_year(year).ok_or_else(out_of_range)?;
        if !pack.valid.contains(reference) {
            return Err(out_of_range());
        }
        let person = settle(req, year, reference)?;
        let mut missing = Fields::default();
        let ctx = Ctx {
            pack,
            shared: &self.national.sources,
            person: &person,
            lang,
            reference,
            year,
        };
        let schemes = schemes(pack, &self.national)
            .into_iter()
            .map(|(s, n)| ctx.scheme(s, n, &mut missing))
            .collect();
        Ok(Response {
            region: pack.id.clone(),
            year,
            lang,
            reference_date: Day(reference),
            age: person.age,
            schemes,
            missing: missing.into_vec(),
            warnings,
        })
    }
}

/// The schemes a pack answers for, each with the national notices' rules for
/// it: the pack's own schemes first, then those only the notices name. The
/// notices apply in every region; their rules come after the pack's own.
fn schemes<'a>(pack: &'a Pack, national: &'a National) -> Vec<(&'a SchemeRules, Option<&'a SchemeRules>)> {
    let mut list: Vec<_> = pack
        .schemes
        .iter()
        .map(|s| (s, national.schemes.iter().find(|n| n.scheme == s.scheme)))
        .collect();
    list.extend(
        national
            .schemes
            .iter()
            .filter(|n| pack.scheme(n.scheme).is_none())
            .map(|n| (n, None)),
    );
    list
}

/// Fills in what depends on the pack's reference day: the age, and how long the
/// hukou has been here.
fn settle(req: &Request, year: i32, reference: NaiveDate) -> Result<Person, RequestError> {
    let lang = req.lang;
    let mut person = req.person.clone();
    if let Some(born) = person.birth_date {
        let last_day = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(reference);
        if born > last_day {
            return Err(RequestError::new(ErrorCode::BirthAfterYear, "person.birthDate", lang));
        }
        // Born in the year but after the reference day: 0 years old that day.
        let age = date::full_years(born, reference).unwrap_or(0);
        if let Some(stated) = req.stated_age {
            if stated != age {
                let detail = i18n::age_on(&reference.to_string(), age, lang);
                return Err(RequestError::new(ErrorCode::AgeConflict, "person.age", lang).with_detail(detail));
            }
        }
        person.age = Some(age);
    } else {
        person.age = req.stated_age;
    }
    person.moved_in_years = person.moved_in_on.and_then(|m| date::full_years(m, reference));
    Ok(person)
}

fn said(s: Said, detail: &str, lang: Lang) -> Reason {
    Reason {
        code: s.code().to_owned(),
        message: s.message(detail, lang),
        source: None,
    }
}

/// Everything one check reads, so each step takes one argument.
struct Ctx<'a> {
    pack: &'a Pack,
    shared: &'a [Source],
    person: &'a Person,
    lang: Lang,
    reference: NaiveDate,
    year: i32,
}

impl Ctx<'_> {
    fn reason(&self, code: &str, message: &Text, source: &Cite) -> Reason {
        Reason {
            code: code.to_owned(),
            message: message.get(self.lang).to_owned(),
            source: Some(self.pack.cite(self.shared, source)),
        }
    }

    fn labels(&self, fields: &[Field]) -> String {
        let labels: Vec<String> = fields.iter().map(|f| i18n::field_label(f, self.lang)).collect();
        i18n::list(&labels, self.lang)
    }

    /// One scheme: the pack's `rules`, followed by the `national` ones for it.
    fn scheme(&self, rules: &SchemeRules, national: Option<&SchemeRules>, missing: &mut Fields) -> SchemeResult {
        let p = self.person;
        let scheme = rules.scheme;
        let holds = |w: &crate::condition::When| w.holds(p, scheme);
        let mut reasons = Vec::new();
        let eligibility = rules
            .eligibility
            .iter()
            .chain(national.into_iter().flat_map(|n| &n.eligibility));
        let status = match pick(eligibility, |r| holds(&r.when), |a, b| a.status == b.status) {
            Pick::Found(rule) => {
                reasons.push(self.reason(&rule.code, &rule.message, &rule.source));
                match rule.status {
                    crate::pack::RuleStatus::Mandatory => Status::Mandatory,
                    crate::pack::RuleStatus::Eligible => Status::Eligible,
                    crate::pack::RuleStatus::Ineligible => Status::Ineligible,
                }
            }
            Pick::Undecided { fields, candidates, .. } => {
                reasons.push(said(Said::NeedsInfo, &self.labels(fields.as_slice()), self.lang));
                for rule in candidates {
                    reasons.push(self.reason(&rule.code, &rule.message, &rule.source));
                }
                missing.extend(fields.into_vec());
                Status::NeedsInfo
            }
            Pick::Nothing => {
                reasons.push(said(Said::NoRule, "", self.lang));
                Status::Ineligible
            }
        };
        let name = match &rules.name {
            Some(t) => t.get(self.lang).to_owned(),
            None => i18n::scheme_name(scheme, self.lang).to_owned(),
        };
        if status == Status::Ineligible {
            return SchemeResult {
                scheme,
                name,
                status,
                fee: None,
                deadline: None,
                reasons,
                enrol: None,
                benefits: Vec::new(),
            };
        }
        let notes = rules.notes.iter().chain(national.into_iter().flat_map(|n| &n.notes));
        for note in notes.filter(|n| holds(&n.when) == crate::condition::Tri::Yes) {
            reasons.push(self.reason(&note.code, &note.message, &note.source));
        }
        // 004 二: not in this scheme and another at once.
        if let (Some(held), Some(source)) = (p.enrolled.and_then(|e| e.scheme()), &rules.exclusive_source) {
            if rules.exclusive_with.contains(&held) {
                let held_name = match self.pack.scheme(held).and_then(|s| s.name.as_ref()) {
                    Some(t) => t.get(self.lang),
                    None => i18n::scheme_name(held, self.lang),
                };
                let r = said(Said::NotBoth, held_name, self.lang);
                reasons.push(Reason {
                    source: Some(self.pack.cite(self.shared, source)),
                    ..r
                });
            }
        }
        let fee = Some(self.fee(rules, missing));
        let deadline = self.deadline(rules, missing);
        let enrol = Some(Enrol {
            places: self.listing(rules, &rules.places, missing),
            documents: self.listing(rules, &rules.documents, missing),
        });
        let benefits = rules
            .benefits
            .iter()
            .filter(|b| b.in_force(self.reference))
            .map(|b| self.reason(&b.code, &b.message, &b.source))
            .collect();
        SchemeResult {
            scheme,
            name,
            status,
            fee,
            deadline,
            reasons,
            enrol,
            benefits,
        }
    }

    fn fee(&self, rules: &SchemeRules, missing: &mut Fields) -> Fee {
        let scheme = rules.scheme;
        let unknown = |period, reason| Fee {
            period,
            total: None,
            individual: None,
            employer: None,
            government: None,
            reasons: vec![reason],
        };
        let Some(schedule) = rules.fees.iter().find(|f| f.in_force(self.reference)) else {
            return unknown(default_period(scheme), said(Said::NoFee, "", self.lang));
        };
        let period = schedule.period;
        let tier = match pick(&schedule.tiers, |t| t.when.holds(self.person, scheme), same_shares) {
            Pick::Found(t) => t,
            Pick::Undecided { fields, .. } => {
                let r = said(Said::FeeNeedsInfo, &self.labels(fields.as_slice()), self.lang);
                missing.extend(fields.into_vec());
                return unknown(period, r);
            }
            Pick::Nothing => return unknown(period, said(Said::NoFee, "", self.lang)),
        };
        let mut reasons = vec![self.reason(&tier.code, &tier.message, &tier.source)];
        let mut share = |s: &Option<Share>| -> Option<Money> {
            match s {
                None if tier.unknown.is_some() => None,
                None => Some(Money::ZERO),
                Some(Share::Fixed(m)) => Some(*m),
                Some(Share::Rate { rate, base }) => match self.base(*base, &mut reasons, missing) {
                    Some(b) => rate.of(b),
                    None => None,
                },
            }
        };
        let mut individual = share(&tier.individual);
        let employer = share(&tier.employer);
        let mut government = share(&tier.government);
        if let Some(why) = &tier.unknown {
            reasons.push(self.reason("amount_not_in_source", why, &tier.source));
        }
        // The total is known when every share is, whoever ends up paying them.
        let total = match (individual, employer, government) {
            (Some(i), Some(e), Some(g)) => i.checked_add(e).and_then(|s| s.checked_add(g)),
            _ => None,
        };
        match pick(&schedule.subsidies, |s| s.when.holds(self.person, scheme), |_, _| true) {
            Pick::Found(sub) => {
                reasons.push(self.reason(&sub.code, &sub.message, &sub.source));
                government = match (government, individual) {
                    (Some(g), Some(i)) => g.checked_add(i),
                    _ => None,
                };
                individual = Some(Money::ZERO);
            }
            Pick::Undecided { fields, candidates, .. } => {
                // Who pays depends on an answer not given: the amount stands, the split does not.
                reasons.push(said(Said::FeeNeedsInfo, &self.labels(fields.as_slice()), self.lang));
                for sub in candidates {
                    reasons.push(self.reason(&sub.code, &sub.message, &sub.source));
                }
                missing.extend(fields.into_vec());
                individual = None;
                government = None;
            }
            Pick::Nothing => {}
        }
        Fee {
            period,
            total,
            individual,
            employer,
            government,
            reasons,
        }
    }

    /// The base a rate applies to, or why it is not known.
    fn base(&self, base: Base, reasons: &mut Vec<Reason>, missing: &mut Fields) -> Option<Money> {
        match base {
            Base::MonthlyWage => {
                if self.person.monthly_wage.is_none() {
                    missing.insert("person.monthlyWage");
                    reasons.push(said(Said::WageMissing, "", self.lang));
                }
                self.person.monthly_wage
            }
            Base::AverageWage => {
                let param = self
                    .pack
                    .parameters
                    .average_monthly_wage
                    .iter()
                    .find(|p| p.in_force(self.reference));
                let value = param.and_then(|p| p.value);
                if value.is_none() {
                    let mut r = said(Said::AverageWageUnknown, "", self.lang);
                    r.source = param.map(|p| self.pack.cite(self.shared, &p.source));
                    reasons.push(r);
                }
                value
            }
        }
    }

    fn deadline(&self, rules: &SchemeRules, missing: &mut Fields) -> Option<Day> {
        let in_force = rules
            .deadlines
            .iter()
            .filter(|d| d.valid.is_none_or(|v| v.contains(self.reference)));
        let date_of = |d: &crate::pack::Deadline| {
            d.date
                .map(|x| x.0)
                .or_else(|| d.month_day.and_then(|md| md.in_year(self.year)))
        };
        match pick(
            in_force,
            |d| d.when.holds(self.person, rules.scheme),
            |a, b| date_of(a) == date_of(b),
        ) {
            Pick::Found(d) => date_of(d).map(Day),
            Pick::Undecided { fields, .. } => {
                missing.extend(fields.into_vec());
                None
            }
            Pick::Nothing => None,
        }
    }

    fn listing(&self, rules: &SchemeRules, list: &[crate::pack::Listing], missing: &mut Fields) -> Vec<String> {
        let texts =
            |l: &crate::pack::Listing| -> Vec<String> { l.items.iter().map(|t| t.get(self.lang).to_owned()).collect() };
        match pick(
            list,
            |l| l.when.holds(self.person, rules.scheme),
            |a, b| a.items == b.items,
        ) {
            Pick::Found(l) => texts(l),
            // Show what holds unless an open answer says otherwise, and ask for it.
            Pick::Undecided { fields, fallback, .. } => {
                missing.extend(fields.into_vec());
                fallback.map(texts).unwrap_or_default()
            }
            Pick::Nothing => Vec::new(),
        }
    }
}

/// Two tiers give the same fee when their shares are the same.
fn same_shares(a: &Tier, b: &Tier) -> bool {
    a.individual == b.individual
        && a.employer == b.employer
        && a.government == b.government
        && a.unknown.is_none() == b.unknown.is_none()
}

/// Employee-scheme contributions are monthly; resident-scheme fees are yearly.
fn default_period(scheme: Scheme) -> Period {
    match scheme {
        Scheme::Employee | Scheme::LargeExpenseSupplement | Scheme::RetireeInpatientPool => Period::Month,
        _ => Period::Year,
    }
}

/// FNV-1a, 64 bits, as 16 hex digits: small and stable, enough to tell two packs apart.
pub fn fnv1a64(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
