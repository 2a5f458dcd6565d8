//! Ads: audits of political-ad archives from successive collections, with evidence.
//!
//! Modules:
//! - [`error`]: the crate's error type and its stable codes.
//! - [`model`]: collections, observations, normalised ad records, field states, ranges.
//! - [`adapters`]: streaming readers of Meta, Google, TikTok, Snapchat and neutral files.

pub mod adapters;
pub mod error;
pub mod model;

pub use error::{Error, Result};

/// The capabilities this crate implements, by name (shown by `disinfo::build_info()` and `./x demo`).
///
/// A capability is listed only once it works end to end in Rust, Python, Node and the CLI.
pub const CAPABILITIES: &[&str] = &[];
