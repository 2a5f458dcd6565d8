//! Feature clustering of accounts: DBSCAN, K-Means, Gaussian mixtures and
//! HDBSCAN on standardised `log1p` features, with per-cluster summaries.
//!
//! One entry point, [`cluster_matrix`], takes a matrix (rows are accounts), its column names and
//! a JSON-shaped [`ClusterOptions`]; it returns a serialisable [`ClusterResult`] — the same
//! object in Rust, Python, Node and the CLI:
//!
//! ```
//! use disinfo_bots::cluster::{cluster_matrix, ClusterOptions};
//!
//! let matrix = vec![
//!     vec![10.0, 1.0], vec![11.0, 1.0], vec![12.0, 2.0],
//!     vec![900.0, 50.0], vec![950.0, 55.0], vec![1000.0, 60.0],
//! ];
//! let columns = vec!["followers".to_string(), "posts_per_day".to_string()];
//! let options: ClusterOptions = serde_json::from_str(
//!     r#"{"method": "kmeans", "params": {"n_clusters": 2}}"#,
//! ).unwrap();
//! let result = cluster_matrix(&matrix, &columns, &options).unwrap();
//! assert_eq!(result.n_clusters, 2);
//! assert_eq!(result.labels[0], result.labels[2]);
//! assert_ne!(result.labels[0], result.labels[3]);
//! // Summaries are on the original scale: the median followers of each cluster.
//! let mut medians: Vec<f64> = result.summaries.iter().map(|s| s.medians[0]).collect();
//! medians.sort_by(f64::total_cmp);
//! assert_eq!(medians, vec![11.0, 950.0]);
//! ```
//!
//! The algorithms follow scikit-learn's definitions so that labels agree with it on the same
//! standardised matrix, up to a permutation of cluster labels (`python/tests` checks this):
//!
//! - [`mod@standardise`]: optional `log1p`, then per-column z-score with the population standard
//!   deviation (`StandardScaler`); a constant column is centred and left unscaled.
//! - [`mod@dbscan`] (`sklearn.cluster.DBSCAN`), [`mod@kmeans`] (`sklearn.cluster.KMeans`, Lloyd, greedy
//!   k-means++), [`gmm`] (`sklearn.mixture.GaussianMixture`, full covariances, K-Means
//!   initialisation) and [`hdbscan`] (`sklearn.cluster.HDBSCAN`, Euclidean, excess of mass).
//! - [`summary`]: per-label size and medians of the original features.
//! - [`accounts`]: clustering a [`crate::features::FeatureMatrix`] (columns with missing values
//!   left out, account ids attached): what the CLI uses.
//!
//! Every algorithm here is O(n²) in the number of rows at worst: they are meant for per-account
//! feature matrices (thousands of rows), not for posts.

pub mod accounts;
pub mod dbscan;
pub mod gmm;
pub mod hdbscan;
pub mod kmeans;
pub mod standardise;
pub mod summary;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use accounts::{AccountClusters, cluster_accounts};
pub use dbscan::{DbscanParams, dbscan};
pub use gmm::{GmmDetails, GmmParams};
pub use hdbscan::{HdbscanDetails, HdbscanParams, SelectionMethod};
pub use kmeans::{KMeansParams, KMeansResult, kmeans};
pub use standardise::standardise;
pub use summary::ClusterSummary;

pub(crate) fn bad(name: &str, message: impl Into<String>) -> Error {
    Error::arg(name.to_owned(), message)
}

/// `Err` unless `value` is a finite number >= 0.
pub(crate) fn check_non_negative(name: &str, value: f64) -> Result<()> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(bad(name, "must be a finite number >= 0"))
    }
}

/// `Err` unless `count >= 1`.
pub(crate) fn check_positive(name: &str, count: usize) -> Result<()> {
    if count >= 1 {
        Ok(())
    } else {
        Err(bad(name, "must be >= 1"))
    }
}

/// `Err` unless `1 <= k <= rows` (a number of clusters or components).
pub(crate) fn check_cluster_count(name: &str, k: usize, rows: usize) -> Result<()> {
    check_positive(name, k)?;
    if k > rows {
        return Err(bad(
            name,
            format!("is {k} but the matrix has only {rows} rows"),
        ));
    }
    Ok(())
}

