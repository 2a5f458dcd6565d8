//! What the review's end-to-end tests share: the built `disinfo` run to success, a free port,
//! and the French 2019 collections from the bundled generator.

#![allow(dead_code)] // each test file uses its own part of this

use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

/// Runs the built `disinfo` with `args`; its standard output (it must succeed).
pub fn disinfo(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "disinfo {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A port free a moment ago on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind a free port")
        .local_addr()
        .expect("local address")
        .port()
}

/// The two French 2019 collections of the bundled generator (seed 2019) written under `dir`:
/// their folders, oldest first.
pub fn generated_fr2019(dir: &Path) -> Vec<String> {
    let out = dir.join("collections").to_string_lossy().into_owned();
    let generated = disinfo(&["ads", "generate", "fr2019", &out, "--seed", "2019"]);
    let collections: Vec<String> = serde_json::from_str(&generated).expect("a JSON list");
    assert_eq!(collections.len(), 2, "{generated}");
    collections
}
