//! The one error type of this crate, with stable codes.
//!
//! Problems *in* the entries are not errors: they are [`crate::Diagnostic`]s in the report.
//! Errors are what stops a check from running at all (an unreadable directory, a bad schema).

use disinfo_core::codes;
use disinfo_core::error::CodeDoc;

/// Everything that can go wrong in `disinfo-encyclopedia`.
///
/// Every variant has a stable snake_case code ([`Error::code`]) shared by the Rust, Python,
/// Node and CLI front ends. Codes are never renamed; new failures get new variants.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A caller-supplied argument or option is missing, misspelt, of the wrong type or out of
    /// its domain (code `invalid_argument`).
    #[error(transparent)]
    InvalidArgument(#[from] disinfo_core::InvalidArgument),
    /// A file or directory could not be read or written (code `io`; the operating system's
    /// error is the source).
    #[error(transparent)]
    Io(#[from] disinfo_core::IoError),
    /// A schema (the built-in one or a corpus's extension) is not a usable JSON Schema.
    #[error("schema {origin} is not a usable JSON Schema 2020-12 document: {message}")]
    SchemaInvalid {
        /// Where the schema came from (a file path or `built-in`).
        origin: String,
        /// What is wrong, with its JSON pointer where known.
        message: String,
    },
}

impl Error {
    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidArgument(_) => codes::INVALID_ARGUMENT,
            Error::Io(_) => codes::IO,
            Error::SchemaInvalid { .. } => "schema_invalid",
        }
    }

    /// True when the caller passed a bad argument (Python maps these to `ValueError` subclasses).
    pub fn is_invalid_argument(&self) -> bool {
        matches!(
            self,
            Error::InvalidArgument(_) | Error::SchemaInvalid { .. }
        )
    }

    /// Every code this crate can return, documented.
    pub const CODES: &'static [CodeDoc] = &[
        CodeDoc {
            code: codes::INVALID_ARGUMENT,
            meaning: "An argument or option of an encyclopedia function is invalid (a limit of 0, a misspelt option, a bad date); the message names it.",
        },
        CodeDoc {
            code: codes::IO,
            meaning: "A corpus folder or entry file cannot be read, or a migrated file cannot be written. Problems *in* the entries are not errors: they are diagnostics in the report.",
        },
        CodeDoc {
            code: "schema_invalid",
            meaning: "The schema (the shipped one or a corpus's extension) is not a usable JSON Schema 2020-12 document; the message gives its origin and what is wrong.",
        },
    ];

    pub(crate) fn io(operation: &'static str, path: &std::path::Path, err: std::io::Error) -> Self {
        disinfo_core::IoError::new(operation, path.display(), err).into()
    }

    /// An invalid argument `name` with an explanation.
    pub fn arg(name: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidArgument(disinfo_core::InvalidArgument::new(name, message))
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_listed_and_stable() {
        let samples = [
            Error::arg("a", "b"),
            Error::io(
                "read",
                std::path::Path::new("p"),
                std::io::Error::other("m"),
            ),
            Error::SchemaInvalid {
                origin: "o".into(),
                message: "m".into(),
            },
        ];
        let codes: Vec<&str> = Error::CODES.iter().map(|c| c.code).collect();
        for e in &samples {
            assert!(codes.contains(&e.code()));
        }
        assert_eq!(codes, ["invalid_argument", "io", "schema_invalid"]);
    }
}
