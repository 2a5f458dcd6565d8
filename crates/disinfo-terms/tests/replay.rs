//! Acceptance of the replay on real snapshots: twelve captures of Open Terms Archive's imprint
//! (examples/data/terms/replay, ODC-By) give the three versions OTA recorded, in OTA's layout, and
//! the same repository whether replayed at once, in two runs, or on one thread.

#[path = "support/snapshots.rs"]
mod support;

use disinfo_terms::replay::{ENGINE, ReplayOptions, Stage, replay};
use disinfo_terms::versions::{HistoryOptions, RecordKind, VersionsRepository, history};
use support::{declarations, git, imprint_declarations, imprint_snapshots, log, message, run};

const TEMPLATE: &str = "https://github.com/OpenTermsArchive/demo-snapshots/commit/%SNAPSHOT_ID";
const IMPRINT: &str = "Open Terms Archive/Imprint.md";

fn expected(path: &str) -> String {
    std::fs::read_to_string(support::example_data().join(path)).expect("expected version")
}

fn options() -> ReplayOptions {
    ReplayOptions {
        snapshot_id_template: TEMPLATE.into(),
        ..ReplayOptions::default()
    }
}

#[test]
fn imprint_snapshots_replay_into_the_versions_ota_recorded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (snapshots, ids) = imprint_snapshots(&dir.path().join("snapshots"));
    let out = dir.path().join("versions");
    let report = run(&imprint_declarations(), &snapshots.dir, &out, &options());

    assert_eq!(report.commits, 12);
    assert_eq!(report.snapshots_read, 12);
    assert_eq!(report.legacy_snapshots, 9);
    assert_eq!((report.versions_recorded, report.unchanged), (3, 7));
    assert_eq!(report.fetchers.get("htmlOnly"), Some(&3));
    // Two snapshots fail with the declaration in force at their date: each names its commit.
    let failed: Vec<(&str, &str, &str)> = report
        .failures
        .iter()
        .map(|f| (f.date.as_str(), f.commit.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        failed,
        [
            ("2024-03-18T18:30:08Z", ids[4].as_str(), "selector_no_match"),
            ("2024-05-02T12:30:11Z", ids[7].as_str(), "selector_no_match"),
        ]
    );
    assert!(report.failures.iter().all(|f| f.stage == Stage::Extraction));

    let repo = VersionsRepository::open(&out).expect("versions repository");
    let versions = repo
        .versions("Open Terms Archive", "Imprint")
        .expect("imprint versions");
    let texts: Vec<String> = versions
        .iter()
        .map(|v| repo.read_text(v).expect("text"))
        .collect();
    assert_eq!(
        texts,
        [
            expected("replay/expected/imprint-2023-09-26.md"),
            expected("versions/imprint-2025.md"),
            expected("versions/imprint-2026-01-28.md"),
        ]
    );
    let dates: Vec<&str> = versions.iter().map(|v| v.date.as_str()).collect();
    assert_eq!(
        dates,
        [
            "2023-09-26T12:30:09Z",
            "2024-03-19T18:30:08Z",
            "2026-01-28T12:30:21Z"
        ]
    );
    let snapshot_ids: Vec<&[String]> = versions.iter().map(|v| &v.snapshot_ids[..]).collect();
    assert_eq!(
        snapshot_ids,
        [&ids[0..1], &ids[5..6], &ids[10..11]],
        "each version names the snapshot it was extracted from"
    );
    assert_eq!(report.versions.len(), 3);
    assert_eq!(report.documents.len(), 1);
    let doc = &report.documents[0];
    assert_eq!(
        (doc.snapshots, doc.versions, doc.unchanged, doc.failures),
        (12, 3, 7, 2)
    );
}

