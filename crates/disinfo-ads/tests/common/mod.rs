//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use serde_json::json;

/// Writes collection `id` under `root`: its `collection.json` (`meta` with the id set) and its
/// raw files.
pub fn collection(
    root: &Path,
    id: &str,
    meta: serde_json::Value,
    files: &[(&str, &str)],
) -> PathBuf {
    let dir = root.join(id);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut meta = meta;
    meta["id"] = json!(id);
    std::fs::write(dir.join("collection.json"), meta.to_string()).expect("meta");
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("file");
    }
    dir
}
