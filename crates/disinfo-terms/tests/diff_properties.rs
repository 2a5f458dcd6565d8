//! Invariants of the explained diff on arbitrary texts, and over the recorded versions of the
//! reference corpus (`./x corpus`).

use disinfo_terms::diff::{ChangeKind, Classification, DiffOptions, Granularity, diff};
use proptest::prelude::*;

fn options(g: Granularity) -> DiffOptions {
    DiffOptions {
        granularity: g,
        ..DiffOptions::default()
    }
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("# Privacy\n".to_string()),
            Just("Data\n----\n".to_string()),
            Just("\n".to_string()),
            Just("* item one\n".to_string()),
            Just("*   item one\n".to_string()),
            Just("We share your data with partners.\n".to_string()),
            Just("We sell your data to brokers.\n".to_string()),
            Just("See [here](https://x.example/p?utm_source=a).\n".to_string()),
            // A carriage return alone (old Mac files, pasted text) and Windows line ends.
            Just("Terms\rof use\n".to_string()),
            Just("We share data.\r\n".to_string()),
            "[a-zé’ ]{0,12}\n",
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn spans_slice_the_side_texts_and_identical_means_no_change(old in text(), new in text()) {
        for g in [Granularity::Line, Granularity::Word, Granularity::Char] {
            let d = diff(&old, &new, &options(g));
            prop_assert_eq!(d.identical, old == new);
            if old == new {
                prop_assert!(d.changes.is_empty());
            }
            for c in &d.changes {
                let o = old.get(c.old.span.start..c.old.span.end);
                let n = new.get(c.new.span.start..c.new.span.end);
                prop_assert!(o.is_some() && n.is_some());
                if c.kind != ChangeKind::Move {
                    prop_assert_eq!(o, Some(c.old.text.as_str()));
                    prop_assert_eq!(n, Some(c.new.text.as_str()));
                }
            }
            let top = d.changes.iter().map(|c| c.classification).max().unwrap_or(Classification::Formatting);
            prop_assert_eq!(d.classification, top);
        }
    }
}

/// A carriage return alone does not end a line (only `\n` does): the line diff and the line
/// table agreed on that once a fuzzer found them disagreeing (an index past the last line).
#[test]
fn a_lone_carriage_return_is_inside_a_line() {
    let old =
        "THIS IS AN AGREEMENT\r BETWEEN US\n\nOne paragraph of enough words to be moved.\nc\nd\n";
    let new =
        "One paragraph of enough words to be moved.\nTHIS IS AN AGREEMENT\r BETWEEN US\n\nc\nX\n";
    for g in [Granularity::Line, Granularity::Word, Granularity::Char] {
        let d = diff(old, new, &options(g));
        assert!(!d.identical);
        for c in d.changes.iter().filter(|c| c.kind != ChangeKind::Move) {
            assert_eq!(&old[c.old.span.start..c.old.span.end], c.old.text, "{g:?}");
            assert_eq!(&new[c.new.span.start..c.new.span.end], c.new.text, "{g:?}");
        }
        // Line 5: the `\r` of line 1 does not count.
        let line_of_d = d
            .changes
            .iter()
            .find(|c| c.old.text.trim_end() == "d")
            .map(|c| c.old.span.line);
        assert_eq!(line_of_d, Some(5), "{g:?}: {:?}", d.changes);
    }
}

/// A paragraph moved into the middle of an edited region: the edit's span must not swallow it.
#[test]
fn a_move_inside_an_edited_region_leaves_every_span_contiguous() {
    let old = "\né\n\n* item one\nWe share your data with partners.\n";
    let new = "\nWe sell your data to brokers.\n\n\nWe share your data with partners.\n\n\n\n\n\n# Privacy\n\n\n* item one\n\n\n\n";
    for g in [Granularity::Line, Granularity::Word, Granularity::Char] {
        let d = diff(old, new, &options(g));
        for c in d.changes.iter().filter(|c| c.kind != ChangeKind::Move) {
            assert_eq!(&old[c.old.span.start..c.old.span.end], c.old.text, "{g:?}");
            assert_eq!(&new[c.new.span.start..c.new.span.end], c.new.text, "{g:?}");
        }
        assert!(d.changes.iter().any(|c| c.new.text.contains("brokers")));
    }
}

fn corpus_versions() -> Vec<(String, String)> {
    let root = std::env::var_os("DISINFO_SHARED_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
        });
    let dir = root.join("terms/ota-demo-pairs");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("entry").path().join("expected.md");
        if let Ok(text) = std::fs::read_to_string(&path) {
            out.push((path.display().to_string(), text));
        }
    }
    out.sort();
    out
}

#[test]
#[ignore = "corpus"]
fn corpus_recorded_versions_classify_controlled_edits() {
    let versions = corpus_versions();
    assert!(versions.len() >= 7);
    for (name, text) in &versions {
        let same = diff(text, text, &DiffOptions::default());
        assert!(same.identical && same.changes.is_empty(), "{name}");
        let respaced = text.replace("*   ", "* ");
        if respaced != *text {
            let d = diff(text, &respaced, &DiffOptions::default());
            assert_eq!(
                d.classification,
                Classification::Formatting,
                "{name}: {}",
                d.reason
            );
        }
        let target = text
            .split_whitespace()
            .find(|w| w.len() >= 7 && w.chars().all(char::is_alphabetic))
            .expect("a long word");
        let edited = text.replacen(target, "forbidden", 1);
        let d = diff(text, &edited, &options(Granularity::Word));
        assert_eq!(d.changes.len(), 1, "{name}: {:#?}", d.changes);
        assert_eq!(d.classification, Classification::Substantive, "{name}");
        println!(
            "{name}: {} bytes; `{target}` -> `forbidden` under {:?}",
            text.len(),
            d.changes[0].heading_path
        );
    }
    for pair in versions.windows(2) {
        let d = diff(&pair[0].1, &pair[1].1, &DiffOptions::default());
        assert!(!d.changes.is_empty());
        println!(
            "{} -> {}: {} changes, {}",
            pair[0].0,
            pair[1].0,
            d.changes.len(),
            d.classification
        );
    }
}
