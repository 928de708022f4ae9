//! What can be wrong with a request: a code, the field at fault, and the
//! values a message would quote, in no language (`contract::words` words them
//! in the request's).

use chrono::NaiveDate;

use crate::model::text::Lang;
use crate::model::text::Text;

wire_enum! {
    /// What was wrong with a request.
    ErrorCode {
        InvalidJson = "invalid_json",
        TooLarge = "too_large",
        InvalidType = "invalid_type",
        UnknownField = "unknown_field",
        MissingField = "missing_field",
        InvalidDate = "invalid_date",
        InvalidValue = "invalid_value",
        InvalidAmount = "invalid_amount",
        OutOfRange = "out_of_range",
        UnknownRegion = "unknown_region",
        YearOutOfRange = "year_out_of_range",
        BirthAfterYear = "birth_after_year",
        AgeConflict = "age_conflict",
        MovedBeforeBirth = "moved_before_birth",
        /// Answers that cannot all be true of one person (a retired 3-year-old).
        Implausible = "implausible",
        /// Answers that contradict each other (`movedIn: false` with a `movedInOn`).
        Conflict = "conflict",
    }
}

/// The values an error message quotes. No prose: `render` words them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Detail {
    #[default]
    None,
    /// The values allowed, as spelled on the wire.
    Allowed(Vec<String>),
    /// A range of numbers, inclusive.
    Range(i64, i64),
    /// Dates allowed, inclusive; `None` for an open end.
    Dates(Option<NaiveDate>, Option<NaiveDate>),
    /// A size limit in bytes.
    Bytes(usize),
    /// The years a pack covers, the year asked for, and the name of a pack that
    /// covers it.
    Years {
        first: i32,
        last: Option<i32>,
        year: i32,
        instead: Option<Text>,
    },
    /// The age the birth date gives on the reference day.
    AgeOn { day: NaiveDate, age: u32 },
    /// The field the value conflicts with.
    With(String),
}

/// A request the engine cannot answer, and why: `field` is the wire path of the
/// value at fault (empty for the request as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestError {
    pub code: ErrorCode,
    pub field: String,
    /// The request's language, for the message.
    pub lang: Lang,
    pub detail: Detail,
}

/// Field paths longer than this are cut in errors: a key is quoted, never
/// copied whole into a message (a 21 KB key once made a 63 MB message).
pub const MAX_FIELD_CHARS: usize = 80;

impl RequestError {
    pub fn new(code: ErrorCode, field: &str, lang: Lang) -> RequestError {
        let field = match field.char_indices().nth(MAX_FIELD_CHARS) {
            Some((cut, _)) => format!("{}…", &field[..cut]),
            None => field.to_owned(),
        };
        RequestError {
            code,
            field,
            lang,
            detail: Detail::None,
        }
    }

    pub fn with(mut self, detail: Detail) -> RequestError {
        self.detail = detail;
        self
    }

    /// The same error for member `i` of a household: `members[1].birthDate`.
    pub fn for_member(mut self, i: usize) -> RequestError {
        if let Some(rest) = self.field.strip_prefix("person") {
            self.field = format!("members[{i}]{rest}");
        }
        self
    }
}
