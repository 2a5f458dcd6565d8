//! `/bots shared <URL | #hashtag | post id>`: who shared it (first share first), their features
//! and verdicts, the coordination network among them and the chart of an indicator.
//!
//! The network is built by the bots crate's co-action builder over every post of these accounts
//! (not only the posts of the item: accounts that act together on this item are checked on
//! everything else they posted too), for three traces — co-repost, co-link (URLs under the
//! crate's basic normalisation) and co-hashtag — within the crate's default window of 60
//! seconds, inclusive. Components come from the crate's graph analysis of the three together.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use disinfo_bots::coordinate::{
    CoordinateOptions, CoordinationKind, Coordinator, Edge, Network, UrlNormalization,
};
use disinfo_bots::graph::{self, GraphOptions};
use disinfo_bots::rules::Verdict;

use super::account::MATCH_COLOR;
use super::load::{Index, url_key};
use super::{CommandError, number, readable, verdict_word};
use crate::chart::{Histogram, default_bins};
use crate::commands::Context;
use crate::response::{Card, Reply};

/// The chart's size in pixels (what Mattermost and Slack show inline without scaling much).
pub(super) const CHART_WIDTH: u32 = 600;
pub(super) const CHART_HEIGHT: u32 = 300;
/// Accounts listed in the answer; the rest are counted.
const MAX_LISTED: usize = 25;
/// Account pairs listed in the network card; the rest are counted.
const MAX_PAIRS: usize = 20;
/// Components listed, and members named per component.
const MAX_COMPONENTS: usize = 6;
const MAX_MEMBERS: usize = 8;
/// The traces of the network.
const KINDS: [CoordinationKind; 3] = [
    CoordinationKind::CoRepost,
    CoordinationKind::CoLink,
    CoordinationKind::CoHashtag,
];
/// Features shown on each account's line.
const LINE_FEATURES: &[&str] = &[
    "age_h",
    "posts_per_hour",
    "followers_following_ratio",
    "repost_share",
];
/// Indicators charted when `[bots] chart_indicator` names none: the first with a value for at
/// least one of the accounts (account age shows creation bursts; the others stand in for
/// sources without profiles).
const INDICATORS: &[&str] = &["age_h", "posts_per_hour", "repost_share", "n_posts"];

/// What was typed after `shared`, read as one kind of object.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Object {
    /// A URL, as its normalised key.
    Url(String),
    /// A hashtag, lower-cased, without `#`.
    Hashtag(String),
    /// A post id.
    Post(String),
}

impl Object {
    fn describe(&self) -> String {
        match self {
            Object::Url(u) => format!("the URL `{u}`"),
            Object::Hashtag(h) => format!("#{h}"),
            Object::Post(p) => format!("post `{p}` (and its reposts, replies and quotes)"),
        }
    }
}

/// The typed object without chat markup: Slack sends links as `<https://x|x>`.
pub(super) fn clean(typed: &str) -> &str {
    let t = typed.trim();
    let t = t
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(t);
    t.split('|').next().unwrap_or(t)
}

/// Reads `typed` against one dataset: `#tag` is a hashtag, a link is a URL; a bare word is a
/// post id, else a hashtag, else a URL, whichever the dataset has. The object comes back even
/// when nobody shared it (for the message).
pub(super) fn resolve<'a>(index: &'a Index, typed: &str) -> (Object, &'a [usize]) {
    let typed = clean(typed);
    let lookup = |map: &'a std::collections::HashMap<String, Vec<usize>>, key: &str| {
        map.get(key).map_or(&[][..], Vec::as_slice)
    };
    if let Some(tag) = typed.strip_prefix('#') {
        let tag = tag.to_lowercase();
        let posts = lookup(&index.by_hashtag, &tag);
        return (Object::Hashtag(tag), posts);
    }
    if typed.contains("://") || typed.to_lowercase().starts_with("www.") {
        let key = url_key(typed);
        let posts = lookup(&index.by_url, &key);
        return (Object::Url(key), posts);
    }
    let candidates = [
        (
            Object::Post(typed.to_string()),
            lookup(&index.by_post, typed),
        ),
        (
            Object::Hashtag(typed.to_lowercase()),
            lookup(&index.by_hashtag, &typed.to_lowercase()),
        ),
        (
            Object::Url(url_key(typed)),
            lookup(&index.by_url, &url_key(typed)),
        ),
    ];
    let mut first = None;
    for (object, posts) in candidates {
        if !posts.is_empty() {
            return (object, posts);
        }
        first.get_or_insert((object, posts));
    }
    first.unwrap_or((Object::Post(typed.to_string()), &[]))
}

