//! Gaussian mixture with full covariances, fitted by expectation–maximisation as scikit-learn's
//! `sklearn.mixture.GaussianMixture(covariance_type="full", init_params="kmeans", n_init=1)`
//! defines it.
//!
//! Written here rather than taken from `linfa-clustering`'s `GaussianMixtureModel`: that model
//! reports neither the iteration count nor the log-likelihood lower bound, treats a fit that did
//! not converge within `max_iter` as an error rather than a result to report, and would pull a
//! second `rand` generation (0.8) and a linear-algebra stack into the build for one Cholesky
//! factorisation.
//!
//! The steps (Bishop, *Pattern Recognition and Machine Learning*, §9.2.2):
//! - initialisation: responsibilities are the one-hot labels of a seeded K-Means
//!   ([`super::kmeans::fit`] with k-means++), then one M-step;
//! - E-step: `log p(x | k) = -½ (d ln 2π + ‖L_k⁻¹ (x − μ_k)‖²) − Σ ln diag L_k` with
//!   `Σ_k = L_k L_kᵀ`; responsibilities by log-sum-exp; the lower bound is the mean
//!   log-likelihood;
//! - M-step: `N_k = Σ r_ik + 10 ε`, `μ_k = Σ r_ik x_i / N_k`,
//!   `Σ_k = Σ r_ik (x_i − μ_k)(x_i − μ_k)ᵀ / N_k + reg_covar · I`, `π_k = N_k / Σ N_k`;
//! - stop when the lower bound changes by less than `tol`, then one final E-step gives labels
//!   (arg max responsibility, lowest component on ties) and probabilities.

use serde::{Deserialize, Serialize};

use super::{bad, check_cluster_count, check_non_negative, check_positive, kmeans};
use crate::error::Result;

/// Parameters of the Gaussian mixture (`params` of [`super::ClusterOptions`] with
/// `method: "gmm"`). Defaults are scikit-learn's.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct GmmParams {
    /// Number of mixture components; default 1.
    pub n_components: usize,
    /// Maximum EM iterations; default 100.
    pub max_iter: usize,
    /// Convergence threshold on the change of the mean log-likelihood; default 1e-3.
    pub tol: f64,
    /// Added to the covariance diagonals so they stay positive definite; default 1e-6.
    pub reg_covar: f64,
    /// Seed of the K-Means initialisation; default 42.
    pub seed: u64,
    /// Return each row's component probabilities (`n × n_components`); default false.
    pub probabilities: bool,
}

impl Default for GmmParams {
    fn default() -> Self {
        GmmParams {
            n_components: 1,
            max_iter: 100,
            tol: 1e-3,
            reg_covar: 1e-6,
            seed: 42,
            probabilities: false,
        }
    }
}

/// What the mixture fit reports besides labels (`gmm` of [`super::ClusterResult`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct GmmDetails {
    /// Component means in the clustered (standardised) space.
    pub means: Vec<Vec<f64>>,
    /// Mixture weights, summing to 1.
    pub weights: Vec<f64>,
    /// Whether the lower bound settled within `max_iter`.
    pub converged: bool,
    /// EM iterations run.
    pub iterations: usize,
    /// Mean log-likelihood of the rows at the last iteration.
    pub lower_bound: f64,
    /// Per-row component probabilities, when `probabilities` was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probabilities: Option<Vec<Vec<f64>>>,
}

struct Model {
    weights: Vec<f64>,
    means: Vec<Vec<f64>>,
    /// Lower Cholesky factors of the covariances.
    chols: Vec<Vec<Vec<f64>>>,
}

/// Lower Cholesky factor of a symmetric matrix; `None` when it is not positive definite.
fn cholesky(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let d = a.len();
    let mut l = vec![vec![0.0; d]; d];
    for i in 0..d {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            if i == j {
                let v = a[i][i] - s;
                if !(v.is_finite() && v > 0.0) {
                    return None;
                }
                l[i][i] = v.sqrt();
            } else {
                l[i][j] = (a[i][j] - s) / l[j][j];
            }
        }
    }
    Some(l)
}

