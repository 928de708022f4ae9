//! Deciding: a request and a pack in, a language-free [`Decision`] out.
//!
//! The rules read the person (`model`) against a pack (`pack`) and say what
//! applies, what it costs and who pays, when cover starts, and which answers
//! would change that. They word nothing (`contract` does) and read no clock
//! (the caller passes today's date in China).

pub mod decision;
pub mod engine;
mod fee;
pub mod household;
pub mod pick;
mod scheme;
pub mod waiting;

pub use decision::Decision;
pub use engine::Engine;
