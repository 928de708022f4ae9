//! canbao (参保): which basic medical insurance scheme a person can or must join in
//! a region and year, what they would pay, and who pays it.
//!
//! The rules come from policy documents, carried as data in policy packs
//! (`policies/*.toml`, built into the binary): every rule cites its document and
//! clause, and an amount the documents do not give is `null` with a reason, never a
//! guess. The engine is pure (no clock, no I/O), so the same code answers in the
//! CLI, in tests and in WebAssembly on a resident's phone.
//!
//! ```
//! let engine = canbao::Engine::builtin().unwrap();
//! let request = canbao::request::from_json(r#"{
//!     "region": "county-template", "year": 2015,
//!     "person": { "birthDate": "1980-06-01", "hukou": { "type": "urban", "local": true },
//!                 "employment": "none", "lowIncome": "none" } }"#).unwrap();
//! let today = chrono::NaiveDate::from_ymd_opt(2015, 1, 5).unwrap();
//! let response = engine.check(&request, today).unwrap();
//! let resident = &response.schemes[0];
//! assert_eq!(resident.scheme, canbao::vocab::Scheme::UrbanResident);
//! assert_eq!(resident.fee.as_ref().unwrap().individual.unwrap().to_string(), "140.00");
//! ```

#[macro_use]
pub mod vocab;
pub mod condition;
pub mod date;
pub mod engine;
pub mod household;
pub mod i18n;
pub mod json;
pub mod money;
pub mod pack;
pub mod person;
pub mod read;
pub mod request;
pub mod response;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use engine::Engine;
pub use request::{Request, RequestError};
pub use response::Response;
