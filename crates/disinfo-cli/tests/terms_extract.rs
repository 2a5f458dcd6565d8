//! `disinfo terms extract|extract-batch|validate` as a user runs them.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden/cases");
const EXAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/data/terms/extract"
);

fn disinfo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn select_arg(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn extract_reproduces_the_seven_ota_demo_pairs_byte_for_byte() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(CASES)
        .expect("cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("terms-extract-ota-demo-"))
        })
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 7);
    for dir in dirs {
        let case: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("case.json")).expect("case"))
                .expect("json");
        let k = &case["kwargs"];
        let snapshot = dir.join("snapshot.html");
        let mut args = vec![
            "terms".to_string(),
            "extract".into(),
            snapshot.display().to_string(),
            "--url".into(),
            k["location"].as_str().expect("location").into(),
            "--select".into(),
            select_arg(&k["select"]),
            "--flavor".into(),
            "ota".into(),
        ];
        if let Some(r) = k.get("remove") {
            args.push("--remove".into());
            args.push(select_arg(r));
        }
        let out = disinfo(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            out.status.success(),
            "{}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("expected.json")).expect("expected"),
        )
        .expect("json");
        assert_eq!(
            String::from_utf8(out.stdout).expect("utf-8"),
            expected["ok"].as_str().expect("ok"),
            "{}",
            dir.display()
        );
    }
}

#[test]
fn extract_reads_stdin_and_fails_with_code_on_stderr() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args([
            "terms",
            "extract",
            "-",
            "--url",
            "https://example.com/",
            "--select",
            "#missing",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"<main>x</main>")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error[selector_no_match]:"));
}

#[test]
fn extract_with_declaration_and_terms_type() {
    let out = disinfo(&[
        "terms",
        "extract",
        &format!("{EXAMPLES}/imprint.html"),
        "--declaration",
        &format!("{EXAMPLES}/Open Terms Archive.json"),
        "--terms-type",
        "Imprint",
        "--flavor",
        "canonical",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(md.starts_with("# "), "{md}");
}

#[test]
fn extract_batch_runs_jobs_and_reports_failures() {
    let dir = std::env::temp_dir().join(format!("disinfo-extract-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let jobs = dir.join("jobs.jsonl");
    std::fs::write(
        &jobs,
        "{\"id\":\"ok\",\"content\":\"<main><p>Hi</p></main>\",\"location\":\"https://e.com/\",\"select\":\"main\"}\n\
         {\"id\":\"bad\",\"content\":\"<main></main>\",\"location\":\"https://e.com/\",\"select\":\"#x\"}\n",
    )
    .expect("write");
    let out = disinfo(&[
        "terms",
        "extract-batch",
        jobs.to_str().expect("path"),
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl"))
        .collect();
    assert_eq!(lines[0]["markdown"], "Hi");
    assert_eq!(lines[1]["error"]["code"], "selector_no_match");
}

#[test]
fn validate_reports_rejected_declarations() {
    let dir = std::env::temp_dir().join(format!("disinfo-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("Good.json"),
        r#"{"name":"Good","terms":{"Imprint":{"fetch":"https://a.com","select":"main"}}}"#,
    )
    .expect("write");
    std::fs::write(
        dir.join("Bad.json"),
        r#"{"name":"Bad","terms":{"Imprint":{"fetch":"https://a.com","selector":"main"}}}"#,
    )
    .expect("write");
    let out = disinfo(&["terms", "validate", dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["loaded"], serde_json::json!(["Good"]));
    assert_eq!(report["service_files"], 2);
    assert_eq!(report["rejected"][0]["code"], "unknown_key");
}
