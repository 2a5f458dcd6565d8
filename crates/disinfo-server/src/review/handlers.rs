//! The review's handlers: each reads the request, asks the store, renders a page.
//!
//! Checks return the response that refuses a request as their error (axum's idiom): it is made
//! once per refused request, so its size does not matter.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use disinfo_ads::Error as AdsError;
use disinfo_ads::review::export::{
    ExportFormat, ExportOptions, ExportTable, export as export_answers,
};
use disinfo_ads::review::store::{Role, Session};
use disinfo_ads::review::summary::summarize;

use super::ReviewApp;
use super::http::{
    INVITE_CSRF, SESSION, answers, cookie, field, fields, language, page, refused, remember,
    same_token, see_other, set_cookie,
};
use super::pages::{self, Signed};
use super::text::{Key, Lang};

/// How long a session lasts.
const SESSION_HOURS: i64 = 12;
/// How long an ad stays handed to a reviewer who has not answered.
const LEASE_MINUTES: i64 = 30;

type Shared = State<Arc<ReviewApp>>;

/// A request's context, taken before its handler runs: its language (and whether `?lang=`
/// chose it, to keep in a cookie), after the requester's rate limit (429 over it).
pub(crate) struct Context {
    lang: Lang,
    chosen: bool,
    query: BTreeMap<String, String>,
}

impl FromRequestParts<Arc<ReviewApp>> for Context {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<ReviewApp>) -> Result<Self, Response> {
        let query = Query::<BTreeMap<String, String>>::from_request_parts(parts, app)
            .await
            .map(|q| q.0)
            .unwrap_or_default();
        let (lang, chosen) = language(&parts.headers, &query);
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        if app
            .limit
            .take(&requester(&parts.headers, addr), Instant::now())
            .is_err()
        {
            return Err((
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, "5")],
                "slow down",
            )
                .into_response());
        }
        Ok(Context {
            lang,
            chosen,
            query,
        })
    }
}

impl Context {
    /// The response, with the language chosen kept in a cookie.
    fn done(&self, response: Response) -> Response {
        remember(response, self.lang, self.chosen)
    }

    /// The response to a store call: `ok` of its value, or the page of its error.
    fn outcome<T>(
        &self,
        done: Option<Result<T, AdsError>>,
        ok: impl FnOnce(T) -> Response,
    ) -> Response {
        self.done(match done {
            Some(Ok(value)) => ok(value),
            Some(Err(e)) => failure(self.lang, &e),
            None => refused(
                self.lang,
                StatusCode::INTERNAL_SERVER_ERROR,
                "the request failed",
            ),
        })
    }
}

/// Who is asking, for the rate limit: the session cookie, else the address.
fn requester(headers: &HeaderMap, addr: Option<SocketAddr>) -> String {
    match cookie(headers, SESSION) {
        Some(s) => format!("session:{}", s.get(..16).unwrap_or(s)),
        None => format!(
            "addr:{}",
            addr.map_or_else(String::new, |a| a.ip().to_string())
        ),
    }
}

/// The page answering a store error: 403 for a refusal, 422 for answers, 500 otherwise.
fn failure(lang: Lang, e: &AdsError) -> Response {
    match e.code() {
        "access_refused" => refused(lang, StatusCode::FORBIDDEN, &e.to_string()),
        "invalid_argument" => refused(lang, StatusCode::UNPROCESSABLE_ENTITY, &e.to_string()),
        _ => {
            tracing::error!(error = %e, code = e.code(), "review store");
            refused(
                lang,
                StatusCode::INTERNAL_SERVER_ERROR,
                "the review database failed; the owner has been told in the log",
            )
        }
    }
}

/// The session of the request, or the answer refusing it (401).
async fn session(
    app: &Arc<ReviewApp>,
    headers: &HeaderMap,
    lang: Lang,
) -> Result<Session, Response> {
    let Some(token) = cookie(headers, SESSION).map(str::to_owned) else {
        return Err(refused(
            lang,
            StatusCode::UNAUTHORIZED,
            lang.t(Key::NeedInvitation),
        ));
    };
    match app
        .with_store(move |s, _| s.session(&token, Utc::now()))
        .await
    {
        Some(Ok(session)) => Ok(session),
        Some(Err(e)) if e.code() == "access_refused" => {
            Err(refused(lang, StatusCode::UNAUTHORIZED, &e.to_string()))
        }
        Some(Err(e)) => Err(failure(lang, &e)),
        None => Err(refused(
            lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "the request failed",
        )),
    }
}

/// The session of a form's request, with its CSRF token checked (403 without it).
async fn form_session(
    app: &Arc<ReviewApp>,
    headers: &HeaderMap,
    lang: Lang,
    form: &[(String, String)],
) -> Result<Session, Response> {
    let session = session(app, headers, lang).await?;
    match field(form, "csrf") {
        Some(token) if same_token(token, &session.csrf) => Ok(session),
        _ => Err(refused(
            lang,
            StatusCode::FORBIDDEN,
            "this form came without its security token; reload the page and send it again",
        )),
    }
}

