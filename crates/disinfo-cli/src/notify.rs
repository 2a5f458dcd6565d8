//! `--notify URL`: a card posted to an incoming webhook once a command's result is written
//! (`disinfo terms track`, `disinfo ads audit`).

use crate::tool::Tool;

/// Refuses a `--notify` that is not an http(s) URL, before the command does any work.
pub fn check_webhook(url: &str, tool: Tool) -> disinfo::Result<()> {
    disinfo::chat::deliver::check_url(url).map_err(|why| {
        tool.bad_argument(
            "notify",
            format!("`--notify` takes an incoming webhook URL (https://chat.example.org/hooks/...): {why}"),
        )
    })
}

/// Posts `card`, when there is one, to `url`. The command's result is already written, so a
/// failed post (code `delivery_failed`, exit 2) loses nothing.
pub fn post(url: &str, card: Option<serde_json::Value>) -> disinfo::Result<()> {
    match card {
        Some(card) => disinfo::chat::deliver::post(url, &card)
            .map(|_| ())
            .map_err(disinfo::Error::from),
        None => Ok(()),
    }
}
