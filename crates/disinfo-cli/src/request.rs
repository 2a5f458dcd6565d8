//! The options a user gave on the command line, as the core's request.
//!
//! Each command names the options the user gave as the core names them (`granularity`,
//! `detect_moves`, `min_edge_weight`, ...) and decodes them with
//! `disinfo::api::request::decode::<TheOptionsType>(OPTIONS, given.into_request())`. An option the
//! user did not give is absent: its default, its validation and the message for a misspelt
//! value are the core's, the same as in Python and Node.

use std::path::Path;

use serde_json::{Map, Value};

/// The options a user gave, by the core's names.
#[derive(Debug, Default)]
pub struct Given {
    options: Map<String, Value>,
}

impl Given {
    /// No options yet.
    pub fn new() -> Given {
        Given::default()
    }

    /// `name` when the user gave a value for it.
    pub fn opt<T: Into<Value>>(mut self, name: &str, value: Option<T>) -> Given {
        if let Some(v) = value {
            self.options.insert(name.to_owned(), v.into());
        }
        self
    }

    /// `name` set to `value` when a flag is on (`--no-moves` is `detect_moves: false`).
    pub fn flag<T: Into<Value>>(self, name: &str, on: bool, value: T) -> Given {
        self.opt(name, on.then_some(value))
    }

    /// `name` as a list when the user gave at least one value (a repeatable flag).
    pub fn list(self, name: &str, values: &[String]) -> Given {
        self.opt(name, (!values.is_empty()).then(|| values.to_vec()))
    }

    /// `name` as a path when the user gave one.
    pub fn path(self, name: &str, value: Option<&Path>) -> Given {
        self.opt(name, value.map(path_value))
    }

    /// `name` set by the command itself: what a positional argument or the sub-command means
    /// (`old_name` for `terms diff`, `communities` for `bots cluster`).
    pub fn set<T: Into<Value>>(mut self, name: &str, value: T) -> Given {
        self.options.insert(name.to_owned(), value.into());
        self
    }

    /// The options of an options object already decoded (an `--options` file), so that the
    /// flags given after it override them.
    pub fn from_options<T: serde::Serialize>(options: &T) -> Result<Given, String> {
        match serde_json::to_value(options) {
            Ok(Value::Object(options)) => Ok(Given { options }),
            Ok(other) => Err(format!("not an options object: {other}")),
            Err(e) => Err(e.to_string()),
        }
    }

    /// The options object to decode.
    pub fn into_request(self) -> Value {
        Value::Object(self.options)
    }
}

/// A path as a request value (paths that are not UTF-8 are converted lossily).
pub fn path_value(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
