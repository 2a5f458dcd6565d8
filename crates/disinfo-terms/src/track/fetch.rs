//! Fetching source documents over HTTP(S): user agent, connect and overall timeouts, retries with
//! back-off on network errors and 5xx answers, redirects, a size limit, charset decoding.

use std::io::Read;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ureq::ResponseExt;

use crate::track::charset;

/// How documents are fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct FetchOptions {
    /// The `User-Agent` header (default names the toolkit and its version).
    pub user_agent: String,
    /// Overall time allowed for one attempt, in milliseconds (default 30 000).
    pub timeout_ms: u64,
    /// Time allowed to connect, in milliseconds (default 10 000).
    pub connect_timeout_ms: u64,
    /// Extra attempts after a network error, a timeout or a 5xx answer (default 2).
    pub retries: u32,
    /// Wait before the first retry, doubled for each further one, in milliseconds (default 1 000).
    pub retry_delay_ms: u64,
    /// Redirects followed (default 10).
    pub max_redirects: u32,
    /// Largest body accepted, in bytes (default 50 MiB).
    pub max_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: format!(
                "disinfo/{} (+https://github.com/disinfo-toolkit/disinfo)",
                env!("CARGO_PKG_VERSION")
            ),
            timeout_ms: 30_000,
            connect_timeout_ms: 10_000,
            retries: 2,
            retry_delay_ms: 1_000,
            max_redirects: 10,
            max_bytes: 50 * 1024 * 1024,
        }
    }
}

/// A fetched document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The URL asked for.
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    /// The HTTP status (2xx).
    pub status: u16,
    /// The media type, lower case, without parameters (`text/html`, `application/pdf`).
    pub media_type: String,
    /// The `Content-Type` header as sent (with its `charset`), empty when absent.
    pub content_type: String,
    /// The raw body (stored as the snapshot).
    pub bytes: Vec<u8>,
    /// The body decoded to text, for text media types.
    pub text: Option<String>,
    /// The encoding used to decode `text`.
    pub charset: Option<String>,
    /// Attempts made (1 when the first succeeded).
    pub attempts: u32,
}

/// Why a fetch failed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FetchErrorKind {
    /// The URL cannot be fetched (syntax, scheme).
    InvalidUrl,
    /// The server answered with a non-2xx status.
    HttpStatus,
    /// No answer in time.
    Timeout,
    /// The body is over the size limit.
    TooLarge,
    /// Too many redirects.
    TooManyRedirects,
    /// Connection, DNS or TLS failure.
    Network,
}

/// A failed fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FetchError {
    /// The category.
    pub kind: FetchErrorKind,
    /// The HTTP status, for [`FetchErrorKind::HttpStatus`].
    pub status: Option<u16>,
    /// What happened, in words.
    pub message: String,
    /// Attempts made.
    pub attempts: u32,
}

fn is_text(media_type: &str) -> bool {
    media_type.starts_with("text/")
        || media_type.ends_with("+xml")
        || media_type.ends_with("/xml")
        || media_type.is_empty()
}

fn classify(err: &ureq::Error, max_bytes: u64) -> (FetchErrorKind, String) {
    match err {
        ureq::Error::Timeout(t) => (FetchErrorKind::Timeout, format!("timed out ({t})")),
        ureq::Error::BodyExceedsLimit(_) => (
            FetchErrorKind::TooLarge,
            format!("the body is larger than the limit of {max_bytes} bytes"),
        ),
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
            (FetchErrorKind::TooManyRedirects, err.to_string())
        }
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            (FetchErrorKind::InvalidUrl, err.to_string())
        }
        ureq::Error::Io(io)
            if io.kind() == std::io::ErrorKind::TimedOut
                || io.kind() == std::io::ErrorKind::WouldBlock =>
        {
            (FetchErrorKind::Timeout, format!("timed out ({io})"))
        }
        _ => (FetchErrorKind::Network, err.to_string()),
    }
}

fn attempt(
    agent: &ureq::Agent,
    url: &str,
    options: &FetchOptions,
) -> Result<Fetched, (FetchErrorKind, Option<u16>, String)> {
    let mut response = agent.get(url).call().map_err(|e| {
        let (kind, msg) = classify(&e, options.max_bytes);
        (kind, None, msg)
    })?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err((
            FetchErrorKind::HttpStatus,
            Some(status),
            format!("the server answered HTTP {status}"),
        ));
    }
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let mut bytes = Vec::new();
    let limit = options.max_bytes;
    let mut reader = response
        .body_mut()
        .with_config()
        .limit(limit.saturating_add(1))
        .reader();
    reader
        .by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| {
            let text = e.to_string();
            if text.contains("limit") {
                (
                    FetchErrorKind::TooLarge,
                    None,
                    format!("the body is larger than the limit of {limit} bytes"),
                )
            } else if e.kind() == std::io::ErrorKind::TimedOut || text.contains("imeout") {
                (
                    FetchErrorKind::Timeout,
                    None,
                    format!("timed out reading the body ({e})"),
                )
            } else {
                (
                    FetchErrorKind::Network,
                    None,
                    format!("reading the body failed: {e}"),
                )
            }
        })?;
    if bytes.len() as u64 > limit {
        return Err((
            FetchErrorKind::TooLarge,
            None,
            format!("the body is larger than the limit of {limit} bytes"),
        ));
    }
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let (text, charset) = if is_text(&media_type) {
        let (text, name) = charset::decode(&bytes, &content_type);
        (Some(text), Some(name.to_string()))
    } else {
        (None, None)
    };
    Ok(Fetched {
        url: url.to_string(),
        final_url,
        status,
        media_type,
        content_type,
        bytes,
        text,
        charset,
        attempts: 1,
    })
}

/// Fetches `url`, retrying network errors, timeouts and 5xx answers.
pub fn fetch(url: &str, options: &FetchOptions) -> Result<Fetched, FetchError> {
    let parsed = url::Url::parse(url).map_err(|e| FetchError {
        kind: FetchErrorKind::InvalidUrl,
        status: None,
        message: format!("`{url}` is not a URL: {e}"),
        attempts: 0,
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError {
            kind: FetchErrorKind::InvalidUrl,
            status: None,
            message: format!("`{url}`: only http and https URLs can be fetched"),
            attempts: 0,
        });
    }
    let config = ureq::Agent::config_builder()
        .user_agent(options.user_agent.as_str())
        .timeout_global(Some(Duration::from_millis(options.timeout_ms)))
        .timeout_connect(Some(Duration::from_millis(options.connect_timeout_ms)))
        .max_redirects(options.max_redirects)
        .http_status_as_error(false)
        .build();
    let agent: ureq::Agent = config.into();
    let mut delay = options.retry_delay_ms;
    let mut attempts = 0;
    loop {
        attempts += 1;
        match attempt(&agent, url, options) {
            Ok(mut fetched) => {
                fetched.attempts = attempts;
                return Ok(fetched);
            }
            Err((kind, status, message)) => {
                let retryable = matches!(kind, FetchErrorKind::Network | FetchErrorKind::Timeout)
                    || status.is_some_and(|s| s >= 500 || s == 429);
                if !retryable || attempts > options.retries {
                    let message = if attempts > 1 {
                        format!("{message} (after {attempts} attempts)")
                    } else {
                        message
                    };
                    return Err(FetchError {
                        kind,
                        status,
                        message,
                        attempts,
                    });
                }
                std::thread::sleep(Duration::from_millis(delay));
                delay = delay.saturating_mul(2);
            }
        }
    }
}
