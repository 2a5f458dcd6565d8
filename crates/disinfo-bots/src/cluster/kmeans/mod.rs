//! K-Means as scikit-learn's `sklearn.cluster.KMeans(algorithm="lloyd")` defines it: greedy
//! k-means++ starts drawn from scikit-learn's own random stream (`init`), Lloyd runs whose
//! nearest centres come from single-precision products checked in double precision (`lloyd`,
//! `screen`), `n_init` runs keeping the lowest inertia; and
//! [`minibatch`] for tens of millions of rows.
//!
//! scikit-learn's behaviours kept: `n_init="auto"` is one run with k-means++ (or given
//! centres), 10 with `init: "random"`; the data are centred (column means subtracted) before
//! the runs and the centres moved back after, for accurate distances; `tol` is relative to the
//! mean column variance; a run replaces the best one only with a strictly lower inertia and a
//! different partition. With the same `random_state` (alias `seed`) the runs start from the
//! same rows as scikit-learn's, so labels, centres and inertia agree.
//!
//! Written here rather than taken from `linfa-clustering`'s `KMeans`: its k-means++ has no local
//! trials and draws from another generator (so starts cannot match scikit-learn's), its
//! tolerance is absolute on the centre shift, it does not report iterations, and its Lloyd steps
//! compute every distance in double precision one row at a time, where ours score eight rows
//! against eight centres at a time in single precision with the near ties checked (`screen`),
//! from a single-precision copy made once per fit while centring (`centred`): that is what
//! the benchmark's million rows spend their time on.

mod centred;
mod init;
mod lloyd;
pub mod minibatch;
mod rows;
mod screen;

use ndarray::{Array2, ArrayView2, Axis};
use serde::{Deserialize, Serialize};

use super::rng::{SklearnRng, seed};
use super::{bad, check_cluster_count, check_columns, check_non_negative, check_positive};
use crate::error::Result;

pub(crate) use centred::column_means;
pub use minibatch::{MiniBatchParams, minibatch_kmeans};
use rows::CentredRows;

/// Rows per chunk of parallel work (sums are made per chunk, then in chunk order).
pub(crate) const CHUNK: usize = 4096;

/// `n_init`: `"auto"` or a number of runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum NInit {
    /// scikit-learn's `"auto"`: 1 run with k-means++ or given centres, 10 with random starts.
    Auto(AutoName),
    /// This many runs.
    Runs(usize),
}

impl Default for NInit {
    fn default() -> Self {
        NInit::Auto(AutoName::Auto)
    }
}

/// The word `auto`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum AutoName {
    /// `"auto"`.
    #[default]
    Auto,
}

/// How the starting centres are chosen.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum KMeansInit {
    /// Greedy k-means++ (the default).
    #[default]
    #[serde(rename = "k-means++")]
    KMeansPlusPlus,
    /// `n_clusters` distinct rows drawn at random.
    Random,
}

/// Parameters of K-Means (`params` of [`super::ClusterOptions`] with `method: "kmeans"`).
/// Names and defaults are scikit-learn's.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct KMeansParams {
    /// Number of clusters; default: the number of `initial_centres`, else 8.
    pub n_clusters: Option<usize>,
    /// Starting centres (in the clustered, i.e. standardised, space); default: `init`.
    pub initial_centres: Option<Vec<Vec<f64>>>,
    /// `k-means++` (default) or `random`, when no `initial_centres` are given.
    pub init: KMeansInit,
    /// Runs from different starts, the lowest inertia kept: `"auto"` (default: 1 with
    /// k-means++ or given centres, 10 with random starts) or a number.
    pub n_init: NInit,
    /// Maximum Lloyd iterations per run; default 300.
    pub max_iter: usize,
    /// Relative tolerance: a run stops when the summed squared centre shift is `<= tol × mean
    /// column variance`; default 1e-4.
    pub tol: f64,
    /// Seed of the starts, as scikit-learn's `random_state` (0 to 2³²-1); default 42.
    pub random_state: Option<u64>,
    /// Another name for `random_state`.
    pub seed: Option<u64>,
}

impl Default for KMeansParams {
    fn default() -> Self {
        KMeansParams {
            n_clusters: None,
            initial_centres: None,
            init: KMeansInit::KMeansPlusPlus,
            n_init: NInit::Auto(AutoName::Auto),
            max_iter: 300,
            tol: 1e-4,
            random_state: None,
            seed: None,
        }
    }
}

