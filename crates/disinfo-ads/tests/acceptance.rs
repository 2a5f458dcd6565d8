//! Classes of disappeared ads, consistency checks, funding and field
//! states, bad input with locators.

mod common;
use common::collection;

use std::path::{Path, PathBuf};

use disinfo_ads::report::{AuditReport, Evidence};
use disinfo_ads::{AuditOptions, audit_dirs};
use serde_json::json;

fn meta(platform: &str, at: &str) -> serde_json::Value {
    json!({"platform": platform, "collected_at": at, "query": {"countries": ["FR"]}})
}

fn run(dirs: &[PathBuf], options: &AuditOptions) -> AuditReport {
    let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    audit_dirs(&dirs, None, options, None).expect("audit")
}

fn no_regime() -> AuditOptions {
    AuditOptions {
        regimes: vec![],
        ..AuditOptions::default()
    }
}

fn lenient() -> AuditOptions {
    AuditOptions {
        strict: false,
        ..AuditOptions::default()
    }
}

fn evidence<'a>(r: &'a AuditReport, rule: &str, kind: &str) -> Vec<&'a Evidence> {
    r.evidence
        .iter()
        .filter(|e| e.rule == rule && e.kind == kind)
        .collect()
}

const GOOGLE_HEAD: &str = "Ad_ID,Ad_URL,Ad_Type,Regions,Advertiser_ID,Advertiser_Name,Date_Range_Start,Date_Range_End,Impressions,Spend_Range_Min_EUR,Spend_Range_Max_EUR\n";

#[test]
fn google_same_ad_under_another_advertiser_is_reattributed() {
    let t = tempfile::tempdir().expect("tmp");
    let a = collection(
        t.path(),
        "g1",
        meta("google", "2024-05-01T00:00:00Z"),
        &[(
            "creative-stats.csv",
            &format!(
                "{GOOGLE_HEAD}CR1,u,TEXT,FR,AR1,A,2024-04-01,2024-04-30,≤ 10k,0,100\nCR2,u,TEXT,FR,AR1,A,2024-04-01,2024-04-30,≤ 10k,0,100\n"
            ),
        )],
    );
    let b = collection(
        t.path(),
        "g2",
        meta("google", "2024-05-02T00:00:00Z"),
        &[(
            "creative-stats.csv",
            &format!(
                "{GOOGLE_HEAD}CR1,u,TEXT,FR,AR2,B,2024-04-01,2024-04-30,≤ 10k,0,100\nCR2,u,TEXT,FR,AR1,A,2024-04-01,2024-04-30,≤ 10k,0,100\n"
            ),
        )],
    );
    let r = run(&[a, b], &AuditOptions::default());
    let d = r.pairs[0].disappeared;
    assert_eq!((d.total, d.reattributed, d.unexplained), (1, 1, 0));
    let e = evidence(&r, "ADS002", "reattributed");
    assert_eq!(
        e[0].ad
            .as_ref()
            .map(|k| (k.id.as_str(), k.scope.as_deref())),
        Some(("CR1", Some("AR1")))
    );
    assert_eq!(e[0].observations[0].locator.row, Some(2));
}

fn meta_page(ids: &[&str]) -> String {
    let data: Vec<_> = ids
        .iter()
        .map(|i| json!({"id": i, "page_id": "p", "funding_entity": "X"}))
        .collect();
    json!({"data": data, "paging": {}}).to_string()
}

#[test]
fn ad_absent_on_day_two_and_back_on_day_four_is_reappeared_not_removed() {
    let t = tempfile::tempdir().expect("tmp");
    let days = [
        ("d1", vec!["1", "2"]),
        ("d2", vec!["2"]),
        ("d3", vec!["2"]),
        ("d4", vec!["1", "2"]),
    ];
    let dirs: Vec<PathBuf> = days
        .iter()
        .enumerate()
        .map(|(i, (id, ids))| {
            collection(
                t.path(),
                id,
                meta("meta", &format!("2019-05-2{i}T00:00:00Z")),
                &[("p1.json", &meta_page(ids))],
            )
        })
        .collect();
    let r = run(&dirs, &no_regime());
    let d = r.pairs[0].disappeared;
    assert_eq!((d.total, d.reappeared, d.unexplained), (1, 1, 0));
    assert_eq!(r.pairs[0].rates.unexplained, 0.0);
    assert_eq!(r.violations, 0);
    let e = evidence(&r, "ADS002", "reappeared");
    assert_eq!(e[0].collections, vec!["d1", "d2", "d4"]);
}

