//! Node bindings of the `bots` coordination networks, graph analysis and exports, in
//! the `bots` namespace: type conversion and error mapping only.

// The exported functions are reached from JavaScript through napi's registration, which a plain
// `cargo check` of this private module does not see.
#![allow(dead_code)]

use std::path::PathBuf;

use disinfo::bots::adapters::{InputFormat, Mode, ReadOptions};
use disinfo::bots::coordinate::run as coordinate_run;
use disinfo::bots::coordinate::{
    CoordinateOptions, CoordinationKind, Network, UrlNormalization, traces,
};
use disinfo::bots::export::{self, ExportFormat};
use disinfo::bots::graph::{GraphAnalysis, GraphOptions};
use napi::bindgen_prelude::{AsyncTask, Buffer, Either};
use napi_derive::napi;

use crate::convert::to_json;
use crate::errors::{Result, run};
use crate::task::{JsonTask, spawn};

/// Options of `bots.coordinate`, `bots.coordinateText` and `bots.coordinateAsync`.
#[napi(object)]
#[derive(Default, Clone)]
pub struct CoordinateJsOptions {
    /// `co-repost` (default), `co-link`, `co-text`, `co-similar-text`, `co-reply`,
    /// `co-hashtag-sequence` or `synchrony`.
    pub kind: Option<String>,
    /// Window in seconds, inclusive (default 60).
    pub window: Option<f64>,
    /// Minimum directed edge weight (default 1).
    pub min_edge_weight: Option<u32>,
    /// Accounts with fewer trace posts take no part (default 1).
    pub min_participation: Option<u32>,
    /// Keep edges from an account to itself (default false).
    pub self_loops: Option<bool>,
    /// Evidence post pairs per edge (default 3).
    pub evidence: Option<u32>,
    /// `none` (default, as the QUT toolkit) or `basic`.
    pub url_normalization: Option<String>,
    /// Word-set Jaccard threshold for co-similar-text (default 0.8).
    pub similarity_threshold: Option<f64>,
    /// Minimum distinct words for co-similar-text (default 5).
    pub min_tokens: Option<u32>,
    /// Also compute components and communities (default false).
    pub communities: Option<bool>,
    /// Community detection seed (default 42).
    pub seed: Option<u32>,
    /// Community detection resolution (default 1).
    pub resolution: Option<f64>,
    /// `strict` (default) or `lenient` reading.
    pub mode: Option<String>,
    /// Name of an in-memory input in messages.
    pub source_name: Option<String>,
}

fn bad(name: &str, message: String) -> disinfo::Error {
    disinfo::Error::from(disinfo::bots::Error::InvalidArgument {
        name: name.to_owned(),
        message,
    })
}

type Prepared = (ReadOptions, CoordinateOptions, Option<GraphOptions>);

fn prepare(input_format: &str, o: &CoordinateJsOptions) -> disinfo::Result<Prepared> {
    let mut read = ReadOptions::new(input_format.parse::<InputFormat>()?);
    if let Some(mode) = &o.mode {
        read.mode = mode.parse::<Mode>()?;
    }
    if let Some(name) = &o.source_name {
        read.source_name = name.clone();
    }
    let d = CoordinateOptions::default();
    let url_normalization = match o.url_normalization.as_deref() {
        None | Some("none") => UrlNormalization::None,
        Some("basic") => UrlNormalization::Basic,
        Some(other) => {
            return Err(bad(
                "urlNormalization",
                format!("unknown value `{other}`; use none or basic"),
            ));
        }
    };
    let options = CoordinateOptions {
        kind: match &o.kind {
            Some(k) => CoordinationKind::parse(k)?,
            None => d.kind,
        },
        window_secs: o.window.unwrap_or(d.window_secs),
        min_edge_weight: o.min_edge_weight.map_or(d.min_edge_weight, u64::from),
        min_participation: o.min_participation.map_or(d.min_participation, u64::from),
        self_loops: o.self_loops.unwrap_or(d.self_loops),
        evidence: o.evidence.map_or(d.evidence, |e| e as usize),
        url_normalization,
        similarity_threshold: o.similarity_threshold.unwrap_or(d.similarity_threshold),
        min_tokens: o.min_tokens.map_or(d.min_tokens, |t| t as usize),
    };
    options.validate()?;
    let graph = o.communities.unwrap_or(false).then(|| {
        let g = GraphOptions::default();
        GraphOptions {
            seed: o.seed.map_or(g.seed, u64::from),
            resolution: o.resolution.unwrap_or(g.resolution),
            ..g
        }
    });
    Ok((read, options, graph))
}