/// The seed of `random_state` / `seed` (they must agree when both are given); default 42.
pub(crate) fn resolve_seed(random_state: Option<u64>, seed_: Option<u64>) -> Result<u32> {
    match (random_state, seed_) {
        (Some(a), Some(b)) if a != b => Err(bad(
            "random_state",
            format!("is {a} but seed is {b}; they are two names of one option, give one"),
        )),
        (Some(a), _) | (None, Some(a)) => seed("random_state", a),
        (None, None) => Ok(42),
    }
}

/// The result of [`fit`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KMeansResult {
    /// Cluster index of each row.
    pub labels: Vec<usize>,
    /// Final centres, one row per cluster.
    pub centres: Vec<Vec<f64>>,
    /// Lloyd iterations of the kept run (scikit-learn's `n_iter_`).
    pub iterations: usize,
    /// Sum of squared distances of rows to their centre.
    pub inertia: f64,
    /// Runs made.
    pub n_init: usize,
    /// The seed used (`random_state`).
    pub seed: u64,
}

/// Whether two labelings are the same partition (scikit-learn's `_is_same_clustering`).
fn same_partition(a: &[u32], b: &[u32], k: usize) -> bool {
    let mut map = vec![u32::MAX; k];
    for (&x, &y) in a.iter().zip(b) {
        let slot = &mut map[x as usize];
        if *slot == u32::MAX {
            *slot = y;
        } else if *slot != y {
            return false;
        }
    }
    true
}

