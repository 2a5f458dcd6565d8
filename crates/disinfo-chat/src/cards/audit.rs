//! The audit's card: the violations `disinfo ads audit` found, for an incoming webhook
//! (`disinfo ads audit … --notify URL`), and the whole summary that `/ads audit` answers.
//!
//! By default only violations are said (a breach of the selected regime is what the analysts act
//! on; warnings and context are in the report). With `all`, the summary is: each pair's sizes,
//! disappeared ads by class and rates, the latest collection's field coverage, then the
//! violations and the warnings.
//!
//! ```
//! use disinfo_chat::cards::audit::audit_card;
//! use disinfo_ads::api::{self, CollectionArg};
//! use std::path::PathBuf;
//!
//! let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/ads/google-fr");
//! let weeks = [dir.join("week-1"), dir.join("week-2")].map(CollectionArg::from);
//! let report = api::audit(&weeks, &Default::default(), None)?;
//! let card = audit_card(&report, false).expect("violations");
//! assert!(card["text"].as_str().unwrap().contains("16 violations"));
//! assert_eq!(card["attachments"][0]["color"], "#cf222e");
//! # Ok::<(), disinfo_ads::Error>(())
//! ```

use disinfo_ads::AuditReport;
use disinfo_ads::report::{Evidence, FindingCount};
use disinfo_ads::rules::Severity;
use serde_json::Value;

use crate::response::{Card, Reply};

/// Red: a violation.
pub const VIOLATION_COLOR: &str = "#cf222e";
/// Amber: a warning.
pub const WARNING_COLOR: &str = "#d4a72c";
/// Green: a pair audited without violations.
pub const CLEAN_COLOR: &str = "#2da44e";

/// Evidence items listed per finding on a card (the report keeps them all).
const EVIDENCE_SHOWN: usize = 5;

/// The webhook JSON (`{"text": …, "attachments": […]}`) of the violations in `report`, or with
/// `all` of the whole summary; `None` when there is no violation and `all` is false.
pub fn audit_card(report: &AuditReport, all: bool) -> Option<Value> {
    if report.violations == 0 && !all {
        return None;
    }
    let reply = if all {
        audit_reply(report)
    } else {
        Reply::in_channel(headline(report), violation_cards(report))
    };
    Some(reply.to_webhook())
}

/// The whole summary as a reply: a headline, a card per pair, the coverage of the latest
/// collection, a card per violated rule and kind (red), and the warnings (amber).
pub fn audit_reply(report: &AuditReport) -> Reply {
    let mut cards: Vec<Card> = report.pairs.iter().map(|p| pair_card(report, p)).collect();
    if let Some(card) = coverage_card(report) {
        cards.push(card);
    }
    cards.extend(violation_cards(report));
    if let Some(card) = warnings_card(report) {
        cards.push(card);
    }
    let mut text = headline(report);
    for note in &report.notes {
        text.push_str(&format!("\n_{}_", note.message));
    }
    Reply::in_channel(text, cards)
}

/// One line: which collections, how many violations.
fn headline(report: &AuditReport) -> String {
    let ids: Vec<&str> = report.collections.iter().map(|c| c.id.as_str()).collect();
    let span = match (ids.first(), ids.last()) {
        (Some(first), Some(last)) if ids.len() > 1 => format!("`{first}` → `{last}`"),
        (Some(only), _) => format!("`{only}`"),
        _ => "no collection".into(),
    };
    let violations = match report.violations {
        0 => "no violation".to_string(),
        1 => "**1 violation**".to_string(),
        n => format!("**{n} violations**"),
    };
    format!(
        "**Ad-archive audit** of {span} ({}): {violations}.",
        report.regimes.join(", ")
    )
}

fn percent(rate: f64) -> String {
    format!("{:.1} %", rate * 100.0)
}

