//! Is this request from the chat platform? Slack signs each request; Mattermost sends the
//! command's token.
//!
//! - Slack (<https://api.slack.com/authentication/verifying-requests-from-slack>):
//!   `X-Slack-Signature` = `v0=` + hex(HMAC-SHA256(signing secret, `v0:{X-Slack-Request-Timestamp}:{raw body}`)),
//!   and the timestamp within five minutes of now (replays are refused).
//! - Mattermost: the `token` field equals one of the configured command tokens.
//!
//! Both comparisons run in constant time.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::request::Incoming;

/// Requests whose Slack timestamp is further than this from now are refused.
pub const MAX_AGE_SECONDS: i64 = 5 * 60;

/// Why a request was not accepted as coming from the platform (answered with 401).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unverified(pub String);

/// Checks Slack's v0 signature of `incoming` with `secret`, at `now` (Unix seconds).
pub fn slack(incoming: &Incoming, secret: &[u8], now: i64) -> Result<(), Unverified> {
    let signature = incoming
        .header("x-slack-signature")
        .ok_or_else(|| Unverified("The X-Slack-Signature header is missing.".into()))?;
    let timestamp = incoming
        .header("x-slack-request-timestamp")
        .ok_or_else(|| Unverified("The X-Slack-Request-Timestamp header is missing.".into()))?;
    let seconds: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| Unverified("X-Slack-Request-Timestamp is not a number of seconds.".into()))?;
    if (now - seconds).abs() > MAX_AGE_SECONDS {
        return Err(Unverified(format!(
            "The request's timestamp is {} seconds from now (at most {MAX_AGE_SECONDS} are accepted).",
            (now - seconds).abs()
        )));
    }
    let expected = slack_signature(secret, timestamp.trim(), &incoming.body);
    if bool::from(expected.as_bytes().ct_eq(signature.trim().as_bytes())) {
        Ok(())
    } else {
        Err(Unverified(
            "The X-Slack-Signature does not match the body.".into(),
        ))
    }
}

/// Slack's v0 signature of a body sent at `timestamp` (what the platform computes, and what test
/// clients and load generators send).
pub fn slack_signature(secret: &[u8], timestamp: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    format!("v0={}", hex::encode(mac.finalize().into_bytes()))
}

/// Checks a Mattermost command token against the configured ones.
pub fn mattermost(token: &str, tokens: &[String]) -> Result<(), Unverified> {
    if token.is_empty() {
        return Err(Unverified("The request carries no token.".into()));
    }
    // Every configured token is compared, so the time taken says nothing about which matched.
    let matched = tokens.iter().fold(subtle::Choice::from(0), |acc, known| {
        acc | known.as_bytes().ct_eq(token.as_bytes())
    });
    if bool::from(matched) {
        Ok(())
    } else {
        Err(Unverified(
            "The token is not one of this service's command tokens.".into(),
        ))
    }
}

/// An HMAC-SHA256 tag of `parts` under `key`, hex-encoded: signs links and button contexts.
pub(crate) fn tag(key: &[u8], parts: &[&str]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    for part in parts {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part.as_bytes());
    }
    hex::encode(mac.finalize().into_bytes())
}

/// Checks a tag made by [`tag`], in constant time.
pub(crate) fn check_tag(key: &[u8], parts: &[&str], given: &str) -> bool {
    bool::from(tag(key, parts).as_bytes().ct_eq(given.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slack's documented example (api.slack.com, "Verifying requests from Slack").
    const SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
    const TIMESTAMP: &str = "1531420618";
    const BODY: &str = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const SIGNATURE: &str = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    fn request(signature: Option<&str>, timestamp: Option<&str>, body: &[u8]) -> Incoming {
        let mut headers = Vec::new();
        if let Some(s) = signature {
            headers.push(("X-Slack-Signature", s));
        }
        if let Some(t) = timestamp {
            headers.push(("X-Slack-Request-Timestamp", t));
        }
        Incoming::new(headers, body.to_vec())
    }

    #[test]
    fn slacks_documented_example_verifies_at_its_timestamp() {
        let now = 1_531_420_618;
        assert_eq!(
            slack_signature(SECRET.as_bytes(), TIMESTAMP, BODY.as_bytes()),
            SIGNATURE
        );
        let ok = request(Some(SIGNATURE), Some(TIMESTAMP), BODY.as_bytes());
        assert_eq!(slack(&ok, SECRET.as_bytes(), now), Ok(()));
        assert_eq!(slack(&ok, SECRET.as_bytes(), now + MAX_AGE_SECONDS), Ok(()));
    }

    #[test]
    fn one_changed_byte_an_old_timestamp_or_a_missing_header_is_refused() {
        let now = 1_531_420_618;
        let mut changed = BODY.as_bytes().to_vec();
        changed[10] ^= 1;
        let bad = request(Some(SIGNATURE), Some(TIMESTAMP), &changed);
        assert!(slack(&bad, SECRET.as_bytes(), now).is_err());
        let old = request(Some(SIGNATURE), Some(TIMESTAMP), BODY.as_bytes());
        let err = slack(&old, SECRET.as_bytes(), now + 6 * 60).expect_err("six minutes");
        assert!(err.0.contains("360 seconds"), "{}", err.0);
        for (s, t) in [(None, Some(TIMESTAMP)), (Some(SIGNATURE), None)] {
            assert!(slack(&request(s, t, BODY.as_bytes()), SECRET.as_bytes(), now).is_err());
        }
        let wrong_secret = request(Some(SIGNATURE), Some(TIMESTAMP), BODY.as_bytes());
        assert!(slack(&wrong_secret, b"another secret", now).is_err());
    }

    #[test]
    fn mattermost_tokens_must_match_one_configured() {
        let tokens = vec!["tok-wiki".to_string(), "tok-bots".to_string()];
        assert!(mattermost("tok-bots", &tokens).is_ok());
        assert!(mattermost("tok-bot", &tokens).is_err());
        assert!(mattermost("", &tokens).is_err());
        assert!(mattermost("tok-wiki", &[]).is_err());
    }

    #[test]
    fn tags_bind_every_part_and_its_boundaries() {
        let key = b"k";
        let t = tag(key, &["ab", "c"]);
        assert!(check_tag(key, &["ab", "c"], &t));
        assert!(!check_tag(key, &["a", "bc"], &t));
        assert!(!check_tag(b"other", &["ab", "c"], &t));
    }
}
