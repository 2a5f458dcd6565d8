//! `/terms`: the latest recorded change of a service's terms, and diffs between dates, from an
//! Open Terms Archive versions repository (`[terms] versions`); `diff.html`, the side-by-side page
//! the cards link to.
//!
//! Service and terms type names hold spaces (`Open Terms Archive`, `Terms of Service`): the words
//! typed are matched against the known services, longest first and in any case, and what follows
//! is the terms type (`/terms open terms archive imprint`); quotes work too.

mod index;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::Arc;

use disinfo_terms::api::DiffRenderOptions;
use disinfo_terms::diff::{DiffOptions, Format, diff};
use disinfo_terms::versions::{VersionInfo, VersionsRepository, parse_date};

use crate::cards::change::{self as summary, Summary};
pub(crate) use index::Data;
use index::{Document, Index, Loaded};

use super::{CommandDef, CommandError, Context, Page, PageContext, PageError, not_configured};
use crate::config::Config;
use crate::links::Links;
use crate::response::{Card, Reply};

pub(crate) const COMMAND: CommandDef = CommandDef {
    name: "terms",
    usage: &[
        (
            "/terms <service> [<terms type>]",
            "the latest recorded change, with a link to the side-by-side diff",
        ),
        (
            "/terms diff <service> <terms type> <date> <date>",
            "what changed between the versions in force at two dates (YYYY-MM-DD)",
        ),
        ("/terms", "the services and their terms types"),
    ],
    summary: "Platforms' terms of service as Open Terms Archive records them.",
    run,
};

/// Cards shown for a service with several documents; the others are listed by name.
const MAX_CARDS: usize = 10;

/// Sections named on a card.
const MAX_SECTIONS: usize = 8;

/// How to list what there is (said with every "unknown" error).
const HOW_TO_LIST: &str = "Type `/terms` alone to list the services and their terms types.";

/// What to type for dates.
const DATE_FORMS: &str = "a day (2026-01-28) or an RFC 3339 date-time (2026-01-28T12:30:21Z)";

fn run(ctx: &Context<'_>, text: &str) -> Result<Reply, CommandError> {
    let loaded = load(ctx.config, ctx.data)?;
    let index = index_of(&loaded)?;
    let words = super::words(text);
    match words.first() {
        None => Ok(listing(index)),
        Some(first) if first.eq_ignore_ascii_case("diff") => between(ctx.links, index, &words[1..]),
        Some(_) => latest(ctx.links, index, &words),
    }
}

/// The index of the configured repository.
fn load(config: &Config, data: &super::Data) -> Result<Arc<Loaded>, CommandError> {
    let terms = config
        .terms
        .as_ref()
        .ok_or_else(|| not_configured("terms", "terms"))?;
    Ok(data.terms.get(&config.resolve(&terms.versions)))
}

fn index_of(loaded: &Loaded) -> Result<&Index, CommandError> {
    loaded.index.as_ref().map_err(|e| {
        CommandError::new(format!(
            "The versions repository of this service cannot be read ({e}). Its administrators should check `[terms] versions` in the configuration."
        ))
    })
}

/// `/terms`: every service and its terms types.
fn listing(index: &Index) -> Reply {
    if index.services.is_empty() {
        return Reply::ephemeral("The versions repository has no terms recorded yet.");
    }
    let documents: usize = index.services.values().map(BTreeMap::len).sum();
    let mut text = format!(
        "**{} services, {documents} documents** (type `/terms <service> [<terms type>]`):\n",
        index.services.len()
    );
    for (service, docs) in &index.services {
        let types: Vec<String> = docs
            .iter()
            .map(|(t, d)| {
                let last = d.versions.last().map_or("", |v| summary::day(&v.date));
                format!("{t} ({} versions, last {last})", d.versions.len())
            })
            .collect();
        text.push_str(&format!("- **{service}**: {}\n", types.join("; ")));
    }
    Reply::ephemeral(text)
}