fn sq_dist(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// The clustering algorithm.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ClusterMethod {
    /// Density-based clusters with a fixed radius ([`DbscanParams`]); the default.
    #[default]
    Dbscan,
    /// K-Means ([`KMeansParams`]).
    Kmeans,
    /// Gaussian mixture with full covariances ([`GmmParams`]).
    Gmm,
    /// Hierarchical density-based clusters ([`HdbscanParams`]).
    Hdbscan,
}

impl ClusterMethod {
    /// The method's name as options spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterMethod::Dbscan => "dbscan",
            ClusterMethod::Kmeans => "kmeans",
            ClusterMethod::Gmm => "gmm",
            ClusterMethod::Hdbscan => "hdbscan",
        }
    }
}

/// Options of [`cluster_matrix`], deserialisable from JSON such as
/// `{"method": "hdbscan", "params": {"min_cluster_size": 10}, "standardise": true, "log1p": true}`.
/// Unknown keys are rejected, here and in `params`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ClusterOptions {
    /// `dbscan` (default), `kmeans`, `gmm` or `hdbscan`.
    pub method: ClusterMethod,
    /// The method's parameters ([`DbscanParams`], [`KMeansParams`], [`GmmParams`],
    /// [`HdbscanParams`]); missing keys take their defaults. Default: none.
    pub params: Option<serde_json::Map<String, serde_json::Value>>,
    /// Standardise columns (z-score) before clustering; default true.
    pub standardise: bool,
    /// Take `log1p` of every value before the z-score (only with `standardise`; values must
    /// be `> -1`); default true, because counts are heavy-tailed.
    pub log1p: bool,
    /// Return the clustered (standardised) matrix as `matrix`; default false.
    pub include_matrix: bool,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            method: ClusterMethod::Dbscan,
            params: None,
            standardise: true,
            log1p: true,
            include_matrix: false,
        }
    }
}

impl ClusterOptions {
    /// Options from a JSON value (`null` gives the defaults); errors are `invalid_argument`
    /// on `options`.
    pub fn from_json(value: serde_json::Value) -> Result<ClusterOptions> {
        if value.is_null() {
            return Ok(ClusterOptions::default());
        }
        serde_json::from_value(value).map_err(|e| bad("options", e.to_string()))
    }

    /// The method's parameters, read like every option: camelCase or snake_case keys, an
    /// unknown key named with "did you mean" (`params.minSampels`).
    fn params<T: DeserializeOwned + Default + schemars::JsonSchema + 'static>(&self) -> Result<T> {
        match &self.params {
            None => Ok(T::default()),
            Some(map) => {
                let value = serde_json::Value::Object(map.clone());
                disinfo_core::request::decode::<T>(disinfo_core::request::OPTIONS, value).map_err(
                    |e| {
                        Error::arg(
                            format!("params.{}", e.name),
                            format!("{} (method `{}`)", e.message, self.method.as_str()),
                        )
                    },
                )
            }
        }
    }
}

/// What K-Means reports besides labels (`kmeans` of [`ClusterResult`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KMeansDetails {
    /// Final centres in the clustered (standardised) space, one row per cluster.
    pub centres: Vec<Vec<f64>>,
    /// Lloyd iterations run.
    pub iterations: usize,
    /// Sum of squared distances of rows to their centre.
    pub inertia: f64,
}

/// The result of [`cluster_matrix`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ClusterResult {
    /// The method that ran.
    pub method: ClusterMethod,
    /// Column names, in matrix order (`x0`, `x1`, ... when none were given).
    pub columns: Vec<String>,
    /// The label of each row: clusters from 0, `-1` for noise (DBSCAN and HDBSCAN only).
    pub labels: Vec<i64>,
    /// Number of clusters (noise not counted).
    pub n_clusters: usize,
    /// Rows labelled noise.
    pub n_noise: usize,
    /// One summary per label present, in label order (noise first).
    pub summaries: Vec<ClusterSummary>,
    /// K-Means centres, iterations and inertia.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kmeans: Option<KMeansDetails>,
    /// Mixture means, weights, convergence and (when asked) probabilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gmm: Option<GmmDetails>,
    /// HDBSCAN membership probabilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hdbscan: Option<HdbscanDetails>,
    /// The matrix that was clustered, when `include_matrix` was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix: Option<Vec<Vec<f64>>>,
}

