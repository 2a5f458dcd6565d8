//! The serialisable shape of a diff: the JSON contract shared by Rust, Python, Node and the CLI.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How finely a changed region is split into changes.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// One change per run of changed lines.
    Line,
    /// One change per run of changed words inside changed lines (the default).
    #[default]
    Word,
    /// One change per run of changed characters inside changed lines.
    Char,
}

impl Granularity {
    /// The snake_case name (`line`, `word`, `char`).
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Line => "line",
            Granularity::Word => "word",
            Granularity::Char => "char",
        }
    }
}

impl fmt::Display for Granularity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Granularity {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "line" => Ok(Granularity::Line),
            "word" => Ok(Granularity::Word),
            "char" => Ok(Granularity::Char),
            other => Err(Error::arg(
                "granularity",
                format!("`{other}` is not a granularity; use `line`, `word` or `char`"),
            )),
        }
    }
}

/// What a change means for a reader, from least to most significant.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// Whitespace, Markdown markup, Unicode look-alikes, tracking parameters in URLs.
    Formatting,
    /// Typo-level edits, punctuation, letter case, "Last updated" dates, unchanged paragraphs moved
    /// within their section.
    Editorial,
    /// Only the target of a link changed.
    Link,
    /// Anything else: the wording of the terms changed.
    Substantive,
}

impl Classification {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Formatting => "formatting",
            Classification::Editorial => "editorial",
            Classification::Link => "link",
            Classification::Substantive => "substantive",
        }
    }

    /// All classifications, least significant first.
    pub const ALL: [Classification; 4] = [
        Classification::Formatting,
        Classification::Editorial,
        Classification::Link,
        Classification::Substantive,
    ];
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of edit.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Text present only in the new version.
    Insert,
    /// Text present only in the old version.
    Delete,
    /// Old text replaced by new text at the same place.
    Replace,
    /// A paragraph that moved without change (whitespace aside).
    Move,
}

impl ChangeKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Insert => "insert",
            ChangeKind::Delete => "delete",
            ChangeKind::Replace => "replace",
            ChangeKind::Move => "move",
        }
    }
}

/// A region of one version: byte offsets into the UTF-8 text plus a human locator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Span {
    /// Byte offset of the first byte (inclusive).
    pub start: usize,
    /// Byte offset after the last byte (exclusive); equals `start` for an empty side.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in Unicode scalar values.
    pub column: usize,
}

/// One side (old or new) of a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Side {
    /// The text of this side (empty for the missing side of an insert or delete).
    pub text: String,
    /// Where the text is (for an empty side: where the other side's text would go).
    pub span: Span,
}

/// One explained change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Change {
    /// `insert`, `delete`, `replace` or `move`.
    pub kind: ChangeKind,
    /// What the change means.
    pub classification: Classification,
    /// Why it was classified so, in plain words.
    pub reason: String,
    /// The headings the change sits under, outermost first (in the new version; in the old one
    /// for a deletion).
    pub heading_path: Vec<String>,
    /// For a move: the headings of the old place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_heading_path: Option<Vec<String>>,
    /// The old side.
    pub old: Side,
    /// The new side.
    pub new: Side,
}

/// Counts over the changes of a diff.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DiffStats {
    /// Number of changes of each kind (`insert`, `delete`, `replace`, `move`).
    pub by_kind: BTreeMap<String, usize>,
    /// Number of changes of each classification.
    pub by_classification: BTreeMap<String, usize>,
    /// Lines only in the old version (moves excluded).
    pub lines_deleted: usize,
    /// Lines only in the new version (moves excluded).
    pub lines_inserted: usize,
    /// Similarity of the two versions at line level, between 0 and 1 (1 when identical).
    pub similarity: f64,
}

/// A classified, section-aware diff of two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diff {
    /// The granularity the changes were computed at.
    pub granularity: Granularity,
    /// The classification of the whole diff: the most significant of its changes
    /// (`formatting` when the texts are identical).
    pub classification: Classification,
    /// Why the whole diff got its classification.
    pub reason: String,
    /// True when the two texts are byte-identical.
    pub identical: bool,
    /// The changes, in the order of the new version (deletions at their old place).
    pub changes: Vec<Change>,
    /// Counts.
    pub stats: DiffStats,
}

/// Options of [`crate::diff::diff`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct DiffOptions {
    /// Granularity of the changes (default `word`).
    pub granularity: Granularity,
    /// Report paragraphs that moved without change as moves (default true).
    pub detect_moves: bool,
    /// Name of the old version in renderings (default `old`).
    pub old_name: String,
    /// Name of the new version in renderings (default `new`).
    pub new_name: String,
    /// Unchanged lines shown around each change in the unified and HTML renderings (default 3).
    pub context_lines: usize,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            granularity: Granularity::Word,
            detect_moves: true,
            old_name: "old".into(),
            new_name: "new".into(),
            context_lines: 3,
        }
    }
}
