//! A YAML 1.2 loader that keeps the source span of every key and value.
//!
//! Built on `saphyr-parser`'s event stream: it sees duplicate keys (a `serde` deserialiser
//! silently keeps one), expands aliases while counting the nodes it creates (an alias bomb stops
//! with a problem instead of exhausting memory) and limits nesting depth. Plain scalars are
//! resolved with the YAML 1.2 core schema: `no` stays the string `"no"`, `true`/`null` do not.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};
use serde_json::{Map, Number, Value};

use super::fast_events;
use crate::Span;

/// One node of the loaded tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub kind: NodeKind,
    /// Where the node is in the file.
    pub span: Span,
}

/// The three kinds of YAML nodes.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A scalar: its text, whether it was plain (unquoted), and its core-schema value.
    Scalar {
        /// The scalar's text as written (after YAML unescaping).
        text: String,
        /// True for plain (unquoted, non-block) scalars, the only ones that resolve to non-strings.
        plain: bool,
        /// The resolved value (string, number, boolean or null).
        value: Value,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order; duplicate keys are kept out (and reported).
    Map(Vec<MapEntry>),
}

/// One `key: value` pair of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct MapEntry {
    /// The key's text.
    pub key: String,
    /// Where the key is.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// Limits that keep hostile input bounded.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most nodes the document may expand to, aliases included.
    pub max_nodes: usize,
    /// Deepest nesting of sequences and mappings.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_nodes: 100_000,
            max_depth: 64,
        }
    }
}

/// A problem found while loading. Fatal problems stop loading; duplicates do not.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// YAML syntax error (FM003).
    Syntax {
        /// Where.
        span: Span,
        /// The parser's message.
        message: String,
    },
    /// Duplicate key (FM004); the first value is kept.
    DuplicateKey {
        /// The key.
        key: String,
        /// JSON pointer of the key's value.
        pointer: String,
        /// Where the duplicate is.
        span: Span,
        /// Where the first one is.
        first: Span,
    },
    /// Too many nodes after alias expansion (FM006).
    TooManyNodes {
        /// Where the expansion crossed the limit.
        span: Span,
        /// The limit.
        limit: usize,
    },
    /// Nesting deeper than the limit (FM007).
    TooDeep {
        /// Where the limit was crossed.
        span: Span,
        /// The limit.
        limit: usize,
    },
}

impl Problem {
    /// True when the problem stopped loading.
    pub fn is_fatal(&self) -> bool {
        !matches!(self, Problem::DuplicateKey { .. })
    }
}

/// The result of loading: the root node (absent for an empty document or a fatal problem) and
/// the problems found.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The document's root node.
    pub root: Option<Node>,
    /// Problems, in source order.
    pub problems: Vec<Problem>,
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: Span,
        anchor: usize,
    },
    Map {
        entries: Vec<MapEntry>,
        start: Span,
        anchor: usize,
        pending: Option<(String, Span)>,
        /// Key → position in `entries`, built once a mapping has many keys (small ones are
        /// searched directly).
        index: Option<HashMap<String, usize>>,
    },
}

/// Mappings with more keys than this look duplicates up in a hash index.
const INDEXED_KEYS: usize = 16;

/// The first entry of `entries` whose key is `key`.
fn first_key(
    entries: &[MapEntry],
    index: &Option<HashMap<String, usize>>,
    key: &str,
) -> Option<Span> {
    match index {
        Some(index) => index.get(key).map(|&i| entries[i].key_span),
        None => entries.iter().find(|e| e.key == key).map(|e| e.key_span),
    }
}

struct Builder {
    first_line: usize,
    limits: Limits,
    nodes: usize,
    anchors: HashMap<usize, (Node, usize)>,
    stack: Vec<Frame>,
    root: Option<Node>,
    problems: Vec<Problem>,
}

fn count(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Scalar { .. } => 1,
        NodeKind::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        NodeKind::Map(entries) => 1 + entries.iter().map(|e| 1 + count(&e.value)).sum::<usize>(),
    }
}

/// Escapes a JSON pointer segment (RFC 6901).
pub fn escape_pointer(segment: &str) -> Cow<'_, str> {
    if segment.contains(['~', '/']) {
        Cow::Owned(segment.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(segment)
    }
}

impl Builder {
    fn span(&self, s: saphyr_parser::Span) -> Span {
        Span::new(
            s.start.line() + self.first_line - 1,
            s.start.col() + 1,
            s.end.line() + self.first_line - 1,
            s.end.col() + 1,
        )
    }

