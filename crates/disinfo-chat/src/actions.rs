//! The "Send to analysis" button: forwards a card to the qualification channel's incoming webhook
//! and updates the original message.
//!
//! - Mattermost posts the button's `integration.context` as JSON (`{"user_id", "channel_id",
//!   "context": {...}}`); it does not sign action requests, so the card in the context carries a
//!   tag made with the service's link key, and a card whose tag does not match is refused.
//!   The answer's `update` rewrites the original post and `ephemeral_text` confirms.
//! - Slack posts `payload={…}` (a `block_actions` interaction), signed like commands; the button's
//!   `value` is the card. The original message is updated through the payload's `response_url`.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::answer::{Delivery, Platform, Response};
use crate::config::Config;
use crate::links::Links;
use crate::request::Incoming;
use crate::response::{Card, Reply};

/// A button press.
#[derive(Debug, Clone)]
pub(crate) struct Action {
    pub user_id: String,
    pub user_name: String,
    pub channel_id: String,
    pub team_id: String,
    pub card: Card,
    /// Slack: where to update the original message; its blocks, without the pressed button.
    pub response_url: Option<String>,
    pub original: Option<Value>,
}

/// Whether a request is a button press rather than a slash command.
pub(crate) fn is_action(incoming: &Incoming, form: Option<&BTreeMap<String, String>>) -> bool {
    let json = incoming
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/json"));
    json || form.is_some_and(|f| f.contains_key("payload") && !f.contains_key("command"))
}

type Refusal = (u16, String);

/// Reads a button press; a refusal is a status and a text.
pub(crate) fn parse(
    platform: Platform,
    incoming: &Incoming,
    form: Option<&BTreeMap<String, String>>,
    links: &Links,
) -> Result<Action, Refusal> {
    match platform {
        Platform::Mattermost => mattermost(&incoming.body, links),
        Platform::Slack => {
            let payload = form
                .and_then(|f| f.get("payload"))
                .ok_or((400, "The interaction has no `payload` field.".to_string()))?;
            slack(payload)
        }
    }
}

fn text(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn mattermost(body: &[u8], links: &Links) -> Result<Action, Refusal> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| (400, format!("The action request is not JSON: {e}.")))?;
    let context = value
        .get("context")
        .ok_or((400, "The action request has no `context`.".to_string()))?;
    if text(context, "/action") != "send_to_analysis" {
        return Err((400, "The action is not one this service offers.".into()));
    }
    let card_json = text(context, "/card");
    if !links.check_text(&card_json, &text(context, "/tag")) {
        return Err((
            401,
            "The action's card is not one this service sent.".into(),
        ));
    }
    let card: Card = serde_json::from_str(&card_json)
        .map_err(|e| (400, format!("The action's card cannot be read: {e}.")))?;
    Ok(Action {
        user_id: text(&value, "/user_id"),
        user_name: text(&value, "/user_name"),
        channel_id: text(&value, "/channel_id"),
        team_id: text(&value, "/team_id"),
        card,
        response_url: None,
        original: None,
    })
}

fn slack(payload: &str) -> Result<Action, Refusal> {
    let value: Value = serde_json::from_str(payload)
        .map_err(|e| (400, format!("The interaction payload is not JSON: {e}.")))?;
    if text(&value, "/type") != "block_actions" {
        return Err((
            400,
            "The interaction is not a button press (block_actions).".into(),
        ));
    }
    let pressed = value
        .pointer("/actions/0")
        .ok_or((400, "The interaction names no action.".to_string()))?;
    let action_id = text(pressed, "/action_id");
    if !action_id.starts_with("send_to_analysis") {
        return Err((400, "The action is not one this service offers.".into()));
    }
    let card: Card = serde_json::from_str(&text(pressed, "/value"))
        .map_err(|e| (400, format!("The button's card cannot be read: {e}.")))?;
    let original = value.get("message").cloned().map(|mut message| {
        if let Some(blocks) = message.get_mut("blocks").and_then(Value::as_array_mut) {
            blocks.retain(|b| {
                b.pointer("/elements/0/action_id").and_then(Value::as_str)
                    != Some(action_id.as_str())
            });
        }
        message
    });
    let response_url = Some(text(&value, "/response_url")).filter(|u| !u.is_empty());
    Ok(Action {
        user_id: text(&value, "/user/id"),
        user_name: text(&value, "/user/username"),
        channel_id: text(&value, "/channel/id"),
        team_id: text(&value, "/team/id"),
        card,
        response_url,
        original,
    })
}

/// Forwards the card and updates the original message.
pub(crate) fn run(
    platform: Platform,
    action: &Action,
    webhook: Option<&str>,
    config: &Config,
) -> Response {
    let Some(webhook) = webhook else {
        return Response {
            status: 200,
            body: json!({"response_type": "ephemeral", "ephemeral_text": "No analysis channel is configured on this service ([analysis] webhook).", "text": "No analysis channel is configured on this service ([analysis] webhook)."}),
            deliveries: Vec::new(),
        };
    };
    let by = if action.user_name.is_empty() {
        action.user_id.clone()
    } else {
        format!("@{}", action.user_name)
    };
    let channel = config
        .analysis
        .as_ref()
        .and_then(|a| a.channel.clone())
        .unwrap_or_else(|| "the analysis channel".into());
    let note = format!("Sent to {channel} by {by}.");
    let forwarded = Reply {
        analysis_button: false,
        ..Reply::in_channel(
            format!("For analysis, from {by}:"),
            vec![action.card.clone()],
        )
    };
    let mut deliveries = vec![Delivery {
        url: webhook.to_string(),
        body: forwarded.to_mattermost(None),
    }];
    let body = match platform {
        Platform::Mattermost => {
            let mut updated = Reply::in_channel(note.clone(), vec![action.card.clone()]);
            updated.analysis_button = false;
            let rendered = updated.to_mattermost(None);
            json!({
                "update": {"message": note, "props": {"attachments": rendered["attachments"]}},
                "ephemeral_text": note,
            })
        }
        Platform::Slack => {
            if let (Some(url), Some(original)) = (&action.response_url, &action.original) {
                let mut message = original.clone();
                message["replace_original"] = json!(true);
                if let Some(blocks) = message.get_mut("blocks").and_then(Value::as_array_mut) {
                    blocks.push(
                        json!({"type": "context", "elements": [{"type": "mrkdwn", "text": note}]}),
                    );
                }
                deliveries.push(Delivery {
                    url: url.clone(),
                    body: message,
                });
            }
            Value::Null
        }
    };
    Response {
        status: 200,
        body,
        deliveries,
    }
}
