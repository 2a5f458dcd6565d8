//! Gaussian mixture with full covariances, fitted by expectation–maximisation as scikit-learn's
//! `sklearn.mixture.GaussianMixture(covariance_type="full", init_params="kmeans")` defines it,
//! `n_init` starts included.
//!
//! Written here rather than taken from `linfa-clustering`'s `GaussianMixtureModel`: that model
//! reports neither the iteration count nor the log-likelihood lower bound, treats a fit that did
//! not converge within `max_iter` as an error rather than a result to report, starts from a
//! K-Means of its own generator (so not from scikit-learn's starts), runs its steps on one
//! thread, and would pull a second `rand` generation (0.8) and a linear-algebra stack into the
//! build for one Cholesky factorisation.
//!
//! The steps (Bishop, *Pattern Recognition and Machine Learning*, §9.2.2):
//! - initialisation: responsibilities are the one-hot labels of a K-Means with one k-means++
//!   start drawn from the same random stream as scikit-learn's (`random_state`), then one
//!   M-step; each further start (`n_init`) continues the stream;
//! - E-step: `log p(x | k) = -½ (d ln 2π + ‖L_k⁻¹ (x − μ_k)‖²) − Σ ln diag L_k` with
//!   `Σ_k = L_k L_kᵀ`; responsibilities by log-sum-exp; the lower bound is the mean
//!   log-likelihood;
//! - M-step: `N_k = Σ r_ik + 10 ε`, `μ_k = Σ r_ik x_i / N_k`,
//!   `Σ_k = Σ r_ik (x_i − μ_k)(x_i − μ_k)ᵀ / N_k + reg_covar · I`, `π_k = N_k / Σ N_k`;
//! - stop when the lower bound changes by less than `tol`; the start with the highest lower
//!   bound is kept, then one final E-step gives labels (arg max responsibility, lowest component
//!   on ties) and probabilities.
//!
//! Both steps are made in one pass over the rows per iteration, in parallel: each chunk of rows
//! adds its responsibilities, first moments and second moments around the data mean, by blocks
//! of rows with three matrix products for all components (the whitened differences, `s` and
//! `M`: matrixmultiply's vector kernels); the M-step then moves the second moments to the new
//! means exactly (`Σ r (x−a)(x−a)ᵀ = M_b − δ sᵀ − s δᵀ + R δ δᵀ`, `δ = a − b`). Chunks are
//! fixed and added in order, so results do not depend on the number of threads.

use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView1, ArrayView2, ArrayViewMut2, Axis, Slice};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::kmeans::{self, CHUNK, KMeansParams, NInit};
use super::rng::SklearnRng;
use super::{bad, check_cluster_count, check_columns, check_non_negative, check_positive};
use crate::error::Result;

/// Parameters of the Gaussian mixture (`params` of [`super::ClusterOptions`] with
/// `method: "gmm"`). Names and defaults are scikit-learn's.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct GmmParams {
    /// Number of mixture components; default 1.
    pub n_components: usize,
    /// Maximum EM iterations per start; default 100.
    pub max_iter: usize,
    /// Convergence threshold on the change of the mean log-likelihood; default 1e-3.
    pub tol: f64,
    /// Added to the covariance diagonals so they stay positive definite; default 1e-6.
    pub reg_covar: f64,
    /// Starts (each from a K-Means), the highest lower bound kept; default 1.
    pub n_init: usize,
    /// Seed of the K-Means starts, as scikit-learn's `random_state` (0 to 2³²-1); default 42.
    pub random_state: Option<u64>,
    /// Another name for `random_state`.
    pub seed: Option<u64>,
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
            n_init: 1,
            random_state: None,
            seed: None,
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
    /// Starts made.
    pub n_init: usize,
    /// The seed used (`random_state`).
    pub seed: u64,
    /// Per-row component probabilities, when `probabilities` was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probabilities: Option<Vec<Vec<f64>>>,
}

