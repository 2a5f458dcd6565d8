//! `collection.json` with the query stored as it was sent to the platform (Meta's parameter
//! names), and the notes of the report (unknown query keys, credentials, nothing to compare).

use std::path::{Path, PathBuf};

use disinfo_ads::collection::read_meta;
use disinfo_ads::report::{self, AuditReport, Note, ReportFormat};
use disinfo_ads::{AuditOptions, audit_dirs};
use serde_json::json;

fn collection(root: &Path, id: &str, meta: serde_json::Value, ads: serde_json::Value) -> PathBuf {
    let dir = root.join(id);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut meta = meta;
    meta["id"] = json!(id);
    std::fs::write(dir.join("collection.json"), meta.to_string()).expect("meta");
    std::fs::write(
        dir.join("page-1.json"),
        json!({"data": ads, "paging": {}}).to_string(),
    )
    .expect("page");
    dir
}

fn run(dirs: &[PathBuf]) -> AuditReport {
    let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    let options = AuditOptions {
        regimes: vec![],
        ..AuditOptions::default()
    };
    audit_dirs(&dirs, None, &options, None).expect("audit")
}

fn notes<'a>(r: &'a AuditReport, code: &str) -> Vec<&'a Note> {
    r.notes.iter().filter(|n| n.code == code).collect()
}

fn evidence_ids(r: &AuditReport, rule: &str, kind: &str) -> Vec<String> {
    r.evidence
        .iter()
        .filter(|e| e.rule == rule && e.kind == kind)
        .filter_map(|e| e.ad.as_ref().map(|k| k.id.clone()))
        .collect()
}

/// A Meta-style query, as sent to `ads_archive`.
fn meta_query(status: &str) -> serde_json::Value {
    json!({
        "ad_reached_countries": "['FR']",
        "ad_active_status": status,
        "ad_type": "POLITICAL_AND_ISSUE_ADS",
        "search_terms": "europe",
        "fields": "id,page_id,page_name,funding_entity,age_country_gender_reach_breakdown",
        "limit": 250,
        "access_token": "EAAB-do-not-leak",
        "collector_run": {"by": "team-a", "machine": 7}
    })
}

fn meta(at: &str, query: serde_json::Value) -> serde_json::Value {
    json!({"platform": "meta", "collected_at": at, "query": query})
}

#[test]
fn meta_query_names_load() {
    let t = tempfile::tempdir().expect("tmp");
    let reached_de = json!([{"country": "DE", "age_gender_breakdowns": []}]);
    let all = collection(
        t.path(),
        "fr-all",
        meta("2019-05-20T06:00:00Z", meta_query("ALL")),
        json!([
            {"id": "1", "page_id": "p", "funding_entity": "A"},
            {"id": "2", "page_id": "p", "funding_entity": "A",
             "age_country_gender_reach_breakdown": reached_de}
        ]),
    );
    let active = collection(
        t.path(),
        "fr-active",
        meta("2019-05-20T07:00:00Z", meta_query("active")),
        json!([
            {"id": "1", "page_id": "p", "funding_entity": "A"},
            {"id": "3", "page_id": "p", "funding_entity": "A"}
        ]),
    );
    let m = read_meta(&all).expect("a Meta-style collection.json loads");
    assert_eq!(m.query.countries, ["FR"]);
    assert_eq!(m.query.active_status.as_deref(), Some("ALL"));
    assert_eq!(m.query.page_size, Some(250));
    assert!(m.query.unmapped.contains_key("collector_run"));

    let r = run(&[all, active]);
    // Country leakage: the query's countries come from `ad_reached_countries`.
    assert_eq!(evidence_ids(&r, "ADS013", "country_leakage"), ["2"]);
    // ACTIVE ⊆ ALL: the statuses come from `ad_active_status`.
    assert_eq!(evidence_ids(&r, "ADS013", "active_not_in_all"), ["3"]);
    // The ad without countries of its own counts under the query's country.
    let countries: Vec<&str> = r.countries.iter().map(|c| c.country.as_str()).collect();
    assert_eq!(countries, ["DE", "FR"]);
    // Comparability reads the statuses too: ALL then ACTIVE is not the same scope.
    assert!(!r.pairs[0].comparable);
    assert_eq!(
        r.pairs[0].reasons,
        ["queries differ in scope: active status ALL then ACTIVE"]
    );
    // The unknown key is kept and noted, per collection; the token is noted, never shown.
    let unknown = notes(&r, "unknown_query_key");
    assert_eq!(unknown.len(), 2);
    assert_eq!(unknown[0].collection.as_deref(), Some("fr-all"));
    assert!(
        unknown[0].message.contains("`collector_run`"),
        "{}",
        unknown[0].message
    );
    assert_eq!(notes(&r, "query_secret_dropped").len(), 2);
    let json = report::render(&r, ReportFormat::Json, None).expect("json");
    assert!(!json.contains("EAAB-do-not-leak"));
    assert!(json.contains("\"code\": \"unknown_query_key\""));
    let md = report::render(&r, ReportFormat::Markdown, None).expect("markdown");
    assert!(
        md.contains("## Notes") && md.contains("`collector_run`"),
        "{md}"
    );
}

