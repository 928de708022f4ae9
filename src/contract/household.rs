//! A household's decision in the request's language: every member's
//! response, the totals by payer, and the household rules that apply.

use serde::Serialize;

use crate::contract::render::{self, Response, Str, Style};
use crate::model::text::Lang;
use crate::model::vocab::{Scheme, Strength};
use crate::rules::household::{HouseholdDecision, Total};

#[derive(Serialize)]
struct Rule<'a> {
    code: &'a str,
    message: Str<'a>,
    source: Str<'a>,
    strength: Strength,
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
            .map(|d| render::response(d, Style::written(lang)))
            .collect(),
        chosen: &h.chosen,
        undecided: &h.undecided,
        totals: &h.totals,
        rules: h
            .rules
            .iter()
            .map(|n| Rule {
                code: &n.reason.code,
                message: render::text(&n.reason.message, Style::written(lang)),
                source: render::text(&n.reason.cite.label, Style::written(lang)),
                strength: n.reason.cite.strength,
                scheme: n.scheme,
                members: &n.members,
                others: &n.others,
                split: n.split,
            })
            .collect(),
        missing,
    }
}
