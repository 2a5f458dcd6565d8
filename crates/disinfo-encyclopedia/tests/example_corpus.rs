//! The bundled example corpus (`examples/data/encyclopedia/`) validates clean.

use std::path::PathBuf;

use disinfo_encyclopedia::{CheckOptions, check_dir};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/encyclopedia")
}

#[test]
fn example_corpus_has_zero_diagnostics() {
    let report = check_dir(&corpus(), &CheckOptions::default()).expect("corpus readable");
    assert!(report.diagnostics.is_empty(), "{}", report.to_text());
    assert!(report.entries >= 30, "{} entries", report.entries);
    assert_eq!(report.files, report.entries);
    assert!(report.is_ok());
}
