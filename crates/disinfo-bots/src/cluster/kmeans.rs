//! K-Means (Lloyd) as scikit-learn's `sklearn.cluster.KMeans(algorithm="lloyd")` defines it,
//! with its greedy k-means++ initialisation when no initial centres are given.
//!
//! Lloyd iterations: ties go to the lowest centre index; an empty cluster keeps its previous
//! centre; stops when labels no longer change, when the total squared centre shift is `<= tol`,
//! or after `max_iter` iterations, then labels are recomputed against the final centres.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::{
    bad, check_cluster_count, check_non_negative, check_positive, sq_dist,
    standardise::check_matrix,
};
use crate::error::Result;

/// Parameters of K-Means (`params` of [`super::ClusterOptions`] with `method: "kmeans"`).
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct KMeansParams {
    /// Number of clusters; default: the number of `initial_centres`, else 8 (scikit-learn's).
    pub n_clusters: Option<usize>,
    /// Initial centres (in the clustered, i.e. standardised, space); default: seeded greedy
    /// k-means++.
    pub initial_centres: Option<Vec<Vec<f64>>>,
    /// Maximum Lloyd iterations; default 300.
    pub max_iter: usize,
    /// Relative tolerance: iterations stop when the total squared centre shift is `<=
    /// tol × mean column variance` (scikit-learn's definition); default 1e-4.
    pub tol: f64,
    /// Seed of the k-means++ initialisation; default 42.
    pub seed: u64,
}

impl Default for KMeansParams {
    fn default() -> Self {
        KMeansParams {
            n_clusters: None,
            initial_centres: None,
            max_iter: 300,
            tol: 1e-4,
            seed: 42,
        }
    }
}

/// The result of [`kmeans`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KMeansResult {
    /// Cluster index of each row.
    pub labels: Vec<usize>,
    /// Final centres, one row per cluster.
    pub centres: Vec<Vec<f64>>,
    /// Lloyd iterations run.
    pub iterations: usize,
    /// Sum of squared distances of rows to their centre.
    pub inertia: f64,
}

fn assign(matrix: &[Vec<f64>], centres: &[Vec<f64>]) -> Vec<usize> {
    matrix
        .iter()
        .map(|row| {
            let mut best = 0;
            let mut best_d = f64::INFINITY;
            for (k, c) in centres.iter().enumerate() {
                let d = sq_dist(row, c);
                if d < best_d {
                    best = k;
                    best_d = d;
                }
            }
            best
        })
        .collect()
}

/// K-Means (Lloyd) from the given initial centres; `tol` is absolute (squared centre shift).
pub fn kmeans(
    matrix: &[Vec<f64>],
    initial_centres: &[Vec<f64>],
    max_iter: usize,
    tol: f64,
) -> Result<KMeansResult> {
    let width = check_matrix(matrix)?;
    if initial_centres.is_empty() {
        return Err(bad("initial_centres", "needs at least one centre"));
    }
    if initial_centres
        .iter()
        .any(|c| c.len() != width || c.iter().any(|v| !v.is_finite()))
    {
        return Err(bad(
            "initial_centres",
            format!("every centre needs {width} finite values"),
        ));
    }
    check_non_negative("tol", tol)?;
    let mut centres = initial_centres.to_vec();
    let mut labels = assign(matrix, &centres);
    let mut iterations = 0;
    let mut converged = false;
    while iterations < max_iter {
        iterations += 1;
        let mut sums = vec![vec![0.0; width]; centres.len()];
        let mut counts = vec![0usize; centres.len()];
        for (row, &k) in matrix.iter().zip(&labels) {
            counts[k] += 1;
            for (s, v) in sums[k].iter_mut().zip(row) {
                *s += v;
            }
        }
        let mut shift = 0.0;
        for (k, centre) in centres.iter_mut().enumerate() {
            if counts[k] == 0 {
                continue;
            }
            let new: Vec<f64> = sums[k].iter().map(|s| s / counts[k] as f64).collect();
            shift += sq_dist(centre, &new);
            *centre = new;
        }
        let new_labels = assign(matrix, &centres);
        let same = new_labels == labels;
        labels = new_labels;
        if same || shift <= tol {
            converged = true;
            break;
        }
    }
    if !converged {
        labels = assign(matrix, &centres);
    }
    let inertia = matrix
        .iter()
        .zip(&labels)
        .map(|(row, &k)| sq_dist(row, &centres[k]))
        .sum();
    Ok(KMeansResult {
        labels,
        centres,
        iterations,
        inertia,
    })
}

