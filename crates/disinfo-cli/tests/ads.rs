//! `disinfo ads`: the FR 2019 golden case from the command line, exit codes, formats.

use std::path::PathBuf;
use std::process::Command;

fn disinfo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Numbers as f64: canonical JSON writes 0.0 as `0`.
fn norm(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Number(n) => serde_json::json!(n.as_f64()),
        serde_json::Value::Array(a) => serde_json::Value::Array(a.into_iter().map(norm).collect()),
        serde_json::Value::Object(o) => {
            serde_json::Value::Object(o.into_iter().map(|(k, v)| (k, norm(v))).collect())
        }
        other => other,
    }
}

fn generated(name: &str) -> (PathBuf, Vec<String>) {
    let dir = std::env::temp_dir().join(format!("disinfo-cli-ads-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = disinfo(&[
        "ads",
        "generate",
        "fr2019",
        &dir.to_string_lossy(),
        "--seed",
        "2019",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dirs: Vec<String> = serde_json::from_slice(&out.stdout).expect("JSON list");
    (dir, dirs)
}

#[test]
fn audit_fr2019_matches_the_golden_case_and_exits_1() {
    let (dir, dirs) = generated("golden");
    let mut args = vec!["ads", "audit"];
    args.extend(dirs.iter().map(String::as_str));
    args.extend(["--evidence-limit", "3"]);
    let out = disinfo(&args);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let expected_text =
        std::fs::read_to_string(root().join("tests/golden/cases/ads-fr2019/expected.json"))
            .expect("golden");
    let expected: serde_json::Value = serde_json::from_str(&expected_text).expect("golden JSON");
    assert!(
        norm(got.clone()) == norm(expected["ok"].clone()),
        "the CLI report differs from the golden case"
    );
    assert_eq!(got["pairs"][0]["disappeared"]["total"], 4957);
    assert_eq!(got["pairs"][0]["rates"]["net"], 0.3145);
}

#[test]
fn audit_markdown_csv_and_bad_arguments() {
    let (dir, dirs) = generated("formats");
    let md = disinfo(&["ads", "audit", &dirs[0], &dirs[1], "--format", "markdown"]);
    let csv = disinfo(&[
        "ads", "audit", &dirs[0], &dirs[1], "--format", "csv", "--table", "pairs",
    ]);
    let bad = disinfo(&["ads", "audit", &dirs[0], "--regime", "gdpr"]);
    let search = disinfo(&["ads", "search", "votez", &dirs[0], "--max-hits", "1"]);
    let options = disinfo::ads::search::SearchOptions {
        max_hits: 1,
        ..Default::default()
    };
    let library = disinfo::ads::api::search("votez", &[PathBuf::from(&dirs[0])], &options)
        .expect("the library searches");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        String::from_utf8_lossy(&md.stdout)
            .contains("| fr-2019-05-20 → fr-2019-05-27 | ok | 13550 → 9288 |")
    );
    assert!(
        String::from_utf8_lossy(&csv.stdout)
            .contains("fr-2019-05-20,fr-2019-05-27,13550,9288,8593,695,4957")
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).starts_with("error[invalid_argument]"));
    assert_eq!(search.status.code(), Some(0));
    let r: serde_json::Value = serde_json::from_slice(&search.stdout).expect("JSON");
    // Every hit is counted, only `--max-hits` are listed: what the library finds.
    assert_eq!(r["total_hits"], library.total_hits);
    assert_eq!(r["hits"].as_array().map(Vec::len), Some(1));
}
