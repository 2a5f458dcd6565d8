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
    /// A value of the wrong JSON type, or not among an enumeration's values.
    Mismatch {
        /// Path of the value, as the caller wrote it.
        path: String,
        /// What is wrong and what is accepted.
        message: String,
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
            Problem::Mismatch { path, message } => InvalidArgument::new(qualify(path), message),
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
    if key.is_empty() {
        prefix.to_owned()
    } else if prefix.is_empty() {
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
        if let Some(message) = mismatch(obj, value) {
            return Err(Problem::Mismatch {
                path: path.caller.clone(),
                message,
            });
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
                        Some(_) if snake != key && map.contains_key(&snake) => {
                            return Err(Problem::Mismatch {
                                path: join(&path.caller, &key),
                                message: format!(
                                    "is the option `{snake}`, given too: give it once"
                                ),
                            });
                        }
                        Some(s) if snake != key => (snake, Some(s)),
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
            // `None` in Python, `null` in JSON: an option given as nothing is not given (it
            // takes its default), unless the option itself can be null.
            if property.is_some()
                && map.get(&key).is_some_and(Value::is_null)
                && !self.nullable(schema)
            {
                map.remove(&key);
                continue;
            }
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
        // No option name is nearly this long: a longer key is no typo of one (and a hostile
        // 50 MB key costs no more than reading it).
        let suggestion = (key.len() <= 256)
            .then(|| {
                did_you_mean(key, accepted.iter().map(String::as_str)).or_else(|| {
                    // `min_edge_weight` written as `minedgeweight` or `min-edge-weight`.
                    let flat = |s: &str| s.replace(['_', '-'], "").to_lowercase();
                    let key = flat(key);
                    accepted.iter().find(|a| flat(a) == key).cloned()
                })
            })
            .flatten();
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
        if fitting.is_empty() {
            // A documented enumeration: one constant per branch.
            let constants: Option<Vec<Value>> = branches
                .iter()
                .map(|b| self.resolve(b).get("const").cloned())
                .collect();
            if let Some(options) = constants {
                let mut as_enum = Map::new();
                as_enum.insert("enum".into(), Value::Array(options));
                if let Some(message) = mismatch(&as_enum, value) {
                    return Err(Problem::Mismatch {
                        path: path.caller.clone(),
                        message,
                    });
                }
            }
            let expected: Vec<String> =
                branches.iter().map(|b| expected(self.resolve(b))).collect();
            return Err(Problem::Mismatch {
                path: path.caller.clone(),
                message: format!("must be {}, found {}", or_list(&expected), found(value)),
            });
        }
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

    /// Whether a schema accepts `null`.
    fn nullable(&self, schema: &Value) -> bool {
        self.fits(self.resolve(schema), &Value::Null)
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

/// What is wrong with a value that does not fit a schema's `type` or `enum`, if anything.
fn mismatch(obj: &Map<String, Value>, value: &Value) -> Option<String> {
    if let Some(options) = obj.get("enum").and_then(Value::as_array) {
        if options.contains(value) {
            return None;
        }
        let names: Vec<&str> = options.iter().filter_map(Value::as_str).collect();
        let Some(v) = value.as_str() else {
            return Some(format!(
                "must be {}, found {}",
                expected_of(obj),
                found(value)
            ));
        };
        let mut m = format!("unknown value `{}`", crate::error::shorten(v));
        if let Some(s) = did_you_mean(v, names.iter().copied()) {
            m.push_str(&format!("; did you mean `{s}`?"));
        }
        let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        m.push_str(&format!("; accepted: {}", list.join(", ")));
        return Some(m);
    }
    if let (Some("date-time"), Some(text)) =
        (obj.get("format").and_then(Value::as_str), value.as_str())
        && chrono::DateTime::parse_from_rfc3339(text).is_err()
    {
        return Some(format!(
            "must be an RFC 3339 date-time such as 2024-05-01T00:00:00Z, found {}",
            found(value)
        ));
    }
    let types = types_of(obj)?;
    let kind = json_type(value);
    let below_minimum = obj
        .get("minimum")
        .and_then(Value::as_f64)
        .zip(value.as_f64())
        .is_some_and(|(min, v)| v < min);
    (!types.iter().any(|t| type_matches(t, kind)) || below_minimum)
        .then(|| format!("must be {}, found {}", expected_of(obj), found(value)))
}

fn types_of(obj: &Map<String, Value>) -> Option<Vec<&str>> {
    match obj.get("type") {
        Some(Value::String(t)) => Some(vec![t.as_str()]),
        Some(Value::Array(ts)) => Some(ts.iter().filter_map(Value::as_str).collect()),
        _ => None,
    }
}

/// A schema's accepted values in words: `a number`, `a non-negative integer or null`.
fn expected(schema: &Value) -> String {
    schema
        .as_object()
        .map_or_else(|| "any value".into(), expected_of)
}

fn expected_of(obj: &Map<String, Value>) -> String {
    let quoted = |v: &Value| {
        format!(
            "`{}`",
            v.as_str().map_or_else(|| v.to_string(), str::to_owned)
        )
    };
    if let Some(options) = obj.get("enum").and_then(Value::as_array) {
        let list: Vec<String> = options.iter().map(quoted).collect();
        return format!("one of {}", list.join(", "));
    }
    if let Some(c) = obj.get("const") {
        return quoted(c);
    }
    let types = match types_of(obj) {
        Some(t) => t,
        None if obj.contains_key("properties") => vec!["object"],
        None => return "a value of the documented form".into(),
    };
    let non_negative = obj.get("minimum").and_then(Value::as_f64) == Some(0.0);
    let path = obj.get("format").and_then(Value::as_str) == Some("path");
    let words: Vec<String> = types
        .iter()
        .map(|t| match *t {
            "string" if path => "a path".into(),
            "string" => "a string".into(),
            "integer" if non_negative => "a non-negative integer".into(),
            "integer" => "an integer".into(),
            "number" => "a number".into(),
            "boolean" => "true or false".into(),
            "array" => "a list".into(),
            "object" => "an object".into(),
            "null" => "null".into(),
            other => other.to_owned(),
        })
        .collect();
    or_list(&words)
}

fn or_list(items: &[String]) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for i in items {
        if !unique.contains(&i.as_str()) {
            unique.push(i);
        }
    }
    match unique.as_slice() {
        [] => "a value of the documented form".into(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A value in words for a message.
fn found(value: &Value) -> String {
    match value {
        Value::String(s) if s.chars().count() <= 40 => format!("\"{s}\""),
        Value::String(_) => "a long string".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
        other => other.to_string(),
    }
}