#[derive(Clone)]
struct Model {
    weights: Vec<f64>,
    /// `k × d`.
    means: Vec<f64>,
    /// Inverses of the lower Cholesky factors, `k × d × d` (lower triangles used).
    inv_chols: Vec<f64>,
    /// `Σ ln diag L_k`.
    log_dets: Vec<f64>,
}

/// Sufficient statistics around base points `b_k`: `R_k`, `s_k = Σ r (x−b_k)`, `M_k` (`d × d`,
/// row-major; its lower triangle is read), and the summed log-likelihood.
struct Stats {
    r: Vec<f64>,
    s: Vec<f64>,
    m: Vec<f64>,
    log_likelihood: f64,
}

impl Stats {
    fn zero(k: usize, d: usize) -> Stats {
        Stats {
            r: vec![0.0; k],
            s: vec![0.0; k * d],
            m: vec![0.0; k * d * d],
            log_likelihood: 0.0,
        }
    }

    fn add(&mut self, other: &Stats) {
        for (a, b) in self.r.iter_mut().zip(&other.r) {
            *a += b;
        }
        for (a, b) in self.s.iter_mut().zip(&other.s) {
            *a += b;
        }
        for (a, b) in self.m.iter_mut().zip(&other.m) {
            *a += b;
        }
        self.log_likelihood += other.log_likelihood;
    }

    /// Adds one row with responsibilities `resp` and differences `diff = x − b_k` (`k × d`).
    fn add_row(&mut self, resp: &[f64], diff: &[f64], d: usize) {
        for (j, &r) in resp.iter().enumerate() {
            if r == 0.0 {
                continue;
            }
            self.r[j] += r;
            let dj = &diff[j * d..(j + 1) * d];
            for (s, v) in self.s[j * d..(j + 1) * d].iter_mut().zip(dj) {
                *s += r * v;
            }
            let m = &mut self.m[j * d * d..(j + 1) * d * d];
            for a in 0..d {
                let ra = r * dj[a];
                for (slot, vb) in m[a * d..=a * d + a].iter_mut().zip(&dj[..=a]) {
                    *slot += ra * vb;
                }
            }
        }
    }
}

/// Lower Cholesky factor of a symmetric matrix (`d × d`, row-major); `None` when it is not
/// positive definite.
fn cholesky(a: &[f64], d: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; d * d];
    for i in 0..d {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i * d + k] * l[j * d + k]).sum();
            if i == j {
                let v = a[i * d + i] - s;
                if !(v.is_finite() && v > 0.0) {
                    return None;
                }
                l[i * d + i] = v.sqrt();
            } else {
                l[i * d + j] = (a[i * d + j] - s) / l[j * d + j];
            }
        }
    }
    Some(l)
}

/// Inverse of a lower triangular matrix (forward substitution on the identity's columns).
fn invert_lower(l: &[f64], d: usize) -> Vec<f64> {
    let mut inv = vec![0.0; d * d];
    for c in 0..d {
        for i in c..d {
            let rhs = if i == c { 1.0 } else { 0.0 };
            let s: f64 = (c..i).map(|k| l[i * d + k] * inv[k * d + c]).sum();
            inv[i * d + c] = (rhs - s) / l[i * d + i];
        }
    }
    inv
}

