//! The endpoints, thin over the router, and the request log.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use disinfo_chat::{Incoming, Platform};
use serde_json::Value;

use crate::body::{self, Unread};
use crate::dispatch::{self, Answer, App};

/// What the request log says of a chat answer (set by the handler, read by [`log`]).
#[derive(Clone)]
struct Logged {
    command: &'static str,
    user: String,
}

/// The service's endpoints over `app`.
pub(crate) fn routes(app: Arc<App>) -> axum::Router {
    axum::Router::new()
        .route("/slack/commands", post(slack))
        .route("/mattermost/commands", post(mattermost))
        .route("/actions", post(actions))
        .route("/healthz", get(health))
        .route("/pages/{name}", get(page))
        .fallback(not_found)
        .layer(middleware::from_fn(log))
        .with_state(app)
}

async fn slack(State(app): State<Arc<App>>, request: Request) -> Response {
    chat(&app, Some(Platform::Slack), request).await
}

async fn mattermost(State(app): State<Arc<App>>, request: Request) -> Response {
    chat(&app, Some(Platform::Mattermost), request).await
}

/// Button presses: Slack signs them (`X-Slack-Signature`), Mattermost posts JSON; the router
/// tells them apart.
async fn actions(State(app): State<Arc<App>>, request: Request) -> Response {
    chat(&app, None, request).await
}

async fn chat(app: &App, platform: Option<Platform>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    let limit = app.router.config().service.max_body_bytes;
    let body = match body::read(body, limit, declared).await {
        Ok(body) => body,
        Err(Unread::TooLarge(size)) => {
            let size = size.map_or_else(|| "more".to_string(), |n| format!("{n}"));
            let mut response = json(
                StatusCode::PAYLOAD_TOO_LARGE,
                &dispatch::ephemeral(format!(
                    "The request is too large ({size} bytes; at most {limit})."
                )),
            );
            // The rest of a huge body is not read: the connection cannot serve another request.
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return response;
        }
        Err(Unread::Broken) => {
            return json(
                StatusCode::BAD_REQUEST,
                &dispatch::ephemeral("The request's body did not arrive whole."),
            );
        }
        Err(Unread::TooSlow) => {
            return json(
                StatusCode::REQUEST_TIMEOUT,
                &dispatch::ephemeral("The request's body did not arrive in time."),
            );
        }
    };
    // A header value that is not visible ASCII is left out: the router then finds it missing.
    let headers = parts
        .headers
        .iter()
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)));
    let incoming = Incoming::new(headers, body);
    answer(app.answer(platform, incoming).await)
}

fn answer(answer: Answer) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = if answer.body.is_null() {
        status.into_response()
    } else {
        json(status, &answer.body)
    };
    if let Some(seconds) = answer.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response.extensions_mut().insert(Logged {
        command: answer.command,
        user: answer.user,
    });
    response
}

fn json(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn text(status: StatusCode, text: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

async fn health() -> Response {
    text(StatusCode::OK, "ok\n".into())
}

async fn not_found() -> Response {
    text(
        StatusCode::NOT_FOUND,
        "There is nothing here. Endpoints: POST /slack/commands, POST /mattermost/commands, POST /actions, GET /pages/NAME, GET /healthz.\n".into(),
    )
}

/// `GET /pages/{name}`: a chart, a diff or a full result, from a signed link.
async fn page(
    State(app): State<Arc<App>>,
    Path(name): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let router = app.router.clone();
    let query = query.unwrap_or_default();
    let rendered =
        tokio::task::spawn_blocking(move || dispatch::guard("page", || router.page(&name, &query)))
            .await
            .ok()
            .flatten();
    match rendered {
        Some(Ok(page)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, page.content_type),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            Body::from(page.body),
        )
            .into_response(),
        Some(Err(e)) => text(
            StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST),
            format!("{}\n", e.message),
        ),
        None => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong on this service (a bug, now in its log).\n".into(),
        ),
    }
}

/// One JSON line per request on standard error: never the body, the query or a header (they
/// hold signatures, tokens and what the user typed).
async fn log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let status = response.status().as_u16();
    let (command, user) = response
        .extensions()
        .get::<Logged>()
        .map_or(("", ""), |l| (l.command, l.user.as_str()));
    if status >= 500 {
        tracing::error!(method = %method, path, status, command, user, duration_ms = ms, "request");
    } else {
        tracing::info!(method = %method, path, status, command, user, duration_ms = ms, "request");
    }
    response
}
