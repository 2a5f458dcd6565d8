//! The one error type of this crate, with stable codes.
//!
//! Problems *in* the entries are not errors: they are [`crate::Diagnostic`]s in the report.
//! Errors are what stops a check from running at all (an unreadable directory, a bad schema).

/// Everything that can go wrong in `disinfo-encyclopedia`.
///
/// Every variant has a stable snake_case code ([`Error::code`]) shared by the Rust, Python,
/// Node and CLI front ends. Codes are never renamed; new failures get new variants.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A caller-supplied argument or option is out of its domain.
    #[error("invalid argument `{name}`: {message}")]
    InvalidArgument {
        /// The argument or option name as the caller spelled it.
        name: String,
        /// What was wrong and what is accepted.
        message: String,
    },
    /// A file or directory could not be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The path that failed.
        path: String,
        /// The operating system's message and what to do.
        message: String,
    },
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
            Error::InvalidArgument { .. } => "invalid_argument",
            Error::Io { .. } => "io",
            Error::SchemaInvalid { .. } => "schema_invalid",
        }
    }

    /// True when the caller passed a bad argument (Python maps these to `ValueError` subclasses).
    pub fn is_invalid_argument(&self) -> bool {
        matches!(
            self,
            Error::InvalidArgument { .. } | Error::SchemaInvalid { .. }
        )
    }

    /// Every code this crate can return, for documentation and tests.
    pub const CODES: &'static [&'static str] = &["invalid_argument", "io", "schema_invalid"];

    pub(crate) fn io(path: &std::path::Path, err: &std::io::Error) -> Self {
        Error::Io {
            path: path.display().to_string(),
            message: format!("{err}; check that the path exists and is readable"),
        }
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
            Error::InvalidArgument {
                name: "a".into(),
                message: "b".into(),
            },
            Error::Io {
                path: "p".into(),
                message: "m".into(),
            },
            Error::SchemaInvalid {
                origin: "o".into(),
                message: "m".into(),
            },
        ];
        for e in &samples {
            assert!(Error::CODES.contains(&e.code()));
        }
        assert_eq!(Error::CODES, ["invalid_argument", "io", "schema_invalid"]);
    }
}
