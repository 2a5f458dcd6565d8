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

/// Feature clustering on a matrix (rows are accounts): `method` is `dbscan` (params `eps`,
/// `min_samples`) or `kmeans` (params `initial_centres`, `max_iter`, `tol`); the matrix is
/// standardised first (`log1p` then z-score) unless `standardise=False`. Returns a dict with
/// `labels`, `matrix` (the standardised matrix) and, for K-Means, `centres` and `iterations`.
#[pyfunction]
#[pyo3(signature = (matrix, method, params = None, standardise = true, log1p = true))]
fn bots_cluster(
    py: Python<'_>,
    matrix: Vec<Vec<f64>>,
    method: &str,
    params: Option<&Bound<'_, PyDict>>,
    standardise: bool,
    log1p: bool,
) -> PyResult<Py<PyAny>> {
    use disinfo::bots::cluster;
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct DbscanParams {
        #[serde(default = "default_eps")]
        eps: f64,
        #[serde(default = "default_min_samples")]
        min_samples: usize,
    }
    fn default_eps() -> f64 {
        0.5
    }
    fn default_min_samples() -> usize {
        5
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct KMeansParams {
        initial_centres: Vec<Vec<f64>>,
        #[serde(default = "default_max_iter")]
        max_iter: usize,
        #[serde(default)]
        tol: f64,
    }
    fn default_max_iter() -> usize {
        300
    }
    let out = PyDict::new(py);
    let run_cluster = |m: &[Vec<f64>]| -> PyResult<()> {
        match method {
            "dbscan" => {
                let p: DbscanParams = from_any(py, "params", params.map(|d| d.as_any()))?;
                let labels = run(py, || Ok(cluster::dbscan(m, p.eps, p.min_samples)?))?;
                out.set_item("labels", labels)?;
            }
            "kmeans" => {
                let p: KMeansParams = from_any(py, "params", params.map(|d| d.as_any()))?;
                let r = run(py, || {
                    Ok(cluster::kmeans(m, &p.initial_centres, p.max_iter, p.tol)?)
                })?;
                out.set_item("labels", r.labels)?;
                out.set_item("centres", r.centres)?;
                out.set_item("iterations", r.iterations)?;
                out.set_item("inertia", r.inertia)?;
            }
            other => {
                return Err(to_py_err(
                    py,
                    &bad("method", format!("`{other}` is not one of dbscan, kmeans")),
                ));
            }
        }
        Ok(())
    };
    let m = if standardise {
        run(py, || Ok(cluster::standardise(&matrix, log1p)?))?
    } else {
        matrix
    };
    run_cluster(&m)?;
    out.set_item("matrix", m)?;
    Ok(out.into_any().unbind())
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
