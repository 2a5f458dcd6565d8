//! The disinfo services over HTTP: the analysts' chat commands for Slack and Mattermost, with the
//! charts and diff pages their answers link to; and the citizens' review of political ads
//! ([`review`]).
//!
//! The server is a thin axum layer over [`disinfo_chat::Router`], which decides everything (is
//! the request genuine, which command, what answer). What the server adds is what only a server
//! can do:
//!
//! - endpoints: `POST /slack/commands`, `POST /mattermost/commands`, `POST /actions` (buttons;
//!   Slack's are signed, Mattermost's are JSON), `GET /pages/{name}` (signed links to charts,
//!   diffs and full results), `GET /healthz`;
//! - the request size limit (`service.max_body_bytes`: 413 with an ephemeral JSON text) and a
//!   rate limit per verified user (`service.requests_per_minute`: 429 "slow down");
//! - commands run on blocking threads; one still running after `service.answer_within_ms` is
//!   answered "working on it" at once and its answer posted to the request's `response_url`;
//!   forwarded cards are posted after answering; a failed post is logged;
//! - a panic is caught, logged and answered 500 with a plain text (a bug, never bad input);
//! - one JSON log line per request on standard error (method, path, status, command, user,
//!   duration), never a body or a secret;
//! - a client must send a request's head within 10 s and its body within 30 s (one that trickles
//!   bytes to hold a connection is cut off), at most 4,096 connections at once;
//! - graceful shutdown on SIGINT and SIGTERM: requests in flight finish, pending posts are made.
//!
//! Modules: `connections` accepts and times connections, `body` reads bodies within the limit,
//! `limit` holds the token buckets, `dispatch` runs requests, `routes` maps the endpoints onto it.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod body;
mod connections;
mod dispatch;
mod error;
mod limit;
pub mod review;
mod routes;

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use connections::Deadlines;
use disinfo_chat::Router;
use tokio::net::TcpListener;

pub use error::{Error, Result};

/// Threads for commands and pages. They are CPU work of micro- to milliseconds, so more threads
/// than this only add switching and memory under load (tokio's default, 512, grew to 170 threads
/// at 64 connections, 75 MB; 16 serve more requests in 30 MB). Posts have threads of their own.
pub(crate) const BLOCKING_THREADS: usize = 16;

/// How long shutdown waits for posts still in flight (one post's own time-out, and a margin).
const DRAIN_POSTS: Duration = Duration::from_secs(11);

/// Serves `router` on `listener` until `shutdown` completes, then finishes the requests in
/// flight and the posts still to be made.
pub async fn serve(
    router: Arc<Router>,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let app = Arc::new(dispatch::App::new(router));
    let routes = routes::routes(app.clone());
    connections::serve(listener, routes, Deadlines::default(), shutdown)
        .await
        .map_err(Error::Serve)?;
    let deadline = Instant::now() + DRAIN_POSTS;
    while app.pending() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    if app.pending() > 0 {
        tracing::warn!(pending = app.pending(), "shutting down with posts not made");
    }
    Ok(())
}

/// Runs the service of configuration file `config` on `listen` until SIGINT or SIGTERM: what
/// `disinfo chat serve` calls. Prints `listening on http://ADDR` on standard error once bound
/// (with the port the system chose for port 0), then one JSON log line per request.
pub fn run(config: &Path, listen: SocketAddr) -> Result<()> {
    let router = Arc::new(Router::from_file(config)?);
    init_logging();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .build()
        .map_err(Error::Serve)?;
    let served = runtime.block_on(async move {
        let listener = TcpListener::bind(listen)
            .await
            .map_err(|source| Error::Listen {
                addr: listen,
                source,
            })?;
        let local = listener.local_addr().map_err(Error::Serve)?;
        eprintln!("listening on http://{local}");
        serve(router, listener, shutdown_signal()).await
    });
    // A command still running on a blocking thread does not hold the process past this.
    runtime.shutdown_timeout(Duration::from_secs(1));
    served
}

/// JSON lines on standard error; a panic becomes one such line too (with where it happened).
pub(crate) fn init_logging() {
    let installed = tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_span_list(false)
        .with_target(false)
        .with_writer(std::io::stderr)
        .try_init();
    if installed.is_ok() {
        std::panic::set_hook(Box::new(|info| {
            tracing::error!(panic = %info, "panic");
        }));
    }
}

/// Completes on SIGINT or SIGTERM (a signal that cannot be caught is logged and never completes).
pub(crate) async fn shutdown_signal() {
    let interrupt = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "SIGINT cannot be caught");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "SIGTERM cannot be caught");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!(signal = "SIGINT", "shutting down"),
        () = terminate => tracing::info!(signal = "SIGTERM", "shutting down"),
    }
}

/// The README's examples, run as doctests so that what crates.io shows compiles and holds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
