//! The Rust runner of the cross-language golden cases (see `tests/golden/README.md`).
//!
//! [`run_case`] reads a case folder, calls the Rust API through the dispatch table of its tool
//! and returns the canonical JSON of the outcome.

mod ads;
mod bots;
pub mod canonical;
mod core;
mod encyclopedia;
mod terms;

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

/// The outcome of a call, as the dispatch files return it.
pub type Outcome = Result<Value, disinfo::Error>;

/// The arguments of a case, with `{"$text": file}` replaced by the file's text and
/// `{"$bytes": file}` by `{"$bytes_path": "<absolute path>"}`.
pub struct Call<'a> {
    /// Positional arguments.
    pub args: &'a [Value],
    /// Keyword arguments (snake_case).
    pub kwargs: &'a Map<String, Value>,
}

impl Call<'_> {
    /// The positional argument `i` as a string.
    pub fn str_arg(&self, i: usize) -> Result<&str, String> {
        self.args
            .get(i)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("argument {i} must be a string"))
    }

    /// The bytes of the positional argument `i` (a `$bytes` or `$text` argument).
    pub fn bytes_arg(&self, i: usize) -> Result<Vec<u8>, String> {
        match self.args.get(i) {
            Some(Value::String(s)) => Ok(s.clone().into_bytes()),
            Some(Value::Object(o)) => {
                let path = o
                    .get("$bytes_path")
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("argument {i} must be bytes"))?;
                std::fs::read(path).map_err(|e| format!("{path}: {e}"))
            }
            _ => Err(format!("argument {i} must be bytes")),
        }
    }

    /// The keyword argument `name`, if given.
    pub fn kwarg(&self, name: &str) -> Option<&Value> {
        self.kwargs.get(name)
    }
}

/// Where the case folders are.
pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../cases")
}

fn resolve(value: &Value, dir: &Path) -> Result<Value, String> {
    match value {
        Value::Object(o) if o.len() == 1 && o.contains_key("$text") => {
            let file = o["$text"].as_str().ok_or("$text takes a file name")?;
            std::fs::read_to_string(dir.join(file))
                .map(Value::String)
                .map_err(|e| format!("{file}: {e}"))
        }
        Value::Object(o) if o.len() == 1 && o.contains_key("$bytes") => {
            let file = o["$bytes"].as_str().ok_or("$bytes takes a file name")?;
            let path = dir.join(file);
            Ok(json!({"$bytes_path": path.to_string_lossy()}))
        }
        Value::Array(items) => items.iter().map(|v| resolve(v, dir)).collect(),
        Value::Object(o) => o
            .iter()
            .map(|(k, v)| Ok((k.clone(), resolve(v, dir)?)))
            .collect::<Result<Map<_, _>, String>>()
            .map(Value::Object),
        other => Ok(other.clone()),
    }
}

/// Runs one case folder and returns the canonical JSON of its outcome.
pub fn run_case(dir: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(dir.join("case.json")).map_err(|e| e.to_string())?;
    let case: Value = serde_json::from_str(&text).map_err(|e| format!("case.json: {e}"))?;
    let name = case["call"]
        .as_str()
        .ok_or("case.json: `call` is missing")?;
    let args = resolve(&case["args"], dir)?;
    let args = args.as_array().cloned().unwrap_or_default();
    let kwargs = resolve(&case["kwargs"], dir)?;
    let kwargs = kwargs.as_object().cloned().unwrap_or_default();
    let call = Call {
        args: &args,
        kwargs: &kwargs,
    };
    let (tool, function) = name.split_once('.').ok_or("`call` must be tool.function")?;
    let outcome = match tool {
        "core" => core::call(function, &call),
        "terms" => terms::call(function, &call),
        "bots" => bots::call(function, &call),
        "ads" => ads::call(function, &call),
        "encyclopedia" => encyclopedia::call(function, &call),
        _ => None,
    }
    .ok_or_else(|| format!("no Rust dispatch for `{name}`"))??;
    let wrapped = match outcome {
        Ok(result) => json!({ "ok": result }),
        Err(err) => json!({"error": {"code": err.code(), "tool": err.tool()}}),
    };
    canonical::to_canonical(&wrapped)
}

/// Serialises a result of the Rust API to a JSON value.
pub fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, String> {
    serde_json::to_value(value).map_err(|e| e.to_string())
}
