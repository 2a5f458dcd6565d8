//! What the service answers: a platform-neutral [`Reply`] of [`Card`]s, rendered as the JSON each
//! platform reads.
//!
//! Mattermost reads `response_type`, `text` and `attachments` (with interactive `actions` whose
//! `integration` posts back to the service); Slack reads the same `attachments` for fields and
//! images, and takes buttons as Block Kit `actions` blocks. A message longer than Mattermost's
//! 16,383 characters is cut at a line boundary and ends with a link to the full result.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Mattermost's limit on a message's text, in characters.
pub const MAX_MESSAGE_CHARS: usize = 16_383;

/// Who sees an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Only the user who typed the command.
    Ephemeral,
    /// Everyone in the channel.
    InChannel,
}

/// A field of a card: a label and its value, short ones side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The label.
    pub title: String,
    /// The value (Markdown).
    pub value: String,
    /// Whether it fits half a line.
    pub short: bool,
}

/// One result: a title (linked), a text, fields, an image.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// The title.
    pub title: String,
    /// Where the title links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_link: Option<String>,
    /// The text (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Label/value pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// An image shown under the text (a chart).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// A colour bar (`#RRGGBB`): red for violations, amber for changes, grey otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

impl Card {
    /// A card with a title and a text.
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Card {
        Card {
            title: title.into(),
            text: text.into(),
            ..Card::default()
        }
    }

    /// Adds a field.
    pub fn field(
        mut self,
        title: impl Into<String>,
        value: impl Into<String>,
        short: bool,
    ) -> Card {
        self.fields.push(Field {
            title: title.into(),
            value: value.into(),
            short,
        });
        self
    }

    /// Links the title.
    pub fn link(mut self, url: impl Into<String>) -> Card {
        self.title_link = Some(url.into());
        self
    }

    /// Sets the colour bar.
    pub fn color(mut self, color: &str) -> Card {
        self.color = Some(color.to_string());
        self
    }

    /// The card as plain text (what a webhook's fallback and the length budget count).
    pub fn plain(&self) -> String {
        let mut out = self.title.clone();
        if !self.text.is_empty() {
            out.push('\n');
            out.push_str(&self.text);
        }
        for f in &self.fields {
            out.push_str(&format!("\n{}: {}", f.title, f.value));
        }
        out
    }
}

/// An answer to a command.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// Who sees it.
    pub visibility: Visibility,
    /// The message text (Markdown).
    pub text: String,
    /// The results.
    pub cards: Vec<Card>,
    /// Whether each card gets a "Send to analysis" button.
    pub analysis_button: bool,
    /// Where the full result is, when the answer had to be shortened.
    pub full_result: Option<String>,
}

impl Reply {
    /// An answer only the user sees.
    pub fn ephemeral(text: impl Into<String>) -> Reply {
        Reply {
            visibility: Visibility::Ephemeral,
            text: text.into(),
            cards: Vec::new(),
            analysis_button: false,
            full_result: None,
        }
    }

    /// An answer the channel sees, with cards that can be sent to analysis.
    pub fn in_channel(text: impl Into<String>, cards: Vec<Card>) -> Reply {
        Reply {
            visibility: Visibility::InChannel,
            text: text.into(),
            cards,
            analysis_button: true,
            full_result: None,
        }
    }
}

/// Where button presses are posted and how they are signed (Mattermost's `integration.context`
/// carries the card and a tag, since Mattermost does not sign action requests).
pub struct ButtonTarget<'a> {
    /// The service's `/actions` URL.
    pub url: &'a str,
    /// Signs the card in the button's context.
    pub sign: &'a dyn Fn(&str) -> String,
}

/// Cuts `text` to at most `max` characters at a line (or else a character) boundary.
pub fn cut(text: &str, max: usize) -> (String, bool) {
    if text.chars().count() <= max {
        return (text.to_string(), false);
    }
    let mut end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    if let Some(line) = text[..end].rfind('\n')
        && line > end / 2
    {
        end = line;
    }
    (text[..end].to_string(), true)
}

impl Reply {
    /// Keeps the whole answer within [`MAX_MESSAGE_CHARS`]: cards are dropped from the end and
    /// texts cut, and a link to the full result (when there is one) says where the rest is.
    pub fn fit(mut self) -> Reply {
        let budget = MAX_MESSAGE_CHARS - 400;
        let mut used = self.text.chars().count();
        let mut kept = Vec::new();
        let mut shortened = false;
        for mut card in std::mem::take(&mut self.cards) {
            let size = card.plain().chars().count();
            if used + size <= budget {
                used += size;
                kept.push(card);
                continue;
            }
            shortened = true;
            let room = budget.saturating_sub(used + card.title.chars().count() + 50);
            if room > 200 && card.fields.is_empty() {
                card.text = cut(&card.text, room).0;
                kept.push(card);
            }
            break;
        }
        let (text, cut_text) = cut(&self.text, budget);
        self.text = text;
        self.cards = kept;
        if shortened || cut_text {
            match &self.full_result {
                Some(url) => self
                    .text
                    .push_str(&format!("\n… shortened: [full result]({url})")),
                None => self.text.push_str("\n… shortened"),
            }
        }
        self
    }

