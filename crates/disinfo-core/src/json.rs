//! The JSON-shaped values of results: below [`crate::operation`] and [`crate::columns`], which
//! both carry them.

/// A JSON-shaped result that each host serialises its own way (pythonize, napi, serde_json).
pub type Json = Box<dyn erased_serde::Serialize + Send>;
