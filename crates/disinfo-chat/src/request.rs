//! What arrives: an HTTP request's headers and raw body, and the slash command or button press
//! read from it.
//!
//! Both Slack and Mattermost post slash commands as `application/x-www-form-urlencoded` bodies
//! with the same fields. The decoder is strict: a `%` not followed by two hex digits, a value that
//! is not UTF-8 once decoded, or a field given twice is refused with a message naming it, because
//! a lenient decoder would act on a different text than the one the user typed.

use std::collections::BTreeMap;

/// An HTTP request as a web framework hands it over: header names (any case) and the raw body.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    headers: BTreeMap<String, String>,
    /// The raw body, exactly as received (signatures are computed over these bytes).
    pub body: Vec<u8>,
}

impl Incoming {
    /// A request from its headers (names in any case; a repeated name keeps the first value) and
    /// raw body.
    pub fn new<'a>(headers: impl IntoIterator<Item = (&'a str, &'a str)>, body: Vec<u8>) -> Self {
        let mut map = BTreeMap::new();
        for (name, value) in headers {
            map.entry(name.to_ascii_lowercase())
                .or_insert_with(|| value.to_string());
        }
        Incoming { headers: map, body }
    }

    /// A header's value (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// The fields of a slash-command request (Slack and Mattermost send the same ones).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlashCommand {
    /// Mattermost: the command's token; Slack: a deprecated verification token (unused).
    pub token: String,
    /// The team (workspace) id.
    pub team_id: String,
    /// The team's domain.
    pub team_domain: String,
    /// The channel id.
    pub channel_id: String,
    /// The channel name.
    pub channel_name: String,
    /// The user id.
    pub user_id: String,
    /// The user name.
    pub user_name: String,
    /// The command as typed, with its slash (`/bots`).
    pub command: String,
    /// Everything after the command.
    pub text: String,
    /// Where a delayed answer is posted.
    pub response_url: String,
    /// Slack: opens modals; unused.
    pub trigger_id: String,
}

/// Why a body could not be read as a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError(pub String);

/// Longest command text accepted (Slack's own limit on a message is 4,000 characters).
pub const MAX_TEXT_CHARS: usize = 4000;

/// Decodes an `application/x-www-form-urlencoded` body strictly, field by field.
pub fn decode_form(body: &[u8]) -> Result<BTreeMap<String, String>, FormError> {
    let text = std::str::from_utf8(body).map_err(|e| {
        FormError(format!(
            "the body is not UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return Err(FormError(
            "the body is JSON; slash commands are posted form-encoded (application/x-www-form-urlencoded)".into(),
        ));
    }
    let mut fields = BTreeMap::new();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = percent_decode(raw_name, "a field name")?;
        let value = percent_decode(raw_value, &format!("field `{}`", short(&name)))?;
        if fields.contains_key(&name) {
            return Err(FormError(format!(
                "field `{}` is given twice",
                short(&name)
            )));
        }
        fields.insert(name, value);
    }
    Ok(fields)
}

fn short(text: &str) -> String {
    disinfo_core::error::shorten(text).into_owned()
}

fn percent_decode(raw: &str, what: &str) -> Result<String, FormError> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                let byte = hex
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        FormError(format!(
                            "{what} has a `%` at offset {i} not followed by two hex digits"
                        ))
                    })?;
                out.push(byte);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|e| {
        FormError(format!(
            "{what} is not UTF-8 once decoded (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

impl SlashCommand {
    /// Reads a slash command from a decoded form. `command` is required; the other fields default
    /// to empty (fields the platforms add, such as Slack's `api_app_id`, are ignored).
    pub fn from_form(fields: &BTreeMap<String, String>) -> Result<SlashCommand, FormError> {
        let get = |name: &str| fields.get(name).cloned().unwrap_or_default();
        let command = get("command");
        if command.is_empty() {
            return Err(FormError(
                "the form has no `command` field: is this a slash-command request?".into(),
            ));
        }
        Ok(SlashCommand {
            token: get("token"),
            team_id: get("team_id"),
            team_domain: get("team_domain"),
            channel_id: get("channel_id"),
            channel_name: get("channel_name"),
            user_id: get("user_id"),
            user_name: get("user_name"),
            command,
            text: get("text"),
            response_url: get("response_url"),
            trigger_id: get("trigger_id"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_decodes_plus_and_percent_escapes() {
        let form = decode_form(b"command=%2Fwiki&text=fact+checking%20%C3%A9t%C3%A9&empty=")
            .expect("form");
        assert_eq!(form["command"], "/wiki");
        assert_eq!(form["text"], "fact checking été");
        assert_eq!(form["empty"], "");
    }

    #[test]
    fn malformed_forms_are_refused_with_the_field_named() {
        let err = decode_form(b"text=%ZZ").expect_err("bad escape");
        assert!(
            err.0.contains("field `text`") && err.0.contains('%'),
            "{}",
            err.0
        );
        let err = decode_form(b"text=%FF%FE").expect_err("not utf-8");
        assert!(err.0.contains("not UTF-8"), "{}", err.0);
        let err = decode_form(b"text=a\xff").expect_err("raw not utf-8");
        assert!(err.0.contains("offset 6"), "{}", err.0);
        let err = decode_form(b"{\"command\": \"/wiki\"}").expect_err("json");
        assert!(err.0.contains("JSON"), "{}", err.0);
        let err = decode_form(b"text=a&text=b").expect_err("twice");
        assert!(err.0.contains("given twice"), "{}", err.0);
        let err = decode_form(b"text=%4").expect_err("truncated escape");
        assert!(err.0.contains("two hex digits"), "{}", err.0);
    }

    #[test]
    fn a_slash_command_needs_its_command_field() {
        let form = decode_form(b"text=x").expect("form");
        assert!(SlashCommand::from_form(&form).is_err());
        let form = decode_form(b"command=%2Fscale&text=FR+1200&user_id=u1").expect("form");
        let command = SlashCommand::from_form(&form).expect("command");
        assert_eq!(
            (command.command.as_str(), command.text.as_str()),
            ("/scale", "FR 1200")
        );
    }

    #[test]
    fn header_names_are_case_insensitive() {
        let incoming = Incoming::new([("X-Slack-Signature", "v0=1")], Vec::new());
        assert_eq!(incoming.header("x-slack-signature"), Some("v0=1"));
    }
}
