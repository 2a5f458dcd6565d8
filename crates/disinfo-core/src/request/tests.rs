use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use super::*;

#[derive(Debug, Deserialize, JsonSchema, PartialEq)]
#[serde(default)]
struct Coordinate {
    kind: Kind,
    window: f64,
    min_edge_weight: u32,
    retention_days: BTreeMap<String, u32>,
    graph: Option<Graph>,
    free: Option<serde_json::Value>,
}

impl Default for Coordinate {
    fn default() -> Self {
        Coordinate {
            kind: Kind::CoRepost,
            window: 60.0,
            min_edge_weight: 1,
            retention_days: BTreeMap::new(),
            graph: None,
            free: None,
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    CoRepost,
    CoLink,
}

#[derive(Debug, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(default)]
struct Graph {
    seed: u64,
    min_community_size: u32,
}

#[derive(Debug, Deserialize, JsonSchema, PartialEq)]
#[serde(tag = "method", rename_all = "lowercase")]
enum Method {
    Dbscan { eps: f64, min_samples: u32 },
    Kmeans { n_clusters: u32 },
}

#[derive(Debug, Deserialize, JsonSchema, PartialEq)]
#[serde(untagged)]
enum Selector {
    Css(String),
    Range {
        #[serde(rename = "startBefore")]
        start_before: String,
    },
    Many(Vec<Selector>),
}

fn options<T: serde::de::DeserializeOwned + JsonSchema + 'static>(
    v: serde_json::Value,
) -> Result<T, InvalidArgument> {
    decode(OPTIONS, v)
}

#[test]
fn null_options_take_every_default() {
    let c: Coordinate = options(serde_json::Value::Null).expect("defaults");
    assert_eq!(c, Coordinate::default());
}

#[test]
fn camel_and_snake_case_keys_mean_the_same_option() {
    let a: Coordinate = options(json!({"minEdgeWeight": 5})).expect("camel");
    let b: Coordinate = options(json!({"min_edge_weight": 5})).expect("snake");
    assert_eq!(a, b);
    assert_eq!(a.min_edge_weight, 5);
}

#[test]
fn one_option_in_both_spellings_is_refused_as_given_twice() {
    let e = options::<Coordinate>(json!({"minEdgeWeight": 5, "min_edge_weight": 2}))
        .expect_err("twice");
    assert_eq!(e.name, "minEdgeWeight");
    assert_eq!(
        e.message,
        "is the option `min_edge_weight`, given too: give it once"
    );
}

#[test]
fn huge_unknown_option_name_and_value_are_quoted_shortened() {
    let huge = "x".repeat(1_000_000);
    let e = options::<Coordinate>(json!({ huge.clone(): 1 })).expect_err("unknown");
    assert!(e.name.len() < 300, "{}", e.name.len());
    let e = options::<Coordinate>(json!({ "kind": huge })).expect_err("enum");
    assert!(e.message.len() < 500, "{}", e.message.len());
    assert!(
        e.message.starts_with("unknown value `xxx"),
        "{}",
        &e.message[..40]
    );
}

#[test]
fn nested_camel_case_keys_are_renamed() {
    let c: Coordinate =
        options(json!({"graph": {"minCommunitySize": 3, "seed": 7}})).expect("nested");
    assert_eq!(
        c.graph,
        Some(Graph {
            seed: 7,
            min_community_size: 3
        })
    );
}

#[test]
fn map_keys_are_kept_as_written() {
    let c: Coordinate = options(json!({"retentionDays": {"metaPlatform": 365}})).expect("map");
    assert_eq!(c.retention_days.get("metaPlatform"), Some(&365));
}

#[test]
fn free_form_values_are_not_entered() {
    let c: Coordinate = options(json!({"free": {"anyKey": {"deep": 1}}})).expect("free");
    assert_eq!(c.free, Some(json!({"anyKey": {"deep": 1}})));
}

#[test]
fn misspelt_option_is_named_with_a_suggestion() {
    let e = options::<Coordinate>(json!({"windw": 5})).expect_err("unknown");
    assert_eq!(e.name, "windw");
    assert_eq!(e.message, "unknown option; did you mean `window`?");
}

#[test]
fn camel_case_caller_gets_a_camel_case_suggestion() {
    let e = options::<Coordinate>(json!({"minEdgeWieght": 5})).expect_err("unknown");
    assert_eq!(e.name, "minEdgeWieght");
    assert_eq!(e.message, "unknown option; did you mean `minEdgeWeight`?");
}

#[test]
fn unknown_option_without_a_close_name_lists_the_accepted_ones() {
    let e = options::<Graph>(json!({"zzzzzz": 1})).expect_err("unknown");
    assert_eq!(
        e.message,
        "unknown option; accepted: `min_community_size`, `seed`"
    );
}

#[test]
fn unknown_nested_option_is_named_by_its_path() {
    let e = options::<Coordinate>(json!({"graph": {"sed": 1}})).expect_err("unknown");
    assert_eq!(e.name, "graph.sed");
    assert_eq!(e.message, "unknown option; did you mean `seed`?");
}

#[test]
fn wrong_type_names_the_option_as_spelt() {
    let e = options::<Coordinate>(json!({"window": true})).expect_err("type");
    assert_eq!(
        e.to_string(),
        "invalid argument `window`: must be a number, found true"
    );
    let e = options::<Coordinate>(json!({"graph": {"minCommunitySize": -2}})).expect_err("type");
    assert_eq!(e.name, "graph.minCommunitySize");
    assert_eq!(e.message, "must be a non-negative integer, found -2");
}

#[test]
fn unknown_enum_value_gets_a_suggestion() {
    let e = options::<Coordinate>(json!({"kind": "co-repst"})).expect_err("variant");
    assert_eq!(e.name, "kind");
    assert_eq!(
        e.message,
        "unknown value `co-repst`; did you mean `co-repost`?; accepted: `co-repost`, `co-link`"
    );
}

#[test]
fn options_that_are_not_an_object_are_refused() {
    let e = options::<Coordinate>(json!("markdown")).expect_err("not an object");
    assert_eq!(e.name, "options");
    assert!(
        e.message.starts_with("options must be an object"),
        "{}",
        e.message
    );
}

#[test]
fn internally_tagged_enum_picks_the_branch_by_its_tag() {
    let m: Method = decode(
        "method",
        json!({"method": "dbscan", "eps": 0.3, "minSamples": 4}),
    )
    .expect("dbscan");
    assert_eq!(
        m,
        Method::Dbscan {
            eps: 0.3,
            min_samples: 4
        }
    );
    let e = decode::<Method>("method", json!({"method": "kmeans", "n_clustres": 3}))
        .expect_err("unknown");
    assert_eq!(e.name, "method.n_clustres");
    assert_eq!(e.message, "unknown option; did you mean `n_clusters`?");
}

#[test]
fn untagged_enum_keeps_camel_case_properties_it_declares() {
    let s: Selector = decode("select", json!([{"startBefore": "h1"}, "main"])).expect("selectors");
    assert_eq!(
        s,
        Selector::Many(vec![
            Selector::Range {
                start_before: "h1".into()
            },
            Selector::Css("main".into())
        ])
    );
    let e = decode::<Selector>("select", json!({"startBefor": "h1"})).expect_err("typo");
    assert_eq!(e.name, "select.startBefor");
    assert_eq!(e.message, "unknown option; did you mean `startBefore`?");
}

#[test]
fn positional_argument_errors_name_the_argument() {
    let e = decode::<Vec<String>>("inputs", json!(42)).expect_err("type");
    assert_eq!(
        e.to_string(),
        "invalid argument `inputs`: must be a list, found 42"
    );
    let e = decode::<Vec<String>>("inputs", json!(["a", 3])).expect_err("type");
    assert_eq!(e.name, "inputs[1]");
}

#[test]
fn missing_required_field_is_named() {
    #[derive(Debug, Deserialize, JsonSchema)]
    struct Needs {
        #[allow(dead_code)]
        location: String,
    }
    let e = options::<Needs>(json!({})).expect_err("missing");
    assert_eq!(e.to_string(), "invalid argument `location`: is required");
}

#[test]
fn deeply_nested_hostile_values_are_refused_at_the_depth_limit() {
    let mut v = json!("main");
    for _ in 0..1_000 {
        v = json!([v]);
    }
    let e = decode::<Selector>("select", v).expect_err("too deep");
    assert!(e.name.starts_with("select[0][0]"), "{}", e.name);
    assert_eq!(e.message, "values are nested deeper than 128 levels");
}

#[derive(Debug, Deserialize, JsonSchema, Default, PartialEq)]
#[serde(default)]
struct Outer {
    #[serde(flatten)]
    inner: Coordinate,
    communities: bool,
}

#[test]
fn wrong_type_inside_a_flattened_struct_still_names_the_option() {
    // serde loses the path through `flatten`; the schema walk does not.
    let e = options::<Outer>(json!({"window": true, "communities": true})).expect_err("type");
    assert_eq!(
        e.to_string(),
        "invalid argument `window`: must be a number, found true"
    );
    let e = options::<Outer>(json!({"minEdgeWeight": -1})).expect_err("minimum");
    assert_eq!(e.name, "minEdgeWeight");
    assert_eq!(e.message, "must be a non-negative integer, found -1");
}

#[test]
fn value_fitting_no_branch_says_what_is_accepted() {
    let e = decode::<Selector>("select", json!(42)).expect_err("no branch");
    assert_eq!(
        e.to_string(),
        "invalid argument `select`: must be a string, an object or a list, found 42"
    );
}

#[test]
fn date_time_option_that_does_not_parse_is_named() {
    #[derive(Debug, Deserialize, JsonSchema, Default)]
    #[serde(default)]
    struct Read {
        #[allow(dead_code)]
        observed_at: Option<chrono::DateTime<chrono::Utc>>,
    }
    #[derive(Debug, Deserialize, JsonSchema, Default)]
    #[serde(default)]
    struct Wrapper {
        #[serde(flatten)]
        #[allow(dead_code)]
        read: Read,
    }
    let e = options::<Wrapper>(json!({"observedAt": "yesterday"})).expect_err("date");
    assert_eq!(e.name, "observedAt");
    assert_eq!(
        e.message,
        "must be an RFC 3339 date-time such as 2024-05-01T00:00:00Z, found \"yesterday\""
    );
    assert!(options::<Wrapper>(json!({"observed_at": "2024-05-01T00:00:00Z"})).is_ok());
}

#[test]
fn an_option_given_as_null_takes_its_default() {
    // `window=None` in Python: not given, so the default (and a required field stays required).
    let c: Coordinate = options(json!({"window": null, "minEdgeWeight": null})).expect("defaults");
    assert_eq!(c.window, 60.0);
    assert_eq!(c.min_edge_weight, 1);
    // An option that can be null keeps it.
    let c: Coordinate = options(json!({"graph": null})).expect("null graph");
    assert_eq!(c.graph, None);
}
