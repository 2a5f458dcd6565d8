//! Markdown rendering of an audit report, for people.

use std::fmt::Write;

use super::types::AuditReport;

fn pct(x: f64) -> String {
    format!("{:.2} %", x * 100.0)
}

/// Renders the report as Markdown: one section per part of the report, in the JSON's order.
pub fn render(r: &AuditReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Ad repository audit\n");
    let _ = writeln!(s, "{} · regimes: {}\n", r.library, r.regimes.join(", "));
    collections(&mut s, r);
    notes(&mut s, r);
    pairs(&mut s, r);
    findings(&mut s, r);
    coverage(&mut s, r);
    evidence(&mut s, r);
    s
}

fn collections(s: &mut String, r: &AuditReport) {
    let _ = writeln!(s, "## Collections\n");
    let _ = writeln!(
        s,
        "| id | platform | collected at | termination | distinct ads | read | rejected | duplicates | declared |"
    );
    let _ = writeln!(s, "|---|---|---|---|---:|---:|---:|---:|---:|");
    for c in &r.collections {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            c.id,
            c.platform,
            c.collected_at,
            c.termination,
            c.unique_ads,
            c.read,
            c.rejected,
            c.duplicates,
            c.declared_total.map_or("–".to_owned(), |d| d.to_string())
        );
    }
}

/// The notes, in words, before the figures they qualify.
fn notes(s: &mut String, r: &AuditReport) {
    if r.notes.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n## Notes\n");
    for n in &r.notes {
        let about = n
            .collection
            .as_deref()
            .map_or(String::new(), |c| format!(" (`{c}`)"));
        let _ = writeln!(
            s,
            "- **{}**{about}: {}",
            n.code.replace('_', " "),
            n.message
        );
    }
}

fn pairs(s: &mut String, r: &AuditReport) {
    let _ = writeln!(s, "\n## Pairs\n");
    if r.pairs.is_empty() {
        let _ = writeln!(
            s,
            "Nothing to compare: the audit had fewer than two collections, so no ad is counted as disappeared or added and no rate is computed."
        );
        return;
    }
    let _ = writeln!(
        s,
        "| from → to | status | sizes | common | added | disappeared | reattributed | reappeared | moderated | retention expired | unexplained | gross | net | unexplained rate |"
    );
    let _ = writeln!(
        s,
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for p in &r.pairs {
        let d = &p.disappeared;
        let _ = writeln!(
            s,
            "| {} → {} | {} | {} → {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            p.from,
            p.to,
            p.status,
            p.sizes.from,
            p.sizes.to,
            p.common,
            p.added,
            d.total,
            d.reattributed,
            d.reappeared,
            d.moderated,
            d.retention_expired,
            d.unexplained,
            pct(p.rates.gross),
            pct(p.rates.net),
            pct(p.rates.unexplained)
        );
        for reason in &p.reasons {
            let _ = writeln!(s, "\n> inconclusive: {reason}");
        }
    }
}

fn findings(s: &mut String, r: &AuditReport) {
    let _ = writeln!(s, "\n## Findings\n");
    if r.pairs.is_empty() {
        let _ = writeln!(
            s,
            "**{} violation(s)** in the checks within each collection (nothing was compared).\n",
            r.violations
        );
    } else {
        let _ = writeln!(s, "**{} violation(s).**\n", r.violations);
    }
    let _ = writeln!(s, "| rule | kind | severity | count | legal reference |");
    let _ = writeln!(s, "|---|---|---|---:|---|");
    for f in &r.findings {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            f.rule,
            f.kind,
            format!("{:?}", f.severity).to_lowercase(),
            f.count,
            f.article.as_deref().unwrap_or("")
        );
    }
}

fn coverage(s: &mut String, r: &AuditReport) {
    let _ = writeln!(s, "\n## Field coverage (whole collections)\n");
    let _ = writeln!(
        s,
        "| collection | regime | field | present | null | absent | not requested | not applicable | sentinel | invalid | coverage |"
    );
    let _ = writeln!(s, "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for c in r.coverage.iter().filter(|c| c.country.is_none()) {
        let g = |k: &str| c.states.get(k).copied().unwrap_or(0);
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            c.collection,
            c.regime,
            c.field,
            g("present"),
            g("null"),
            g("absent"),
            g("not_requested"),
            g("not_applicable"),
            g("sentinel"),
            g("invalid"),
            c.coverage.map_or("–".to_owned(), pct)
        );
    }
}

fn evidence(s: &mut String, r: &AuditReport) {
    let shown: Vec<_> = r.evidence.iter().take(50).collect();
    if shown.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "\n## Evidence (first {} of {} listed)\n",
        shown.len(),
        r.evidence.len()
    );
    for e in shown {
        let ad = e.ad.as_ref().map(|k| match &k.scope {
            Some(sc) => format!("{sc}/{}", k.id),
            None => k.id.clone(),
        });
        let loc = e
            .observations
            .iter()
            .map(|o| {
                let l = &o.locator;
                let at = l
                    .pointer
                    .clone()
                    .or(l.row.map(|r| format!("row {r}")))
                    .or(l.line.map(|r| format!("line {r}")))
                    .unwrap_or_default();
                format!("{}:{} {}", l.collection, l.file, at)
            })
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(
            s,
            "- **{}** {} {}: {} ({})",
            e.rule,
            e.kind,
            ad.unwrap_or_default(),
            e.detail,
            loc
        );
    }
}
