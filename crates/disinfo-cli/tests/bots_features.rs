//! `disinfo bots features|rule` end to end: output shape, exit codes, error lines.

use std::process::Command;

fn disinfo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .output()
        .expect("run disinfo")
}

fn data(name: &str) -> String {
    format!("{}/../../{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn features_csv_has_contract_header_and_one_row_per_account() {
    let out = disinfo(&[
        "bots",
        "features",
        &data("examples/data/bots/tweets.jsonl"),
        "--input-format",
        "twitter-v1",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf8");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    assert!(header.starts_with("account_id,handle,age_h,posts,followers,following,likes_given,listed,default_profile,profile_use_background_image,verified,posts_per_hour,"));
    assert!(header.contains(",handle_likelihood,n_posts,"));
    assert_eq!(lines.count(), 5);
}

#[test]
fn features_json_worked_example() {
    let out = disinfo(&[
        "bots",
        "features",
        &data("crates/disinfo-bots/tests/data/same_account/twitter_v1.jsonl"),
        "--input-format",
        "twitter-v1",
        "--format",
        "json",
        "--no-behaviour",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let age = rows[0]["age_h"].as_f64().expect("age");
    assert!((age - 19968.31).abs() < 0.01);
    assert!((rows[0]["posts_per_hour"].as_f64().expect("rate") - 0.027093).abs() < 1e-6);
}

#[test]
fn strict_error_exits_2_with_code_and_lenient_exits_1_with_rejections() {
    let dir = tempfile_dir();
    let path = format!("{dir}/users.jsonl");
    std::fs::write(&path, "{\"id\":\"1\",\"username\":\"a\"}\n{\"id\":\n").expect("write");
    let out = disinfo(&[
        "bots",
        "features",
        &path,
        "--input-format",
        "twitter-v2",
        "--observed-at",
        "2021-01-01T00:00:00Z",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error[malformed_record]:") && err.contains("line 2"),
        "{err}"
    );
    let out = disinfo(&[
        "bots",
        "features",
        &path,
        "--input-format",
        "twitter-v2",
        "--observed-at",
        "2021-01-01T00:00:00Z",
        "--lenient",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("users.jsonl:2"));
}

#[test]
fn rule_reports_verdicts_and_exits_1_when_accounts_pass() {
    let out = disinfo(&[
        "bots",
        "rule",
        &data("examples/data/bots/tweets.jsonl"),
        "--input-format",
        "twitter-v1",
        "--rule",
        "dormant_2019",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(r["passed"], 2);
    let out = disinfo(&[
        "bots",
        "rule",
        &data("examples/data/bots/tweets.jsonl"),
        "--input-format",
        "twitter-v1",
        "--rule",
        "nope",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

fn tempfile_dir() -> String {
    let dir = std::env::temp_dir().join(format!("disinfo-bots-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    dir.display().to_string()
}