#[test]
fn cumulative_impressions_going_down_are_flagged_with_the_delta() {
    let t = tempfile::tempdir().expect("tmp");
    let rec = |lo: &str| {
        json!([{"id": "1", "funding_entity": "X", "impressions": {"lower_bound": lo, "upper_bound": "9999"}}]).to_string()
    };
    let a = collection(
        t.path(),
        "a",
        meta("meta", "2019-05-20T00:00:00Z"),
        &[("p.json", &rec("5000"))],
    );
    let b = collection(
        t.path(),
        "b",
        meta("meta", "2019-05-21T00:00:00Z"),
        &[("p.json", &rec("1000"))],
    );
    let r = run(&[a, b], &AuditOptions::default());
    let e = evidence(&r, "ADS008", "cumulative_decreased");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].delta, Some(-4000));
    assert_eq!(e[0].field.as_deref(), Some("impressions"));
    assert_eq!(e[0].observations.len(), 2);
}

#[test]
fn same_id_twice_in_one_collection_is_reported_with_both_locators() {
    let t = tempfile::tempdir().expect("tmp");
    let a = collection(
        t.path(),
        "a",
        meta("meta", "2019-05-20T00:00:00Z"),
        &[
            ("p1.json", &meta_page(&["1", "2"])),
            ("p2.json", &meta_page(&["3", "1"])),
        ],
    );
    let r = run(&[a], &AuditOptions::default());
    assert_eq!(r.collections[0].duplicates, 1);
    assert_eq!(r.collections[0].unique_ads, 3);
    let e = evidence(&r, "ADS011", "duplicate_id");
    let locs: Vec<(String, Option<String>)> = e[0]
        .observations
        .iter()
        .map(|o| (o.locator.file.clone(), o.locator.pointer.clone()))
        .collect();
    assert_eq!(
        locs,
        vec![
            ("p1.json".into(), Some("/data/0".into())),
            ("p2.json".into(), Some("/data/1".into()))
        ]
    );
}

#[test]
fn collection_not_complete_makes_its_pairs_inconclusive() {
    let t = tempfile::tempdir().expect("tmp");
    let a = collection(
        t.path(),
        "a",
        meta("meta", "2019-05-20T00:00:00Z"),
        &[("p.json", &meta_page(&["1", "2", "3"]))],
    );
    let mut m = meta("meta", "2019-05-21T00:00:00Z");
    m["termination"] = json!("cursor_broken");
    let b = collection(t.path(), "b", m, &[("p.json", &meta_page(&["1"]))]);
    let r = run(&[a, b], &no_regime());
    let p = &r.pairs[0];
    assert!(!p.comparable);
    assert_eq!(p.status, "inconclusive");
    assert!(p.reasons[0].contains("cursor_broken"));
    assert_eq!(p.disappeared.total, 2);
    assert_eq!(r.violations, 0);
    assert_eq!(evidence(&r, "ADS002", "inconclusive").len(), 2);
    assert_eq!(evidence(&r, "ADS001", "inconclusive").len(), 1);
}