// The covariance is filled as a lower triangle and mirrored: both indices are needed.
#[allow(clippy::needless_range_loop)]
fn m_step(x: &[Vec<f64>], resp: &[Vec<f64>], reg_covar: f64, normalise: bool) -> Result<Model> {
    let n = x.len();
    let k = resp.first().map_or(0, Vec::len);
    let d = x.first().map_or(0, Vec::len);
    let mut nk = vec![10.0 * f64::EPSILON; k];
    for r in resp {
        for (acc, v) in nk.iter_mut().zip(r) {
            *acc += v;
        }
    }
    let mut means = vec![vec![0.0; d]; k];
    for (row, r) in x.iter().zip(resp) {
        for (j, mean) in means.iter_mut().enumerate() {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += r[j] * v;
            }
        }
    }
    for (mean, total) in means.iter_mut().zip(&nk) {
        mean.iter_mut().for_each(|m| *m /= total);
    }
    let mut chols = Vec::with_capacity(k);
    for j in 0..k {
        let mut cov = vec![vec![0.0; d]; d];
        for (row, r) in x.iter().zip(resp) {
            let diff: Vec<f64> = row.iter().zip(&means[j]).map(|(a, b)| a - b).collect();
            for a in 0..d {
                let ra = r[j] * diff[a];
                for b in 0..=a {
                    cov[a][b] += ra * diff[b];
                }
            }
        }
        for a in 0..d {
            for b in 0..=a {
                cov[a][b] /= nk[j];
                cov[b][a] = cov[a][b];
            }
            cov[a][a] += reg_covar;
        }
        chols.push(cholesky(&cov).ok_or_else(|| {
            bad(
                "reg_covar",
                format!(
                    "component {j} has an ill-defined covariance (too few distinct rows); \
                     increase reg_covar or use fewer components"
                ),
            )
        })?);
    }
    let total: f64 = if normalise { nk.iter().sum() } else { n as f64 };
    let weights = nk.iter().map(|v| v / total).collect();
    Ok(Model {
        weights,
        means,
        chols,
    })
}

/// Returns the mean log-likelihood and the log responsibilities.
fn e_step(x: &[Vec<f64>], model: &Model) -> (f64, Vec<Vec<f64>>) {
    let d = x.first().map_or(0, Vec::len);
    let log_2pi = (2.0 * std::f64::consts::PI).ln();
    let log_dets: Vec<f64> = model
        .chols
        .iter()
        .map(|l| (0..d).map(|i| l[i][i].ln()).sum())
        .collect();
    let mut total = 0.0;
    let mut log_resp = Vec::with_capacity(x.len());
    let mut y = vec![0.0; d];
    for row in x {
        let mut lp: Vec<f64> = Vec::with_capacity(model.means.len());
        for (j, l) in model.chols.iter().enumerate() {
            // Forward substitution: y = L⁻¹ (x − μ).
            let mut maha = 0.0;
            for i in 0..d {
                let s: f64 = (0..i).map(|k| l[i][k] * y[k]).sum();
                y[i] = (row[i] - model.means[j][i] - s) / l[i][i];
                maha += y[i] * y[i];
            }
            lp.push(-0.5 * (d as f64 * log_2pi + maha) - log_dets[j] + model.weights[j].ln());
        }
        let max = lp.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lse = if max.is_finite() {
            max + lp.iter().map(|v| (v - max).exp()).sum::<f64>().ln()
        } else {
            max
        };
        total += lse;
        log_resp.push(lp.iter().map(|v| v - lse).collect());
    }
    (total / x.len().max(1) as f64, log_resp)
}

