//! Reading a request body within the configured size.
//!
//! A body over the limit is not kept: the rest is read and dropped chunk by chunk (up to
//! [`DRAIN_AT_MOST`]) so that the client, still sending, reads the 413 instead of a reset
//! connection, and memory does not grow with what it sends.

use std::pin::Pin;

use axum::body::{Body, HttpBody};

use crate::connections::BodyTooSlow;

/// Past this many bytes an oversized body is no longer drained: the connection is closed after
/// the 413.
pub(crate) const DRAIN_AT_MOST: usize = 8 * 1024 * 1024;

/// Why a body was not read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Unread {
    /// Over the limit: the size when known (given or counted up to [`DRAIN_AT_MOST`]).
    TooLarge(Option<usize>),
    /// The connection failed while the body was arriving.
    Broken,
    /// The body did not arrive within its deadline ([`crate::connections::Deadlines::body`]).
    TooSlow,
}

/// Reads `body` when it has at most `limit` bytes; `declared` is its `Content-Length`.
pub(crate) async fn read(
    mut body: Body,
    limit: usize,
    declared: Option<usize>,
) -> Result<Vec<u8>, Unread> {
    if let Some(n) = declared.filter(|n| *n > limit)
        && n > DRAIN_AT_MOST
    {
        return Err(Unread::TooLarge(Some(n)));
    }
    let mut kept = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    let mut seen = 0usize;
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|e| {
            if e.into_inner().is::<BodyTooSlow>() {
                Unread::TooSlow
            } else {
                Unread::Broken
            }
        })?;
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        seen = seen.saturating_add(data.len());
        if seen <= limit {
            kept.extend_from_slice(&data);
        } else {
            kept = Vec::new();
            if seen > DRAIN_AT_MOST {
                return Err(Unread::TooLarge(None));
            }
        }
    }
    if seen > limit {
        Err(Unread::TooLarge(Some(seen)))
    } else {
        Ok(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run<T>(f: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(f)
    }

    #[test]
    fn a_body_within_the_limit_is_kept_whole() {
        let got = run(read(Body::from(vec![7u8; 100]), 100, Some(100)));
        assert_eq!(got, Ok(vec![7u8; 100]));
    }

    #[test]
    fn a_body_over_the_limit_is_counted_and_dropped() {
        let got = run(read(Body::from(vec![7u8; 101]), 100, None));
        assert_eq!(got, Err(Unread::TooLarge(Some(101))));
    }

    #[test]
    fn a_declared_length_past_the_drain_limit_is_refused_unread() {
        let got = run(read(Body::empty(), 100, Some(DRAIN_AT_MOST + 1)));
        assert_eq!(got, Err(Unread::TooLarge(Some(DRAIN_AT_MOST + 1))));
    }
}
