//! Audits the bundled Meta example collections (examples/data/ads/meta-fr) and prints the
//! pairs: sizes, disappeared ads by class, rates.

use std::path::{Path, PathBuf};

fn main() -> Result<(), disinfo::Error> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/ads/meta-fr");
    let dirs: Vec<PathBuf> = ["2019-05-20", "2019-05-27", "2019-06-03"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    let report =
        disinfo::ads::audit_dirs(&dirs, None, &disinfo::ads::AuditOptions::default(), None)?;
    for p in &report.pairs {
        let d = &p.disappeared;
        println!(
            "{} -> {}: {} -> {} ads, {} disappeared ({} unexplained, {} reappeared later), gross {:.1} %, net {:.1} %",
            p.from,
            p.to,
            p.sizes.from,
            p.sizes.to,
            d.total,
            d.unexplained,
            d.reappeared,
            p.rates.gross * 100.0,
            p.rates.net * 100.0
        );
    }
    println!("{} violation(s); findings:", report.violations);
    for f in &report.findings {
        println!("  {} {:<28} {}", f.rule, f.kind, f.count);
    }
    Ok(())
}