fn pair_card(report: &AuditReport, pair: &disinfo_ads::report::PairReport) -> Card {
    let d = &pair.disappeared;
    let mut classes = vec![format!("{} in all", d.total)];
    for (n, what) in [
        (d.unexplained, "unexplained"),
        (d.reappeared, "came back later"),
        (d.reattributed, "re-attributed"),
        (d.moderated, "moderated"),
        (d.retention_expired, "retention expired"),
    ] {
        if n > 0 {
            classes.push(format!("{n} {what}"));
        }
    }
    let violated = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Violation);
    let mut card = Card::new(
        format!("{} → {}", pair.from, pair.to),
        if pair.comparable {
            String::new()
        } else {
            format!("Not comparable: {}.", pair.reasons.join("; "))
        },
    )
    .field(
        "Ads",
        format!("{} → {}", pair.sizes.from, pair.sizes.to),
        true,
    )
    .field(
        "Common / added",
        format!("{} / {}", pair.common, pair.added),
        true,
    )
    .field("Disappeared", classes.join(", "), false)
    .field("Gross rate", percent(pair.rates.gross), true)
    .field("Net rate", percent(pair.rates.net), true)
    .field("Unexplained rate", percent(pair.rates.unexplained), true)
    .field("Status", pair.status.clone(), true);
    if pair.late_published > 0 {
        card = card.field("Published late", pair.late_published.to_string(), true);
    }
    if !violated {
        card = card.color(CLEAN_COLOR);
    }
    card
}

/// The latest collection's coverage of each mandatory field (the whole collection, not per
/// country), lowest first.
fn coverage_card(report: &AuditReport) -> Option<Card> {
    let last = report.collections.last()?;
    let mut rows: Vec<_> = report
        .coverage
        .iter()
        .filter(|r| r.collection == last.id && r.country.is_none())
        .filter_map(|r| r.coverage.map(|c| (c, &r.regime, &r.field)))
        .collect();
    if rows.is_empty() {
        return None;
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.2.cmp(b.2)));
    let mut card = Card::new(format!("Field coverage in {}", last.id), "");
    for regime in &report.regimes {
        let line: Vec<String> = rows
            .iter()
            .filter(|(_, r, _)| *r == regime)
            .map(|(c, _, f)| format!("{f} {}", percent(*c)))
            .collect();
        if !line.is_empty() {
            card = card.field(regime.clone(), line.join(", "), false);
        }
    }
    Some(card)
}

/// A card per violated rule and kind: its count, legal reference and first pieces of evidence.
fn violation_cards(report: &AuditReport) -> Vec<Card> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Violation)
        .map(|f| finding_card(report, f))
        .collect()
}

fn finding_card(report: &AuditReport, finding: &FindingCount) -> Card {
    let evidence: Vec<&Evidence> = report
        .evidence
        .iter()
        .filter(|e| e.rule == finding.rule && e.kind == finding.kind)
        .collect();
    let mut lines: Vec<String> = evidence
        .iter()
        .take(EVIDENCE_SHOWN)
        .map(|e| evidence_line(e))
        .collect();
    let unlisted = finding.count.saturating_sub(lines.len() as u64);
    if unlisted > 0 {
        lines.push(format!("… and {unlisted} more in the report"));
    }
    let mut card = Card::new(
        format!(
            "{} {}: {} {}",
            finding.rule,
            finding.kind,
            finding.count,
            if finding.count == 1 {
                "violation"
            } else {
                "violations"
            }
        ),
        lines.join("\n"),
    )
    .color(VIOLATION_COLOR)
    .field("Rule", finding.rule.clone(), true);
    if let Some(rule) = disinfo_ads::rules::rule(&finding.rule) {
        card = card.field("What", rule.name, true);
    }
    if let Some(article) = &finding.article {
        card = card.field("Legal reference", article.clone(), false);
    }
    card
}

/// `- ad `123` in meta-fr-2019-05-20, page-0001.json /data/3: detail`.
fn evidence_line(e: &Evidence) -> String {
    let mut line = String::from("-");
    if let Some(ad) = &e.ad {
        line.push_str(&format!(" ad `{}`", ad.id));
        if let Some(scope) = &ad.scope {
            line.push_str(&format!(" of {scope}"));
        }
    }
    if let Some(l) = e.observations.first().map(|o| &o.locator) {
        let at = l
            .pointer
            .clone()
            .or_else(|| l.line.map(|n| format!("line {n}")))
            .or_else(|| l.row.map(|n| format!("row {n}")))
            .unwrap_or_default();
        line.push_str(&format!(" in {}, {} {at}", l.collection, l.file));
        line.truncate(line.trim_end().len());
    }
    if line.len() > 1 {
        line.push(':');
    }
    line.push(' ');
    line.push_str(&e.detail);
    line
}

