//! Ads: audits of political-ad archives from successive collections, with evidence.
//!
//! Modules:
//! - [`error`]: the crate's error type and its stable codes.
//! - [`model`]: collections, observations, normalised ad records, field states, ranges.
//! - [`adapters`]: streaming readers of Meta, Google, TikTok, Snapchat and neutral files.
//! - [`collection`]: loading a folder of raw files plus `collection.json`.
//! - [`rules`]: the rule catalogue: stable ids, severities, legal references.
//! - [`options`]: the audit options, with their defaults.
//! - [`checks`]: the 15 checks and the regimes of mandatory fields.
//! - [`audit`](mod@audit): runs the checks and builds the [`report::AuditReport`].
//! - [`report`]: the report (JSON contract), CSV tables and Markdown.
//! - [`review`]: the citizens' review: answers, agreement, consensus.
//! - [`search`]: keyword and regex search across collections, with locators.
//! - [`synthetic`]: seeded generators (the May 2019 French case, benchmark collections).
//!
//! ```
//! use disinfo_ads::{audit, collection, model::{CollectionMeta, Interner}};
//! let meta = |id: &str, at: &str| -> CollectionMeta {
//!     serde_json::from_value(serde_json::json!({
//!         "id": id, "platform": "meta", "collected_at": at, "query": {"countries": ["FR"]}
//!     })).unwrap()
//! };
//! let day1 = br#"{"data": [{"id": "1", "funding_entity": "A"}, {"id": "2", "funding_entity": "B"}]}"#;
//! let day2 = br#"{"data": [{"id": "1", "funding_entity": "A"}]}"#;
//! let mut interner = Interner::new();
//! let opts = collection::LoadOptions { strict: true, ..Default::default() };
//! let load = |m, bytes: &[u8], i: &mut Interner| collection::load_collection(
//!     m, vec![("page-1.json".into(), collection::FileSource::Bytes(bytes.to_vec()))], &opts, i, None);
//! let a = load(meta("d1", "2019-05-20T00:00:00Z"), day1, &mut interner).unwrap();
//! let b = load(meta("d2", "2019-05-27T00:00:00Z"), day2, &mut interner).unwrap();
//! let report = audit::audit(&[a, b], &mut interner, &audit::AuditOptions::default()).unwrap();
//! assert_eq!(report.pairs[0].disappeared.unexplained, 1);
//! assert_eq!(report.pairs[0].rates.gross, 0.5);
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod adapters;
pub mod api;
pub mod audit;
pub mod checks;
pub mod collection;
pub mod error;
pub mod model;
pub mod options;
pub mod report;
pub mod review;
pub mod rules;
pub mod search;
pub mod synthetic;

pub use audit::{AuditOptions, audit, audit_dirs};
pub use error::{Error, Result};
pub use report::AuditReport;

/// The capabilities this crate implements, by name (shown by `disinfo::build_info()` and `./x demo`).
///
/// A capability is listed only once it works end to end in Rust, Python, Node and the CLI.
pub const CAPABILITIES: &[&str] = &["audit", "search", "generate", "review"];

/// The README's examples, run as doctests so that what crates.io shows compiles and holds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
