//! Differential tests: whenever the scanner accepts a document, its events equal
//! `saphyr-parser`'s.

use super::*;
use proptest::prelude::*;
use saphyr_parser::Parser;

/// The general parser's events, up to the end of the stream; `None` on a syntax error.
fn parsed(yaml: &str) -> Option<Vec<(Event<'_>, Span)>> {
    let mut parser = Parser::new_from_str(yaml);
    let mut out = Vec::new();
    while let Some(next) = parser.next_event() {
        let (event, span) = next.ok()?;
        let end = matches!(event, Event::StreamEnd);
        out.push((event, span));
        if end {
            break;
        }
    }
    Some(out)
}

/// When the scanner accepts `yaml`, it must agree with the general parser event by event.
fn assert_agrees(yaml: &str) -> bool {
    match events(yaml) {
        Some(fast) => {
            let general = parsed(yaml);
            assert_eq!(Some(&fast), general.as_ref(), "events differ for:\n{yaml}");
            true
        }
        None => false,
    }
}

const ACCEPTED: &[&str] = &[
    "id: \"entry-00000\"\nkind: actor\nt: 'it''s'\ncity: \"Zürich\"\n",
    "phases: [\"reaction\", attribution]\nempty: []\nnone: {}\n",
    "related: [{\"ref\": \"entry-00001\", \"rel\": see-also}, {ref: b}]\n",
    "summary: >-\n  R package\n  more.\nnext: x\n",
    "sources:\n  - url: https://x\n    title: \"A\"\n  - {url: b}\nnested:\n  a: 1\n  b: [x]\n",
    "list:\n- a\n- b\nlast: x  # comment\n",
    "# c\n\nid: x\nlist:\n- {ref: x}\n- url: a\n  t: b\n\n# mid\nsum: >-\n  a\n\n  b\n\n# after\nlit: |\n  l1\n  l2\nk2:\n  - a\n\n  - b\nend: y\n\n",
    "n:\n  a: >\n    x\n  b: y\n  c:\n  - p\n  # z\nm: |-\n  t\n # cc\nk: [a b , \"c\" ,d]\n",
    "a: |\n  x\n\n",
    "lang: no\non: yes\nn: ~\nf: 1.5e3\nneg: 0x1F\nurl: https://a.example/b?c=d#e\n",
    "id: a\nid: b\nx:\n  y: 1\n  y: 2\n",
    "period: {start: 2022-05-01, end: \"2023\"}\ntitle: \"Doppelgänger: RRN\"\nsummary: Campagne révélée\n",
    "deep: [[[[a]]], {b: [c, {d: e}]}]\n",
];

#[test]
fn common_shapes_are_accepted_and_agree() {
    for yaml in ACCEPTED {
        assert!(assert_agrees(yaml), "declined:\n{yaml}");
    }
}

#[test]
fn other_shapes_are_declined() {
    for yaml in [
        "",
        "# only a comment\n",
        "a: b",
        "a:\tb\n",
        "a: b\r\n",
        "a: &x b\nc: *x\n",
        "a: !!str 1\n",
        "a: \"x\\ty\"\n",
        "a: plain\n  continued\n",
        "a: \"open\n  quote\"\n",
        "a:\nb: c\n",
        "- a\n- b\n",
        "  a: b\n",
        "? a\n: b\n",
        "a: [x,\n  y]\n",
        "a: >2\n   x\n",
        "a: |\n  x\n    y\n",
        "a: |+\n  x\n",
        "a: b: c\n",
        "a: -1\n",
        "my key: x\n",
        "a: [x,]\n",
        "a: {b}\n",
        "a: {\"b\":c}\n",
        "%YAML 1.2\n---\na: b\n",
        "a: b\n   \n",
        "a: x #c\n  y\n",
    ] {
        assert!(events(yaml).is_none(), "accepted:\n{yaml}");
        // Declining is always safe; the general parser decides.
    }
}

#[test]
fn deep_block_nesting_is_left_to_the_general_parser() {
    let mut yaml = String::new();
    for level in 0..3000 {
        yaml.push_str(&" ".repeat(level));
        yaml.push_str("k:\n");
    }
    yaml.push_str(&" ".repeat(3000));
    yaml.push_str("k: v\n");
    assert!(events(&yaml).is_none());
    let loaded = crate::parse::yaml::load(&yaml, 2, crate::parse::yaml::Limits::default());
    assert!(loaded.root.is_none());
    assert!(
        loaded
            .problems
            .iter()
            .any(|p| matches!(p, crate::parse::yaml::Problem::TooDeep { .. }))
    );
    let shallow = "a:\n b:\n  c:\n   d: [x]\n";
    assert!(assert_agrees(shallow));
}

#[test]
fn long_non_ascii_lines_take_linear_time() {
    // 200,000 flow items on one line: counting columns from the line start for every
    // marker would take minutes.
    let yaml = format!("a: [{}é]\n", "é, ".repeat(200_000));
    let events = events(&yaml).expect("one flow sequence");
    assert_eq!(events.len(), 200_001 + 9);
    let short = "t: [\"Zürich\", 'é''s', café]\nu: {k: \"ü\"}\n";
    assert!(assert_agrees(short));
}

