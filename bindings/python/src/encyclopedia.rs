//! Python bindings of the `encyclopedia` functions (type conversion and error mapping only).

use std::collections::BTreeMap;
use std::path::PathBuf;

use disinfo::encyclopedia::{self as enc, CheckOptions, SourceFile};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::convert::to_python;
use crate::errors::run;

/// A file's content: text or bytes.
#[derive(FromPyObject)]
enum Content {
    Text(String),
    Bytes(Vec<u8>),
}

fn files(map: BTreeMap<String, Content>) -> Vec<SourceFile> {
    map.into_iter()
        .map(|(path, c)| SourceFile {
            path,
            bytes: match c {
                Content::Text(t) => t.into_bytes(),
                Content::Bytes(b) => b,
            },
        })
        .collect()
}

fn options(
    schema: Option<&Bound<'_, PyAny>>,
    max_front_matter_bytes: Option<usize>,
    max_nodes: Option<usize>,
    max_depth: Option<usize>,
) -> PyResult<CheckOptions> {
    let defaults = CheckOptions::default();
    let schema = match schema {
        Some(s) if !s.is_none() => {
            Some(pythonize::depythonize::<serde_json::Value>(s).map_err(|e| {
                PyValueError::new_err(format!("`schema` must be a JSON-like dict: {e}"))
            })?)
        }
        _ => None,
    };
    Ok(CheckOptions {
        schema,
        max_front_matter_bytes: max_front_matter_bytes.unwrap_or(defaults.max_front_matter_bytes),
        max_nodes: max_nodes.unwrap_or(defaults.max_nodes),
        max_depth: max_depth.unwrap_or(defaults.max_depth),
    })
}

/// Checks the corpus under `path`; returns the report as a dict.
#[pyfunction]
#[pyo3(signature = (path, *, schema = None, max_front_matter_bytes = None, max_nodes = None, max_depth = None))]
fn encyclopedia_check(
    py: Python<'_>,
    path: PathBuf,
    schema: Option<&Bound<'_, PyAny>>,
    max_front_matter_bytes: Option<usize>,
    max_nodes: Option<usize>,
    max_depth: Option<usize>,
) -> PyResult<Py<PyAny>> {
    let options = options(schema, max_front_matter_bytes, max_nodes, max_depth)?;
    let report = run(py, || Ok(enc::check_dir(&path, &options)?))?;
    to_python(py, &report)
}

/// Checks in-memory files (`{relative path: text or bytes}`); returns the report as a dict.
#[pyfunction]
#[pyo3(signature = (files, *, schema = None, max_front_matter_bytes = None, max_nodes = None, max_depth = None))]
fn encyclopedia_check_files(
    py: Python<'_>,
    files: BTreeMap<String, Content>,
    schema: Option<&Bound<'_, PyAny>>,
    max_front_matter_bytes: Option<usize>,
    max_nodes: Option<usize>,
    max_depth: Option<usize>,
) -> PyResult<Py<PyAny>> {
    let options = options(schema, max_front_matter_bytes, max_nodes, max_depth)?;
    let files = self::files(files);
    let report = run(py, || Ok(enc::check_files(&files, &options)?))?;
    to_python(py, &report)
}

/// Migrates the old pages under `old_dir` into one file per entry under `new_dir`.
#[pyfunction]
fn encyclopedia_migrate(
    py: Python<'_>,
    old_dir: PathBuf,
    new_dir: PathBuf,
    created: String,
) -> PyResult<Py<PyAny>> {
    let report = run(py, || Ok(enc::migrate_dir(&old_dir, &new_dir, &created)?))?;
    to_python(py, &report)
}

/// Migrates in-memory pages; returns `{"files": {path: text}, "report": {...}}`.
#[pyfunction]
fn encyclopedia_migrate_pages(
    py: Python<'_>,
    pages: BTreeMap<String, Content>,
    created: String,
) -> PyResult<Py<PyAny>> {
    let pages = files(pages);
    let (out, report) = run(py, || Ok(enc::migrate_pages(&pages, &created)?))?;
    let out: BTreeMap<String, String> = out
        .into_iter()
        .map(|f| (f.path, String::from_utf8_lossy(&f.bytes).into_owned()))
        .collect();
    to_python(py, &serde_json::json!({ "files": out, "report": report }))
}

/// The rules: id, severity, title.
#[pyfunction]
fn encyclopedia_rules(py: Python<'_>) -> PyResult<Py<PyAny>> {
    to_python(py, &enc::rules::RULES)
}

/// The shipped entry schema (JSON Schema 2020-12) as a dict.
#[pyfunction]
fn encyclopedia_schema(py: Python<'_>) -> PyResult<Py<PyAny>> {
    let schema = run(py, || Ok(enc::Schema::builtin()?))?;
    to_python(py, schema.document())
}

/// The text form of a report's diagnostics (`path:line:col: error[RULE] message` lines).
#[pyfunction]
fn encyclopedia_to_text(report: &Bound<'_, PyAny>) -> PyResult<String> {
    let report: enc::Report = pythonize::depythonize(report)
        .map_err(|e| PyValueError::new_err(format!("not a report from `check`: {e}")))?;
    Ok(report.to_text())
}

/// Adds this file's functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(encyclopedia_check, m)?)?;
    m.add_function(wrap_pyfunction!(encyclopedia_check_files, m)?)?;
    m.add_function(wrap_pyfunction!(encyclopedia_migrate, m)?)?;
    m.add_function(wrap_pyfunction!(encyclopedia_migrate_pages, m)?)?;
    m.add_function(wrap_pyfunction!(encyclopedia_rules, m)?)?;
    m.add_function(wrap_pyfunction!(encyclopedia_schema, m)?)?;
    m.add_function(wrap_pyfunction!(encyclopedia_to_text, m)?)?;
    Ok(())
}
