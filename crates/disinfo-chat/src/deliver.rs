//! Posting JSON to incoming webhooks and `response_url`s.

use std::time::Duration;

use serde_json::Value;

use crate::error::{Error, Result};

/// How long a post may take before it is given up.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Whether `url` is one [`post`] posts to (an absolute http or https URL); else why not. Front
/// ends check a webhook with it before doing the work whose result they post.
pub fn check_url(url: &str) -> std::result::Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("not a URL: {e}"))?;
    if matches!(parsed.scheme(), "http" | "https") {
        Ok(())
    } else {
        Err("only http and https URLs are posted to".into())
    }
}

/// Posts `body` as JSON to `url`; returns the HTTP status (2xx), or an error naming the URL
/// (without its query, which may hold a secret) and the status or network error.
pub fn post(url: &str, body: &Value) -> Result<u16> {
    let shown = url.split(['?', '#']).next().unwrap_or(url).to_string();
    check_url(url).map_err(|message| Error::DeliveryFailed {
        url: shown.clone(),
        message,
    })?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent
        .post(url)
        .header("content-type", "application/json")
        .send(body.to_string())
        .map_err(|e| Error::DeliveryFailed {
            url: shown.clone(),
            message: e.to_string(),
        })?;
    let status = response.status().as_u16();
    if (200..300).contains(&status) {
        Ok(status)
    } else {
        Err(Error::DeliveryFailed {
            url: shown,
            message: format!("HTTP {status}"),
        })
    }
}
