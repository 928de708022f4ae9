//! The ground: the domain's own types, which every other layer builds on.
//!
//! Vocabularies, dates, money, text in three languages, the person and the
//! request fields that describe them, the request, and what can be wrong with
//! one. Nothing here knows a pack, decides a rule, or words a message for a
//! resident (the one exception is a scheme's standard name, a piece of the
//! vocabulary); everything here is plain data with the checks its own type
//! needs (a date that exists, an amount exact to the fen).

#[macro_use]
pub mod vocab;
pub mod date;
pub mod error;
pub mod field;
pub mod json_path;
pub mod money;
pub mod person;
pub mod request;
pub mod text;
pub mod tri;