    /// The JSON pointer of the value being built in the innermost mapping, whose key is `key`.
    fn pointer_to(&self, key: &str) -> String {
        let mut pointer = String::new();
        let parents = self.stack.len().saturating_sub(1);
        for frame in &self.stack[..parents] {
            pointer.push('/');
            match frame {
                Frame::Seq { items, .. } => pointer.push_str(&items.len().to_string()),
                Frame::Map { pending, .. } => {
                    if let Some((k, _)) = pending {
                        pointer.push_str(&escape_pointer(k));
                    }
                }
            }
        }
        pointer.push('/');
        pointer.push_str(&escape_pointer(key));
        pointer
    }

    /// Takes a finished node; returns false when loading must stop.
    fn finish(&mut self, node: Node, anchor: usize) -> bool {
        if anchor > 0 {
            let n = count(&node);
            self.anchors.insert(anchor, (node.clone(), n));
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { pending, .. }) if pending.is_none() => match node.kind {
                NodeKind::Scalar { text, .. } => *pending = Some((text, node.span)),
                _ => {
                    self.problems.push(Problem::Syntax {
                        span: node.span,
                        message: "a mapping key must be a plain string, not a sequence or mapping"
                            .into(),
                    });
                    return false;
                }
            },
            Some(Frame::Map { .. }) => self.add_entry(node),
        }
        true
    }

    /// Adds `node` as the value of the innermost mapping's pending key (or reports the key as a
    /// duplicate; the first value stays).
    fn add_entry(&mut self, node: Node) {
        let Some(Frame::Map {
            entries,
            pending,
            index,
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        let Some((key, key_span)) = pending.take() else {
            return;
        };
        let Some(first) = first_key(entries, index, &key) else {
            if let Some(index) = index {
                index.insert(key.clone(), entries.len());
            } else if entries.len() >= INDEXED_KEYS {
                let mut built: HashMap<String, usize> = entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.key.clone(), i))
                    .collect();
                built.insert(key.clone(), entries.len());
                *index = Some(built);
            }
            entries.push(MapEntry {
                key,
                key_span,
                value: node,
            });
            return;
        };
        let pointer = self.pointer_to(&key);
        self.problems.push(Problem::DuplicateKey {
            key,
            pointer,
            span: key_span,
            first,
        });
    }

    fn add_nodes(&mut self, n: usize, span: Span) -> bool {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > self.limits.max_nodes {
            self.problems.push(Problem::TooManyNodes {
                span,
                limit: self.limits.max_nodes,
            });
            return false;
        }
        true
    }

    fn open(&mut self, frame: Frame, span: Span) -> bool {
        if self.stack.len() >= self.limits.max_depth {
            self.problems.push(Problem::TooDeep {
                span,
                limit: self.limits.max_depth,
            });
            return false;
        }
        self.stack.push(frame);
        true
    }

    fn event(&mut self, event: Event<'_>, raw: saphyr_parser::Span) -> bool {
        let span = self.span(raw);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if !self.add_nodes(1, span) {
                    return false;
                }
                if anchor == 0
                    && let Some(Frame::Map { pending, .. }) = self.stack.last_mut()
                    && pending.is_none()
                {
                    // A key: only its text is kept (see `finish`), no value to resolve.
                    *pending = Some((text.into_owned(), span));
                    return true;
                }
                let plain = style == ScalarStyle::Plain;
                let forced_str = tag
                    .as_ref()
                    .is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
                let value = if plain && !forced_str {
                    resolve_plain(&text)
                } else {
                    Value::String(text.to_string())
                };
                let node = Node {
                    kind: NodeKind::Scalar {
                        text: text.into_owned(),
                        plain: plain && !forced_str,
                        value,
                    },
                    span,
                };
                self.finish(node, anchor)
            }
            Event::Alias(id) => {
                let Some(n) = self.anchors.get(&id).map(|(_, n)| *n) else {
                    self.problems.push(Problem::Syntax {
                        span,
                        message: format!("unknown alias #{id}"),
                    });
                    return false;
                };
                if !self.add_nodes(n, span) {
                    return false;
                }
                let Some(node) = self.anchors.get(&id).map(|(node, _)| node) else {
                    return false;
                };
                let mut node = node.clone();
                node.span = span;
                self.finish(node, 0)
            }
            Event::SequenceStart(anchor, _) => {
                self.add_nodes(1, span)
                    && self.open(
                        Frame::Seq {
                            items: Vec::new(),
                            start: span,
                            anchor,
                        },
                        span,
                    )
            }
            Event::MappingStart(anchor, _) => {
                self.add_nodes(1, span)
                    && self.open(
                        Frame::Map {
                            entries: Vec::new(),
                            start: span,
                            anchor,
                            pending: None,
                            index: None,
                        },
                        span,
                    )
            }
            Event::SequenceEnd => match self.stack.pop() {
                Some(Frame::Seq {
                    items,
                    start,
                    anchor,
                }) => {
                    let span = Span {
                        start: start.start,
                        end: span.end.max(start.end),
                    };
                    self.finish(
                        Node {
                            kind: NodeKind::Seq(items),
                            span,
                        },
                        anchor,
                    )
                }
                _ => true,
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Map {
                    entries,
                    start,
                    anchor,
                    ..
                }) => {
                    let span = Span {
                        start: start.start,
                        end: span.end.max(start.end),
                    };
                    self.finish(
                        Node {
                            kind: NodeKind::Map(entries),
                            span,
                        },
                        anchor,
                    )
                }
                _ => true,
            },
            Event::DocumentStart(_) if self.root.is_some() => {
                self.problems.push(Problem::Syntax {
                    span,
                    message: "the front matter holds more than one YAML document".into(),
                });
                false
            }
            _ => true,
        }
    }
}