/// The M-step: a model from statistics taken around `base` (`k × d`).
fn m_step(
    stats: &Stats,
    base: &[f64],
    d: usize,
    n: usize,
    reg_covar: f64,
    normalise: bool,
) -> Result<Model> {
    let k = stats.r.len();
    let nk: Vec<f64> = stats.r.iter().map(|r| r + 10.0 * f64::EPSILON).collect();
    let mut means = vec![0.0; k * d];
    let mut inv_chols = vec![0.0; k * d * d];
    let mut log_dets = vec![0.0; k];
    for j in 0..k {
        let s = &stats.s[j * d..(j + 1) * d];
        let b = &base[j * d..(j + 1) * d];
        let delta: Vec<f64> = (0..d)
            .map(|a| {
                let mean = (s[a] + stats.r[j] * b[a]) / nk[j];
                means[j * d + a] = mean;
                mean - b[a]
            })
            .collect();
        let m = &stats.m[j * d * d..(j + 1) * d * d];
        let mut cov = vec![0.0; d * d];
        for a in 0..d {
            for c in 0..=a {
                let v = m[a * d + c] - delta[a] * s[c] - s[a] * delta[c]
                    + stats.r[j] * delta[a] * delta[c];
                cov[a * d + c] = v / nk[j];
                cov[c * d + a] = cov[a * d + c];
            }
            cov[a * d + a] += reg_covar;
        }
        let l = cholesky(&cov, d).ok_or_else(|| {
            bad(
                "reg_covar",
                format!(
                    "component {j} has an ill-defined covariance (too few distinct rows); \
                     increase reg_covar or use fewer components"
                ),
            )
        })?;
        log_dets[j] = (0..d).map(|i| l[i * d + i].ln()).sum();
        inv_chols[j * d * d..(j + 1) * d * d].copy_from_slice(&invert_lower(&l, d));
    }
    let total: f64 = if normalise { nk.iter().sum() } else { n as f64 };
    Ok(Model {
        weights: nk.iter().map(|v| v / total).collect(),
        means,
        inv_chols,
        log_dets,
    })
}

/// Log responsibilities of one row (written into `out`, length k); returns the row's
/// log-likelihood. `diff` receives `x − μ_k`.
fn row_log_resp(p: &[f64], model: &Model, d: usize, diff: &mut [f64], out: &mut [f64]) -> f64 {
    let log_2pi = (2.0 * std::f64::consts::PI).ln();
    let k = model.weights.len();
    for j in 0..k {
        let dj = &mut diff[j * d..(j + 1) * d];
        for (t, v) in dj.iter_mut().enumerate() {
            *v = p[t] - model.means[j * d + t];
        }
        let inv = &model.inv_chols[j * d * d..(j + 1) * d * d];
        let mut maha = 0.0;
        for a in 0..d {
            let row = &inv[a * d..a * d + a + 1];
            let y: f64 = row.iter().zip(&dj[..=a]).map(|(l, v)| l * v).sum();
            maha += y * y;
        }
        out[j] = -0.5 * (d as f64 * log_2pi + maha) - model.log_dets[j] + model.weights[j].ln();
    }
    let max = out.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lse = if max.is_finite() {
        max + out.iter().map(|v| (v - max).exp()).sum::<f64>().ln()
    } else {
        max
    };
    for v in out.iter_mut() {
        *v -= lse;
    }
    lse
}

/// Rows per block of the E-step's matrix products.
const BLOCK: usize = 256;

/// The model laid out for blocks of rows centred on a common origin `o` (the data mean): with
/// `Y = (X − o) · stacked`, `L_j⁻¹ (x − μ_j)` is `Y`'s `j`-th group of `d` columns minus
/// `shift_j = L_j⁻¹ (μ_j − o)`. One matrix product then serves every component.
struct Blocked<'a> {
    model: &'a Model,
    origin: &'a [f64],
    /// `d × k·d`: `[L_1⁻ᵀ … L_k⁻ᵀ]`.
    stacked: Array2<f64>,
    /// `k·d`.
    shift: Vec<f64>,
}

impl<'a> Blocked<'a> {
    fn new(model: &'a Model, origin: &'a [f64]) -> Blocked<'a> {
        let d = origin.len();
        let k = model.weights.len();
        let inv = |j: usize, a: usize, c: usize| model.inv_chols[j * d * d + a * d + c];
        let stacked = Array2::from_shape_fn((d, k * d), |(c, col)| inv(col / d, col % d, c));
        let shift = (0..k * d)
            .map(|col| {
                let (j, a) = (col / d, col % d);
                (0..d)
                    .map(|c| inv(j, a, c) * (model.means[j * d + c] - origin[c]))
                    .sum()
            })
            .collect();
        Blocked {
            model,
            origin,
            stacked,
            shift,
        }
    }
}

