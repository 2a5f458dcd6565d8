//! Progress bars of the long commands: drawn on a terminal, absent when standard error is a pipe
//! or with `--quiet`. The terminal is a real pseudo-terminal, from util-linux's `script`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("disinfo-progress-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A batch of `count` small extraction jobs, as JSON lines.
fn jobs_file(dir: &Path, count: usize) -> PathBuf {
    let lines: Vec<String> = (0..count)
        .map(|i| {
            serde_json::json!({
                "id": i.to_string(),
                "content": format!("<main><p>Clause {i}.</p></main>"),
                "location": "https://example.com/terms",
                "select": "main",
            })
            .to_string()
        })
        .collect();
    let path = dir.join("jobs.jsonl");
    std::fs::write(&path, lines.join("\n")).expect("jobs written");
    path
}

/// What a terminal shows while `disinfo ARGS` runs with standard error on a pseudo-terminal
/// (standard output goes to a file, as a user redirecting the results would do).
fn on_a_terminal(dir: &Path, args: &str) -> String {
    let command = format!(
        "{} {args} > {}",
        env!("CARGO_BIN_EXE_disinfo"),
        dir.join("results.jsonl").display()
    );
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .expect("util-linux's script runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn extract_batch_draws_a_bar_on_a_terminal() {
    let dir = scratch("extract_batch_draws");
    let jobs = jobs_file(&dir, 400);
    let shown = on_a_terminal(&dir, &format!("terms extract-batch {}", jobs.display()));
    assert!(shown.contains("/400"), "no bar drawn: {shown:?}");
}

#[test]
fn quiet_hides_the_bar_on_a_terminal() {
    let dir = scratch("quiet_hides");
    let jobs = jobs_file(&dir, 400);
    let shown = on_a_terminal(
        &dir,
        &format!("terms extract-batch --quiet {}", jobs.display()),
    );
    assert!(!shown.contains("/400"), "a bar with --quiet: {shown:?}");
}

#[test]
fn no_bar_when_standard_error_is_a_pipe() {
    let dir = scratch("no_bar_pipe");
    let jobs = jobs_file(&dir, 400);
    let out = Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(["terms", "extract-batch"])
        .arg(&jobs)
        .output()
        .expect("the binary runs");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("/400"), "a bar on a pipe: {stderr:?}");
    assert!(
        !stderr.contains('\u{1b}'),
        "terminal escapes on a pipe: {stderr:?}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 400);
}
