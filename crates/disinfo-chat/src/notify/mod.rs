//! Cards for the analysts' channel: what the tracker recorded and what the audit found.
//!
//! Each builds the JSON an incoming webhook takes (`{"text": ..., "attachments": [...]}`: Mattermost's
//! format, which Slack's incoming webhooks read too) from a tool's report, or nothing when there is
//! nothing to say; [`crate::deliver::post`] posts it.
//!
//! - [`track`]: the changes `disinfo terms track` recorded (substantive ones by default).
//! - [`audit`]: the violations `disinfo ads audit` found.

pub mod audit;
pub mod track;

use serde_json::Value;

use crate::response::Reply;

/// The webhook JSON of `reply`: its text and attachments, cut within Mattermost's limit, without
/// the `response_type` that only slash-command answers take.
pub fn webhook_body(reply: Reply) -> Value {
    let mut body = reply.fit().to_mattermost(None);
    if let Some(object) = body.as_object_mut() {
        object.remove("response_type");
    }
    body
}
