//! The history's flat list of changes and its reverts, on real versions of the OTA demo
//! collection (tests/data/history, ODC-By).

use chrono::{DateTime, Utc};
use disinfo_terms::diff::Classification;
use disinfo_terms::versions::{HistoryOptions, Record, VersionsRepository, history};

const BREVO_A: &str = include_str!("data/history/brevo-privacy-4990c3b.md");
const BREVO_B: &str = include_str!("data/history/brevo-privacy-bc99e1f.md");
const IMPRINT_OLD: &str = include_str!("data/history/ota-imprint-d5b62ab.md");
const IMPRINT_NEW: &str = include_str!("data/history/ota-imprint-df5aa36.md");

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("date")
        .with_timezone(&Utc)
}

/// Brevo's privacy policy as OTA recorded it in 2023: Cloudflare's e-mail protection hid the
/// addresses (A), then did not (B), then did again (A, byte for byte); and two versions of OTA's
/// imprint.
fn build(dir: &std::path::Path) -> (VersionsRepository, Vec<String>) {
    let repo = VersionsRepository::open_or_init(dir).expect("init");
    let steps = [
        ("Brevo", "Privacy Policy", BREVO_A, "2023-09-26T12:30:00Z"),
        ("Brevo", "Privacy Policy", BREVO_B, "2023-10-19T18:30:00Z"),
        ("Brevo", "Privacy Policy", BREVO_A, "2023-10-27T12:30:00Z"),
        (
            "Open Terms Archive",
            "Imprint",
            IMPRINT_OLD,
            "2024-04-10T07:06:18Z",
        ),
        (
            "Open Terms Archive",
            "Imprint",
            IMPRINT_NEW,
            "2026-01-28T12:30:21Z",
        ),
    ];
    let mut ids = Vec::new();
    for (service, terms_type, text, date) in steps {
        let info = repo
            .record(&Record {
                service,
                terms_type,
                extension: "md",
                content: text.as_bytes(),
                date: at(date),
                snapshot_ids: vec!["0123abcd".into()],
                snapshot_id_template: "%SNAPSHOT_ID",
                technical_upgrade: false,
            })
            .expect("record")
            .expect("a change");
        ids.push(info.id);
    }
    (repo, ids)
}

#[test]
fn flip_flop_back_to_an_earlier_text_is_a_revert() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (repo, ids) = build(dir.path());
    let report = history(&repo, &HistoryOptions::default()).expect("history");
    let brevo = &report.terms[0];
    assert_eq!(brevo.service, "Brevo");
    let reverts: Vec<Option<&str>> = brevo.changes.iter().map(|c| c.reverts.as_deref()).collect();
    assert_eq!(reverts, [None, Some(ids[0].as_str())]);
    let imprint = &report.terms[1];
    assert_eq!(imprint.changes[0].reverts, None);
}

#[test]
fn flat_changes_are_newest_first_with_their_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (repo, ids) = build(dir.path());
    let report = history(&repo, &HistoryOptions::default()).expect("history");
    let flat: Vec<(&str, &str, &str)> = report
        .changes
        .iter()
        .map(|c| {
            (
                c.service.as_str(),
                c.change.date.as_str(),
                c.change.to.as_str(),
            )
        })
        .collect();
    assert_eq!(
        flat,
        [
            (
                "Open Terms Archive",
                "2026-01-28T12:30:21Z",
                ids[4].as_str()
            ),
            ("Brevo", "2023-10-27T12:30:00Z", ids[2].as_str()),
            ("Brevo", "2023-10-19T18:30:00Z", ids[1].as_str()),
        ]
    );
    assert_eq!(
        report.changes[1].change.reverts.as_deref(),
        Some(ids[0].as_str())
    );
    assert!(report.changes.iter().all(|c| c.change.diff.is_none()));
    // The flat list is the per-document changes, relabelled.
    assert_eq!(report.changes.len(), report.stats.changes);
}

#[test]
fn flat_changes_filter_by_classification_date_and_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (repo, ids) = build(dir.path());
    let only = |options: HistoryOptions| -> Vec<String> {
        history(&repo, &options)
            .expect("history")
            .changes
            .into_iter()
            .map(|c| c.change.to)
            .collect()
    };
    let substantive = only(HistoryOptions {
        classification: vec![Classification::Substantive],
        ..HistoryOptions::default()
    });
    let all = only(HistoryOptions::default());
    assert!(!substantive.is_empty() && substantive.iter().all(|id| all.contains(id)));
    assert_eq!(
        only(HistoryOptions {
            since: Some("2023-10-19".into()),
            until: Some("2023-10-27".into()),
            ..HistoryOptions::default()
        }),
        [ids[2].clone(), ids[1].clone()],
        "days are inclusive: since is the day's start, until its end"
    );
    assert_eq!(
        only(HistoryOptions {
            limit: Some(1),
            ..HistoryOptions::default()
        }),
        [ids[4].clone()]
    );
    assert_eq!(
        only(HistoryOptions {
            service: Some("Brevo".into()),
            since: Some("2023-10-20T00:00:00Z".into()),
            ..HistoryOptions::default()
        }),
        [ids[2].clone()]
    );
}

#[test]
fn bad_history_dates_are_invalid_arguments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (repo, _) = build(dir.path());
    let err = history(
        &repo,
        &HistoryOptions {
            since: Some("last week".into()),
            ..HistoryOptions::default()
        },
    )
    .expect_err("bad date");
    assert_eq!(err.code(), "invalid_argument");
    assert!(err.to_string().contains("`since`"), "{err}");
}

#[test]
fn history_options_read_from_json() {
    let options: HistoryOptions = serde_json::from_str(
        r#"{"service": "Brevo", "classification": ["substantive", "link"], "since": "2024-01-01", "limit": 10}"#,
    )
    .expect("json");
    assert_eq!(
        options.classification,
        [Classification::Substantive, Classification::Link]
    );
    assert_eq!(options.limit, Some(10));
}
