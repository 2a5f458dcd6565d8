//! HDBSCAN (Campello, Moulavi & Sander 2013) as scikit-learn's `sklearn.cluster.HDBSCAN`
//! defines it for the Euclidean metric: core distances and the minimum spanning tree of mutual
//! reachability over a k-d tree (`mst`: Borůvka, O(n log n) on spread data where
//! scikit-learn's Prim is quadratic), then the single-linkage tree, the condensed tree,
//! excess-of-mass or leaf selection and labels (`tree`).
//!
//! Labels equal scikit-learn's up to the order of merges at exactly tied heights (see `mst`):
//! `python/tests` checks that every row on which we differ from scikit-learn's own steps is a
//! row that scikit-learn itself moves when given the same data in another row order, and that
//! all other rows have the same label (up to renumbering) and membership probability; it also
//! checks the agreement with `HDBSCAN.fit`. `linfa-clustering` has no HDBSCAN.

mod mst;
mod tree;

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::kdtree::KdTree;
use super::{bad, check_columns, check_non_negative, check_positive};
use crate::error::Result;

/// How clusters are chosen from the condensed tree.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SelectionMethod {
    /// Excess of mass (the default): the most persistent clusters.
    #[default]
    Eom,
    /// The leaves of the cluster tree: many small homogeneous clusters.
    Leaf,
}

/// Parameters of HDBSCAN (`params` of [`super::ClusterOptions`] with `method: "hdbscan"`).
/// Defaults are scikit-learn's.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct HdbscanParams {
    /// Smallest group counted as a cluster (>= 2); default 5.
    pub min_cluster_size: usize,
    /// Neighbours (the point included) that define the core distance; default
    /// `min_cluster_size`. Must not exceed the number of rows.
    pub min_samples: Option<usize>,
    /// Clusters split below this distance are merged back; default 0 (off).
    pub cluster_selection_epsilon: f64,
    /// `eom` (default) or `leaf`.
    pub cluster_selection_method: SelectionMethod,
    /// Allow the whole data set as one cluster; default false.
    pub allow_single_cluster: bool,
}

impl Default for HdbscanParams {
    fn default() -> Self {
        HdbscanParams {
            min_cluster_size: 5,
            min_samples: None,
            cluster_selection_epsilon: 0.0,
            cluster_selection_method: SelectionMethod::Eom,
            allow_single_cluster: false,
        }
    }
}

/// What HDBSCAN reports besides labels (`hdbscan` of [`super::ClusterResult`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HdbscanDetails {
    /// Strength of each row's membership in its cluster, in [0, 1]; 0 for noise.
    pub probabilities: Vec<f64>,
}

