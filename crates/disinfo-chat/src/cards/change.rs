//! What a change between two versions amounts to, in the few numbers and names a card shows:
//! the classification, the sections touched, and the lines and words added and removed.

use disinfo_terms::diff::{ChangeKind, Classification, Diff};
use disinfo_terms::versions::{RecordKind, VersionInfo};

/// The change from one version of a document to another, summarised.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Summary {
    /// The older version.
    pub from: VersionInfo,
    /// The newer version.
    pub to: VersionInfo,
    /// The classification of the whole diff.
    pub classification: Classification,
    /// Why.
    pub reason: String,
    /// Number of changes.
    pub changes: usize,
    /// The heading paths changed, in document order, each once.
    pub sections: Vec<String>,
    /// Lines only in the newer version (moves excluded), as the diff counts them.
    pub lines_inserted: usize,
    /// Lines only in the older version (moves excluded).
    pub lines_deleted: usize,
    /// Words of the inserted and replacing text.
    pub words_inserted: usize,
    /// Words of the deleted and replaced text.
    pub words_deleted: usize,
}

impl Summary {
    /// Summarises `diff`, the diff from `from` to `to`.
    pub(crate) fn new(from: &VersionInfo, to: &VersionInfo, diff: &Diff) -> Summary {
        let (words_inserted, words_deleted) = word_counts(diff);
        Summary {
            from: from.clone(),
            to: to.clone(),
            classification: diff.classification,
            reason: diff.reason.clone(),
            changes: diff.changes.len(),
            sections: sections(diff),
            lines_inserted: diff.stats.lines_inserted,
            lines_deleted: diff.stats.lines_deleted,
            words_inserted,
            words_deleted,
        }
    }

    /// Whether the newer version is a re-extraction rather than a change at the source.
    pub(crate) fn technical_upgrade(&self) -> bool {
        self.to.kind == RecordKind::TechnicalUpgrade
    }
}

/// Where a change before the first heading sits.
pub(crate) const TOP: &str = "(top of the document)";

/// The heading paths of the changes (`Privacy > Data we collect`), in order, each once; a move
/// names its old place too.
pub(crate) fn sections(diff: &Diff) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |path: &[String]| {
        let name = if path.is_empty() {
            TOP.to_string()
        } else {
            path.join(" > ")
        };
        if !out.contains(&name) {
            out.push(name);
        }
    };
    for change in &diff.changes {
        if let Some(old) = &change.old_heading_path {
            add(old);
        }
        add(&change.heading_path);
    }
    out
}

/// Words inserted and deleted (a replacement counts on both sides; a move on neither);
/// punctuation alone is not a word.
pub(crate) fn word_counts(diff: &Diff) -> (usize, usize) {
    let words = |s: &str| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    diff.changes
        .iter()
        .fold((0, 0), |(ins, del), c| match c.kind {
            ChangeKind::Insert => (ins + words(&c.new.text), del),
            ChangeKind::Delete => (ins, del + words(&c.old.text)),
            ChangeKind::Replace => (ins + words(&c.new.text), del + words(&c.old.text)),
            ChangeKind::Move => (ins, del),
        })
}

/// At most `max` names joined by `, `, then how many more.
pub(crate) fn list(names: &[String], max: usize) -> String {
    let mut out = names
        .iter()
        .take(max)
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > max {
        out.push_str(&format!(" and {} more", names.len() - max));
    }
    out
}

/// The day of an RFC 3339 date (`2026-01-28T12:30:21Z` → `2026-01-28`).
pub(crate) fn day(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

/// The colour of a card for a change of this classification: amber for substantive changes,
/// grey otherwise.
pub(crate) fn color(classification: Classification) -> &'static str {
    if classification == Classification::Substantive {
        "#d29922"
    } else {
        "#8a8a8a"
    }
}