/// Fits the mixture to `x` (already standardised and checked); returns labels and details.
pub fn fit(x: &[Vec<f64>], params: &GmmParams) -> Result<(Vec<usize>, GmmDetails)> {
    let n = x.len();
    let k = params.n_components;
    check_cluster_count("n_components", k, n)?;
    check_positive("max_iter", params.max_iter)?;
    check_non_negative("tol", params.tol)?;
    check_non_negative("reg_covar", params.reg_covar)?;
    let init = kmeans::fit(
        x,
        &kmeans::KMeansParams {
            n_clusters: Some(k),
            seed: params.seed,
            ..kmeans::KMeansParams::default()
        },
    )?;
    let resp: Vec<Vec<f64>> = init
        .labels
        .iter()
        .map(|&l| (0..k).map(|j| if j == l { 1.0 } else { 0.0 }).collect())
        .collect();
    let mut model = m_step(x, &resp, params.reg_covar, false)?;
    let mut lower_bound = f64::NEG_INFINITY;
    let mut converged = false;
    let mut iterations = 0;
    for it in 1..=params.max_iter {
        iterations = it;
        let previous = lower_bound;
        let (mean_ll, log_resp) = e_step(x, &model);
        let resp: Vec<Vec<f64>> = log_resp
            .iter()
            .map(|r| r.iter().map(|v| v.exp()).collect())
            .collect();
        model = m_step(x, &resp, params.reg_covar, true)?;
        lower_bound = mean_ll;
        if (lower_bound - previous).abs() < params.tol {
            converged = true;
            break;
        }
    }
    let (_, log_resp) = e_step(x, &model);
    let labels = log_resp
        .iter()
        .map(|r| {
            let mut best = 0;
            for (j, v) in r.iter().enumerate() {
                if *v > r[best] {
                    best = j;
                }
            }
            best
        })
        .collect();
    let probabilities = params.probabilities.then(|| {
        log_resp
            .iter()
            .map(|r| r.iter().map(|v| v.exp()).collect())
            .collect()
    });
    Ok((
        labels,
        GmmDetails {
            means: model.means,
            weights: model.weights,
            converged,
            iterations,
            lower_bound,
            probabilities,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn blobs(seed: u64) -> (Vec<Vec<f64>>, Vec<usize>) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let centres = [[0.0, 0.0], [8.0, 0.0], [0.0, 8.0]];
        let mut x = Vec::new();
        let mut truth = Vec::new();
        for (c, centre) in centres.iter().enumerate() {
            for _ in 0..40 {
                x.push(vec![
                    centre[0] + rng.random::<f64>() - 0.5,
                    centre[1] + rng.random::<f64>() - 0.5,
                ]);
                truth.push(c);
            }
        }
        (x, truth)
    }

    #[test]
    fn gmm_recovers_planted_blobs_up_to_permutation() {
        let (x, truth) = blobs(7);
        let p = GmmParams {
            n_components: 3,
            probabilities: true,
            ..GmmParams::default()
        };
        let (labels, details) = fit(&x, &p).expect("valid");
        let mut map = [usize::MAX; 3];
        for (&l, &t) in labels.iter().zip(&truth) {
            if map[t] == usize::MAX {
                map[t] = l;
            }
            assert_eq!(map[t], l, "a planted blob was split");
        }
        assert!(map[0] != map[1] && map[1] != map[2] && map[0] != map[2]);
        assert!(details.converged);
        assert!((details.weights.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        let probs = details.probabilities.expect("asked for");
        assert!(
            probs
                .iter()
                .all(|r| (r.iter().sum::<f64>() - 1.0).abs() < 1e-9)
        );
    }

    #[test]
    fn gmm_same_seed_same_labels() {
        let (x, _) = blobs(11);
        let p = GmmParams {
            n_components: 3,
            ..GmmParams::default()
        };
        assert_eq!(fit(&x, &p).expect("valid"), fit(&x, &p).expect("valid"));
    }

    #[test]
    fn gmm_rejects_more_components_than_rows_and_degenerate_covariance() {
        let p = GmmParams {
            n_components: 3,
            ..GmmParams::default()
        };
        assert!(fit(&[vec![0.0], vec![1.0]], &p).is_err());
        let zero = GmmParams {
            n_components: 1,
            reg_covar: 0.0,
            ..GmmParams::default()
        };
        assert!(fit(&[vec![0.0], vec![0.0]], &zero).is_err());
    }
}
