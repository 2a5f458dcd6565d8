//! One run of Lloyd's K-Means as scikit-learn's `_kmeans_single_lloyd` runs it, with Elkan's
//! bounds (Elkan 2003, *Using the triangle inequality to accelerate k-means*) so that most rows
//! skip most distance computations while getting exactly the labels of plain Lloyd.
//!
//! Per iteration (scikit-learn's order): every row takes its nearest centre (the lowest index
//! on ties); each centre becomes the mean of its rows, an empty cluster taking the row farthest
//! from its centre (scikit-learn's relocation; with no such row it becomes the origin, i.e. the
//! data mean); the run stops when no label changed (strict convergence) or when the summed
//! squared centre shift is at most `tol`; without strict convergence the labels are computed
//! once more against the final centres. Iterations are counted as scikit-learn's `n_iter_`.
//!
//! Elkan's bounds: for each row an upper bound `u` on the distance to its centre and, for each
//! centre `j`, a lower bound `l_j` on the distance to it; a centre is not even considered while
//! `u < l_j` or `u < d(c, c_j) / 2`, and bounds move by the centres' shifts after each update.
//! A row whose centre is nearer than half the distance to any other centre is not looked at.
//! The tests compare with plain Lloyd. A small relative margin keeps near ties (where Lloyd
//! takes the lowest index) on the exact path.
//!
//! Centre sums are kept from one iteration to the next and changed only by the rows that move
//! (rows that keep their centre are not even read): a pass over a million rows then touches
//! little more than the bounds. Sums are made per fixed chunk of rows, then added in chunk
//! order, so the result does not depend on the number of threads; kept sums differ from
//! recomputed ones by rounding only.

use ndarray::Array2;
use rayon::prelude::*;

use super::super::kdtree::rdist;
use super::CHUNK;

/// Bounds are trusted only with this relative margin (rounding in their updates).
const MARGIN: f64 = 1e-9;

/// The outcome of one run.
pub(crate) struct Run {
    pub(crate) labels: Vec<u32>,
    pub(crate) centres: Array2<f64>,
    pub(crate) iterations: usize,
    pub(crate) inertia: f64,
}

/// Per-row bounds, stored as of the iteration in `stamp`: the bounds now are the stored ones
/// moved by the centres' shifts since then (kept as cumulative sums), so a row whose bounds
/// let it keep its centre is not even written.
struct State {
    labels: Vec<u32>,
    stamp: Vec<u32>,
    upper: Vec<f64>,
    /// `n × k` lower bounds, one per centre.
    lower: Vec<f64>,
    /// Cumulative centre shifts after each iteration (`history[t][j]`).
    history: Vec<Vec<f64>>,
}

/// Nearest and second nearest centre (squared distances), lowest index first on ties.
#[inline]
fn nearest_two(p: &[f64], centres: &[f64], d: usize) -> (u32, f64, f64) {
    let (mut best, mut d1, mut d2) = (0u32, f64::INFINITY, f64::INFINITY);
    for (j, c) in centres.chunks_exact(d.max(1)).enumerate() {
        let dist = rdist(p, c);
        if dist < d1 {
            d2 = d1;
            d1 = dist;
            best = j as u32;
        } else if dist < d2 {
            d2 = dist;
        }
    }
    (best, d1, d2)
}

/// Per-centre sums and counts of the rows, and how many labels changed in a pass.
struct Sums {
    sums: Vec<f64>,
    counts: Vec<i64>,
    changed: usize,
}

impl Sums {
    fn zero(k: usize, d: usize) -> Sums {
        Sums {
            sums: vec![0.0; k * d],
            counts: vec![0; k],
            changed: 0,
        }
    }

    fn add(&mut self, other: &Sums) {
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            *a += b;
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.changed += other.changed;
    }

    fn put(&mut self, j: usize, p: &[f64], sign: f64) {
        let d = p.len();
        for (s, v) in self.sums[j * d..(j + 1) * d].iter_mut().zip(p) {
            *s += sign * v;
        }
        self.counts[j] += sign as i64;
    }
}

