//! Python bindings of the `ads` functions: type conversion and error mapping only.

use std::path::PathBuf;

use disinfo::ads::search::SearchOptions;
use disinfo::ads::{AuditOptions, AuditReport};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::to_python;
use crate::errors::{run, to_py_err};

fn bad(name: &str, message: String) -> disinfo::Error {
    disinfo::Error::from(disinfo::ads::Error::InvalidArgument {
        name: name.to_owned(),
        message,
    })
}

fn from_dict<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    name: &str,
    value: Option<&Bound<'_, PyDict>>,
) -> PyResult<T> {
    let empty = PyDict::new(py);
    let dict = value.unwrap_or(&empty);
    pythonize::depythonize::<T>(dict.as_any()).map_err(|e| to_py_err(py, &bad(name, e.to_string())))
}

fn paths(dirs: &[PathBuf]) -> Vec<&std::path::Path> {
    dirs.iter().map(PathBuf::as_path).collect()
}

/// Audits collection folders (oldest first); `options` is a dict of `AuditOptions`.
#[pyfunction]
#[pyo3(signature = (dirs, options = None))]
fn ads_audit(
    py: Python<'_>,
    dirs: Vec<PathBuf>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: AuditOptions = from_dict(py, "options", options)?;
    let report = run(py, || {
        Ok(disinfo::ads::audit_dirs(
            &paths(&dirs),
            None,
            &options,
            None,
        )?)
    })?;
    to_python(py, &report)
}

/// Renders a report dict as `json`, `markdown` or `csv` (with `table`).
#[pyfunction]
#[pyo3(signature = (report, format = "markdown", table = None))]
fn ads_render(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    format: &str,
    table: Option<String>,
) -> PyResult<String> {
    let report: AuditReport =
        pythonize::depythonize(report).map_err(|e| to_py_err(py, &bad("report", e.to_string())))?;
    let format = format.to_owned();
    run(py, || {
        Ok(disinfo::ads::report::render(
            &report,
            &format,
            table.as_deref(),
        )?)
    })
}

/// Searches collection folders for a keyword or regex; `options` is a dict of `SearchOptions`.
#[pyfunction]
#[pyo3(signature = (pattern, dirs, options = None))]
fn ads_search(
    py: Python<'_>,
    pattern: String,
    dirs: Vec<PathBuf>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: SearchOptions = from_dict(py, "options", options)?;
    let result = run(py, || {
        Ok(disinfo::ads::search::search_dirs(
            &paths(&dirs),
            &pattern,
            &options,
        )?)
    })?;
    to_python(py, &result)
}

/// Writes a seeded synthetic scenario (`fr2019` or `bench`) under `out_dir`; returns the
/// collection folders.
#[pyfunction]
#[pyo3(signature = (scenario, out_dir, seed = 2019, days = None, ads = None))]
fn ads_generate(
    py: Python<'_>,
    scenario: String,
    out_dir: PathBuf,
    seed: u64,
    days: Option<u32>,
    ads: Option<u64>,
) -> PyResult<Vec<String>> {
    let dirs = run(py, || {
        Ok(disinfo::ads::synthetic::generate(
            &scenario, &out_dir, seed, days, ads,
        )?)
    })?;
    Ok(dirs
        .into_iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect())
}

/// Adds this file's functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ads_audit, m)?)?;
    m.add_function(wrap_pyfunction!(ads_render, m)?)?;
    m.add_function(wrap_pyfunction!(ads_search, m)?)?;
    m.add_function(wrap_pyfunction!(ads_generate, m)?)?;
    Ok(())
}
