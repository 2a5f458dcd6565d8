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

/// A fresh folder under the system's temp folder, one per test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("disinfo-cli-cluster-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Runs `cluster-features` on a features CSV with `text`.
fn cluster_csv(name: &str, text: &str, extra: &[&str]) -> std::process::Output {
    let path = scratch(name).join("features.csv");
    std::fs::write(&path, text).expect("write features CSV");
    let path = path.to_string_lossy().into_owned();
    let mut args = vec![
        "bots",
        "cluster-features",
        path.as_str(),
        "--input-format",
        "features-csv",
    ];
    args.extend_from_slice(extra);
    disinfo(&args)
}

fn error_code(out: &std::process::Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    err.strip_prefix("error[")
        .and_then(|rest| rest.split(']').next())
        .unwrap_or_else(|| panic!("no error[code] in {err}"))
        .to_string()
}

#[test]
fn cluster_features_reads_back_the_features_csv_with_the_same_labels_as_the_posts() {
    let csv = disinfo(&[
        "bots",
        "features",
        tweets().as_str(),
        "--input-format",
        "twitter-v1",
    ]);
    assert_eq!(csv.status.code(), Some(0));
    let text = String::from_utf8(csv.stdout).expect("utf-8");
    let params = ["--method", "kmeans", "--params", r#"{"n_clusters": 2}"#];
    let from_csv = cluster_csv("roundtrip", &text, &params);
    assert_eq!(
        from_csv.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&from_csv.stderr)
    );
    let from_posts = cluster(&params);
    let a: serde_json::Value = serde_json::from_slice(&from_csv.stdout).expect("json");
    let b: serde_json::Value = serde_json::from_slice(&from_posts.stdout).expect("json");
    assert_eq!(a["account_ids"], b["account_ids"]);
    assert_eq!(a["labels"], b["labels"]);
    assert_eq!(a["columns"], b["columns"]);
}

#[test]
fn cluster_features_missing_file_fails_with_code_io_and_exit_2() {
    let out = disinfo(&[
        "bots",
        "cluster-features",
        "/nonexistent/features.csv",
        "--input-format",
        "features-csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error_code(&out), "io");
}

#[test]
fn cluster_features_unknown_input_format_is_invalid_argument_with_exit_2() {
    let out = cluster_csv("format", "account_id,handle,f\na,a,1\n", &[]);
    assert_eq!(out.status.code(), Some(0), "a valid call first");
    let path = tweets();
    let out = disinfo(&[
        "bots",
        "cluster-features",
        path.as_str(),
        "--input-format",
        "features-xlsx",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error_code(&out), "invalid_argument");
}

#[test]
fn cluster_features_csv_not_a_features_csv_is_malformed_record_with_exit_2() {
    let out = cluster_csv("header", "id,followers\na,1\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error_code(&out), "malformed_record");
    let out = cluster_csv("cell", "account_id,handle,f\na,a,many\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error_code(&out), "malformed_record");
    assert!(String::from_utf8_lossy(&out.stderr).contains("`f`"));
}

#[test]
fn cluster_features_csv_nan_column_is_dropped_and_named() {
    let text = "account_id,handle,f,g\na,a,1,NaN\nb,b,2,3\nc,c,10,4\n";
    let out = cluster_csv("nan", text, &["--params", r#"{"min_samples": 1}"#]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["columns"], serde_json::json!(["f"]));
    assert_eq!(v["dropped_columns"], serde_json::json!(["g"]));
}

#[test]
fn cluster_features_csv_infinite_value_is_invalid_argument_naming_column_and_account() {
    for cell in ["inf", "-inf", "1e999"] {
        let text = format!("account_id,handle,f,g\na,a,1,2\nb,b,2,{cell}\n");
        let out = cluster_csv("inf", &text, &[]);
        assert_eq!(out.status.code(), Some(2), "{cell}");
        assert_eq!(error_code(&out), "invalid_argument", "{cell}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("`g`") && err.contains("account b"), "{err}");
    }
}

#[test]
fn cluster_features_csv_zero_columns_is_invalid_argument() {
    let out = cluster_csv("zero", "account_id,handle\na,a\nb,b\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error_code(&out), "invalid_argument");
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to cluster"));
}

#[test]
fn cluster_features_csv_single_account_is_noise_for_dbscan_and_an_error_for_kmeans() {
    let text = "account_id,handle,f\na,a,1\n";
    let out = cluster_csv("single", text, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["labels"], serde_json::json!([-1]));
    let out = cluster_csv("single-kmeans", text, &["--method", "kmeans"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error_code(&out), "invalid_argument");
    assert!(String::from_utf8_lossy(&out.stderr).contains("n_clusters"));
}

#[test]
fn cluster_features_csv_duplicate_rows_and_constant_columns_cluster_together() {
    let text = "account_id,handle,f,c\na,a,1,7\nb,b,1,7\nc,c,1,7\nd,d,50,7\n";
    let out = cluster_csv(
        "dup",
        text,
        &["--method", "kmeans", "--params", r#"{"n_clusters": 2}"#],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let labels = v["labels"].as_array().expect("labels");
    assert_eq!(labels[0], labels[1]);
    assert_eq!(labels[1], labels[2]);
    assert_ne!(labels[0], labels[3]);
    assert!(v["notes"].to_string().contains("`c` is constant"), "{v}");
}
