//! What the router answers over HTTP: the platform a request came from, the status and JSON body
//! to send back, and the posts to make afterwards.

use serde::Serialize;
use serde_json::{Value, json};

/// Which platform sent a request.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// Slack (signed requests).
    Slack,
    /// Mattermost (command tokens).
    Mattermost,
}

/// An HTTP answer: a status and a JSON body, and the posts to make once it is sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// The HTTP status: 200 for answers (errors in what the user typed included), 400 for a body
    /// that cannot be read, 401 for a request that is not from the platform, 403 for a user, channel
    /// or team the command is not open to.
    pub status: u16,
    /// The JSON body (`response_type`, `text`, `attachments`, ...).
    pub body: Value,
    /// Posts to make after answering (forwarded cards, updates of the original message).
    pub deliveries: Vec<Delivery>,
}

/// A JSON post to make: to an incoming webhook or a `response_url`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delivery {
    /// Where.
    pub url: String,
    /// What.
    pub body: Value,
}

impl Response {
    /// An ephemeral refusal or error with its status.
    pub(crate) fn refuse(status: u16, text: impl Into<String>) -> Response {
        Response {
            status,
            body: json!({"response_type": "ephemeral", "text": text.into()}),
            deliveries: Vec::new(),
        }
    }
}