#[test]
fn versions_follow_ota_commit_conventions_and_read_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (snapshots, ids) = imprint_snapshots(&dir.path().join("snapshots"));
    let out = dir.path().join("versions");
    run(&imprint_declarations(), &snapshots.dir, &out, &options());

    assert_eq!(
        log(&out),
        [
            "2023-09-26T12:30:09Z|First record of Open Terms Archive Imprint",
            "2024-03-19T18:30:08Z|Record new changes of Open Terms Archive Imprint",
            "2026-01-28T12:30:21Z|Record new changes of Open Terms Archive Imprint",
        ]
    );
    let last = git(&out, &["log", "-1", "--format=%B%x00%cI%x00%an <%ae>"]);
    let parts: Vec<&str> = last.split('\0').collect();
    assert_eq!(
        parts[0],
        format!(
            "Record new changes of Open Terms Archive Imprint\n\nThis version was recorded after extracting from snapshot https://github.com/OpenTermsArchive/demo-snapshots/commit/{}\n\nX-engine-version: {ENGINE}\n",
            ids[10]
        )
    );
    assert_eq!(parts[1], "2026-01-28T12:30:21Z");
    assert_eq!(
        parts[2].trim(),
        "Open Terms Archive Bot <bot@opentermsarchive.org>"
    );
    assert!(ENGINE.starts_with("disinfo-terms/"));
    // The working tree and the index match HEAD, as after `git commit`.
    assert_eq!(git(&out, &["status", "--porcelain"]), "");
    assert_eq!(
        std::fs::read_to_string(out.join(IMPRINT)).expect("file"),
        expected("versions/imprint-2026-01-28.md")
    );

    let report = history(
        &VersionsRepository::open(&out).expect("open"),
        &HistoryOptions::default(),
    )
    .expect("history");
    let kinds: Vec<RecordKind> = report.terms[0].versions.iter().map(|v| v.kind).collect();
    assert_eq!(
        kinds,
        [
            RecordKind::FirstRecord,
            RecordKind::Update,
            RecordKind::Update
        ]
    );
    assert_eq!(report.changes.len(), 2);
    assert_eq!(report.changes[0].change.date, "2026-01-28T12:30:21Z");
}

#[test]
fn declaration_in_force_is_the_first_history_entry_valid_until_the_snapshot_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (snapshots, _) = imprint_snapshots(&dir.path().join("snapshots"));
    let report = run(
        &imprint_declarations(),
        &snapshots.dir,
        &dir.path().join("versions"),
        &options(),
    );
    // 2024-03-18T18:30:08Z is before the first entry's validUntil (18:30:09): its selector applies;
    // 2024-05-02 is after the second entry's: the current declaration (new URL) applies.
    assert!(
        report.failures[0]
            .message
            .contains(".TextContent_textContent__ToW2S")
    );
    assert!(
        report.failures[0]
            .message
            .contains("https://opentermsarchive.org/legal-notice")
    );
    assert!(
        report.failures[1]
            .message
            .contains("https://opentermsarchive.org/en/legal-notice")
    );
}

#[test]
fn replaying_in_two_runs_writes_the_same_commits_as_one_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (snapshots, _) = imprint_snapshots(&dir.path().join("snapshots"));
    let once = dir.path().join("once");
    run(&imprint_declarations(), &snapshots.dir, &once, &options());

    let twice = dir.path().join("twice");
    let first = run(
        &imprint_declarations(),
        &snapshots.dir,
        &twice,
        &ReplayOptions {
            until: Some("2024-03-26".into()),
            ..options()
        },
    );
    assert_eq!(first.versions_recorded, 2);
    assert_eq!(first.until.as_deref(), Some("2024-03-26T23:59:59Z"));
    let second = run(&imprint_declarations(), &snapshots.dir, &twice, &options());
    assert_eq!(
        second.resumed_after.as_deref(),
        Some("2024-03-19T18:30:08Z")
    );
    // Snapshots up to the newest record are not replayed again.
    assert_eq!(second.snapshots_out_of_range, 6);
    assert_eq!(second.versions_recorded, 1);
    assert_eq!(
        git(&once, &["rev-parse", "HEAD"]),
        git(&twice, &["rev-parse", "HEAD"]),
        "same commits, same ids"
    );
    // A third run has nothing new.
    let third = run(&imprint_declarations(), &snapshots.dir, &twice, &options());
    assert_eq!((third.snapshots_read, third.versions_recorded), (1, 0));
}

#[test]
fn result_does_not_depend_on_thread_count_or_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (snapshots, _) = imprint_snapshots(&dir.path().join("snapshots"));
    let wide = dir.path().join("wide");
    let report_wide = run(&imprint_declarations(), &snapshots.dir, &wide, &options());
    let narrow = dir.path().join("narrow");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let report_narrow = pool.install(|| {
        run(
            &imprint_declarations(),
            &snapshots.dir,
            &narrow,
            &ReplayOptions {
                window: 1,
                ..options()
            },
        )
    });
    assert_eq!(report_wide, report_narrow);
    assert_eq!(
        git(&wide, &["rev-parse", "HEAD"]),
        git(&narrow, &["rev-parse", "HEAD"])
    );
}

