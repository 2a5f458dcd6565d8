//! The disinfo toolkit, one crate: the four tools and the chat commands behind features, one
//! [`Error`] type.
//!
//! - [`terms`] (feature `terms`): extract the significant text of terms of service from captured
//!   pages, compatibly with Open Terms Archive declarations, and explain what changed.
//! - [`bots`] (feature `bots`): account features and coordination networks.
//! - [`ads`] (feature `ads`): audits of political-ad archives.
//! - [`encyclopedia`] (feature `encyclopedia`): validation of an encyclopedia of counter-measures.
//! - [`chat`] (feature `chat`, over the four): the analysts' slash commands for Mattermost and Slack.
//!
//! Every fallible call returns [`Result`]; every error has a stable [`Error::code`] shared with
//! the Python and Node packages and the CLI.
//!
//! ```
//! let info = disinfo::build_info();
//! assert_eq!(info.version, disinfo::version());
//! assert_eq!(info.tools.len(), 5);
//! ```
//!
//! # Features
//!
//! One feature per tool, all on by default. With `default-features = false` only the tools named
//! in `features` (and their dependencies) are compiled; [`build_info`] reports the others as
//! `not_built`, and the [`Error`] variants and [`api`] operations of a tool exist only with its
//! feature.
//!
//! | feature | enables |
//! |---|---|
//! | `terms` | [`terms`] (`disinfo-terms`): extraction compatible with Open Terms Archive, diffs, versions, replay, tracking |
//! | `bots` | [`bots`] (`disinfo-bots`): account features, rules, coordination networks, clustering, reports |
//! | `ads` | [`ads`] (`disinfo-ads`): audits of political-ad archives, search, synthetic collections |
//! | `encyclopedia` | [`encyclopedia`] (`disinfo-encyclopedia`): validation and migration of the encyclopedia |
//! | `chat` | [`chat`] (`disinfo-chat`): the Mattermost and Slack slash commands; turns on the four tools it runs |
//!
//! ```toml
//! [dependencies]
//! disinfo = { version = "0.1", default-features = false, features = ["terms"] }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod api;
mod error;
mod info;
mod panic;

pub use error::{Error, Result};
pub use info::{BuildInfo, ToolInfo, ToolStatus, build_info, version};
pub use panic::{catch_panic, force_panic_for_tests};

/// The README's examples, run as doctests so that what crates.io shows compiles and holds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(feature = "ads")]
pub use disinfo_ads as ads;
#[cfg(feature = "bots")]
pub use disinfo_bots as bots;
#[cfg(feature = "chat")]
pub use disinfo_chat as chat;
#[cfg(feature = "encyclopedia")]
pub use disinfo_encyclopedia as encyclopedia;
#[cfg(feature = "terms")]
pub use disinfo_terms as terms;

/// The Rust blocks of the user guide (`docs/src`) and of the repository's README, run as doctests
/// of this crate by `cargo test -p disinfo --doc`: every Rust example a reader sees compiles and
/// holds.
#[cfg(doctest)]
mod guide {
    #[doc = include_str!("../../../README.md")]
    pub struct RepositoryReadme;
    #[doc = include_str!("../../../docs/src/getting-started/rust.md")]
    pub struct GettingStartedRust;
    #[doc = include_str!("../../../docs/src/api.md")]
    pub struct Api;
    #[doc = include_str!("../../../docs/src/terms/extract.md")]
    pub struct TermsExtract;
    #[doc = include_str!("../../../docs/src/terms/changes.md")]
    pub struct TermsChanges;
    #[doc = include_str!("../../../docs/src/bots/features.md")]
    pub struct BotsFeatures;
    #[doc = include_str!("../../../docs/src/bots/coordination.md")]
    pub struct BotsCoordination;
    #[doc = include_str!("../../../docs/src/bots/clusters.md")]
    pub struct BotsClusters;
    #[doc = include_str!("../../../docs/src/ads.md")]
    pub struct Ads;
    #[doc = include_str!("../../../docs/src/encyclopedia.md")]
    pub struct Encyclopedia;
    #[doc = include_str!("../../../docs/src/chat.md")]
    pub struct Chat;
}
