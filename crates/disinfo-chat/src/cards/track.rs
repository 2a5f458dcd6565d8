//! The tracker's card: what `disinfo terms track` recorded, for an incoming webhook
//! (`disinfo terms track … --notify URL`).
//!
//! By default only substantive changes are said (a new wording of the terms is what the analysts
//! act on; formatting and editorial changes, first records and unchanged documents are not news).
//! With `all`, every event is: first records, changes of every classification, fetch, extraction
//! and record errors, and declaration files that did not load; unchanged documents are counted.
//!
//! ```
//! use disinfo_chat::cards::track::track_card;
//! use disinfo_terms::track::{DirectoryReport, TrackReport};
//!
//! let quiet = DirectoryReport {
//!     services: 1,
//!     rejected: Vec::new(),
//!     report: TrackReport { date: "2026-01-28T12:30:21Z".into(), events: Vec::new(), counts: Default::default() },
//! };
//! assert!(track_card(&quiet, false).is_none()); // nothing to say: nothing posted
//! ```

use disinfo_terms::diff::Classification;
use disinfo_terms::track::{DirectoryReport, Outcome, TrackEvent};
use serde_json::Value;

use super::change::{color, list, sections, word_counts};
use crate::response::{Card, Reply};

/// Sections named on a card.
const MAX_SECTIONS: usize = 8;

/// Red: what could not be tracked.
const ERROR_COLOR: &str = "#cf222e";

/// The webhook JSON (`{"text": …, "attachments": […]}`) of the substantive changes in `report`,
/// or with `all` of every event; `None` when there is nothing to say.
pub fn track_card(report: &DirectoryReport, all: bool) -> Option<Value> {
    let events = &report.report.events;
    let mut cards = Vec::new();
    for event in events {
        match event.outcome {
            Outcome::Changed
                if all || event.classification == Some(Classification::Substantive) =>
            {
                cards.push(change_card(event));
            }
            Outcome::FirstRecord if all => cards.push(first_card(event)),
            Outcome::FetchError | Outcome::ExtractError | Outcome::RecordError if all => {
                cards.push(error_card(event));
            }
            _ => {}
        }
    }
    if all {
        for rejected in &report.rejected {
            cards.push(
                Card::new(
                    format!("{}: not tracked", rejected.file),
                    rejected.message.clone(),
                )
                .field("Code", rejected.code.clone(), true)
                .color(ERROR_COLOR),
            );
        }
    }
    if cards.is_empty() {
        return None;
    }
    let mut reply = Reply::in_channel(headline(report, all), cards);
    reply.analysis_button = false;
    Some(reply.to_webhook())
}

/// `Terms tracked on 2026-01-28T12:30:21Z: 2 substantive changes.` (with `all`: every count).
fn headline(report: &DirectoryReport, all: bool) -> String {
    let events = &report.report.events;
    let count = |f: &dyn Fn(&TrackEvent) -> bool| events.iter().filter(|e| f(e)).count();
    let substantive = count(&|e| {
        e.outcome == Outcome::Changed && e.classification == Some(Classification::Substantive)
    });
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = format!(
        "**Terms tracked on {}**: {}",
        report.report.date,
        plural(substantive, "substantive change", "substantive changes")
    );
    if all {
        let changed = count(&|e| e.outcome == Outcome::Changed);
        let first = count(&|e| e.outcome == Outcome::FirstRecord);
        let unchanged = count(&|e| e.outcome == Outcome::Unchanged);
        let errors = count(&|e| e.error.is_some()) + report.rejected.len();
        text.push_str(&format!(
            " ({} in all), {}, {} unchanged, {}",
            changed,
            plural(first, "first record", "first records"),
            unchanged,
            plural(errors, "error", "errors")
        ));
    }
    text.push('.');
    text
}

fn name(event: &TrackEvent) -> String {
    format!("{} — {}", event.service, event.terms_type)
}

fn change_card(event: &TrackEvent) -> Card {
    let classification = event.classification.unwrap_or(Classification::Substantive);
    let mut card = Card::new(
        format!("{}: {classification} change", name(event)),
        String::new(),
    )
    .color(color(classification));
    if let Some(version) = &event.version {
        card = card.field("Recorded", version.date.clone(), true).field(
            "Version",
            format!("`{}`", version.id.get(..10).unwrap_or(&version.id)),
            true,
        );
    }
    if let Some(diff) = &event.diff {
        card.text = diff.reason.clone();
        let sections = sections(diff);
        let (words_in, words_out) = word_counts(diff);
        card = card
            .field("Changes", diff.changes.len().to_string(), true)
            .field(
                "Lines",
                format!(
                    "+{} −{}",
                    diff.stats.lines_inserted, diff.stats.lines_deleted
                ),
                true,
            )
            .field("Words", format!("+{words_in} −{words_out}"), true);
        if !sections.is_empty() {
            card = card.field("Sections changed", list(&sections, MAX_SECTIONS), false);
        }
    }
    card
}