/// Resolves a plain scalar with the YAML 1.2 core schema (null, bool, int, float, else string).
pub fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let b = text.as_bytes();
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits(unsigned, 10) {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Number(i.into());
        }
        if let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    if let Some(oct) = text.strip_prefix("0o").filter(|s| digits(s, 8))
        && let Ok(i) = i64::from_str_radix(oct, 8)
    {
        return Value::Number(i.into());
    }
    if let Some(hex) = text.strip_prefix("0x").filter(|s| digits(s, 16))
        && let Ok(i) = i64::from_str_radix(hex, 16)
    {
        return Value::Number(i.into());
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let is_float = {
        let s = unsigned;
        let (mantissa, exp) = match s.find(['e', 'E']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let mantissa_ok = match mantissa.split_once('.') {
            Some((int, frac)) => {
                (int.is_empty() && digits(frac, 10))
                    || (digits(int, 10) && (frac.is_empty() || digits(frac, 10)))
            }
            None => digits(mantissa, 10),
        };
        let exp_ok = exp.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
        mantissa_ok && exp_ok && !b.is_empty()
    };
    if is_float && let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
        return Value::Number(n);
    }
    Value::String(text.to_owned())
}

fn syntax(first_line: usize, err: &ScanError, limits: Limits) -> Problem {
    let m = err.marker();
    let line = m.line().max(1) + first_line - 1;
    let column = m.col() + 1;
    // The scanner has its own nesting limit for flow collections; it is the same problem.
    if err.info().contains("recursion limit") {
        return Problem::TooDeep {
            span: Span::new(line, column, line, column + 1),
            limit: limits.max_depth,
        };
    }
    Problem::Syntax {
        span: Span::new(line, column, line, column + 1),
        message: err.info().to_owned(),
    }
}

/// Loads `yaml` (whose first line is line `first_line` of the file).
///
/// ```
/// use disinfo_encyclopedia::parse::yaml::{load, Limits, Problem};
/// let loaded = load("id: a\nid: b\n", 2, Limits::default());
/// assert!(matches!(&loaded.problems[0], Problem::DuplicateKey { key, span, .. } if key == "id" && span.start.line == 3));
/// ```
pub fn load(yaml: &str, first_line: usize, limits: Limits) -> Loaded {
    let mut builder = Builder {
        first_line,
        limits,
        nodes: 0,
        anchors: HashMap::new(),
        stack: Vec::new(),
        root: None,
        problems: Vec::new(),
    };
    if let Some(events) = fast_events::events(yaml) {
        for (event, span) in events {
            if matches!(event, Event::StreamEnd) {
                break;
            }
            if !builder.event(event, span) {
                builder.root = None;
                break;
            }
        }
        return Loaded {
            root: builder.root,
            problems: builder.problems,
        };
    }
    let mut parser = Parser::new_from_str(yaml);
    loop {
        match parser.next_event() {
            None => break,
            Some(Ok((event, span))) => {
                if matches!(event, Event::StreamEnd) {
                    break;
                }
                if !builder.event(event, span) {
                    builder.root = None;
                    break;
                }
            }
            Some(Err(err)) => {
                builder.problems.push(syntax(first_line, &err, limits));
                builder.root = None;
                break;
            }
        }
    }
    Loaded {
        root: builder.root,
        problems: builder.problems,
    }
}

impl Node {
    /// The node as JSON (duplicate keys already dropped; the first value wins).
    pub fn to_json(&self) -> Value {
        match &self.kind {
            NodeKind::Scalar { value, .. } => value.clone(),
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => {
                let mut map = Map::new();
                for e in entries {
                    map.insert(e.key.clone(), e.value.to_json());
                }
                Value::Object(map)
            }
        }
    }

