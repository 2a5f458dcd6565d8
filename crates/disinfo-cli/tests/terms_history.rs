//! `disinfo terms diff|history|track` as a user runs them.

mod http_support;

use std::io::{BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/data/terms/versions"
);

fn disinfo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("disinfo-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn git(dir: &Path, args: &[&str], date: Option<&str>) {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir).args(args);
    if let Some(d) = date {
        cmd.env("GIT_AUTHOR_DATE", d).env("GIT_COMMITTER_DATE", d);
    }
    assert!(cmd.output().expect("git").status.success(), "git {args:?}");
}

#[test]
fn diff_exits_1_when_versions_differ_and_renders_every_format() {
    let old = format!("{DATA}/imprint-2025.md");
    let new = format!("{DATA}/imprint-2026-01-28.md");
    let json = disinfo(&["terms", "diff", &old, &new, "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["classification"], "substantive");
    let html = disinfo(&[
        "terms",
        "diff",
        &old,
        &new,
        "--format",
        "html",
        "--granularity",
        "char",
    ]);
    assert!(String::from_utf8_lossy(&html.stdout).starts_with("<!DOCTYPE html>"));
    let text = disinfo(&["terms", "diff", &old, &new]);
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .contains("-Henri Verdier, Ambassador for Digital Affairs.")
    );
    let same = disinfo(&["terms", "diff", &old, &old, "--format", "markdown"]);
    assert_eq!(same.status.code(), Some(0));
}

#[test]
fn diff_input_errors_exit_2_with_code() {
    let out = disinfo(&["terms", "diff", "/no/such/file.md", "/no/such/other.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error[io]"));
    let dir = scratch("latin1");
    std::fs::write(dir.join("a.md"), b"caf\xe9").expect("write");
    let out = disinfo(&[
        "terms",
        "diff",
        dir.join("a.md").to_str().expect("path"),
        dir.join("a.md").to_str().expect("path"),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error[invalid_argument]"));
    let out = disinfo(&["terms", "diff", "a", "b", "--granularity", "sentence"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn history_reads_a_repository_written_like_ota_does() {
    let repo = scratch("history");
    git(&repo, &["init", "-q"], None);
    std::fs::create_dir_all(repo.join("Open Terms Archive")).expect("mkdir");
    for (file, date, prefix) in [
        ("imprint-2025.md", "2025-06-01T12:00:00Z", "First record of"),
        (
            "imprint-2026-01-28.md",
            "2026-01-28T12:30:21Z",
            "Record new changes of",
        ),
    ] {
        std::fs::copy(
            format!("{DATA}/{file}"),
            repo.join("Open Terms Archive/Imprint.md"),
        )
        .expect("copy");
        git(&repo, &["add", "."], None);
        git(
            &repo,
            &[
                "-c",
                "user.name=OTA-Bot",
                "-c",
                "user.email=bot@example.org",
                "commit",
                "-q",
                "-m",
                &format!("{prefix} Open Terms Archive Imprint"),
            ],
            Some(date),
        );
    }
    let out = disinfo(&[
        "terms",
        "history",
        repo.to_str().expect("path"),
        "--service",
        "Open Terms Archive",
        "--terms-type",
        "Imprint",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["stats"]["versions"], 2);
    assert_eq!(
        report["terms"][0]["changes"][0]["classification"],
        "substantive"
    );
    let md = disinfo(&[
        "terms",
        "history",
        repo.to_str().expect("path"),
        "--format",
        "markdown",
    ]);
    assert!(String::from_utf8_lossy(&md.stdout).contains("## Open Terms Archive — Imprint"));
    let missing = disinfo(&[
        "terms",
        "history",
        repo.join("nope").to_str().expect("path"),
    ]);
    assert!(String::from_utf8_lossy(&missing.stderr).starts_with("error[repository_not_found]"));
}

#[test]
fn track_records_versions_and_reports_errors_with_exit_1() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let Some(request) = http_support::read_request(&mut reader) else {
                continue;
            };
            let (status, body) = if request.path.contains("/tos") {
                (
                    "200 OK",
                    "<html><body><main><h1>Terms</h1><p>Be nice.</p></main></body></html>",
                )
            } else {
                ("500 Internal Server Error", "boom")
            };
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let dir = scratch("track");
    let decl = dir.join("declarations");
    std::fs::create_dir_all(&decl).expect("mkdir");
    std::fs::write(decl.join("Demo.json"), format!(r#"{{"name":"Demo","terms":{{"Terms of Service":{{"fetch":"{base}/tos","select":"main"}},"Privacy Policy":{{"fetch":"{base}/down","select":"main"}}}}}}"#)).expect("write");
    let (versions, snapshots) = (dir.join("versions"), dir.join("snapshots"));
    let out = disinfo(&[
        "terms",
        "track",
        decl.to_str().expect("path"),
        "--versions",
        versions.to_str().expect("path"),
        "--snapshots",
        snapshots.to_str().expect("path"),
        "--retries",
        "0",
        "--timeout-ms",
        "2000",
        "--quiet",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let outcomes: Vec<&str> = result["report"]["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["outcome"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(outcomes, ["fetch_error", "first_record"]);
    let log = Command::new("git")
        .current_dir(&versions)
        .args(["log", "--format=%s"])
        .output()
        .expect("git log");
    assert_eq!(
        String::from_utf8_lossy(&log.stdout).trim(),
        "First record of Demo Terms of Service"
    );
}
