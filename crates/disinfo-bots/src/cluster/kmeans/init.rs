//! Greedy k-means++ as scikit-learn's `_kmeans_plusplus` draws it (Arthur & Vassilvitskii
//! 2007, with `2 + ⌊ln k⌋` local trials per centre): the first centre is `choice(n)`; each next
//! centre is the best (lowest total squared distance) of the trials, each drawn as the first row
//! whose cumulative squared distance to the chosen centres reaches `uniform() × total`.
//!
//! With [`SklearnRng`] seeded like `RandomState(random_state)`, the draws are scikit-learn's, so
//! the starting centres are the same rows as scikit-learn's for the same `random_state`. The
//! squared distances are computed as scikit-learn computes them (`‖x‖² + ‖c‖² − 2 x·c` from
//! the rows' squared norms, at least 0), in double precision, four trials at a time.
//!
//! Each pass over the rows writes every trial's distances into a vector of its own and sums
//! them per chunk of rows: the chosen trial's vector becomes the rows' nearest distances as it
//! is (no copy), and the next draws find their chunk from the chunk sums before adding up the
//! rows of that chunk only (no cumulative vector). On the benchmark's million rows that took
//! ~7 % off the whole K-Means call, with the same starts.

use ndarray::Array2;
use rayon::prelude::*;

use super::super::rng::SklearnRng;
use super::CHUNK;
use super::rows::{AHEAD, CentredRows};

/// The first row at which the running total of `closest` (the rows in order) reaches
/// `target`: the chunk is found from the sums of the chunks (`sums`, one per [`CHUNK`] rows, in
/// order), then its rows are added from the total before it (the last row when rounding leaves
/// `target` unreached).
fn draw(closest: &[f64], sums: &[f64], target: f64) -> usize {
    let mut before = 0.0;
    for (c, &sum) in sums.iter().enumerate() {
        let after = before + sum;
        if after >= target {
            let mut total = before;
            for (o, v) in closest[c * CHUNK..].iter().take(CHUNK).enumerate() {
                total += v;
                if total >= target {
                    return c * CHUNK + o;
                }
            }
        }
        before = after;
    }
    closest.len().saturating_sub(1)
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

/// Every trial's squared distances in one pass over the rows (the rows are read once, not once
/// per trial), each at most the row's `closest` (when centres are chosen already), into
/// `scores` (one vector per trial, one value per row); returns each chunk's sums, one per
/// trial (in the order of the rows, chunk by chunk).
fn score_trials(
    x: CentredRows<'_>,
    norms: &[f64],
    scorer: &Candidates,
    closest: Option<&[f64]>,
    scores: &mut [Vec<f64>],
) -> Vec<Vec<f64>> {
    let (trials, d) = (scores.len(), x.width());
    let mut pieces: Vec<Vec<&mut [f64]>> = (0..x.len().div_ceil(CHUNK))
        .map(|_| Vec::with_capacity(trials))
        .collect();
    for trial in scores {
        for (piece, chunk) in trial.chunks_mut(CHUNK).zip(&mut pieces) {
            chunk.push(piece);
        }
    }
    pieces
        .into_par_iter()
        .enumerate()
        .map(|(c, mut outs)| {
            let mut sums = vec![0.0; trials];
            let mut dist = vec![0.0; trials];
            let mut row = vec![0.0; d];
            for o in 0..outs.first().map_or(0, |out| out.len()) {
                let i = c * CHUNK + o;
                let nearest = closest.map_or(f64::INFINITY, |closest| closest[i]);
                x.prefetch(i + AHEAD);
                x.read(i, &mut row);
                scorer.distances(&row, norms[i], &mut dist);
                for ((out, sum), s) in outs.iter_mut().zip(&mut sums).zip(&dist) {
                    let v = s.min(nearest);
                    out[o] = v;
                    *sum += v;
                }
            }
            sums
        })
        .collect()
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
    // Each row's squared distance to the nearest centre chosen, and their sum per chunk.
    let mut scores = vec![vec![0.0; n]];
    let to_first = Candidates::new(x, norms, &[first]);
    let parts = score_trials(x, norms, &to_first, None, &mut scores);
    let mut sums: Vec<f64> = parts.iter().map(|part| part[0]).collect();
    let mut closest = scores.pop().unwrap_or_default();
    let mut pot: f64 = sums.iter().sum();
    // Each trial's distances (made for the second centre); the chosen trial's vector becomes
    // `closest`, and `closest`'s takes its place for the next centre.
    for c in 1..k {
        scores.resize_with(trials, || vec![0.0; n]);
        let targets: Vec<f64> = (0..trials).map(|_| rng.random_sample() * pot).collect();
        let candidates: Vec<usize> = targets.iter().map(|&t| draw(&closest, &sums, t)).collect();
        let scorer = Candidates::new(x, norms, &candidates);
        let parts = score_trials(x, norms, &scorer, Some(&closest), &mut scores);
        let mut pots = vec![0.0; trials];
        for part in &parts {
            for (a, b) in pots.iter_mut().zip(part) {
                *a += b;
            }
        }
        let mut best = 0;
        for j in 1..trials {
            if pots[j] < pots[best] {
                best = j;
            }
        }
        pot = pots[best];
        sums = parts.iter().map(|part| part[best]).collect();
        std::mem::swap(&mut closest, &mut scores[best]);
        centres
            .row_mut(c)
            .assign(&ndarray::aview1(&x.row(candidates[best])));
    }
    centres
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// The first row whose running total (added row by row from the first) reaches `target`.
    fn first_reaching(values: &[f64], target: f64) -> usize {
        let mut total = 0.0;
        values
            .iter()
            .position(|v| {
                total += v;
                total >= target
            })
            .unwrap_or(values.len() - 1)
    }

    #[test]
    fn draws_find_the_row_the_running_total_reaches() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        // Whole numbers: the chunked and the row-by-row totals are exact, hence equal.
        let n = 3 * CHUNK + 17;
        let values: Vec<f64> = (0..n)
            .map(|i| {
                if i % 5 == 0 {
                    0.0
                } else {
                    f64::from(rng.random_range(0..9u8))
                }
            })
            .collect();
        let sums: Vec<f64> = values.chunks(CHUNK).map(|c| c.iter().sum()).collect();
        let total: f64 = sums.iter().sum();
        let mut targets = vec![0.0, 1.0, total, total + 1.0];
        // Every chunk's first and last totals, and random ones.
        let mut before = 0.0;
        for s in &sums {
            targets.extend([before + 0.5, before + s]);
            before += s;
        }
        targets.extend((0..200).map(|_| rng.random::<f64>() * total));
        for t in targets {
            assert_eq!(
                draw(&values, &sums, t),
                first_reaching(&values, t),
                "target {t}"
            );
        }
    }

    #[test]
    fn kmeans_plus_plus_starts_on_distinct_rows_even_with_duplicates() {
        // Three distinct points, many copies each: the starts are the three points.
        let x: Vec<f64> = (0..3000)
            .flat_map(|i| [f64::from(i % 3) * 10.0, 1.0])
            .collect();
        let origin = [0.0, 0.0];
        let rows = CentredRows::new(&x, &origin);
        let norms: Vec<f64> = x.chunks(2).map(|r| r[0] * r[0] + r[1] * r[1]).collect();
        let centres = kmeans_plus_plus(rows, &norms, 3, &mut SklearnRng::new(7));
        let mut firsts: Vec<f64> = centres.column(0).to_vec();
        firsts.sort_by(f64::total_cmp);
        assert_eq!(firsts, vec![0.0, 10.0, 20.0]);
    }
}
