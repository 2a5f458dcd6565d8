//! The error vocabulary shared by every tool.
//!
//! Each tool has one error enum with stable snake_case codes. The failures every tool can meet
//! are the same types here, so that they read and behave alike everywhere: a bad argument is an
//! [`InvalidArgument`] (code `invalid_argument`), a failed read or write an [`IoError`] (code
//! `io`, with the operating system's error kept as its [`source`](std::error::Error::source)).
//! [`codes::SHARED`] lists the codes shared by all tools; each tool's `Error::CODES` lists its
//! own; `docs/errors.md` is generated from both.

/// A documented error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct CodeDoc {
    /// The stable snake_case code.
    pub code: &'static str,
    /// When it is raised and what to do about it.
    pub meaning: &'static str,
}

/// The codes shared by every tool.
pub mod codes {
    use super::CodeDoc;

    /// A caller-supplied argument or option is missing, misspelt, of the wrong type or out of its
    /// domain.
    pub const INVALID_ARGUMENT: &str = "invalid_argument";
    /// Reading or writing a file, a directory or a stream failed.
    pub const IO: &str = "io";
    /// A record of an input (a line, a row, an array element) cannot be read.
    pub const MALFORMED_RECORD: &str = "malformed_record";
    /// A bug in disinfo: a panic caught at the boundary of the API.
    pub const INTERNAL: &str = "internal";

    /// The shared codes, documented.
    pub const SHARED: &[CodeDoc] = &[
        CodeDoc {
            code: INVALID_ARGUMENT,
            meaning: "An argument or option is missing, misspelt (the message says \"did you mean\"), of the wrong type or out of its domain. The message names it as you spelt it. Python raises a `ValueError` subclass.",
        },
        CodeDoc {
            code: IO,
            meaning: "Reading or writing a file, a directory or a stream failed; the message names the path and the operating system's reason. Check that the path exists and is readable (or writable).",
        },
        CodeDoc {
            code: MALFORMED_RECORD,
            meaning: "A record of an input (a JSON line, a CSV row, an array element) cannot be read; the message gives the file and the line, row or JSON pointer. Fix the record, or read in lenient mode to collect rejections and go on.",
        },
        CodeDoc {
            code: INTERNAL,
            meaning: "A bug in disinfo (a panic caught at the API boundary); the host process survives. Please report it with the message.",
        },
    ];
}

/// A caller-supplied argument or option is invalid (code `invalid_argument`).
///
/// `name` is the argument or option as the caller spelt it (`windw`, `params.minSamples`,
/// `inputs`); `message` says what is wrong and what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid argument `{name}`: {message}")]
pub struct InvalidArgument {
    /// The argument or option name as the caller spelt it.
    pub name: String,
    /// What was wrong and what is accepted.
    pub message: String,
}

impl InvalidArgument {
    /// An invalid argument `name` with an explanation. A name longer than a few hundred bytes
    /// (a hostile option name, a path into a deeply nested value) is shortened.
    pub fn new(name: impl Into<String>, message: impl Into<String>) -> Self {
        InvalidArgument {
            name: shorten(&name.into()).into_owned(),
            message: message.into(),
        }
    }
}

/// Caller text longer than this is shortened where a message quotes it.
const MAX_QUOTED: usize = 200;

/// `text` as a message may quote it: unchanged when short, else its first `MAX_QUOTED` bytes
/// (at a character boundary) and its length, so that a 50 MB option name or value does not
/// become a 50 MB error message.
pub fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_QUOTED {
        return std::borrow::Cow::Borrowed(text);
    }
    let cut = (0..=MAX_QUOTED)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    std::borrow::Cow::Owned(format!("{}… ({} bytes)", &text[..cut], text.len()))
}

/// Reading or writing a path failed (code `io`). The operating system's error is the
/// [`source`](std::error::Error::source).
#[derive(Debug, thiserror::Error)]
#[error("cannot {operation} {path}: {source}")]
pub struct IoError {
    /// What was being done: `read`, `write`, `create directory`, `list`, ...
    pub operation: &'static str,
    /// The path as given (or `<stdin>`, `<stdout>`).
    pub path: String,
    /// The operating system's error.
    #[source]
    pub source: std::io::Error,
}

impl IoError {
    /// A failed `operation` on `path`.
    pub fn new(
        operation: &'static str,
        path: impl std::fmt::Display,
        source: std::io::Error,
    ) -> Self {
        IoError {
            operation,
            path: path.to_string(),
            source,
        }
    }

    /// A failed read of `path`.
    pub fn read(path: impl std::fmt::Display, source: std::io::Error) -> Self {
        IoError::new("read", path, source)
    }

    /// A failed write of `path`.
    pub fn write(path: impl std::fmt::Display, source: std::io::Error) -> Self {
        IoError::new("write", path, source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn io_failure_keeps_the_os_error_as_source() {
        let os = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let e = IoError::read("a/b.json", os);
        assert_eq!(e.to_string(), "cannot read a/b.json: No such file");
        let source = e.source().expect("has a source");
        assert_eq!(source.to_string(), "No such file");
    }

    #[test]
    fn long_names_are_shortened_at_a_character_boundary() {
        let name = "é".repeat(1000);
        let e = InvalidArgument::new(name, "unknown option");
        assert!(e.name.starts_with("éé") && e.name.ends_with("… (2000 bytes)"));
        assert!(e.name.len() < 250);
        assert_eq!(InvalidArgument::new("windw", "x").name, "windw");
    }

    #[test]
    fn shared_codes_are_snake_case_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for c in codes::SHARED {
            assert!(
                c.code
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '_')
            );
            assert!(seen.insert(c.code), "{} twice", c.code);
            assert!(!c.meaning.is_empty());
        }
    }
}