#[test]
fn apply_upgrades_records_a_declaration_upgrade_at_the_latest_snapshot() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (snapshots, ids) = imprint_snapshots(&dir.path().join("snapshots"));
    let out = dir.path().join("versions");
    let until = ReplayOptions {
        until: Some("2026-01-28T12:30:21Z".into()),
        ..options()
    };
    run(&imprint_declarations(), &snapshots.dir, &out, &until);

    // The current declaration changes: section titles are no longer significant. Nothing new was
    // fetched; the upgrade re-extracts the latest snapshot with the new declaration.
    let changed = declarations(
        &dir.path().join("declarations"),
        &[(
            "Open Terms Archive.json",
            r#"{"name": "Open Terms Archive", "terms": {"Imprint": {
                "fetch": "https://opentermsarchive.org/en/legal-notice",
                "select": ".textcontent", "remove": "h2"}}}"#,
        )],
    );
    let upgrade = ReplayOptions {
        apply_upgrades: true,
        ..until
    };
    let report = run(&changed, &snapshots.dir, &out, &upgrade);
    assert_eq!((report.snapshots_read, report.upgrades_recorded), (0, 1));
    assert_eq!(report.documents[0].upgrades, 1);
    let last = git(&out, &["log", "-1", "--format=%aI|%s|%b"]);
    assert!(
        last.starts_with(
            "2026-01-28T12:30:21Z|Apply technical or declaration upgrade on Open Terms Archive Imprint|"
        ),
        "{last}"
    );
    assert!(last.contains(&ids[10]), "names the latest snapshot: {last}");
    let text = std::fs::read_to_string(out.join(IMPRINT)).expect("file");
    assert!(!text.contains("Publisher of the platform"));
    assert!(text.contains("Matti Schneider"));
    // Applying again changes nothing.
    let again = run(&changed, &snapshots.dir, &out, &upgrade);
    assert_eq!((again.upgrades_recorded, again.unchanged), (0, 1));
    let kinds: Vec<RecordKind> = VersionsRepository::open(&out)
        .expect("open")
        .versions("Open Terms Archive", "Imprint")
        .expect("versions")
        .iter()
        .map(|v| v.kind)
        .collect();
    assert_eq!(kinds.last(), Some(&RecordKind::TechnicalUpgrade));
}

#[test]
fn from_and_until_limit_the_replayed_snapshots() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (snapshots, _) = imprint_snapshots(&dir.path().join("snapshots"));
    let out = dir.path().join("versions");
    let report = run(
        &imprint_declarations(),
        &snapshots.dir,
        &out,
        &ReplayOptions {
            since: Some("2024-03-19".into()),
            until: Some("2026-01-21T12:30:20Z".into()),
            ..options()
        },
    );
    assert_eq!(report.since.as_deref(), Some("2024-03-19T00:00:00Z"));
    assert_eq!(
        (report.snapshots_read, report.snapshots_out_of_range),
        (5, 7)
    );
    assert_eq!(
        log(&out),
        ["2024-03-19T18:30:08Z|First record of Open Terms Archive Imprint"]
    );
}

#[test]
fn service_and_terms_type_select_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (snapshots, _) = imprint_snapshots(&dir.path().join("snapshots"));
    let report = run(
        &imprint_declarations(),
        &snapshots.dir,
        &dir.path().join("versions"),
        &ReplayOptions {
            terms_type: Some("Privacy Policy".into()),
            ..options()
        },
    );
    assert_eq!((report.snapshots_read, report.snapshots_filtered), (0, 12));
    assert!(report.failures.is_empty() && report.versions.is_empty());
}

