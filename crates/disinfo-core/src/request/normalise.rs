//! The schema walk of [`decode`](super::decode): camelCase keys renamed, unknown keys refused.

use serde_json::{Map, Value};

use crate::InvalidArgument;
use crate::suggest::{camel_case, did_you_mean, snake_case};

/// Keys renamed by [`normalise`]: the normalised path of each renamed value and the path as the
/// caller wrote it (`params.min_samples` ← `params.minSamples`), to name options in errors.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Renames(Vec<(String, String)>);

impl Renames {
    /// The caller's spelling of a normalised path (unchanged where nothing was renamed).
    pub fn caller_path(&self, normalised: &str) -> String {
        let best = self
            .0
            .iter()
            .filter(|(n, _)| {
                normalised == n
                    || normalised.starts_with(n.as_str())
                        && matches!(normalised.as_bytes().get(n.len()), Some(b'.' | b'['))
            })
            .max_by_key(|(n, _)| n.len());
        match best {
            Some((n, caller)) => format!("{caller}{}", &normalised[n.len()..]),
            None => normalised.to_owned(),
        }
    }
}

/// What the walk refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A key that is no property of a closed object.
    UnknownKey {
        /// Path of the object holding the key, as the caller wrote it.
        path: String,
        /// The key as written.
        key: String,
        /// The closest property, in the caller's spelling style.
        suggestion: Option<String>,
        /// Every property, in the caller's spelling style.
        accepted: Vec<String>,
    },
    /// Values nested deeper than [`MAX_DEPTH`] where the schema is walked.
    TooDeep {
        /// Path of the value at the limit, as the caller wrote it.
        path: String,
    },
}

impl Problem {
    /// The error naming the key as the caller spelt it, under the argument `name`.
    pub fn into_error(self, name: &str, is_options: bool) -> InvalidArgument {
        let qualify = |path: String| {
            if is_options && !path.is_empty() {
                path
            } else {
                join(name, &path)
            }
        };
        match self {
            Problem::UnknownKey {
                path,
                key,
                suggestion,
                accepted,
            } => {
                let mut message = String::from("unknown option");
                if let Some(s) = &suggestion {
                    message.push_str(&format!("; did you mean `{s}`?"));
                } else if !accepted.is_empty() {
                    let list: Vec<String> = accepted.iter().map(|a| format!("`{a}`")).collect();
                    message.push_str(&format!("; accepted: {}", list.join(", ")));
                }
                InvalidArgument::new(qualify(join(&path, &key)), message)
            }
            Problem::TooDeep { path } => InvalidArgument::new(
                qualify(path),
                format!("values are nested deeper than {MAX_DEPTH} levels"),
            ),
        }
    }
}

/// How deep the walk goes into values whose schema it follows (no option of the toolkit nests
/// nearly this deep; a hostile value must not exhaust the stack).
pub const MAX_DEPTH: usize = 128;

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else if key.starts_with('[') {
        format!("{prefix}{key}")
    } else {
        format!("{prefix}.{key}")
    }
}

/// Walks `value` with the JSON Schema `root` (as schemars writes it, `$defs` at the root):
/// renames camelCase keys to the snake_case properties they stand for and refuses keys that are
/// no property of a closed object. Returns what was renamed.
///
/// An object schema is closed when it lists `properties` and has no `additionalProperties`
/// (`true` leaves it open: other keys pass unchecked, for types that check their own keys); a map (`additionalProperties` only) keeps its keys; a schema without either, or
/// `true`, accepts anything and is not entered.
pub fn normalise(root: &Value, value: &mut Value) -> Result<Renames, Problem> {
    let mut walk = Walk {
        root,
        defs: root.get("$defs").and_then(Value::as_object),
        renames: Renames::default(),
    };
    walk.value(root, value, &mut Path::default())?;
    Ok(walk.renames)
}

/// The current position, in both spellings, and its depth.
#[derive(Default, Clone)]
struct Path {
    normalised: String,
    caller: String,
    depth: usize,
}

impl Path {
    fn child(&self, normalised: &str, caller: &str) -> Path {
        Path {
            normalised: join(&self.normalised, normalised),
            caller: join(&self.caller, caller),
            depth: self.depth + 1,
        }
    }
}

