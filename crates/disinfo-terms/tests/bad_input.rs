//! Bad input: each case gives a typed error or a correct result, never a panic, with bounded work.

use disinfo_terms::declaration::{Selectors, SourceDocument};
use disinfo_terms::extract::{ExtractOptions, extract};
use disinfo_terms::markdown::Flavor;

fn source(select: &str) -> SourceDocument {
    SourceDocument::new(
        "https://example.com/tos",
        Selectors::from_arg(select).expect("selector"),
        None,
    )
}

#[test]
fn empty_file_is_selector_no_match() {
    let err = extract(
        b"",
        Some("text/html"),
        &source("main"),
        &ExtractOptions::default(),
    )
    .expect_err("empty");
    assert_eq!(err.code(), "selector_no_match");
}

#[test]
fn binary_garbage_is_a_typed_error() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    for flavor in [Flavor::Ota, Flavor::Canonical] {
        let err = extract(
            &bytes,
            None,
            &source("main"),
            &ExtractOptions::with_flavor(flavor),
        )
        .expect_err("garbage");
        assert_eq!(err.code(), "selector_no_match");
    }
    // As a PDF, garbage is a PDF error.
    let err = extract(
        &bytes,
        Some("application/pdf"),
        &source("main"),
        &ExtractOptions::default(),
    )
    .expect_err("pdf");
    assert_eq!(err.code(), "pdf_invalid");
}

#[test]
fn unsupported_mime_type_is_refused() {
    let err = extract(
        b"\x89PNG",
        Some("image/png"),
        &source("main"),
        &ExtractOptions::default(),
    )
    .expect_err("png");
    assert_eq!(err.code(), "unsupported_content");
}

#[test]
fn page_above_the_size_limit_is_refused_before_parsing() {
    let page = vec![b'a'; 50 * 1024 * 1024];
    let opts = ExtractOptions {
        max_bytes: 10 * 1024 * 1024,
        ..ExtractOptions::default()
    };
    let err = extract(&page, None, &source("main"), &opts).expect_err("too large");
    assert_eq!(err.code(), "input_too_large");
    assert!(err.to_string().contains("52428800 bytes"));
}

#[test]
fn fifty_megabyte_page_extracts() {
    // 50 MB: a large main text (one big text node per paragraph) within the default limit.
    let paragraph = format!("<p>{}</p>", "terms ".repeat(10_000));
    let mut page = String::with_capacity(51 * 1024 * 1024);
    page.push_str("<html><body><main>");
    while page.len() < 50 * 1024 * 1024 {
        page.push_str(&paragraph);
    }
    page.push_str("</main></body></html>");
    let md = extract(
        page.as_bytes(),
        None,
        &source("main"),
        &ExtractOptions::default(),
    )
    .expect("extracts");
    assert!(md.starts_with("terms terms"));
    assert!(md.len() > 40 * 1024 * 1024);
}

#[test]
fn hundred_thousand_nested_divs_are_refused_fast_with_a_typed_error() {
    let depth = 100_000;
    let page = format!(
        "<main>{}deep{}</main>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let started = std::time::Instant::now();
    let err = extract(
        page.as_bytes(),
        None,
        &source("main"),
        &ExtractOptions::default(),
    )
    .expect_err("too deep");
    assert_eq!(err.code(), "nesting_too_deep");
    assert!(err.to_string().contains("100001 levels"), "{err}");
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn deep_nesting_within_the_limit_extracts_without_recursion() {
    let depth = 2_000;
    let mut page = String::with_capacity(depth * 12);
    page.push_str("<main>");
    for _ in 0..depth {
        page.push_str("<div>");
    }
    page.push_str("deep <b>text</b>");
    for _ in 0..depth {
        page.push_str("</div>");
    }
    page.push_str("</main>");
    for flavor in [Flavor::Ota, Flavor::Canonical] {
        let md = extract(
            page.as_bytes(),
            None,
            &source("main"),
            &ExtractOptions::with_flavor(flavor),
        )
        .expect("extracts");
        assert_eq!(md, "deep **text**");
    }
    // Ranges over the deep tree are iterative too.
    let range = r#"{"startBefore": "main", "endAfter": "b"}"#;
    let md = extract(
        page.as_bytes(),
        None,
        &source(range),
        &ExtractOptions::default(),
    )
    .expect("range");
    assert_eq!(md, "deep **text**");
}

#[test]
fn deep_nested_lists_and_spans_within_the_limit_extract() {
    let depth = 1_000;
    let page = format!(
        "<main>{}x{}</main>",
        "<ul><li><span>".repeat(depth),
        "</span></li></ul>".repeat(depth)
    );
    let md = extract(
        page.as_bytes(),
        None,
        &source("main"),
        &ExtractOptions::default(),
    )
    .expect("extracts");
    assert!(md.trim_start().starts_with('*'));
    assert!(md.ends_with('x'));
}

#[test]
fn invalid_selector_is_a_typed_error_naming_it() {
    for bad in ["main[", "::nope", "a >> b", "#"] {
        let err = extract(
            b"<main>x</main>",
            None,
            &source(bad),
            &ExtractOptions::default(),
        )
        .expect_err(bad);
        assert_eq!(err.code(), "invalid_selector", "{bad}");
        assert!(err.is_invalid_argument());
        assert!(err.to_string().contains(bad), "{err}");
    }
}

#[test]
fn range_selector_start_after_end_before_selects_nothing() {
    let html = b"<main><p id='a'>A</p><p id='b'>B</p></main>";
    let err = extract(
        html,
        None,
        &source(r##"{"startAfter": "#b", "endBefore": "#a"}"##),
        &ExtractOptions::default(),
    )
    .expect_err("inverted");
    assert_eq!(err.code(), "selector_no_match");
    assert!(
        err.to_string().contains("start comes at or after its end"),
        "{err}"
    );
}

#[test]
fn unknown_filter_is_an_error_naming_it() {
    let mut s = source("main");
    s.filters = vec![disinfo_terms::declaration::FilterSpec {
        name: "removeCookieBanner".into(),
        params: None,
    }];
    let err = extract(b"<main>x</main>", None, &s, &ExtractOptions::default())
        .expect_err("unknown filter");
    assert_eq!(err.code(), "unknown_filter");
    assert!(err.to_string().contains("removeCookieBanner"));
}

#[test]
fn invalid_location_is_invalid_url() {
    let s = SourceDocument::new("not a url", Selectors::css("main"), None);
    let err =
        extract(b"<main>x</main>", None, &s, &ExtractOptions::default()).expect_err("bad location");
    assert_eq!(err.code(), "invalid_url");
}

#[test]
fn noscript_in_head_does_not_swallow_the_page() {
    let html = b"<html><head><noscript><iframe src='https://t.example/x'></iframe></noscript></head><body><main><p>Privacy</p></main></body></html>";
    for flavor in [Flavor::Ota, Flavor::Canonical] {
        let md = extract(
            html,
            None,
            &source("main"),
            &ExtractOptions::with_flavor(flavor),
        )
        .expect("main found");
        assert_eq!(md, "Privacy");
    }
}
