//! The citizens' review of political ads over HTTP (`disinfo ads review serve`): a thin axum
//! layer over [`disinfo_ads::review::store::ReviewStore`], which decides everything (is the
//! invitation valid, is the session, which ad next, are the answers complete).
//!
//! - `GET /invite/{token}` shows a sign-in button (a link alone signs no one in, so that a link
//!   preview does not use the invitation); `POST` uses the invitation and sets the session
//!   cookie (HTTP-only, `Secure`, `SameSite=Strict`).
//! - `GET /review` hands out the next ad (leased for 30 minutes) with the questionnaire;
//!   `POST /review` saves the answers or skips; a reviewer sees no one else's answers.
//! - `GET /owner` (the owner only): progress per reviewer, agreement per question, the contested
//!   ads, invitations (`POST /owner/invitations`) and exports (`GET /owner/export`).
//! - Every form carries a CSRF token (the session's; the invitation form's own, from a cookie);
//!   a form without it is refused 403, a request without a session 401. Requests are limited per
//!   person (or per address before sign-in), bodies to 64 KiB; a request's head must arrive
//!   within 10 s and its body within 30 s. Every page sends a
//!   Content-Security-Policy that allows nothing from outside the server and no inline script.
//! - Pages are in French or English (`?lang=`, then a cookie, then `Accept-Language`).

mod handlers;
mod http;
mod pages;
mod text;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use disinfo_ads::review::Campaign;
use disinfo_ads::review::store::ReviewStore;
use tokio::net::TcpListener;

use crate::limit::RateLimit;
use crate::{Error, Result};

/// The largest form body.
const MAX_BODY: usize = 64 * 1024;
/// Requests per minute per person, unless the operator says otherwise.
pub const REQUESTS_PER_MINUTE: u32 = 240;

/// The service's state: the campaign's store (one connection; SQLite serialises writes anyway),
/// the campaign (it does not change while serving), the rate limits and the public address.
pub(crate) struct ReviewApp {
    store: Mutex<ReviewStore>,
    campaign: Arc<Campaign>,
    limit: RateLimit,
    base_url: String,
}

impl ReviewApp {
    /// The state over `store`, its campaign read now (a blocking call).
    fn new(store: ReviewStore, base_url: &str, requests_per_minute: u32) -> Result<ReviewApp> {
        let campaign = store.campaign().map_err(|e| Error::Review(Box::new(e)))?;
        Ok(ReviewApp {
            store: Mutex::new(store),
            campaign,
            limit: RateLimit::new(requests_per_minute, Instant::now()),
            base_url: base_url.trim_end_matches('/').to_owned(),
        })
    }

    /// Runs `f` on the store on a blocking thread.
    async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut ReviewStore, &Campaign) -> T + Send + 'static,
    ) -> Option<T> {
        let app = self.clone();
        tokio::task::spawn_blocking(move || {
            // A poisoned lock only means a request panicked holding it; the connection is fine.
            let mut store = app.store.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut store, &app.campaign)
        })
        .await
        .ok()
    }
}

/// The review's routes over `store` (its campaign read now), what [`serve`] serves, to nest in
/// another axum application: `base_url` starts the invitation links the owner's page shows,
/// `requests_per_minute` limits each person (0: no limit). Handlers read the caller's address:
/// serve with `into_make_service_with_connect_info::<SocketAddr>()`. The store blocks (a
/// PostgreSQL store runs its own small runtime): call this, and drop the router, outside an
/// async context.
pub fn router(store: ReviewStore, base_url: &str, requests_per_minute: u32) -> Result<Router> {
    ReviewApp::new(store, base_url, requests_per_minute).map(|app| routes(Arc::new(app)))
}

/// The routes of the review service over `app`.
fn routes(app: Arc<ReviewApp>) -> Router {
    Router::new()
        .route("/", get(handlers::home))
        .route(
            "/invite/{token}",
            get(handlers::invitation).post(handlers::sign_in),
        )
        .route("/review", get(handlers::next).post(handlers::answer))
        .route("/owner", get(handlers::owner))
        .route("/owner/invitations", post(handlers::invite))
        .route("/owner/export", get(handlers::export))
        .route("/sign-out", post(handlers::sign_out))
        .route("/static/review.css", get(handlers::css))
        .route("/static/review.js", get(handlers::js))
        .route("/healthz", get(|| async { "ok" }))
        // Browsers ask for it on their own; no icon, and no 404 in their console.
        .route(
            "/favicon.ico",
            get(|| async { axum::http::StatusCode::NO_CONTENT }),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(app)
}

/// Headers every answer carries.
async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// How the review is served.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Where to listen.
    pub listen: SocketAddr,
    /// The address people reach the service at, for invitation links (default: the listening
    /// address).
    pub base_url: Option<String>,
    /// Requests per minute per person (or per address before sign-in).
    pub requests_per_minute: u32,
}

/// Serves the campaign of `store` on `listener` until `shutdown` completes. `base_url` starts
/// the invitation links the owner's page shows.
pub async fn serve(
    store: ReviewStore,
    base_url: String,
    requests_per_minute: u32,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    // The store blocks (a PostgreSQL client runs its own runtime): read it, and drop it on an
    // error, off this runtime.
    let app =
        tokio::task::spawn_blocking(move || ReviewApp::new(store, &base_url, requests_per_minute))
            .await
            .map_err(|e| Error::Serve(std::io::Error::other(e)))??;
    let app = Arc::new(app);
    let served = crate::connections::serve(
        listener,
        routes(app.clone()),
        crate::connections::Deadlines::default(),
        shutdown,
    )
    .await
    .map_err(Error::Serve);
    // A PostgreSQL connection runs its own small runtime, which may not be dropped on this one.
    let _ = tokio::task::spawn_blocking(move || drop(app)).await;
    served
}

/// Runs the review of the campaign in `store` until SIGINT or SIGTERM: what `disinfo ads review
/// serve` calls. Prints `listening on http://ADDR` once bound.
pub fn run(store: ReviewStore, options: ServeOptions) -> Result<()> {
    crate::init_logging();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(crate::BLOCKING_THREADS)
        .build()
        .map_err(Error::Serve)?;
    let ServeOptions {
        listen,
        base_url,
        requests_per_minute,
    } = options;
    let served = runtime.block_on(async move {
        let listener = TcpListener::bind(listen)
            .await
            .map_err(|source| Error::Listen {
                addr: listen,
                source,
            })?;
        let local = listener.local_addr().map_err(Error::Serve)?;
        eprintln!("listening on http://{local}");
        let base = base_url.unwrap_or_else(|| format!("http://{local}"));
        serve(
            store,
            base,
            requests_per_minute,
            listener,
            crate::shutdown_signal(),
        )
        .await
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    served
}