struct Walk<'s> {
    root: &'s Value,
    defs: Option<&'s Map<String, Value>>,
    renames: Renames,
}

/// Nesting of `$ref` chains followed before giving up (schemars never nests more than one).
const MAX_REF_CHAIN: usize = 16;

impl<'s> Walk<'s> {
    fn resolve(&self, mut schema: &'s Value) -> &'s Value {
        for _ in 0..MAX_REF_CHAIN {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
                break;
            };
            if reference == "#" {
                schema = self.root;
                continue;
            }
            let name = reference.rsplit('/').next().unwrap_or(reference);
            match self.defs.and_then(|d| d.get(name)) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    fn value(
        &mut self,
        schema: &'s Value,
        value: &mut Value,
        path: &mut Path,
    ) -> Result<(), Problem> {
        let schema = self.resolve(schema);
        let Some(obj) = schema.as_object() else {
            return Ok(()); // `true`: anything goes
        };
        if path.depth > MAX_DEPTH {
            return Err(Problem::TooDeep {
                path: path.caller.clone(),
            });
        }
        if let Some(branches) = obj
            .get("anyOf")
            .or_else(|| obj.get("oneOf"))
            .and_then(Value::as_array)
        {
            return self.branches(branches, value, path);
        }
        match value {
            Value::Object(map) => self.object(obj, map, path),
            Value::Array(items) => {
                if let Some(item_schema) = obj.get("items") {
                    for (i, item) in items.iter_mut().enumerate() {
                        let index = format!("[{i}]");
                        let mut child = path.child(&index, &index);
                        self.value(item_schema, item, &mut child)?;
                    }
                } else if let Some(prefix) = obj.get("prefixItems").and_then(Value::as_array) {
                    for (i, (item, item_schema)) in items.iter_mut().zip(prefix).enumerate() {
                        let index = format!("[{i}]");
                        let mut child = path.child(&index, &index);
                        self.value(item_schema, item, &mut child)?;
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The properties of an object schema, including those of its `allOf` parts.
    fn properties(&self, obj: &'s Map<String, Value>) -> Vec<(&'s str, &'s Value)> {
        let mut out: Vec<(&str, &Value)> = obj
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default();
        for part in obj
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(part) = self.resolve(part).as_object() {
                out.extend(self.properties(part));
            }
        }
        out
    }

    fn object(
        &mut self,
        obj: &'s Map<String, Value>,
        map: &mut Map<String, Value>,
        path: &mut Path,
    ) -> Result<(), Problem> {
        let properties = self.properties(obj);
        let additional = obj.get("additionalProperties").filter(|a| a.is_object());
        // `additionalProperties: true`: other keys are allowed and checked by the type itself.
        let open = obj.get("additionalProperties") == Some(&Value::Bool(true));
        if properties.is_empty() {
            // A map (`additionalProperties`) or a free-form object: keys stay as written.
            if let Some(values) = additional {
                for (key, v) in map.iter_mut() {
                    let mut child = path.child(key, key);
                    self.value(values, v, &mut child)?;
                }
            }
            return Ok(());
        }
        let find = |name: &str| properties.iter().find(|(p, _)| *p == name).map(|(_, s)| *s);
        let keys: Vec<String> = map.keys().cloned().collect();
        for key in keys {
            let (target, property) = match find(&key) {
                Some(s) => (key.clone(), Some(s)),
                None => {
                    let snake = snake_case(&key);
                    match find(&snake) {
                        Some(s) if snake != key && !map.contains_key(&snake) => (snake, Some(s)),
                        _ => (key.clone(), None),
                    }
                }
            };
            let schema = match (property, additional) {
                (Some(s), _) => s,
                (None, Some(values)) => values,
                (None, None) if open => continue,
                (None, None) => {
                    return Err(self.unknown(&properties, &key, path));
                }
            };
            if target != key {
                if let Some(v) = map.remove(&key) {
                    map.insert(target.clone(), v);
                }
                let child = path.child(&target, &key);
                self.renames
                    .0
                    .push((child.normalised.clone(), child.caller.clone()));
            }
            let mut child = path.child(&target, &key);
            if let Some(v) = map.get_mut(&target) {
                self.value(schema, v, &mut child)?;
            }
        }
        Ok(())
    }

    fn unknown(&self, properties: &[(&str, &Value)], key: &str, path: &Path) -> Problem {
        // Suggest in the caller's style: camelCase callers get camelCase names.
        let camel = key.chars().any(|c| c.is_ascii_uppercase());
        let accepted: Vec<String> = properties
            .iter()
            .map(|(p, _)| {
                if camel {
                    camel_case(p)
                } else {
                    (*p).to_owned()
                }
            })
            .collect();
        let suggestion = did_you_mean(key, accepted.iter().map(String::as_str)).or_else(|| {
            // `min_edge_weight` written as `minedgeweight` or `min-edge-weight`.
            let flat = |s: &str| s.replace(['_', '-'], "").to_lowercase();
            accepted.iter().find(|a| flat(a) == flat(key)).cloned()
        });
        Problem::UnknownKey {
            path: path.caller.clone(),
            key: key.to_owned(),
            suggestion,
            accepted,
        }
    }

    /// `anyOf`/`oneOf`: the branches whose type fits the value; among several, the one whose
    /// constant discriminators match, else the first that walks without a problem.
    fn branches(
        &mut self,
        branches: &'s [Value],
        value: &mut Value,
        path: &mut Path,
    ) -> Result<(), Problem> {
        let fitting: Vec<&'s Value> = branches
            .iter()
            .map(|b| self.resolve(b))
            .filter(|b| self.fits(b, value))
            .collect();
        let preferred: Vec<&'s Value> = fitting
            .iter()
            .copied()
            .filter(|b| self.discriminators_match(b, value))
            .collect();
        let candidates = if preferred.is_empty() {
            fitting
        } else {
            preferred
        };
        if let [only] = candidates.as_slice() {
            return self.value(only, value, path);
        }
        let mut first_problem = None;
        for branch in candidates {
            let mut attempt = value.clone();
            let saved = self.renames.0.len();
            match self.value(branch, &mut attempt, path) {
                Ok(()) => {
                    *value = attempt;
                    return Ok(());
                }
                Err(p) => {
                    self.renames.0.truncate(saved);
                    first_problem.get_or_insert(p);
                }
            }
        }
        // No branch fits: serde reports the type error.
        first_problem.map_or(Ok(()), Err)
    }

    fn discriminators_match(&self, branch: &Value, value: &Value) -> bool {
        let (Some(props), Some(map)) = (
            branch.get("properties").and_then(Value::as_object),
            value.as_object(),
        ) else {
            return false;
        };
        let mut any = false;
        for (name, schema) in props {
            if let Some(constant) = self.resolve(schema).get("const") {
                any = true;
                let given = map.get(name).or_else(|| map.get(&camel_case(name)));
                if given != Some(constant) {
                    return false;
                }
            }
        }
        any
    }

    /// Whether a value could be an instance of a schema, judging by JSON type only.
    fn fits(&self, schema: &Value, value: &Value) -> bool {
        let Some(obj) = schema.as_object() else {
            return true;
        };
        if let Some(constant) = obj.get("const") {
            return constant == value;
        }
        if let Some(options) = obj.get("enum").and_then(Value::as_array) {
            return options.contains(value);
        }
        if let Some(branches) = obj
            .get("anyOf")
            .or_else(|| obj.get("oneOf"))
            .and_then(Value::as_array)
        {
            return branches.iter().any(|b| self.fits(self.resolve(b), value));
        }
        let kind = json_type(value);
        match obj.get("type") {
            Some(Value::String(t)) => type_matches(t, kind),
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(Value::as_str)
                .any(|t| type_matches(t, kind)),
            _ => {
                if obj.contains_key("properties") || obj.contains_key("additionalProperties") {
                    kind == "object"
                } else if obj.contains_key("items") {
                    kind == "array"
                } else {
                    true
                }
            }
        }
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_matches(schema_type: &str, value_type: &str) -> bool {
    schema_type == value_type || (schema_type == "number" && value_type == "integer")
}
