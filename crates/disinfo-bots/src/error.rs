//! The one error type of this crate, with stable codes.

/// Everything that can go wrong in `disinfo-bots`.
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
    /// An input file could not be opened or read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The path as given.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// An output (a file, or `<output>` for a writer) could not be written.
    #[error("cannot write {path}: {message}")]
    Write {
        /// The path as given, or `<output>`.
        path: String,
        /// The operating system's message.
        message: String,
    },
}

impl Error {
    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidArgument { .. } => "invalid_argument",
            Error::MalformedRecord { .. } => "malformed_record",
            Error::Io { .. } | Error::Write { .. } => "io_error",
        }
    }

    /// True when the caller passed a bad argument (Python maps these to `ValueError` subclasses).
    pub fn is_invalid_argument(&self) -> bool {
        matches!(self, Error::InvalidArgument { .. })
    }

    /// Every code this crate can return, for documentation and tests.
    pub const CODES: &'static [&'static str] =
        &["invalid_argument", "malformed_record", "io_error"];
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