/// Assigns every row (Elkan-pruned). On the first pass (`fresh`) returns the sums of every
/// centre's rows; afterwards only the changes (rows that moved, subtracted from their old
/// centre and added to their new one), which spares reading the rows that stay.
fn assign(
    x: &[f64],
    d: usize,
    centres: &Array2<f64>,
    state: &mut State,
    fresh: bool,
    first: bool,
) -> Sums {
    let k = centres.nrows();
    let c = centres.as_slice().unwrap_or_default();
    let centre = |j: usize| &c[j * d..(j + 1) * d];
    // Half the distances between centres, and to the nearest other centre.
    let half: Vec<f64> = (0..k * k)
        .map(|jj| 0.5 * rdist(centre(jj / k), centre(jj % k)).sqrt())
        .collect();
    let gap: Vec<f64> = (0..k)
        .map(|j| {
            (0..k)
                .filter(|&o| o != j)
                .map(|o| half[j * k + o])
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    let now = state.history.len() - 1;
    let history = &state.history;
    let drift = |since: usize, j: usize| (history[now][j] - history[since][j]) * (1.0 + MARGIN);
    let parts: Vec<Sums> = state
        .labels
        .par_chunks_mut(CHUNK)
        .zip(state.stamp.par_chunks_mut(CHUNK))
        .zip(state.upper.par_chunks_mut(CHUNK))
        .zip(state.lower.par_chunks_mut(CHUNK * k))
        .enumerate()
        .map(|(chunk, (((labels, stamps), upper), lower))| {
            let mut part = Sums::zero(k, d);
            for (o, (((label, stamp), u), l)) in labels
                .iter_mut()
                .zip(stamps)
                .zip(upper)
                .zip(lower.chunks_exact_mut(k))
                .enumerate()
            {
                let i = chunk * CHUNK + o;
                let p = &x[i * d..(i + 1) * d];
                let old = *label;
                if fresh {
                    let mut best = (0usize, f64::INFINITY);
                    for (j, lj) in l.iter_mut().enumerate() {
                        *lj = rdist(p, centre(j)).sqrt();
                        if *lj < best.1 {
                            best = (j, *lj);
                        }
                    }
                    *label = best.0 as u32;
                    *u = best.1;
                    *stamp = now as u32;
                    part.put(best.0, p, 1.0);
                    if first || best.0 != old as usize {
                        part.changed += 1;
                    }
                    continue;
                }
                let since = *stamp as usize;
                let mut a = old as usize;
                let mut up = *u + drift(since, a);
                if up * (1.0 + MARGIN) < gap[a] {
                    continue;
                }
                // Bring the bounds up to date before using them.
                for (j, lj) in l.iter_mut().enumerate() {
                    *lj = (*lj - drift(since, j)).max(0.0);
                }
                *stamp = now as u32;
                let mut exact = false;
                for j in 0..k {
                    let pruned = |up: f64, lj: f64| {
                        up * (1.0 + MARGIN) < lj || up * (1.0 + MARGIN) < half[a * k + j]
                    };
                    if j == a || pruned(up, l[j]) {
                        continue;
                    }
                    if !exact {
                        up = rdist(p, centre(a)).sqrt();
                        l[a] = up;
                        exact = true;
                        if pruned(up, l[j]) {
                            continue;
                        }
                    }
                    let dj = rdist(p, centre(j)).sqrt();
                    l[j] = dj;
                    // Lloyd takes the lowest index among equally near centres.
                    if dj < up || (dj == up && j < a) {
                        a = j;
                        up = dj;
                    }
                }
                *u = up;
                if a != old as usize {
                    *label = a as u32;
                    part.put(old as usize, p, -1.0);
                    part.put(a, p, 1.0);
                    part.changed += 1;
                }
            }
            part
        })
        .collect();
    let mut total = Sums::zero(k, d);
    for part in &parts {
        total.add(part);
    }
    total
}

/// New centres from the sums, relocating empty clusters as scikit-learn does. Returns whether
/// a relocation happened (the sums then no longer follow the labels).
fn update(
    x: &[f64],
    d: usize,
    old: &Array2<f64>,
    labels: &[u32],
    sums: &Sums,
) -> (Array2<f64>, bool) {
    let k = old.nrows();
    let mut sums_k = sums.sums.clone();
    let mut counts = sums.counts.clone();
    let empty: Vec<usize> = (0..k).filter(|&j| counts[j] <= 0).collect();
    let mut relocated = false;
    if !empty.is_empty() {
        let c = old.as_slice().unwrap_or_default();
        let dist: Vec<f64> = labels
            .par_iter()
            .enumerate()
            .map(|(i, &l)| {
                rdist(
                    &x[i * d..(i + 1) * d],
                    &c[l as usize * d..(l as usize + 1) * d],
                )
            })
            .collect();
        if dist.iter().any(|&v| v > 0.0) {
            let mut far: Vec<usize> = (0..dist.len()).collect();
            far.sort_by(|&a, &b| dist[b].total_cmp(&dist[a]).then(a.cmp(&b)));
            for (&j, &i) in empty.iter().zip(&far) {
                let from = labels[i] as usize;
                let p = &x[i * d..(i + 1) * d];
                for (t, v) in p.iter().enumerate() {
                    sums_k[from * d + t] -= v;
                    sums_k[j * d + t] = *v;
                }
                counts[j] = 1;
                counts[from] -= 1;
                relocated = true;
            }
        }
    }
    let mut centres = Array2::zeros((k, d));
    for j in 0..k {
        if counts[j] > 0 {
            let alpha = 1.0 / counts[j] as f64;
            for t in 0..d {
                centres[[j, t]] = sums_k[j * d + t] * alpha;
            }
        }
    }
    (centres, relocated)
}

/// Runs Lloyd from `init` on the rows of `x` (`n × d`, row-major); `tol` is absolute (summed
/// squared centre shift).
pub(crate) fn lloyd(x: &[f64], d: usize, init: Array2<f64>, max_iter: usize, tol: f64) -> Run {
    let n = x.len().checked_div(d).unwrap_or(0);
    let k = init.nrows();
    let mut state = State {
        labels: vec![0; n],
        stamp: vec![0; n],
        upper: vec![f64::INFINITY; n],
        lower: vec![0.0; n * k],
        history: vec![vec![0.0; k]],
    };
    let mut centres = init;
    let mut strict = false;
    let mut iterations = 0;
    let mut sums = Sums::zero(k, d);
    let mut fresh = true;
    for i in 0..max_iter.max(1) {
        iterations = i + 1;
        let pass = assign(x, d, &centres, &mut state, fresh, i == 0);
        let changed = pass.changed;
        if fresh {
            sums = pass;
        } else {
            sums.add(&pass);
        }
        let (new, relocated) = update(x, d, &centres, &state.labels, &sums);
        let shifts: Vec<f64> = (0..k)
            .map(|j| {
                rdist(
                    new.row(j).as_slice().unwrap_or_default(),
                    centres.row(j).as_slice().unwrap_or_default(),
                )
                .sqrt()
            })
            .collect();
        centres = new;
        if i > 0 && changed == 0 {
            strict = true;
            break;
        }
        if shifts.iter().map(|s| s * s).sum::<f64>() <= tol {
            break;
        }
        // A relocation moved a row's contribution without changing its label: start the sums
        // afresh (with fresh bounds) on the next pass.
        fresh = relocated;
        // The bounds move with the centres (applied lazily, see `State`).
        let last = state
            .history
            .last()
            .cloned()
            .unwrap_or_else(|| vec![0.0; k]);
        state
            .history
            .push(last.iter().zip(&shifts).map(|(a, b)| a + b).collect());
    }
    if !strict {
        let c = centres.as_slice().unwrap_or_default();
        state
            .labels
            .par_chunks_mut(CHUNK)
            .enumerate()
            .for_each(|(chunk, labels)| {
                for (o, label) in labels.iter_mut().enumerate() {
                    let i = chunk * CHUNK + o;
                    *label = nearest_two(&x[i * d..(i + 1) * d], c, d).0;
                }
            });
    }
    let c = centres.as_slice().unwrap_or_default();
    let parts: Vec<f64> = state
        .labels
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(chunk, labels)| {
            labels
                .iter()
                .enumerate()
                .map(|(o, &l)| {
                    let i = chunk * CHUNK + o;
                    rdist(
                        &x[i * d..(i + 1) * d],
                        &c[l as usize * d..(l as usize + 1) * d],
                    )
                })
                .sum::<f64>()
        })
        .collect();
    Run {
        labels: state.labels,
        centres,
        iterations,
        inertia: parts.iter().sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Plain Lloyd with scikit-learn's stopping rules, no bounds.
    fn plain(x: &[f64], d: usize, init: &Array2<f64>, max_iter: usize) -> Vec<u32> {
        let n = x.len() / d;
        let mut c = init.clone();
        let mut old = vec![u32::MAX; n];
        let mut labels = vec![0u32; n];
        for _ in 0..max_iter {
            labels = (0..n)
                .map(|i| nearest_two(&x[i * d..(i + 1) * d], c.as_slice().unwrap_or_default(), d).0)
                .collect();
            let mut sums = vec![0.0; c.len()];
            let mut counts = vec![0u64; c.nrows()];
            for (i, &l) in labels.iter().enumerate() {
                counts[l as usize] += 1;
                for t in 0..d {
                    sums[l as usize * d + t] += x[i * d + t];
                }
            }
            for j in 0..c.nrows() {
                if counts[j] > 0 {
                    for t in 0..d {
                        c[[j, t]] = sums[j * d + t] * (1.0 / counts[j] as f64);
                    }
                }
            }
            if labels == old {
                break;
            }
            old.clone_from(&labels);
        }
        labels
    }

    #[test]
    fn bounds_give_the_labels_of_plain_lloyd() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let (n, d, k) = (3000, 3, 7);
        let x: Vec<f64> = (0..n * d)
            .map(|i| (i / d % 5) as f64 * 2.0 + rng.random::<f64>() * 3.0)
            .collect();
        let init = Array2::from_shape_fn((k, d), |(j, t)| x[(j * 37) * d + t]);
        let run = lloyd(&x, d, init.clone(), 300, 0.0);
        assert_eq!(run.labels, plain(&x, d, &init, 300));
    }
}