/// `k` distinct rows drawn at random (scikit-learn's `init="random"`, without its exact draw).
fn random_rows(x: CentredRows<'_>, k: usize, rng: &mut SklearnRng) -> Array2<f64> {
    let n = x.len();
    let mut chosen: Vec<usize> = Vec::with_capacity(k);
    while chosen.len() < k.min(n) {
        let i = rng.below(n);
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    let mut centres = Array2::zeros((k, x.width()));
    for (mut centre, &i) in centres.axis_iter_mut(Axis(0)).zip(&chosen) {
        x.read(i, centre.as_slice_mut().unwrap_or_default());
    }
    centres
}

/// K-Means with [`KMeansParams`] on the rows of `x` (finite; usually standardised).
///
/// ```
/// use disinfo_bots::cluster::kmeans::{fit, KMeansParams};
/// use ndarray::array;
///
/// let x = array![[0.0], [0.2], [10.0], [10.2]];
/// let r = fit(x.view(), &KMeansParams { n_clusters: Some(2), ..Default::default() }).unwrap();
/// assert_eq!(r.labels[0], r.labels[1]);
/// assert_ne!(r.labels[1], r.labels[2]);
/// assert!((r.inertia - 0.04).abs() < 1e-12);
/// ```
pub fn fit(x: ArrayView2<'_, f64>, params: &KMeansParams) -> Result<KMeansResult> {
    super::standardise::check_finite(x, &[])?;
    fit_finite(x, params)
}

/// [`fit`] on rows already known to be finite (the clustering checked them while choosing
/// or standardising the columns): a million rows are not read once more for nothing.
pub(crate) fn fit_finite(x: ArrayView2<'_, f64>, params: &KMeansParams) -> Result<KMeansResult> {
    let seed_value = resolve_seed(params.random_state, params.seed)?;
    run(x, params, &mut SklearnRng::new(seed_value), seed_value)
}

/// [`fit_finite`] drawing from a stream already in use (the Gaussian mixture's starts continue
/// one stream, as scikit-learn passes its `RandomState` on).
pub(crate) fn fit_stream(
    x: ArrayView2<'_, f64>,
    params: &KMeansParams,
    rng: &mut SklearnRng,
) -> Result<KMeansResult> {
    run(x, params, rng, 0)
}

fn run(
    x: ArrayView2<'_, f64>,
    params: &KMeansParams,
    rng: &mut SklearnRng,
    seed_value: u32,
) -> Result<KMeansResult> {
    check_columns(x)?;
    let (n, d) = x.dim();
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
    let given = match &params.initial_centres {
        Some(c) => {
            if c.iter()
                .any(|r| r.len() != d || r.iter().any(|v| !v.is_finite()))
            {
                return Err(bad(
                    "initial_centres",
                    format!("every centre needs {d} finite values"),
                ));
            }
            Some(Array2::from_shape_fn((k, d), |(j, t)| c[j][t]))
        }
        None => None,
    };
    let runs = match (params.n_init, &given, params.init) {
        (_, Some(_), _) => 1,
        (NInit::Runs(r), _, _) => r,
        (NInit::Auto(_), None, KMeansInit::KMeansPlusPlus) => 1,
        (NInit::Auto(_), None, KMeansInit::Random) => 10,
    };
    check_positive("n_init", runs)?;
    let means = centred::column_means(x);
    let source = x.as_standard_layout();
    let data = CentredRows::new(source.as_slice().unwrap_or_default(), &means);
    let prepared = centred::centre(data);
    let rows = &prepared.rows;
    let tol = params.tol * prepared.mean_variance;
    let mut best: Option<lloyd::Run> = None;
    for _ in 0..runs {
        let start = match &given {
            Some(c) => {
                let mut c = c.clone();
                c.axis_iter_mut(Axis(0))
                    .for_each(|mut row| row.iter_mut().zip(&means).for_each(|(v, m)| *v -= m));
                c
            }
            None if params.init == KMeansInit::Random => random_rows(data, k, rng),
            None => init::kmeans_plus_plus(data, rows.squared_norms(), k, rng),
        };
        let run = lloyd::lloyd(data, rows, start, params.max_iter, tol);
        let better = match &best {
            None => true,
            Some(b) => run.inertia < b.inertia && !same_partition(&run.labels, &b.labels, k),
        };
        if better {
            best = Some(run);
        }
    }
    let best = best.ok_or_else(|| bad("n_init", "must be >= 1"))?;
    let centres = best
        .centres
        .axis_iter(Axis(0))
        .map(|row| row.iter().zip(&means).map(|(v, m)| v + m).collect())
        .collect();
    Ok(KMeansResult {
        labels: best.labels.into_iter().map(|l| l as usize).collect(),
        centres,
        iterations: best.iterations,
        inertia: best.inertia,
        n_init: runs,
        seed: u64::from(seed_value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn kmeans_plus_plus_finds_three_blobs_and_is_seeded() {
        let mut m = Array2::zeros((30, 2));
        for (b, c) in [0.0, 10.0, 20.0].iter().enumerate() {
            for i in 0..10 {
                m[[b * 10 + i, 0]] = c + f64::from(i as u8) * 0.01;
                m[[b * 10 + i, 1]] = *c;
            }
        }
        let p = KMeansParams {
            n_clusters: Some(3),
            ..KMeansParams::default()
        };
        let a = fit(m.view(), &p).expect("valid");
        assert_eq!(a, fit(m.view(), &p).expect("valid"));
        for blob in a.labels.chunks(10) {
            assert!(blob.iter().all(|&l| l == blob[0]));
        }
        assert_ne!(a.labels[0], a.labels[10]);
        assert_ne!(a.labels[10], a.labels[20]);
    }

    #[test]
    fn more_runs_never_give_a_higher_inertia() {
        let x = array![
            [0.0, 0.0],
            [0.1, 0.0],
            [5.0, 5.0],
            [5.1, 5.2],
            [9.0, 0.0],
            [9.2, 0.1],
            [4.0, 9.0]
        ];
        for seed in 0..5u64 {
            let one = KMeansParams {
                n_clusters: Some(3),
                random_state: Some(seed),
                ..KMeansParams::default()
            };
            let ten = KMeansParams {
                n_init: NInit::Runs(10),
                ..one.clone()
            };
            let a = fit(x.view(), &one).expect("valid");
            let b = fit(x.view(), &ten).expect("valid");
            assert!(b.inertia <= a.inertia, "seed {seed}");
            assert_eq!(b.n_init, 10);
        }
    }

    #[test]
    fn kmeans_rejects_more_clusters_than_rows_and_conflicting_seeds() {
        let x = array![[0.0], [1.0]];
        let p = KMeansParams {
            n_clusters: Some(5),
            ..KMeansParams::default()
        };
        assert!(fit(x.view(), &p).is_err());
        let p = KMeansParams {
            n_clusters: Some(1),
            seed: Some(1),
            random_state: Some(2),
            ..KMeansParams::default()
        };
        assert!(fit(x.view(), &p).is_err());
        let p = KMeansParams {
            n_clusters: Some(1),
            random_state: Some(1 << 40),
            ..KMeansParams::default()
        };
        assert!(fit(x.view(), &p).is_err());
    }
}