fn bytes_of(data: &Either<String, Buffer>) -> Vec<u8> {
    match data {
        Either::A(s) => s.as_bytes().to_vec(),
        Either::B(b) => b.to_vec(),
    }
}

/// Builds the coordination network of the posts in files: `{ network, analysis, read }`.
#[napi(
    namespace = "bots",
    ts_return_type = "{ network: { options: Record<string, unknown>, nodes: Array<{ id: string, handle: string | null, trace_posts: number }>, edges: Array<{ source: string, target: string, weight: number, reverse_weight: number, symmetric_weight: number, balance: number, evidence: Array<{ source_post: string, target_post: string, delta_secs: number }> }>, posts: number, trace_posts: number, duplicate_posts: number }, analysis: Record<string, unknown> | null, read: Record<string, unknown> }"
)]
pub fn coordinate(
    inputs: Vec<String>,
    input_format: String,
    options: Option<CoordinateJsOptions>,
) -> Result<serde_json::Value> {
    let paths: Vec<PathBuf> = inputs.into_iter().map(PathBuf::from).collect();
    let result = run(|| {
        let (read, o, g) = prepare(&input_format, &options.unwrap_or_default())?;
        Ok(coordinate_run::from_paths(&paths, &read, &o, g.as_ref())?)
    })?;
    to_json(&result)
}

/// Builds the coordination network of one in-memory input (string or Buffer).
#[napi(
    namespace = "bots",
    ts_return_type = "{ network: { options: Record<string, unknown>, nodes: Array<{ id: string, handle: string | null, trace_posts: number }>, edges: Array<{ source: string, target: string, weight: number, reverse_weight: number, symmetric_weight: number, balance: number, evidence: Array<{ source_post: string, target_post: string, delta_secs: number }> }>, posts: number, trace_posts: number, duplicate_posts: number }, analysis: Record<string, unknown> | null, read: Record<string, unknown> }"
)]
pub fn coordinate_text(
    data: Either<String, Buffer>,
    input_format: String,
    options: Option<CoordinateJsOptions>,
) -> Result<serde_json::Value> {
    let bytes = bytes_of(&data);
    let result = run(|| {
        let (read, o, g) = prepare(&input_format, &options.unwrap_or_default())?;
        Ok(coordinate_run::from_bytes(&bytes, &read, &o, g.as_ref())?)
    })?;
    to_json(&result)
}

/// `coordinate` off the main thread: a promise of the same result.
#[napi(
    namespace = "bots",
    ts_return_type = "Promise<ReturnType<typeof coordinate>>"
)]
pub fn coordinate_async(
    inputs: Vec<String>,
    input_format: String,
    options: Option<CoordinateJsOptions>,
) -> AsyncTask<JsonTask> {
    let paths: Vec<PathBuf> = inputs.into_iter().map(PathBuf::from).collect();
    let options = options.unwrap_or_default();
    spawn(move || {
        let (read, o, g) = prepare(&input_format, &options)?;
        let result = coordinate_run::from_paths(&paths, &read, &o, g.as_ref())?;
        serde_json::to_value(&result).map_err(|e| disinfo::Error::Internal {
            message: format!("cannot convert the result: {e}"),
        })
    })
}

/// Renders a `coordinate` result as `csv`, `json`, `graphml` or `gexf` text.
#[napi(
    namespace = "bots",
    ts_args_type = "result: { network: unknown, analysis?: unknown }, format: 'csv' | 'json' | 'graphml' | 'gexf'"
)]
pub fn export_network(result: serde_json::Value, format: String) -> Result<String> {
    run(|| {
        let format = ExportFormat::parse(&format)?;
        let network_value = result.get("network").cloned().ok_or_else(|| {
            bad(
                "result",
                "has no `network` key; pass what bots.coordinate returned".into(),
            )
        })?;
        let network: Network = serde_json::from_value(network_value)
            .map_err(|e| bad("result.network", e.to_string()))?;
        let analysis: Option<GraphAnalysis> = match result.get("analysis") {
            Some(a) if !a.is_null() => Some(
                serde_json::from_value(a.clone())
                    .map_err(|e| bad("result.analysis", e.to_string()))?,
            ),
            _ => None,
        };
        Ok(export::render(&network, analysis.as_ref(), format)?)
    })
}

