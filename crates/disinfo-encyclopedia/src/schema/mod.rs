//! The entry schema: the JSON Schema 2020-12 document shipped with the crate, a corpus's own
//! extension merged into it, and the compiled validator.
//!
//! - [`formats`]: `date`, `bcp47` and `iso3166-1-alpha-2` checks and rewrite suggestions.
//! - `map`: validation errors → diagnostics at the offending key or value.
//!
//! The shipped document closes the root with `unevaluatedProperties: false`. The validator is
//! compiled without that keyword and the crate checks unknown root keys itself, against the
//! keys the entry's kind allows: a failing `then` branch would otherwise make *every* key of
//! that kind "unevaluated" and bury the real cause under a cascade of unknown-key errors.

pub mod formats;
pub(crate) mod map;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::{Error, Result};

/// The shipped entry schema (JSON Schema 2020-12), as text.
pub const ENTRY_SCHEMA: &str = include_str!("../../schema/entry.schema.json");

/// A compiled entry schema.
pub struct Schema {
    document: Value,
    validator: jsonschema::Validator,
    /// For each kind of the `kind` enum: the root keys an entry of that kind may have.
    allowed_by_kind: BTreeMap<String, BTreeSet<String>>,
    /// The root keys of every kind together (for entries of an unknown kind).
    allowed_any: BTreeSet<String>,
    all_keys: BTreeSet<String>,
    closed: bool,
}

impl std::fmt::Debug for Schema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schema")
            .field("allowed_any", &self.allowed_any)
            .finish_non_exhaustive()
    }
}

fn collect_property_names(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                out.extend(props.keys().cloned());
            }
            for v in map.values() {
                collect_property_names(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_property_names(v, out)),
        _ => {}
    }
}

fn keys_of(schema: &Value) -> BTreeSet<String> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

impl Schema {
    /// The shipped schema, compiled.
    ///
    /// ```
    /// let schema = disinfo_encyclopedia::Schema::builtin().expect("the shipped schema compiles");
    /// assert!(schema.document()["properties"]["kind"]["enum"].is_array());
    /// ```
    pub fn builtin() -> Result<Schema> {
        let document: Value =
            serde_json::from_str(ENTRY_SCHEMA).map_err(|e| Error::SchemaInvalid {
                origin: "built-in".into(),
                message: e.to_string(),
            })?;
        Schema::compile(document, "built-in")
    }

    /// The shipped schema extended by a corpus's own schema (a JSON Schema object): its
    /// `properties` are added to the entry's root (a property the shipped schema already has
    /// must satisfy both), its `required` is appended, its `$defs` join the shipped ones, and any
    /// other keyword (`allOf`, `if`/`then`, ...) applies to the whole entry.
    ///
    /// `origin` names the extension in error messages (usually its path).
    pub fn with_extension(extension: &Value, origin: &str) -> Result<Schema> {
        let bad = |message: String| Error::SchemaInvalid {
            origin: origin.to_owned(),
            message,
        };
        let mut document: Value =
            serde_json::from_str(ENTRY_SCHEMA).map_err(|e| bad(e.to_string()))?;
        let ext = extension
            .as_object()
            .ok_or_else(|| bad("the extension must be a JSON object".into()))?;
        let root = document
            .as_object_mut()
            .ok_or_else(|| bad("the shipped schema is not an object".into()))?;
        let mut extra = Map::new();
        for (key, value) in ext {
            match key.as_str() {
                "$schema" | "$id" | "title" | "description" | "$comment" => {}
                "properties" => {
                    let props = value
                        .as_object()
                        .ok_or_else(|| bad("`/properties` must be an object".into()))?;
                    let base = root
                        .entry("properties")
                        .or_insert_with(|| Value::Object(Map::new()))
                        .as_object_mut()
                        .ok_or_else(|| bad("shipped `properties` is not an object".into()))?;
                    for (name, sub) in props {
                        let merged = match base.remove(name) {
                            Some(old) => serde_json::json!({ "allOf": [old, sub] }),
                            None => sub.clone(),
                        };
                        base.insert(name.clone(), merged);
                    }
                }
                "required" => {
                    let names = value
                        .as_array()
                        .ok_or_else(|| bad("`/required` must be an array".into()))?;
                    if let Some(Value::Array(req)) = root.get_mut("required") {
                        for n in names {
                            if !req.contains(n) {
                                req.push(n.clone());
                            }
                        }
                    }
                }
                "$defs" => {
                    let defs = value
                        .as_object()
                        .ok_or_else(|| bad("`/$defs` must be an object".into()))?;
                    if let Some(Value::Object(base)) = root.get_mut("$defs") {
                        for (name, sub) in defs {
                            if base.contains_key(name) {
                                return Err(bad(format!(
                                    "`/$defs/{name}` is already defined by the shipped schema; rename it"
                                )));
                            }
                            base.insert(name.clone(), sub.clone());
                        }
                    }
                }
                _ => {
                    extra.insert(key.clone(), value.clone());
                }
            }
        }
        if !extra.is_empty()
            && let Some(Value::Array(all)) = root.get_mut("allOf")
        {
            all.push(Value::Object(extra));
        }
        Schema::compile(document, origin)
    }

