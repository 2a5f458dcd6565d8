//! Rust values to Python objects through their serde form, so that Python sees exactly the
//! JSON shape that the Rust API, the Node package and the CLI share.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// Converts any serialisable result to plain Python objects (dict, list, str, int, float, None).
pub fn to_python<T: serde::Serialize + ?Sized>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    pythonize::pythonize(py, value)
        .map(Bound::unbind)
        .map_err(|e| PyRuntimeError::new_err(format!("cannot convert the result: {e}")))
}