/// The QUT toolkit's text normalisation used by co-text.
#[napi(namespace = "bots")]
pub fn normalize_text(text: String) -> String {
    traces::normalize_text(&text)
}

/// Options of `bots.clusterFeatures`: the JSON shape of the core `ClusterOptions`, with the
/// column names beside it.
#[napi(object)]
#[derive(Default, Clone)]
pub struct ClusterJsOptions {
    /// `dbscan` (default), `kmeans`, `gmm` or `hdbscan`.
    #[napi(ts_type = "'dbscan' | 'kmeans' | 'gmm' | 'hdbscan'")]
    pub method: Option<String>,
    /// The method's parameters with scikit-learn's snake_case names (`eps`, `min_samples`,
    /// `n_clusters`, `n_components`, `min_cluster_size`, ...); missing ones take their defaults.
    #[napi(ts_type = "Record<string, unknown>")]
    pub params: Option<serde_json::Value>,
    /// `log1p` then z-score the columns first (default true).
    pub standardise: Option<bool>,
    /// Take `log1p` before the z-score (default true).
    pub log1p: Option<bool>,
    /// Return the clustered (standardised) matrix as `matrix` (default false).
    pub include_matrix: Option<bool>,
    /// Column names (default `x0`, `x1`, ...), used in the result.
    pub columns: Option<Vec<String>>,
}

fn cluster_options(
    o: &ClusterJsOptions,
) -> disinfo::Result<disinfo::bots::cluster::ClusterOptions> {
    let mut json = serde_json::Map::new();
    let mut put = |key: &str, value: Option<serde_json::Value>| {
        if let Some(v) = value {
            json.insert(key.to_owned(), v);
        }
    };
    put("method", o.method.clone().map(Into::into));
    put("params", o.params.clone());
    put("standardise", o.standardise.map(Into::into));
    put("log1p", o.log1p.map(Into::into));
    put("include_matrix", o.include_matrix.map(Into::into));
    Ok(disinfo::bots::cluster::ClusterOptions::from_json(
        serde_json::Value::Object(json),
    )?)
}

fn cluster_json(matrix: &[Vec<f64>], o: &ClusterJsOptions) -> disinfo::Result<serde_json::Value> {
    let options = cluster_options(o)?;
    let columns = o.columns.clone().unwrap_or_default();
    let result = disinfo::bots::cluster::cluster_matrix(matrix, &columns, &options)?;
    serde_json::to_value(&result).map_err(|e| disinfo::Error::Internal {
        message: format!("cannot convert the result: {e}"),
    })
}

/// Clusters the rows (accounts) of a feature matrix with DBSCAN, K-Means, a Gaussian mixture or
/// HDBSCAN: `{ method, columns, labels, n_clusters, n_noise, summaries, kmeans?, gmm?, hdbscan?,
/// matrix? }` (labels are a plain array, `-1` for noise; the same object as Python and the CLI).
#[napi(namespace = "bots", ts_return_type = "ClusterResult")]
pub fn cluster_features(
    matrix: Vec<Vec<f64>>,
    options: Option<ClusterJsOptions>,
) -> Result<serde_json::Value> {
    let o = options.unwrap_or_default();
    run(|| cluster_json(&matrix, &o))
}

/// `clusterFeatures` on libuv's thread pool: a promise of the same result.
#[napi(namespace = "bots", ts_return_type = "Promise<ClusterResult>")]
pub fn cluster_features_async(
    matrix: Vec<Vec<f64>>,
    options: Option<ClusterJsOptions>,
) -> AsyncTask<JsonTask> {
    let o = options.unwrap_or_default();
    spawn(move || cluster_json(&matrix, &o))
}
