//! `/bots <account>`: the account's most telling features and each rule preset's verdict, in
//! every dataset that has it.

use disinfo_bots::Platform;
use disinfo_bots::rules::Verdict;

use super::load::Index;
use super::{CommandError, number, readable, verdict_text};
use crate::response::{Card, Reply};

/// The features shown as fields, by the crate's column names: age and activity, the follow
/// ratio the 2019 rule reads, how machine-made the handle looks, and how the account posts.
pub(super) const KEY_FEATURES: &[&str] = &[
    "age_h",
    "posts",
    "followers",
    "following",
    "followers_following_ratio",
    "posts_per_hour",
    "handle_likelihood",
    "handle_digits",
    "n_posts",
    "repost_share",
    "top_repost_source_share",
    "posts_per_day_max",
    "night_share",
    "duplicate_text_ratio",
];

/// Red when a rule matches, grey otherwise.
pub(super) const MATCH_COLOR: &str = "#c0392b";

/// The cards of `typed` (an id, a handle or an @handle) in every dataset that has it.
pub(super) fn answer(sets: &[Result<Index, String>], typed: &str) -> Result<Reply, CommandError> {
    let (indexes, note) = readable(sets);
    let cards: Vec<Card> = indexes
        .iter()
        .filter_map(|index| index.find_account(typed).map(|row| card(index, row)))
        .collect();
    if cards.is_empty() {
        return Err(unknown(&indexes, typed, &note));
    }
    let text = if cards.len() == 1 {
        format!("Features and rule verdicts of `{}`.{note}", typed.trim())
    } else {
        format!("`{typed}` is in {} datasets.{note}", cards.len())
    };
    Ok(Reply::in_channel(text, cards))
}

/// "No such account", with the closest handle when one is close enough to be a typo.
fn unknown(indexes: &[&Index], typed: &str, note: &str) -> CommandError {
    let bare = typed.trim().trim_start_matches('@');
    let names: Vec<String> = indexes.iter().map(|i| format!("`{}`", i.name)).collect();
    let mut message = format!(
        "No account `{}` in the datasets ({}).",
        crate::response::cut(typed, 60).0,
        if names.is_empty() {
            "none could be read".to_string()
        } else {
            names.join(", ")
        }
    );
    let handles = indexes
        .iter()
        .flat_map(|i| i.matrix.handles.iter())
        .filter(|h| !h.is_empty())
        .map(String::as_str);
    if let Some(close) = disinfo_core::suggest::did_you_mean(bare, handles) {
        message.push_str(&format!(" Did you mean `@{close}`?"));
    }
    message.push_str(note);
    CommandError::new(message)
}

/// The card of one account of one dataset.
pub(super) fn card(index: &Index, row: usize) -> Card {
    let id = index
        .matrix
        .account_ids
        .get(row)
        .cloned()
        .unwrap_or_default();
    let profile = index.profiles.get(row).and_then(Option::as_ref);
    let mut title = format!("{} (account {id})", index.label(row));
    if let Some(name) = profile
        .map(|p| p.display_name.trim())
        .filter(|n| !n.is_empty())
    {
        title = format!("{} — {}", title, crate::response::cut(name, 80).0);
    }
    let mut text = String::new();
    let mut matched = false;
    for rules in &index.rules {
        let line = match &rules.outcomes {
            Ok(outcomes) => match outcomes.get(row) {
                Some(o) => {
                    matched |= o.verdict == Verdict::Pass;
                    verdict_text(o)
                }
                None => "undefined (no outcome for this account)".into(),
            },
            Err(e) => format!("undefined (the rule cannot be applied: {e})"),
        };
        text.push_str(&format!("**{}**: {line}\n", rules.rule.name));
    }
    if let Some(p) = profile {
        let created = p
            .created_at
            .map_or("unknown".into(), |t| t.format("%Y-%m-%d").to_string());
        text.push_str(&format!(
            "Created {created}; profile as seen {}.\n",
            p.observed_at.format("%Y-%m-%d %H:%M UTC")
        ));
    } else {
        text.push_str("No profile in the dataset: seen only as a post author.\n");
    }
    let missing: Vec<&str> = KEY_FEATURES
        .iter()
        .copied()
        .filter(|f| index.value(row, f).is_nan())
        .collect();
    if !missing.is_empty() {
        text.push_str(&format!("Missing from the data: {}.\n", missing.join(", ")));
    }
    let mut card = Card::new(title, text.trim_end());
    for feature in KEY_FEATURES {
        let v = index.value(row, feature);
        if !v.is_nan() {
            card = card.field(*feature, number(v), true);
        }
    }
    card = card.field("dataset", index.provenance(), false);
    if let Some(p) = profile.filter(|p| p.platform == Platform::Twitter && !p.handle.is_empty()) {
        card = card.link(format!("https://x.com/{}", p.handle));
    }
    if matched {
        card = card.color(MATCH_COLOR);
    }
    card
}
