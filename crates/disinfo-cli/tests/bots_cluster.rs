//! `disinfo bots cluster-features` end to end: JSON and CSV shapes, every method, error lines.

use std::process::Command;

fn disinfo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .output()
        .expect("run disinfo")
}

fn tweets() -> String {
    format!(
        "{}/../../examples/data/bots/tweets.jsonl",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn cluster(extra: &[&str]) -> std::process::Output {
    let path = tweets();
    let mut args = vec![
        "bots",
        "cluster-features",
        path.as_str(),
        "--input-format",
        "twitter-v1",
    ];
    args.extend_from_slice(extra);
    disinfo(&args)
}

#[test]
fn cluster_features_json_has_account_ids_labels_and_summaries_for_every_method() {
    for (method, params) in [
        ("dbscan", r#"{"eps": 2.0, "min_samples": 2}"#),
        ("kmeans", r#"{"n_clusters": 2}"#),
        ("gmm", r#"{"n_components": 2, "reg_covar": 0.001}"#),
        ("hdbscan", r#"{"min_cluster_size": 2}"#),
    ] {
        let out = cluster(&["--method", method, "--params", params]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{method}: {err}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(v["method"], method);
        let ids = v["account_ids"].as_array().expect("ids");
        let labels = v["labels"].as_array().expect("labels");
        assert_eq!(ids.len(), 5, "{method}");
        assert_eq!(labels.len(), ids.len(), "{method}");
        let sizes: u64 = v["summaries"]
            .as_array()
            .expect("summaries")
            .iter()
            .map(|s| s["size"].as_u64().expect("size"))
            .sum();
        assert_eq!(sizes, 5, "{method}");
        // Columns with a missing value for some account are listed, not clustered.
        let columns = v["columns"].as_array().expect("columns");
        for dropped in v["dropped_columns"].as_array().expect("dropped") {
            assert!(!columns.contains(dropped));
        }
    }
}

#[test]
fn cluster_features_csv_is_account_id_and_label() {
    let out = cluster(&[
        "--method",
        "kmeans",
        "--params",
        r#"{"n_clusters": 2}"#,
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "account_id,label");
    assert_eq!(lines.len(), 6);
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.split(',').nth(1).is_some_and(|x| x == "0" || x == "1"))
    );
}

#[test]
fn cluster_features_bad_params_are_invalid_argument_with_exit_2() {
    for params in [r#"{"n_clusters": 2}"#, "[1]", "{not json"] {
        let out = cluster(&["--method", "gmm", "--params", params]);
        assert_eq!(out.status.code(), Some(2), "{params}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error[invalid_argument]:"), "{err}");
    }
    // min_samples (default: min_cluster_size) above the 5 accounts.
    let out = cluster(&[
        "--method",
        "hdbscan",
        "--params",
        r#"{"min_cluster_size": 6}"#,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("min_samples"));
}