#[test]
fn a_query_that_is_not_an_object_or_has_wrong_types_is_a_typed_error() {
    let t = tempfile::tempdir().expect("tmp");
    let ads = json!([{"id": "1"}]);
    for (id, query, says) in [
        ("array", json!(["FR"]), "must be a JSON object"),
        (
            "text",
            json!("ad_reached_countries=['FR']"),
            "must be a JSON object",
        ),
        (
            "number",
            json!({"ad_reached_countries": 7}),
            "`ad_reached_countries`",
        ),
        (
            "object",
            json!({"ad_reached_countries": {"FR": 1}}),
            "found an object",
        ),
        (
            "code",
            json!({"ad_reached_countries": ["France"]}),
            "not a two-letter",
        ),
        (
            "status",
            json!({"ad_active_status": "LIVE"}),
            "ACTIVE, INACTIVE or ALL",
        ),
        (
            "twice",
            json!({"countries": ["FR"], "ad_reached_countries": "['DE']"}),
            "keep one",
        ),
    ] {
        let dir = collection(
            t.path(),
            id,
            meta("2019-05-20T06:00:00Z", query),
            ads.clone(),
        );
        let err = audit_dirs(&[dir.as_path()], None, &AuditOptions::default(), None)
            .expect_err("bad query");
        assert_eq!(err.code(), "invalid_collection", "{id}");
        let text = err.to_string();
        assert!(
            text.contains(says) && text.contains("line 1 column"),
            "{id}: {text}"
        );
    }
}

#[test]
fn a_huge_map_of_unknown_query_keys_loads_and_is_noted_briefly() {
    let t = tempfile::tempdir().expect("tmp");
    let mut query = serde_json::Map::new();
    query.insert("ad_reached_countries".into(), json!(["FR"]));
    for i in 0..20_000 {
        query.insert(
            format!("extra_{i:05}"),
            json!({"i": i, "s": "x".repeat(20)}),
        );
    }
    let query = serde_json::Value::Object(query);
    let dir = collection(
        t.path(),
        "huge",
        meta("2019-05-20T06:00:00Z", query),
        json!([{"id": "1"}]),
    );
    let first = run(std::slice::from_ref(&dir));
    let unknown = notes(&first, "unknown_query_key");
    assert_eq!(unknown.len(), 1);
    assert!(
        unknown[0].message.contains("20000 keys"),
        "{}",
        unknown[0].message
    );
    assert!(unknown[0].message.contains("and 19990 more"));
    assert!(unknown[0].message.len() < 1_000);
    // Same input, same bytes.
    let again = run(&[dir]);
    let bytes = |r: &AuditReport| report::render(r, ReportFormat::Json, None).expect("json");
    assert_eq!(bytes(&first), bytes(&again));
}

#[test]
fn one_collection_says_there_is_nothing_to_compare_and_still_runs_its_own_checks() {
    let t = tempfile::tempdir().expect("tmp");
    let dir = collection(
        t.path(),
        "alone",
        meta("2019-05-20T06:00:00Z", json!({"countries": ["FR"]})),
        json!([
            {"id": "1", "funding_entity": "A", "spend": {"lower_bound": "900", "upper_bound": "100"}},
            {"id": "1", "funding_entity": "A"}
        ]),
    );
    let r = run(&[dir]);
    assert!(r.pairs.is_empty());
    let note = notes(&r, "nothing_to_compare");
    assert_eq!(note.len(), 1);
    assert_eq!(note[0].collection.as_deref(), Some("alone"));
    assert!(note[0].message.contains("nothing to compare"));
    // The checks within the collection ran.
    assert_eq!(evidence_ids(&r, "ADS011", "duplicate_id"), ["1"]);
    assert_eq!(evidence_ids(&r, "ADS009", "lower_above_upper"), ["1"]);
    let md = report::render(&r, ReportFormat::Markdown, None).expect("markdown");
    assert!(md.contains("Nothing to compare"), "{md}");
    assert!(md.contains("nothing was compared"), "{md}");
    let csv = report::render(&r, ReportFormat::Csv, Some(report::CsvTable::Notes)).expect("csv");
    assert!(
        csv.starts_with("code,collection,message\nnothing_to_compare,alone,"),
        "{csv}"
    );
}

#[test]
fn two_collections_have_no_nothing_to_compare_note() {
    let t = tempfile::tempdir().expect("tmp");
    let q = json!({"countries": ["FR"]});
    let a = collection(
        t.path(),
        "a",
        meta("2019-05-20T06:00:00Z", q.clone()),
        json!([{"id": "1"}]),
    );
    let b = collection(
        t.path(),
        "b",
        meta("2019-05-21T06:00:00Z", q),
        json!([{"id": "1"}]),
    );
    let r = run(&[a, b]);
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert!(r.pairs[0].comparable);
}