/// One thread's buffers for blocks of rows.
struct Scratch {
    /// `x − o`, `b × d`.
    centred: Array2<f64>,
    /// `(x − o) · stacked`, then the centred rows scaled by each responsibility, `b × k·d`.
    wide: Array2<f64>,
    /// Log responsibilities, then responsibilities, `b × k`.
    resp: Array2<f64>,
}

impl Scratch {
    fn new(k: usize, d: usize) -> Scratch {
        Scratch {
            centred: Array2::zeros((BLOCK, d)),
            wide: Array2::zeros((BLOCK, k * d)),
            resp: Array2::zeros((BLOCK, k)),
        }
    }
}

/// Adds a block of rows to `stats` (taken around the origin for every component): log
/// responsibilities as [`row_log_resp`] gives them row by row, but from one matrix product for
/// all components; then `R_j`, `s = respᵀ (X − o)` and `M = Wᵀ (X − o)` with
/// `W = [r_1 ∘ (X − o) … r_k ∘ (X − o)]`, two more matrix products.
fn add_block(
    stats: &mut Stats,
    rows: ArrayView2<'_, f64>,
    at: &Blocked<'_>,
    scratch: &mut Scratch,
) {
    let (b, d) = rows.dim();
    let k = at.model.weights.len();
    let log_2pi = (2.0 * std::f64::consts::PI).ln();
    let mut centred = scratch.centred.slice_axis_mut(Axis(0), Slice::from(..b));
    centred.assign(&rows);
    centred -= &ArrayView1::from(at.origin);
    let mut wide = scratch.wide.slice_axis_mut(Axis(0), Slice::from(..b));
    general_mat_mul(1.0, &centred, &at.stacked, 0.0, &mut wide);
    let constants: Vec<f64> = (0..k)
        .map(|j| -0.5 * d as f64 * log_2pi - at.model.log_dets[j] + at.model.weights[j].ln())
        .collect();
    let mut resp = scratch.resp.slice_axis_mut(Axis(0), Slice::from(..b));
    for (mut out, y) in resp.rows_mut().into_iter().zip(wide.rows()) {
        let y = y.as_slice().unwrap_or_default();
        for (j, slot) in out.iter_mut().enumerate() {
            let maha: f64 = y[j * d..(j + 1) * d]
                .iter()
                .zip(&at.shift[j * d..(j + 1) * d])
                .map(|(v, s)| (v - s) * (v - s))
                .sum();
            *slot = constants[j] - 0.5 * maha;
        }
        let max = out.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lse = if max.is_finite() {
            max + out.iter().map(|v| (v - max).exp()).sum::<f64>().ln()
        } else {
            max
        };
        out.mapv_inplace(|v| (v - lse).exp());
        stats.log_likelihood += lse;
    }
    for (r, col) in stats.r.iter_mut().zip(resp.columns()) {
        *r += col.sum();
    }
    let mut s = ArrayViewMut2::from_shape((k, d), &mut stats.s[..]).expect("k × d");
    general_mat_mul(1.0, &resp.t(), &centred, 1.0, &mut s);
    for (mut w, (r, x)) in wide
        .rows_mut()
        .into_iter()
        .zip(resp.rows().into_iter().zip(centred.rows()))
    {
        for (j, &rj) in r.iter().enumerate() {
            for (slot, v) in w
                .slice_axis_mut(Axis(0), Slice::from(j * d..(j + 1) * d))
                .iter_mut()
                .zip(x)
            {
                *slot = rj * v;
            }
        }
    }
    let mut m = ArrayViewMut2::from_shape((k * d, d), &mut stats.m[..]).expect("k·d × d");
    general_mat_mul(1.0, &wide.t(), &centred, 1.0, &mut m);
}

