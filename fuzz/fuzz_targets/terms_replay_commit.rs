//! The replay's commit reader: any file path and commit message (OTA's snapshot files, its
//! trailers, the document ids of their URLs) give a value, never a panic.
#![no_main]

use disinfo::terms::replay::snapshots::{SnapshotFile, Trailers, document_id, parse_trailers};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (path, message) = text.split_once('\n').unwrap_or((&text, ""));
    if let Some(file) = SnapshotFile::parse(path) {
        let _ = file.mime_type();
    }
    let _ = document_id(path);
    let lower = message.to_ascii_lowercase();
    for (key, value) in parse_trailers(message) {
        assert!(lower.contains(key.as_str()) && message.contains(value.as_str()));
    }
    let _ = Trailers::from_message(message);
});
