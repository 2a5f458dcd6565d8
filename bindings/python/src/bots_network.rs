//! Python bindings of the `bots` coordination networks, graph analysis and exports:
//! type conversion and error mapping only.

use std::path::PathBuf;

use disinfo::bots::coordinate::run as coordinate_run;
use disinfo::bots::coordinate::{CoordinateOptions, Network, traces};
use disinfo::bots::export::{self, ExportFormat};
use disinfo::bots::graph::{GraphAnalysis, GraphOptions};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::bots::{self, bad, from_any};
use crate::convert::to_python;
use crate::errors::{run, to_py_err};

fn graph_options(
    py: Python<'_>,
    graph: Option<&Bound<'_, PyDict>>,
) -> PyResult<Option<GraphOptions>> {
    match graph {
        None => Ok(None),
        Some(g) => Ok(Some(from_any(py, "graph_options", Some(g.as_any()))?)),
    }
}

/// Builds the coordination network of the posts in files: a dict with `network`, `analysis`
/// (when `graph_options` is given) and `read`.
#[pyfunction]
#[pyo3(signature = (inputs, input_format, options = None, read_options = None, graph_options = None))]
fn bots_coordinate(
    py: Python<'_>,
    inputs: Vec<PathBuf>,
    input_format: &str,
    options: Option<&Bound<'_, PyDict>>,
    read_options: Option<&Bound<'_, PyDict>>,
    graph_options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let read = bots::read_options(py, input_format, read_options)?;
    let options: CoordinateOptions = from_any(py, "options", options.map(|d| d.as_any()))?;
    let graph = self::graph_options(py, graph_options)?;
    let result = run(py, || {
        Ok(coordinate_run::from_paths(
            &inputs,
            &read,
            &options,
            graph.as_ref(),
        )?)
    })?;
    to_python(py, &result)
}

/// Builds the coordination network of one in-memory input (text or bytes).
#[pyfunction]
#[pyo3(signature = (data, input_format, options = None, read_options = None, graph_options = None))]
fn bots_coordinate_text(
    py: Python<'_>,
    data: Vec<u8>,
    input_format: &str,
    options: Option<&Bound<'_, PyDict>>,
    read_options: Option<&Bound<'_, PyDict>>,
    graph_options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let read = bots::read_options(py, input_format, read_options)?;
    let options: CoordinateOptions = from_any(py, "options", options.map(|d| d.as_any()))?;
    let graph = self::graph_options(py, graph_options)?;
    let result = run(py, || {
        Ok(coordinate_run::from_bytes(
            &data,
            &read,
            &options,
            graph.as_ref(),
        )?)
    })?;
    to_python(py, &result)
}

/// Renders a result of `bots_coordinate` (`{"network", "analysis"?}`) as csv, json, graphml or gexf.
#[pyfunction]
fn bots_export(py: Python<'_>, result: &Bound<'_, PyAny>, format: &str) -> PyResult<String> {
    let format = ExportFormat::parse(format).map_err(|e| to_py_err(py, &e.into()))?;
    let network_obj = result.get_item("network").map_err(|_| {
        to_py_err(
            py,
            &bad(
                "result",
                "has no `network` key; pass what bots_coordinate returned".into(),
            ),
        )
    })?;
    let network: Network = from_any(py, "result.network", Some(&network_obj))?;
    let analysis: Option<GraphAnalysis> = match result.get_item("analysis") {
        Ok(a) if !a.is_none() => Some(from_any(py, "result.analysis", Some(&a))?),
        _ => None,
    };
    run(py, || {
        Ok(export::render(&network, analysis.as_ref(), format)?)
    })
}

/// The QUT toolkit's text normalisation used by co-text.
#[pyfunction]
fn bots_normalize_text(text: &str) -> String {
    traces::normalize_text(text)
}

/// Feature clustering of a matrix (rows are accounts) with the crate's single entry point:
/// `options` is the JSON shape of `ClusterOptions` (`method`, `params`, `standardise`, `log1p`,
/// `include_matrix`); returns the `ClusterResult` as a dict.
#[pyfunction]
#[pyo3(signature = (matrix, columns = None, options = None))]
fn bots_cluster(
    py: Python<'_>,
    matrix: Vec<Vec<f64>>,
    columns: Option<Vec<String>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    use disinfo::bots::cluster::{ClusterOptions, cluster_matrix};
    let options: ClusterOptions = from_any(py, "options", options.map(|d| d.as_any()))?;
    let columns = columns.unwrap_or_default();
    let result = run(py, || Ok(cluster_matrix(&matrix, &columns, &options)?))?;
    to_python(py, &result)
}

/// Adds this file's functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(bots_coordinate, m)?)?;
    m.add_function(wrap_pyfunction!(bots_coordinate_text, m)?)?;
    m.add_function(wrap_pyfunction!(bots_export, m)?)?;
    m.add_function(wrap_pyfunction!(bots_normalize_text, m)?)?;
    m.add_function(wrap_pyfunction!(bots_cluster, m)?)?;
    Ok(())
}