/// One pass: statistics of the rows under `model`, around `origin` for every component.
fn e_pass(x: &[f64], d: usize, model: &Model, origin: &[f64]) -> Stats {
    let k = model.weights.len();
    let at = Blocked::new(model, origin);
    let parts: Vec<Stats> = x
        .par_chunks(CHUNK * d)
        .map(|chunk| {
            let mut stats = Stats::zero(k, d);
            let mut scratch = Scratch::new(k, d);
            for block in chunk.chunks(BLOCK * d) {
                let rows = ArrayView2::from_shape((block.len() / d, d), block).expect("b × d");
                add_block(&mut stats, rows, &at, &mut scratch);
            }
            stats
        })
        .collect();
    let mut total = Stats::zero(k, d);
    for part in &parts {
        total.add(part);
    }
    total
}

/// Statistics of a hard assignment (one-hot responsibilities) around `base`.
fn hard_stats(x: &[f64], d: usize, labels: &[usize], base: &[f64], k: usize) -> Stats {
    let parts: Vec<Stats> = x
        .par_chunks(CHUNK * d)
        .zip(labels.par_chunks(CHUNK))
        .map(|(chunk, labels)| {
            let mut stats = Stats::zero(k, d);
            let mut diff = vec![0.0; k * d];
            let mut resp = vec![0.0; k];
            for (p, &l) in chunk.chunks_exact(d).zip(labels) {
                resp.fill(0.0);
                resp[l] = 1.0;
                let dl = &mut diff[l * d..(l + 1) * d];
                for (t, v) in dl.iter_mut().enumerate() {
                    *v = p[t] - base[l * d + t];
                }
                stats.add_row(&resp, &diff, d);
            }
            stats
        })
        .collect();
    let mut total = Stats::zero(k, d);
    for part in &parts {
        total.add(part);
    }
    total
}

struct Start {
    model: Model,
    lower_bound: f64,
    converged: bool,
    iterations: usize,
}

fn one_start(
    x: &[f64],
    view: ArrayView2<'_, f64>,
    params: &GmmParams,
    rng: &mut SklearnRng,
) -> Result<Start> {
    let (n, d) = view.dim();
    let k = params.n_components;
    let init = kmeans::fit_stream(
        view,
        &KMeansParams {
            n_clusters: Some(k),
            n_init: NInit::Runs(1),
            ..KMeansParams::default()
        },
        rng,
    )?;
    let base: Vec<f64> = init.centres.iter().flatten().copied().collect();
    let stats = hard_stats(x, d, &init.labels, &base, k);
    let mut model = m_step(&stats, &base, d, n, params.reg_covar, false)?;
    // The E-steps take every component's statistics around the data mean (one matrix product
    // for all components); the M-step moves them to each new mean exactly.
    let origin = kmeans::column_means(view);
    let around: Vec<f64> = origin.iter().copied().cycle().take(k * d).collect();
    let mut lower_bound = f64::NEG_INFINITY;
    let (mut converged, mut iterations) = (false, 0);
    for it in 1..=params.max_iter {
        iterations = it;
        let previous = lower_bound;
        let stats = e_pass(x, d, &model, &origin);
        model = m_step(&stats, &around, d, n, params.reg_covar, true)?;
        lower_bound = stats.log_likelihood / n.max(1) as f64;
        if (lower_bound - previous).abs() < params.tol {
            converged = true;
            break;
        }
    }
    Ok(Start {
        model,
        lower_bound,
        converged,
        iterations,
    })
}

