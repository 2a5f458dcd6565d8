//! `disinfo encyclopedia`: exit codes and the same diagnostics as the golden case.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn disinfo(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn encyclopedia_check_example_corpus_exits_zero_with_no_diagnostics() {
    let dir = root().join("examples/data/encyclopedia");
    let (code, out) = disinfo(&[
        "encyclopedia",
        "check",
        dir.to_str().expect("utf-8 path"),
        "--format",
        "text",
    ]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "0 error(s), 0 warning(s)\n");
}

#[test]
fn encyclopedia_check_planted_corpus_matches_golden_and_exits_one() {
    let case = root().join("tests/golden/cases/encyclopedia-planted-defects");
    let dir = case.join("corpus");
    let (code, out) = disinfo(&["encyclopedia", "check", dir.to_str().expect("utf-8 path")]);
    assert_eq!(code, 1);
    let got: serde_json::Value = serde_json::from_str(&out).expect("json");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(case.join("expected.json")).expect("expected.json"),
    )
    .expect("json");
    assert_eq!(got, expected["ok"]);
    assert_eq!(got["diagnostics"].as_array().map(Vec::len), Some(20));
}

#[test]
fn encyclopedia_check_text_lines_are_path_line_col_rule() {
    let dir = root().join("tests/golden/cases/encyclopedia-planted-defects/corpus");
    let (_, out) = disinfo(&[
        "encyclopedia",
        "check",
        dir.to_str().expect("utf-8 path"),
        "--format",
        "text",
    ]);
    assert!(
        out.starts_with("actors/dfrlab.md:12:1: error[FM004] duplicate key `url`"),
        "{out}"
    );
    assert!(
        out.contains("tools/euvsdisinfo-database.md:9:1: error[SC004] unknown key `maintianers`")
    );
    assert!(out.ends_with("19 error(s), 1 warning(s)\n"));
}

#[test]
fn encyclopedia_check_missing_dir_exits_two() {
    let (code, _) = disinfo(&["encyclopedia", "check", "/nonexistent/corpus"]);
    assert_eq!(code, 2);
}

#[test]
fn encyclopedia_check_with_schema_extension_requires_the_new_field() {
    let tmp = std::env::temp_dir().join(format!("disinfo-enc-schema-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("tmp");
    let schema = tmp.join("extra.schema.json");
    std::fs::write(
        &schema,
        r#"{"properties": {"license": {"type": "string"}}, "required": ["license"]}"#,
    )
    .expect("write");
    let dir = root().join("examples/data/encyclopedia");
    let (code, out) = disinfo(&[
        "encyclopedia",
        "check",
        dir.to_str().expect("utf-8 path"),
        "--schema",
        schema.to_str().expect("utf-8 path"),
        "--format",
        "text",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.contains("error[SC001] required field `license` is missing"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
