//! Python bindings of the `bots` adapters, features, rules and synthetic data:
//! type conversion and error mapping only. The feature matrix crosses as numpy arrays.

use std::path::PathBuf;

use disinfo::bots::adapters::{self, ReadOptions};
use disinfo::bots::features::{FeatureOptions, handle};
use disinfo::bots::pipeline::{self, FeaturesResult};
use disinfo::bots::rules::Rule;
use disinfo::bots::synthetic::{self, SyntheticConfig};
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::convert::to_python;
use crate::errors::{run, to_py_err};

pub(crate) fn bad(name: &str, message: String) -> disinfo::Error {
    disinfo::Error::from(disinfo::bots::Error::InvalidArgument {
        name: name.to_owned(),
        message,
    })
}

/// A Python value (an empty dict when absent) into a core struct; a mismatch is an
/// `invalid_argument` error naming `name`.
pub(crate) fn from_any<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    name: &str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<T> {
    let empty = PyDict::new(py);
    let any = value.unwrap_or(empty.as_any());
    pythonize::depythonize::<T>(any).map_err(|e| to_py_err(py, &bad(name, e.to_string())))
}

/// Options dicts (keyword arguments collected by the Python wrapper) into the core structs.
fn from_dict<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    name: &str,
    value: Option<&Bound<'_, PyDict>>,
) -> PyResult<T> {
    from_any(py, name, value.map(|d| d.as_any()))
}

/// The read options dict with the input format set, checked.
pub(crate) fn read_options(
    py: Python<'_>,
    input_format: &str,
    read: Option<&Bound<'_, PyDict>>,
) -> PyResult<ReadOptions> {
    let dict = match read {
        Some(d) => d.copy()?,
        None => PyDict::new(py),
    };
    dict.set_item("format", input_format)?;
    // Validate the format name first for a precise message.
    input_format
        .parse::<adapters::InputFormat>()
        .map_err(|e| to_py_err(py, &e.into()))?;
    from_dict(py, "read_options", Some(&dict))
}

/// `(values, mask, meta)`: float64 and bool numpy arrays (rows × columns) and a dict with
/// `account_ids`, `handles`, `columns` and `read` (counts and rejections).
fn features_to_python(py: Python<'_>, result: FeaturesResult) -> PyResult<Py<PyAny>> {
    let FeaturesResult { features, read } = result;
    let meta = PyDict::new(py);
    meta.set_item("account_ids", features.account_ids)?;
    meta.set_item("handles", features.handles)?;
    meta.set_item("columns", features.columns)?;
    meta.set_item("read", to_python(py, &read)?)?;
    let values = features.values.into_pyarray(py);
    let mask = features.mask.into_pyarray(py);
    Ok(
        PyTuple::new(py, [values.into_any(), mask.into_any(), meta.into_any()])?
            .into_any()
            .unbind(),
    )
}

/// Features of the accounts and posts in files: `(values, mask, meta)`.
#[pyfunction]
#[pyo3(signature = (inputs, input_format, read_options = None, feature_options = None))]
fn bots_features(
    py: Python<'_>,
    inputs: Vec<PathBuf>,
    input_format: &str,
    read_options: Option<&Bound<'_, PyDict>>,
    feature_options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let read = self::read_options(py, input_format, read_options)?;
    let options: FeatureOptions = from_dict(py, "feature_options", feature_options)?;
    let result = run(py, || {
        Ok(pipeline::features_from_paths(&inputs, &read, &options)?)
    })?;
    features_to_python(py, result)
}

/// Features of one in-memory input (text or bytes): `(values, mask, meta)`.
#[pyfunction]
#[pyo3(signature = (data, input_format, read_options = None, feature_options = None))]
fn bots_features_from_text(
    py: Python<'_>,
    data: Vec<u8>,
    input_format: &str,
    read_options: Option<&Bound<'_, PyDict>>,
    feature_options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let read = self::read_options(py, input_format, read_options)?;
    let options: FeatureOptions = from_dict(py, "feature_options", feature_options)?;
    let result = run(py, || {
        options.validate()?;
        let mut data = adapters::read_bytes(&data, &read)?;
        let features = disinfo::bots::features::compute(&data.accounts, &data.posts, &options)?;
        let summary = pipeline::ReadSummary {
            records_read: data.records_read,
            records_accepted: data.records_accepted,
            records_rejected: data.records_rejected,
            rejected: std::mem::take(&mut data.rejected),
        };
        Ok(FeaturesResult {
            features,
            read: summary,
        })
    })?;
    features_to_python(py, result)
}

/// Reads files into the neutral model: a dict with `accounts`, `posts`, `rejected` and counts.
#[pyfunction]
#[pyo3(signature = (inputs, input_format, read_options = None))]
fn bots_read(
    py: Python<'_>,
    inputs: Vec<PathBuf>,
    input_format: &str,
    read_options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let read = self::read_options(py, input_format, read_options)?;
    let result = run(py, || Ok(pipeline::read_paths(&inputs, &read)?))?;
    to_python(py, &result)
}

/// Applies a rule (a preset name or a rule dict) to the accounts in files.
#[pyfunction]
#[pyo3(signature = (rule, inputs, input_format, read_options = None, feature_options = None))]
fn bots_rule(
    py: Python<'_>,
    rule: &Bound<'_, PyAny>,
    inputs: Vec<PathBuf>,
    input_format: &str,
    read_options: Option<&Bound<'_, PyDict>>,
    feature_options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let rule: Rule = match rule.extract::<String>() {
        Ok(name) => Rule::preset(&name).map_err(|e| to_py_err(py, &e.into()))?,
        Err(_) => {
            let text = py
                .import("json")?
                .call_method1("dumps", (rule,))?
                .extract::<String>()?;
            Rule::from_json(&text).map_err(|e| to_py_err(py, &e.into()))?
        }
    };
    let read = self::read_options(py, input_format, read_options)?;
    let options: FeatureOptions = from_dict(py, "feature_options", feature_options)?;
    let result = run(py, || {
        Ok(pipeline::rule_from_paths(&rule, &inputs, &read, &options)?)
    })?;
    to_python(py, &result)
}

/// The handle likelihood of one handle (`None` for an empty handle).
#[pyfunction]
fn bots_handle_likelihood(handle: &str) -> Option<f64> {
    handle::handle_likelihood(handle)
}

/// Synthetic accounts, posts and planted truth (config keys as `SyntheticConfig`).
#[pyfunction]
#[pyo3(signature = (config = None))]
fn bots_synthetic(py: Python<'_>, config: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
    let config: SyntheticConfig = from_dict(py, "config", config)?;
    let result = run(py, || Ok(synthetic::generate(&config)?))?;
    to_python(py, &result)
}

/// Parses an RFC 3339 time argument (used by the wrapper to validate `observed_at` early).
#[pyfunction]
fn bots_parse_time(py: Python<'_>, text: &str, name: &str) -> PyResult<String> {
    let t = adapters::parse_time(text, name).map_err(|e| to_py_err(py, &e.into()))?;
    Ok(t.to_rfc3339())
}

/// Adds this file's functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(bots_features, m)?)?;
    m.add_function(wrap_pyfunction!(bots_features_from_text, m)?)?;
    m.add_function(wrap_pyfunction!(bots_read, m)?)?;
    m.add_function(wrap_pyfunction!(bots_rule, m)?)?;
    m.add_function(wrap_pyfunction!(bots_handle_likelihood, m)?)?;
    m.add_function(wrap_pyfunction!(bots_synthetic, m)?)?;
    m.add_function(wrap_pyfunction!(bots_parse_time, m)?)?;
    Ok(())
}
