//! Greedy k-means++ as scikit-learn's `_kmeans_plusplus` draws it (Arthur & Vassilvitskii
//! 2007, with `2 + ⌊ln k⌋` local trials per centre): the first centre is `choice(n)`; each next
//! centre is the best (lowest total squared distance) of the trials, each drawn as the first row
//! whose cumulative squared distance to the chosen centres reaches `uniform() × total`.
//!
//! With [`SklearnRng`] seeded like `RandomState(random_state)`, the draws are scikit-learn's, so
//! the starting centres are the same rows as scikit-learn's for the same `random_state`. The
//! squared distances are computed as scikit-learn computes them (`‖x‖² + ‖c‖² − 2 x·c` from
//! the rows' squared norms, at least 0), in double precision, four trials at a time.

use ndarray::Array2;
use rayon::prelude::*;

use super::super::rng::SklearnRng;
use super::CHUNK;
use super::rows::{AHEAD, CentredRows};

/// Sum of a vector, chunk by chunk in parallel, then the chunk sums in order (deterministic).
pub(super) fn ordered_sum(values: &[f64]) -> f64 {
    let parts: Vec<f64> = values.par_chunks(CHUNK).map(|c| c.iter().sum()).collect();
    parts.iter().sum()
}

/// Trials scored together: one pair of baseline (128-bit) vectors of `f64`.
const TRIALS: usize = 4;

/// Squared distances from rows to a few candidate rows as scikit-learn's
/// `_euclidean_distances` computes them: `‖x‖² + ‖c‖² − 2 x·c`, at least 0.
struct Candidates {
    /// The candidates in blocks of [`TRIALS`], column by column (`blocks × d × TRIALS`;
    /// zeros past the last candidate).
    interleaved: Vec<f64>,
    /// Squared norms, one per slot of every block.
    norms: Vec<f64>,
    count: usize,
}

impl Candidates {
    fn new(x: CentredRows<'_>, norms: &[f64], ids: &[usize]) -> Candidates {
        let d = x.width();
        let blocks = ids.len().div_ceil(TRIALS);
        let mut interleaved = vec![0.0; blocks * d * TRIALS];
        let mut slot_norms = vec![0.0; blocks * TRIALS];
        for (j, &id) in ids.iter().enumerate() {
            let (block, slot) = (j / TRIALS, j % TRIALS);
            for (t, v) in x.row(id).into_iter().enumerate() {
                interleaved[(block * d + t) * TRIALS + slot] = v;
            }
            slot_norms[j] = norms[id];
        }
        Candidates {
            interleaved,
            norms: slot_norms,
            count: ids.len(),
        }
    }

    /// The squared distances of `row` (squared norm `norm`) to every candidate, into `out`
    /// (one per candidate).
    fn distances(&self, row: &[f64], norm: f64, out: &mut [f64]) {
        let d = row.len();
        let blocks = self
            .interleaved
            .chunks_exact(d * TRIALS)
            .zip(self.norms.chunks_exact(TRIALS));
        for (b, (block, norms)) in blocks.enumerate() {
            let mut acc = [0.0f64; TRIALS];
            for (candidates, &v) in block.chunks_exact(TRIALS).zip(row) {
                // A fixed-size array: the slots unroll into vector operations, unchecked.
                let Ok(candidates) = <&[f64; TRIALS]>::try_from(candidates) else {
                    continue;
                };
                for slot in 0..TRIALS {
                    acc[slot] += v * candidates[slot];
                }
            }
            let first = b * TRIALS;
            for (slot, o) in out[first..self.count.min(first + TRIALS)]
                .iter_mut()
                .enumerate()
            {
                *o = (norm + norms[slot] - 2.0 * acc[slot]).max(0.0);
            }
        }
    }
}

/// `k` starting centres for the rows of `x` (`norms`: their squared norms).
pub(super) fn kmeans_plus_plus(
    x: CentredRows<'_>,
    norms: &[f64],
    k: usize,
    rng: &mut SklearnRng,
) -> Array2<f64> {
    let (n, d) = (x.len(), x.width());
    let mut centres = Array2::zeros((k, d));
    if n == 0 || k == 0 {
        return centres;
    }
    let trials = 2 + (k as f64).ln().floor() as usize;
    let first = rng.choice_uniform(n);
    centres.row_mut(0).assign(&ndarray::aview1(&x.row(first)));
    let to_first = Candidates::new(x, norms, &[first]);
    let mut closest: Vec<f64> = (0..n)
        .into_par_iter()
        .map_init(
            || vec![0.0; d],
            |row, i| {
                let mut out = [0.0];
                x.prefetch(i + AHEAD);
                x.read(i, row);
                to_first.distances(row, norms[i], &mut out);
                out[0]
            },
        )
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
        let scorer = Candidates::new(x, norms, &candidates);
        dist.resize(n * t, 0.0);
        let parts: Vec<Vec<f64>> = dist
            .par_chunks_mut(t * CHUNK)
            .enumerate()
            .map(|(c, out)| {
                let mut acc = vec![0.0; t];
                let mut row = vec![0.0; d];
                for (o, slot) in out.chunks_exact_mut(t).enumerate() {
                    let i = c * CHUNK + o;
                    x.prefetch(i + AHEAD);
                    x.read(i, &mut row);
                    scorer.distances(&row, norms[i], slot);
                    for (s, a) in slot.iter_mut().zip(&mut acc) {
                        *s = s.min(closest[i]);
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
            .assign(&ndarray::aview1(&x.row(candidates[best])));
    }
    centres
}
