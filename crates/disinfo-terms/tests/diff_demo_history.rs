//! Diff quality on consecutive versions of the OTA demo collection (tests/data/history, ODC-By):
//! re-indented paragraphs, heading paths of anchored headings, reasons that quote the text.

use disinfo_terms::diff::{ChangeKind, Classification, DiffOptions, diff};

const UPTIMEROBOT_OLD: &str = include_str!("data/history/uptimerobot-tos-eb005dd.md");
const UPTIMEROBOT_NEW: &str = include_str!("data/history/uptimerobot-tos-1e0644d.md");
const GITHUB_OLD: &str = include_str!("data/history/github-tos-19aa6e6.md");
const GITHUB_NEW: &str = include_str!("data/history/github-tos-6aec85b.md");

/// True when the two texts have the same words once every run of whitespace (indentation,
/// line breaks, no-break spaces) is one space.
fn same_but_whitespace(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

#[test]
fn moves_that_only_reindent_are_formatting() {
    // UptimeRobot turned numbered list items into sections (2026-06-09 -> 06-25): the paragraphs
    // under them lost their list indentation (one also got no-break spaces) and now sit under new
    // headings.
    let d = diff(UPTIMEROBOT_OLD, UPTIMEROBOT_NEW, &DiffOptions::default());
    let reindented: Vec<_> = d
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Move && c.old.text != c.new.text)
        .filter(|c| same_but_whitespace(&c.old.text, &c.new.text))
        .collect();
    assert_eq!(reindented.len(), 23);
    for c in &reindented {
        assert_eq!(c.classification, Classification::Formatting, "{}", c.reason);
        assert!(
            c.reason
                .starts_with("paragraph re-indented, wording unchanged"),
            "{}",
            c.reason
        );
    }
    let substantive_moves = d
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Move && c.classification == Classification::Substantive)
        .count();
    assert_eq!(substantive_moves, 0);
}

#[test]
fn reasons_quote_the_changed_words_as_written() {
    let d = diff(UPTIMEROBOT_OLD, UPTIMEROBOT_NEW, &DiffOptions::default());
    let reasons: Vec<&str> = d.changes.iter().map(|c| c.reason.as_str()).collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("https://uptimerobot.com/terms/#your-ur-acc-and-site")),
        "{reasons:#?}"
    );
    assert!(
        !reasons.iter().any(|r| r.contains("https uptimerobot com")),
        "{reasons:#?}"
    );
}

#[test]
fn heading_paths_are_heading_text_without_link_syntax() {
    // GitHub's headings are anchors: `[Summary](#summary)`, `[J. AI Features, ...](#j-ai-...)`.
    let d = diff(GITHUB_OLD, GITHUB_NEW, &DiffOptions::default());
    let date = d
        .changes
        .iter()
        .find(|c| c.new.text.contains("April 27, 2026"))
        .expect("the effective date changed");
    assert_eq!(date.heading_path, ["The GitHub Terms of Service"]);
    assert_eq!(date.classification, Classification::Editorial);
    for c in &d.changes {
        for heading in c
            .heading_path
            .iter()
            .chain(c.old_heading_path.iter().flatten())
        {
            assert!(
                !heading.contains("](") && !heading.starts_with('['),
                "raw Markdown in heading path {:?}",
                c.heading_path
            );
        }
    }
    assert!(
        d.changes
            .iter()
            .any(|c| c.heading_path.last().map(String::as_str)
                == Some("J. AI Features, Training, and Your Data"))
    );
}
