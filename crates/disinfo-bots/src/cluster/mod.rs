//! Feature clustering of accounts at the scale of a national election study (a million
//! accounts in seconds): DBSCAN, HDBSCAN, K-Means, mini-batch K-Means and Gaussian mixtures on
//! standardised `log1p` features, with per-cluster summaries.
//!
//! One entry point, [`cluster_matrix`], takes an `ndarray` matrix (rows are accounts), its
//! column names and a JSON-shaped [`ClusterOptions`]; it returns a serialisable
//! [`ClusterResult`] — the same object in Rust, Python, Node and the CLI.
//! [`cluster_accounts`] does the same for a [`crate::features::FeatureMatrix`], leaving out
//! (and explaining) the columns that cannot be clustered.
//!
//! ```
//! use disinfo_bots::cluster::{cluster_matrix, ClusterOptions};
//! use ndarray::array;
//!
//! let matrix = array![[10.0, 1.0], [11.0, 1.0], [12.0, 2.0], [900.0, 50.0], [950.0, 55.0], [1000.0, 60.0]];
//! let columns = vec!["followers".to_string(), "posts_per_day".to_string()];
//! let options: ClusterOptions = serde_json::from_str(
//!     r#"{"method": "kmeans", "params": {"n_clusters": 2}}"#,
//! ).unwrap();
//! let result = cluster_matrix(matrix.view(), &columns, &options).unwrap();
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
//! standardised matrix (`python/tests` and `./x bench cluster` check this):
//!
//! - [`mod@standardise`]: optional `log1p`, then per-column z-score with the population standard
//!   deviation (`StandardScaler`); a constant column is centred and left unscaled.
//! - [`mod@dbscan`] (`sklearn.cluster.DBSCAN`: the same labels, border rows included) and
//!   [`hdbscan`] (`sklearn.cluster.HDBSCAN`), both over a k-d tree (`kdtree`) instead of all
//!   pairs, on every core.
//! - [`kmeans`] (`sklearn.cluster.KMeans`: the same k-means++ draws for the same
//!   `random_state`, `n_init` runs, Lloyd steps as single-precision products checked in double
//!   precision, O(n·k) per iteration) and
//!   [`kmeans::minibatch`] (`MiniBatchKMeans`, for tens of millions of rows).
//! - [`gmm`] (`sklearn.mixture.GaussianMixture`, full covariances, scikit-learn's K-Means
//!   starts, O(n·k·d²) per iteration in one parallel pass).
//! - [`summary`]: per-label size and medians of the original features.
//! - [`accounts`]: which columns of a feature matrix can be clustered, and clustering them with
//!   the account ids attached; [`input`]: a table (DataFrame, features object) as a feature
//!   matrix.
//! - [`pca`]: a two-dimensional projection of the clustered matrix, for maps.
//!
//! Why not `linfa`: each module's documentation names what `linfa-clustering` and `linfa-nn`
//! (0.8) lack for this job; in short, agreement with scikit-learn (draws, tolerances, border
//! rows), counts and whole-node answers from the spatial index, parallel steps and HDBSCAN.
//! `ndarray` (0.16, the version numpy's binding pins) is the matrix type throughout.

pub mod accounts;
pub mod dbscan;
pub mod gmm;
pub mod hdbscan;
pub mod input;
pub(crate) mod kdtree;
pub mod kmeans;
pub mod pca;
mod prefetch;
pub(crate) mod rng;
pub mod standardise;
pub mod summary;
mod unionfind;

use ndarray::{ArrayView2, CowArray, Ix2};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use accounts::{AccountClusters, cluster_accounts};
pub use dbscan::{DbscanParams, dbscan};
pub use gmm::{GmmDetails, GmmParams};
pub use hdbscan::{HdbscanDetails, HdbscanParams, SelectionMethod};
pub use kmeans::{KMeansParams, KMeansResult, MiniBatchParams};
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