    /// The node at a JSON pointer, with the span of its key when it is a mapping value.
    pub fn find(&self, pointer: &str) -> Option<(&Node, Option<Span>)> {
        let mut node = self;
        let mut key_span = None;
        if pointer.is_empty() {
            return Some((node, None));
        }
        for raw in pointer.strip_prefix('/')?.split('/') {
            let segment = raw.replace("~1", "/").replace("~0", "~");
            match &node.kind {
                NodeKind::Map(entries) => {
                    let e = entries.iter().find(|e| e.key == segment)?;
                    key_span = Some(e.key_span);
                    node = &e.value;
                }
                NodeKind::Seq(items) => {
                    node = items.get(segment.parse::<usize>().ok()?)?;
                    key_span = None;
                }
                NodeKind::Scalar { .. } => return None,
            }
        }
        Some((node, key_span))
    }

    /// The string value, if the node is a string scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar {
                value: Value::String(s),
                ..
            } => Some(s),
            _ => None,
        }
    }

    /// The mapping entries, if the node is a mapping.
    pub fn entries(&self) -> &[MapEntry] {
        match &self.kind {
            NodeKind::Map(e) => e,
            _ => &[],
        }
    }

    /// The value of `key`, if the node is a mapping holding it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }

    /// The items, if the node is a sequence.
    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(i) => i,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_one_based_and_offset_by_first_line() {
        let l = load("id: abc\nlang: fr\n", 2, Limits::default());
        let root = l.root.expect("root");
        let (node, key) = root.find("/lang").expect("lang");
        assert_eq!(node.span.start, crate::Position { line: 3, column: 7 });
        assert_eq!(
            key.map(|k| k.start),
            Some(crate::Position { line: 3, column: 1 })
        );
    }

    #[test]
    fn core_schema_keeps_no_as_string() {
        assert_eq!(resolve_plain("no"), Value::String("no".into()));
        assert_eq!(resolve_plain("true"), Value::Bool(true));
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain("12"), Value::Number(12.into()));
        assert_eq!(
            resolve_plain("2017-07-07"),
            Value::String("2017-07-07".into())
        );
        assert_eq!(resolve_plain("1.5e3"), serde_json::json!(1500.0));
    }

    #[test]
    fn quoted_true_stays_a_string() {
        let l = load("a: 'true'\nb: !!str 12\n", 1, Limits::default());
        assert_eq!(
            l.root.expect("root").to_json(),
            serde_json::json!({"a": "true", "b": "12"})
        );
    }

    #[test]
    fn alias_bomb_stops_at_the_node_limit() {
        let mut y = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            y.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let l = load(&y, 2, Limits::default());
        assert!(l.root.is_none());
        assert!(matches!(
            l.problems.last(),
            Some(Problem::TooManyNodes { limit: 100_000, .. })
        ));
    }

    #[test]
    fn deep_nesting_stops_at_the_depth_limit() {
        let y = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
        let l = load(&y, 1, Limits::default());
        assert!(
            l.problems.iter().any(
                |p| matches!(p, Problem::TooDeep { .. }) || matches!(p, Problem::Syntax { .. })
            )
        );
        assert!(l.root.is_none());
    }

    #[test]
    fn duplicates_in_large_mappings_are_found_through_the_index() {
        let mut yaml = String::from("list:\n  - {}\n  - ");
        let keys: Vec<String> = (0..40).map(|i| format!("k{i}: {i}")).collect();
        yaml.push_str(&format!(
            "{{{}, k3: again, a/b: 1, a/b: 2}}\n",
            keys.join(", ")
        ));
        let loaded = load(&yaml, 1, Limits::default());
        let found: Vec<(&str, &str, usize)> = loaded
            .problems
            .iter()
            .filter_map(|p| match p {
                Problem::DuplicateKey {
                    key,
                    pointer,
                    first,
                    ..
                } => Some((key.as_str(), pointer.as_str(), first.start.column)),
                _ => None,
            })
            .collect();
        let k3_column = yaml
            .lines()
            .nth(2)
            .and_then(|l| l.find("k3"))
            .map(|c| c + 1);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].0, found[0].1), ("k3", "/list/1/k3"));
        assert_eq!(Some(found[0].2), k3_column);
        assert_eq!((found[1].0, found[1].1), ("a/b", "/list/1/a~1b"));
        let root = loaded.root.expect("duplicates do not stop loading");
        assert_eq!(root.to_json()["list"][1]["k3"], serde_json::json!(3));
        assert_eq!(
            root.to_json()["list"][1].as_object().map(|m| m.len()),
            Some(41)
        );
    }

    #[test]
    fn duplicate_key_in_nested_mapping_has_pointer() {
        let l = load("sources:\n  - url: a\n    url: b\n", 1, Limits::default());
        match &l.problems[0] {
            Problem::DuplicateKey {
                pointer,
                span,
                first,
                ..
            } => {
                assert_eq!(pointer, "/sources/0/url");
                assert_eq!((span.start.line, span.start.column), (3, 5));
                assert_eq!(first.start.line, 2);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
