//! Writing results to stdout.

use std::io::Write;

/// Prints `value` as pretty JSON followed by a newline.
pub fn print_json<T: serde::Serialize>(value: &T) -> disinfo::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| disinfo::Error::Internal {
        message: format!("cannot serialise the result: {e}"),
    })?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`disinfo ... | head`) is not an error of ours.
    let _ = writeln!(out, "{text}");
    Ok(())
}
