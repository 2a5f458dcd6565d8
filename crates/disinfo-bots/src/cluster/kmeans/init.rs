//! Greedy k-means++ as scikit-learn's `_kmeans_plusplus` draws it (Arthur & Vassilvitskii
//! 2007, with `2 + ⌊ln k⌋` local trials per centre): the first centre is `choice(n)`; each next
//! centre is the best (lowest total squared distance) of the trials, each drawn as the first row
//! whose cumulative squared distance to the chosen centres reaches `uniform() × total`.
//!
//! With [`SklearnRng`] seeded like `RandomState(random_state)`, the draws are scikit-learn's, so
//! the starting centres are the same rows as scikit-learn's for the same `random_state`.

use ndarray::Array2;
use rayon::prelude::*;

use super::super::kdtree::rdist;
use super::super::rng::SklearnRng;
use super::CHUNK;

/// Sum of a vector, chunk by chunk in parallel, then the chunk sums in order (deterministic).
pub(super) fn ordered_sum(values: &[f64]) -> f64 {
    let parts: Vec<f64> = values.par_chunks(CHUNK).map(|c| c.iter().sum()).collect();
    parts.iter().sum()
}

/// `k` starting centres for the rows of `x` (`n × d`, row-major).
pub(super) fn kmeans_plus_plus(x: &[f64], d: usize, k: usize, rng: &mut SklearnRng) -> Array2<f64> {
    let n = x.len().checked_div(d).unwrap_or(0);
    let row = |i: usize| &x[i * d..(i + 1) * d];
    let mut centres = Array2::zeros((k, d));
    if n == 0 || k == 0 {
        return centres;
    }
    let trials = 2 + (k as f64).ln().floor() as usize;
    let first = rng.choice_uniform(n);
    centres.row_mut(0).assign(&ndarray::aview1(row(first)));
    let mut closest: Vec<f64> = (0..n)
        .into_par_iter()
        .map(|i| rdist(row(i), row(first)))
        .collect();
    let mut pot = ordered_sum(&closest);
    let mut cumulative = vec![0.0; n];
    let mut dist: Vec<f64> = Vec::new();
    for c in 1..k {
        let targets: Vec<f64> = (0..trials).map(|_| rng.random_sample() * pot).collect();
        let mut acc = 0.0;
        for (slot, v) in cumulative.iter_mut().zip(&closest) {
            acc += v;
            *slot = acc;
        }
        let candidates: Vec<usize> = targets
            .iter()
            .map(|&t| cumulative.partition_point(|&v| v < t).min(n - 1))
            .collect();
        // Every trial's distances in one pass over the rows (the rows are read once, not
        // once per trial), each chunk's potentials summed as it goes (then in chunk order).
        let t = candidates.len();
        dist.resize(n * t, 0.0);
        let parts: Vec<Vec<f64>> = dist
            .par_chunks_mut(t * CHUNK)
            .enumerate()
            .map(|(c, out)| {
                let mut acc = vec![0.0; t];
                for (o, slot) in out.chunks_exact_mut(t).enumerate() {
                    let i = c * CHUNK + o;
                    let p = row(i);
                    for ((s, &id), a) in slot.iter_mut().zip(&candidates).zip(&mut acc) {
                        *s = rdist(p, row(id)).min(closest[i]);
                        *a += *s;
                    }
                }
                acc
            })
            .collect();
        let mut pots = vec![0.0; t];
        for part in &parts {
            for (a, b) in pots.iter_mut().zip(part) {
                *a += b;
            }
        }
        let mut best = 0;
        for j in 1..t {
            if pots[j] < pots[best] {
                best = j;
            }
        }
        pot = pots[best];
        closest
            .par_iter_mut()
            .enumerate()
            .for_each(|(i, v)| *v = dist[i * t + best]);
        centres
            .row_mut(c)
            .assign(&ndarray::aview1(row(candidates[best])));
    }
    centres
}
