//! Migration from the old page-per-phase-and-type layout.

use disinfo_encyclopedia::{CheckOptions, SourceFile, check_files, migrate_dir, migrate_pages};

fn page(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

const TOOLS: &str = "---\nlayout: page\nphase: detection\ntype: tools\n---\n# Detection tools\n\nIntro.\n\n\
## Open Terms Archive\n\n### By whom?\n\nThe French Ambassador for Digital Affairs.\n\n\
### What?\n\nRecords every version of the terms of service of online services.\n\n\
### What for?\n\n- date a change of policy\n- compare commitments\n\n\
### For whom?\n\nRegulators and journalists.\n\n### Price\n\nFree.\n";

#[test]
fn sections_map_to_fields_and_unknown_ones_are_reported() {
    let (files, report) =
        migrate_pages(&[page("old/detection-tools.md", TOOLS)], "2024-05-01").expect("migrates");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].path, "tools/open-terms-archive.md");
    let text = String::from_utf8(files[0].bytes.clone()).expect("utf-8");
    assert!(
        text.contains("id: open-terms-archive\nkind: tool\nlang: en\n"),
        "{text}"
    );
    assert!(text.contains("phases: [detection]"));
    assert!(
        text.contains("audiences: [journalists, regulators]")
            || text.contains("audiences: [regulators, journalists]"),
        "{text}"
    );
    assert!(
        text.contains("criteria:\n  - \"date a change of policy\""),
        "{text}"
    );
    assert!(text.contains("## Price\n\nFree."));
    let reasons: Vec<(usize, &str)> = report
        .unmapped
        .iter()
        .map(|u| (u.line, u.reason.as_str()))
        .collect();
    assert!(
        reasons
            .iter()
            .any(|(l, r)| *l == 8 && r.contains("page introduction")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|(l, r)| *l == 29 && r.contains("unknown sub-section `Price`")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|(l, r)| *l == 10 && r.contains("needs a `url`")),
        "{reasons:?}"
    );
}

#[test]
fn migrated_entry_passes_the_schema_once_url_is_added() {
    let (files, _) =
        migrate_pages(&[page("detection/tools.md", TOOLS)], "2024-05-01").expect("migrates");
    let text = String::from_utf8(files[0].bytes.clone())
        .expect("utf-8")
        .replacen(
            "created: 2024-05-01\n",
            "created: 2024-05-01\nurl: https://opentermsarchive.org/\n",
            1,
        );
    let report =
        check_files(&[page(&files[0].path, &text)], &CheckOptions::default()).expect("checks");
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule != "RF007")
        .collect();
    assert!(errors.is_empty(), "{}", report.to_text());
}

#[test]
fn french_page_gives_french_entries_and_merges_phases() {
    let fr = "# Prévention\n\n## Prebunking\n\n### Quoi ?\n\nPrévenir le public d'une technique de manipulation avant qu'il n'y soit exposé.\n\n### Pour qui ?\n\nEnseignants et grand public.\n";
    let again = fr.replace("# Prévention", "# Détection");
    let (files, report) = migrate_pages(
        &[
            page("prevention/pratiques.md", fr),
            page("detection/pratiques.md", &again),
        ],
        "2024-05-01",
    )
    .expect("migrates");
    assert_eq!(files.len(), 1);
    let text = String::from_utf8(files[0].bytes.clone()).expect("utf-8");
    assert!(text.contains("lang: fr"));
    assert!(
        text.contains("phases: [detection, prevention]")
            || text.contains("phases: [prevention, detection]"),
        "{text}"
    );
    assert!(
        text.contains("audiences: [educators, general-public]"),
        "{text}"
    );
    assert_eq!(report.entries[0].sources.len(), 2);
}

#[test]
fn page_of_unknown_type_is_reported_not_dropped() {
    let (files, report) = migrate_pages(
        &[page(
            "misc/notes.md",
            "## A\n### What?\nSomething long enough here.\n",
        )],
        "2024-05-01",
    )
    .expect("migrates");
    assert!(files.is_empty());
    assert_eq!(report.unmapped.len(), 1);
    assert!(
        report.unmapped[0]
            .reason
            .contains("cannot tell the entry type")
    );
}

#[test]
fn bad_created_date_is_invalid_argument() {
    let err = migrate_pages(&[], "2024/05/01").expect_err("bad date");
    assert_eq!(err.code(), "invalid_argument");
}

#[test]
fn migrate_dir_writes_files_and_refuses_a_non_empty_target() {
    let old = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(old.path().join("detection")).expect("mkdir");
    std::fs::write(old.path().join("detection/tools.md"), TOOLS).expect("write");
    let new = tempfile::tempdir().expect("tmp");
    let target = new.path().join("out");
    let report = migrate_dir(old.path(), &target, "2024-05-01").expect("migrates");
    assert_eq!(report.pages, 1);
    assert!(target.join("tools/open-terms-archive.md").is_file());
    let err = migrate_dir(old.path(), &target, "2024-05-01").expect_err("not empty");
    assert_eq!(err.code(), "invalid_argument");
}

#[test]
fn binary_page_is_reported_and_skipped() {
    let bad = SourceFile {
        path: "detection/tools.md".into(),
        bytes: vec![0xff, 0xfe, 0x00, 0x41],
    };
    let (files, report) = migrate_pages(&[bad], "2024-05-01").expect("migrates");
    assert!(files.is_empty());
    assert_eq!(report.unmapped[0].reason, "not UTF-8 text; page skipped");
}

#[test]
fn large_page_with_many_entries_migrates_each_once() {
    let mut text = String::from("# Practices\n");
    for i in 0..2000 {
        text.push_str(&format!("\n## Practice number {i}\n\n### What?\n\nA practice described with enough words, number {i}.\n"));
    }
    let (files, report) =
        migrate_pages(&[page("reaction/practices.md", &text)], "2024-05-01").expect("migrates");
    assert_eq!(files.len(), 2000);
    assert!(report.unmapped.is_empty(), "{:?}", &report.unmapped[..3]);
}

#[test]
fn empty_page_gives_nothing_and_no_complaint() {
    let (files, report) =
        migrate_pages(&[page("reaction/practices.md", "")], "2024-05-01").expect("migrates");
    assert!(files.is_empty());
    assert!(report.unmapped.is_empty());
}