/// `/terms <service> [<terms type>]`.
fn latest(links: &Links, index: &Index, words: &[&str]) -> Result<Reply, CommandError> {
    let (service, documents, rest) = find_service(index, words)?;
    let mut repo = None;
    if rest.is_empty() && documents.len() > 1 {
        let mut cards = Vec::new();
        for (terms_type, document) in documents.iter().take(MAX_CARDS) {
            cards.push(latest_card(
                links, index, &mut repo, service, terms_type, document,
            )?);
        }
        let mut text = format!(
            "**{service}**: the latest change of each of its {} documents.",
            documents.len()
        );
        if documents.len() > MAX_CARDS {
            let others: Vec<String> = documents.keys().skip(MAX_CARDS).cloned().collect();
            text.push_str(&format!(
                " Others: {} (type `/terms {service} <terms type>`).",
                summary::list(&others, 50)
            ));
        }
        return Ok(Reply::in_channel(text, cards));
    }
    let (terms_type, document) = find_type(service, documents, &rest)?;
    let card = latest_card(links, index, &mut repo, service, terms_type, document)?;
    Ok(Reply::in_channel(
        headline(service, terms_type, document),
        vec![card],
    ))
}

/// The message above a document's card (Slack shows no card without a text).
fn headline(service: &str, terms_type: &str, document: &Document) -> String {
    let last = document
        .versions
        .last()
        .map_or("", |v| summary::day(&v.date));
    match document.versions.len() {
        1 => format!("**{service} / {terms_type}**: one version recorded, on {last}."),
        n => format!("**{service} / {terms_type}**: {n} versions recorded, the latest on {last}."),
    }
}

fn latest_card(
    links: &Links,
    index: &Index,
    repo: &mut Option<VersionsRepository>,
    service: &str,
    terms_type: &str,
    document: &Document,
) -> Result<Card, CommandError> {
    match document.latest(index, repo) {
        Some(Ok(s)) => Ok(card(links, service, terms_type, &s, "latest change")),
        Some(Err(e)) => Err(CommandError::new(format!(
            "The versions of {service} / {terms_type} cannot be read: {e}"
        ))),
        None => {
            let first = document.versions.first().map_or("", |v| v.date.as_str());
            Ok(Card::new(
                format!(
                    "{service} — {terms_type}: first recorded {}",
                    summary::day(first)
                ),
                "One version recorded so far: no change yet.",
            )
            .field("Recorded", first, true))
        }
    }
}

/// The card of a change, linked to its side-by-side diff.
fn card(links: &Links, service: &str, terms_type: &str, s: &Summary, what: &str) -> Card {
    let link = links.page(
        "diff.html",
        &[
            ("service", service),
            ("type", terms_type),
            ("from", &s.from.id),
            ("to", &s.to.id),
        ],
    );
    let mut text = format!("**{}**: {}", s.classification, s.reason);
    if s.technical_upgrade() {
        text.push_str(
            "\nRecorded as a technical upgrade (a new extraction, not a change at the source).",
        );
    }
    let sections = if s.sections.is_empty() {
        "none".to_string()
    } else {
        summary::list(&s.sections, MAX_SECTIONS)
    };
    Card::new(
        format!(
            "{service} — {terms_type}: {what}, {} → {}",
            summary::day(&s.from.date),
            summary::day(&s.to.date)
        ),
        text,
    )
    .link(link)
    .color(summary::color(s.classification))
    .field("From", &s.from.date, true)
    .field("To", &s.to.date, true)
    .field("Classification", s.classification.as_str(), true)
    .field("Changes", s.changes.to_string(), true)
    .field(
        "Lines",
        format!("+{} −{}", s.lines_inserted, s.lines_deleted),
        true,
    )
    .field(
        "Words",
        format!("+{} −{}", s.words_inserted, s.words_deleted),
        true,
    )
    .field("Sections changed", sections, false)
}

/// `/terms diff <service> <terms type> <date> <date>`.
fn between(links: &Links, index: &Index, words: &[&str]) -> Result<Reply, CommandError> {
    let [names @ .., a, b] = words else {
        return Err(CommandError::new(
            "`/terms diff` needs a service, a terms type and two dates: `/terms diff <service> <terms type> <date> <date>`.",
        ));
    };
    if names.is_empty() {
        return Err(CommandError::new(
            "`/terms diff` needs a service and a terms type before the two dates.",
        ));
    }
    let dates = [date(a)?, date(b)?];
    let (service, documents, rest) = find_service(index, names)?;
    let (terms_type, document) = find_type(service, documents, &rest)?;
    let (early, late) = if dates[0].1 <= dates[1].1 {
        (&dates[0], &dates[1])
    } else {
        (&dates[1], &dates[0])
    };
    let from = in_force(service, terms_type, document, early)?;
    let to = in_force(service, terms_type, document, late)?;
    if from.id == to.id {
        return Err(CommandError::new(format!(
            "The same version of {service} / {terms_type} (recorded {}) was in force on {} and on {}: nothing changed between them. Its versions were recorded on {}.",
            from.date,
            early.0,
            late.0,
            recorded_days(document)
        )));
    }
    let (old, new) = index
        .texts(&mut None, from, to)
        .map_err(|e| CommandError::new(format!("The versions cannot be read: {e}")))?;
    let s = Summary::new(from, to, &diff(&old, &new, &DiffOptions::default()));
    let what = format!("in force on {} vs {}", early.0, late.0);
    let text = format!(
        "**{service} / {terms_type}**: what changed between the versions in force on {} and on {}.",
        early.0, late.0
    );
    Ok(Reply::in_channel(
        text,
        vec![card(links, service, terms_type, &s, &what)],
    ))
}

