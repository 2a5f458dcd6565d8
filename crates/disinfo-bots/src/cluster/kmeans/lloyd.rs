//! One run of Lloyd's K-Means as scikit-learn's `_kmeans_single_lloyd` runs it.
//!
//! Per iteration (scikit-learn's order): every row takes its nearest centre (the lowest index
//! on ties); each centre becomes the mean of its rows, an empty cluster taking the row farthest
//! from its centre (scikit-learn's relocation; with no such row it becomes the origin, i.e. the
//! data mean); the run stops when no label changed (strict convergence) or when the summed
//! squared centre shift is at most `tol`; without strict convergence the labels are computed
//! once more against the final centres. Iterations are counted as scikit-learn's `n_iter_`.
//!
//! Nearest centres come from [`super::screen`]: single-precision products, with the near
//! ties measured again in double precision, so that the labels are exactly those of plain
//! double-precision Lloyd (the tests compare).
//!
//! Centre sums are kept from one iteration to the next and changed only by the rows that move,
//! so the double-precision rows are read only for them. Sums are made per fixed chunk of
//! rows, then added in chunk order, so the result does not depend on the number of threads;
//! kept sums differ from recomputed ones by rounding only.

use ndarray::Array2;
use rayon::prelude::*;

use super::super::kdtree::rdist;
use super::CHUNK;
use super::rows::CentredRows;
use super::screen::{Rows32, Screen};