/// Clusters the rows of `matrix` (accounts × features, finite values, all rows the same
/// length) as `options` says. `columns` names the columns (empty: `x0`, `x1`, ...).
///
/// Errors are `invalid_argument`: an empty or ragged matrix, a non-finite value, `log1p` of a
/// value `<= -1`, unknown options or parameters, and parameters out of range for the data
/// (more clusters than rows, `min_samples` above the row count, ...).
pub fn cluster_matrix(
    matrix: &[Vec<f64>],
    columns: &[String],
    options: &ClusterOptions,
) -> Result<ClusterResult> {
    let width = standardise::check_matrix(matrix)?;
    if matrix.is_empty() {
        return Err(bad("matrix", "has no rows"));
    }
    if width == 0 {
        return Err(bad("matrix", "has no columns"));
    }
    let columns: Vec<String> = if columns.is_empty() {
        (0..width).map(|c| format!("x{c}")).collect()
    } else if columns.len() == width {
        columns.to_vec()
    } else {
        return Err(bad(
            "columns",
            format!(
                "has {} names but the matrix has {width} columns",
                columns.len()
            ),
        ));
    };
    let x = if options.standardise {
        standardise(matrix, options.log1p)?
    } else {
        matrix.to_vec()
    };
    let (mut kmeans_details, mut gmm_details, mut hdbscan_details) = (None, None, None);
    let labels: Vec<i64> = match options.method {
        ClusterMethod::Dbscan => {
            let p: DbscanParams = options.params()?;
            dbscan(&x, p.eps, p.min_samples)?
        }
        ClusterMethod::Kmeans => {
            let p: KMeansParams = options.params()?;
            let r = kmeans::fit(&x, &p)?;
            kmeans_details = Some(KMeansDetails {
                centres: r.centres,
                iterations: r.iterations,
                inertia: r.inertia,
            });
            r.labels.into_iter().map(|l| l as i64).collect()
        }
        ClusterMethod::Gmm => {
            let p: GmmParams = options.params()?;
            let (labels, details) = gmm::fit(&x, &p)?;
            gmm_details = Some(details);
            labels.into_iter().map(|l| l as i64).collect()
        }
        ClusterMethod::Hdbscan => {
            let p: HdbscanParams = options.params()?;
            let (labels, details) = hdbscan::fit(&x, &p)?;
            hdbscan_details = Some(details);
            labels
        }
    };
    let summaries = summary::summarise(matrix, &labels);
    let n_noise = labels.iter().filter(|&&l| l < 0).count();
    let n_clusters = summaries.iter().filter(|s| s.label >= 0).count();
    Ok(ClusterResult {
        method: options.method,
        columns,
        labels,
        n_clusters,
        n_noise,
        summaries,
        kmeans: kmeans_details,
        gmm: gmm_details,
        hdbscan: hdbscan_details,
        matrix: options.include_matrix.then_some(x),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(json: &str) -> ClusterOptions {
        ClusterOptions::from_json(serde_json::from_str(json).expect("json")).expect("options")
    }

    fn two_groups() -> Vec<Vec<f64>> {
        let mut m = Vec::new();
        for i in 0..8 {
            m.push(vec![10.0 + f64::from(i), 1.0]);
            m.push(vec![5000.0 + 10.0 * f64::from(i), 80.0]);
        }
        m
    }

    #[test]
    fn every_method_separates_two_groups() {
        for json in [
            r#"{"method": "dbscan", "params": {"eps": 0.5, "min_samples": 3}}"#,
            r#"{"method": "kmeans", "params": {"n_clusters": 2}}"#,
            r#"{"method": "gmm", "params": {"n_components": 2}}"#,
            r#"{"method": "hdbscan", "params": {"min_cluster_size": 4}}"#,
        ] {
            let r = cluster_matrix(&two_groups(), &[], &options(json)).expect(json);
            assert_eq!(r.n_clusters, 2, "{json}");
            assert_eq!(r.n_noise, 0, "{json}");
            assert!(
                r.labels.iter().step_by(2).all(|&l| l == r.labels[0]),
                "{json}"
            );
            assert!(
                r.labels
                    .iter()
                    .skip(1)
                    .step_by(2)
                    .all(|&l| l == r.labels[1]),
                "{json}"
            );
            assert_ne!(r.labels[0], r.labels[1], "{json}");
        }
    }

    #[test]
    fn summaries_use_the_original_scale() {
        let r = cluster_matrix(
            &two_groups(),
            &["followers".into(), "posts".into()],
            &options(r#"{"method": "kmeans", "params": {"n_clusters": 2}}"#),
        )
        .expect("valid");
        let small = r
            .summaries
            .iter()
            .find(|s| s.medians[0] < 100.0)
            .expect("small cluster");
        assert_eq!(small.medians, vec![13.5, 1.0]);
        assert_eq!(small.size, 8);
        assert_eq!(r.columns, vec!["followers", "posts"]);
    }

    #[test]
    fn options_reject_unknown_keys_methods_and_params() {
        let parse = |s: &str| ClusterOptions::from_json(serde_json::from_str(s).expect("json"));
        assert!(parse(r#"{"method": "spectral"}"#).is_err());
        assert!(parse(r#"{"methd": "dbscan"}"#).is_err());
        let o = parse(r#"{"method": "gmm", "params": {"n_clusters": 2}}"#).expect("shape ok");
        let e = cluster_matrix(&two_groups(), &[], &o).expect_err("unknown param");
        assert_eq!(e.code(), "invalid_argument");
        assert_eq!(parse("null").expect("defaults"), ClusterOptions::default());
    }

    #[test]
    fn hostile_inputs_are_errors_not_panics() {
        let all = ["dbscan", "kmeans", "gmm", "hdbscan"];
        let ragged = vec![vec![1.0, 2.0], vec![1.0]];
        let nan = vec![vec![1.0], vec![f64::NAN]];
        let inf = vec![vec![1.0], vec![f64::INFINITY]];
        for method in all {
            let o = options(&format!(r#"{{"method": "{method}"}}"#));
            for m in [&vec![], &ragged, &nan, &inf, &vec![vec![]]] {
                let e = cluster_matrix(m, &[], &o).expect_err(method);
                assert_eq!(e.code(), "invalid_argument");
            }
            // One row: a result or a typed error, never a panic.
            let one = cluster_matrix(&[vec![1.0, 2.0]], &[], &o);
            assert!(one.is_ok() || one.is_err_and(|e| e.code() == "invalid_argument"));
        }
        let huge = [
            r#"{"method": "kmeans", "params": {"n_clusters": 1000000}}"#,
            r#"{"method": "gmm", "params": {"n_components": 1000000}}"#,
            r#"{"method": "hdbscan", "params": {"min_cluster_size": 1000000}}"#,
            r#"{"method": "hdbscan", "params": {"min_cluster_size": 2, "min_samples": 1000000}}"#,
            r#"{"method": "dbscan", "params": {"eps": 1e308, "min_samples": 1000000}}"#,
        ];
        for json in huge {
            let r = cluster_matrix(&two_groups(), &[], &options(json));
            assert!(
                r.is_ok() || r.is_err_and(|e| e.code() == "invalid_argument"),
                "{json}"
            );
        }
        let negative = r#"{"method": "kmeans", "params": {"n_clusters": -1}}"#;
        assert!(cluster_matrix(&two_groups(), &[], &options(negative)).is_err());
    }

    #[test]
    fn columns_must_match_the_width_and_matrix_is_returned_when_asked() {
        let o = options(r#"{"method": "dbscan", "include_matrix": true}"#);
        assert!(cluster_matrix(&two_groups(), &["a".into()], &o).is_err());
        let r = cluster_matrix(&two_groups(), &[], &o).expect("valid");
        assert_eq!(r.matrix.expect("asked").len(), 16);
        assert_eq!(r.columns, vec!["x0", "x1"]);
    }
}
