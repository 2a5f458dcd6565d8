//! Encyclopedia: validation of an encyclopedia of counter-manipulation practices, tools, actors,
//! case studies, glossary terms and resources, kept as Markdown files with YAML front matter.
//!
//! A check reads every entry, validates its front matter against a JSON Schema 2020-12 document
//! shipped with the crate (extendable by the corpus), checks URLs and internal links, then checks
//! cross references on a graph of the whole corpus. Every problem is a [`Diagnostic`] with a
//! stable rule id ([`rules::RULES`]), a file, line, column and JSON pointer.
//!
//! Modules:
//! - [`parse`]: front matter splitting and a YAML 1.2 loader that keeps spans ([`parse::yaml`]).
//! - [`schema`]: the shipped schema, extensions, formats; validation errors → diagnostics.
//! - [`links`]: URL checks; [`markdown`]: headings and links of the body.
//! - [`refs`]: the cross-file rules on a petgraph graph.
//! - [`check`]: the orchestration ([`check_dir`], [`check_files`]) and the [`Report`].
//! - [`diagnostic`], [`rules`], [`severity`]: the diagnostic type, its sort order and text form;
//!   the rule ids; error or warning.
//! - [`migrate`]: from the old one-page-per-phase-and-type layout to one file per entry.
//! - [`suggest`]: "did you mean".
//! - [`error`]: the crate's error type and its stable codes.
//!
//! ```
//! use disinfo_encyclopedia::{check_files, CheckOptions, SourceFile};
//!
//! let entry = "---\nid: disarm\nkind: tool\nlang: en\ntitle: DISARM\n\
//!              summary: A framework of disinformation tactics and techniques.\n\
//!              created: 2017/07/07\nurl: https://www.disarm.foundation/\nmaintianers: [disarm-foundation]\n---\n";
//! let files = [SourceFile { path: "tools/disarm.md".into(), bytes: entry.as_bytes().to_vec() }];
//! let report = check_files(&files, &CheckOptions::default())?;
//! let rules: Vec<_> = report.diagnostics.iter().map(|d| (d.rule.as_str(), d.line)).collect();
//! // RF007: a lone entry is an orphan (a warning); SC010 and SC004 are errors.
//! assert_eq!(rules, [("RF007", 2), ("SC010", 7), ("SC004", 9)]);
//! assert_eq!(report.diagnostics[1].suggestion.as_deref(), Some("2017-07-07"));
//! assert_eq!(report.diagnostics[2].suggestion.as_deref(), Some("maintainers"));
//! assert_eq!((report.errors, report.warnings), (2, 1));
//! println!("{}", report.to_text());
//! # Ok::<(), disinfo_encyclopedia::Error>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod api;
pub mod check;
pub mod diagnostic;
mod entry;
pub mod error;
pub mod links;
pub mod markdown;
pub mod migrate;
pub mod parse;
pub mod refs;
pub mod rules;
pub mod schema;
pub mod severity;
pub mod suggest;

pub use check::{
    CheckOptions, Report, SourceFile, check_dir, check_files, check_with_schema, read_corpus,
};
pub use diagnostic::{Diagnostic, Position, Related, Span};
pub use error::{Error, Result};
pub use migrate::{MigrateReport, migrate_dir, migrate_pages};
pub use schema::Schema;
pub use severity::Severity;

/// The capabilities this crate implements, by name (shown by `disinfo::build_info()` and `./x demo`).
///
/// A capability is listed only once it works end to end in Rust, Python, Node and the CLI.
pub const CAPABILITIES: &[&str] = &["check", "migrate"];

/// The README's examples, run as doctests so that what crates.io shows compiles and holds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
