//! The JSON contract: requests decoded from text, decisions and errors
//! rendered as text, and every word the engine itself says.
//!
//! This is the only layer that knows the wire's shapes and the three
//! languages. Below it, a request is typed data and a decision is language-free;
//! above it (`api`), calls are text in and text out.

pub mod decode;
pub mod household;
pub mod render;
pub mod words;