/// `Err` for a matrix of no columns: its rows are all one point, which no method separates
/// (and which K-Means' rows of no values would not even count).
pub(crate) fn check_columns(x: ArrayView2<'_, f64>) -> Result<()> {
    if x.ncols() == 0 {
        return Err(bad("matrix", "has no columns"));
    }
    Ok(())
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
    /// Mini-batch K-Means ([`MiniBatchParams`]), for tens of millions of rows.
    #[serde(rename = "minibatch_kmeans")]
    MinibatchKmeans,
}

impl ClusterMethod {
    /// The method's name as options spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterMethod::Dbscan => "dbscan",
            ClusterMethod::Kmeans => "kmeans",
            ClusterMethod::Gmm => "gmm",
            ClusterMethod::Hdbscan => "hdbscan",
            ClusterMethod::MinibatchKmeans => "minibatch_kmeans",
        }
    }
}

/// Options of [`cluster_matrix`], deserialisable from JSON such as
/// `{"method": "hdbscan", "params": {"min_cluster_size": 10}, "standardise": true, "log1p": true}`.
/// Unknown keys are rejected, here and in `params`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ClusterOptions {
    /// `dbscan` (default), `kmeans`, `gmm`, `hdbscan` or `minibatch_kmeans`.
    pub method: ClusterMethod,
    /// The method's parameters ([`DbscanParams`], [`KMeansParams`], [`GmmParams`],
    /// [`HdbscanParams`], [`MiniBatchParams`]); missing keys take their defaults. Default: none.
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
    /// Lloyd iterations of the kept run (mini-batch: steps).
    pub iterations: usize,
    /// Sum of squared distances of rows to their centre.
    pub inertia: f64,
    /// Runs made (`n_init`).
    pub n_init: usize,
    /// The seed of the starts (`random_state`).
    pub seed: u64,
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
    /// K-Means (and mini-batch K-Means) centres, iterations, inertia, runs and seed.
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

/// Clusters the rows of `matrix` (accounts × features, finite values) as `options` says.
/// `columns` names the columns (empty: `x0`, `x1`, ...).
///
/// Errors are `invalid_argument`: an empty matrix, a non-finite value (named by column and
/// row), `log1p` of a value `<= -1`, unknown options or parameters, and parameters out of range
/// for the data (more clusters than rows, `min_samples` above the row count, ...).
pub fn cluster_matrix(
    matrix: ArrayView2<'_, f64>,
    columns: &[String],
    options: &ClusterOptions,
) -> Result<ClusterResult> {
    let columns = column_names(matrix, columns)?;
    if !options.standardise {
        // Standardising checks the values itself.
        standardise::check_finite(matrix, &columns)?;
    }
    cluster_finite(matrix, columns, options)
}

/// The names of columns given none: `x0`, `x1`, ...
pub(crate) fn default_names(count: usize) -> Vec<String> {
    (0..count).map(|j| format!("x{j}")).collect()
}

/// The names of the columns of `matrix` ([`default_names`] when none are given); an error for an
/// empty matrix or a wrong number of names.
pub(crate) fn column_names(matrix: ArrayView2<'_, f64>, columns: &[String]) -> Result<Vec<String>> {
    let (rows, width) = matrix.dim();
    if rows == 0 {
        return Err(bad("matrix", "has no rows"));
    }
    check_columns(matrix)?;
    if columns.is_empty() {
        Ok(default_names(width))
    } else if columns.len() == width {
        Ok(columns.to_vec())
    } else {
        Err(bad(
            "columns",
            format!(
                "has {} names but the matrix has {width} columns",
                columns.len()
            ),
        ))
    }
}