/// A date as typed and as the end of the moment it names (a day is read as its end).
fn date(typed: &str) -> Result<(String, String), CommandError> {
    parse_date(typed)
        .map(|d| {
            (
                typed.to_string(),
                d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            )
        })
        .map_err(|_| {
            CommandError::new(format!(
                "`{}` is not a date: type {DATE_FORMS}.",
                short(typed)
            ))
        })
}

/// The version in force at a date (the last recorded at or before it).
fn in_force<'a>(
    service: &str,
    terms_type: &str,
    document: &'a Document,
    (typed, at): &(String, String),
) -> Result<&'a VersionInfo, CommandError> {
    document
        .versions
        .iter()
        .rev()
        .find(|v| &v.date <= at)
        .ok_or_else(|| {
            let first = document.versions.first().map_or("", |v| v.date.as_str());
            CommandError::new(format!(
                "{service} / {terms_type} was first recorded on {first}: no version was in force on {typed}. Type a date from {} on.",
                summary::day(first)
            ))
        })
}

fn recorded_days(document: &Document) -> String {
    let days: Vec<String> = document
        .versions
        .iter()
        .rev()
        .take(12)
        .map(|v| summary::day(&v.date).to_string())
        .collect();
    let mut out = days.join(", ");
    if document.versions.len() > days.len() {
        out.push_str(", …");
    }
    out
}

/// A service named by the user: its name, its documents and the words typed after it.
type Named<'i> = (&'i str, &'i BTreeMap<String, Document>, Vec<String>);

/// The service the first words name (the longest match, in any case, or a quoted name), its
/// documents and the words after it.
fn find_service<'i>(index: &'i Index, words: &[&str]) -> Result<Named<'i>, CommandError> {
    let joined = words.join(" ");
    if let Some(quoted) = joined.strip_prefix('"')
        && let Some((name, rest)) = quoted.split_once('"')
    {
        if let Some((service, documents)) = index.service(name.trim()) {
            return Ok((service, documents, tail(rest.split_whitespace())));
        }
        return Err(unknown_service(index, name.trim()));
    }
    for k in (1..=words.len()).rev() {
        if let Some((service, documents)) = index.service(&words[..k].join(" ")) {
            return Ok((service, documents, tail(words[k..].iter().copied())));
        }
    }
    Err(unknown_service(index, &joined))
}

/// The words after a service name, without a separator typed between the two names.
fn tail<'a>(words: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = words.map(str::to_string).collect();
    if out
        .first()
        .is_some_and(|w| matches!(w.as_str(), "/" | "|" | "—" | "-" | ":" | ">"))
    {
        out.remove(0);
    }
    out
}

fn unknown_service(index: &Index, typed: &str) -> CommandError {
    let mut message = format!(
        "There is no service `{}` in the versions repository.",
        short(typed)
    );
    let names: Vec<&str> = index.services.keys().map(String::as_str).collect();
    let words: Vec<&str> = typed.split_whitespace().collect();
    // The user may have typed the service then the terms type: try each start of the text.
    let guess = (1..=words.len()).rev().find_map(|k| {
        disinfo_core::suggest::did_you_mean(&words[..k].join(" "), names.iter().copied())
    });
    let lower = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let mut close: Vec<String> = guess.into_iter().collect();
    if lower.chars().count() >= 3 {
        for name in &names {
            if close.len() < 5
                && name.to_lowercase().contains(&lower)
                && !close.iter().any(|c| c == name)
            {
                close.push((*name).to_string());
            }
        }
    }
    if !close.is_empty() {
        message.push_str(&format!(" Did you mean {}?", summary::list(&close, 5)));
    }
    CommandError::new(format!("{message} {HOW_TO_LIST}"))
}