#[test]
fn payer_states_absent_null_not_requested_and_sentinel_are_distinct_in_coverage() {
    let t = tempfile::tempdir().expect("tmp");
    let data = json!({"data": [
        {"id": "1", "funding_entity": "Parti A"},
        {"id": "2", "bylines": "Parti B"},
        {"id": "3", "funding_entity": null},
        {"id": "4"},
        {"id": "5", "funding_entity": "These ads ran without a disclaimer"}
    ]})
    .to_string();
    let a = collection(
        t.path(),
        "a",
        meta("meta", "2019-05-20T00:00:00Z"),
        &[("p.json", &data)],
    );
    let mut m = meta("meta", "2019-05-20T00:00:00Z");
    m["query"]["fields"] = json!(["id", "page_name"]);
    let b = collection(t.path(), "b", m, &[("p.json", &data)]);
    let r = run(&[a], &AuditOptions::default());
    let row = r
        .coverage
        .iter()
        .find(|c| c.field == "payer" && c.country.is_none())
        .expect("row");
    let s = |k: &str| row.states.get(k).copied().unwrap_or(0);
    assert_eq!(
        (s("present"), s("null"), s("absent"), s("sentinel")),
        (2, 1, 1, 1)
    );
    assert_eq!(row.coverage, Some(0.4));
    // Payer findings: the sentinel counts as missing.
    let kinds: Vec<_> = evidence(&r, "ADS005", "dsa_39_2:payer")
        .iter()
        .map(|e| e.ad.as_ref().map(|k| k.id.clone()))
        .collect();
    assert_eq!(
        kinds,
        vec![Some("3".into()), Some("4".into()), Some("5".into())]
    );
    // Same records, payer not requested: a third state, not a violation.
    let r = run(&[b], &AuditOptions::default());
    let row = r
        .coverage
        .iter()
        .find(|c| c.field == "payer" && c.country.is_none())
        .expect("row");
    assert_eq!(row.states.get("not_requested"), Some(&1));
    assert_eq!(row.states.get("present"), Some(&2));
}

#[test]
fn truncated_json_keeps_earlier_records_and_reports_the_rest() {
    let t = tempfile::tempdir().expect("tmp");
    let a = collection(
        t.path(),
        "a",
        meta("meta", "2019-05-20T00:00:00Z"),
        &[(
            "p.json",
            "{\"data\":[{\"id\":\"1\"},\n{\"id\":\"2\"},\n{\"id\":\"3\",\"page_na",
        )],
    );
    let r = run(std::slice::from_ref(&a), &lenient());
    assert_eq!(r.collections[0].unique_ads, 2);
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(r.rejected[0].code, "malformed_json");
    assert_eq!(r.rejected[0].locator.line, Some(3));
    assert_eq!(evidence(&r, "ADS013", "rejected_record").len(), 1);
    let err = audit_dirs(&[a.as_path()], None, &AuditOptions::default(), None).expect_err("strict");
    assert_eq!(err.code(), "malformed_json");
    assert!(err.to_string().contains("p.json:3:"), "{err}");
}

#[test]
fn csv_with_a_missing_key_column_is_an_error_or_a_rejection_with_its_rows_counted() {
    let t = tempfile::tempdir().expect("tmp");
    let a = collection(
        t.path(),
        "a",
        meta("google", "2024-05-01T00:00:00Z"),
        &[("c.csv", "Ad_ID,Advertiser_Name\nCR1,A\nCR2,B\n")],
    );
    let err = audit_dirs(&[a.as_path()], None, &AuditOptions::default(), None).expect_err("strict");
    assert_eq!(err.code(), "missing_column");
    let r = run(&[a], &lenient());
    assert_eq!(r.rejected[0].code, "missing_column");
    assert!(r.rejected[0].message.contains("2 data rows"));
    assert_eq!(r.collections[0].read, 2);
}

#[test]
fn page_with_more_rows_than_requested_is_reported() {
    let t = tempfile::tempdir().expect("tmp");
    let ids: Vec<String> = (0..2501).map(|i| i.to_string()).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut m = meta("meta", "2019-05-20T00:00:00Z");
    m["query"]["page_size"] = json!(2500);
    let a = collection(t.path(), "a", m, &[("page-1.json", &meta_page(&ids))]);
    let r = run(&[a], &AuditOptions::default());
    let e = evidence(&r, "ADS013", "page_over_limit");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].delta, Some(1));
    assert_eq!(e[0].observations[0].locator.file, "page-1.json");
    assert_eq!(r.collections[0].unique_ads, 2501);
}

#[test]
fn numbers_as_strings_and_impossible_dates_are_reported_with_locators() {
    let t = tempfile::tempdir().expect("tmp");
    let lines = "{\"id\":\"1\",\"payer\":\"X\",\"spend\":{\"lo\":\"100\",\"hi\":199}}\n{\"id\":\"2\",\"payer\":\"X\",\"first_shown\":\"2019-02-30\"}\n";
    let a = collection(
        t.path(),
        "a",
        meta("other", "2019-05-20T00:00:00Z"),
        &[("ads.jsonl", lines)],
    );
    let r = run(&[a], &AuditOptions::default());
    let n = evidence(&r, "ADS009", "number_as_string");
    assert_eq!(n[0].observations[0].locator.line, Some(1));
    let d = evidence(&r, "ADS010", "invalid_date");
    assert_eq!(d[0].observations[0].locator.line, Some(2));
    assert!(d[0].detail.contains("2019-02-30"));
    assert_eq!(r.collections[0].unique_ads, 2);
}

