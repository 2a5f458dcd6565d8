//! Rust values to JavaScript values through their serde form (the shared JSON shape).

use crate::errors::{Result, js_error};

/// Converts a serialisable result to a `serde_json::Value`, which napi hands to JavaScript as
/// plain objects, arrays, strings, numbers, booleans and nulls.
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| {
        js_error(&disinfo::Error::Internal {
            message: format!("cannot convert the result: {e}"),
        })
    })
}
