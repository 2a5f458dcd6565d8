//! Terms: terms of service tools of the disinfo toolkit.
//!
//! Modules:
//! - [`error`]: the crate's error type and its stable codes.
//! - [`diff`]: diffs that explain changes: line/word/char changes with heading paths, moves,
//!   classification (`formatting`, `editorial`, `link`, `substantive`), unified/Markdown/HTML renderings.
//! - [`versions`]: versions in Open Terms Archive's git layout (read, write, history, statistics).
//! - [`track`]: fetch, snapshot, extract and record; a report of what changed, with error events.
//! - [`replay`]: rebuild an OTA versions repository from its snapshots and declarations, in
//!   parallel, with a report of every failure by snapshot commit.
//! - [`declaration`]: Open Terms Archive declarations (service and history files), validated
//!   against OTA's schema; the declaration in force at a date; whole-directory loading.
//! - [`extract`]: snapshot → Markdown in OTA's pipeline order (charset, parse with scripting
//!   enabled, filters, absolute links, `remove`, `select` with CSS and range selectors).
//! - [`markdown`]: the `ota` flavour (byte-identical to OTA's turndown setup) and the `canonical`
//!   flavour (documented differences).
//! - [`pdf`]: PDF snapshots to Markdown paragraphs.
//!
//! Extraction of one source document (what tracking calls):
//! `extract::extract(content: &[u8], mime_type: Option<&str>, source: &declaration::SourceDocument,
//! options: &extract::ExtractOptions) -> Result<String>` — `source.location` is the URL links
//! resolve against, `options.flavor` picks `ota` or `canonical`; hooks via
//! `extract::extract_with_hooks`.
//!
//! ```
//! use disinfo_terms::declaration::{Selectors, SourceDocument};
//! use disinfo_terms::extract::{extract, ExtractOptions};
//!
//! let source = SourceDocument::new("https://example.com/tos", Selectors::css("main"), None);
//! let md = extract(b"<main><h2>Data</h2><ul><li>one</li></ul></main>", None, &source,
//!     &ExtractOptions::default()).expect("extracts");
//! assert_eq!(md, "Data\n----\n\n*   one");
//! ```
//!
//! ```
//! use disinfo_terms::diff::{diff, Classification, DiffOptions};
//!
//! let old = "Privacy\n=======\n\nWe keep data for 30 days.\n";
//! let new = "Privacy\n=======\n\nWe keep data for 90 days.\n";
//! let d = diff(old, new, &DiffOptions::default());
//! assert_eq!(d.classification, Classification::Substantive);
//! assert_eq!(d.changes[0].heading_path, ["Privacy"]);
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod api;
pub mod declaration;
pub mod diff;
pub mod error;
pub mod extract;
pub mod markdown;
pub mod pdf;
pub mod replay;
pub mod track;
pub mod versions;

pub use error::{Error, Result};

/// The capabilities this crate implements, by name (shown by `disinfo::build_info()` and `./x demo`).
///
/// A capability is listed only once it works end to end in Rust, Python, Node and the CLI.
pub const CAPABILITIES: &[&str] = &["extract", "declarations", "diff", "history", "track"];

/// The README's examples, run as doctests so that what crates.io shows compiles and holds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
