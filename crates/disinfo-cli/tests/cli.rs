//! The `disinfo` binary as a user runs it: exit codes, version, info.

use std::process::Command;

fn disinfo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn version_prints_the_crate_version() {
    let out = disinfo(&["--version"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.trim(),
        format!("disinfo {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_lists_one_family_per_tool() {
    let out = disinfo(&["help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for family in ["terms", "bots", "ads", "encyclopedia", "chat", "info"] {
        assert!(text.contains(family), "help lacks {family}: {text}");
    }
}

#[test]
fn info_prints_build_info_as_json() {
    let out = disinfo(&["info"]);
    assert!(out.status.success());
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["tools"].as_array().map(Vec::len), Some(5));
}

#[test]
fn unknown_command_is_a_usage_error_with_exit_2() {
    let out = disinfo(&["no-such-command"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.is_empty());
}

/// A path under the repository's `examples/data/`.
fn example_data(path: &str) -> String {
    format!("{}/../../examples/data/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `disinfo args` with a stdout pipe whose reading end is closed before the command
/// writes (`disinfo ... | head -c0`); returns the exit code and stderr.
fn with_closed_stdout(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn a_closed_stdout_pipe_ends_every_output_format_quietly() {
    let corpus = example_data("encyclopedia");
    let tweets = example_data("bots/tweets.jsonl");
    let imprint = example_data("terms/extract/imprint.html");
    let declaration = example_data("terms/extract/Open Terms Archive.json");
    let (old, new) = (
        example_data("terms/versions/imprint-2025.md"),
        example_data("terms/versions/imprint-2026-01-28.md"),
    );
    // (arguments, exit code: 1 where the command reports findings)
    let commands: [(&[&str], i32); 7] = [
        (&["encyclopedia", "check", &corpus, "--format", "text"], 0),
        (&["encyclopedia", "check", &corpus, "--format", "json"], 0),
        (
            &["bots", "features", &tweets, "--input-format", "twitter-v1"],
            0,
        ),
        (
            &[
                "bots",
                "features",
                &tweets,
                "--input-format",
                "twitter-v1",
                "--format",
                "json",
            ],
            0,
        ),
        (
            &[
                "terms",
                "extract",
                &imprint,
                "--declaration",
                &declaration,
                "--terms-type",
                "Imprint",
            ],
            0,
        ),
        (&["terms", "diff", &old, &new], 1),
        (&["info"], 0),
    ];
    for (args, expected) in commands {
        let (code, stderr) = with_closed_stdout(args);
        assert_eq!(code, Some(expected), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn a_failing_stdout_is_an_output_error_with_exit_2() {
    let corpus = example_data("encyclopedia");
    let commands: [&[&str]; 2] = [
        &["info"],
        &["encyclopedia", "check", &corpus, "--format", "text"],
    ];
    for args in commands {
        // Writes to /dev/full fail with "No space left on device".
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full opens");
        let out = Command::new(env!("CARGO_BIN_EXE_disinfo"))
            .args(args)
            .stdout(full)
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with(
                "error[output]: cannot write the result to standard output: No space left"
            ),
            "{stderr}"
        );
    }
}