/// One account that shared the object.
struct Sharer {
    row: usize,
    first: DateTime<Utc>,
    posts: usize,
}

/// The accounts behind `posts`, by time of first share (then id).
fn sharers(index: &Index, posts: &[usize]) -> Vec<Sharer> {
    let mut by_row: BTreeMap<usize, Sharer> = BTreeMap::new();
    for &i in posts {
        let Some(post) = index.posts.get(i) else {
            continue;
        };
        let Some(row) = index.row_of(&post.account_id) else {
            continue;
        };
        let s = by_row.entry(row).or_insert(Sharer {
            row,
            first: post.created_at,
            posts: 0,
        });
        s.first = s.first.min(post.created_at);
        s.posts += 1;
    }
    let mut list: Vec<Sharer> = by_row.into_values().collect();
    list.sort_by(|a, b| {
        (a.first, &index.matrix.account_ids[a.row])
            .cmp(&(b.first, &index.matrix.account_ids[b.row]))
    });
    list
}

/// The answer to `/bots shared <typed>` from the first dataset where someone shared it.
pub(super) fn answer(
    ctx: &Context<'_>,
    sets: &[Result<Index, String>],
    typed: &str,
) -> Result<Reply, CommandError> {
    let (indexes, note) = readable(sets);
    let mut found = None;
    let mut also = Vec::new();
    for index in &indexes {
        let (object, posts) = resolve(index, typed);
        if posts.is_empty() {
            continue;
        }
        if found.is_none() {
            found = Some((*index, object, posts));
        } else {
            also.push(format!("`{}`", index.name));
        }
    }
    let Some((index, object, posts)) = found else {
        let t = clean(typed);
        let what = if let Some(tag) = t.strip_prefix('#') {
            format!("#{}", crate::response::cut(tag, 80).0)
        } else if t.contains("://") {
            format!("the URL `{}`", crate::response::cut(t, 200).0)
        } else {
            format!(
                "`{}` (as a post id, a hashtag or a URL)",
                crate::response::cut(t, 80).0
            )
        };
        let names: Vec<String> = indexes.iter().map(|i| format!("`{}`", i.name)).collect();
        return Err(CommandError::new(format!(
            "Nobody shared {what} in the datasets ({}).{note}",
            if names.is_empty() {
                "none could be read".into()
            } else {
                names.join(", ")
            }
        )));
    };
    let list = sharers(index, posts);
    let q = clean(typed).to_string();
    let indicator = choose_indicator(ctx, index, &list);
    let mut text = format!(
        "**{} account{}** shared {} in {}: {} post{}, first on {}.",
        list.len(),
        if list.len() == 1 { "" } else { "s" },
        object.describe(),
        index.provenance(),
        posts.len(),
        if posts.len() == 1 { "" } else { "s" },
        list.first().map_or("?".into(), |s| s
            .first
            .format("%Y-%m-%d %H:%M UTC")
            .to_string()),
    );
    if !also.is_empty() {
        text.push_str(&format!(" Also shared in {}.", also.join(", ")));
    }
    text.push_str(&note);
    let mut cards = vec![accounts_card(index, &list), network_card(index, &list)];
    cards.push(chart_card(ctx, index, &list, &q, &indicator));
    Ok(Reply::in_channel(text, cards))
}

fn accounts_card(index: &Index, list: &[Sharer]) -> Card {
    let mut text = String::new();
    for (n, s) in list.iter().take(MAX_LISTED).enumerate() {
        let mut parts = vec![format!(
            "{}. {} — first {}, {} post{}",
            n + 1,
            index.label(s.row),
            s.first.format("%Y-%m-%d %H:%M:%S"),
            s.posts,
            if s.posts == 1 { "" } else { "s" }
        )];
        for f in LINE_FEATURES {
            let v = index.value(s.row, f);
            if !v.is_nan() {
                parts.push(format!("{f} {}", number(v)));
            }
        }
        for rules in &index.rules {
            if let Ok(outcomes) = &rules.outcomes
                && let Some(o) = outcomes.get(s.row)
            {
                parts.push(format!("{} {}", rules.rule.name, verdict_word(o)));
            }
        }
        text.push_str(&parts.join(" · "));
        text.push('\n');
    }
    if list.len() > MAX_LISTED {
        text.push_str(&format!(
            "… and {} more accounts.\n",
            list.len() - MAX_LISTED
        ));
    }
    let mut card = Card::new("Accounts, by time of first share", text.trim_end());
    let mut any_match = false;
    for rules in &index.rules {
        let value = match &rules.outcomes {
            Ok(outcomes) => {
                let count = |v: Verdict| {
                    list.iter()
                        .filter(|s| outcomes.get(s.row).is_some_and(|o| o.verdict == v))
                        .count()
                };
                let (pass, undefined) = (count(Verdict::Pass), count(Verdict::Undefined));
                any_match |= pass > 0;
                format!("{pass} of {} match, {undefined} undefined", list.len())
            }
            Err(e) => format!("cannot be applied: {e}"),
        };
        card = card.field(rules.rule.name.clone(), value, true);
    }
    if any_match {
        card = card.color(MATCH_COLOR);
    }
    card
}

