//! Yes, no, or "depends on an answer the request did not give".
//!
//! A request may leave any answer out, so a rule's condition evaluates to a
//! three-valued [`Tri`]: `Unknown` carries the request field that would settle
//! it. `and` short-circuits on a `No`, and of several unknown keys keeps the
//! first: if that answer is "no", the others never matter. So only the answers
//! that can change the outcome are reported missing, the one to ask next for
//! each rule; that is what lets a form ask a resident only the questions that
//! matter, a few at a time.

use crate::model::field::Field;

/// A yes/no answer that may depend on a field the request left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    Yes,
    No,
    /// The field to ask next: the first of the rule's keys still open.
    Unknown(Field),
}

impl Tri {
    pub fn from_bool(b: bool) -> Tri {
        if b {
            Tri::Yes
        } else {
            Tri::No
        }
    }

    /// Both must hold. A `No` on either side decides, whatever the other lacks;
    /// of two unknowns the first is asked first.
    pub fn and(self, other: impl FnOnce() -> Tri) -> Tri {
        match self {
            Tri::No => Tri::No,
            Tri::Yes => other(),
            Tri::Unknown(field) => match other() {
                Tri::No => Tri::No,
                Tri::Yes | Tri::Unknown(_) => Tri::Unknown(field),
            },
        }
    }

    pub fn negate(self) -> Tri {
        match self {
            Tri::Yes => Tri::No,
            Tri::No => Tri::Yes,
            unknown => unknown,
        }
    }

    /// `self == wanted` for a yes/no key: `student = false` holds when the person is not one.
    pub fn eq_bool(self, wanted: bool) -> Tri {
        if wanted {
            self
        } else {
            self.negate()
        }
    }

    /// A known answer compared, or the field that would give it.
    pub fn is<T: PartialEq>(value: Option<T>, field: Field, wanted: T) -> Tri {
        match value {
            Some(v) => Tri::from_bool(v == wanted),
            None => Tri::Unknown(field),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn and_keeps_only_deciding_unknowns() {
        let u = Tri::Unknown;
        assert_eq!(u(Field::Sex).and(|| Tri::No), Tri::No);
        assert_eq!(Tri::No.and(|| u(Field::Sex)), Tri::No);
        // Of two open keys, the first is asked: if it is "no", the second never matters.
        assert_eq!(u(Field::Sex).and(|| u(Field::BirthDate)), u(Field::Sex));
    }
}
