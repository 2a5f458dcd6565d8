//! Principal components of a matrix, for two-dimensional maps of accounts.
//!
//! The covariance of the columns (`d × d`, accumulated per fixed chunk of rows and added in
//! order) is diagonalised by cyclic Jacobi rotations (Golub & Van Loan, *Matrix Computations*,
//! §8.5), which is exact to rounding for the few dozen columns of a feature matrix; rows are then
//! projected on the leading eigenvectors. Each eigenvector's sign is fixed so that its largest
//! coordinate is positive, so that the same data give the same map.
//!
//! `linfa-reduction`'s PCA would bring a linear-algebra stack for a `d × d` eigenproblem.

use ndarray::{Array2, ArrayView2, Axis};
use rayon::prelude::*;

/// The projection of the rows of `x` on its first `components` principal axes, and the share
/// of the variance each axis explains.
///
/// ```
/// use disinfo_bots::cluster::pca::project;
/// use ndarray::array;
///
/// // Points on the line y = 2x: one axis explains everything.
/// let x = array![[0.0, 0.0], [1.0, 2.0], [2.0, 4.0], [3.0, 6.0]];
/// let (coords, explained) = project(x.view(), 2);
/// assert!((explained[0] - 1.0).abs() < 1e-12);
/// assert!(coords.column(1).iter().all(|v| v.abs() < 1e-9));
/// ```
pub fn project(x: ArrayView2<'_, f64>, components: usize) -> (Array2<f64>, Vec<f64>) {
    let (n, d) = x.dim();
    let components = components.min(d);
    if n == 0 || d == 0 {
        return (Array2::zeros((n, components)), vec![0.0; components]);
    }
    let (means, axes, values) = decompose(x);
    let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
    let explained = values[..components]
        .iter()
        .map(|&v| if total > 0.0 { v.max(0.0) / total } else { 0.0 })
        .collect();
    let mut coords = Array2::zeros((n, components));
    coords
        .axis_iter_mut(Axis(0))
        .into_par_iter()
        .zip(x.axis_iter(Axis(0)))
        .for_each(|(mut out, row)| {
            for c in 0..components {
                let axis = &axes[c * d..(c + 1) * d];
                out[c] = axis
                    .iter()
                    .enumerate()
                    .map(|(j, a)| a * (row[j] - means[j]))
                    .sum();
            }
        });
    (coords, explained)
}

/// The column means and the principal axes (`d × d`, axis `k` in row `k`, by decreasing
/// variance) of the rows of `x`.
pub(crate) fn axes(x: ArrayView2<'_, f64>) -> (Vec<f64>, Vec<f64>) {
    let (means, axes, _) = decompose(x);
    (means, axes)
}

/// Means, axes (rows, by decreasing eigenvalue, signs fixed) and eigenvalues.
fn decompose(x: ArrayView2<'_, f64>) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let (n, d) = x.dim();
    if n == 0 || d == 0 {
        return (vec![0.0; d], vec![0.0; d * d], vec![0.0; d]);
    }
    let means: Vec<f64> = (0..d).map(|j| x.column(j).sum() / n as f64).collect();
    let parts: Vec<Vec<f64>> = x
        .axis_chunks_iter(Axis(0), 4096)
        .into_par_iter()
        .map(|chunk| {
            let mut c = vec![0.0; d * d];
            for row in chunk.rows() {
                for a in 0..d {
                    let va = row[a] - means[a];
                    for b in 0..=a {
                        c[a * d + b] += va * (row[b] - means[b]);
                    }
                }
            }
            c
        })
        .collect();
    let mut cov = vec![0.0; d * d];
    for part in &parts {
        for (a, b) in cov.iter_mut().zip(part) {
            *a += b;
        }
    }
    for a in 0..d {
        for b in 0..=a {
            cov[a * d + b] /= n as f64;
            cov[b * d + a] = cov[a * d + b];
        }
    }
    let (values, vectors) = jacobi(cov, d);
    let mut order: Vec<usize> = (0..d).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    let mut axes = Vec::with_capacity(d * d);
    for &k in &order {
        let mut v: Vec<f64> = (0..d).map(|i| vectors[i * d + k]).collect();
        let big = v
            .iter()
            .copied()
            .fold(0.0f64, |m, x| if x.abs() > m.abs() { x } else { m });
        if big < 0.0 {
            v.iter_mut().for_each(|x| *x = -*x);
        }
        axes.extend(v);
    }
    let sorted = order.iter().map(|&k| values[k]).collect();
    (means, axes, sorted)
}

/// Eigenvalues and eigenvectors (columns of a `d × d` row-major matrix) of a symmetric matrix.
fn jacobi(mut a: Vec<f64>, d: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0.0; d * d];
    for i in 0..d {
        v[i * d + i] = 1.0;
    }
    for _sweep in 0..100 {
        let off: f64 = (0..d)
            .flat_map(|i| (0..d).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * d + j] * a[i * d + j])
            .sum();
        if off < 1e-30 {
            break;
        }
        for p in 0..d {
            for q in p + 1..d {
                let apq = a[p * d + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q * d + q] - a[p * d + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..d {
                    let (akp, akq) = (a[k * d + p], a[k * d + q]);
                    a[k * d + p] = c * akp - s * akq;
                    a[k * d + q] = s * akp + c * akq;
                }
                for k in 0..d {
                    let (apk, aqk) = (a[p * d + k], a[q * d + k]);
                    a[p * d + k] = c * apk - s * aqk;
                    a[q * d + k] = s * apk + c * aqk;
                }
                for k in 0..d {
                    let (vkp, vkq) = (v[k * d + p], v[k * d + q]);
                    v[k * d + p] = c * vkp - s * vkq;
                    v[k * d + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..d).map(|i| a[i * d + i]).collect(), v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn first_axis_follows_the_largest_spread() {
        let x = array![[-10.0, 0.1], [10.0, -0.1], [-5.0, 0.0], [5.0, 0.05]];
        let (coords, explained) = project(x.view(), 2);
        assert!(explained[0] > 0.99);
        assert!(coords[[1, 0]] > 9.0 && coords[[0, 0]] < -9.0);
    }
}
