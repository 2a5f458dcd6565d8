//! Fuzzes the explained diff: any two texts, every granularity, every rendering. Never panics;
//! every span slices its side's text.
#![no_main]

use disinfo::terms::diff::{DiffOptions, Format, Granularity, diff, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (old, new) = text.split_at(
        text.char_indices()
            .nth(text.chars().count() / 2)
            .map_or(0, |(i, _)| i),
    );
    for granularity in [Granularity::Line, Granularity::Word, Granularity::Char] {
        let options = DiffOptions {
            granularity,
            ..DiffOptions::default()
        };
        let d = diff(old, new, &options);
        for c in &d.changes {
            assert_eq!(old.get(c.old.span.start..c.old.span.end).is_some(), true);
            assert_eq!(new.get(c.new.span.start..c.new.span.end).is_some(), true);
        }
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let _ = render(&d, old, new, &options, format);
        }
    }
});
