//! Acceptance 1: the French case of May 2019, rebuilt synthetically as Meta v3.3 dumps.

use disinfo_ads::{AuditOptions, audit_dirs, synthetic};

#[test]
fn fr2019_disappeared_added_and_rates() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dirs = synthetic::write_set(&synthetic::fr2019(2019), tmp.path()).expect("write");
    let dirs: Vec<&std::path::Path> = dirs.iter().map(|d| d.as_path()).collect();
    let report = audit_dirs(&dirs, None, &AuditOptions::default(), None).expect("audit");
    let p = &report.pairs[0];
    assert!(p.comparable);
    assert_eq!((p.sizes.from, p.sizes.to), (13_550, 9_288));
    assert_eq!(p.common, 8_593);
    assert_eq!(p.added, 695);
    assert_eq!(p.disappeared.total, 4_957);
    assert_eq!(p.disappeared.unexplained, 4_957);
    assert_eq!(p.rates.net, 0.3145);
    assert_eq!(p.rates.gross, 0.3658);
    assert_eq!(p.rates.unexplained, 0.3658);
    assert!(report.violations >= 4_957);
    assert_eq!(report.collections[0].files.len(), 6);
}
