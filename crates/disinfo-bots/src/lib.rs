//! Bots: bot and coordination tools of the disinfo toolkit.
//!
//! Modules:
//! - [`adapters`]: streaming readers of platform exports (Twitter v1.1/v2, snscrape, Bluesky,
//!   Mastodon, TikTok, QUT CSV) into the model, strict or lenient.
//! - [`error`]: the crate's error type and its stable codes.
//! - [`model`]: the platform-neutral `Account` and `Post` types (DESIGN §4.1).
//! - [`synthetic`]: a seeded generator of accounts and posts with planted populations.

pub mod adapters;
pub mod error;
pub mod model;
pub mod synthetic;

pub use error::{Error, Result};
pub use model::{Account, Platform, Post, PostKind};

/// The capabilities this crate implements, by name (shown by `disinfo::build_info()` and `./x demo`).
///
/// A capability is listed only once it works end to end in Rust, Python, Node and the CLI.
pub const CAPABILITIES: &[&str] = &[];
