//! The first rule that holds, unless an answer not given could change it.
//!
//! Rules are ordered, first match wins (a pack's eligibility rules, fee tiers,
//! subsidies, deadlines, places). [`first_holding`] is the one place that
//! reads an ordered list against a person whose answers may be missing.

use crate::model::field::Field;
use crate::model::tri::Tri;

/// Picks the first rule that holds, as long as the answer could not change with
/// what the request left out.
///
/// Rules are ordered, first match wins. A rule whose condition is unknown does not
/// stop the search: if a later rule holds and every unknown one before it would
/// have given the `same` result, that result stands; otherwise the pick is
/// undecided and names the fields that would decide it.
pub enum Pick<'r, R> {
    Found(&'r R),
    /// `fields` are the answers to ask, in the order of the rules that need them;
    /// `candidates` the rules that may apply, in order; `fallback` the one that
    /// holds if none of the unknown ones do.
    Undecided {
        fields: Vec<Field>,
        candidates: Vec<&'r R>,
        fallback: Option<&'r R>,
    },
    Nothing,
}

pub fn first_holding<'r, R>(
    rules: impl IntoIterator<Item = &'r R>,
    holds: impl Fn(&R) -> Tri,
    same: impl Fn(&R, &R) -> bool,
) -> Pick<'r, R> {
    let mut pending: Vec<(&R, Field)> = Vec::new();
    for rule in rules {
        match holds(rule) {
            Tri::No => {}
            Tri::Unknown(f) => pending.push((rule, f)),
            Tri::Yes => {
                if pending.iter().all(|(p, _)| same(p, rule)) {
                    return Pick::Found(rule);
                }
                // Ask what could lead elsewhere; an open rule that would give the
                // same result as this one changes nothing whichever way it goes.
                let fields = fields_of(pending.iter().filter(|(p, _)| !same(p, rule)));
                let mut candidates: Vec<&R> = pending.into_iter().map(|(r, _)| r).collect();
                candidates.push(rule);
                return Pick::Undecided {
                    fields,
                    candidates,
                    fallback: Some(rule),
                };
            }
        }
    }
    if pending.is_empty() {
        return Pick::Nothing;
    }
    Pick::Undecided {
        fields: fields_of(pending.iter()),
        candidates: pending.into_iter().map(|(r, _)| r).collect(),
        fallback: None,
    }
}

/// The fields of open rules, each once, in the rules' order.
fn fields_of<'a, R: 'a>(pending: impl Iterator<Item = &'a (&'a R, Field)>) -> Vec<Field> {
    let mut fields = Vec::new();
    for (_, f) in pending {
        if !fields.contains(f) {
            fields.push(*f);
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pick_waits_for_unknowns_that_would_change_the_result() {
        let x = Tri::Unknown(Field::Sex);
        let rules = [(x, 1), (Tri::Yes, 2), (Tri::Yes, 3)];
        let found = |r: &Pick<(Tri, i32)>| match r {
            Pick::Found(r) => Some(r.1),
            _ => None,
        };
        // The unknown rule would give 1, the first holding one 2: undecided.
        let p = first_holding(&rules, |r| r.0, |a, b| a.1 == b.1);
        assert!(matches!(&p, Pick::Undecided { fields, .. } if *fields == [Field::Sex]));
        // Same result either way: decided.
        let p = first_holding(&rules, |r| r.0, |_, _| true);
        assert_eq!(found(&p), Some(2));
        let none = [(Tri::No, 1)];
        assert!(matches!(first_holding(&none, |r| r.0, |_, _| true), Pick::Nothing));
    }
}