#[test]
fn empty_deeply_nested_and_garbage_files_never_panic() {
    let t = tempfile::tempdir().expect("tmp");
    let deep = format!(
        "[{{\"id\":\"1\",\"x\":{}{}}}]",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let a = collection(
        t.path(),
        "a",
        meta("meta", "2019-05-20T00:00:00Z"),
        &[
            ("1-empty.json", ""),
            ("2-deep.json", &deep),
            ("3-garbage.json", "\u{0}\u{1}not json"),
            ("4-scalar.json", "[1, \"x\", null]"),
        ],
    );
    let r = run(&[a], &lenient());
    // The deep record is skipped over, not recursed into: it is read (its id is usable).
    assert_eq!(r.collections[0].unique_ads, 1);
    let codes: Vec<_> = r
        .rejected
        .iter()
        .map(|x| (x.locator.file.as_str(), x.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("1-empty.json", "malformed_json"),
            ("3-garbage.json", "malformed_json"),
            ("4-scalar.json", "malformed_record"),
            ("4-scalar.json", "malformed_record"),
            ("4-scalar.json", "malformed_record"),
        ]
    );
    assert!(r.rejected.iter().all(|x| !x.message.is_empty()));
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[test]
fn cited_raw_hashes_are_of_each_records_exact_bytes_read_back_from_the_files() {
    use disinfo_ads::collection::{LoadOptions, load_dir};
    use disinfo_ads::model::Interner;

    let t = tempfile::tempdir().expect("tmp");
    // Whitespace inside and around the records; the same id twice with identical bytes.
    let record = r#"{ "id" : "1",  "page_id": "9" }"#;
    let page = format!("{{\"data\": [\n  {record},\n\t{record} , {{\"id\": \"2\"}}\n]}}");
    let dir = collection(
        t.path(),
        "a",
        meta("meta", "2019-05-20T00:00:00Z"),
        &[("p.json", &page)],
    );
    let r = run(std::slice::from_ref(&dir), &AuditOptions::default());
    let e = evidence(&r, "ADS011", "duplicate_id");
    assert_eq!(e.len(), 1);
    assert!(e[0].detail.contains("identical records"), "{}", e[0].detail);
    let hashes: Vec<Option<&str>> = e[0]
        .observations
        .iter()
        .map(|o| o.raw_hash.as_deref())
        .collect();
    let want = sha256_hex(record.as_bytes());
    assert_eq!(hashes, [Some(want.as_str()), Some(want.as_str())]);

    // A CSV row after a byte-order mark: the hash is of the row's bytes without its newline.
    let row = "CR1,u,TEXT,FR,AR1,A,2024-04-01,2024-04-30,≤ 10k,0,100";
    let g = collection(
        t.path(),
        "g",
        meta("google", "2024-05-01T00:00:00Z"),
        &[(
            "creative-stats.csv",
            &format!("\u{feff}{GOOGLE_HEAD}{row}\r\n"),
        )],
    );
    let mut interner = Interner::new();
    let coll = load_dir(&g, None, &LoadOptions::default(), &mut interner, None).expect("load");
    let hash = coll.raw_hash(&coll.ads[0].obs).map(hex::encode);
    assert_eq!(hash, Some(sha256_hex(row.as_bytes())));

    // A file that changes after it was loaded cannot be cited: the audit fails.
    let coll = load_dir(&dir, None, &LoadOptions::default(), &mut interner, None).expect("load");
    std::fs::write(dir.join("p.json"), format!("{page} ")).expect("rewrite");
    assert_eq!(coll.raw_hash(&coll.ads[0].obs), None);
    let err = disinfo_ads::audit(&[coll], &mut interner, &AuditOptions::default())
        .expect_err("changed file");
    assert_eq!(err.code(), "invalid_collection");
    assert!(err.to_string().contains("changed"), "{err}");
}
