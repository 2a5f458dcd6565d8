//! The one error type of this crate: what stops the service from starting or serving.
//!
//! A bad request is never an error here: the router answers it (a 4xx, or an ephemeral message).

use std::net::SocketAddr;

/// Everything that stops the service.
///
/// Codes ([`Error::code`]) are those of `disinfo-chat` for the configuration (`config_invalid`,
/// `io`) and `io` for the network and the runtime.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The configuration cannot be read or does not describe a service.
    #[error(transparent)]
    Chat(#[from] disinfo_chat::Error),
    /// The address cannot be listened on (in use, not local, no permission).
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address asked for.
        addr: SocketAddr,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The review's database cannot be opened or holds no campaign.
    #[error(transparent)]
    Review(Box<disinfo_ads::Error>),
    /// The runtime cannot start, or the listener failed while serving.
    #[error("the service failed: {0}")]
    Serve(std::io::Error),
}

impl Error {
    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Chat(e) => e.code(),
            Error::Review(e) => e.code(),
            // The shared code for I/O failures (disinfo-core's `codes::IO`).
            Error::Listen { .. } | Error::Serve(_) => "io",
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