/// [`cluster_matrix`] on a matrix whose values are known to be finite (the column choice
/// checked them), with its [`column_names`].
pub(crate) fn cluster_finite(
    matrix: ArrayView2<'_, f64>,
    columns: Vec<String>,
    options: &ClusterOptions,
) -> Result<ClusterResult> {
    // Not standardised: the caller's matrix itself when it is in row-major order already.
    let x: CowArray<'_, f64, Ix2> = if options.standardise {
        standardise(matrix, options.log1p, &columns)?.into()
    } else {
        matrix.as_standard_layout()
    };
    let (labels, details) = run_method(x.view(), options)?;
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
        kmeans: details.kmeans,
        gmm: details.gmm,
        hdbscan: details.hdbscan,
        matrix: options
            .include_matrix
            .then(|| x.rows().into_iter().map(|r| r.to_vec()).collect()),
    })
}

/// What a method reports besides labels.
#[derive(Default)]
struct Details {
    kmeans: Option<KMeansDetails>,
    gmm: Option<GmmDetails>,
    hdbscan: Option<HdbscanDetails>,
}

fn kmeans_details(r: KMeansResult) -> (Vec<i64>, Details) {
    let labels = r.labels.iter().map(|&l| l as i64).collect();
    let details = Details {
        kmeans: Some(KMeansDetails {
            centres: r.centres,
            iterations: r.iterations,
            inertia: r.inertia,
            n_init: r.n_init,
            seed: r.seed,
        }),
        ..Details::default()
    };
    (labels, details)
}