#[test]
fn combined_terms_are_extracted_from_the_latest_snapshot_of_each_source_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let decls = declarations(
        &dir.path().join("declarations"),
        &[(
            "Acme.json",
            r#"{"name": "Acme", "terms": {"Terms of Service": {"combine": [
                {"fetch": "https://acme.example/legal/tos"},
                {"fetch": "https://acme.example/legal/fees"}], "select": "main"}}}"#,
        )],
    );
    let repo = support::Snapshots::init(&dir.path().join("snapshots"));
    let tos = "Acme/Terms of Service #legal-tos.html";
    let fees = "Acme/Terms of Service #legal-fees.html";
    let page = |text: &str| format!("<html><body><main><p>{text}</p></main></body></html>");
    let subject = "Record new changes of Acme Terms of Service";
    let m = |url| message(subject, Some(url));
    // The first source document alone: the terms cannot be assembled yet.
    let only_tos = repo.commit(
        "2025-01-01T00:30:00Z",
        &m("https://acme.example/legal/tos"),
        &[(tos, page("Use it well.").as_bytes())],
    );
    // One fetch of both documents (same date): one version.
    let tos_2 = repo.commit(
        "2025-01-02T00:30:00Z",
        &m("https://acme.example/legal/tos"),
        &[(tos, page("Use it wisely.").as_bytes())],
    );
    let fees_1 = repo.commit(
        "2025-01-02T00:30:00Z",
        &m("https://acme.example/legal/fees"),
        &[(fees, page("Fees: 1 EUR.").as_bytes())],
    );
    // Later only the fees change: the version combines the older terms with the new fees.
    let fees_2 = repo.commit(
        "2025-01-03T00:30:00Z",
        &m("https://acme.example/legal/fees"),
        &[(fees, page("Fees: 2 EUR.").as_bytes())],
    );
    let out = dir.path().join("versions");
    let report = run(&decls, &repo.dir, &out, &ReplayOptions::default());
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    assert_eq!(
        (
            report.snapshots_read,
            report.incomplete,
            report.extractions,
            report.versions_recorded
        ),
        (4, 1, 2, 2)
    );
    assert_ne!(only_tos, tos_2);
    let versions = VersionsRepository::open(&out)
        .expect("open")
        .versions("Acme", "Terms of Service")
        .expect("versions");
    assert_eq!(versions[0].snapshot_ids, [tos_2.clone(), fees_1]);
    assert_eq!(versions[1].snapshot_ids, [tos_2.clone(), fees_2.clone()]);
    assert_eq!(
        std::fs::read_to_string(out.join("Acme/Terms of Service.md")).expect("file"),
        "Use it wisely.\n\n- - -\n\nFees: 2 EUR."
    );
    let body = git(&out, &["log", "-1", "--format=%b"]);
    assert_eq!(
        body,
        format!(
            "This version was recorded after extracting from and assembling the following snapshots from 2 source documents:\n- {tos_2}\n- {fees_2}\n\nX-engine-version: {ENGINE}\n\n"
        )
    );
}

#[test]
fn progress_goes_from_zero_to_every_commit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (snapshots, _) = imprint_snapshots(&dir.path().join("snapshots"));
    let mut calls: Vec<(usize, usize, String)> = Vec::new();
    replay(
        &imprint_declarations(),
        &snapshots.dir,
        &dir.path().join("versions"),
        &ReplayOptions {
            window: 4,
            ..options()
        },
        &mut |done, total, what| calls.push((done, total, what.to_string())),
    )
    .expect("replay");
    assert_eq!(calls.first().map(|c| (c.0, c.1)), Some((0, 12)));
    assert_eq!(calls.last(), Some(&(12, 12, "done".to_string())));
    assert!(calls.windows(2).all(|w| w[0].0 <= w[1].0));
    assert!(
        calls
            .iter()
            .any(|c| c.2.contains("Open Terms Archive / Imprint"))
    );
}

#[test]
fn options_read_from_json_with_documented_defaults() {
    let empty: ReplayOptions = serde_json::from_str("{}").expect("all fields optional");
    assert_eq!(empty, ReplayOptions::default());
    assert_eq!(empty.snapshot_id_template, "%SNAPSHOT_ID");
    assert!(empty.legacy_snapshots && !empty.apply_upgrades);
    assert_eq!(empty.window, 64);
    let some: ReplayOptions =
        serde_json::from_str(r#"{"until": "2026-06-25", "apply_upgrades": true}"#).expect("json");
    assert!(some.apply_upgrades);
    assert!(serde_json::from_str::<ReplayOptions>(r#"{"untill": "x"}"#).is_err());
}

#[test]
fn bad_dates_and_missing_inputs_are_errors_with_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (snapshots, _) = imprint_snapshots(&dir.path().join("snapshots"));
    let out = dir.path().join("versions");
    let err = replay(
        &imprint_declarations(),
        &snapshots.dir,
        &out,
        &ReplayOptions {
            since: Some("yesterday".into()),
            ..options()
        },
        &mut |_, _, _| {},
    )
    .expect_err("bad date");
    assert_eq!(err.code(), "invalid_argument");
    assert!(err.to_string().contains("`since`"), "{err}");
    let err = replay(
        &imprint_declarations(),
        &dir.path().join("nowhere"),
        &out,
        &options(),
        &mut |_, _, _| {},
    )
    .expect_err("no snapshots repository");
    assert_eq!(err.code(), "repository_not_found");
    let err = replay(
        &dir.path().join("no-declarations"),
        &snapshots.dir,
        &out,
        &options(),
        &mut |_, _, _| {},
    )
    .expect_err("no declarations");
    assert_eq!(err.code(), "io");
}