/// The document the words name among a service's, or its only one when none is named.
fn find_type<'d>(
    service: &str,
    documents: &'d BTreeMap<String, Document>,
    rest: &[String],
) -> Result<(&'d str, &'d Document), CommandError> {
    let typed = rest.join(" ");
    let typed = typed.trim_matches('"').trim();
    if typed.is_empty() {
        if let (1, Some((t, d))) = (documents.len(), documents.iter().next()) {
            return Ok((t.as_str(), d));
        }
        return Err(CommandError::new(format!(
            "{service} has several documents: type one of {}.",
            summary::list(&documents.keys().cloned().collect::<Vec<_>>(), 30)
        )));
    }
    let lower = typed.to_lowercase();
    if let Some((t, d)) = documents.iter().find(|(t, _)| t.to_lowercase() == lower) {
        return Ok((t.as_str(), d));
    }
    let types: Vec<String> = documents.keys().cloned().collect();
    let mut message = format!("{service} has no terms type `{}`.", short(typed));
    if let Some(s) = disinfo_core::suggest::did_you_mean(typed, types.iter().map(String::as_str)) {
        message.push_str(&format!(" Did you mean `{s}`?"));
    }
    message.push_str(&format!(" Its terms types: {}.", summary::list(&types, 30)));
    Err(CommandError::new(message))
}

/// A typed name, cut for an answer.
fn short(text: &str) -> String {
    let (cut, was_cut) = crate::response::cut(text, 80);
    if was_cut { format!("{cut}…") } else { cut }
}

/// `diff.html?service=…&type=…&from=…&to=…`: the side-by-side diff of two versions (`from`
/// and `to`: a version id, or a date at which the version in force is taken).
pub(crate) fn diff_page(ctx: &PageContext<'_>, params: &[(&str, &str)]) -> Result<Page, PageError> {
    let get = |k: &str| {
        params
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| *v)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| PageError::new(400, format!("The link has no `{k}`.")))
    };
    let (service, terms_type, from, to) = (get("service")?, get("type")?, get("from")?, get("to")?);
    let loaded = load(ctx.config, ctx.data).map_err(|e| PageError::new(404, e.0))?;
    let index = index_of(&loaded).map_err(|e| PageError::new(404, e.0))?;
    let (service, documents) = index.service(service).ok_or_else(|| {
        PageError::new(
            404,
            format!(
                "There is no service `{}` in the versions repository.",
                short(service)
            ),
        )
    })?;
    let (terms_type, document) = documents
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(terms_type))
        .ok_or_else(|| {
            PageError::new(
                404,
                format!("{service} has no terms type `{}`.", short(terms_type)),
            )
        })?;
    let old = version(document, from)?;
    let new = version(document, to)?;
    let (old_text, new_text) = index
        .texts(&mut None, old, new)
        .map_err(|e| PageError::new(404, format!("The versions cannot be read: {e}")))?;
    let options = DiffRenderOptions {
        format: Format::Html,
        diff: DiffOptions {
            old_name: format!("{service} / {terms_type}, {}", old.date),
            new_name: new.date.clone(),
            ..DiffOptions::default()
        },
    };
    let html = disinfo_terms::api::diff_render(&old_text, &new_text, &options);
    Ok(Page {
        content_type: "text/html; charset=utf-8",
        body: html.into_bytes(),
    })
}

/// The version a link names: by id (or an unambiguous prefix of at least 7 digits), or the one in
/// force at a date.
fn version<'d>(document: &'d Document, wanted: &str) -> Result<&'d VersionInfo, PageError> {
    if wanted.len() >= 7 && wanted.bytes().all(|b| b.is_ascii_hexdigit()) {
        let mut matching = document
            .versions
            .iter()
            .filter(|v| v.id.starts_with(wanted));
        if let (Some(v), None) = (matching.next(), matching.next()) {
            return Ok(v);
        }
    }
    let at = parse_date(wanted)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .map_err(|_| {
            PageError::new(
                404,
                format!("There is no version `{}` of this document.", short(wanted)),
            )
        })?;
    document
        .versions
        .iter()
        .rev()
        .find(|v| v.date <= at)
        .ok_or_else(|| {
            PageError::new(
                404,
                format!("No version was in force on {}.", short(wanted)),
            )
        })
}
