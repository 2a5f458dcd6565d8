//! Feature clustering of accounts (DESIGN §4.4): standardisation, DBSCAN and K-Means.
//!
//! The algorithms follow scikit-learn's definitions so that labels agree with
//! `sklearn.cluster.DBSCAN` and `sklearn.cluster.KMeans(init=centres, n_init=1)` on the same
//! standardised matrix (up to a permutation of cluster labels):
//!
//! - [`standardise`]: optional `log1p`, then per-column z-score with the population standard
//!   deviation (`StandardScaler`); a constant column is centred and left unscaled.
//! - [`dbscan`]: Euclidean distance, a point's neighbourhood includes itself and every point at
//!   distance `<= eps`; a point is core when its neighbourhood has at least `min_samples`
//!   points; clusters are grown in input order from unvisited core points, so a border point
//!   joins the first cluster that reaches it; noise is `-1`.
//! - [`kmeans`]: Lloyd iterations from the given initial centres; ties go to the lowest centre
//!   index; an empty cluster keeps its previous centre; stops when labels no longer change, when
//!   the total squared centre shift is `<= tol`, or after `max_iter` iterations, then labels
//!   are recomputed against the final centres.
//!
//! GMM and HDBSCAN are not implemented yet.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

fn bad(name: &str, message: impl Into<String>) -> Error {
    Error::InvalidArgument {
        name: name.to_owned(),
        message: message.into(),
    }
}

fn check_matrix(matrix: &[Vec<f64>]) -> Result<usize> {
    let width = matrix.first().map_or(0, Vec::len);
    for (i, row) in matrix.iter().enumerate() {
        if row.len() != width {
            return Err(bad(
                "matrix",
                format!("row {i} has {} columns, row 0 has {width}", row.len()),
            ));
        }
        if row.iter().any(|v| !v.is_finite()) {
            return Err(bad("matrix", format!("row {i} has a non-finite value")));
        }
    }
    Ok(width)
}

/// Standardises the columns of `matrix` (rows are accounts): `log1p` first when asked (values
/// must then be `> -1`), then subtract the column mean and divide by the population standard
/// deviation (a zero deviation divides by 1, as scikit-learn's `StandardScaler` does).
pub fn standardise(matrix: &[Vec<f64>], log1p: bool) -> Result<Vec<Vec<f64>>> {
    let width = check_matrix(matrix)?;
    let mut out: Vec<Vec<f64>> = matrix.to_vec();
    if log1p {
        for (i, row) in out.iter_mut().enumerate() {
            for v in row.iter_mut() {
                if *v <= -1.0 {
                    return Err(bad(
                        "matrix",
                        format!("row {i} has a value <= -1, log1p is undefined"),
                    ));
                }
                *v = v.ln_1p();
            }
        }
    }
    let n = out.len() as f64;
    if out.is_empty() {
        return Ok(out);
    }
    for c in 0..width {
        let mean = out.iter().map(|r| r[c]).sum::<f64>() / n;
        let var = out.iter().map(|r| (r[c] - mean).powi(2)).sum::<f64>() / n;
        let sd = var.sqrt();
        let scale = if sd > 0.0 { sd } else { 1.0 };
        for row in out.iter_mut() {
            row[c] = (row[c] - mean) / scale;
        }
    }
    Ok(out)
}

fn sq_dist(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// DBSCAN labels (`-1` is noise, clusters are numbered from 0 in order of discovery).
///
/// O(n²) distance computations: meant for per-account feature matrices, not for posts.
pub fn dbscan(matrix: &[Vec<f64>], eps: f64, min_samples: usize) -> Result<Vec<i64>> {
    check_matrix(matrix)?;
    if !(eps.is_finite() && eps > 0.0) {
        return Err(bad("eps", "must be a finite number > 0"));
    }
    if min_samples == 0 {
        return Err(bad("min_samples", "must be >= 1"));
    }
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

/// The result of [`kmeans`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// K-Means (Lloyd) from the given initial centres.
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
    if !(tol.is_finite() && tol >= 0.0) {
        return Err(bad("tol", "must be a finite number >= 0"));
    }
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
    fn kmeans_converges_on_two_blobs() {
        let m = vec![vec![0.0], vec![0.2], vec![10.0], vec![10.2]];
        let r = kmeans(&m, &[vec![0.0], vec![1.0]], 100, 0.0).expect("valid");
        assert_eq!(r.labels, vec![0, 0, 1, 1]);
        assert!((r.centres[1][0] - 10.1).abs() < 1e-12);
    }

    #[test]
    fn standardise_rejects_ragged_rows_and_scales_constant_columns_by_one() {
        assert!(standardise(&[vec![1.0], vec![1.0, 2.0]], false).is_err());
        let s = standardise(&[vec![3.0, 1.0], vec![3.0, 3.0]], false).expect("valid");
        assert_eq!(s, vec![vec![0.0, -1.0], vec![0.0, 1.0]]);
    }
}
