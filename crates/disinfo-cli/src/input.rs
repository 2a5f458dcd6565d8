//! What the user names on the command line: files, or standard input for `-`.

use std::io::Read;
use std::path::Path;

use disinfo::api::IoError;

use crate::tool::Tool;

/// True when `path` is `-`, standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The bytes of a file, or of standard input for `-`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, IoError> {
    if is_stdin(path) {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| IoError::read("<stdin>", e))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| IoError::read(path.display(), e))
    }
}

/// The UTF-8 text of a file, or of standard input for `-`; other encodings are refused with
/// the offset of the first invalid byte.
pub fn read_text(path: &Path, tool: Tool) -> disinfo::Result<String> {
    let bytes = read_bytes(path).map_err(|e| tool.io(e))?;
    String::from_utf8(bytes).map_err(|e| {
        tool.bad_argument(
            &path.display().to_string(),
            format!(
                "not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// A JSON value the user wrote in a file (`what` names it in messages, e.g. `--options`).
pub fn read_json(path: &Path, what: &str, tool: Tool) -> disinfo::Result<serde_json::Value> {
    let text = read_text(path, tool)?;
    serde_json::from_str(&text).map_err(|e| {
        tool.bad_argument(
            what,
            format!(
                "{} is not JSON: {e} (line {}, column {})",
                path.display(),
                e.line(),
                e.column()
            ),
        )
    })
}
