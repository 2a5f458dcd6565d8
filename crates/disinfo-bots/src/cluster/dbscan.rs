//! DBSCAN as scikit-learn's `sklearn.cluster.DBSCAN` defines it (Euclidean).
//!
//! A point's neighbourhood includes itself and every point at distance `<= eps`; a point is core
//! when its neighbourhood has at least `min_samples` points; clusters are grown in input order
//! from unvisited core points, so a border point joins the first cluster that reaches it; noise
//! is `-1`. O(n²) distance computations: meant for per-account feature matrices, not for posts.

use serde::Deserialize;

use super::{bad, check_positive, sq_dist, standardise::check_matrix};
use crate::error::Result;

/// Parameters of DBSCAN (`params` of [`super::ClusterOptions`] with `method: "dbscan"`).
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DbscanParams {
    /// Neighbourhood radius in (standardised) feature space; default 0.5.
    pub eps: f64,
    /// Points in a neighbourhood (itself included) that make a core point; default 5.
    pub min_samples: usize,
}

impl Default for DbscanParams {
    fn default() -> Self {
        DbscanParams {
            eps: 0.5,
            min_samples: 5,
        }
    }
}

/// DBSCAN labels (`-1` is noise, clusters are numbered from 0 in order of discovery).
pub fn dbscan(matrix: &[Vec<f64>], eps: f64, min_samples: usize) -> Result<Vec<i64>> {
    check_matrix(matrix)?;
    if !(eps.is_finite() && eps > 0.0) {
        return Err(bad("eps", "must be a finite number > 0"));
    }
    check_positive("min_samples", min_samples)?;
    let n = matrix.len();
    let eps2 = eps * eps;
    let neighbours: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            (0..n)
                .filter(|&j| sq_dist(&matrix[i], &matrix[j]) <= eps2)
                .collect()
        })
        .collect();
    let core: Vec<bool> = neighbours
        .iter()
        .map(|nb| nb.len() >= min_samples)
        .collect();
    let mut labels = vec![-1i64; n];
    let mut next = 0i64;
    let mut stack = Vec::new();
    for start in 0..n {
        if labels[start] != -1 || !core[start] {
            continue;
        }
        stack.push(start);
        while let Some(i) = stack.pop() {
            if labels[i] != -1 {
                continue;
            }
            labels[i] = next;
            if core[i] {
                stack.extend(neighbours[i].iter().copied().filter(|&j| labels[j] == -1));
            }
        }
        next += 1;
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dbscan_separates_two_blobs_and_marks_noise() {
        let m = vec![
            vec![0.0, 0.0],
            vec![0.1, 0.0],
            vec![0.0, 0.1],
            vec![5.0, 5.0],
            vec![5.1, 5.0],
            vec![5.0, 5.1],
            vec![20.0, 20.0],
        ];
        let l = dbscan(&m, 0.5, 3).expect("valid");
        assert_eq!(l, vec![0, 0, 0, 1, 1, 1, -1]);
    }

    #[test]
    fn dbscan_rejects_bad_eps_and_min_samples() {
        assert!(dbscan(&[vec![0.0]], 0.0, 1).is_err());
        assert!(dbscan(&[vec![0.0]], f64::NAN, 1).is_err());
        assert!(dbscan(&[vec![0.0]], 1.0, 0).is_err());
    }
}
