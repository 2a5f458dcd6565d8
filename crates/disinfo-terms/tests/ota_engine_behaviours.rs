//! The behaviours of OTA's own extract tests (`src/archivist/extract/index.test.js` of the engine),
//! ported with OTA's expected strings. JavaScript filter functions become our declarative filter
//! or a caller hook.

use disinfo_terms::declaration::{FilterSpec, Selectors, SourceDocument};
use disinfo_terms::extract::{ExtractOptions, Hooks, extract, extract_with_hooks};

const LOCATION: &str = "https://example.com/main";

const RAW_HTML: &str = r##"
<!DOCTYPE html>
<html>
  <head>
    <meta charset="UTF-8">
    <title>TOS</title>
  </head>
  <body>
    <h1>Title</h1>
    <p><a id="link1" href="/relative/link">link 1</a></p>
    <p><a id="link2" href="#anchor">link 2</a></p>
    <p><a id="link3" href="http://absolute.url/link">link 3</a></p>
    <p><a id="link5" href="http://[INVALID_URL=http://www.example.org/">link 5</a></p>
    <div id="empty"></div>
    <div id="whitespaceOnly"> </div>
  </body>
</html>"##;

const EXPECTED: &str = "Title\n=====\n\n[link 1](https://example.com/relative/link)\n\n[link 2](#anchor)\n\n[link 3](http://absolute.url/link)\n\n[link 5](http://[INVALID_URL=http://www.example.org/)";

