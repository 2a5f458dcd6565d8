//! Tests of the shallow JSON object reader: lookups, repeated keys, malformed and adversarial
//! text, and properties against `serde_json`.

use super::super::json_gen;
use super::*;
use proptest::prelude::*;

fn checked(text: &str) -> &RawValue {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn missing_null_and_value_are_distinct() {
    let o = RawObject::parse(checked(r#"{"a": null, "b": "x", "c": 5}"#)).expect("object");
    assert!(matches!(o.get("a"), Slot::Null));
    assert!(matches!(o.get("z"), Slot::Missing));
    let Slot::Value(b) = o.get("b") else {
        panic!("b")
    };
    assert_eq!(text(b), Ok("x".to_owned()));
    let Slot::Value(c) = o.get("c") else {
        panic!("c")
    };
    assert_eq!(text(c), Ok("5".to_owned()));
    assert_eq!(o.get_any(&["y", "c"]).1, Some("c"));
}

#[test]
fn escapes_brackets_in_strings_and_whitespace_do_not_confuse_the_scan() {
    let text_in = "{ \"k\\\"ey\" : \"a\\\\\" ,\n\t\"br\": \"]}{[\\\"\", \"n\": [ {\"x\": [1, {\"y\": \"}\"}]} , [] ],\"e\":{} , \"u\":\"\\u00e9\"}";
    let o = RawObject::parse(checked(text_in)).expect("object");
    let keys: Vec<&str> = o.members().map(|(k, _)| k).collect();
    assert_eq!(keys, ["k\"ey", "br", "n", "e", "u"]);
    let Slot::Value(v) = o.get_any(&["k\"ey"]).0 else {
        panic!("key with an escape")
    };
    assert_eq!(text(v), Ok("a\\".to_owned()));
    let Slot::Value(br) = o.get("br") else {
        panic!("br")
    };
    assert_eq!(text(br), Ok("]}{[\"".to_owned()));
    let Slot::Value(n) = o.get("n") else {
        panic!("n")
    };
    let list: Vec<&str> = items(n)
        .expect("array")
        .map(|r| r.expect("item").get())
        .collect();
    assert_eq!(list, [r#"{"x": [1, {"y": "}"}]}"#, "[]"]);
    let Slot::Value(u) = o.get("u") else {
        panic!("u")
    };
    assert_eq!(text(u), Ok("é".to_owned()));
    assert!(matches!(members_any(n, [&["x"]]), [Slot::Missing]));
}

#[test]
fn last_duplicate_wins_at_every_level_and_empty_containers_are_empty() {
    let text = r#"{"a":1,"b":{"x":1,"x":[{"p":1,"p":null}]},"a":2,"lo":{"lower_bound":"1","lower_bound":"7"}}"#;
    let o = RawObject::parse(checked(text)).expect("object");
    assert!(matches!(o.get("a"), Slot::Value(v) if v.get() == "2"));
    assert_eq!(
        o.members().count(),
        4,
        "every member is kept, in file order"
    );
    let whole = Raw::from(checked(text));
    assert!(matches!(members_any(whole, [&["a"]]), [Slot::Value(v)] if v.get() == "2"));
    let Slot::Value(inner) = o.get("b") else {
        panic!("b")
    };
    let [x] = members_any(inner, [&["x"]]);
    let Slot::Value(x) = x else { panic!("x") };
    assert_eq!(x.get(), r#"[{"p":1,"p":null}]"#);
    let p: Vec<String> = item_members(x, "p")
        .expect("array")
        .map(|s| slot_text(s.expect("object")))
        .collect();
    assert_eq!(p, ["null"]);
    let Slot::Value(lo) = o.get("lo") else {
        panic!("lo")
    };
    let [bound] = members_any(lo, [&["lower_bound", "lo"]]);
    assert_eq!(slot_text(bound), "\"7\"");
    assert_eq!(
        RawObject::parse(checked("{ }"))
            .expect("empty")
            .members()
            .count(),
        0
    );
    assert_eq!(items(Raw::from(checked("[ ]"))).expect("array").count(), 0);
    assert_eq!(objects(Raw::from(checked("[]"))).expect("objects").len(), 0);
}

#[test]
fn last_duplicate_wins_in_large_objects_searched_without_the_index() {
    for n in [INDEX_MAX_MEMBERS, INDEX_MAX_MEMBERS + 1, 300] {
        let mut members: Vec<String> = (0..n).map(|i| format!("\"k{i}\": {i}")).collect();
        members.push("\"k0\": \"last\"".into());
        let text = format!("{{{}}}", members.join(","));
        let o = RawObject::parse(checked(&text)).expect("object");
        assert!(
            matches!(o.get("k0"), Slot::Value(v) if v.get() == "\"last\""),
            "{n} members"
        );
        assert!(matches!(o.get("k1"), Slot::Value(v) if v.get() == "1"));
    }
}

fn slot_text(slot: Slot<'_>) -> String {
    match slot {
        Slot::Value(v) => v.get().to_owned(),
        Slot::Null => "null".into(),
        Slot::Missing => "-".into(),
    }
}

#[test]
fn item_members_and_members_any_read_in_one_pass() {
    let raw = Raw::from(checked(
        r#"[ {"percentage": "0.6", "age": "25-34"}, {"x": {"percentage": 1}}, {} ,
           {"percentage": null, "percentage": 2}]"#,
    ));
    let found: Vec<String> = item_members(raw, "percentage")
        .expect("array")
        .map(|s| slot_text(s.expect("object")))
        .collect();
    assert_eq!(found, ["\"0.6\"", "-", "-", "2"]);
    let found: Vec<Result<Slot<'_>, String>> =
        item_members(Raw::from(checked(r#"[{"a":1}, 2, {"a":3}]"#)), "a")
            .expect("array")
            .collect();
    assert_eq!(
        found.len(),
        2,
        "the walk stops at the first item that is not an object"
    );
    assert!(
        found[1]
            .as_ref()
            .is_err_and(|e| e.contains("starts with `2`"))
    );
    assert!(item_members(Raw::from(checked("{}")), "a").is_none());
    assert_eq!(
        item_members(Raw::from(checked("[]")), "a")
            .expect("array")
            .count(),
        0
    );
    let [lo, hi, none] = members_any(
        Raw::from(checked(
            r#"{"min": 1, "upper_bound": "9", "lower_bound": "2", "hi": 3}"#,
        )),
        [
            &["lower_bound", "lo", "min"],
            &["upper_bound", "hi", "max"],
            &["z"],
        ],
    );
    assert_eq!(
        [slot_text(lo), slot_text(hi), slot_text(none)],
        ["\"2\"", "\"9\"", "-"]
    );
}

#[test]
fn large_objects_and_colliding_keys_are_found() {
    for n in [1usize, 39, 40, 41, 64, 65, 300] {
        let text = format!(
            "{{{}}}",
            (0..n)
                .map(|i| format!("\"k{i}\": {i}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let o = RawObject::parse(checked(&text)).expect("object");
        for i in 0..n {
            let key: &'static str = Box::leak(format!("k{i}").into_boxed_str());
            assert!(
                matches!(o.get(key), Slot::Value(v) if v.get() == i.to_string()),
                "{n} {i}"
            );
        }
        assert!(matches!(o.get("absent"), Slot::Missing));
    }
}

#[test]
fn wrong_shapes_are_errors_not_panics() {
    let err = RawObject::parse(checked("[1]")).expect_err("not an object");
    assert!(err.contains("starts with `[`"), "{err}");
    assert!(objects(Raw::from(checked(r#"[{"a":1}, 2]"#))).is_err());
    assert!(objects(Raw::from(checked(r#"{"a":1}"#))).is_err());
    assert!(items(Raw::from(checked("\"x\""))).is_none());
    assert_eq!(
        text_list(Raw::from(checked(r#"["a", "b"]"#))),
        Ok(vec!["a".to_owned(), "b".to_owned()])
    );
    assert!(text_list(Raw::from(checked(r#"["a", {}]"#))).is_err());
    assert_eq!(
        scalar(Raw::from(checked("-1.5e3"))),
        Ok(Scalar::Num("-1.5e3"))
    );
}

/// What serde_json reads for `key` in `object`, as JSON text (`-`: no such key).
fn expected(object: &serde_json::Map<String, serde_json::Value>, key: &str) -> String {
    object.get(key).map_or("-".into(), |v| v.to_string())
}

/// A slot as JSON text re-serialised by serde_json (`-`: missing).
fn reread(slot: Slot<'_>) -> String {
    match slot {
        Slot::Value(v) => serde_json::from_str::<serde_json::Value>(v.get())
            .map_or_else(|e| format!("unreadable: {e}"), |v| v.to_string()),
        Slot::Null => "null".into(),
        Slot::Missing => "-".into(),
    }
}

/// Every lookup of one object agrees with serde_json's reading of the same text: members by
/// name (indexed or not), groups of aliases in one pass, array items and their members.
fn check_object(text: &str) -> Result<(), TestCaseError> {
    let o = RawObject::parse(checked(text)).expect("object");
    let reread_all: serde_json::Value = serde_json::from_str(text).expect("reread");
    let serde_json::Value::Object(map) = &reread_all else {
        unreachable!()
    };
    let keys: std::collections::BTreeSet<&str> = o.members().map(|(k, _)| k).collect();
    prop_assert_eq!(keys.len(), map.len());
    let whole = Raw::from(checked(text));
    for key in map.keys() {
        prop_assert_eq!(reread(o.get(key)), expected(map, key));
        let [direct] = members_any(whole, [&[key]]);
        prop_assert_eq!(reread(direct), expected(map, key));
    }
    // Two aliases in preference order: the first present wins, each read as serde_json does.
    let names: Vec<&str> = map
        .keys()
        .map(String::as_str)
        .chain(["id", "spend"])
        .collect();
    for pair in names.windows(2) {
        let [found] = members_any(whole, [&[pair[0], pair[1]]]);
        let want = if map.contains_key(pair[0]) {
            expected(map, pair[0])
        } else {
            expected(map, pair[1])
        };
        prop_assert_eq!(reread(found), want);
    }
    for (_, raw) in o.members() {
        check_items(raw)?;
    }
    Ok(())
}

/// The items of an array member, and per item the member named like the first item's first
/// key, agree with serde_json.
fn check_items(raw: Raw<'_>) -> Result<(), TestCaseError> {
    let parsed: serde_json::Value = serde_json::from_str(raw.get()).expect("member value");
    let serde_json::Value::Array(list) = &parsed else {
        return Ok(());
    };
    let found: Vec<serde_json::Value> = items(raw)
        .expect("array")
        .map(|r| serde_json::from_str(r.expect("item").get()).expect("item value"))
        .collect();
    prop_assert_eq!(&found, list);
    let Some(serde_json::Value::Object(first)) = list.first() else {
        return Ok(());
    };
    let Some(name) = first.keys().next() else {
        return Ok(());
    };
    let one_pass: Vec<Result<String, String>> = item_members(raw, name)
        .expect("array")
        .map(|s| s.map(reread))
        .collect();
    let by_serde: Vec<Result<String, String>> = list
        .iter()
        .map(|item| match item {
            serde_json::Value::Object(m) => Ok(expected(m, name)),
            _ => Err(String::new()),
        })
        .scan(false, |failed, r| {
            (!*failed).then(|| {
                *failed = r.is_err();
                r
            })
        })
        .collect();
    prop_assert_eq!(one_pass.len(), by_serde.len());
    for (mine, theirs) in one_pass.iter().zip(&by_serde) {
        match (mine, theirs) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "{mine:?} vs {theirs:?}"),
        }
    }
    Ok(())
}

proptest! {
    /// The scan finds what serde_json finds, compact or pretty, in objects that repeat
    /// keys at any level (the last one counts).
    #[test]
    fn scan_agrees_with_serde_json(object in json_gen::object(), pretty in any::<bool>()) {
        check_object(&object.render(pretty))?;
    }
}