/// The network of one trace over every post of the listed accounts.
fn network(index: &Index, list: &[Sharer], kind: CoordinationKind) -> Result<Network, String> {
    let mut options = CoordinateOptions::new(kind, CoordinateOptions::default().window_secs);
    options.url_normalization = UrlNormalization::Basic;
    options.evidence = 0;
    let mut builder = Coordinator::new(&options).map_err(|e| e.to_string())?;
    let mut posts: Vec<usize> = list
        .iter()
        .flat_map(|s| index.posts_of_row[s.row].iter().copied())
        .collect();
    posts.sort_unstable();
    for i in posts {
        if let Some(post) = index.posts.get(i) {
            builder.push(post).map_err(|e| e.to_string())?;
        }
    }
    Ok(builder.finish(&[]))
}

fn network_card(index: &Index, list: &[Sharer]) -> Card {
    let window = CoordinateOptions::default().window_secs;
    let mut networks = Vec::new();
    for kind in KINDS {
        match network(index, list, kind) {
            Ok(n) => networks.push((kind, n)),
            Err(e) => return Card::new("Coordination among them", format!("Not computed: {e}")),
        }
    }
    let label = |id: &str| {
        index
            .row_of(id)
            .map_or(format!("account {id}"), |r| index.label(r))
    };
    // One line per account pair and trace: the weight each way (posts of one matched by the other).
    let mut pairs: Vec<(&CoordinationKind, &Edge)> = networks
        .iter()
        .flat_map(|(k, n)| {
            n.edges
                .iter()
                .filter(|e| e.source < e.target)
                .map(move |e| (k, e))
        })
        .collect();
    pairs.sort_by(|a, b| {
        b.1.symmetric_weight
            .cmp(&a.1.symmetric_weight)
            .then_with(|| (&a.1.source, &a.1.target, a.0).cmp(&(&b.1.source, &b.1.target, b.0)))
    });
    let mut text = format!(
        "Co-action within {} s (inclusive) over all {} posts of these accounts: co-repost (the same \
         post reposted), co-link (the same URL, normalised) and co-hashtag (the same hashtag). \
         Weight a→b = posts of a matched by a post of b.\n",
        number(window),
        list.iter()
            .map(|s| index.posts_of_row[s.row].len())
            .sum::<usize>()
    );
    if pairs.is_empty() {
        text.push_str("No two of these accounts acted together within the window.");
        return Card::new("Coordination among them", text)
            .field("pairs", "0", true)
            .field("components", "0", true);
    }
    for (kind, e) in pairs.iter().take(MAX_PAIRS) {
        text.push_str(&format!(
            "- {} ↔ {}: {} {}→, {}←\n",
            label(&e.source),
            label(&e.target),
            kind.as_str(),
            e.weight,
            e.reverse_weight
        ));
    }
    if pairs.len() > MAX_PAIRS {
        text.push_str(&format!("… and {} more pairs.\n", pairs.len() - MAX_PAIRS));
    }
    let mut card_fields = vec![("pairs".to_string(), pairs.len().to_string())];
    match components(&networks) {
        Ok(groups) => {
            let in_network: usize = groups.iter().map(Vec::len).sum();
            let alone = list.len().saturating_sub(in_network);
            text.push_str(&format!(
                "{} component{} of {} accounts{}:\n",
                groups.len(),
                if groups.len() == 1 { "" } else { "s" },
                in_network,
                if alone == 0 {
                    String::new()
                } else {
                    format!(" ({alone} more acted with none of the others)")
                }
            ));
            for group in groups.iter().take(MAX_COMPONENTS) {
                let mut names: Vec<String> =
                    group.iter().take(MAX_MEMBERS).map(|id| label(id)).collect();
                if group.len() > MAX_MEMBERS {
                    names.push(format!("… {} more", group.len() - MAX_MEMBERS));
                }
                text.push_str(&format!(
                    "- {} accounts: {}\n",
                    group.len(),
                    names.join(", ")
                ));
            }
            card_fields.push(("components".into(), groups.len().to_string()));
        }
        Err(e) => text.push_str(&format!("Components not computed: {e}\n")),
    }
    let mut card = Card::new("Coordination among them", text.trim_end());
    for (k, v) in card_fields {
        card = card.field(k, v, true);
    }
    card
}

