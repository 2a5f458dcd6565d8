//! Writing results to standard output.
//!
//! A closed pipe (`disinfo ... | head`) ends the output quietly: the reader has what it wanted.
//! Any other write error (a full disk) ends it too, and `main` reports it with exit code 2, so
//! that a truncated result never looks like a complete one.

use std::io::{self, BufWriter, StdoutLock, Write};
use std::sync::OnceLock;

static FAILURE: OnceLock<String> = OnceLock::new();

/// The first write error other than a closed pipe, if any.
pub fn failure() -> Option<&'static str> {
    FAILURE.get().map(String::as_str)
}

/// Buffered standard output whose write errors end the output instead of failing the
/// command (see the module documentation). Flushed when dropped.
pub struct Stdout {
    inner: BufWriter<StdoutLock<'static>>,
    ended: bool,
}

/// Standard output for commands that stream their result (CSV, JSON lines).
pub fn stdout() -> Stdout {
    Stdout {
        inner: BufWriter::new(io::stdout().lock()),
        ended: false,
    }
}

impl Stdout {
    fn end(&mut self, error: &io::Error) {
        self.ended = true;
        if error.kind() != io::ErrorKind::BrokenPipe {
            let _ = FAILURE.set(error.to_string());
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.ended {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() != io::ErrorKind::Interrupted => {
                self.end(&e);
                Ok(buf.len())
            }
            result => result,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.ended
            && let Err(e) = self.inner.flush()
        {
            self.end(&e);
        }
        Ok(())
    }
}

impl Drop for Stdout {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Prints `text` as it is.
pub fn print_text(text: &str) {
    let _ = stdout().write_all(text.as_bytes());
}

/// Prints `text`, ending it with a newline if it has none (renderings meant for a terminal).
pub fn print_lines(text: &str) {
    let mut out = stdout();
    let _ = out.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = out.write_all(b"\n");
    }
}

/// Writes `text` to the file `path`, or prints it when there is none (`--output`).
pub fn write_to(text: &str, path: Option<&std::path::Path>) -> Result<(), disinfo::api::IoError> {
    match path {
        Some(p) => {
            std::fs::write(p, text).map_err(|e| disinfo::api::IoError::write(p.display(), e))
        }
        None => {
            print_text(text);
            Ok(())
        }
    }
}

/// Prints `value` as pretty JSON followed by a newline.
pub fn print_json<T: serde::Serialize>(value: &T) -> disinfo::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| disinfo::Error::Internal {
        message: format!("cannot serialise the result: {e}"),
    })?;
    let mut out = stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.write_all(b"\n");
    Ok(())
}