    fn compile(document: Value, origin: &str) -> Result<Schema> {
        let closed = document.get("unevaluatedProperties") == Some(&Value::Bool(false));
        let mut compiled = document.clone();
        if let Some(obj) = compiled.as_object_mut() {
            obj.remove("unevaluatedProperties");
        }
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .with_format("date", formats::is_date)
            .with_format("bcp47", formats::is_bcp47)
            .with_format("iso3166-1-alpha-2", formats::is_country)
            .build(&compiled)
            .map_err(|e| Error::SchemaInvalid {
                origin: origin.to_owned(),
                message: format!("{e} (at `{}`)", e.instance_path()),
            })?;
        let root_keys = keys_of(&document);
        let mut kind_keys: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for branch in document
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let kind = branch
                .pointer("/if/properties/kind/const")
                .and_then(Value::as_str);
            if let (Some(kind), Some(then)) = (kind, branch.get("then")) {
                kind_keys
                    .entry(kind.to_owned())
                    .or_default()
                    .extend(keys_of(then));
            }
        }
        let mut all_keys = BTreeSet::new();
        collect_property_names(&document, &mut all_keys);
        let mut allowed_any = root_keys.clone();
        allowed_any.extend(kind_keys.values().flatten().cloned());
        let allowed_by_kind = document
            .pointer("/properties/kind/enum")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|kind| {
                let mut keys = root_keys.clone();
                keys.extend(kind_keys.get(kind).into_iter().flatten().cloned());
                (kind.to_owned(), keys)
            })
            .collect();
        Ok(Schema {
            document,
            validator,
            allowed_by_kind,
            allowed_any,
            all_keys,
            closed,
        })
    }

    /// The (merged) schema document, as the peers (ajv, check-jsonschema) would read it.
    pub fn document(&self) -> &Value {
        &self.document
    }

    /// The root keys an entry of `kind` may have; every key of every kind when the kind is
    /// unknown. `None` when the root is open (no `unevaluatedProperties: false`).
    pub fn allowed_keys(&self, kind: Option<&str>) -> Option<&BTreeSet<String>> {
        if !self.closed {
            return None;
        }
        Some(
            kind.and_then(|k| self.allowed_by_kind.get(k))
                .unwrap_or(&self.allowed_any),
        )
    }

    /// Every property name the schema defines anywhere (candidates for "did you mean").
    pub fn property_names(&self) -> impl Iterator<Item = &str> {
        self.all_keys.iter().map(String::as_str)
    }

    /// The kinds the schema's `kind` enum allows.
    pub fn kind_names(&self) -> impl Iterator<Item = &str> {
        self.document
            .pointer("/properties/kind/enum")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
    }

    pub(crate) fn validator(&self) -> &jsonschema::Validator {
        &self.validator
    }

    /// Whether `instance` satisfies the compiled validator alone (no unknown-key check, no
    /// diagnostics). Exists for the bench's floor (`examples/bench_floor.rs`), which must time
    /// exactly the validator a check uses.
    #[doc(hidden)]
    pub fn validator_accepts(&self, instance: &Value) -> bool {
        self.validator.is_valid(instance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_schema_compiles_and_knows_tool_keys() {
        let s = Schema::builtin().expect("compiles");
        let tool = s.allowed_keys(Some("tool")).expect("closed");
        assert!(tool.contains("maintainers"));
        let actor = s.allowed_keys(Some("actor")).expect("closed");
        assert!(!actor.contains("maintainers"));
        assert!(actor.contains("countries"));
    }

    #[test]
    fn extension_adds_root_properties() {
        let ext = serde_json::json!({"properties": {"license": {"type": "string"}}, "required": ["license"]});
        let s = Schema::with_extension(&ext, "ext.json").expect("compiles");
        assert!(
            s.allowed_keys(Some("practice"))
                .expect("closed")
                .contains("license")
        );
        assert!(
            s.document()["required"]
                .as_array()
                .expect("array")
                .contains(&Value::from("license"))
        );
    }

    #[test]
    fn extension_may_reference_shipped_defs_offline() {
        let ext = serde_json::json!({"properties": {"supersedes": {"$ref": "#/$defs/id"}}});
        let s = Schema::with_extension(&ext, "ext.json").expect("compiles");
        assert!(!s.validator().is_valid(&serde_json::json!({
            "id": "a-b", "kind": "practice", "lang": "en", "title": "AB", "created": "2024-01-01",
            "summary": "A summary long enough for the schema.", "supersedes": "Not An Id"
        })));
    }

    #[test]
    fn extension_with_remote_ref_is_schema_invalid() {
        let ext = serde_json::json!({"properties": {"x": {"$ref": "https://example.com/s.json"}}});
        let err = Schema::with_extension(&ext, "ext.json").expect_err("remote refs are off");
        assert_eq!(err.code(), "schema_invalid");
    }
}