/// Fits the mixture to the rows of `x` (finite, usually standardised); returns labels and
/// details.
///
/// ```
/// use disinfo_bots::cluster::gmm::{fit, GmmParams};
/// use ndarray::Array2;
///
/// let x = Array2::from_shape_fn((40, 2), |(i, j)| if i < 20 { 0.0 } else { 9.0 } + ((i * 7 + j * 3) % 5) as f64 * 0.1);
/// let (labels, details) = fit(x.view(), &GmmParams { n_components: 2, ..Default::default() }).unwrap();
/// assert!(labels[..20].iter().all(|&l| l == labels[0]));
/// assert_ne!(labels[0], labels[20]);
/// assert!(details.converged);
/// ```
pub fn fit(x: ArrayView2<'_, f64>, params: &GmmParams) -> Result<(Vec<usize>, GmmDetails)> {
    super::standardise::check_finite(x, &[])?;
    check_columns(x)?;
    let (n, d) = x.dim();
    let k = params.n_components;
    check_cluster_count("n_components", k, n)?;
    check_positive("max_iter", params.max_iter)?;
    check_positive("n_init", params.n_init)?;
    check_non_negative("tol", params.tol)?;
    check_non_negative("reg_covar", params.reg_covar)?;
    let seed_value = kmeans::resolve_seed(params.random_state, params.seed)?;
    let owned = x.as_standard_layout();
    let data = owned.as_slice().unwrap_or_default();
    let mut rng = SklearnRng::new(seed_value);
    let mut best: Option<Start> = None;
    for _ in 0..params.n_init {
        let start = one_start(data, owned.view(), params, &mut rng)?;
        if best
            .as_ref()
            .is_none_or(|b| start.lower_bound > b.lower_bound)
        {
            best = Some(start);
        }
    }
    let best = best.ok_or_else(|| bad("n_init", "must be >= 1"))?;
    let model = &best.model;
    let rows: Vec<(usize, Vec<f64>)> = data
        .par_chunks(CHUNK * d.max(1))
        .flat_map_iter(|chunk| {
            let mut diff = vec![0.0; k * d];
            let mut resp = vec![0.0; k];
            chunk
                .chunks_exact(d.max(1))
                .map(|p| {
                    row_log_resp(p, model, d, &mut diff, &mut resp);
                    let mut best = 0;
                    for j in 1..k {
                        if resp[j] > resp[best] {
                            best = j;
                        }
                    }
                    let probs = if params.probabilities {
                        resp.iter().map(|v| v.exp()).collect()
                    } else {
                        Vec::new()
                    };
                    (best, probs)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let (labels, probs): (Vec<usize>, Vec<Vec<f64>>) = rows.into_iter().unzip();
    let means = Array2::from_shape_vec((k, d), model.means.clone())
        .map(|m| m.rows().into_iter().map(|r| r.to_vec()).collect())
        .unwrap_or_default();
    Ok((
        labels,
        GmmDetails {
            means,
            weights: model.weights.clone(),
            converged: best.converged,
            iterations: best.iterations,
            lower_bound: best.lower_bound,
            n_init: params.n_init,
            seed: u64::from(seed_value),
            probabilities: params.probabilities.then_some(probs),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn blobs(seed: u64) -> (Array2<f64>, Vec<usize>) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let centres = [[0.0, 0.0], [8.0, 0.0], [0.0, 8.0]];
        let mut x = Array2::zeros((120, 2));
        let mut truth = Vec::new();
        for (c, centre) in centres.iter().enumerate() {
            for i in 0..40 {
                x[[c * 40 + i, 0]] = centre[0] + rng.random::<f64>() - 0.5;
                x[[c * 40 + i, 1]] = centre[1] + rng.random::<f64>() - 0.5;
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
        let (labels, details) = fit(x.view(), &p).expect("valid");
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
            n_init: 2,
            ..GmmParams::default()
        };
        assert_eq!(
            fit(x.view(), &p).expect("valid"),
            fit(x.view(), &p).expect("valid")
        );
    }

    #[test]
    fn gmm_rejects_more_components_than_rows_and_degenerate_covariance() {
        let p = GmmParams {
            n_components: 3,
            ..GmmParams::default()
        };
        assert!(fit(ndarray::array![[0.0], [1.0]].view(), &p).is_err());
        let zero = GmmParams {
            n_components: 1,
            reg_covar: 0.0,
            ..GmmParams::default()
        };
        assert!(fit(ndarray::array![[0.0], [0.0]].view(), &zero).is_err());
        let no_columns = Array2::<f64>::zeros((3, 0));
        assert!(fit(no_columns.view(), &zero).is_err());
    }
}