#[test]
fn example_corpus_front_matters_are_accepted_and_agree() {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/encyclopedia"
    );
    let mut stack = vec![std::path::PathBuf::from(root)];
    let (mut accepted, mut total) = (0, 0);
    while let Some(dir) = stack.pop() {
        for item in std::fs::read_dir(&dir).expect("example corpus") {
            let path = item.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if let Ok(parts) = crate::parse::frontmatter::split(&text, 1 << 20) {
                total += 1;
                accepted += usize::from(assert_agrees(parts.yaml));
            }
        }
    }
    assert!(total >= 40, "{total} front matters");
    assert_eq!(accepted, total, "every example entry has the common shape");
}

/// Scalars and flow collections: mostly of the shape the scanner takes, some not.
fn scalar() -> impl Strategy<Value = String> {
    let common = prop::sample::select(vec![
        "a",
        "a b",
        "a:b",
        "x #y",
        "no",
        "1.5",
        "0o17",
        "~",
        "null",
        "true",
        "https://x.org/a?b=c#d",
        "é",
        "a,b",
        "\"q\"",
        "\"q: r\"",
        "'s'",
        "'it''s'",
        "''",
        "\"\"",
        "2024-01-15",
        "Zürich café",
        "a  ",
        "x # c",
        "\"x\"  # c",
        "'y'   ",
        "{a: b}",
        "[x, {y: z}]",
        "[\"a\", 'b' , c d]",
        "{\"k\": \"v\", k2: [1, 2]}",
        "[]",
        "{}",
        "a#b",
        "[a  , b  ]",
        "{\"k\"  : v, \"k2\": \"w\"  }",
        "[\"Zürich\", 'é''s']",
    ]);
    let rare = prop::sample::select(vec![
        "[a]",
        "-1",
        "a: b",
        "a:",
        "\"a\\nb\"",
        "*x",
        "&a b",
        "!t x",
        "|",
        ">-",
        "[a,]",
        "{a}",
        "[a: b]",
        "{a :b}",
        "#",
        "%x",
        "@x",
        "`x",
        "?x",
        "? x",
        ":x",
        "[a, b",
        "\"open",
    ]);
    prop_oneof![20 => common, 1 => rare].prop_map(str::to_owned)
}

fn key() -> impl Strategy<Value = String> {
    let common = prop::sample::select(vec!["id", "kind", "a", "url", "my-key", "k_2", "1", "true"]);
    let rare = prop::sample::select(vec!["a b", "é", "-a", "\"q\""]);
    prop_oneof![10 => common, 1 => rare].prop_map(str::to_owned)
}

fn block_scalar(indent: usize) -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec!["|", ">", "|-", ">-", "|", ">-", "|+", ">2"]);
    let line = prop::sample::select(vec![
        "text",
        "more text",
        "",
        "",
        "# not a comment",
        "x: y",
        "  deeper",
    ]);
    (header, prop::collection::vec(line, 1..5), 0usize..3).prop_map(move |(h, lines, extra)| {
        let pad = " ".repeat(indent + 2 + extra % 2);
        let body: String = lines
            .iter()
            .map(|l| {
                if l.is_empty() {
                    "\n".to_owned()
                } else {
                    format!("{pad}{l}\n")
                }
            })
            .collect();
        format!("{h}\n{body}")
    })
}

/// A value for a key at `indent`: on the key's line, or a nested block on the next lines.
fn value(indent: usize, depth: u32) -> BoxedStrategy<String> {
    let inline = scalar().prop_map(|s| format!(" {s}\n"));
    let block = block_scalar(indent).prop_map(|b| format!(" {b}"));
    if depth == 0 {
        return prop_oneof![4 => inline, 1 => block].boxed();
    }
    let seq_indent = prop::sample::select(vec![indent, indent + 2]);
    let item = prop_oneof![
        scalar(),
        (key(), scalar(), key(), scalar())
            .prop_map(|(k1, v1, k2, v2)| format!("{k1}: {v1}\n@@{k2}: {v2}")),
    ];
    let seq = (seq_indent, prop::collection::vec(item, 1..4)).prop_map(|(at, items)| {
        let pad = " ".repeat(at);
        let mut out = String::from("\n");
        for it in items {
            let it = it.replace("@@", &" ".repeat(at + 2));
            out.push_str(&format!("{pad}- {it}\n"));
        }
        out
    });
    let map = mapping(indent + 2, depth - 1).prop_map(|m| format!("\n{m}"));
    prop_oneof![4 => inline, 1 => block, 1 => seq, 1 => map].boxed()
}

fn mapping(indent: usize, depth: u32) -> BoxedStrategy<String> {
    let gap = prop::sample::select(vec!["", "", "", "\n", "# note\n", "  # indented note\n"]);
    prop::collection::vec((key(), value(indent, depth), gap), 1..6)
        .prop_map(move |entries| {
            let pad = " ".repeat(indent);
            entries
                .into_iter()
                .map(|(k, v, g)| format!("{pad}{k}:{v}{g}"))
                .collect()
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    #[test]
    fn accepted_documents_agree_with_the_general_parser(doc in mapping(0, 2)) {
        assert_agrees(&doc);
    }
}