const RAW_HTML_CHANGING: &str = r##"
<!DOCTYPE html>
<html>
  <head>
    <meta charset="UTF-8">
    <title>TOS</title>
    <style>body { background: red }</style>
    <script>console.log("test")</script>
  </head>
  <body>
    <style>body { background: blue }</style>
    <script>console.log("test")</script>
    <h1>Title</h1>
    <p><a id="link1" href="/relative/link?utm_source=test&id=123">link 1</a></p>
    <p><a id="link2" href="#anchor">link 2</a></p>
    <p><a id="link3" href="http://absolute.url/link?keep=me">link 3</a></p>
    <p><a id="link4" href="">link 4</a></p>
    <p><img src="https://example.com/image.jpg?width=100&quality=80" alt="test"/></p>
    <a href="/cdn-cgi/l/email-protection#3b4c52555f484f495e5a56154b49524d5a584215484f5a4f5e565e554f7b4c52555f484f495e5a5615585456">[email&#160;protected]</a>
    <p><a href="/cdn-cgi/l/email-protection#2d4e4243594c4e596d4e4459545e4e424259034858">conta<span>[email&#160;protected]</span></a></p>
  </body>
</html>"##;

const EXPECTED_CHANGING: &str = "Title\n=====\n\n[link 1](https://example.com/relative/link?utm_source=test&id=123)\n\n[link 2](#anchor)\n\n[link 3](http://absolute.url/link?keep=me)\n\nlink 4\n\n![test](https://example.com/image.jpg?width=100&quality=80)\n\n[\\[email\u{a0}protected\\]](https://example.com/cdn-cgi/l/email-protection)\n\n[\\[email\u{a0}protected\\]](https://example.com/cdn-cgi/l/email-protection)";

fn run(
    html: &str,
    select: serde_json::Value,
    remove: Option<serde_json::Value>,
) -> disinfo_terms::Result<String> {
    let select = Selectors::from_json(&select).expect("valid select");
    let remove = remove.map(|r| Selectors::from_json(&r).expect("valid remove"));
    let source = SourceDocument::new(LOCATION, select, remove);
    extract(
        html.as_bytes(),
        Some("text/html"),
        &source,
        &ExtractOptions::default(),
    )
}

fn ok(html: &str, select: serde_json::Value, remove: Option<serde_json::Value>) -> String {
    run(html, select, remove).expect("extracts")
}

use serde_json::json;

#[test]
fn relative_urls_become_absolute() {
    let md = ok(RAW_HTML, json!("body"), None);
    assert!(md.contains("https://example.com/relative/link"));
    assert!(md.contains("http://absolute.url/link"));
}

#[test]
fn script_and_style_are_discarded() {
    let md = ok(RAW_HTML_CHANGING, json!("body"), None);
    assert!(!md.contains("background: red"));
    assert!(!md.contains("console.log"));
}

#[test]
fn email_protected_links_are_cleaned() {
    let md = ok(RAW_HTML_CHANGING, json!("body"), None);
    assert!(md.contains("email\u{a0}protected"));
    assert!(!md.contains(
        "3b4c52555f484f495e5a56154b49524d5a584215484f5a4f5e565e554f7b4c52555f484f495e5a5615585456"
    ));
    assert!(!md.contains("2d4e4243594c4e596d4e4459545e4e424259034858"));
}

#[test]
fn filter_removing_links_applies() {
    let mut source = SourceDocument::new(LOCATION, Selectors::css("body"), None);
    source.filters = vec![FilterSpec {
        name: "removeElements".into(),
        params: Some(json!(["a"])),
    }];
    let md = extract(
        RAW_HTML.as_bytes(),
        None,
        &source,
        &ExtractOptions::default(),
    )
    .expect("extracts");
    assert_eq!(md, "Title\n=====");
}

#[test]
fn before_hook_removing_links_applies() {
    let source = SourceDocument::new(LOCATION, Selectors::css("body"), None);
    let strip = |html: &str| -> Result<String, String> {
        let re = regex::Regex::new(r"(?s)<a [^>]*>.*?</a>").map_err(|e| e.to_string())?;
        Ok(re.replace_all(html, "").into_owned())
    };
    let hooks = Hooks {
        before: Some(&strip),
        after: None,
    };
    let md = extract_with_hooks(
        RAW_HTML.as_bytes(),
        None,
        &source,
        &ExtractOptions::default(),
        hooks,
    )
    .expect("extracts");
    assert_eq!(md, "Title\n=====");
}

#[test]
fn string_selector_with_common_changing_items() {
    assert_eq!(
        ok(RAW_HTML_CHANGING, json!("body"), None),
        EXPECTED_CHANGING
    );
}

#[test]
fn string_selector_extracts() {
    assert_eq!(ok(RAW_HTML, json!("body"), None), EXPECTED);
}

#[test]
fn selector_without_match_is_an_error_naming_it() {
    let err = run(RAW_HTML, json!("#thisAnchorDoesNotExist"), None).expect_err("no match");
    assert_eq!(err.code(), "selector_no_match");
    assert!(err.to_string().contains("#thisAnchorDoesNotExist"));
}

#[test]
fn selector_matching_empty_content_is_an_error() {
    let err = run(RAW_HTML, json!("#empty"), None).expect_err("empty");
    assert_eq!(err.code(), "empty_content");
    assert!(err.to_string().contains("empty content"));
}

#[test]
fn selector_matching_whitespace_only_is_an_error() {
    let err = run(RAW_HTML, json!("#whitespaceOnly"), None).expect_err("empty");
    assert_eq!(err.code(), "empty_content");
}

#[test]
fn several_selectors_in_one_string() {
    assert_eq!(
        ok(RAW_HTML, json!("h1, #link2"), None),
        "Title\n=====\n\n[link 2](#anchor)"
    );
}

#[test]
fn array_of_selectors() {
    assert_eq!(
        ok(RAW_HTML, json!(["h1", "#link2"]), None),
        "Title\n=====\n\n[link 2](#anchor)"
    );
}

#[test]
fn array_with_dependent_selectors() {
    assert_eq!(
        ok(RAW_HTML, json!(["h1", "h1 ~ p"]), None),
        "Title\n=====\n\n[link 1](https://example.com/relative/link)\n\n[link 2](#anchor)\n\n[link 3](http://absolute.url/link)\n\n[link 5](http://[INVALID_URL=http://www.example.org/)"
    );
}

#[test]
fn range_start_before_end_before() {
    assert_eq!(
        ok(
            RAW_HTML,
            json!({"startBefore": "#link1", "endBefore": "#link2"}),
            None
        ),
        "[link 1](https://example.com/relative/link)"
    );
}

#[test]
fn range_start_before_end_after() {
    assert_eq!(
        ok(
            RAW_HTML,
            json!({"startBefore": "#link2", "endAfter": "#link2"}),
            None
        ),
        "[link 2](#anchor)"
    );
}

#[test]
fn range_start_after_end_before() {
    assert_eq!(
        ok(
            RAW_HTML,
            json!({"startAfter": "#link1", "endBefore": "#link3"}),
            None
        ),
        "[link 2](#anchor)"
    );
}

#[test]
fn range_start_after_end_after() {
    assert_eq!(
        ok(
            RAW_HTML,
            json!({"startAfter": "#link2", "endAfter": "#link3"}),
            None
        ),
        "[link 3](http://absolute.url/link)"
    );
}

#[test]
fn range_start_without_match_is_an_error() {
    let err = run(
        RAW_HTML,
        json!({"startAfter": "#paragraph1", "endAfter": "#link2"}),
        None,
    )
    .expect_err("no start");
    assert_eq!(err.code(), "range_no_match");
    assert!(err.to_string().contains("\"start\" selector has no match"));
}

#[test]
fn range_end_without_match_is_an_error() {
    let err = run(
        RAW_HTML,
        json!({"startAfter": "#link2", "endAfter": "#paragraph1"}),
        None,
    )
    .expect_err("no end");
    assert_eq!(err.code(), "range_no_match");
    assert!(err.to_string().contains("\"end\" selector has no match"));
}

#[test]
fn array_of_ranges() {
    assert_eq!(
        ok(
            RAW_HTML,
            json!([{"startAfter": "#link1", "endAfter": "#link2"}, {"startAfter": "#link2", "endAfter": "#link3"}]),
            None
        ),
        "[link 2](#anchor)\n\n[link 3](http://absolute.url/link)"
    );
}

#[test]
fn array_mixing_strings_and_ranges() {
    assert_eq!(
        ok(
            RAW_HTML,
            json!(["h1", {"startAfter": "#link2", "endAfter": "#link3"}]),
            None
        ),
        "Title\n=====\n\n[link 3](http://absolute.url/link)"
    );
}

#[test]
fn remove_simple_selector() {
    assert_eq!(
        ok(RAW_HTML, json!("body"), Some(json!("h1"))),
        "[link 1](https://example.com/relative/link)\n\n[link 2](#anchor)\n\n[link 3](http://absolute.url/link)\n\n[link 5](http://[INVALID_URL=http://www.example.org/)"
    );
}

#[test]
fn remove_array_of_selectors() {
    assert_eq!(
        ok(
            RAW_HTML,
            json!("body"),
            Some(json!(["h1", "#link3", "#link5"]))
        ),
        "[link 1](https://example.com/relative/link)\n\n[link 2](#anchor)"
    );
}

#[test]
fn remove_simple_range() {
    assert_eq!(
        ok(
            RAW_HTML,
            json!("body"),
            Some(json!({"startBefore": "#link1", "endAfter": "#link5"}))
        ),
        "Title\n====="
    );
}

#[test]
fn remove_range_start_without_match_is_an_error() {
    let err = run(
        RAW_HTML,
        json!("body"),
        Some(json!({"startAfter": "#paragraph1", "endAfter": "#link2"})),
    )
    .expect_err("x");
    assert_eq!(err.code(), "range_no_match");
    assert!(err.to_string().contains("\"start\" selector has no match"));
}

#[test]
fn remove_range_end_without_match_is_an_error() {
    let err = run(
        RAW_HTML,
        json!("body"),
        Some(json!({"startAfter": "#link2", "endAfter": "#paragraph1"})),
    )
    .expect_err("x");
    assert_eq!(err.code(), "range_no_match");
    assert!(err.to_string().contains("\"end\" selector has no match"));
}

#[test]
fn remove_array_of_ranges() {
    assert_eq!(
        ok(
            RAW_HTML,
            json!("body"),
            Some(
                json!([{"startBefore": "h1", "endBefore": "#link1"}, {"startBefore": "#link3", "endAfter": "#link5"}])
            )
        ),
        "[link 1](https://example.com/relative/link)\n\n[link 2](#anchor)"
    );
}

#[test]
fn remove_array_mixing_strings_and_ranges() {
    assert_eq!(
        ok(
            RAW_HTML,
            json!("body"),
            Some(json!(["h1", {"startBefore": "#link3", "endAfter": "#link5"}]))
        ),
        "[link 1](https://example.com/relative/link)\n\n[link 2](#anchor)"
    );
}

#[test]
fn remove_range_depending_on_a_removed_node() {
    assert_eq!(
        ok(
            RAW_HTML,
            json!("body"),
            Some(json!(["h1", {"startAfter": "h1", "endBefore": "#link2"}]))
        ),
        "[link 2](#anchor)\n\n[link 3](http://absolute.url/link)\n\n[link 5](http://[INVALID_URL=http://www.example.org/)"
    );
}