/// The warnings, one line per rule and kind.
fn warnings_card(report: &AuditReport) -> Option<Card> {
    let lines: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .map(|f| format!("- {} {}: {}", f.rule, f.kind, f.count))
        .collect();
    (!lines.is_empty()).then(|| Card::new("Warnings", lines.join("\n")).color(WARNING_COLOR))
}

#[cfg(test)]
mod tests {
    use super::*;
    use disinfo_ads::api::{self, CollectionArg};
    use std::path::PathBuf;

    fn report(dirs: &[&str]) -> AuditReport {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/ads");
        let args: Vec<CollectionArg> = dirs.iter().map(|d| root.join(d).into()).collect();
        api::audit(&args, &Default::default(), None).expect("audit")
    }

    fn titles(card: &Value) -> Vec<String> {
        card["attachments"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| c["title"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn violations_are_posted_as_red_cards_with_rule_and_article() {
        let card = audit_card(&report(&["google-fr/week-1", "google-fr/week-2"]), false)
            .expect("violations");
        assert_eq!(
            titles(&card),
            [
                "ADS002 unexplained: 1 violation",
                "ADS005 dsa_39_2:reach_by_country: 5 violations",
                "ADS005 dsa_39_2:reach_total: 5 violations",
                "ADS005 dsa_39_2:targeting: 5 violations",
            ]
        );
        let first = &card["attachments"][0];
        assert_eq!(first["color"], VIOLATION_COLOR);
        assert!(
            first["text"]
                .as_str()
                .is_some_and(|t| t.contains("ad `CR0003`"))
        );
        let fields = first["fields"].as_array().cloned().unwrap_or_default();
        assert!(fields.iter().any(|f| {
            f["title"] == "Legal reference"
                && f["value"]
                    .as_str()
                    .is_some_and(|v| v.contains("art. 39(1)"))
        }));
        assert!(card.get("response_type").is_none());
    }

    #[test]
    fn no_violation_posts_nothing_by_default() {
        let quiet = report(&["meta-fr/2019-05-27", "meta-fr/2019-06-03"]);
        assert_eq!(quiet.violations, 0);
        assert!(audit_card(&quiet, false).is_none());
    }

    #[test]
    fn all_posts_the_summary_even_without_violations() {
        let card = audit_card(&report(&["meta-fr/2019-05-27", "meta-fr/2019-06-03"]), true)
            .expect("summary");
        let text = card["text"].as_str().unwrap_or_default();
        assert!(text.contains("no violation"), "{text}");
        let titles = titles(&card);
        assert_eq!(titles[0], "meta-fr-2019-05-27 → meta-fr-2019-06-03");
        assert!(titles.contains(&"Warnings".to_string()), "{titles:?}");
        let pair = &card["attachments"][0];
        assert_eq!(pair["color"], CLEAN_COLOR);
        let net = pair["fields"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["title"] == "Net rate"))
            .map(|f| f["value"].clone());
        assert_eq!(net, Some(Value::from("-25.0 %")));
    }

    #[test]
    fn the_summary_names_disappeared_classes_and_coverage() {
        let reply = audit_reply(&report(&[
            "meta-fr/2019-05-20",
            "meta-fr/2019-05-27",
            "meta-fr/2019-06-03",
        ]));
        let pair = &reply.cards[0];
        let disappeared = pair.fields.iter().find(|f| f.title == "Disappeared");
        assert_eq!(
            disappeared.map(|f| f.value.as_str()),
            Some("3 in all, 2 unexplained, 1 came back later")
        );
        let coverage = reply
            .cards
            .iter()
            .find(|c| c.title == "Field coverage in meta-fr-2019-06-03")
            .expect("coverage");
        assert_eq!(coverage.fields[0].title, "dsa_39_2");
    }
}