/// The outcome of one run.
pub(crate) struct Run {
    pub(crate) labels: Vec<u32>,
    pub(crate) centres: Array2<f64>,
    pub(crate) iterations: usize,
    pub(crate) inertia: f64,
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

/// Moves ahead of the one applied whose rows a pass asks for (on the benchmark's million
/// rows, about two million moves over a run, each reading its row from anywhere in the 168 MB
/// matrix: asking eight moves ahead, or reading eight rows before adding any, took 5-7 % off
/// the whole K-Means call).
const MOVED_AHEAD: usize = 8;

/// Gives every row its nearest centre. On the first pass (`fresh`) returns the sums of every
/// centre's rows; afterwards only the changes (rows that moved, subtracted from their old
/// centre and added to their new one).
fn assign(
    x: CentredRows<'_>,
    rows: &Rows32,
    centres: &Array2<f64>,
    labels: &mut [u32],
    fresh: bool,
    first: bool,
) -> Sums {
    let (k, d) = (centres.nrows(), x.width());
    let screen = Screen::new(centres.as_slice().unwrap_or_default(), d);
    let parts: Vec<Sums> = labels
        .par_chunks_mut(CHUNK)
        .enumerate()
        .map(|(chunk, labels)| {
            let mut part = Sums::zero(k, d);
            let mut p = vec![0.0; d];
            let start = chunk * CHUNK;
            let nearest = screen.nearest(x, rows, start, labels.len());
            if fresh {
                for (o, (label, new)) in labels.iter_mut().zip(nearest).enumerate() {
                    x.read(start + o, &mut p);
                    part.put(new as usize, &p, 1.0);
                    if first || new != *label {
                        part.changed += 1;
                    }
                    *label = new;
                }
                return part;
            }
            let mut moved = Vec::new();
            for (o, (label, new)) in labels.iter_mut().zip(nearest).enumerate() {
                if new != *label {
                    moved.push((start + o, *label as usize, new as usize));
                    *label = new;
                }
            }
            part.changed = moved.len();
            // The moved rows lie scattered through the matrix: each is asked for a few moves
            // before it is read, so that their loads are in flight together.
            for (m, &(i, old, new)) in moved.iter().enumerate() {
                if let Some(&(ahead, _, _)) = moved.get(m + MOVED_AHEAD) {
                    x.prefetch(ahead);
                }
                x.read(i, &mut p);
                part.put(old, &p, -1.0);
                part.put(new, &p, 1.0);
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
    x: CentredRows<'_>,
    old: &Array2<f64>,
    labels: &[u32],
    sums: &Sums,
) -> (Array2<f64>, bool) {
    let (k, d) = (old.nrows(), x.width());
    let mut sums_k = sums.sums.clone();
    let mut counts = sums.counts.clone();
    let empty: Vec<usize> = (0..k).filter(|&j| counts[j] <= 0).collect();
    let mut relocated = false;
    if !empty.is_empty() {
        let c = old.as_slice().unwrap_or_default();
        let dist: Vec<f64> = labels
            .par_iter()
            .enumerate()
            .map_init(
                || vec![0.0; d],
                |p, (i, &l)| {
                    x.read(i, p);
                    rdist(p, &c[l as usize * d..(l as usize + 1) * d])
                },
            )
            .collect();
        if dist.iter().any(|&v| v > 0.0) {
            let mut far: Vec<usize> = (0..dist.len()).collect();
            far.sort_by(|&a, &b| dist[b].total_cmp(&dist[a]).then(a.cmp(&b)));
            for (&j, &i) in empty.iter().zip(&far) {
                let from = labels[i] as usize;
                for (t, v) in x.row(i).iter().enumerate() {
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

/// Runs Lloyd from `init` on the rows of `x` (`rows`: their single-precision copy); `tol` is
/// absolute (summed squared centre shift).
pub(super) fn lloyd(
    x: CentredRows<'_>,
    rows: &Rows32,
    init: Array2<f64>,
    max_iter: usize,
    tol: f64,
) -> Run {
    let (n, d) = (x.len(), x.width());
    let k = init.nrows();
    let mut labels = vec![0u32; n];
    let mut centres = init;
    let mut strict = false;
    let mut iterations = 0;
    let mut sums = Sums::zero(k, d);
    let mut fresh = true;
    for i in 0..max_iter.max(1) {
        iterations = i + 1;
        let pass = assign(x, rows, &centres, &mut labels, fresh, i == 0);
        let changed = pass.changed;
        if fresh {
            sums = pass;
        } else {
            sums.add(&pass);
        }
        let (new, relocated) = update(x, &centres, &labels, &sums);
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
        // afresh on the next pass.
        fresh = relocated;
    }
    if !strict {
        let screen = Screen::new(centres.as_slice().unwrap_or_default(), d);
        labels
            .par_chunks_mut(CHUNK)
            .enumerate()
            .for_each(|(chunk, labels)| {
                let nearest = screen.nearest(x, rows, chunk * CHUNK, labels.len());
                for (label, new) in labels.iter_mut().zip(nearest) {
                    *label = new;
                }
            });
    }
    let c = centres.as_slice().unwrap_or_default();
    let parts: Vec<f64> = labels
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(chunk, labels)| {
            let mut p = vec![0.0; d];
            labels
                .iter()
                .enumerate()
                .map(|(o, &l)| {
                    x.read(chunk * CHUNK + o, &mut p);
                    rdist(&p, &c[l as usize * d..(l as usize + 1) * d])
                })
                .sum::<f64>()
        })
        .collect();
    Run {
        labels,
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
                .map(|i| {
                    let p = &x[i * d..(i + 1) * d];
                    let mut best = (0u32, f64::INFINITY);
                    for j in 0..c.nrows() {
                        let s = rdist(p, c.row(j).as_slice().unwrap_or_default());
                        if s < best.1 {
                            best = (j as u32, s);
                        }
                    }
                    best.0
                })
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
    fn screened_lloyd_gives_the_labels_of_plain_lloyd() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let (n, d, k) = (3000, 3, 7);
        let x: Vec<f64> = (0..n * d)
            .map(|i| (i / d % 5) as f64 * 2.0 + rng.random::<f64>() * 3.0)
            .collect();
        let init = Array2::from_shape_fn((k, d), |(j, t)| x[(j * 37) * d + t]);
        let origin = vec![0.0; d];
        let rows = CentredRows::new(&x, &origin);
        let run = lloyd(rows, &Rows32::new(&x, d), init.clone(), 300, 0.0);
        assert_eq!(run.labels, plain(&x, d, &init, 300));
    }
}
