//! Diffs that explain changes: line, word and character granularity, heading paths, moves,
//! classification (`formatting`, `editorial`, `link`, `substantive`) and renderings.
//!
//! - [`diff()`] computes a [`Diff`]: the JSON-serialisable contract (`classification`, `reason`,
//!   `changes[]` with `kind`, `classification`, `reason`, `heading_path`, `old`, `new`).
//! - [`render()`] turns it into unified text, Markdown, or a self-contained HTML side-by-side page.
//!
//! ```
//! use disinfo_terms::diff::{diff, ChangeKind, Classification, DiffOptions};
//!
//! let old = "Privacy\n=======\n\nWe sell your data.\n";
//! let new = "Privacy\n=======\n\nWe never sell your data.\n";
//! let d = diff(old, new, &DiffOptions::default());
//! assert_eq!(d.classification, Classification::Substantive);
//! assert_eq!(d.changes[0].kind, ChangeKind::Insert);
//! assert_eq!(d.changes[0].heading_path, ["Privacy"]);
//! assert_eq!(d.changes[0].new.text, "never ");
//! ```

mod classify;
mod engine;
mod heading;
mod model;
mod normalize;
pub mod render;
mod text;

pub use engine::diff;
pub use model::{
    Change, ChangeKind, Classification, Diff, DiffOptions, DiffStats, Granularity, Side, Span,
};
pub use render::{Format, render};
