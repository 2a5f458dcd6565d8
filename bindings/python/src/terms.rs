//! Python bindings of the terms extraction and declaration functions (type conversion and error
//! mapping only).

use std::path::PathBuf;

use disinfo::terms::declaration::corpus::load_directory;
use disinfo::terms::declaration::{FilterSpec, Selectors, ServiceDeclaration, SourceDocument};
use disinfo::terms::extract::batch::{BatchJob, extract_batch};
use disinfo::terms::extract::{ExtractOptions, Hooks, extract_terms, extract_with_hooks};
use disinfo::terms::markdown::Flavor;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::convert::to_python;
use crate::errors::run;

/// Bytes or str from Python, as bytes.
fn content_bytes(content: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = content.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(s) = content.cast::<PyString>() {
        return Ok(s.to_str()?.as_bytes().to_vec());
    }
    Err(pyo3::exceptions::PyTypeError::new_err(
        "content must be bytes or str",
    ))
}

fn json_value(obj: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    pythonize::depythonize(obj).map_err(|e| pyo3::exceptions::PyTypeError::new_err(e.to_string()))
}

fn options(
    flavor: &str,
    max_bytes: Option<usize>,
    max_depth: Option<usize>,
) -> disinfo::Result<ExtractOptions> {
    let mut o = ExtractOptions::with_flavor(Flavor::parse(flavor)?);
    if let Some(m) = max_bytes {
        o.max_bytes = m;
    }
    if let Some(d) = max_depth {
        o.max_depth = d;
    }
    Ok(o)
}

fn call_hook(hook: &Py<PyAny>, text: &str) -> Result<String, String> {
    Python::attach(|py| {
        hook.call1(py, (text,))
            .and_then(|r| r.extract::<String>(py))
            .map_err(|e| e.to_string())
    })
}

/// Extract the Markdown of one snapshot.
#[pyfunction]
#[pyo3(signature = (content, *, location, select, remove = None, flavor = "ota", mime_type = None, filters = None, before = None, after = None, max_bytes = None, max_depth = None))]
#[allow(clippy::too_many_arguments)]
fn terms_extract(
    py: Python<'_>,
    content: &Bound<'_, PyAny>,
    location: String,
    select: &Bound<'_, PyAny>,
    remove: Option<&Bound<'_, PyAny>>,
    flavor: &str,
    mime_type: Option<String>,
    filters: Option<&Bound<'_, PyAny>>,
    before: Option<Py<PyAny>>,
    after: Option<Py<PyAny>>,
    max_bytes: Option<usize>,
    max_depth: Option<usize>,
) -> PyResult<String> {
    let bytes = content_bytes(content)?;
    let select = json_value(select)?;
    let remove = remove.map(json_value).transpose()?;
    let filters = filters.map(json_value).transpose()?;
    run(py, move || {
        let select = Selectors::from_json(&select)?;
        let remove = remove.as_ref().map(Selectors::from_json).transpose()?;
        let mut source = SourceDocument::new(&location, select, remove);
        if let Some(f) = filters {
            source.filters = serde_json::from_value::<Vec<FilterSpecArg>>(f)
                .map_err(|e| disinfo::terms::Error::InvalidArgument {
                    name: "filters".into(),
                    message: e.to_string(),
                })?
                .into_iter()
                .map(FilterSpecArg::into_spec)
                .collect();
        }
        let opts = options(flavor, max_bytes, max_depth)?;
        let before_fn = |t: &str| {
            before
                .as_ref()
                .map_or_else(|| Ok(t.to_string()), |h| call_hook(h, t))
        };
        let after_fn = |t: &str| {
            after
                .as_ref()
                .map_or_else(|| Ok(t.to_string()), |h| call_hook(h, t))
        };
        let hooks = Hooks {
            before: Some(&before_fn),
            after: Some(&after_fn),
        };
        Ok(extract_with_hooks(
            &bytes,
            mime_type.as_deref(),
            &source,
            &opts,
            hooks,
        )?)
    })
}

/// A filter as callers write it: a name, or `{name: params}` (OTA's syntax).
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum FilterSpecArg {
    Name(String),
    WithParams(std::collections::BTreeMap<String, serde_json::Value>),
}