/// HDBSCAN labels (`-1` is noise; clusters numbered in the order of their condensed-tree ids,
/// as scikit-learn numbers them) and membership probabilities of the rows of `x` (finite,
/// usually standardised).
///
/// ```
/// use disinfo_bots::cluster::hdbscan::{fit, HdbscanParams};
/// use ndarray::Array2;
///
/// // Two tight groups of 6 rows and one far row.
/// let x = Array2::from_shape_fn((13, 1), |(i, _)| match i { 0..6 => i as f64 * 0.01, 6..12 => 10.0 + i as f64 * 0.01, _ => 50.0 });
/// let (labels, _) = fit(x.view(), &HdbscanParams::default()).unwrap();
/// assert!(labels[..6].iter().all(|&l| l == labels[0]) && labels[0] >= 0);
/// assert_ne!(labels[0], labels[6]);
/// assert_eq!(labels[12], -1);
/// ```
pub fn fit(x: ArrayView2<'_, f64>, params: &HdbscanParams) -> Result<(Vec<i64>, HdbscanDetails)> {
    let n = x.nrows();
    if params.min_cluster_size < 2 {
        return Err(bad("min_cluster_size", "must be >= 2"));
    }
    let min_samples = params.min_samples.unwrap_or(params.min_cluster_size);
    check_positive("min_samples", min_samples)?;
    check_columns(x)?;
    if n < 2 {
        return Err(bad("matrix", "HDBSCAN needs at least 2 rows"));
    }
    if min_samples > n {
        return Err(bad(
            "min_samples",
            format!(
                "is {min_samples} (min_samples defaults to min_cluster_size) but the matrix \
                 has only {n} rows"
            ),
        ));
    }
    let eps = params.cluster_selection_epsilon;
    check_non_negative("cluster_selection_epsilon", eps)?;
    super::standardise::check_finite(x, &[])?;
    let index = KdTree::new(x);
    let cores = mst::core_distances(&index, min_samples);
    let edges = mst::mst(&index, &cores);
    drop(index);
    let merges = tree::single_linkage(n, edges);
    let tree = tree::Tree::new(n, tree::condense(&merges, n, params.min_cluster_size));
    let selected = tree.select(params);
    let (labels, probabilities) = tree.label(&selected, params);
    Ok((labels, HdbscanDetails { probabilities }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn blobs() -> Array2<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut x = Array2::zeros((61, 2));
        for (b, (cx, spread)) in [(0.0, 0.3), (10.0, 0.6)].into_iter().enumerate() {
            for i in 0..30 {
                x[[b * 30 + i, 0]] = cx + spread * (rng.random::<f64>() - 0.5);
                x[[b * 30 + i, 1]] = spread * (rng.random::<f64>() - 0.5);
            }
        }
        x[[60, 0]] = 5.0;
        x[[60, 1]] = 40.0;
        x
    }

    #[test]
    fn hdbscan_finds_two_blobs_and_one_outlier() {
        let (labels, details) = fit(blobs().view(), &HdbscanParams::default()).expect("valid");
        assert!(labels[..30].iter().all(|&l| l == labels[0]));
        assert!(labels[30..60].iter().all(|&l| l == labels[30]));
        assert_ne!(labels[0], labels[30]);
        assert!(labels[0] >= 0 && labels[30] >= 0);
        assert_eq!(labels[60], -1);
        assert_eq!(details.probabilities[60], 0.0);
        assert!(
            details
                .probabilities
                .iter()
                .all(|p| (0.0..=1.0).contains(p))
        );
    }

    #[test]
    fn hdbscan_one_blob_is_noise_unless_single_cluster_allowed() {
        let x = Array2::from_shape_fn((20, 1), |(i, _)| i as f64 * 0.1);
        let (labels, _) = fit(x.view(), &HdbscanParams::default()).expect("valid");
        assert!(labels.iter().all(|&l| l == -1));
        let single = HdbscanParams {
            allow_single_cluster: true,
            ..HdbscanParams::default()
        };
        let (labels, _) = fit(x.view(), &single).expect("valid");
        assert!(labels.contains(&0));
    }

    #[test]
    fn hdbscan_duplicate_rows_do_not_panic() {
        let x = Array2::from_elem((12, 2), 1.0);
        let (labels, details) = fit(x.view(), &HdbscanParams::default()).expect("valid");
        assert_eq!(labels.len(), 12);
        assert!(details.probabilities.iter().all(|p| p.is_finite()));
        let leaf = HdbscanParams {
            cluster_selection_method: SelectionMethod::Leaf,
            cluster_selection_epsilon: 0.5,
            allow_single_cluster: true,
            ..HdbscanParams::default()
        };
        assert!(fit(x.view(), &leaf).is_ok());
    }

    #[test]
    fn hdbscan_rejects_min_samples_above_rows_and_single_row() {
        assert!(fit(Array2::zeros((3, 1)).view(), &HdbscanParams::default()).is_err());
        let p = HdbscanParams {
            min_cluster_size: 2,
            ..HdbscanParams::default()
        };
        assert!(fit(array![[0.0]].view(), &p).is_err());
        assert!(fit(array![[0.0], [1.0]].view(), &p).is_ok());
    }
}
