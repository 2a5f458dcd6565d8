//! Extraction: any page with a few fixed declarations gives Markdown or a typed error, never a panic.
#![no_main]

use disinfo::terms::declaration::{Selectors, SourceDocument};
use disinfo::terms::extract::{ExtractOptions, extract};
use disinfo::terms::markdown::Flavor;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let selects = [
        "body",
        "main, p",
        r#"{"startBefore": "h1", "endAfter": "p"}"#,
        r#"["div", {"startAfter": "a", "endBefore": "table"}]"#,
    ];
    for (i, sel) in selects.iter().enumerate() {
        let Ok(select) = Selectors::from_arg(sel) else {
            continue;
        };
        let remove = Selectors::from_arg("script, .x").ok();
        let source = SourceDocument::new("https://example.com/a/b", select, remove);
        let flavor = if i % 2 == 0 {
            Flavor::Ota
        } else {
            Flavor::Canonical
        };
        let _ = extract(
            data,
            Some("text/html"),
            &source,
            &ExtractOptions::with_flavor(flavor),
        );
    }
});
