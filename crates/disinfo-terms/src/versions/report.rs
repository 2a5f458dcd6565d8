//! The Markdown rendering of a [`HistoryReport`].

use std::fmt::Write as _;

use crate::versions::history::{HistoryReport, HistoryStats};

fn stats_line(stats: &HistoryStats) -> String {
    let years: Vec<String> = stats
        .versions_per_year
        .iter()
        .map(|(y, n)| format!("{y}: {n}"))
        .collect();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} ({}), {}, {:.1} % substantive, {}",
        plural(stats.versions, "version"),
        if years.is_empty() {
            "none".to_string()
        } else {
            years.join(", ")
        },
        plural(stats.changes, "change"),
        stats.substantive_share * 100.0,
        plural(stats.technical_upgrades, "technical upgrade")
    )
}

/// A readable Markdown history: totals, then per document a table of its changes.
pub fn markdown(report: &HistoryReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# History\n");
    let _ = writeln!(
        out,
        "{} commits ({} not records). All documents: {}.\n",
        report.commits,
        report.skipped_commits,
        stats_line(&report.stats)
    );
    for terms in &report.terms {
        let _ = writeln!(out, "## {} — {}\n", terms.service, terms.terms_type);
        let _ = writeln!(out, "{}.\n", stats_line(&terms.stats));
        if let Some(first) = terms.versions.first() {
            let _ = writeln!(
                out,
                "First recorded {} (`{}`).\n",
                first.date,
                &first.id[..first.id.len().min(8)]
            );
        }
        if terms.changes.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "| date | version | classification | changes | reason |\n|---|---|---|---|---|"
        );
        for c in &terms.changes {
            let mut reason = c.reason.replace('|', "\\|").replace('\n', " ");
            if let Some(restored) = &c.reverts {
                let _ = write!(
                    reason,
                    " (reverts to `{}`)",
                    &restored[..restored.len().min(8)]
                );
            }
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {} |",
                c.date,
                &c.to[..c.to.len().min(8)],
                c.classification,
                c.changes,
                reason
            );
        }
        let _ = writeln!(out);
    }
    out
}
