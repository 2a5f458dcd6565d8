//! The one error type of this crate, with stable codes.

use disinfo_core::codes;
use disinfo_core::error::CodeDoc;

/// Everything that can go wrong in `disinfo-ads`.
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
    /// A file or folder could not be read or written (code `io`; the operating system's error
    /// is the source).
    #[error(transparent)]
    Io(#[from] disinfo_core::IoError),
    /// A collection folder or its `collection.json` is unusable.
    #[error("collection {path}: {message}")]
    InvalidCollection {
        /// The collection folder or metadata file.
        path: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// A JSON file is not well-formed (truncated, bad syntax) in strict mode.
    #[error(
        "{file}:{line}:{column}: malformed JSON: {message} (use lenient mode to keep the records read before this point and report the rest as rejected)"
    )]
    MalformedJson {
        /// The file, relative to its collection folder.
        file: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// A record cannot be read as an ad (strict mode).
    #[error(
        "{file} {locator}: malformed record: {message} (use lenient mode to report it in `rejected` and go on)"
    )]
    MalformedRecord {
        /// The file, relative to its collection folder.
        file: String,
        /// JSON pointer (`/data/17`) or CSV row (`row 18`).
        locator: String,
        /// What is wrong.
        message: String,
    },
    /// A CSV file lacks a column the format requires.
    #[error(
        "{file}: missing column `{column}` (the header has: {header}); the file is not a {format} export or was cut"
    )]
    MissingColumn {
        /// The file, relative to its collection folder.
        file: String,
        /// The required column.
        column: String,
        /// The format expected.
        format: String,
        /// The columns found.
        header: String,
    },
    /// A review questionnaire cannot be read or is inconsistent.
    #[error("questionnaire {file}: {location}: {message}")]
    InvalidQuestionnaire {
        /// The file (or `<default>`, `<argument>`).
        file: String,
        /// `line L, column C` for a syntax error, else the path of the field
        /// (`questions[2].choices[1].id`).
        location: String,
        /// What is wrong.
        message: String,
    },
    /// A review database cannot be opened, read or written.
    #[error("review database {path}: {message}")]
    Storage {
        /// The database: its file, or its PostgreSQL URL without the password.
        path: String,
        /// What failed.
        message: String,
    },
    /// A review request is refused: an unknown, expired or used invitation, an unknown or
    /// expired session, a missing or wrong CSRF token, an owner's action by a reviewer, an ad
    /// not handed to this reviewer.
    #[error("refused: {reason}")]
    AccessRefused {
        /// Why, for the person refused.
        reason: String,
    },
    /// A search pattern is not a valid regular expression.
    #[error("invalid pattern `{pattern}`: {message}")]
    InvalidPattern {
        /// The pattern as given.
        pattern: String,
        /// The regex engine's message.
        message: String,
    },
}

impl Error {
    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidArgument(_) => codes::INVALID_ARGUMENT,
            Error::Io(_) => codes::IO,
            Error::InvalidCollection { .. } => "invalid_collection",
            Error::MalformedJson { .. } => "malformed_json",
            Error::MalformedRecord { .. } => "malformed_record",
            Error::MissingColumn { .. } => "missing_column",
            Error::InvalidPattern { .. } => "invalid_pattern",
            Error::InvalidQuestionnaire { .. } => "invalid_questionnaire",
            Error::Storage { .. } => "storage",
            Error::AccessRefused { .. } => "access_refused",
        }
    }

    /// True when the caller passed a bad argument (Python maps these to `ValueError` subclasses).
    pub fn is_invalid_argument(&self) -> bool {
        matches!(
            self,
            Error::InvalidArgument(_) | Error::InvalidPattern { .. }
        )
    }

    /// Every code this crate can return, documented.
    pub const CODES: &'static [CodeDoc] = &[
        CodeDoc {
            code: codes::INVALID_ARGUMENT,
            meaning: "An argument or option of an ads function is invalid (an unknown regime or format, a misspelt option); the message names it.",
        },
        CodeDoc {
            code: codes::IO,
            meaning: "A collection folder or one of its files cannot be read, or a generated collection cannot be written.",
        },
        CodeDoc {
            code: "invalid_collection",
            meaning: "A collection folder or its `collection.json` is unusable (missing, not JSON, no platform, an unknown adapter); the message says what to fix.",
        },
        CodeDoc {
            code: "malformed_json",
            meaning: "A JSON file of a collection is not well-formed (truncated, bad syntax) in strict mode; the message gives file, line and column. Audit in lenient mode to keep the records before that point and report the rest as rejected.",
        },
        CodeDoc {
            code: codes::MALFORMED_RECORD,
            meaning: "A record cannot be read as an ad in strict mode; the message gives the file and the JSON pointer or CSV row. Audit in lenient mode to report it in `rejected` and go on.",
        },
        CodeDoc {
            code: "missing_column",
            meaning: "A CSV file lacks a column its format requires; the file is not that platform's export, or was cut.",
        },
        CodeDoc {
            code: "invalid_pattern",
            meaning: "A search pattern is not a valid regular expression; the message quotes the regex engine's reason.",
        },
        CodeDoc {
            code: "storage",
            meaning: "A review database cannot be opened, migrated, read or written (a missing folder, a file that is not a database, a full disk, a PostgreSQL server that cannot be reached or refuses, a database of a newer version); the message names the file or the URL, without its password.",
        },
        CodeDoc {
            code: "access_refused",
            meaning: "A review request is refused: the invitation is unknown, expired or already used, the session is unknown or expired, a form came without its CSRF token, a reviewer asked for the owner's pages, or the ad was not handed to this reviewer. The web interface answers 403 (401 without a session).",
        },
        CodeDoc {
            code: "invalid_questionnaire",
            meaning: "A review questionnaire cannot be read (TOML or JSON syntax, with line and column) or is inconsistent (a repeated id, a label missing a language, a condition on an unknown question or choice); the message names the field.",
        },
    ];

    /// A failed `operation` on `path`.
    pub(crate) fn io(
        operation: &'static str,
        path: impl std::fmt::Display,
        err: std::io::Error,
    ) -> Self {
        disinfo_core::IoError::new(operation, path, err).into()
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
    fn every_variant_code_is_listed() {
        let samples = [
            Error::arg("x", "y"),
            Error::io("read", "p", std::io::Error::other("m")),
            Error::InvalidCollection {
                path: "p".into(),
                message: "m".into(),
            },
            Error::MalformedJson {
                file: "f".into(),
                line: 1,
                column: 2,
                message: "m".into(),
            },
            Error::MalformedRecord {
                file: "f".into(),
                locator: "/0".into(),
                message: "m".into(),
            },
            Error::MissingColumn {
                file: "f".into(),
                column: "c".into(),
                format: "x".into(),
                header: "h".into(),
            },
            Error::InvalidPattern {
                pattern: "(".into(),
                message: "m".into(),
            },
            Error::InvalidQuestionnaire {
                file: "f".into(),
                location: "questions[0]".into(),
                message: "m".into(),
            },
            Error::Storage {
                path: "p".into(),
                message: "m".into(),
            },
            Error::AccessRefused { reason: "r".into() },
        ];
        for e in &samples {
            assert!(
                Error::CODES.iter().any(|c| c.code == e.code()),
                "{}",
                e.code()
            );
        }
        assert_eq!(samples.len(), Error::CODES.len());
    }
}