/// The owner's session (a form's when `form` is given), or the answer refusing a reviewer (403).
async fn owner_session(
    app: &Arc<ReviewApp>,
    headers: &HeaderMap,
    lang: Lang,
    form: Option<&[(String, String)]>,
) -> Result<Session, Response> {
    let session = match form {
        Some(form) => form_session(app, headers, lang, form).await?,
        None => session(app, headers, lang).await?,
    };
    if session.role == Role::Owner {
        Ok(session)
    } else {
        Err(refused(
            lang,
            StatusCode::FORBIDDEN,
            "this page is the campaign owner's",
        ))
    }
}

fn signed(session: &Session) -> Signed<'_> {
    Signed {
        reviewer: &session.reviewer,
        csrf: &session.csrf,
    }
}

fn new_token() -> String {
    use rand::Rng;
    let bytes: [u8; 32] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) async fn home(State(app): Shared, cx: Context, headers: HeaderMap) -> Response {
    cx.done(match session(&app, &headers, cx.lang).await {
        Ok(s) if s.role == Role::Owner => see_other("/owner"),
        Ok(_) => see_other("/review"),
        Err(r) => r,
    })
}

pub(crate) async fn invitation(
    State(app): Shared,
    cx: Context,
    Path(token): Path<String>,
) -> Response {
    let csrf = new_token();
    let mut response = page(
        StatusCode::OK,
        pages::invitation(cx.lang, &app.campaign.id, &token, &csrf),
    );
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(INVITE_CSRF, &csrf, "/invite", 3600),
    );
    cx.done(response)
}

pub(crate) async fn sign_in(
    State(app): Shared,
    cx: Context,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = fields(&body);
    let expected = cookie(&headers, INVITE_CSRF).unwrap_or("");
    if !field(&form, "csrf").is_some_and(|t| !expected.is_empty() && same_token(t, expected)) {
        return cx.done(refused(
            cx.lang,
            StatusCode::FORBIDDEN,
            "this form came without its security token; open the invitation link again",
        ));
    }
    let redeemed = app
        .with_store(move |s, _| s.redeem(&token, Duration::hours(SESSION_HOURS), Utc::now()))
        .await;
    cx.outcome(redeemed, |session| {
        let mut r = see_other("/");
        let h = r.headers_mut();
        h.append(
            header::SET_COOKIE,
            set_cookie(SESSION, &session.token, "/", SESSION_HOURS * 3600),
        );
        h.append(
            header::SET_COOKIE,
            set_cookie(INVITE_CSRF, "", "/invite", 0),
        );
        r
    })
}

pub(crate) async fn next(State(app): Shared, cx: Context, headers: HeaderMap) -> Response {
    let session = match session(&app, &headers, cx.lang).await {
        Ok(s) => s,
        Err(r) => return cx.done(r),
    };
    let lang = cx.lang;
    let shown = app
        .with_store(move |s, campaign| {
            let next = s.next(
                &session.reviewer,
                Duration::minutes(LEASE_MINUTES),
                Utc::now(),
            )?;
            let progress = s.progress(&session.reviewer)?;
            Ok(match next.and_then(|n| campaign.ad(&n.item)) {
                Some(ad) => pages::review(
                    lang,
                    &signed(&session),
                    campaign,
                    ad,
                    progress,
                    None,
                    &BTreeMap::new(),
                ),
                None => pages::done(lang, &signed(&session), campaign, progress),
            })
        })
        .await;
    cx.outcome(shown, |html| page(StatusCode::OK, html))
}

pub(crate) async fn answer(
    State(app): Shared,
    cx: Context,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = fields(&body);
    let session = match form_session(&app, &headers, cx.lang, &form).await {
        Ok(s) => s,
        Err(r) => return cx.done(r),
    };
    let lang = cx.lang;
    let item = field(&form, "item").unwrap_or("").to_owned();
    let skip = field(&form, "action") == Some("skip");
    let saved = app
        .with_store(move |s, campaign| {
            let now = Utc::now();
            if skip {
                return s.skip(&session.reviewer, &item, now).map(|()| None);
            }
            let given = answers(&campaign.questionnaire, &form);
            match s.submit(&session.reviewer, &item, &given, now) {
                Ok(()) => Ok(None),
                // Answers the questionnaire refuses: the same ad again, with what to fix.
                Err(e) if e.code() == "invalid_argument" => {
                    let progress = s.progress(&session.reviewer)?;
                    let Some(ad) = campaign.ad(&item) else {
                        return Err(e);
                    };
                    Ok(Some(pages::review(
                        lang,
                        &signed(&session),
                        campaign,
                        ad,
                        progress,
                        Some(&e.to_string()),
                        &given,
                    )))
                }
                Err(e) => Err(e),
            }
        })
        .await;
    cx.outcome(saved, |again| match again {
        None => see_other("/review"),
        Some(html) => page(StatusCode::UNPROCESSABLE_ENTITY, html),
    })
}

