//! Explains what changed between two recorded versions of a document, then records them in an
//! OTA-layout versions repository and reads its history back.

use disinfo::terms::diff::{DiffOptions, diff};
use disinfo::terms::versions::{HistoryOptions, Record, VersionsRepository, history, parse_date};

const OLD: &str = include_str!("../../../examples/data/terms/versions/imprint-2025.md");
const NEW: &str = include_str!("../../../examples/data/terms/versions/imprint-2026-01-28.md");

fn main() -> Result<(), disinfo::Error> {
    let d = diff(OLD, NEW, &DiffOptions::default());
    println!("{}: {}", d.classification, d.reason);
    for change in &d.changes {
        println!(
            "  {:<8} {:<12} {}",
            change.kind.as_str(),
            change.classification,
            change.heading_path.join(" > ")
        );
    }

    let dir = std::env::temp_dir().join(format!("disinfo-example-{}", std::process::id()));
    let repo = VersionsRepository::open_or_init(&dir)?;
    for (text, date) in [(OLD, "2025-06-01T12:00:00Z"), (NEW, "2026-01-28T12:30:21Z")] {
        repo.record(&Record {
            service: "Open Terms Archive",
            terms_type: "Imprint",
            extension: "md",
            content: text.as_bytes(),
            date: parse_date(date)?,
            snapshot_ids: vec!["f7057809".into()],
            snapshot_id_template: "%SNAPSHOT_ID",
            technical_upgrade: false,
        })?;
    }
    let report = history(&repo, &HistoryOptions::default())?;
    for terms in &report.terms {
        println!(
            "{} / {}: {} versions",
            terms.service, terms.terms_type, terms.stats.versions
        );
        for change in &terms.changes {
            println!(
                "  {} {} ({} changes)",
                change.date, change.classification, change.changes
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
