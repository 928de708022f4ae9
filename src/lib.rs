//! canbao (参保): which basic medical insurance scheme a person can or must join in
//! a region and year, what they would pay, and who pays it.
//!
//! The rules come from policy documents, carried as data in policy packs
//! (`policies/*.toml`, built into the binary): every rule cites its document and
//! clause and says how sure that source is, and an amount the documents do not
//! give is `null` with a reason, never a guess. The engine is pure (no clock, no
//! I/O), so the same code answers in the CLI, in tests and in WebAssembly on a
//! resident's phone.
//!
//! The layers, each importing only those below it (`tests/layers.rs` holds them
//! to it; `ARCHITECTURE.md` is the map):
//!
//! - bindings: the CLI (`main.rs`) and WebAssembly (`wasm.rs`), which only convert;
//! - [`api`]: text in, text out, the calls both bindings share;
//! - [`contract`]: requests decoded, answers and errors rendered, words;
//! - [`rules`]: deciding, in no language;
//! - [`pack`]: the pack model, its file format and its compiler;
//! - [`model`]: the ground: vocabulary, dates, money, text, the person, the request.
//!
//! ```
//! let engine = canbao::Engine::builtin().unwrap();
//! let request = canbao::contract::decode::from_json(r#"{
//!     "region": "county-template", "year": 2015,
//!     "person": { "birthDate": "1980-06-01", "hukou": { "type": "urban", "local": true },
//!                 "employment": "none", "lowIncome": "none", "disabilityGrade": 0 } }"#).unwrap();
//! let today = chrono::NaiveDate::from_ymd_opt(2015, 1, 5).unwrap();
//! let decision = engine.decide(&request, today).unwrap();
//! let resident = decision.scheme(canbao::model::vocab::Scheme::UrbanResident).unwrap();
//! assert_eq!(resident.fee.as_ref().unwrap().individual.unwrap().to_string(), "140.00");
//! ```

// A panic inside WebAssembly kills the module for the whole page: library code
// never unwraps, indexes unchecked or panics on any input.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable
    )
)]

#[macro_use]
pub mod model;
pub mod api;
pub mod contract;
pub mod pack;
pub mod rules;
#[cfg(feature = "roster")]
pub mod roster;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use model::error::RequestError;
pub use model::request::Request;
pub use rules::{Decision, Engine};
