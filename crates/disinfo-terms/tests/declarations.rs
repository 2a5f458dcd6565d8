//! Declaration parsing and validation: agreement with OTA's schema on hand-made valid and invalid
//! declarations (`tests/data/schema_cases.json`: each case's `ota_valid` is what OTA's own ajv
//! validation with `service.schema.js` / `service.history.schema.js` answered), and precise errors.

use disinfo_terms::declaration::{Boundary, Selector, ServiceDeclaration, parse};

#[test]
fn schema_cases_agree_with_ota_validation() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema_cases.json");
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    let mut disagreements = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().expect("name");
        let text = case["json"].to_string();
        let ours = if case["history"].as_bool() == Some(true) {
            parse::history(&text, name).map(|_| ())
        } else {
            ServiceDeclaration::parse(&text, name).map(|_| ())
        };
        let ota_valid = case["ota_valid"].as_bool().expect("ota_valid");
        if ours.is_ok() != ota_valid {
            disagreements.push(format!("{name}: OTA valid={ota_valid}, ours={ours:?}"));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

fn err(json: &str) -> disinfo_terms::Error {
    ServiceDeclaration::parse(json, "Svc.json").expect_err("invalid")
}

#[test]
fn unknown_key_names_key_pointer_and_suggestion() {
    let e = err(r#"{"name":"X","terms":{"Imprint":{"fetch":"https://a.com","selct":"main"}}}"#);
    assert_eq!(e.code(), "unknown_key");
    let m = e.to_string();
    assert!(
        m.contains("Svc.json: /terms/Imprint: unknown key `selct` (did you mean \"select\"?)"),
        "{m}"
    );
}

#[test]
fn unknown_terms_type_suggests_the_closest() {
    let e = err(
        r#"{"name":"X","terms":{"Terms Of Servise":{"fetch":"https://a.com","select":"main"}}}"#,
    );
    assert_eq!(e.code(), "unknown_terms_type");
    assert!(
        e.to_string().contains("did you mean \"Terms of Service\"?"),
        "{e}"
    );
}

#[test]
fn range_with_two_starts_is_invalid_range() {
    let e = err(
        r#"{"name":"X","terms":{"Imprint":{"fetch":"https://a.com","select":[{"startBefore":"a","startAfter":"b","endBefore":"c"}]}}}"#,
    );
    assert_eq!(e.code(), "invalid_range");
    assert!(e.to_string().contains("/terms/Imprint/select/0"), "{e}");
}

#[test]
fn range_key_typo_is_explained() {
    let e = err(
        r#"{"name":"X","terms":{"Imprint":{"fetch":"https://a.com","select":{"startBefore":"a","endbefore":"c"}}}}"#,
    );
    assert_eq!(e.code(), "invalid_range");
    assert!(e.to_string().contains("did you mean \"endBefore\""), "{e}");
}

#[test]
fn relative_fetch_is_invalid_url() {
    let e = err(r#"{"name":"X","terms":{"Imprint":{"fetch":"/tos","select":"main"}}}"#);
    assert_eq!(e.code(), "invalid_url");
    assert!(e.to_string().contains("/terms/Imprint/fetch"), "{e}");
}

#[test]
fn json_syntax_error_has_line_and_column() {
    let e = err("{\n  \"name\": \"X\",\n  \"terms\": {,}\n}");
    assert_eq!(e.code(), "declaration_syntax");
    assert!(e.to_string().contains("line 3"), "{e}");
}

#[test]
fn empty_file_is_a_syntax_error() {
    assert_eq!(err("").code(), "declaration_syntax");
}

#[test]
fn combine_applies_root_defaults_in_declared_order() {
    let s = ServiceDeclaration::parse(
        r##"{"name":"X","terms":{"Privacy Policy":{"select":"main","remove":".ad","combine":[
            {"fetch":"https://a.com/1"},{"fetch":"https://a.com/2","select":"#two"}]}}}"##,
        "X.json",
    )
    .expect("valid");
    let t = s.terms_at("Privacy Policy", None).expect("declared");
    assert!(t.combined);
    assert_eq!(t.source_documents.len(), 2);
    assert_eq!(
        t.source_documents[0].select.as_ref().map(|s| s.to_json()),
        Some(serde_json::json!("main"))
    );
    assert_eq!(
        t.source_documents[1].select.as_ref().map(|s| s.to_json()),
        Some(serde_json::json!("#two"))
    );
    assert_eq!(
        t.source_documents[1].remove.as_ref().map(|s| s.to_json()),
        Some(serde_json::json!(".ad"))
    );
}

#[test]
fn range_forms_parse_to_boundaries() {
    let s = ServiceDeclaration::parse(
        r#"{"name":"X","terms":{"Imprint":{"fetch":"https://a.com","select":[{"startAfter":"h1","endBefore":"footer"},"p"]}}}"#,
        "X.json",
    )
    .expect("valid");
    let sel = s.terms["Imprint"].source_documents[0]
        .select
        .clone()
        .expect("select");
    assert_eq!(sel.items.len(), 2);
    match &sel.items[0] {
        Selector::Range(r) => {
            assert_eq!(r.start, Boundary::After("h1".into()));
            assert_eq!(r.end, Boundary::Before("footer".into()));
        }
        other => panic!("expected a range, got {other:?}"),
    }
}

#[test]
fn history_valid_until_is_inclusive_and_picks_first_in_force() {
    let mut s = ServiceDeclaration::parse(
        r#"{"name":"X","terms":{"Imprint":{"fetch":"https://a.com/now","select":"main"}}}"#,
        "X.json",
    )
    .expect("valid");
    s.add_history(
        r#"{"Imprint":[
            {"fetch":"https://a.com/v2","select":"main","validUntil":"2022-06-01T00:00:00Z"},
            {"fetch":"https://a.com/v1","select":"main","validUntil":"2021-01-01T00:00:00Z"}]}"#,
        "X.history.json",
    )
    .expect("valid history");
    let at = |d: &str| chrono::DateTime::parse_from_rfc3339(d).expect("date");
    let loc = |d: &str| {
        s.terms_at("Imprint", Some(at(d)))
            .expect("terms")
            .source_documents[0]
            .location
            .clone()
    };
    assert_eq!(loc("2020-05-01T00:00:00Z"), "https://a.com/v1");
    assert_eq!(loc("2021-01-01T00:00:00Z"), "https://a.com/v1");
    assert_eq!(loc("2021-01-01T00:00:01Z"), "https://a.com/v2");
    assert_eq!(loc("2023-01-01T00:00:00Z"), "https://a.com/now");
    assert_eq!(
        s.terms_at("Privacy Policy", None)
            .expect_err("missing")
            .code(),
        "terms_type_not_declared"
    );
}

#[test]
fn pdf_document_form_is_recognised() {
    let s = ServiceDeclaration::parse(
        r#"{"name":"X","terms":{"Imprint":{"fetch":"https://a.com/terms.PDF"}}}"#,
        "X.json",
    )
    .expect("valid");
    assert!(s.terms["Imprint"].source_documents[0].pdf);
}
