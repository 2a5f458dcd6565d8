//! Terms: terms of service tools of the disinfo toolkit.
//!
//! Modules:
//! - [`error`]: the crate's error type and its stable codes.

pub mod diff;
pub mod error;
pub mod versions;

pub use error::{Error, Result};

/// The capabilities this crate implements, by name (shown by `disinfo::build_info()` and `./x demo`).
///
/// A capability is listed only once it works end to end in Rust, Python, Node and the CLI.
pub const CAPABILITIES: &[&str] = &[];