/// Seeded greedy k-means++ (Arthur & Vassilvitskii 2007, with scikit-learn's `2 + ln k` local
/// trials per centre): each new centre is the best of the trials drawn with probability
/// proportional to the squared distance to the nearest chosen centre.
pub(super) fn kmeans_plus_plus(matrix: &[Vec<f64>], k: usize, seed: u64) -> Vec<Vec<f64>> {
    let n = matrix.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    if n == 0 || k == 0 {
        return Vec::new();
    }
    let trials = 2 + (k as f64).ln().floor() as usize;
    let first = rng.random_range(0..n);
    let mut centres = vec![matrix[first].clone()];
    let mut closest: Vec<f64> = matrix.iter().map(|r| sq_dist(r, &matrix[first])).collect();
    let mut pot: f64 = closest.iter().sum();
    while centres.len() < k {
        let mut cumulative = Vec::with_capacity(n);
        let mut acc = 0.0;
        for d in &closest {
            acc += d;
            cumulative.push(acc);
        }
        let mut best: Option<(usize, f64, Vec<f64>)> = None;
        for _ in 0..trials {
            let target = rng.random::<f64>() * pot;
            let id = cumulative.partition_point(|&c| c < target).min(n - 1);
            let dist: Vec<f64> = matrix
                .iter()
                .zip(&closest)
                .map(|(r, &c)| sq_dist(r, &matrix[id]).min(c))
                .collect();
            let candidate_pot: f64 = dist.iter().sum();
            if best.as_ref().is_none_or(|(_, p, _)| candidate_pot < *p) {
                best = Some((id, candidate_pot, dist));
            }
        }
        match best {
            Some((id, p, dist)) => {
                centres.push(matrix[id].clone());
                pot = p;
                closest = dist;
            }
            None => break,
        }
    }
    centres
}

/// K-Means with [`KMeansParams`]: k-means++ unless initial centres are given, `tol` relative.
pub fn fit(matrix: &[Vec<f64>], params: &KMeansParams) -> Result<KMeansResult> {
    let width = check_matrix(matrix)?;
    let n = matrix.len();
    let k = match (&params.initial_centres, params.n_clusters) {
        (Some(c), Some(k)) if c.len() != k => {
            return Err(bad(
                "n_clusters",
                format!("is {k} but {} initial_centres were given", c.len()),
            ));
        }
        (Some(c), _) => c.len(),
        (None, Some(k)) => k,
        (None, None) => 8,
    };
    check_cluster_count("n_clusters", k, n)?;
    check_positive("max_iter", params.max_iter)?;
    check_non_negative("tol", params.tol)?;
    let centres = match &params.initial_centres {
        Some(c) => c.clone(),
        None => kmeans_plus_plus(matrix, k, params.seed),
    };
    let mut mean_var = 0.0;
    if width > 0 {
        for c in 0..width {
            let mean = matrix.iter().map(|r| r[c]).sum::<f64>() / n as f64;
            mean_var += matrix.iter().map(|r| (r[c] - mean).powi(2)).sum::<f64>() / n as f64;
        }
        mean_var /= width as f64;
    }
    kmeans(matrix, &centres, params.max_iter, params.tol * mean_var)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kmeans_converges_on_two_blobs() {
        let m = vec![vec![0.0], vec![0.2], vec![10.0], vec![10.2]];
        let r = kmeans(&m, &[vec![0.0], vec![1.0]], 100, 0.0).expect("valid");
        assert_eq!(r.labels, vec![0, 0, 1, 1]);
        assert!((r.centres[1][0] - 10.1).abs() < 1e-12);
    }

    #[test]
    fn kmeans_plus_plus_finds_three_blobs_and_is_seeded() {
        let mut m = Vec::new();
        for c in [0.0, 10.0, 20.0] {
            for i in 0..10 {
                m.push(vec![c + f64::from(i) * 0.01, c]);
            }
        }
        let p = KMeansParams {
            n_clusters: Some(3),
            ..KMeansParams::default()
        };
        let a = fit(&m, &p).expect("valid");
        let b = fit(&m, &p).expect("valid");
        assert_eq!(a, b);
        for blob in a.labels.chunks(10) {
            assert!(blob.iter().all(|&l| l == blob[0]));
        }
        assert_ne!(a.labels[0], a.labels[10]);
        assert_ne!(a.labels[10], a.labels[20]);
    }

    #[test]
    fn kmeans_rejects_more_clusters_than_rows() {
        let p = KMeansParams {
            n_clusters: Some(5),
            ..KMeansParams::default()
        };
        assert!(fit(&[vec![0.0], vec![1.0]], &p).is_err());
    }
}
