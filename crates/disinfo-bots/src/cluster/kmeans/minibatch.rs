//! Mini-batch K-Means (Sculley 2010, *Web-scale k-means clustering*) with scikit-learn's
//! `MiniBatchKMeans` steps, for tens of millions of rows: each step draws `batch_size` rows at
//! random (with replacement), moves every centre towards the mean of its batch rows with a
//! per-centre learning rate `1 / (rows it has seen)`, and the run stops after `max_iter` passes
//! over the data or when the smoothed batch inertia has not improved for `max_no_improvement`
//! steps. The starting centres are k-means++ on `init_size` rows drawn at random. The final
//! labels and inertia come from one full pass over all rows.
//!
//! Differences from scikit-learn, stated: the random draws are not numpy's (no parity of labels
//! is claimed, only of the method), and small clusters are not randomly reassigned
//! (`reassignment_ratio`): a centre that attracts no row keeps its place.

use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;
use serde::Deserialize;

use super::super::kdtree::rdist;
use super::super::rng::SklearnRng;
use super::rows::CentredRows;
use super::{CHUNK, KMeansResult, init, resolve_seed};
use crate::cluster::{bad, check_cluster_count, check_columns, check_positive};
use crate::error::Result;

/// Parameters of mini-batch K-Means (`params` with `method: "minibatch_kmeans"`); names and
/// defaults are scikit-learn's `MiniBatchKMeans`.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct MiniBatchParams {
    /// Number of clusters; default 8.
    pub n_clusters: usize,
    /// Rows per step; default 1024.
    pub batch_size: usize,
    /// Passes over the data, at most; default 100.
    pub max_iter: usize,
    /// Rows drawn for the k-means++ start; default `3 × batch_size` (at least `n_clusters`).
    pub init_size: Option<usize>,
    /// Steps without improvement of the smoothed batch inertia before stopping; default 10.
    pub max_no_improvement: usize,
    /// Seed, as scikit-learn's `random_state` (0 to 2³²-1); default 42.
    pub random_state: Option<u64>,
    /// Another name for `random_state`.
    pub seed: Option<u64>,
}

impl Default for MiniBatchParams {
    fn default() -> Self {
        MiniBatchParams {
            n_clusters: 8,
            batch_size: 1024,
            max_iter: 100,
            init_size: None,
            max_no_improvement: 10,
            random_state: None,
            seed: None,
        }
    }
}

/// Mini-batch K-Means on the rows of `x` (finite).
///
/// ```
/// use disinfo_bots::cluster::kmeans::{minibatch_kmeans, MiniBatchParams};
/// use ndarray::Array2;
///
/// let x = Array2::from_shape_fn((2000, 1), |(i, _)| if i % 2 == 0 { 0.0 } else { 100.0 } + (i % 7) as f64);
/// let r = minibatch_kmeans(x.view(), &MiniBatchParams { n_clusters: 2, ..Default::default() }).unwrap();
/// assert_ne!(r.labels[0], r.labels[1]);
/// assert!(r.labels.iter().step_by(2).all(|&l| l == r.labels[0]));
/// ```
pub fn minibatch_kmeans(x: ArrayView2<'_, f64>, params: &MiniBatchParams) -> Result<KMeansResult> {
    super::super::standardise::check_finite(x, &[])?;
    check_columns(x)?;
    let (n, d) = x.dim();
    let k = params.n_clusters;
    check_cluster_count("n_clusters", k, n)?;
    check_positive("batch_size", params.batch_size)?;
    check_positive("max_iter", params.max_iter)?;
    let seed_value = resolve_seed(params.random_state, params.seed)?;
    let mut rng = SklearnRng::new(seed_value);
    let owned = x.as_standard_layout();
    let data = owned.as_slice().unwrap_or_default();
    let row = |i: usize| &data[i * d..(i + 1) * d];
    let init_size = params
        .init_size
        .unwrap_or(3 * params.batch_size)
        .max(k)
        .min(n);
    if init_size < k {
        return Err(bad("init_size", "must be at least n_clusters"));
    }
    let sample: Vec<f64> = (0..init_size)
        .flat_map(|_| row(rng.below(n)).to_vec())
        .collect();
    let norms: Vec<f64> = sample
        .chunks_exact(d.max(1))
        .map(|r| r.iter().map(|v| v * v).sum())
        .collect();
    let origin = vec![0.0; d];
    let mut centres =
        init::kmeans_plus_plus(CentredRows::new(&sample, &origin), &norms, k, &mut rng);
    let mut seen = vec![0.0f64; k];
    let batch = params.batch_size.min(n);
    let steps = (params.max_iter.saturating_mul(n) / batch).max(1);
    let alpha = (batch as f64 * 2.0 / (n as f64 + 1.0)).min(1.0);
    let (mut ewa, mut ewa_min, mut stale) = (f64::NAN, f64::INFINITY, 0usize);
    let mut iterations = 0;
    for step in 0..steps {
        iterations = step + 1;
        let picks: Vec<usize> = (0..batch).map(|_| rng.below(n)).collect();
        let c = centres.as_slice().unwrap_or_default().to_vec();
        let assigned: Vec<(usize, f64)> =
            picks.par_iter().map(|&i| nearest(row(i), &c, d)).collect();
        let mut sums = vec![0.0; k * d];
        let mut counts = vec![0.0f64; k];
        let mut inertia = 0.0;
        for (&i, &(j, dist)) in picks.iter().zip(&assigned) {
            counts[j] += 1.0;
            inertia += dist;
            for (s, v) in sums[j * d..(j + 1) * d].iter_mut().zip(row(i)) {
                *s += v;
            }
        }
        for j in 0..k {
            if counts[j] > 0.0 {
                let total = seen[j] + counts[j];
                for t in 0..d {
                    centres[[j, t]] = (centres[[j, t]] * seen[j] + sums[j * d + t]) / total;
                }
                seen[j] = total;
            }
        }
        let batch_inertia = inertia / batch as f64;
        ewa = if ewa.is_nan() {
            batch_inertia
        } else {
            ewa * (1.0 - alpha) + batch_inertia * alpha
        };
        if ewa < ewa_min {
            ewa_min = ewa;
            stale = 0;
        } else {
            stale += 1;
            if params.max_no_improvement > 0 && stale >= params.max_no_improvement {
                break;
            }
        }
    }
    let c = centres.as_slice().unwrap_or_default().to_vec();
    let labelled: Vec<Vec<(usize, f64)>> = (0..n)
        .collect::<Vec<_>>()
        .par_chunks(CHUNK)
        .map(|rows| rows.iter().map(|&i| nearest(row(i), &c, d)).collect())
        .collect();
    let mut labels = Vec::with_capacity(n);
    let mut inertia = 0.0;
    for chunk in labelled {
        let mut part = 0.0;
        for (j, dist) in chunk {
            labels.push(j);
            part += dist;
        }
        inertia += part;
    }
    Ok(KMeansResult {
        labels,
        centres: rows_of(&centres),
        iterations,
        inertia,
        n_init: 1,
        seed: u64::from(seed_value),
    })
}

fn nearest(p: &[f64], centres: &[f64], d: usize) -> (usize, f64) {
    let mut best = (0, f64::INFINITY);
    for (j, c) in centres.chunks_exact(d.max(1)).enumerate() {
        let dist = rdist(p, c);
        if dist < best.1 {
            best = (j, dist);
        }
    }
    best
}

fn rows_of(a: &Array2<f64>) -> Vec<Vec<f64>> {
    a.rows().into_iter().map(|r| r.to_vec()).collect()
}
