//! The one error type of this crate, with stable codes.
//!
//! Errors are what stops a router from being built or an operation from running (an unreadable
//! configuration, a bad option). A refused or malformed chat request is not an error: it is an
//! answer ([`crate::Response`] with a 4xx status, or an ephemeral message saying what to type).

use disinfo_core::codes;
use disinfo_core::error::CodeDoc;

/// Everything that can go wrong in `disinfo-chat`.
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
    /// A file could not be read (code `io`; the operating system's error is the source).
    #[error(transparent)]
    Io(#[from] disinfo_core::IoError),
    /// The configuration file is not valid TOML or does not describe a chat service.
    #[error("configuration {path}: {message}")]
    ConfigInvalid {
        /// The configuration file.
        path: String,
        /// What is wrong, with its line and column or key where known.
        message: String,
    },
    /// A webhook or `response_url` post failed (code `delivery_failed`).
    #[error("posting to {url} failed: {message}")]
    DeliveryFailed {
        /// Where the post went (without its query string).
        url: String,
        /// The status or the network error.
        message: String,
    },
}

impl Error {
    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidArgument(_) => codes::INVALID_ARGUMENT,
            Error::Io(_) => codes::IO,
            Error::ConfigInvalid { .. } => "config_invalid",
            Error::DeliveryFailed { .. } => "delivery_failed",
        }
    }

    /// True when the caller passed a bad argument (Python maps these to `ValueError` subclasses).
    pub fn is_invalid_argument(&self) -> bool {
        matches!(
            self,
            Error::InvalidArgument(_) | Error::ConfigInvalid { .. }
        )
    }

    /// Every code this crate can return, documented.
    pub const CODES: &'static [CodeDoc] = &[
        CodeDoc {
            code: codes::INVALID_ARGUMENT,
            meaning: "An argument or option of a chat function is invalid (a header value that is not text, a bad `now`, an unknown platform); the message names it.",
        },
        CodeDoc {
            code: codes::IO,
            meaning: "The configuration file, or a data file it names, cannot be read.",
        },
        CodeDoc {
            code: "config_invalid",
            meaning: "The chat configuration is not valid TOML or does not describe a service (an unknown key, a missing secret, a path that is not there); the message gives the file and the key or line.",
        },
        CodeDoc {
            code: "delivery_failed",
            meaning: "Posting a card to an incoming webhook or a delayed answer to a `response_url` failed; the message gives the URL (without its query) and the HTTP status or network error.",
        },
    ];

    pub(crate) fn io(operation: &'static str, path: &std::path::Path, err: std::io::Error) -> Self {
        disinfo_core::IoError::new(operation, path.display(), err).into()
    }

    pub(crate) fn config(path: &std::path::Path, message: impl Into<String>) -> Self {
        Error::ConfigInvalid {
            path: path.display().to_string(),
            message: message.into(),
        }
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
            Error::config(std::path::Path::new("chat.toml"), "m"),
            Error::DeliveryFailed {
                url: "u".into(),
                message: "m".into(),
            },
        ];
        let codes: Vec<&str> = Error::CODES.iter().map(|c| c.code).collect();
        for e in &samples {
            assert!(codes.contains(&e.code()));
        }
        assert_eq!(
            codes,
            [
                "invalid_argument",
                "io",
                "config_invalid",
                "delivery_failed"
            ]
        );
    }
}
