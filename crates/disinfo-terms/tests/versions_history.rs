//! Acceptance of the versions store and the history API on an OTA-layout repository built from
//! real recorded versions (tests/data/history, ODC-By, see its README).

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Utc};
use disinfo_terms::diff::{Classification, DiffOptions};
use disinfo_terms::versions::{HistoryOptions, Record, RecordKind, VersionsRepository, history};

const IMPRINT_OLD: &str = include_str!("data/history/ota-imprint-d5b62ab.md");
const IMPRINT_NEW: &str = include_str!("data/history/ota-imprint-df5aa36.md");
const NPM_PRIVACY: &str = include_str!("data/history/npm-privacy-77ea3cb.md");

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("date")
        .with_timezone(&Utc)
}

fn record<'a>(
    service: &'a str,
    terms_type: &'a str,
    content: &'a str,
    date: &str,
    snapshot: &str,
) -> Record<'a> {
    Record {
        service,
        terms_type,
        extension: "md",
        content: content.as_bytes(),
        date: at(date),
        snapshot_ids: vec![snapshot.to_string()],
        snapshot_id_template: "https://github.com/OpenTermsArchive/demo-snapshots/commit/%SNAPSHOT_ID",
        technical_upgrade: false,
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Three versions of npm's privacy policy (real text, then a "Last updated"-style date edit, then a
/// substantive edit) and two real versions of OTA's imprint.
fn build(dir: &Path) -> VersionsRepository {
    let repo = VersionsRepository::open_or_init(dir).expect("init");
    let v2 = NPM_PRIVACY.to_string() + "\n\nLast updated: March 3, 2025";
    let v3 = v2.replacen("We", "We and our partners", 1);
    let steps = [
        (
            "npm Public Registry",
            "Privacy Policy",
            NPM_PRIVACY.to_string(),
            "2025-12-12T00:30:13Z",
            "f82b519e",
        ),
        (
            "Open Terms Archive",
            "Imprint",
            IMPRINT_OLD.to_string(),
            "2025-06-01T12:00:00Z",
            "aaaa1111",
        ),
        (
            "npm Public Registry",
            "Privacy Policy",
            v2.clone(),
            "2026-01-05T00:30:00Z",
            "bbbb2222",
        ),
        (
            "Open Terms Archive",
            "Imprint",
            IMPRINT_NEW.to_string(),
            "2026-01-28T12:30:21Z",
            "f7057809",
        ),
        (
            "npm Public Registry",
            "Privacy Policy",
            v3.clone(),
            "2026-02-01T00:30:00Z",
            "cccc3333",
        ),
    ];
    for (service, terms_type, text, date, snap) in &steps {
        let recorded = repo
            .record(&record(service, terms_type, text, date, snap))
            .expect("record");
        assert!(recorded.is_some());
    }
    repo
}

#[test]
fn history_lists_versions_texts_at_dates_and_classified_diffs() {
    let dir = tempfile::tempdir().expect("tmp");
    let repo = build(dir.path());
    let services = repo.services().expect("services");
    assert_eq!(services["npm Public Registry"], ["Privacy Policy"]);
    assert_eq!(services["Open Terms Archive"], ["Imprint"]);

    let versions = repo
        .versions("npm Public Registry", "Privacy Policy")
        .expect("versions");
    assert_eq!(versions.len(), 3);
    assert_eq!(
        versions.iter().map(|v| v.date.as_str()).collect::<Vec<_>>(),
        [
            "2025-12-12T00:30:13Z",
            "2026-01-05T00:30:00Z",
            "2026-02-01T00:30:00Z"
        ]
    );
    assert_eq!(versions[0].kind, RecordKind::FirstRecord);
    assert_eq!(
        versions[0].subject,
        "First record of npm Public Registry Privacy Policy"
    );
    assert_eq!(versions[1].kind, RecordKind::Update);
    assert_eq!(versions[1].snapshot_ids, ["bbbb2222"]);

    let at_new_year = repo
        .version_at(
            "npm Public Registry",
            "Privacy Policy",
            at("2026-01-01T00:00:00Z"),
        )
        .expect("at");
    assert_eq!(repo.read_text(&at_new_year).expect("text"), NPM_PRIVACY);
    let imprint = repo
        .version_at("Open Terms Archive", "Imprint", at("2026-03-01T00:00:00Z"))
        .expect("at");
    assert_eq!(repo.read_text(&imprint).expect("text"), IMPRINT_NEW);
    let err = repo
        .version_at("Open Terms Archive", "Imprint", at("2020-01-01T00:00:00Z"))
        .expect_err("too early");
    assert_eq!(err.code(), "version_not_found");
    let err = repo
        .versions("npm Public Registry", "Privacy Polcy")
        .expect_err("typo");
    assert_eq!(err.code(), "terms_not_found");
    assert!(
        err.to_string()
            .contains("did you mean \"npm Public Registry\" / \"Privacy Policy\""),
        "{err}"
    );

    let pairs = repo
        .pairs(
            "npm Public Registry",
            "Privacy Policy",
            &DiffOptions::default(),
        )
        .expect("pairs");
    assert_eq!(pairs.len(), 2);
    assert_eq!(
        pairs[0].diff.classification,
        Classification::Substantive,
        "{}",
        pairs[0].diff.reason
    );
    assert_eq!(pairs[1].diff.classification, Classification::Substantive);
    assert!(
        pairs[1]
            .diff
            .changes
            .iter()
            .any(|c| c.new.text.contains("and our partners"))
    );
    let imprint_pairs = repo
        .pairs("Open Terms Archive", "Imprint", &DiffOptions::default())
        .expect("pairs");
    assert_eq!(imprint_pairs.len(), 1);
    assert!(
        imprint_pairs[0]
            .diff
            .changes
            .iter()
            .any(|c| c.heading_path == ["Legal notice", "Director of the publication"])
    );

    let report = history(&repo, &HistoryOptions::default()).expect("history");
    assert_eq!(report.commits, 5);
    assert_eq!(report.stats.versions, 5);
    assert_eq!(report.stats.changes, 3);
    assert_eq!(report.stats.versions_per_year["2025"], 2);
    assert_eq!(report.stats.versions_per_year["2026"], 3);
    assert_eq!(report.stats.substantive_share, 1.0);
}

#[test]
fn date_stamp_only_version_is_editorial_in_history() {
    let dir = tempfile::tempdir().expect("tmp");
    let repo = VersionsRepository::open_or_init(dir.path()).expect("init");
    let v1 = format!("{NPM_PRIVACY}\n\nLast updated: March 3, 2025");
    let v2 = format!("{NPM_PRIVACY}\n\nLast updated: April 9, 2025");
    repo.record(&record(
        "npm",
        "Privacy Policy",
        &v1,
        "2025-03-03T00:00:00Z",
        "abcde1",
    ))
    .expect("r1");
    repo.record(&record(
        "npm",
        "Privacy Policy",
        &v2,
        "2025-04-09T00:00:00Z",
        "abcde2",
    ))
    .expect("r2");
    let options = HistoryOptions {
        service: Some("npm".into()),
        terms_type: Some("Privacy Policy".into()),
        ..HistoryOptions::default()
    };
    let report = history(&repo, &options).expect("history");
    assert_eq!(
        report.terms[0].changes[0].classification,
        Classification::Editorial
    );
    assert_eq!(report.stats.substantive_share, 0.0);
}

#[test]
fn recorded_repository_reads_with_plain_git() {
    let dir = tempfile::tempdir().expect("tmp");
    build(dir.path());
    let log = git(
        dir.path(),
        &[
            "log",
            "--format=%aI|%s",
            "--",
            "npm Public Registry/Privacy Policy.md",
        ],
    );
    assert_eq!(
        log.lines().collect::<Vec<_>>(),
        [
            "2026-02-01T00:30:00Z|Record new changes of npm Public Registry Privacy Policy",
            "2026-01-05T00:30:00Z|Record new changes of npm Public Registry Privacy Policy",
            "2025-12-12T00:30:13Z|First record of npm Public Registry Privacy Policy",
        ]
    );
    let body = git(dir.path(), &["log", "-1", "--format=%B"]);
    assert_eq!(
        body.trim_end(),
        "Record new changes of npm Public Registry Privacy Policy\n\nThis version was recorded after extracting from snapshot https://github.com/OpenTermsArchive/demo-snapshots/commit/cccc3333"
    );
    assert_eq!(
        git(
            dir.path(),
            &["show", "HEAD~1:Open Terms Archive/Imprint.md"]
        ),
        IMPRINT_NEW
    );
    assert_eq!(
        git(dir.path(), &["status", "--porcelain"]),
        "",
        "working tree and index are in sync"
    );
    git(dir.path(), &["fsck", "--strict"]);
}

#[test]
fn repository_written_by_git_as_ota_does_is_read_and_extended() {
    // What OTA's engine does: write the file, `git add`, `git commit -m` with GIT_*_DATE set.
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["config", "user.name", "OTA-Bot"]);
    git(d, &["config", "user.email", "bot@opentermsarchive.org"]);
    std::fs::write(d.join("README.md"), "# Versions\n").expect("write");
    git(d, &["add", "README.md"]);
    git(d, &["commit", "-q", "-m", "Add README"]);
    std::fs::create_dir_all(d.join("Open Terms Archive")).expect("mkdir");
    for (text, date, subject) in [
        (
            IMPRINT_OLD,
            "2025-06-01T12:00:00.000Z",
            "Start tracking Open Terms Archive Imprint",
        ),
        (
            IMPRINT_NEW,
            "2026-01-28T12:30:21.000Z",
            "Record new changes of Open Terms Archive Imprint",
        ),
    ] {
        std::fs::write(d.join("Open Terms Archive/Imprint.md"), text).expect("write");
        git(d, &["add", "."]);
        let out = Command::new("git")
            .current_dir(d)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .args(["commit", "-q", "-m", &format!("{subject}\n\n\n\nThis version was recorded after extracting from snapshot https://github.com/OpenTermsArchive/demo-snapshots/commit/f7057809c1")])
            .output()
            .expect("git commit");
        assert!(out.status.success());
    }
    let repo = VersionsRepository::open(d).expect("open");
    let versions = repo
        .versions("Open Terms Archive", "Imprint")
        .expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].kind, RecordKind::FirstRecord);
    assert_eq!(versions[1].date, "2026-01-28T12:30:21Z");
    assert_eq!(versions[1].snapshot_ids, ["f7057809c1"]);
    assert_eq!(repo.index().expect("index").skipped_commits, 1);
    let edited = format!("{IMPRINT_NEW}\n\nLast updated: 2026-03-01");
    let v = repo
        .record(&record(
            "Open Terms Archive",
            "Imprint",
            &edited,
            "2026-03-01T00:30:00Z",
            "dddd4444",
        ))
        .expect("record");
    assert_eq!(v.expect("recorded").kind, RecordKind::Update);
    assert_eq!(
        git(d, &["log", "-1", "--format=%an <%ae>"]).trim(),
        "OTA-Bot <bot@opentermsarchive.org>"
    );
    assert_eq!(git(d, &["status", "--porcelain"]), "");
    assert_eq!(
        repo.versions("Open Terms Archive", "Imprint")
            .expect("versions")
            .len(),
        3
    );
}

#[test]
fn malformed_repository_paths_are_typed_errors() {
    let dir = tempfile::tempdir().expect("tmp");
    let err = VersionsRepository::open(dir.path().join("missing"))
        .err()
        .expect("missing repo");
    assert_eq!(err.code(), "repository_not_found");
    let plain = dir.path().join("plain");
    std::fs::create_dir_all(&plain).expect("mkdir");
    assert_eq!(
        VersionsRepository::open(&plain)
            .err()
            .expect("not a repo")
            .code(),
        "repository_not_found"
    );
    let repo = VersionsRepository::open_or_init(dir.path().join("new")).expect("init");
    assert!(repo.services().expect("empty").is_empty());
    assert_eq!(
        history(&repo, &HistoryOptions::default())
            .expect("empty")
            .stats
            .versions,
        0
    );
    let bad = Record {
        service: "a/b",
        ..record("x", "y", "z", "2025-01-01T00:00:00Z", "abcde")
    };
    assert_eq!(
        repo.record(&bad).expect_err("slash").code(),
        "invalid_argument"
    );
}