/// Runs the chosen method on the (standardised) matrix.
fn run_method(x: ArrayView2<'_, f64>, options: &ClusterOptions) -> Result<(Vec<i64>, Details)> {
    Ok(match options.method {
        ClusterMethod::Dbscan => {
            let p: DbscanParams = options.params()?;
            (dbscan(x, p.eps, p.min_samples)?, Details::default())
        }
        ClusterMethod::Kmeans => kmeans_details(kmeans::fit_finite(x, &options.params()?)?),
        ClusterMethod::MinibatchKmeans => {
            kmeans_details(kmeans::minibatch_kmeans(x, &options.params()?)?)
        }
        ClusterMethod::Gmm => {
            let p: GmmParams = options.params()?;
            let (labels, details) = gmm::fit(x, &p)?;
            let labels = labels.into_iter().map(|l| l as i64).collect();
            (
                labels,
                Details {
                    gmm: Some(details),
                    ..Details::default()
                },
            )
        }
        ClusterMethod::Hdbscan => {
            let p: HdbscanParams = options.params()?;
            let (labels, details) = hdbscan::fit(x, &p)?;
            (
                labels,
                Details {
                    hdbscan: Some(details),
                    ..Details::default()
                },
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};

    fn options(json: &str) -> ClusterOptions {
        ClusterOptions::from_json(serde_json::from_str(json).expect("json")).expect("options")
    }

    fn two_groups() -> Array2<f64> {
        Array2::from_shape_fn((16, 2), |(i, j)| {
            let k = (i / 2) as f64;
            match (i % 2, j) {
                (0, 0) => 10.0 + k,
                (0, _) => 1.0,
                (_, 0) => 5000.0 + 10.0 * k,
                _ => 80.0,
            }
        })
    }

    #[test]
    fn every_method_separates_two_groups() {
        for json in [
            r#"{"method": "dbscan", "params": {"eps": 0.5, "min_samples": 3}}"#,
            r#"{"method": "kmeans", "params": {"n_clusters": 2}}"#,
            r#"{"method": "minibatch_kmeans", "params": {"n_clusters": 2, "batch_size": 8}}"#,
            r#"{"method": "gmm", "params": {"n_components": 2}}"#,
            r#"{"method": "hdbscan", "params": {"min_cluster_size": 4}}"#,
        ] {
            let r = cluster_matrix(two_groups().view(), &[], &options(json)).expect(json);
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
            two_groups().view(),
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
        let e = cluster_matrix(two_groups().view(), &[], &o).expect_err("unknown param");
        assert_eq!(e.code(), "invalid_argument");
        assert_eq!(parse("null").expect("defaults"), ClusterOptions::default());
    }

    #[test]
    fn hostile_inputs_are_errors_not_panics() {
        let all = ["dbscan", "kmeans", "gmm", "hdbscan", "minibatch_kmeans"];
        let nan = array![[1.0], [f64::NAN]];
        let inf = array![[1.0], [f64::INFINITY]];
        let empty = Array2::<f64>::zeros((0, 2));
        let no_columns = Array2::<f64>::zeros((3, 0));
        for method in all {
            let o = options(&format!(r#"{{"method": "{method}"}}"#));
            for m in [&empty, &nan, &inf, &no_columns] {
                let e = cluster_matrix(m.view(), &[], &o).expect_err(method);
                assert_eq!(e.code(), "invalid_argument");
            }
            // One row, duplicate rows, a constant column: a result or a typed error.
            for m in [
                array![[1.0, 2.0]],
                Array2::from_elem((12, 2), 1.5),
                array![[1.0, 0.0], [1.0, 5.0], [1.0, 9.0]],
            ] {
                let r = cluster_matrix(m.view(), &[], &o);
                assert!(
                    r.is_ok() || r.is_err_and(|e| e.code() == "invalid_argument"),
                    "{method}"
                );
            }
        }
        let huge = [
            r#"{"method": "kmeans", "params": {"n_clusters": 1000000}}"#,
            r#"{"method": "gmm", "params": {"n_components": 1000000}}"#,
            r#"{"method": "hdbscan", "params": {"min_cluster_size": 1000000}}"#,
            r#"{"method": "hdbscan", "params": {"min_cluster_size": 2, "min_samples": 1000000}}"#,
            r#"{"method": "dbscan", "params": {"eps": 1e308, "min_samples": 1000000}}"#,
        ];
        for json in huge {
            let r = cluster_matrix(two_groups().view(), &[], &options(json));
            assert!(
                r.is_ok() || r.is_err_and(|e| e.code() == "invalid_argument"),
                "{json}"
            );
        }
        let negative = r#"{"method": "kmeans", "params": {"n_clusters": -1}}"#;
        assert!(cluster_matrix(two_groups().view(), &[], &options(negative)).is_err());
    }

    #[test]
    fn every_method_rejects_rows_of_no_values_by_itself() {
        // Not only through `cluster_matrix`: K-Means once answered 5 rows of no values with
        // no labels at all.
        let x = Array2::<f64>::zeros((5, 0));
        let kmeans_params = kmeans::KMeansParams {
            n_clusters: Some(2),
            ..Default::default()
        };
        let minibatch_params = kmeans::MiniBatchParams {
            n_clusters: 2,
            ..Default::default()
        };
        let gmm_params = gmm::GmmParams {
            n_components: 2,
            ..Default::default()
        };
        let errors = [
            kmeans::fit(x.view(), &kmeans_params).map(|_| ()),
            kmeans::minibatch_kmeans(x.view(), &minibatch_params).map(|_| ()),
            gmm::fit(x.view(), &gmm_params).map(|_| ()),
            dbscan::dbscan(x.view(), 0.5, 2).map(|_| ()),
            hdbscan::fit(x.view(), &Default::default()).map(|_| ()),
        ];
        for (i, r) in errors.into_iter().enumerate() {
            let e = r.expect_err("no columns");
            assert_eq!(e.code(), "invalid_argument", "method {i}");
            assert!(e.to_string().contains("has no columns"), "method {i}: {e}");
        }
    }

    #[test]
    fn columns_must_match_the_width_and_matrix_is_returned_when_asked() {
        let o = options(r#"{"method": "dbscan", "include_matrix": true}"#);
        assert!(cluster_matrix(two_groups().view(), &["a".into()], &o).is_err());
        let r = cluster_matrix(two_groups().view(), &[], &o).expect("valid");
        assert_eq!(r.matrix.expect("asked").len(), 16);
        assert_eq!(r.columns, vec!["x0", "x1"]);
    }
}
