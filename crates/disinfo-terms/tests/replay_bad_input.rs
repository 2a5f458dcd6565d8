//! Bad input in a snapshots repository or its declarations: each bad snapshot is a failure event
//! naming its commit with a stable code; the replay goes on and records nothing from it.
//!
//! Each test writes a good snapshot, the bad one, and another good one (real captures of Open
//! Terms Archive's imprint, examples/data/terms/replay), and checks that both good ones are
//! recorded and that no version names the bad commit.

#[path = "support/snapshots.rs"]
mod support;

use std::path::Path;

use disinfo_terms::replay::{ReplayFailure, ReplayOptions, ReplayReport, Stage};
use disinfo_terms::versions::VersionsRepository;
use support::{Snapshots, declarations, git, imprint_page, message, run};

const LOCATION: &str = "https://opentermsarchive.org/en/legal-notice";
const IMPRINT: &str = "Open Terms Archive/Imprint.html";
const SUBJECT: &str = "Record new changes of Open Terms Archive Imprint";

const DECLARATION: &str = r#"{"name": "Open Terms Archive", "terms": {"Imprint": {
    "fetch": "https://opentermsarchive.org/en/legal-notice", "select": ".textcontent"}}}"#;

/// A repository with a good snapshot (2026-01-21), what `bad` commits (2026-01-25), and a good
/// snapshot (2026-01-28); the replay's report, the bad commit id and the versions written.
struct Case {
    report: ReplayReport,
    bad: String,
    recorded: Vec<Vec<String>>,
}

fn case(
    dir: &Path,
    declaration_files: &[(&str, &str)],
    options: &ReplayOptions,
    bad: impl FnOnce(&Snapshots) -> String,
) -> Case {
    let decls = declarations(&dir.join("declarations"), declaration_files);
    let repo = Snapshots::init(&dir.join("snapshots"));
    let good = |repo: &Snapshots, date: &str, page: &str| {
        repo.commit(
            date,
            &message(SUBJECT, Some(LOCATION)),
            &[(IMPRINT, &imprint_page(page))],
        )
    };
    good(&repo, "2026-01-21T12:30:20Z", "2026-01-21T12-30-20Z");
    let bad = bad(&repo);
    good(&repo, "2026-01-28T12:30:21Z", "2026-01-28T12-30-21Z");
    let out = dir.join("versions");
    let report = run(&decls, &repo.dir, &out, options);
    let recorded = VersionsRepository::open(&out)
        .and_then(|r| r.index())
        .map(|index| {
            index
                .terms
                .values()
                .flatten()
                .map(|v| v.snapshot_ids.clone())
                .collect()
        })
        .unwrap_or_default();
    Case {
        report,
        bad,
        recorded,
    }
}

/// The one failure of the case: it names the bad commit, the good snapshots are both recorded,
/// and no version names the bad commit.
fn only_failure(case: &Case) -> &ReplayFailure {
    assert_eq!(case.report.failures.len(), 1, "{:#?}", case.report.failures);
    let failure = &case.report.failures[0];
    assert_eq!(failure.commit, case.bad);
    assert_eq!(failure.date, "2026-01-25T00:30:00Z");
    assert_eq!(case.report.versions_recorded, 2, "both good snapshots");
    assert!(case.recorded.iter().flatten().all(|id| id != &case.bad));
    assert_eq!(case.report.failures_by_code.get(&failure.code), Some(&1));
    failure
}

fn defaults() -> ReplayOptions {
    ReplayOptions::default()
}

#[test]
fn snapshot_with_trailers_but_no_location_fails_its_commit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", DECLARATION)],
        &defaults(),
        |repo| {
            repo.commit(
                "2026-01-25T00:30:00Z",
                &format!("{SUBJECT}\n\nX-engine-version: 15.1.0\nX-fetcher: htmlOnly\n"),
                &[(IMPRINT, &imprint_page("2026-04-22T00-30-26Z"))],
            )
        },
    );
    let f = only_failure(&c);
    assert_eq!(
        (f.code.as_str(), f.stage),
        ("snapshot_missing_location", Stage::Snapshot)
    );
    assert_eq!(f.path, IMPRINT);
    assert!(f.message.contains(&c.bad), "{}", f.message);
}