impl FilterSpecArg {
    fn into_spec(self) -> FilterSpec {
        match self {
            FilterSpecArg::Name(name) => FilterSpec { name, params: None },
            FilterSpecArg::WithParams(m) => {
                let (name, params) = m.into_iter().next().unwrap_or_default();
                FilterSpec {
                    name,
                    params: Some(params),
                }
            }
        }
    }
}

/// Extract the Markdown of terms declared in an OTA service file (one snapshot per source document).
#[pyfunction]
#[pyo3(signature = (contents, *, declaration, terms_type, at = None, flavor = "ota", mime_type = None))]
fn terms_extract_declared(
    py: Python<'_>,
    contents: Vec<Bound<'_, PyAny>>,
    declaration: PathBuf,
    terms_type: String,
    at: Option<String>,
    flavor: &str,
    mime_type: Option<String>,
) -> PyResult<String> {
    let snapshots = contents
        .iter()
        .map(content_bytes)
        .collect::<PyResult<Vec<_>>>()?;
    run(py, move || {
        let service = ServiceDeclaration::load(&declaration)?;
        let at = at
            .as_deref()
            .map(disinfo::terms::declaration::parse_date)
            .transpose()?;
        let terms = service.terms_at(&terms_type, at)?;
        let inputs: Vec<(&[u8], Option<&str>)> = snapshots
            .iter()
            .map(|s| (s.as_slice(), mime_type.as_deref()))
            .collect();
        Ok(extract_terms(
            &inputs,
            terms,
            &options(flavor, None, None)?,
        )?)
    })
}

/// Extract many snapshots in parallel (GIL released); results in input order.
#[pyfunction]
#[pyo3(signature = (jobs, *, flavor = "ota"))]
fn terms_extract_batch(
    py: Python<'_>,
    jobs: &Bound<'_, PyAny>,
    flavor: &str,
) -> PyResult<Py<PyAny>> {
    let value = json_value(jobs)?;
    let results = run(py, move || {
        let jobs: Vec<BatchJob> =
            serde_json::from_value(value).map_err(|e| disinfo::terms::Error::InvalidArgument {
                name: "jobs".into(),
                message: e.to_string(),
            })?;
        Ok(extract_batch(&jobs, &options(flavor, None, None)?, None))
    })?;
    to_python(py, &results)
}

/// Parse and validate a service declaration given as JSON text.
#[pyfunction]
#[pyo3(signature = (text, *, file = "<input>"))]
fn terms_parse_declaration(py: Python<'_>, text: &str, file: &str) -> PyResult<Py<PyAny>> {
    let service = run(py, || Ok(ServiceDeclaration::parse(text, file)?))?;
    to_python(py, &service)
}

/// Load a service declaration file (and its history file beside it).
#[pyfunction]
fn terms_load_declaration(py: Python<'_>, path: PathBuf) -> PyResult<Py<PyAny>> {
    let service = run(py, || Ok(ServiceDeclaration::load(&path)?))?;
    to_python(py, &service)
}

/// Load every declaration of a directory: counts, loaded service ids, rejected files with reasons.
#[pyfunction]
fn terms_validate_directory(py: Python<'_>, path: PathBuf) -> PyResult<Py<PyAny>> {
    let report = run(py, || Ok(load_directory(&path)?))?;
    let summary = serde_json::json!({
        "service_files": report.service_files,
        "history_files": report.history_files,
        "orphan_histories": report.orphan_histories,
        "loaded": report.loaded.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        "rejected": report.rejected,
    });
    to_python(py, &summary)
}

/// Adds this file's functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(terms_extract, m)?)?;
    m.add_function(wrap_pyfunction!(terms_extract_declared, m)?)?;
    m.add_function(wrap_pyfunction!(terms_extract_batch, m)?)?;
    m.add_function(wrap_pyfunction!(terms_parse_declaration, m)?)?;
    m.add_function(wrap_pyfunction!(terms_load_declaration, m)?)?;
    m.add_function(wrap_pyfunction!(terms_validate_directory, m)?)?;
    Ok(())
}
