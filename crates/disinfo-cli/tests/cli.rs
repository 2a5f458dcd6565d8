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
    for family in ["terms", "bots", "ads", "encyclopedia", "info"] {
        assert!(text.contains(family), "help lacks {family}: {text}");
    }
}

#[test]
fn info_prints_build_info_as_json() {
    let out = disinfo(&["info"]);
    assert!(out.status.success());
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["tools"].as_array().map(Vec::len), Some(4));
}

#[test]
fn unknown_command_is_a_usage_error_with_exit_2() {
    let out = disinfo(&["no-such-command"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.is_empty());
}
