//! Bots: bot and coordination tools of the disinfo toolkit.
//!
//! Modules:
//! - [`adapters`]: streaming readers of platform exports (Twitter v1.1/v2, snscrape, Bluesky,
//!   Mastodon, TikTok, QUT CSV, CooRTweet; gzip read directly) into the model, strict or
//!   lenient.
//! - [`cluster`]: feature clustering of accounts at scale (DBSCAN and HDBSCAN over a k-d tree,
//!   K-Means, mini-batch K-Means, Gaussian mixture) on standardised `log1p` features, with the
//!   labels scikit-learn gives.
//! - [`coordinate`]: co-action coordination networks (co-repost, co-link, co-text, near-duplicate
//!   text, co-reply, hashtag sequences, synchrony) with the QUT toolkit's semantics.
//! - [`error`]: the crate's error type and its stable codes.
//! - [`export`]: GraphML, GEXF, JSON and CSV exports of coordination networks.
//! - [`features`]: profile and behaviour features as an ndarray matrix with a missing-value
//!   mask, digital DNA, snapshot deltas.
//! - [`graph`]: components, seeded deterministic communities and community summaries.
//! - [`network`]: a coordination network as data (accounts, weighted edges with evidence) and
//!   the options that built it; what [`coordinate`] builds and [`graph`] and [`export`] read.
//! - [`model`]: the platform-neutral `Account` and `Post` types every algorithm reads.
//! - [`pipeline`]: read inputs and compute features in one call (what the CLI and bindings use).
//! - [`profile`]: cluster profiles (feature quartiles, rule pass rates, creation bursts, shared
//!   links and hashtags, coordination density, central accounts) and the bot-likeness score.
//! - [`report`]: the public cluster report, a self-contained static site in French and English
//!   with its `report.json`.
//! - [`rules`]: rule presets as data (`dormant_2019`, `amplifier`) with explicit edge cases.
//! - [`synthetic`]: a seeded generator of accounts and posts with planted populations.
//!
//! Data flows one way: adapters → model → features / rules / networks → reports.
//!
//! ```
//! use disinfo_bots::adapters::{read_str, InputFormat, ReadOptions};
//! use disinfo_bots::features::{compute, FeatureOptions};
//!
//! // A Twitter API v1.1 tweet: its embedded user is observed at the tweet's time.
//! let line = r#"{"created_at":"Wed Jun 23 15:27:11 +0000 2021","id_str":"9","text":"hi",
//!   "user":{"id_str":"1","screen_name":"anna","created_at":"Thu Mar 14 15:08:32 +0000 2019",
//!   "statuses_count":541,"followers_count":583,"friends_count":592}}"#.replace('\n', "");
//! let data = read_str(&line, &ReadOptions::new(InputFormat::TwitterV1)).unwrap();
//! let m = compute(&data.accounts, &data.posts, &FeatureOptions::default()).unwrap();
//! assert!((m.get(0, "age_h").unwrap() - 19968.31).abs() < 0.01);
//! assert!((m.get(0, "followers_following_ratio").unwrap() - 0.98480).abs() < 1e-5);
//! assert!(m.is_missing(0, "likes_given").unwrap()); // not in the payload: NaN + mask
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod adapters;
pub mod api;
pub mod cluster;
pub mod coordinate;
pub mod error;
pub mod export;
pub mod features;
pub mod graph;
pub mod model;
pub mod network;
pub mod pipeline;
pub mod profile;
pub mod report;
pub mod rules;
pub mod synthetic;

pub use error::{Error, Result};
pub use model::{Account, Platform, Post, PostKind};

/// The capabilities this crate implements, by name (shown by `disinfo::build_info()` and `./x demo`).
///
/// A capability is listed only once it works end to end in Rust, Python, Node and the CLI.
pub const CAPABILITIES: &[&str] = &["features", "rules", "coordinate", "communities", "cluster"];

/// The README's examples, run as doctests so that what crates.io shows compiles and holds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
