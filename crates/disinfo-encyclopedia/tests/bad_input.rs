//! Hostile and broken input: a diagnostic each, no panic, bounded time and memory.

use disinfo_encyclopedia::{CheckOptions, Diagnostic, SourceFile, check_dir, check_files};

fn diags(bytes: &[u8]) -> Vec<Diagnostic> {
    let files = [SourceFile {
        path: "x.md".into(),
        bytes: bytes.to_vec(),
    }];
    check_files(&files, &CheckOptions::default())
        .expect("check runs")
        .diagnostics
}

fn rules(bytes: &[u8]) -> Vec<(String, usize, usize)> {
    diags(bytes)
        .into_iter()
        .map(|d| (d.rule, d.line, d.column))
        .collect()
}

#[test]
fn empty_file_has_no_front_matter() {
    assert_eq!(rules(b""), [("FM001".to_owned(), 1, 1)]);
}

#[test]
fn binary_file_is_fm009() {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend([0u8; 64]);
    assert_eq!(rules(&bytes), [("FM009".to_owned(), 1, 1)]);
}

#[test]
fn invalid_utf8_is_fm009_at_its_position() {
    let bytes = b"---\nid: caf\xe9\n---\n";
    assert_eq!(rules(bytes), [("FM009".to_owned(), 2, 8)]);
}

#[test]
fn ten_megabyte_front_matter_is_fm008() {
    let mut text = String::from("---\n");
    let line = "key: a value that fills the front matter with text\n";
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(line);
    }
    text.push_str("---\n");
    assert_eq!(rules(text.as_bytes()), [("FM008".to_owned(), 1, 1)]);
}

#[test]
fn billion_laughs_alias_bomb_is_fm006() {
    let mut y = String::from("---\nlol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..9 {
        let refs = vec![format!("*l{}", i - 1); 10].join(", ");
        y.push_str(&format!("lol{i}: &l{i} [{refs}]\n"));
    }
    y.push_str("---\n");
    let d = diags(y.as_bytes());
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].rule, "FM006");
    assert!(d[0].line >= 6, "{:?}", d[0]);
}

#[test]
fn deep_flow_nesting_is_fm007() {
    let text = format!(
        "---\nid: {}{}\n---\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let d = diags(text.as_bytes());
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!((d[0].rule.as_str(), d[0].line), ("FM007", 2));
}

#[test]
fn deep_block_nesting_is_fm007() {
    let mut text = String::from("---\n");
    for depth in 0..500 {
        text.push_str(&" ".repeat(depth));
        text.push_str(&format!("k{depth}:\n"));
    }
    text.push_str("---\n");
    let d = diags(text.as_bytes());
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].rule, "FM007");
}

#[test]
fn empty_front_matter_is_a_type_error_on_the_document() {
    let d = diags(b"---\n---\n# x\n");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        (d[0].rule.as_str(), d[0].line, d[0].pointer.as_str()),
        ("SC002", 1, "")
    );
}

#[test]
fn front_matter_list_is_a_type_error() {
    let d = diags(b"---\n- a\n- b\n---\n");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].rule, "SC002");
}

#[test]
fn complex_key_is_a_syntax_error_not_a_panic() {
    let d = diags(b"---\n? [a, b]\n: c\n---\n");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!((d[0].rule.as_str(), d[0].line), ("FM003", 2));
}

#[test]
fn tabs_and_stray_characters_are_syntax_errors() {
    let d = diags(b"---\nid: a\n\tkind: tool\n---\n");
    assert_eq!(d[0].rule, "FM003");
    let d = diags(b"---\nid: \"unterminated\n---\n");
    assert_eq!(d[0].rule, "FM003");
}

#[test]
fn missing_directory_fails_with_code_io() {
    let err = check_dir(
        std::path::Path::new("/nonexistent/encyclopedia"),
        &CheckOptions::default(),
    )
    .expect_err("no such directory");
    assert_eq!(err.code(), "io");
}

#[test]
fn unknown_option_key_is_rejected_by_serde() {
    let r: Result<CheckOptions, _> = serde_json::from_str(r#"{"max_nodes": 10, "maxdepth": 3}"#);
    assert!(r.is_err());
}

#[test]
fn bad_extension_schema_is_schema_invalid() {
    let options = CheckOptions {
        schema: Some(serde_json::json!({"properties": {"x": {"type": "nonsense"}}})),
        ..CheckOptions::default()
    };
    let err = check_files(&[], &options).expect_err("bad schema");
    assert_eq!(err.code(), "schema_invalid");
    assert!(err.is_invalid_argument());
}

#[test]
fn many_files_of_garbage_never_panic() {
    let samples: Vec<&[u8]> = vec![
        b"---",
        b"---\n",
        b"---\n...",
        b"---\n:\n---\n",
        b"---\n&a [*a]\n---\n",
        b"---\n*x\n---\n",
        b"---\n!!binary AAAA\n---\n",
        b"---\n{a: 1, a: 2}\n---\n",
        b"\xef\xbb\xbf---\nid: a\n---\n",
        b"---\r\nid: a\r\n---\r\n",
        b"---\n- - - - -\n---\n",
        b"---\n%YAML 1.1\n---\n",
    ];
    for s in samples {
        let _ = diags(s);
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Any text after `---` gives sorted diagnostics with 1-based positions, never a panic.
        #[test]
        fn any_front_matter_gives_sorted_positioned_diagnostics(yaml in "[a-z:&*\\[\\]{}, \\-\\n'\"#|>!%@`]{0,200}") {
            let text = format!("---\n{yaml}\n---\n");
            let d = diags(text.as_bytes());
            for x in &d {
                prop_assert!(x.line >= 1 && x.column >= 1);
                prop_assert!((x.end_line, x.end_column) >= (x.line, x.column));
            }
            let mut sorted = d.clone();
            disinfo_encyclopedia::diagnostic::sort_diagnostics(&mut sorted);
            prop_assert_eq!(sorted, d);
        }

        /// Arbitrary bytes never panic and always give at least one diagnostic or a clean entry.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = diags(&bytes);
        }
    }
}
