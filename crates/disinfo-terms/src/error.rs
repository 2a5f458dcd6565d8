//! The one error type of this crate, with stable codes.

/// Everything that can go wrong in `disinfo-terms`.
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

    // --- issue 4: versions, history, tracking (codes: repository_not_found, git_failed,
    // terms_not_found, version_not_found, io_failed, fetch_failed) ---
    /// The path is not a git repository (or does not exist).
    #[error("no git repository at {path}: {message}; clone an OTA versions repository there or use `track` to create one")]
    RepositoryNotFound {
        /// The path given.
        path: String,
        /// What git reported.
        message: String,
    },
    /// A git operation failed on an existing repository.
    #[error("git {operation} failed in {path}: {message}")]
    GitFailed {
        /// The repository path.
        path: String,
        /// What was being done (`read commit`, `write tree`, ...).
        operation: String,
        /// What the git library reported.
        message: String,
    },
    /// The repository has no versions of this service and terms type.
    #[error("no versions of \"{service}\" / \"{terms_type}\" in {path}{suggestion}")]
    TermsNotFound {
        /// The repository path.
        path: String,
        /// The service asked for.
        service: String,
        /// The terms type asked for.
        terms_type: String,
        /// A hint naming close matches (may be empty).
        suggestion: String,
    },
    /// No version was in force at the requested date.
    #[error("no version of \"{service}\" / \"{terms_type}\" at or before {date}; the first version is dated {first}")]
    VersionNotFound {
        /// The service.
        service: String,
        /// The terms type.
        terms_type: String,
        /// The date asked for (RFC 3339).
        date: String,
        /// The date of the first version (RFC 3339).
        first: String,
    },
    /// Reading or writing a file failed.
    #[error("cannot {operation} {path}: {message}")]
    IoFailed {
        /// What was being done (`read`, `write`, `create directory`).
        operation: String,
        /// The file or directory.
        path: String,
        /// The system's message.
        message: String,
    },
    /// Fetching a document over HTTP failed (tracking reports these as error events).
    #[error("fetching {url} failed: {message}")]
    FetchFailed {
        /// The URL.
        url: String,
        /// What went wrong (status, timeout, size limit, ...).
        message: String,
    },
    // --- end issue 4 ---
}

impl Error {
    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidArgument { .. } => "invalid_argument",
            // issue 4
            Error::RepositoryNotFound { .. } => "repository_not_found",
            Error::GitFailed { .. } => "git_failed",
            Error::TermsNotFound { .. } => "terms_not_found",
            Error::VersionNotFound { .. } => "version_not_found",
            Error::IoFailed { .. } => "io_failed",
            Error::FetchFailed { .. } => "fetch_failed",
        }
    }

    /// True when the caller passed a bad argument (Python maps these to `ValueError` subclasses).
    pub fn is_invalid_argument(&self) -> bool {
        matches!(self, Error::InvalidArgument { .. })
    }

    /// Every code this crate can return, for documentation and tests.
    pub const CODES: &'static [&'static str] = &[
        "invalid_argument",
        // issue 4
        "repository_not_found",
        "git_failed",
        "terms_not_found",
        "version_not_found",
        "io_failed",
        "fetch_failed",
    ];
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
