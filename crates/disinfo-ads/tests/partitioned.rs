//! The audit split by ad key gives the report of one process: every number, every table row,
//! the same evidence items in the same order, for any number of shards merged in any order.

mod common;
use common::collection;

use std::path::{Path, PathBuf};

use disinfo_ads::api::{self, CollectionArg, GenerateOptions};
use disinfo_ads::audit::partitioned::{AuditShard, audit_shard, merge};
use disinfo_ads::report::AuditReport;
use disinfo_ads::{AuditOptions, Error};
use serde_json::json;

fn args(dirs: &[PathBuf]) -> Vec<CollectionArg> {
    dirs.iter().cloned().map(CollectionArg::from).collect()
}

fn shards(collections: &[CollectionArg], n: u32, options: &AuditOptions) -> Vec<AuditShard> {
    (0..n)
        .map(|i| audit_shard(collections, i, n, options).expect("shard"))
        .collect()
}

/// The first place where two JSON values differ.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: &str) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(p, q, &format!("{at}/{k}")),
                (p, q) => Some(format!("{at}/{k}: {p:?} vs {q:?}")),
            })
        }
        (Value::Array(x), Value::Array(y)) => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, &format!("{at}/{i}")))
            .or_else(|| {
                (x.len() != y.len()).then(|| format!("{at}: {} vs {} items", x.len(), y.len()))
            }),
        _ => (a != b).then(|| format!("{at}: {a} vs {b}")),
    }
}

fn assert_reports_equal(merged: &AuditReport, whole: &AuditReport, what: &str) {
    let (m, w) = (
        serde_json::to_value(merged).expect("json"),
        serde_json::to_value(whole).expect("json"),
    );
    if let Some(d) = first_difference(&m, &w, "") {
        panic!("{what}: merged differs from one process at {d}");
    }
    assert_eq!(merged, whole, "{what}");
}

/// Every shard count gives the single-process report, shards merged in reverse order too.
fn assert_same(
    collections: &[CollectionArg],
    options: &AuditOptions,
    counts: &[u32],
) -> AuditReport {
    let whole = api::audit(collections, options, None).expect("audit");
    for &n in counts {
        let mut parts = shards(collections, n, options);
        let merged = merge(parts.clone()).expect("merge");
        assert_reports_equal(&merged, &whole, &format!("{n} shards"));
        parts.reverse();
        let merged = merge(parts).expect("merge");
        assert_reports_equal(&merged, &whole, &format!("{n} shards, reversed"));
    }
    whole
}

fn fr2019(root: &Path) -> Vec<CollectionArg> {
    args(&api::generate("fr2019", root, &GenerateOptions::default()).expect("generate"))
}

#[test]
fn fr2019_split_by_ad_key_gives_the_same_report_for_every_regime_and_evidence_limit() {
    let t = tempfile::tempdir().expect("tmp");
    let collections = fr2019(t.path());
    for (limit, counts) in [(1000, &[5][..]), (1, &[1, 7]), (0, &[2])] {
        let options = AuditOptions {
            regimes: vec![
                "dsa_39_2".into(),
                "dsa_39_3".into(),
                "ttpa_12".into(),
                "platform_pledge".into(),
            ],
            evidence_limit: limit,
            ..AuditOptions::default()
        };
        let whole = assert_same(&collections, &options, counts);
        // The scenario exercises the checks whose merge is not a plain sum.
        let count = |rule: &str| {
            whole
                .findings
                .iter()
                .filter(|f| f.rule == rule)
                .map(|f| f.count)
                .sum::<u64>()
        };
        assert!(count("ADS002") > 1000, "disappeared ads");
        assert!(!whole.advertisers.is_empty() && !whole.countries.is_empty());
        if limit > 0 {
            assert!(whole.evidence.iter().any(|e| e.rule == "ADS002"));
        }
    }
}

#[test]
fn bench_scenario_over_four_days_gives_the_same_report() {
    let t = tempfile::tempdir().expect("tmp");
    let options = GenerateOptions {
        days: Some(4),
        ads: Some(5_000),
        ..GenerateOptions::default()
    };
    let dirs = api::generate("bench", t.path(), &options).expect("generate");
    let audit = AuditOptions {
        evidence_limit: 25,
        ..AuditOptions::default()
    };
    let whole = assert_same(&args(&dirs), &audit, &[3, 5]);
    assert_eq!(whole.pairs.len(), 3);
}

fn meta_ad(id: u32, payer: &str, page: &str, country: &str) -> serde_json::Value {
    json!({
        "id": id.to_string(),
        "page_id": page,
        "page_name": format!("Page {page}"),
        "bylines": payer,
        "ad_creation_time": "2024-05-01",
        "ad_delivery_start_time": "2024-05-01",
        "spend": {"lower_bound": "100", "upper_bound": "199"},
        "impressions": {"lower_bound": "1000", "upper_bound": "1999"},
        "currency": "EUR",
        "delivery_by_region": [{"region": "Île-de-France", "percentage": "0.5"}],
        "target_locations": [{"name": country}],
        "ad_reached_countries": [country],
    })
}