fn first_card(event: &TrackEvent) -> Card {
    let mut card = Card::new(
        format!("{}: first record", name(event)),
        "Tracked for the first time.",
    );
    if let Some(version) = &event.version {
        card = card.field("Recorded", version.date.clone(), true);
    }
    card
}

fn error_card(event: &TrackEvent) -> Card {
    let mut card = Card::new(
        format!(
            "{}: {}",
            name(event),
            event.outcome.as_str().replace('_', " ")
        ),
        String::new(),
    )
    .color(ERROR_COLOR);
    if let Some(error) = &event.error {
        card.text = error.message.clone();
        card = card.field("Code", error.code.clone(), true);
        if let Some(status) = error.status {
            card = card.field("HTTP status", status.to_string(), true);
        }
        if !error.url.is_empty() {
            card = card.field("URL", error.url.clone(), false);
        }
    }
    card
}

#[cfg(test)]
mod tests {
    use disinfo_terms::declaration::corpus::Rejected;
    use disinfo_terms::diff::{DiffOptions, diff};
    use disinfo_terms::track::{DirectoryReport, EventError, Outcome, TrackEvent, TrackReport};

    use super::track_card;

    fn event(service: &str, outcome: Outcome, old: &str, new: &str) -> TrackEvent {
        let d = diff(old, new, &DiffOptions::default());
        let changed = outcome == Outcome::Changed;
        TrackEvent {
            service: service.into(),
            terms_type: "Privacy Policy".into(),
            outcome,
            snapshot_ids: Vec::new(),
            snapshots_recorded: 1,
            version: None,
            classification: changed.then_some(d.classification),
            diff: changed.then_some(d),
            error: None,
        }
    }

    fn report(events: Vec<TrackEvent>, rejected: Vec<Rejected>) -> DirectoryReport {
        DirectoryReport {
            services: events.len(),
            rejected,
            report: TrackReport {
                date: "2026-01-28T12:30:21Z".into(),
                events,
                counts: Default::default(),
            },
        }
    }

    fn sample() -> DirectoryReport {
        let mut down = event("Down", Outcome::FetchError, "", "");
        down.error = Some(EventError {
            code: "fetch_failed".into(),
            kind: None,
            status: Some(503),
            url: "https://down.example/privacy".into(),
            message: "HTTP 503".into(),
        });
        report(
            vec![
                event(
                    "Wordy",
                    Outcome::Changed,
                    "Data\n====\n\nWe keep data for 30 days.\n",
                    "Data\n====\n\nWe keep data for 90 days.\n",
                ),
                event(
                    "Tidy",
                    Outcome::Changed,
                    "We keep data.\n",
                    "We keep data.  \n",
                ),
                event("Fresh", Outcome::FirstRecord, "", ""),
                event("Same", Outcome::Unchanged, "", ""),
                down,
            ],
            vec![Rejected {
                file: "Broken.json".into(),
                code: "declaration_syntax".into(),
                message: "expected `,`".into(),
            }],
        )
    }

    #[test]
    fn by_default_only_substantive_changes_are_said() {
        let body = track_card(&sample(), false).expect("a card");
        let cards = body["attachments"].as_array().expect("attachments");
        assert_eq!(cards.len(), 1);
        assert_eq!(
            cards[0]["title"],
            "Wordy — Privacy Policy: substantive change"
        );
        assert_eq!(
            body["text"],
            "**Terms tracked on 2026-01-28T12:30:21Z**: 1 substantive change."
        );
        let fields = cards[0]["fields"].as_array().expect("fields");
        assert!(
            fields
                .iter()
                .any(|f| f["title"] == "Sections changed" && f["value"] == "`Data`")
        );
        assert!(body.get("response_type").is_none());
        assert!(cards[0].get("actions").is_none());
    }

    #[test]
    fn all_says_every_event_and_error() {
        let body = track_card(&sample(), true).expect("a card");
        let titles: Vec<&str> = body["attachments"]
            .as_array()
            .expect("attachments")
            .iter()
            .filter_map(|c| c["title"].as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Wordy — Privacy Policy: substantive change",
                "Tidy — Privacy Policy: formatting change",
                "Fresh — Privacy Policy: first record",
                "Down — Privacy Policy: fetch error",
                "Broken.json: not tracked",
            ]
        );
        assert_eq!(
            body["text"],
            "**Terms tracked on 2026-01-28T12:30:21Z**: 1 substantive change (2 in all), 1 first record, 1 unchanged, 2 errors."
        );
        let down = &body["attachments"][3];
        assert_eq!(down["text"], "HTTP 503");
        assert_eq!(down["color"], "#cf222e");
    }

    #[test]
    fn nothing_substantive_means_nothing_to_post() {
        let mut quiet = sample();
        quiet.report.events.remove(0);
        assert!(track_card(&quiet, false).is_none());
        let empty = report(Vec::new(), Vec::new());
        assert!(track_card(&empty, true).is_none());
    }
}