/// Renders the owner's page, with a new invitation's link when one was just made.
async fn owner_page(
    app: &Arc<ReviewApp>,
    cx: &Context,
    session: Session,
    invited: Option<(String, String)>,
) -> Response {
    let lang = cx.lang;
    let rendered = app
        .with_store(move |s, campaign| {
            let summary = summarize(campaign, &s.answers()?)?;
            let mut reviewers = Vec::new();
            for (name, role) in s.reviewers()? {
                if role == Role::Reviewer {
                    let progress = s.progress(&name)?;
                    reviewers.push((name, progress));
                }
            }
            let invited = invited.as_ref().map(|(n, l)| (n.as_str(), l.as_str()));
            Ok(pages::owner(
                lang,
                &signed(&session),
                campaign,
                &summary,
                &reviewers,
                invited,
            ))
        })
        .await;
    cx.outcome(rendered, |html| page(StatusCode::OK, html))
}

pub(crate) async fn owner(State(app): Shared, cx: Context, headers: HeaderMap) -> Response {
    match owner_session(&app, &headers, cx.lang, None).await {
        Ok(session) => owner_page(&app, &cx, session, None).await,
        Err(r) => cx.done(r),
    }
}

pub(crate) async fn invite(
    State(app): Shared,
    cx: Context,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = fields(&body);
    let session = match owner_session(&app, &headers, cx.lang, Some(&form)).await {
        Ok(s) => s,
        Err(r) => return cx.done(r),
    };
    let name = field(&form, "reviewer").unwrap_or("").trim().to_owned();
    let days: i64 = field(&form, "days")
        .and_then(|d| d.trim().parse().ok())
        .filter(|d| (1..=90).contains(d))
        .unwrap_or(7);
    let who = name.clone();
    match app
        .with_store(move |s, _| s.invite(&who, Duration::days(days), Utc::now()))
        .await
    {
        Some(Ok(token)) => {
            let link = format!("{}/invite/{token}", app.base_url);
            owner_page(&app, &cx, session, Some((name, link))).await
        }
        Some(Err(e)) => cx.done(failure(cx.lang, &e)),
        None => cx.done(refused(
            cx.lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "the request failed",
        )),
    }
}

/// The export options of `?format=json|csv&table=…`.
fn export_options(query: &BTreeMap<String, String>) -> Result<ExportOptions, String> {
    let format = match query.get("format").map(String::as_str) {
        None | Some("json") => ExportFormat::Json,
        Some("csv") => ExportFormat::Csv,
        Some(other) => return Err(format!("unknown format `{other}`")),
    };
    let table = match query.get("table") {
        None => None,
        Some(t) => Some(
            serde_json::from_value::<ExportTable>(serde_json::Value::String(t.clone()))
                .map_err(|_| format!("unknown table `{t}`"))?,
        ),
    };
    Ok(ExportOptions { format, table })
}

pub(crate) async fn export(State(app): Shared, cx: Context, headers: HeaderMap) -> Response {
    if let Err(r) = owner_session(&app, &headers, cx.lang, None).await {
        return cx.done(r);
    }
    let options = match export_options(&cx.query) {
        Ok(o) => o,
        Err(message) => return cx.done(refused(cx.lang, StatusCode::BAD_REQUEST, &message)),
    };
    let made = app
        .with_store(move |s, campaign| export_answers(campaign, &s.answers()?, &options))
        .await;
    let table = cx
        .query
        .get("table")
        .map_or("all", String::as_str)
        .to_owned();
    cx.outcome(made, |text| {
        let (kind, ext) = match options.format {
            ExportFormat::Csv => ("text/csv; charset=utf-8", "csv"),
            ExportFormat::Json => ("application/json", "json"),
        };
        let mut r = (StatusCode::OK, text).into_response();
        r.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
        if let Ok(v) =
            HeaderValue::from_str(&format!("attachment; filename=\"review-{table}.{ext}\""))
        {
            r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
        }
        r
    })
}

pub(crate) async fn sign_out(
    State(app): Shared,
    cx: Context,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = fields(&body);
    let session = match form_session(&app, &headers, cx.lang, &form).await {
        Ok(s) => s,
        Err(r) => return cx.done(r),
    };
    let ended = app.with_store(move |s, _| s.sign_out(&session.token)).await;
    cx.outcome(ended, |()| {
        let mut r = see_other("/");
        r.headers_mut()
            .append(header::SET_COOKIE, set_cookie(SESSION, "", "/", 0));
        r
    })
}

pub(crate) async fn css() -> Response {
    asset("text/css; charset=utf-8", include_str!("static/review.css"))
}

pub(crate) async fn js() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("static/review.js"),
    )
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("max-age=3600"),
    );
    r
}
