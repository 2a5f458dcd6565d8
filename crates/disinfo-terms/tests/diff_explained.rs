//! Acceptance of the explained diff: classification, heading paths, moves, granularity, renderings.

use disinfo_terms::diff::{
    ChangeKind, Classification, DiffOptions, Format, Granularity, diff, render,
};

fn opts(granularity: Granularity) -> DiffOptions {
    DiffOptions {
        granularity,
        ..DiffOptions::default()
    }
}

fn words(n: usize, seed: usize) -> String {
    const VOCAB: &[&str] = &[
        "the",
        "service",
        "provider",
        "collects",
        "information",
        "about",
        "your",
        "device",
        "when",
        "you",
        "use",
        "our",
        "products",
        "and",
        "shares",
        "it",
        "with",
        "partners",
        "for",
        "analytics",
    ];
    (0..n)
        .map(|i| VOCAB[(i * 7 + seed) % VOCAB.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn bullet_marker_spacing_is_formatting() {
    let d = diff(
        "Intro\n\n* x\n* y\n",
        "Intro\n\n*   x\n*   y\n",
        &DiffOptions::default(),
    );
    assert_eq!(
        d.classification,
        Classification::Formatting,
        "{:#?}",
        d.changes
    );
    assert!(!d.changes.is_empty());
    assert!(
        d.changes
            .iter()
            .all(|c| c.classification == Classification::Formatting),
        "{:#?}",
        d.changes
    );
    let line = diff("* x\n", "*   x\n", &opts(Granularity::Line));
    assert_eq!(line.classification, Classification::Formatting);
    assert_eq!(line.changes.len(), 1);
}

#[test]
fn changed_url_only_is_link() {
    let old = "Read our [Privacy Policy](https://example.com/privacy) first.\n";
    let new = "Read our [Privacy Policy](https://example.com/legal/privacy-2025) first.\n";
    for g in [Granularity::Line, Granularity::Word, Granularity::Char] {
        let d = diff(old, new, &opts(g));
        assert_eq!(
            d.classification,
            Classification::Link,
            "{g}: {:#?}",
            d.changes
        );
        assert!(
            d.changes[0]
                .reason
                .contains("https://example.com/legal/privacy-2025"),
            "{}",
            d.changes[0].reason
        );
    }
}

#[test]
fn one_changed_word_in_500_word_paragraph_is_one_substantive_word_change_under_its_heading() {
    let para = words(500, 3);
    let changed = para.replacen("shares", "sells", 1);
    assert_ne!(para, changed);
    let doc = |p: &str| {
        format!(
            "Privacy\n=======\n\nIntro text.\n\nData we collect\n---------------\n\n### Location\n\n{p}\n\n### Contacts\n\nAddress book.\n"
        )
    };
    let d = diff(&doc(&para), &doc(&changed), &opts(Granularity::Word));
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    let c = &d.changes[0];
    assert_eq!(c.kind, ChangeKind::Replace);
    assert_eq!(
        (c.old.text.as_str(), c.new.text.as_str()),
        ("shares", "sells")
    );
    assert_eq!(c.heading_path, ["Privacy", "Data we collect", "Location"]);
    assert_eq!(c.classification, Classification::Substantive);
    assert_eq!(d.classification, Classification::Substantive);
    let new_doc = doc(&changed);
    assert_eq!(&new_doc[c.new.span.start..c.new.span.end], "sells");
    assert_eq!(c.new.span.line, 11);
}

#[test]
fn moved_paragraph_is_one_move() {
    let a = "First paragraph says the service is free of charge.";
    let b = "Second paragraph explains how accounts are closed by us.";
    let c = "Third paragraph covers the law that applies to disputes.";
    let old = format!("Terms\n=====\n\n{a}\n\n{b}\n\n{c}\n");
    let new = format!("Terms\n=====\n\n{b}\n\n{c}\n\n{a}\n");
    let d = diff(&old, &new, &DiffOptions::default());
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    assert_eq!(d.changes[0].kind, ChangeKind::Move);
    assert_eq!(d.changes[0].new.text.trim_end(), a);
    assert_eq!(d.changes[0].classification, Classification::Editorial);
}

#[test]
fn paragraph_moved_to_another_section_is_substantive_move() {
    let p = "We keep your messages for ninety days after deletion.";
    let old = format!("# Retention\n\n{p}\n\nOther.\n\n# Sharing\n\nNone.\n");
    let new = "# Retention\n\nOther.\n\n# Sharing\n\nNone.\n\n".to_string() + p + "\n";
    let d = diff(&old, &new, &DiffOptions::default());
    let moves: Vec<_> = d
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Move)
        .collect();
    assert_eq!(moves.len(), 1, "{:#?}", d.changes);
    assert_eq!(moves[0].heading_path, ["Sharing"]);
    assert_eq!(
        moves[0].old_heading_path.as_deref(),
        Some(&["Retention".to_string()][..])
    );
    assert_eq!(moves[0].classification, Classification::Substantive);
}

#[test]
fn last_updated_date_and_typo_are_editorial() {
    let old = "Last updated: March 3, 2024\n\nYou will recieve an email.\n";
    let new = "Last updated: June 10, 2025\n\nYou will receive an email.\n";
    let d = diff(old, new, &DiffOptions::default());
    assert_eq!(
        d.classification,
        Classification::Editorial,
        "{:#?}",
        d.changes
    );
    assert!(d.changes.iter().any(|c| c.reason.contains("date stamp")));
    assert!(
        d.changes
            .iter()
            .any(|c| c.reason.contains("recieve -> receive"))
    );
}

#[test]
fn unicode_lookalikes_and_tracking_parameters_are_formatting() {
    let old = "We don't sell data. See [here](https://x.example/a).\n";
    let new = "We don\u{2019}t sell data. See [here](https://x.example/a?utm_source=mail&utm_medium=x).\n";
    let d = diff(old, new, &DiffOptions::default());
    assert_eq!(
        d.classification,
        Classification::Formatting,
        "{:#?}",
        d.changes
    );
}

#[test]
fn identical_and_empty_inputs() {
    let d = diff("", "", &DiffOptions::default());
    assert!(d.identical && d.changes.is_empty());
    assert_eq!(d.classification, Classification::Formatting);
    let d = diff("", "New text.\n", &DiffOptions::default());
    assert_eq!(d.changes.len(), 1);
    assert_eq!(d.changes[0].kind, ChangeKind::Insert);
    assert_eq!(d.classification, Classification::Substantive);
    let d = diff("Gone.", "", &opts(Granularity::Char));
    assert_eq!(d.changes[0].kind, ChangeKind::Delete);
}

#[test]
fn char_granularity_splits_inside_words() {
    let d = diff("colour\n", "color\n", &opts(Granularity::Char));
    assert_eq!(d.changes.len(), 1);
    assert_eq!(d.changes[0].kind, ChangeKind::Delete);
    assert_eq!(d.changes[0].old.text, "u");
}

#[test]
fn adversarial_inputs_do_not_panic_and_spans_are_char_boundaries() {
    let cases: Vec<(String, String)> = vec![
        ("\r\n\r\n".into(), "\n".into()),
        ("é\u{301}ñ 🏳️‍🌈 x".into(), "e ñ 🏳️ x".into()),
        ("#".repeat(2000), "#".repeat(1999)),
        ("[a](".repeat(500), "](".repeat(500)),
        ("\0\u{1}\u{2}".into(), "\0".into()),
        ("=\n-\n===\n".into(), "---\n===\n".into()),
        (
            (0..300)
                .map(|i| format!("{}* item\n", "  ".repeat(i % 40)))
                .collect(),
            "* item\n".repeat(300),
        ),
    ];
    for (old, new) in &cases {
        for g in [Granularity::Line, Granularity::Word, Granularity::Char] {
            let d = diff(old, new, &opts(g));
            for c in &d.changes {
                assert!(
                    old.get(c.old.span.start..c.old.span.end).is_some(),
                    "{g} {c:?}"
                );
                assert!(
                    new.get(c.new.span.start..c.new.span.end).is_some(),
                    "{g} {c:?}"
                );
            }
            for f in [Format::Text, Format::Markdown, Format::Html] {
                assert!(!render(&d, old, new, &DiffOptions::default(), f).is_empty());
            }
        }
    }
}

#[test]
fn huge_documents_diff_in_reasonable_time() {
    let para: Vec<String> = (0..3000)
        .map(|i| format!("{} {i}.", words(30, i)))
        .collect();
    let old = para.join("\n\n");
    let mut edited = para.clone();
    edited[1500] = edited[1500].replace("service", "company");
    edited.swap(10, 2000);
    let new = edited.join("\n\n");
    let d = diff(&old, &new, &DiffOptions::default());
    assert!(old.len() > 500_000);
    assert!(d.changes.iter().any(|c| c.kind == ChangeKind::Move));
    assert!(d.changes.iter().any(|c| c.new.text == "company"));
}

#[test]
fn real_ota_versions_diff_and_render() {
    let old = include_str!("data/history/ota-imprint-d5b62ab.md");
    let new = include_str!("data/history/ota-imprint-df5aa36.md");
    let d = diff(old, new, &DiffOptions::default());
    assert_eq!(d.classification, Classification::Substantive);
    assert!(
        d.changes
            .iter()
            .any(|c| c.new.text.contains("Matti Schneider"))
    );
    assert!(
        d.changes
            .iter()
            .any(|c| c.old.text.contains("Henri Verdier"))
    );
    let hosting = d
        .changes
        .iter()
        .find(|c| c.new.text.contains("GitHub Pages"))
        .expect("hosting change");
    assert_eq!(
        hosting.heading_path,
        ["Legal notice", "Hosting of the Platform"]
    );
    let html = render(&d, old, new, &DiffOptions::default(), Format::Html);
    assert!(
        html.contains("<ins>Matti Schneider</ins>") || html.contains("<ins>Matti</ins>"),
        "{html}"
    );
    assert!(!html.contains("http://") && !html.contains("<script"));
    let md = render(&d, old, new, &DiffOptions::default(), Format::Markdown);
    assert!(md.contains("Hosting of the Platform"));
    let text = render(&d, old, new, &DiffOptions::default(), Format::Text);
    assert!(text.starts_with("--- old\n+++ new\n"));
}

#[test]
fn json_shape_has_the_documented_fields() {
    let d = diff("# A\n\nx y\n", "# A\n\nx z\n", &DiffOptions::default());
    let v = serde_json::to_value(&d).expect("serialise");
    assert_eq!(v["classification"], "substantive");
    let c = &v["changes"][0];
    for key in [
        "kind",
        "classification",
        "reason",
        "heading_path",
        "old",
        "new",
    ] {
        assert!(c.get(key).is_some(), "missing {key}");
    }
    assert_eq!(c["old"]["text"], "y");
    assert_eq!(c["new"]["span"]["line"], 3);
    assert_eq!(c["heading_path"][0], "A");
}
