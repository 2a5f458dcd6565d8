//! The command line is a front end over the core's requests: the options a user gives are
//! decoded by the core, so defaults, validation and messages are those of Python and Node, and
//! results have the shapes the golden cases pin for every language.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn disinfo_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn disinfo(args: &[&str]) -> Output {
    disinfo_in(&root(), args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The golden case's expected result (`{"ok": ...}`).
fn golden_ok(case: &str) -> Value {
    let path = root()
        .join("tests/golden/cases")
        .join(case)
        .join("expected.json");
    let text = std::fs::read_to_string(&path).expect("expected.json");
    let expected: Value = serde_json::from_str(&text).expect("JSON");
    expected["ok"].clone()
}

/// Numbers as f64: canonical JSON writes 1.0 as `1`.
fn norm(v: Value) -> Value {
    match v {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(a) => Value::Array(a.into_iter().map(norm).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, norm(v))).collect()),
        other => other,
    }
}

const OLD: &str = "examples/data/terms/versions/imprint-2025.md";
const NEW: &str = "examples/data/terms/versions/imprint-2026-01-28.md";

/// The message the library (and so Python and Node) gives for a request, as the CLI prints it.
fn core_error(operation: &str, args: Vec<Value>, options: Value) -> String {
    let args = args.into_iter().map(disinfo::api::Arg::Json).collect();
    let err = disinfo::api::call(operation, args, options)
        .err()
        .expect("the request is refused");
    format!("error[{}]: {err}\n", err.code())
}

#[test]
fn a_misspelt_granularity_is_the_cores_message_with_exit_2() {
    let out = disinfo(&["terms", "diff", OLD, NEW, "--granularity", "wrd"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let expected = core_error(
        "terms.diff",
        vec![json!("a"), json!("b")],
        json!({"granularity": "wrd"}),
    );
    assert_eq!(stderr(&out), expected);
    assert!(
        expected.starts_with(
            "error[invalid_argument]: invalid argument `granularity`: unknown value `wrd`; did you mean `word`?"
        ),
        "{expected}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_misspelt_coordination_kind_is_the_cores_message_with_exit_2() {
    let csv = "examples/data/bots/coordination/qut_sample_data.csv";
    let out = disinfo(&[
        "bots",
        "coordinate",
        csv,
        "--input-format",
        "qut-csv",
        "--kind",
        "co-lnk",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let expected = core_error(
        "bots.coordinate",
        vec![json!(csv), json!("qut-csv")],
        json!({"kind": "co-lnk"}),
    );
    assert_eq!(stderr(&out), expected);
    assert!(expected.contains("did you mean `co-link`?"), "{expected}");
}

#[test]
fn a_misspelt_input_format_is_the_cores_message_with_exit_2() {
    let out = disinfo(&[
        "bots",
        "features",
        "examples/data/bots/tweets.jsonl",
        "--input-format",
        "twiter-v1",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("error[invalid_argument]: invalid argument `input_format`: unknown value `twiter-v1`; did you mean `twitter-v1`?"),
        "{err}"
    );
}

#[test]
fn omitting_granularity_takes_the_cores_default() {
    let out = disinfo(&["terms", "diff", OLD, NEW, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let got: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let read = |p: &str| std::fs::read_to_string(root().join(p)).expect("version");
    let options = disinfo::terms::diff::DiffOptions {
        old_name: OLD.into(),
        new_name: NEW.into(),
        ..Default::default()
    };
    let expected = disinfo::terms::api::diff(&read(OLD), &read(NEW), &options);
    assert_eq!(got, serde_json::to_value(&expected).expect("JSON"));
    let by_char = disinfo(&[
        "terms",
        "diff",
        OLD,
        NEW,
        "--format",
        "json",
        "--granularity",
        "char",
    ]);
    let by_char: Value = serde_json::from_slice(&by_char.stdout).expect("JSON");
    assert_ne!(got, by_char, "--granularity reaches the core");
}

#[test]
fn terms_validate_on_a_directory_prints_the_summary_python_prints() {
    let case = root().join("tests/golden/cases/terms-validate-directory");
    let out = disinfo_in(
        &case,
        &["terms", "validate", "declarations", "single/Lonely.json"],
    );
    // One declaration of the directory is rejected: a finding.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let got: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(got, golden_ok("terms-validate-directory"));
}

#[test]
fn a_bare_folder_audit_is_described_by_platform_collected_at_and_country() {
    let dir = std::env::temp_dir().join(format!("disinfo-cli-bare-{}", std::process::id()));
    let bare = dir.join("2019-05-20");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&bare).expect("mkdir");
    std::fs::copy(
        root().join("examples/data/ads/meta-fr/2019-05-20/page-0001.json"),
        bare.join("page-0001.json"),
    )
    .expect("copy");
    let bare_arg = bare.to_str().expect("UTF-8 path");
    let described = [
        "--platform",
        "meta",
        "--collected-at",
        "2019-05-20T08:00:00Z",
        "--country",
        "FR",
    ];
    let mut args = vec!["ads", "audit", bare_arg];
    args.extend(described);
    let out = disinfo(&args);
    let undescribed = disinfo(&["ads", "audit", bare_arg]);
    let _ = std::fs::remove_dir_all(&dir);
    // The golden case found violations in this collection: exit 1, the same report.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let got: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(norm(got), norm(golden_ok("ads-audit-bare-folders")));
    assert_eq!(undescribed.status.code(), Some(2));
    assert!(
        stderr(&undescribed).starts_with("error[invalid_argument]: invalid argument `platform`"),
        "{}",
        stderr(&undescribed)
    );
}

#[test]
fn a_misspelt_report_format_is_the_cores_message_with_exit_2() {
    let out = disinfo(&[
        "ads",
        "audit",
        "examples/data/ads/google-fr/week-1",
        "--format",
        "markdwn",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("error[invalid_argument]: invalid argument `format`: unknown value `markdwn`; did you mean `markdown`?"),
        "{}",
        stderr(&out)
    );
}
