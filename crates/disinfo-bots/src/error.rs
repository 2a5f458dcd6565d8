//! The one error type of this crate, with stable codes.

use disinfo_core::codes;
use disinfo_core::error::CodeDoc;

/// Everything that can go wrong in `disinfo-bots`.
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
    // --- adapters and features ---
    /// A record (line, array element, CSV row) could not be read or mapped.
    #[error(
        "malformed record in {source_name} at {location}: {reason}; fix or remove the record, or read in lenient mode to collect rejections"
    )]
    MalformedRecord {
        /// The input's name (file path, or `<input>` for in-memory data).
        source_name: String,
        /// Where: `line 12`, `line 3, column 7`, `record 4 /data/0/created_at`.
        location: String,
        /// 1-based line number where known (0 when not).
        line: u64,
        /// What was wrong.
        reason: String,
    },
    /// An input could not be read or an output written (code `io`; the operating system's
    /// error is the source).
    #[error(transparent)]
    Io(#[from] disinfo_core::IoError),
}

impl Error {
    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidArgument(_) => codes::INVALID_ARGUMENT,
            Error::MalformedRecord { .. } => codes::MALFORMED_RECORD,
            Error::Io(_) => codes::IO,
        }
    }

    /// True when the caller passed a bad argument (Python maps these to `ValueError` subclasses).
    pub fn is_invalid_argument(&self) -> bool {
        matches!(self, Error::InvalidArgument(_))
    }

    /// Every code this crate can return, documented.
    pub const CODES: &'static [CodeDoc] = &[
        CodeDoc {
            code: codes::INVALID_ARGUMENT,
            meaning: "An argument or option of a bots function is invalid (an unknown input format, a negative window, a misspelt option); the message names it.",
        },
        CodeDoc {
            code: codes::MALFORMED_RECORD,
            meaning: "A record of a platform export cannot be read in strict mode; the message gives the source and line. Read with `mode=\"lenient\"` to collect rejections and go on.",
        },
        CodeDoc {
            code: codes::IO,
            meaning: "An input file cannot be read, or a features or network file cannot be written.",
        },
    ];

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
    fn every_variant_code_is_documented_once() {
        let errors = [
            Error::arg("a", "b"),
            Error::MalformedRecord {
                source_name: "s".into(),
                location: "line 1".into(),
                line: 1,
                reason: "r".into(),
            },
            Error::from(disinfo_core::IoError::read("p", std::io::Error::other("m"))),
        ];
        let documented: Vec<&str> = Error::CODES.iter().map(|c| c.code).collect();
        for e in &errors {
            assert!(documented.contains(&e.code()), "{}", e.code());
        }
        assert_eq!(documented.len(), errors.len());
    }
}
