//! Decoding a caller's request: the one place where options are interpreted.
//!
//! Python callers write `min_edge_weight`, Node callers `minEdgeWeight`; a misspelt option must be
//! an error that names it, never silently ignored; a wrong type must say which option and what is
//! accepted. [`decode`] does all three for any options type that derives `serde::Deserialize`
//! and `schemars::JsonSchema`:
//!
//! 1. [`normalise`] walks the JSON value together with the type's JSON Schema: a key that is not
//!    a property but whose snake_case form is one is renamed to it; a key that is neither is an
//!    [`InvalidArgument`] with "did you mean" (in the caller's own spelling style). Maps
//!    (`additionalProperties`) keep their keys as written; free-form values are not entered.
//! 2. serde deserialises the normalised value; its error is rewritten to name the option as the
//!    caller spelt it and to say what is accepted in words (`must be a number, found true`).
//!
//! Defaults are the type's own (`#[serde(default)]` and its `Default`): front ends never default.

mod messages;
mod normalise;

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde::de::DeserializeOwned;
use serde_json::Value;

pub use normalise::{Renames, normalise};

use crate::InvalidArgument;

/// One value or a list of them: `"a.json"` or `["a.json", "b.json"]`.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(untagged)]
#[schemars(inline)]
pub enum OneOrMany<T> {
    /// One value.
    One(T),
    /// A list.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values as a list.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(v) => vec![v],
            OneOrMany::Many(v) => v,
        }
    }
}

/// A file system path argument or option. Its schema says `format: path`, so that the
/// generated Python types accept `os.PathLike` values too.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(transparent)]
pub struct FsPath(pub std::path::PathBuf);

impl schemars::JsonSchema for FsPath {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FsPath".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "format": "path"})
    }
}

impl From<FsPath> for std::path::PathBuf {
    fn from(p: FsPath) -> Self {
        p.0
    }
}

impl std::ops::Deref for FsPath {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

/// The name under which an options object is decoded: its problems are named by the option
/// alone (`window`, `params.eps`), not by this name.
pub const OPTIONS: &str = "options";

/// Decodes `value` into `T`, as the argument `name` (use [`OPTIONS`] for an options object).
///
/// For an options object, `null` means "no options" (every default). Errors name the option or
/// argument as the caller spelt it.
///
/// ```
/// use disinfo_core::request::decode;
/// #[derive(serde::Deserialize, schemars::JsonSchema)]
/// struct Args { inputs: Vec<String> }
/// let e = decode::<Args>("options", serde_json::json!({"inputs": 42})).err().unwrap();
/// assert_eq!(e.to_string(), "invalid argument `inputs`: must be a list, found 42");
/// ```
pub fn decode<T>(name: &str, value: Value) -> Result<T, InvalidArgument>
where
    T: DeserializeOwned + schemars::JsonSchema + 'static,
{
    let mut value = value;
    let is_options = name == OPTIONS;
    if is_options {
        if value.is_null() {
            value = Value::Object(serde_json::Map::new());
        } else if !value.is_object() {
            return Err(InvalidArgument::new(
                OPTIONS,
                format!(
                    "options must be an object of named options (such as {{\"format\": \"markdown\"}}), found {}",
                    messages::describe(&value)
                ),
            ));
        }
    }
    let schema = schema_of::<T>();
    let renames = normalise(&schema, &mut value).map_err(|p| p.into_error(name, is_options))?;
    serde_path_to_error::deserialize::<_, T>(value)
        .map_err(|e| messages::from_serde(&e, name, is_options, &renames))
}

/// The JSON Schema of `T` (computed once per type).
pub fn schema_of<T: schemars::JsonSchema + 'static>() -> Arc<Value> {
    static CACHE: OnceLock<Mutex<HashMap<TypeId, Arc<Value>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let id = TypeId::of::<T>();
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&id).cloned()) {
        return found;
    }
    let schema = Arc::new(
        schemars::SchemaGenerator::default()
            .into_root_schema_for::<T>()
            .to_value(),
    );
    if let Ok(mut c) = cache.lock() {
        c.insert(id, Arc::clone(&schema));
    }
    schema
}

#[cfg(test)]
mod tests;
