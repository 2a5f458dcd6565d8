//! Python bindings of the `terms` functions.

use pyo3::prelude::*;

/// Adds this file's functions to the native module.
pub fn register(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
