//! Random JSON text for the differential proptests of the JSON readers: nested arrays and
//! objects whose keys and strings are full of quotes, backslashes, brackets and control
//! characters, and objects that repeat keys — random ones and the names the adapters read
//! (`id`, `ad_creative_bodies`, `spend`, ...). `serde_json::Value` cannot hold a repeated key,
//! so values are kept as a tree of members and written out as text; the tests then compare
//! what the readers find with what `serde_json` reads from the same text.

use proptest::prelude::*;
use proptest::sample::Index;

/// Names the adapters look up, so that repeats hit the members that matter.
const ADAPTER_KEYS: &[&str] = &[
    "id",
    "ad_creative_bodies",
    "ad_creative_body",
    "spend",
    "impressions",
    "lower_bound",
    "upper_bound",
    "funding_entity",
    "bylines",
    "page_id",
    "percentage",
    "data",
    "ads",
    "paging",
    "lo",
    "hi",
];

/// A JSON value as text can hold it: an object keeps every member, repeats included.
#[derive(Debug, Clone)]
pub enum Json {
    /// A scalar.
    Leaf(serde_json::Value),
    /// An array.
    Array(Vec<Json>),
    /// An object's members in text order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The JSON text, compact or indented.
    pub fn render(&self, pretty: bool) -> String {
        let mut out = String::new();
        self.write(&mut out, pretty, 0);
        out
    }

    fn write(&self, out: &mut String, pretty: bool, depth: usize) {
        let newline = |out: &mut String, depth: usize| {
            if pretty {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
        };
        match self {
            Json::Leaf(v) => out.push_str(&v.to_string()),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    item.write(out, pretty, depth + 1);
                }
                if !items.is_empty() {
                    newline(out, depth);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    out.push_str(&serde_json::Value::from(key.as_str()).to_string());
                    out.push_str(if pretty { ": " } else { ":" });
                    value.write(out, pretty, depth + 1);
                }
                if !members.is_empty() {
                    newline(out, depth);
                }
                out.push('}');
            }
        }
    }
}

/// A key: random text with JSON's special characters, or a name the adapters read.
pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\"\\\\a-z{}:, ]{0,6}",
        prop::sample::select(ADAPTER_KEYS).prop_map(str::to_owned),
    ]
}

/// Members with some keys repeated: each repeat takes the key of an existing member and goes
/// at any position, before or after it.
pub fn with_repeats<T: Strategy<Value = Json> + Clone>(
    value: T,
    max: usize,
) -> impl Strategy<Value = Vec<(String, Json)>> {
    (
        prop::collection::vec((key(), value.clone()), 0..max),
        prop::collection::vec((any::<Index>(), any::<Index>(), value), 0..3),
    )
        .prop_map(|(mut members, repeats)| {
            for (which, at, value) in repeats {
                if members.is_empty() {
                    break;
                }
                let key = members[which.index(members.len())].0.clone();
                let at = at.index(members.len() + 1);
                members.insert(at, (key, value));
            }
            members
        })
}

/// A scalar.
fn leaf() -> impl Strategy<Value = Json> {
    prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        "\\PC{0,12}".prop_map(serde_json::Value::from),
        "[\"\\\\{}\\[\\],: a\u{1}\u{1f}]{0,8}".prop_map(serde_json::Value::from),
    ]
    .prop_map(Json::Leaf)
}

/// Any value, nested up to four levels, objects repeating keys at every level.
pub fn json() -> BoxedStrategy<Json> {
    leaf()
        .prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
                with_repeats(inner, 6).prop_map(Json::Object),
            ]
        })
        .boxed()
}

/// An object, with repeated keys at its own level and inside.
pub fn object() -> impl Strategy<Value = Json> {
    with_repeats(json(), 8).prop_map(Json::Object)
}

/// True when `json` (at any depth) has an object that repeats a key.
pub fn repeats_a_key(json: &Json) -> bool {
    match json {
        Json::Leaf(_) => false,
        Json::Array(items) => items.iter().any(repeats_a_key),
        Json::Object(members) => {
            let mut keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
            keys.sort_unstable();
            keys.windows(2).any(|w| w[0] == w[1]) || members.iter().any(|(_, v)| repeats_a_key(v))
        }
    }
}

/// The generator does write repeated keys, often enough for the differential tests to
/// exercise them, and its text is JSON that serde_json reads.
#[test]
fn generated_objects_are_json_and_often_repeat_keys() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = object();
    let mut repeating = 0;
    for _ in 0..200 {
        let o = strategy.new_tree(&mut runner).expect("a value").current();
        repeating += usize::from(repeats_a_key(&o));
        for pretty in [false, true] {
            let text = o.render(pretty);
            assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                "{text}"
            );
        }
    }
    assert!(repeating >= 50, "{repeating} of 200 repeat a key");
}
