//! `/bots`: an account's features and rule verdicts; the accounts that shared an item, the
//! coordination network among them and a chart of an indicator across them.
//!
//! The datasets of `[bots]` are read once, on first use, with the bots crate's readers
//! ([`load`]); every answer afterwards comes from in-memory indexes. `/bots <account>` is
//! [`account`], `/bots shared <URL | #hashtag | post id>` is [`shared`] and the chart it links
//! is drawn on demand from the same query ([`chart_page`]: links are stateless).

mod account;
mod load;
mod shared;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use disinfo_bots::rules::{RuleOutcome, Verdict};

use super::{CommandDef, CommandError, Context, Page, PageContext, PageError};
use crate::config::Config;
use crate::response::Reply;
use load::Index;

/// The datasets, read and indexed on first use (a dataset that cannot be read keeps its error,
/// answered each time rather than retried).
#[derive(Default)]
pub(crate) struct Data {
    sets: OnceLock<Vec<Result<Index, String>>>,
}

/// `/bots` and its usage lines (help is generated from them).
pub(crate) const COMMAND: CommandDef = CommandDef {
    name: "bots",
    usage: &[
        (
            "/bots <account>",
            "an account's features and rule verdicts (an id, a handle or an @handle)",
        ),
        (
            "/bots shared <URL | #hashtag | post id>",
            "the accounts that shared it, their coordination network and a chart",
        ),
    ],
    summary: "Automated and coordinated accounts.",
    run,
};

/// Dispatches on the words typed: `shared <object>`, or one account.
fn run(ctx: &Context<'_>, text: &str) -> Result<Reply, CommandError> {
    let sets = datasets(ctx.config, &ctx.data.bots)?;
    let words = super::words(text);
    match words.as_slice() {
        [] => Err(CommandError::new(
            "Which account? Type `/bots @handle` (or an account id), or `/bots shared #hashtag`.",
        )),
        ["shared"] => Err(CommandError::new(
            "Shared what? Type `/bots shared` followed by a URL, a #hashtag or a post id.",
        )),
        ["shared", object] => shared::answer(ctx, sets, object),
        ["shared", _, rest @ ..] => Err(CommandError::new(format!(
            "`/bots shared` takes one URL, hashtag or post id; {} more word{} given.",
            rest.len(),
            if rest.len() == 1 { " was" } else { "s were" }
        ))),
        [account] => account::answer(sets, account),
        [_, rest @ ..] => Err(CommandError::new(format!(
            "`/bots` takes one account at a time (an id, a handle or an @handle); {} more word{} given.",
            rest.len(),
            if rest.len() == 1 { " was" } else { "s were" }
        ))),
    }
}

/// The datasets, loading them on first use; an error when `[bots]` is not set up.
fn datasets<'a>(
    config: &Config,
    data: &'a Data,
) -> Result<&'a [Result<Index, String>], CommandError> {
    let bots = config
        .bots
        .as_ref()
        .ok_or_else(|| super::not_configured("bots", "bots"))?;
    if bots.datasets.is_empty() {
        return Err(CommandError::new(
            "/bots is not set up on this service: its [bots] section lists no dataset \
             ([[bots.datasets]] with a name and a posts file).",
        ));
    }
    Ok(data
        .sets
        .get_or_init(|| load::load_all(config, &bots.datasets)))
}

/// The datasets that could be read, and a sentence about those that could not (empty if none).
fn readable(sets: &[Result<Index, String>]) -> (Vec<&Index>, String) {
    let ok = sets.iter().filter_map(|s| s.as_ref().ok()).collect();
    let failed: Vec<&str> = sets
        .iter()
        .filter_map(|s| s.as_ref().err().map(String::as_str))
        .collect();
    let note = if failed.is_empty() {
        String::new()
    } else {
        format!(" (Not searched: {}.)", failed.join("; "))
    };
    (ok, note)
}

/// The chart of `/bots shared`: the PNG histogram of an indicator across the accounts that
/// shared the item, recomputed from the link's `dataset`, `q` and `indicator`.
pub(crate) fn chart_page(
    ctx: &PageContext<'_>,
    params: &[(&str, &str)],
) -> Result<Page, PageError> {
    let get = |k: &str| params.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
    let (Some(dataset), Some(q), Some(indicator)) = (get("dataset"), get("q"), get("indicator"))
    else {
        return Err(PageError::new(
            400,
            "A chart link needs `dataset`, `q` and `indicator`.",
        ));
    };
    let sets = datasets(ctx.config, &ctx.data.bots).map_err(|e| PageError::new(404, e.0))?;
    let index = sets
        .iter()
        .filter_map(|s| s.as_ref().ok())
        .find(|i| i.name == dataset)
        .ok_or_else(|| PageError::new(404, format!("There is no dataset `{dataset}` here.")))?;
    let chart = shared::chart(index, q, indicator).map_err(|e| PageError::new(404, e.0))?;
    Ok(Page {
        content_type: "image/png",
        body: chart.to_png(shared::CHART_WIDTH, shared::CHART_HEIGHT),
    })
}

/// A feature value as the answers print it: integers whole, others to four significant
/// digits, `missing` for NaN, `∞` for an infinite ratio.
pub(super) fn number(v: f64) -> String {
    if v.is_nan() {
        return "missing".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "∞".into() } else { "-∞".into() };
    }
    if v == v.trunc() && v.abs() < 1e15 {
        return format!("{v:.0}");
    }
    if v.abs() < 1e-4 {
        return format!("{v:.3e}");
    }
    let digits = (3 - v.abs().log10().floor() as i32).clamp(0, 8) as usize;
    let text = format!("{v:.digits$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A rule's verdict for one account in a few words, with the rule's reason when it does not
/// match or cannot decide.
pub(super) fn verdict_text(outcome: &RuleOutcome) -> String {
    match outcome.verdict {
        Verdict::Pass => "matches".into(),
        Verdict::Fail => format!("does not match ({} fails)", outcome.failed.join(", ")),
        Verdict::Undefined => format!("undefined ({})", outcome.undefined.join(", ")),
    }
}

/// A one-word verdict for lists: `matches`, `no`, `undefined`.
pub(super) fn verdict_word(outcome: &RuleOutcome) -> &'static str {
    match outcome.verdict {
        Verdict::Pass => "matches",
        Verdict::Fail => "no",
        Verdict::Undefined => "undefined",
    }
}