#[test]
fn snapshot_without_trailers_fails_when_legacy_snapshots_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = ReplayOptions {
        legacy_snapshots: false,
        ..defaults()
    };
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", DECLARATION)],
        &options,
        |repo| {
            repo.commit(
                "2026-01-25T00:30:00Z",
                &message(SUBJECT, None),
                &[(IMPRINT, &imprint_page("2026-04-22T00-30-26Z"))],
            )
        },
    );
    assert_eq!(only_failure(&c).code, "snapshot_missing_location");
    assert_eq!(c.report.legacy_snapshots, 1);
}

#[test]
fn snapshot_of_an_undeclared_service_fails_its_commit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", DECLARATION)],
        &defaults(),
        |repo| {
            repo.commit(
                "2026-01-25T00:30:00Z",
                &message(
                    "Record new changes of Acme Imprint",
                    Some("https://acme.example/imprint"),
                ),
                &[("Acme/Imprint.html", &imprint_page("2026-04-22T00-30-26Z"))],
            )
        },
    );
    let f = only_failure(&c);
    assert_eq!(
        (f.code.as_str(), f.stage),
        ("service_not_declared", Stage::Declaration)
    );
    assert_eq!(
        (f.service.as_deref(), f.terms_type.as_deref()),
        (Some("Acme"), Some("Imprint"))
    );
}

#[test]
fn snapshot_of_an_undeclared_terms_type_fails_its_commit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", DECLARATION)],
        &defaults(),
        |repo| {
            repo.commit(
                "2026-01-25T00:30:00Z",
                &message(
                    "Record new changes of Open Terms Archive Privacy Policy",
                    Some(LOCATION),
                ),
                &[(
                    "Open Terms Archive/Privacy Policy.html",
                    &imprint_page("2026-04-22T00-30-26Z"),
                )],
            )
        },
    );
    assert_eq!(only_failure(&c).code, "terms_type_not_declared");
}

#[test]
fn empty_snapshot_fails_its_commit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", DECLARATION)],
        &defaults(),
        |repo| {
            repo.commit(
                "2026-01-25T00:30:00Z",
                &message(SUBJECT, Some(LOCATION)),
                &[(IMPRINT, b"")],
            )
        },
    );
    let f = only_failure(&c);
    assert_eq!(
        (f.code.as_str(), f.stage),
        ("empty_snapshot", Stage::Snapshot)
    );
}

#[test]
fn corrupt_pdf_snapshot_fails_its_commit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf_declaration = r#"{"name": "Open Terms Archive", "terms": {
        "Imprint": {"fetch": "https://opentermsarchive.org/en/legal-notice", "select": ".textcontent"},
        "Privacy Policy": {"fetch": "https://opentermsarchive.org/privacy.pdf"}}}"#;
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", pdf_declaration)],
        &defaults(),
        |repo| {
            // The first bytes of a PDF, then garbage: a truncated download.
            let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog".to_vec();
            bytes.extend((0u8..200).map(|i| i.wrapping_mul(37)));
            repo.commit(
                "2026-01-25T00:30:00Z",
                &message(
                    "First record of Open Terms Archive Privacy Policy",
                    Some("https://opentermsarchive.org/privacy.pdf"),
                ),
                &[("Open Terms Archive/Privacy Policy.pdf", &bytes)],
            )
        },
    );
    let f = only_failure(&c);
    assert_eq!(f.stage, Stage::Extraction);
    assert_eq!(f.code, "pdf_invalid");
}

#[test]
fn snapshot_whose_blob_is_missing_fails_its_commit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", DECLARATION)],
        &defaults(),
        |repo| {
            let id = repo.commit(
                "2026-01-25T00:30:00Z",
                &message(SUBJECT, Some(LOCATION)),
                &[(IMPRINT, &imprint_page("2026-04-22T00-30-26Z"))],
            );
            // Damage the repository: the snapshot's blob object disappears.
            let blob = git(&repo.dir, &["rev-parse", &format!("{id}:{IMPRINT}")]);
            let blob = blob.trim();
            let object = repo
                .dir
                .join(".git/objects")
                .join(&blob[..2])
                .join(&blob[2..]);
            std::fs::remove_file(object).expect("loose object");
            id
        },
    );
    let f = only_failure(&c);
    assert_eq!((f.code.as_str(), f.stage), ("git_failed", Stage::Snapshot));
}

