//! `disinfo bots report` end to end: the site's files, the ranking on stdout, features CSV
//! input, and bad input as typed errors with exit 2.

use std::path::PathBuf;
use std::process::{Command, Output};

fn disinfo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .output()
        .expect("run disinfo")
}

fn data(name: &str) -> String {
    format!(
        "{}/../../examples/data/bots/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A fresh folder under the system's temp folder, one per test.
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("disinfo-cli-report-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn error_code(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    err.strip_prefix("error[")
        .and_then(|rest| rest.split(']').next())
        .unwrap_or_else(|| panic!("no error[code] in {err}"))
        .to_string()
}

fn report(inputs: &[&str], format: &str, output: &str, extra: &[&str]) -> Output {
    let mut args = vec!["bots", "report"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--input-format", format, "--output", output]);
    args.extend_from_slice(extra);
    disinfo(&args)
}

#[test]
fn report_writes_the_site_and_ranks_the_clusters_on_stdout() {
    let dir = scratch("site");
    let out_dir = dir.join("site");
    let out = report(
        &[&data("tweets.jsonl")],
        "twitter-v1",
        &out_dir.to_string_lossy(),
        &[
            "--params",
            r#"{"n_clusters": 2}"#,
            "--network",
            "co-repost",
            "--network-window",
            "3600",
            "--title",
            "Example accounts",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("kmeans"), "{stdout}");
    assert!(stdout.contains("network co-repost"), "{stdout}");
    assert!(stdout.contains("rank  cluster"), "{stdout}");
    assert!(stdout.contains("site: "), "{stdout}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("report.json")).expect("report.json"))
            .expect("json");
    assert_eq!(json["title"], "Example accounts");
    assert_eq!(json["clustering"]["n_clusters"], 2);
    let files = json["files"].as_array().expect("files");
    for name in [
        "index.html",
        "en/index.html",
        "fr/index.html",
        "report.json",
    ] {
        assert!(files.iter().any(|f| f == name), "{name} listed");
    }
    for file in files {
        let path = out_dir.join(file.as_str().expect("name"));
        assert!(path.is_file(), "{} written", path.display());
    }
    // One ranked line per cluster.
    let ranked = stdout
        .lines()
        .filter(|l| l.contains("bot-like") || l.contains("mixed") || l.contains("organic"))
        .count();
    assert_eq!(ranked, json["clusters"].as_array().expect("clusters").len());
}

#[test]
fn report_reads_a_features_csv() {
    let dir = scratch("features");
    let csv = disinfo(&[
        "bots",
        "features",
        &data("tweets.jsonl"),
        "--input-format",
        "twitter-v1",
    ]);
    assert_eq!(csv.status.code(), Some(0));
    let path = dir.join("features.csv");
    std::fs::write(&path, &csv.stdout).expect("write");
    let out_dir = dir.join("site");
    let out = report(
        &[&path.to_string_lossy()],
        "features-csv",
        &out_dir.to_string_lossy(),
        &["--params", r#"{"n_clusters": 2}"#],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out_dir.join("en/index.html").is_file());
}

#[test]
fn report_missing_input_fails_with_code_io_and_exit_2() {
    let dir = scratch("missing");
    let out = report(
        &["/nonexistent/posts.csv"],
        "coortweet",
        &dir.join("site").to_string_lossy(),
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error_code(&out), "io");
}

#[test]
fn report_unknown_input_format_or_network_is_invalid_argument_with_exit_2() {
    let dir = scratch("format");
    let site = dir.join("site").to_string_lossy().into_owned();
    let out = report(&[&data("tweets.jsonl")], "twitter-v9", &site, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error_code(&out), "invalid_argument");
    let out = report(
        &[&data("tweets.jsonl")],
        "twitter-v1",
        &site,
        &["--network", "co-telepathy"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error_code(&out), "invalid_argument");
    assert!(String::from_utf8_lossy(&out.stderr).contains("network"));
    let out = report(
        &[&data("tweets.jsonl")],
        "twitter-v1",
        &site,
        &["--params", "{not json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error_code(&out), "invalid_argument");
}

#[test]
fn report_without_output_is_a_usage_error_with_exit_2() {
    let out = disinfo(&[
        "bots",
        "report",
        &data("tweets.jsonl"),
        "--input-format",
        "twitter-v1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output"));
}

#[test]
fn report_bad_features_csv_is_a_typed_error_never_a_panic() {
    let dir = scratch("bad");
    let site = dir.join("site").to_string_lossy().into_owned();
    for (name, text, code) in [
        (
            "inf",
            "account_id,handle,f\na,a,1\nb,b,inf\n",
            "invalid_argument",
        ),
        ("zero", "account_id,handle\na,a\nb,b\n", "invalid_argument"),
        ("cell", "account_id,handle,f\na,a,x\n", "malformed_record"),
        ("single", "account_id,handle,f\na,a,1\n", "invalid_argument"),
    ] {
        let path = dir.join(format!("{name}.csv"));
        std::fs::write(&path, text).expect("write");
        let out = report(&[&path.to_string_lossy()], "features-csv", &site, &[]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_eq!(error_code(&out), code, "{name}");
    }
}
