//! Runs every golden case through the Rust API and compares with `expected.json` byte for byte.

use std::path::PathBuf;

#[test]
fn golden_cases_match_expected_json() {
    let root = disinfo_golden::cases_dir();
    let out_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../target/golden/rust");
    std::fs::create_dir_all(&out_dir).expect("output folder");
    let update = std::env::var_os("GOLDEN_UPDATE").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("cases folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("case.json").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no golden cases under {}", root.display());
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let got = match disinfo_golden::run_case(dir) {
            Ok(got) => got,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        std::fs::write(out_dir.join(format!("{name}.json")), &got).expect("write output");
        let expected_path = dir.join("expected.json");
        if update {
            std::fs::write(&expected_path, &got).expect("write expected.json");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected.trim_end_matches('\n') != got {
            failures.push(format!("{name}:\n  expected {expected}\n  got      {got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "golden cases differ:\n{}",
        failures.join("\n")
    );
    println!("{} golden cases passed", dirs.len());
}

#[test]
fn every_operation_has_a_golden_case() {
    let root = disinfo_golden::cases_dir();
    let mut called = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&root).expect("cases folder") {
        let path = entry.expect("entry").path().join("case.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let case: serde_json::Value = serde_json::from_str(&text).expect("case.json is JSON");
        if let Some(call) = case["call"].as_str() {
            called.insert(call.to_owned());
        }
    }
    let missing: Vec<String> = disinfo::api::specs()
        .iter()
        .map(|s| s.qualified_name())
        .filter(|name| !called.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "operations without a golden case under tests/golden/cases: {missing:?}"
    );
    let unknown: Vec<&String> = called
        .iter()
        .filter(|c| disinfo::api::spec(c).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "golden cases call unknown operations: {unknown:?}"
    );
}