#[test]
fn history_entry_that_does_not_parse_fails_only_the_snapshots_of_its_period() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Until 2026-01-26 the declaration had a range without its end: it does not parse. Before and
    // after, the declarations are valid.
    let history = r#"{"Imprint": [
        {"fetch": "https://opentermsarchive.org/en/legal-notice", "select": ".textcontent",
         "validUntil": "2026-01-22T00:00:00Z"},
        {"fetch": "https://opentermsarchive.org/en/legal-notice", "select": {"startBefore": "h1"},
         "validUntil": "2026-01-26T00:00:00Z"}]}"#;
    let c = case(
        dir.path(),
        &[
            ("Open Terms Archive.json", DECLARATION),
            ("Open Terms Archive.history.json", history),
        ],
        &defaults(),
        |repo| {
            repo.commit(
                "2026-01-25T00:30:00Z",
                &message(SUBJECT, Some(LOCATION)),
                &[(IMPRINT, &imprint_page("2026-04-22T00-30-26Z"))],
            )
        },
    );
    let f = only_failure(&c);
    assert_eq!(
        (f.code.as_str(), f.stage),
        ("invalid_range", Stage::Declaration)
    );
    assert!(f.message.contains("/Imprint/1"), "{}", f.message);
}

#[test]
fn invalid_terms_type_of_a_service_file_fails_only_its_snapshots() {
    let dir = tempfile::tempdir().expect("temp dir");
    let declaration = r#"{"name": "Open Terms Archive", "terms": {
        "Imprint": {"fetch": "https://opentermsarchive.org/en/legal-notice", "select": ".textcontent"},
        "Privacy Policy": {"fetch": "https://opentermsarchive.org/en/privacy-policy", "selct": "main"}}}"#;
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", declaration)],
        &defaults(),
        |repo| {
            repo.commit(
                "2026-01-25T00:30:00Z",
                &message(
                    "Record new changes of Open Terms Archive Privacy Policy",
                    Some("https://opentermsarchive.org/en/privacy-policy"),
                ),
                &[(
                    "Open Terms Archive/Privacy Policy.html",
                    &imprint_page("2026-04-22T00-30-26Z"),
                )],
            )
        },
    );
    let f = only_failure(&c);
    assert_eq!(f.code, "unknown_key");
    assert!(f.message.contains("did you mean"), "{}", f.message);
}

#[test]
fn location_the_declaration_does_not_give_fails_its_commit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", DECLARATION)],
        &defaults(),
        |repo| {
            repo.commit(
                "2026-01-25T00:30:00Z",
                &message(
                    SUBJECT,
                    Some("https://opentermsarchive.org/fr/mentions-legales"),
                ),
                &[(IMPRINT, &imprint_page("2026-04-22T00-30-26Z"))],
            )
        },
    );
    let f = only_failure(&c);
    assert_eq!(f.code, "snapshot_location_mismatch");
    assert!(f.message.contains("mentions-legales") && f.message.contains(LOCATION));
}

#[test]
fn document_id_the_declaration_does_not_name_fails_its_commit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", DECLARATION)],
        &defaults(),
        |repo| {
            repo.commit(
                "2026-01-25T00:30:00Z",
                &message(SUBJECT, Some(LOCATION)),
                &[(
                    "Open Terms Archive/Imprint #en-legal-notice.html",
                    &imprint_page("2026-04-22T00-30-26Z"),
                )],
            )
        },
    );
    assert_eq!(only_failure(&c).code, "source_document_not_declared");
}

#[test]
fn commit_writing_two_snapshot_files_fails_as_invalid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", DECLARATION)],
        &defaults(),
        |repo| {
            let page = imprint_page("2026-04-22T00-30-26Z");
            repo.commit(
                "2026-01-25T00:30:00Z",
                &message(SUBJECT, Some(LOCATION)),
                &[
                    (IMPRINT, &page),
                    ("Open Terms Archive/Imprint copy.html", &page),
                ],
            )
        },
    );
    let f = only_failure(&c);
    assert_eq!(
        (f.code.as_str(), f.stage),
        ("snapshot_commit_invalid", Stage::Commit)
    );
    assert!(f.message.contains("2 files"), "{}", f.message);
}

#[test]
fn commits_that_are_not_records_are_skipped_and_counted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = case(
        dir.path(),
        &[("Open Terms Archive.json", DECLARATION)],
        &defaults(),
        |repo| {
            repo.commit(
                "2026-01-25T00:30:00Z",
                "Update README\n",
                &[("README.md", b"# Demo\n")],
            )
        },
    );
    assert!(c.report.failures.is_empty());
    assert_eq!(
        (c.report.skipped_commits, c.report.versions_recorded),
        (1, 2)
    );
}
