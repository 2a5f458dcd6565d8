//! Bots: bot and coordination tools of the disinfo toolkit.
//!
//! Modules:
//! - [`error`]: the crate's error type and its stable codes.
//! - [`model`]: the platform-neutral `Account` and `Post` types (DESIGN §4.1).

pub mod error;
pub mod model;

pub use error::{Error, Result};
pub use model::{Account, Platform, Post, PostKind};

/// The capabilities this crate implements, by name (shown by `disinfo::build_info()` and `./x demo`).
///
/// A capability is listed only once it works end to end in Rust, Python, Node and the CLI.
pub const CAPABILITIES: &[&str] = &[];
