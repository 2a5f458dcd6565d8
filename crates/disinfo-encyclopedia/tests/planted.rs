//! The example corpus with 20 planted defects gives exactly those 20 diagnostics (the same
//! corpus is the golden case `encyclopedia-planted-defects`, run from Python, Node and the CLI).

use std::path::PathBuf;

use disinfo_encyclopedia::{CheckOptions, check_dir};

#[test]
fn planted_defects_give_exactly_twenty_diagnostics() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/golden/cases/encyclopedia-planted-defects/corpus");
    let report = check_dir(&dir, &CheckOptions::default()).expect("corpus readable");
    let mut rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    rules.sort_unstable();
    assert_eq!(
        rules,
        [
            "FM004", "FM005", "LK001", "LK002", "LK003", "RF001", "RF002", "RF003", "RF005",
            "RF006", "SC001", "SC002", "SC003", "SC004", "SC005", "SC006", "SC010", "SC011",
            "SC020", "SC021"
        ],
        "{}",
        report.to_text()
    );
    assert_eq!((report.errors, report.warnings), (19, 1));
    let first = &report.diagnostics[0];
    assert_eq!(
        (
            first.file.as_str(),
            first.line,
            first.column,
            first.rule.as_str()
        ),
        ("actors/dfrlab.md", 12, 1, "FM004")
    );
}

#[test]
fn checking_a_folder_equals_reading_it_then_checking_the_files() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/golden/cases/encyclopedia-planted-defects/corpus");
    let options = CheckOptions::default();
    let files = disinfo_encyclopedia::read_corpus(&dir).expect("corpus readable");
    let schema = options.compile_schema().expect("schema");
    let in_memory = disinfo_encyclopedia::check_with_schema(&files, &schema, &options);
    let from_folder = check_dir(&dir, &options).expect("corpus readable");
    assert_eq!(from_folder, in_memory);
    assert_eq!(from_folder.diagnostics.len(), 20);
}
