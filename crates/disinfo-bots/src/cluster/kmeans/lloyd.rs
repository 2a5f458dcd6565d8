//! One run of Lloyd's K-Means as scikit-learn's `_kmeans_single_lloyd` runs it, with
//! Hamerly's bounds (Hamerly 2010, *Making k-means even faster*) so that most rows skip most
//! distance computations while getting exactly the labels of plain Lloyd.
//!
//! Per iteration (scikit-learn's order): every row takes its nearest centre (the lowest index
//! on ties); each centre becomes the mean of its rows, an empty cluster taking the row farthest
//! from its centre (scikit-learn's relocation; with no such row it becomes the origin, i.e. the
//! data mean); the run stops when no label changed (strict convergence) or when the summed
//! squared centre shift is at most `tol`; without strict convergence the labels are computed
//! once more against the final centres. Iterations are counted as scikit-learn's `n_iter_`.
//!
//! Hamerly's bounds: for each row an upper bound `u` on the distance to its centre and a lower
//! bound `l` on the distance to every other centre; a row keeps its centre without any distance
//! computation while `u < max(l, s/2)` (`s`: the distance from its centre to the nearest other
//! centre), and bounds move by the centres' shifts after each update. The tests compare with
//! plain Lloyd. A small relative margin keeps near ties on the exact path.
//!
//! Sums are made per fixed chunk of rows, then added in chunk order, so the result does not
//! depend on the number of threads.

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

struct State {
    labels: Vec<u32>,
    upper: Vec<f64>,
    lower: Vec<f64>,
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

/// Per-chunk result of an assignment pass: per-centre sums and counts, labels changed.
struct Partial {
    sums: Vec<f64>,
    counts: Vec<u64>,
    changed: usize,
}

/// Assigns every row (Hamerly-pruned) and sums rows per centre.
fn assign(x: &[f64], d: usize, centres: &Array2<f64>, state: &mut State, first: bool) -> Partial {
    let k = centres.nrows();
    let c = centres.as_slice().unwrap_or_default();
    let half_gap: Vec<f64> = (0..k)
        .map(|j| {
            let cj = &c[j * d..(j + 1) * d];
            let nearest = (0..k)
                .filter(|&o| o != j)
                .map(|o| rdist(cj, &c[o * d..(o + 1) * d]))
                .fold(f64::INFINITY, f64::min);
            0.5 * nearest.sqrt()
        })
        .collect();
    let parts: Vec<Partial> = state
        .labels
        .par_chunks_mut(CHUNK)
        .zip(state.upper.par_chunks_mut(CHUNK))
        .zip(state.lower.par_chunks_mut(CHUNK))
        .enumerate()
        .map(|(chunk, ((labels, upper), lower))| {
            let mut part = Partial {
                sums: vec![0.0; k * d],
                counts: vec![0; k],
                changed: 0,
            };
            for (o, ((label, u), l)) in labels.iter_mut().zip(upper).zip(lower).enumerate() {
                let i = chunk * CHUNK + o;
                let p = &x[i * d..(i + 1) * d];
                let old = *label;
                if !first {
                    let m = half_gap[old as usize].max(*l);
                    if *u * (1.0 + MARGIN) >= m {
                        *u = rdist(p, &c[old as usize * d..(old as usize + 1) * d]).sqrt();
                        if *u * (1.0 + MARGIN) >= m {
                            let (best, d1, d2) = nearest_two(p, c, d);
                            *label = best;
                            *u = d1.sqrt();
                            *l = d2.sqrt();
                        }
                    }
                } else {
                    let (best, d1, d2) = nearest_two(p, c, d);
                    *label = best;
                    *u = d1.sqrt();
                    *l = d2.sqrt();
                }
                if first || *label != old {
                    part.changed += 1;
                }
                let j = *label as usize;
                part.counts[j] += 1;
                for (s, v) in part.sums[j * d..(j + 1) * d].iter_mut().zip(p) {
                    *s += v;
                }
            }
            part
        })
        .collect();
    let mut total = Partial {
        sums: vec![0.0; k * d],
        counts: vec![0; k],
        changed: 0,
    };
    for part in parts {
        for (a, b) in total.sums.iter_mut().zip(&part.sums) {
            *a += b;
        }
        for (a, b) in total.counts.iter_mut().zip(&part.counts) {
            *a += b;
        }
        total.changed += part.changed;
    }
    total
}

/// New centres from the sums, relocating empty clusters as scikit-learn does.
fn update(
    x: &[f64],
    d: usize,
    old: &Array2<f64>,
    labels: &[u32],
    mut sums: Partial,
) -> Array2<f64> {
    let k = old.nrows();
    let empty: Vec<usize> = (0..k).filter(|&j| sums.counts[j] == 0).collect();
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
                    sums.sums[from * d + t] -= v;
                    sums.sums[j * d + t] = *v;
                }
                sums.counts[j] = 1;
                sums.counts[from] -= 1;
            }
        }
    }
    let mut centres = Array2::zeros((k, d));
    for j in 0..k {
        if sums.counts[j] > 0 {
            let alpha = 1.0 / sums.counts[j] as f64;
            for t in 0..d {
                centres[[j, t]] = sums.sums[j * d + t] * alpha;
            }
        }
    }
    centres
}

/// Runs Lloyd from `init` on the rows of `x` (`n × d`, row-major); `tol` is absolute (summed
/// squared centre shift).
pub(crate) fn lloyd(x: &[f64], d: usize, init: Array2<f64>, max_iter: usize, tol: f64) -> Run {
    let n = if d == 0 { 0 } else { x.len() / d };
    let k = init.nrows();
    let mut state = State {
        labels: vec![0; n],
        upper: vec![f64::INFINITY; n],
        lower: vec![0.0; n],
    };
    let mut centres = init;
    let mut strict = false;
    let mut iterations = 0;
    for i in 0..max_iter.max(1) {
        iterations = i + 1;
        let sums = assign(x, d, &centres, &mut state, i == 0);
        let changed = sums.changed;
        let new = update(x, d, &centres, &state.labels, sums);
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
        // Move the bounds with the centres.
        let (mut top, mut top_j, mut second) = (0.0f64, usize::MAX, 0.0f64);
        for (j, &s) in shifts.iter().enumerate() {
            if s > top {
                second = top;
                top = s;
                top_j = j;
            } else if s > second {
                second = s;
            }
        }
        state
            .labels
            .par_iter()
            .zip(state.upper.par_iter_mut())
            .zip(state.lower.par_iter_mut())
            .for_each(|((&label, u), l)| {
                let j = label as usize;
                *u += shifts[j];
                *l -= if j == top_j { second } else { top };
            });
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
