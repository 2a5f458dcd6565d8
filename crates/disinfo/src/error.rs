//! The facade error: one variant per tool, plus `internal` for bugs caught at the boundary.

/// Any error of the toolkit.
///
/// [`Error::code`] is the stable code of the underlying tool error (`selector_no_match`,
/// `malformed_record`, ...) or `internal` when the toolkit itself failed (a caught panic).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error of the terms tool.
    #[cfg(feature = "terms")]
    #[error(transparent)]
    Terms(#[from] disinfo_terms::Error),
    /// An error of the bots tool.
    #[cfg(feature = "bots")]
    #[error(transparent)]
    Bots(#[from] disinfo_bots::Error),
    /// An error of the ads tool.
    #[cfg(feature = "ads")]
    #[error(transparent)]
    Ads(#[from] disinfo_ads::Error),
    /// An error of the encyclopedia tool.
    #[cfg(feature = "encyclopedia")]
    #[error(transparent)]
    Encyclopedia(#[from] disinfo_encyclopedia::Error),
    /// An error of the chat commands.
    #[cfg(feature = "chat")]
    #[error(transparent)]
    Chat(#[from] disinfo_chat::Error),
    /// A bad argument that belongs to no tool (an unknown operation name, say).
    #[error(transparent)]
    InvalidArgument(#[from] disinfo_core::InvalidArgument),
    /// A bug in the toolkit (a panic caught at the API boundary). Please report it.
    #[error("internal error (a bug in disinfo, please report it): {message}")]
    Internal {
        /// The panic message.
        message: String,
    },
}

impl Error {
    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            #[cfg(feature = "terms")]
            Error::Terms(e) => e.code(),
            #[cfg(feature = "bots")]
            Error::Bots(e) => e.code(),
            #[cfg(feature = "ads")]
            Error::Ads(e) => e.code(),
            #[cfg(feature = "encyclopedia")]
            Error::Encyclopedia(e) => e.code(),
            #[cfg(feature = "chat")]
            Error::Chat(e) => e.code(),
            Error::InvalidArgument(_) => disinfo_core::codes::INVALID_ARGUMENT,
            Error::Internal { .. } => disinfo_core::codes::INTERNAL,
        }
    }

    /// The tool the error comes from (`terms`, `bots`, `ads`, `encyclopedia`, `chat`), `None` for
    /// internal errors.
    pub fn tool(&self) -> Option<&'static str> {
        match self {
            #[cfg(feature = "terms")]
            Error::Terms(_) => Some("terms"),
            #[cfg(feature = "bots")]
            Error::Bots(_) => Some("bots"),
            #[cfg(feature = "ads")]
            Error::Ads(_) => Some("ads"),
            #[cfg(feature = "encyclopedia")]
            Error::Encyclopedia(_) => Some("encyclopedia"),
            #[cfg(feature = "chat")]
            Error::Chat(_) => Some("chat"),
            Error::InvalidArgument(_) | Error::Internal { .. } => None,
        }
    }

    /// True when the caller passed a bad argument (Python raises a `ValueError` subclass).
    pub fn is_invalid_argument(&self) -> bool {
        match self {
            #[cfg(feature = "terms")]
            Error::Terms(e) => e.is_invalid_argument(),
            #[cfg(feature = "bots")]
            Error::Bots(e) => e.is_invalid_argument(),
            #[cfg(feature = "ads")]
            Error::Ads(e) => e.is_invalid_argument(),
            #[cfg(feature = "encyclopedia")]
            Error::Encyclopedia(e) => e.is_invalid_argument(),
            #[cfg(feature = "chat")]
            Error::Chat(e) => e.is_invalid_argument(),
            Error::InvalidArgument(_) => true,
            Error::Internal { .. } => false,
        }
    }
}

/// Shorthand for results of the toolkit.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_error_has_code_internal_and_no_tool() {
        let e = Error::Internal {
            message: "boom".into(),
        };
        assert_eq!(e.code(), "internal");
        assert_eq!(e.tool(), None);
        assert!(!e.is_invalid_argument());
        assert!(e.to_string().contains("boom"));
    }

    #[cfg(feature = "terms")]
    #[test]
    fn tool_error_keeps_its_code_and_tool() {
        let e: Error = disinfo_terms::Error::arg("flavor", "expected `ota` or `canonical`").into();
        assert_eq!(e.code(), "invalid_argument");
        assert_eq!(e.tool(), Some("terms"));
        assert!(e.is_invalid_argument());
    }
}
