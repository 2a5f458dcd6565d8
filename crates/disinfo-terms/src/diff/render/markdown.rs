//! The Markdown report of a diff.

use std::fmt::Write as _;

use crate::diff::model::{ChangeKind, Diff, DiffOptions};

fn fence(texts: &[&str]) -> String {
    let longest = texts
        .iter()
        .flat_map(|t| t.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

/// The Markdown report: the verdict, counts, then each change with its section, reason and text.
pub fn markdown(diff: &Diff, options: &DiffOptions) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Changes from `{}` to `{}`\n",
        options.old_name, options.new_name
    );
    let _ = writeln!(
        out,
        "**Classification:** {} — {}\n",
        diff.classification, diff.reason
    );
    if diff.changes.is_empty() {
        return out;
    }
    let counts: Vec<String> = diff
        .stats
        .by_kind
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let _ = writeln!(
        out,
        "{} changes at {} level ({}); line similarity {:.1} %.\n",
        diff.changes.len(),
        diff.granularity,
        counts.join(", "),
        diff.stats.similarity * 100.0
    );
    for (i, change) in diff.changes.iter().enumerate() {
        let section = if change.heading_path.is_empty() {
            "(top of the document)".to_string()
        } else {
            change.heading_path.join(" > ")
        };
        let _ = writeln!(
            out,
            "## {}. {} — {}\n",
            i + 1,
            change.kind.as_str(),
            change.classification
        );
        let _ = writeln!(out, "- **Section:** {section}");
        if let Some(old_path) = &change.old_heading_path {
            let _ = writeln!(
                out,
                "- **Moved from:** {}",
                if old_path.is_empty() {
                    "(top of the document)".to_string()
                } else {
                    old_path.join(" > ")
                }
            );
        }
        let _ = writeln!(out, "- **Reason:** {}", change.reason);
        let _ = writeln!(
            out,
            "- **Where:** old line {}, new line {}\n",
            change.old.span.line, change.new.span.line
        );
        let fence = fence(&[&change.old.text, &change.new.text]);
        let _ = writeln!(out, "{fence}diff");
        let show_old = change.kind != ChangeKind::Insert;
        let show_new = change.kind != ChangeKind::Delete && change.kind != ChangeKind::Move;
        if show_old {
            for line in change.old.text.lines() {
                let _ = writeln!(
                    out,
                    "{}{line}",
                    if change.kind == ChangeKind::Move {
                        " "
                    } else {
                        "-"
                    }
                );
            }
        }
        if show_new {
            for line in change.new.text.lines() {
                let _ = writeln!(out, "+{line}");
            }
        }
        let _ = writeln!(out, "{fence}\n");
    }
    out
}
