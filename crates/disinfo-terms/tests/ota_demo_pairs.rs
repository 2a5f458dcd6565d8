//! The seven OTA demo pairs (snapshot → the version OTA recorded), byte for byte, read from the
//! golden cases of the repository (ODC-By 1.0, provenance in each folder's SOURCE.md).

use std::path::PathBuf;

use disinfo_terms::declaration::{Selectors, SourceDocument};
use disinfo_terms::extract::{ExtractOptions, extract};

fn cases() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/cases");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("golden cases folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("terms-extract-ota-demo-"))
        })
        .collect();
    out.sort();
    out
}

fn run_case(dir: &std::path::Path) -> (String, String) {
    let case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("case.json")).expect("case.json"))
            .expect("json");
    let kwargs = &case["kwargs"];
    let select = Selectors::from_json(&kwargs["select"]).expect("select");
    let remove = kwargs
        .get("remove")
        .map(|r| Selectors::from_json(r).expect("remove"));
    let source = SourceDocument::new(
        kwargs["location"].as_str().expect("location"),
        select,
        remove,
    );
    let snapshot = std::fs::read(dir.join("snapshot.html")).expect("snapshot");
    let got = extract(
        &snapshot,
        Some("text/html"),
        &source,
        &ExtractOptions::default(),
    )
    .expect("extracts");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("expected"),
    )
    .expect("json");
    (got, expected["ok"].as_str().expect("ok string").to_string())
}

#[test]
fn ota_demo_pairs_reproduce_recorded_versions_byte_for_byte() {
    let cases = cases();
    assert_eq!(
        cases.len(),
        7,
        "the seven demo pairs are in tests/golden/cases"
    );
    let mut failures = Vec::new();
    for dir in &cases {
        let (got, expected) = run_case(dir);
        if got != expected {
            let line = got
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            failures.push(format!(
                "{}: first difference at line {}\n  got:      {:?}\n  expected: {:?}",
                dir.display(),
                line + 1,
                got.lines().nth(line),
                expected.lines().nth(line)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
