//! The public operations of the terms tool: one options type and one result type each, the one
//! place where a caller's request is interpreted. Python, Node, the CLI and the golden tests all
//! call these (the bindings through [`OPERATIONS`]).
//!
//! - [`extract`](mod@extract): snapshots to Markdown, declarations loaded and validated;
//! - [`versions`](mod@versions): diffs, versions repositories, history and tracking.
//!
//! ```
//! use disinfo_terms::api;
//!
//! let options = api::ExtractOptions::new("https://example.com/tos", serde_json::json!("main"));
//! let md = api::extract(b"<main><p>We keep your data.</p></main>", &options, Default::default())?;
//! assert_eq!(md, "We keep your data.");
//! # Ok::<(), disinfo_terms::Error>(())
//! ```

pub mod extract;
pub mod versions;

pub use extract::{
    DeclaredOptions, ExtractBatchOptions, ExtractOptions, ParseDeclarationOptions,
    ValidationReport, extract, extract_batch, extract_declared, load_declaration,
    parse_declaration, validate,
};
pub use versions::{
    DiffRenderOptions, TrackRequestOptions, VersionAt, diff, diff_render, history, replay,
    services, track, version_at, versions,
};

use disinfo_core::Operation;

use crate::Error;

/// Every public operation of the terms tool, in documentation order.
pub const OPERATIONS: &[Operation<Error>] = &[
    extract::EXTRACT,
    extract::EXTRACT_DECLARED,
    extract::EXTRACT_BATCH,
    extract::PARSE_DECLARATION,
    extract::LOAD_DECLARATION,
    extract::VALIDATE,
    versions::DIFF,
    versions::DIFF_RENDER,
    versions::SERVICES,
    versions::VERSIONS,
    versions::VERSION_AT,
    versions::HISTORY,
    versions::TRACK,
    versions::REPLAY,
];
