//! Any bytes as an entry file: the front matter splitter, the YAML loader, the schema mapping
//! and the cross-file rules must never panic, and every diagnostic must have a sane position.
#![no_main]

use disinfo::encyclopedia::{CheckOptions, SourceFile, check_files};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = [
        SourceFile {
            path: "a.md".into(),
            bytes: data.to_vec(),
        },
        SourceFile {
            path: "b/c.md".into(),
            bytes: data.to_vec(),
        },
    ];
    let options = CheckOptions {
        max_nodes: 10_000,
        max_depth: 32,
        ..CheckOptions::default()
    };
    if let Ok(report) = check_files(&files, &options) {
        for d in &report.diagnostics {
            assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        }
    }
});