    /// The JSON an incoming webhook takes: the text and attachments, cut within Mattermost's
    /// limit, without the `response_type` that only slash-command answers take.
    pub fn to_webhook(self) -> Value {
        let mut body = self.fit().to_mattermost(None);
        if let Some(object) = body.as_object_mut() {
            object.remove("response_type");
        }
        body
    }

    /// The JSON Mattermost reads.
    pub fn to_mattermost(&self, buttons: Option<&ButtonTarget<'_>>) -> Value {
        let attachments: Vec<Value> = self
            .cards
            .iter()
            .map(|card| {
                let mut a = attachment(card);
                if let (true, Some(target)) = (self.analysis_button, buttons) {
                    let card_json = serde_json::to_string(card).unwrap_or_default();
                    a["actions"] = json!([{
                        "id": "sendtoanalysis",
                        "name": "Send to analysis",
                        "integration": {
                            "url": target.url,
                            "context": {
                                "action": "send_to_analysis",
                                "card": card_json,
                                "tag": (target.sign)(&card_json),
                            },
                        },
                    }]);
                }
                a
            })
            .collect();
        let mut out = json!({"response_type": self.visibility, "text": self.text});
        if !attachments.is_empty() {
            out["attachments"] = Value::Array(attachments);
        }
        out
    }

    /// The JSON Slack reads: the same attachments, buttons as `actions` blocks (a block's button
    /// carries the card as its value, which Slack caps at 2,000 characters).
    pub fn to_slack(&self) -> Value {
        let mut out = json!({"response_type": self.visibility, "text": self.text});
        if self.cards.is_empty() {
            return out;
        }
        out["attachments"] = Value::Array(self.cards.iter().map(attachment).collect());
        if self.analysis_button {
            // Slack refuses a section block with an empty text (`invalid_blocks`).
            let mut blocks = Vec::new();
            if !self.text.trim().is_empty() {
                blocks.push(json!({"type": "section", "text": {"type": "mrkdwn", "text": cut(&self.text, 3000).0}}));
            }
            for (i, card) in self.cards.iter().enumerate() {
                let mut small = card.clone();
                small.text = cut(&small.text, 600).0;
                small.fields.truncate(6);
                small.image_url = None;
                let value = serde_json::to_string(&small).unwrap_or_default();
                if value.chars().count() > 2000 {
                    continue;
                }
                blocks.push(json!({"type": "actions", "elements": [{
                    "type": "button",
                    "action_id": format!("send_to_analysis_{i}"),
                    "text": {"type": "plain_text", "text": format!("Send to analysis: {}", cut(&card.title, 40).0)},
                    "value": value,
                }]}));
            }
            out["blocks"] = Value::Array(blocks);
        }
        out
    }
}

fn attachment(card: &Card) -> Value {
    let mut a = json!({
        "fallback": cut(&card.plain(), 300).0,
        "title": card.title,
        "text": card.text,
        "color": card.color.clone().unwrap_or_else(|| "#8a8a8a".into()),
    });
    if let Some(link) = &card.title_link {
        a["title_link"] = json!(link);
    }
    if !card.fields.is_empty() {
        a["fields"] = serde_json::to_value(&card.fields).unwrap_or(Value::Null);
    }
    if let Some(image) = &card.image_url {
        a["image_url"] = json!(image);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_answer_is_cut_under_the_limit_and_links_the_full_result() {
        let card = Card::new("t", "line\n".repeat(2000));
        let mut reply = Reply::in_channel("header", vec![card.clone(), card.clone(), card]);
        reply.full_result = Some("https://svc/full".into());
        let fitted = reply.fit();
        let shown: usize = fitted.text.chars().count()
            + fitted
                .cards
                .iter()
                .map(|c| c.plain().chars().count())
                .sum::<usize>();
        assert!(shown < MAX_MESSAGE_CHARS, "{shown}");
        assert!(fitted.text.contains("[full result](https://svc/full)"));
        assert!(!fitted.cards.is_empty());
    }

    #[test]
    fn cut_respects_character_boundaries() {
        let (text, cut_) = cut("ééééé", 3);
        assert_eq!((text.as_str(), cut_), ("ééé", true));
        assert_eq!(cut("short", 10), ("short".to_string(), false));
    }

    #[test]
    fn mattermost_buttons_carry_the_signed_card() {
        let sign = |s: &str| format!("tag-of-{}", s.len());
        let target = ButtonTarget {
            url: "https://svc/actions",
            sign: &sign,
        };
        let reply = Reply::in_channel("x", vec![Card::new("A card", "text")]);
        let json = reply.to_mattermost(Some(&target));
        let context = &json["attachments"][0]["actions"][0]["integration"]["context"];
        assert_eq!(context["action"], "send_to_analysis");
        assert!(
            context["tag"]
                .as_str()
                .is_some_and(|t| t.starts_with("tag-of-"))
        );
        assert_eq!(json["response_type"], "in_channel");
        let slack = reply.to_slack();
        assert_eq!(slack["blocks"][1]["elements"][0]["type"], "button");
        let untitled = Reply::in_channel("", vec![Card::new("A card", "text")]).to_slack();
        assert_eq!(
            untitled["blocks"][0]["type"], "actions",
            "no empty section: {untitled}"
        );
    }
}