/// Weakly connected components of the traces together, largest first, members sorted.
fn components(networks: &[(CoordinationKind, Network)]) -> Result<Vec<Vec<String>>, String> {
    let mut union = match networks.first() {
        Some((_, n)) => n.clone(),
        None => return Ok(Vec::new()),
    };
    for (_, n) in &networks[1..] {
        union.nodes.extend(n.nodes.iter().cloned());
        union.edges.extend(n.edges.iter().cloned());
    }
    union.nodes.sort_by(|a, b| a.id.cmp(&b.id));
    union.nodes.dedup_by(|a, b| a.id == b.id);
    let analysis = graph::analyse(&union, &GraphOptions::default()).map_err(|e| e.to_string())?;
    let mut groups: Vec<Vec<String>> = vec![Vec::new(); analysis.components];
    for (id, &c) in &analysis.component_of {
        if let Some(g) = groups.get_mut(c as usize) {
            g.push(id.clone());
        }
    }
    groups.retain(|g| !g.is_empty());
    Ok(groups)
}

/// The indicator to chart: the configured one, else the first of [`INDICATORS`] with a value.
fn choose_indicator(ctx: &Context<'_>, index: &Index, list: &[Sharer]) -> String {
    if let Some(name) = ctx
        .config
        .bots
        .as_ref()
        .and_then(|b| b.chart_indicator.clone())
    {
        return name;
    }
    INDICATORS
        .iter()
        .find(|f| list.iter().any(|s| index.value(s.row, f).is_finite()))
        .unwrap_or(&INDICATORS[0])
        .to_string()
}

/// The histogram of `indicator` across the accounts that shared `q` in `index`.
pub(super) fn chart(index: &Index, q: &str, indicator: &str) -> Result<Histogram, CommandError> {
    if index.matrix.column_index(indicator).is_none() {
        return Err(CommandError::new(format!(
            "`{indicator}` is not a feature; features: {}",
            index.matrix.columns.join(", ")
        )));
    }
    let (object, posts) = resolve(index, q);
    if posts.is_empty() {
        return Err(CommandError::new(format!(
            "Nobody shared {} in `{}`.",
            object.describe(),
            index.name
        )));
    }
    Ok(histogram_of(index, &sharers(index, posts), indicator))
}

fn histogram_of(index: &Index, list: &[Sharer], indicator: &str) -> Histogram {
    let values: Vec<f64> = list.iter().map(|s| index.value(s.row, indicator)).collect();
    let finite = values.iter().filter(|v| v.is_finite()).count();
    Histogram::new(&values, default_bins(finite))
}

fn chart_card(ctx: &Context<'_>, index: &Index, list: &[Sharer], q: &str, indicator: &str) -> Card {
    let title = format!("Distribution of {indicator} across these accounts");
    if index.matrix.column_index(indicator).is_none() {
        return Card::new(
            title,
            format!(
                "No chart: `{indicator}` ([bots] chart_indicator) is not a feature; features: {}.",
                index.matrix.columns.join(", ")
            ),
        );
    }
    let h = histogram_of(index, list, indicator);
    let mut text = format!(
        "`{indicator}` for {} of the {} accounts",
        h.total(),
        list.len()
    );
    if h.skipped > 0 {
        text.push_str(&format!(" ({} missing or not finite)", h.skipped));
    }
    text.push_str(if h.counts.is_empty() {
        ": no value to chart.\n"
    } else {
        ", by bin:\n"
    });
    let ranges = h.ranges();
    let last = ranges.len().saturating_sub(1);
    for (i, ((start, end), count)) in ranges.iter().zip(&h.counts).enumerate() {
        let close = if i == last { "]" } else { ")" };
        text.push_str(&format!(
            "- [{}, {}{close}: {count}\n",
            number(*start),
            number(*end)
        ));
    }
    let url = ctx.links.page(
        "chart.png",
        &[("dataset", &index.name), ("q", q), ("indicator", indicator)],
    );
    let mut card = Card::new(title, text.trim_end()).link(url.clone());
    card.image_url = Some(url);
    card
}
