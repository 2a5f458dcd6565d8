//! Posting JSON to incoming webhooks and `response_url`s.

use std::time::Duration;

use serde_json::Value;

use crate::error::{Error, Result};

/// How long a post may take before it is given up.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Posts `body` as JSON to `url`; returns the HTTP status (2xx), or an error naming the URL
/// (without its query, which may hold a secret) and the status or network error.
pub fn post(url: &str, body: &Value) -> Result<u16> {
    let shown = url.split(['?', '#']).next().unwrap_or(url).to_string();
    let parsed = url::Url::parse(url).map_err(|e| Error::DeliveryFailed {
        url: shown.clone(),
        message: format!("not a URL: {e}"),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::DeliveryFailed {
            url: shown,
            message: "only http and https URLs are posted to".into(),
        });
    }
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
