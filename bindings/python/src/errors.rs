//! Mapping [`disinfo::Error`] to the exception classes of `disinfo.errors`.
//!
//! The classes are defined in Python (so that they are plain, documented, picklable classes);
//! this module only picks the class and fills `.code`, `.tool` and the message.

use pyo3::prelude::*;

/// Runs a core call with the GIL released, catching panics, and maps its error to the
/// matching `disinfo.errors` exception.
pub fn run<T: Send>(py: Python<'_>, f: impl FnOnce() -> disinfo::Result<T> + Send) -> PyResult<T> {
    py.detach(|| disinfo::catch_panic(f))
        .map_err(|e| to_py_err(py, &e))
}

/// Runs a core call on this thread with the GIL held (for calls whose hooks call back into
/// Python), catching panics.
pub fn run_here<T>(py: Python<'_>, f: impl FnOnce() -> disinfo::Result<T>) -> PyResult<T> {
    disinfo::catch_panic(f).map_err(|e| to_py_err(py, &e))
}

/// Builds the Python exception for a toolkit error.
pub fn to_py_err(py: Python<'_>, err: &disinfo::Error) -> PyErr {
    match exception(py, err) {
        Ok(e) => e,
        Err(import_failure) => import_failure,
    }
}

fn class_name(err: &disinfo::Error) -> String {
    let tool = match err.tool() {
        Some("terms") => "Terms",
        Some("bots") => "Bots",
        Some("ads") => "Ads",
        Some("encyclopedia") => "Encyclopedia",
        Some("chat") => "Chat",
        _ if err.is_invalid_argument() => return "DisinfoValueError".to_owned(),
        _ => return "InternalError".to_owned(),
    };
    let suffix = if err.is_invalid_argument() {
        "ValueError"
    } else {
        "Error"
    };
    format!("{tool}{suffix}")
}

fn exception(py: Python<'_>, err: &disinfo::Error) -> PyResult<PyErr> {
    let module = py.import("disinfo.errors")?;
    let class = module.getattr(class_name(err).as_str())?;
    let instance = class.call1((err.to_string(), err.code(), err.tool()))?;
    Ok(PyErr::from_value(instance))
}
