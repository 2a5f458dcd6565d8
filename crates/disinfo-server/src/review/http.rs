//! What the review's handlers read from requests and write in answers: cookies, forms, the
//! language, and the page answering a refusal.

use std::collections::BTreeMap;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use disinfo_ads::review::AnswerValue;
use disinfo_ads::review::questionnaire::{QuestionKind, Questionnaire};

use super::pages;
use super::text::Lang;

/// The session cookie.
pub(crate) const SESSION: &str = "disinfo_session";
/// The CSRF cookie of the invitation form (before a session exists).
pub(crate) const INVITE_CSRF: &str = "disinfo_invite_csrf";
/// The language cookie.
const LANG: &str = "disinfo_lang";

/// The value of cookie `name`.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value: HTTP-only, secure, same-site strict.
pub(crate) fn set_cookie(name: &str, value: &str, path: &str, max_age_seconds: i64) -> HeaderValue {
    let text = format!(
        "{name}={value}; Path={path}; Max-Age={max_age_seconds}; HttpOnly; Secure; SameSite=Strict"
    );
    HeaderValue::from_str(&text)
        .unwrap_or_else(|_| HeaderValue::from_static("invalid=1; Max-Age=0"))
}

/// The language of a request: `?lang=`, the cookie, `Accept-Language`, else French.
pub(crate) fn language(headers: &HeaderMap, query: &BTreeMap<String, String>) -> (Lang, bool) {
    if let Some(lang) = query.get("lang").and_then(|l| Lang::parse(l)) {
        return (lang, true);
    }
    let lang = cookie(headers, LANG)
        .and_then(Lang::parse)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept)
        })
        .unwrap_or(Lang::Fr);
    (lang, false)
}

/// Keeps the language chosen with `?lang=` in a cookie.
pub(crate) fn remember(mut response: Response, lang: Lang, chosen: bool) -> Response {
    if chosen {
        let value = format!(
            "{LANG}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        );
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// The fields of a form body, in order (repeated names kept: ticked checkboxes).
pub(crate) fn fields(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// The first value of field `name`.
pub(crate) fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The answers of a review form (`q.<question>` fields), keeping only the questions asked given
/// the earlier answers (without JavaScript every question is shown) and dropping empty texts.
pub(crate) fn answers(
    questionnaire: &Questionnaire,
    fields: &[(String, String)],
) -> BTreeMap<String, AnswerValue> {
    let mut answers = BTreeMap::new();
    for q in &questionnaire.questions {
        let asked = q
            .when
            .as_ref()
            .is_none_or(|w| match answers.get(&w.question) {
                Some(AnswerValue::Text(c)) => w.any_of.contains(c),
                Some(AnswerValue::Choices(cs)) => cs.iter().any(|c| w.any_of.contains(c)),
                _ => false,
            });
        if !asked {
            continue;
        }
        let name = format!("q.{}", q.id);
        let values: Vec<&str> = fields
            .iter()
            .filter(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .collect();
        let value = match q.kind {
            QuestionKind::Multiple if !values.is_empty() => Some(AnswerValue::Choices(
                values.iter().map(|v| (*v).to_owned()).collect(),
            )),
            QuestionKind::Single => values.first().map(|v| AnswerValue::Text((*v).to_owned())),
            QuestionKind::Text => values
                .first()
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .map(|v| AnswerValue::Text(v.to_owned())),
            QuestionKind::Multiple => None,
        };
        if let Some(value) = value {
            answers.insert(q.id.clone(), value);
        }
    }
    answers
}

/// A page with its status.
pub(crate) fn page(status: StatusCode, html: String) -> Response {
    (status, Html(html)).into_response()
}

/// 303 to `to`.
pub(crate) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The answer to a refused request: 401 without a session, 403 otherwise.
pub(crate) fn refused(lang: Lang, status: StatusCode, reason: &str) -> Response {
    page(status, pages::refusal(lang, reason))
}

/// Compares two tokens in time that does not depend on where they differ.
pub(crate) fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