/// Shared payers, declared totals per country, duplicates, rejected records (lenient), Google
/// ids re-attributed to another advertiser, ACTIVE ⊆ ALL: the checks that need a whole
/// collection, the files' own facts and the cross-scope check.
#[test]
fn whole_collection_checks_files_and_reattribution_survive_the_split() {
    let t = tempfile::tempdir().expect("tmp");
    let page = |ads: Vec<serde_json::Value>, extra: &str| {
        let mut text = json!({"data": ads}).to_string();
        text.push_str(extra);
        text
    };
    let day1: Vec<serde_json::Value> = (0..300)
        .map(|i| {
            meta_ad(
                i,
                &format!("Payer {}", i % 7),
                &format!("{}", i % 40),
                if i % 3 == 0 { "FR" } else { "BE" },
            )
        })
        .collect();
    let mut day2: Vec<serde_json::Value> = day1.iter().skip(40).cloned().collect();
    day2.push(day1[50].clone()); // a duplicate id
    day2.push(meta_ad(1000, "Payer 0", "0", "FR")); // active, not in ALL
    let meta = |at: &str, status: &str| {
        json!({
            "platform": "meta", "collected_at": at,
            "query": {"countries": ["FR", "BE"], "active_status": status},
            "declared_totals": {"ads": 280, "per_country": {"FR": 90, "BE": 200}},
        })
    };
    let all = collection(
        t.path(),
        "all",
        meta("2024-05-10T00:00:00Z", "ALL"),
        &[
            ("page-1.json", &page(day1.clone(), "")),
            ("page-2.json", "{\"data\": [{\"id\": "),
        ],
    );
    let active = collection(
        t.path(),
        "active",
        meta("2024-05-10T06:00:00Z", "ACTIVE"),
        &[("page-1.json", &page(day2, ""))],
    );
    let google_head = "Ad_ID,Ad_URL,Ad_Type,Regions,Advertiser_ID,Advertiser_Name,Date_Range_Start,Date_Range_End,Impressions,Spend_Range_Min_EUR,Spend_Range_Max_EUR\n";
    let google = |rows: &[(u32, u32)]| {
        let mut text = google_head.to_owned();
        for (ad, adv) in rows {
            text.push_str(&format!(
                "CR{ad},https://x/{ad},Text,FR,AR{adv},Adv {adv},2024-04-01,2024-04-02,1000-10000,100,500\n"
            ));
        }
        text
    };
    let g_meta = |at: &str| json!({"platform": "google", "collected_at": at, "query": {"countries": ["FR"]}});
    let rows1: Vec<(u32, u32)> = (0..200).map(|i| (i, i % 9)).collect();
    let rows2: Vec<(u32, u32)> = (0..200)
        .map(|i| (i, if i % 10 == 0 { 99 } else { i % 9 }))
        .collect();
    let g1 = collection(
        t.path(),
        "g1",
        g_meta("2024-05-01T00:00:00Z"),
        &[("creative_stats.csv", &google(&rows1))],
    );
    let g2 = collection(
        t.path(),
        "g2",
        g_meta("2024-05-02T00:00:00Z"),
        &[("creative_stats.csv", &google(&rows2))],
    );
    let lenient = AuditOptions {
        strict: false,
        evidence_limit: 4,
        shared_payer_min_advertisers: 3,
        ..AuditOptions::default()
    };
    let whole = assert_same(&args(&[all, active]), &lenient, &[2, 3, 11]);
    let kinds: Vec<&str> = whole.findings.iter().map(|f| f.kind.as_str()).collect();
    for kind in [
        "payer_shared",
        "declared_total_mismatch",
        "declared_country_mismatch",
        "duplicate_id",
        "rejected_record",
        "active_not_in_all",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    assert!(!whole.rejected.is_empty());
    let whole = assert_same(&args(&[g1, g2]), &AuditOptions::default(), &[2, 7]);
    assert_eq!(whole.pairs[0].disappeared.reattributed, 20);
}

fn code_and_name(e: Error) -> (String, String) {
    let code = e.code().to_owned();
    let name = match &e {
        Error::InvalidArgument(a) => a.name.clone(),
        _ => String::new(),
    };
    (code, name)
}

#[test]
fn shards_that_do_not_make_one_audit_are_refused_with_a_typed_error() {
    let t = tempfile::tempdir().expect("tmp");
    let collections = fr2019(t.path());
    let options = AuditOptions::default();
    for (shard, n) in [(3, 3), (0, 0), (7, 2)] {
        let e = audit_shard(&collections, shard, n, &options).expect_err("bad shard");
        assert_eq!(
            code_and_name(e),
            ("invalid_argument".into(), "shard".into())
        );
    }
    let parts = shards(&collections, 3, &options);
    let refused = |parts: Vec<AuditShard>| {
        let e = merge(parts).expect_err("refused");
        assert_eq!(
            code_and_name(e),
            ("invalid_argument".into(), "shards".into())
        );
    };
    refused(Vec::new());
    refused(parts[..2].to_vec());
    refused(vec![parts[0].clone(), parts[1].clone(), parts[1].clone()]);
    let other = AuditOptions {
        evidence_limit: 3,
        ..AuditOptions::default()
    };
    let mut mixed = parts.clone();
    mixed[2] = audit_shard(&collections, 2, 3, &other).expect("shard");
    refused(mixed);
    let mut renamed = parts.clone();
    renamed[1].report.advertisers[0].from = "elsewhere".into();
    refused(renamed);
    let mut unknown_rule = parts.clone();
    if let Some(g) = unknown_rule[1].groups.first_mut() {
        g.rule = "ADS999".into();
    }
    refused(unknown_rule);
    let mut regime = parts;
    regime[2].report.coverage[0].regime = "made_up".into();
    refused(regime);
}
