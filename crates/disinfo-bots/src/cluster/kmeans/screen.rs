//! The nearest centre of every row, as plain double-precision Lloyd finds it (the lowest
//! squared distance summed in column order, the lowest index on ties), found at the speed of
//! single-precision arithmetic.
//!
//! Every row is scored against every centre in `f32`, from a single-precision copy of the rows
//! made once per run: `s = ‖c‖² − 2 x·c`, the squared distance less `‖x‖²` (the same for every
//! centre of a row, so it changes neither the order nor the gaps). The copy holds the rows in
//! groups of eight, column by column (a column's eight values side by side), so that the
//! kernel multiplies eight rows by eight centres with whole vectors and picks the eight rows'
//! nearest two centres with vector selects, without a branch. The kernel is plain Rust on
//! fixed-size arrays; `pulp` compiles it a second time for AVX2 and picks that version at run
//! time where the processor has it (one 256-bit vector per column of a group instead of two
//! 128-bit ones: a quarter less time per pass on the benchmark), with no unsafe code here.
//! Each step asks for the values of the group [`AHEAD`] groups on (a software prefetch): the
//! processor's own prefetcher fell behind the kernel, which waited on the first load of each
//! group for about half of its time (15-17 % of the whole K-Means call on the benchmark). The
//! scores are not kept: the few rows that are near ties have theirs computed again, the same
//! products added in the same order.
//!
//! Rounding the inputs to `f32` and the 𝑑-term sum of products moves `2 x·c` by at most about
//! `(𝑑 + 2) · 2⁻²⁴ · 2‖x‖‖c‖ ≤ (𝑑 + 2) · 3e-8 · (‖x‖ + ‖c‖)²`; rounding `‖c‖²` to `f32` and
//! the subtraction add at most `2⁻²⁴ (‖x‖ + ‖c‖)²` each, i.e. `(𝑑 + 6) · 3e-8 · (‖x‖ + ‖c‖)²`
//! in all. The screen allows `2.5e-7 · (𝑑 + 6) · (‖x‖ + max ‖c‖)²`, eight times that. When the
//! nearest centre leads the second by more than twice the allowance, it is the
//! double-precision answer; otherwise every centre within the window is measured again with
//! the double-precision rows and compared exactly as plain Lloyd compares (on the benchmark's
//! million rows, about two rows in ten thousand per pass). Values single precision cannot
//! carry are covered too: below its normal range by an absolute allowance (an underflowing
//! input or product loses at most 2⁻¹⁴⁹), and for norms above 1e15 (where products could
//! overflow) the screen is not used: every centre is measured in `f64`. The tests compare with
//! plain Lloyd on rows built to tie, and on tiny and huge values.
//!
//! Bounds on distances (Elkan's, then Hamerly's) were measured here and dropped: on the
//! benchmark's million accounts with 21 features and 8 centres most rows lie near a boundary,
//! so the bounds spared only 5–30 % of the rows, and their upkeep (Elkan's 64 bytes per row
//! per pass) cost more than the distances. A general matrix product per block of rows
//! (`matrixmultiply`) then took 25 ms a pass, most of it in packing the rows and reading its
//! `k × rows` result back; this kernel reads each row once.

use super::super::kdtree::rdist;
use super::super::prefetch::prefetch;
use super::rows::CentredRows;

/// The allowance of a screened squared distance, per term of the analysis above, relative to
/// `(‖x‖ + max ‖c‖)²` (eight times the rounding analysis).
const ERROR_PER_TERM: f64 = 2.5e-7;

/// The allowance for values too small for `f32`'s normal range (inputs and products that
/// underflow lose up to 2⁻¹⁴⁹ each, absolutely), per term, times `‖x‖ + max ‖c‖ + 1`.
const UNDERFLOW_PER_TERM: f64 = 1e-43;

/// Rows and centres whose norm exceeds this do not go through single precision (a product
/// could overflow it): with one of them, every centre is measured in `f64`.
const LARGEST: f64 = 1e15;

/// Groups of rows ahead whose values a pass asks for (four groups are ~2.7 KB at 21 columns;
/// eight and sixteen measured the same).
const AHEAD: usize = 4;

/// Centres scored together.
const LANES: usize = 8;

/// Rows scored together: one AVX (256-bit) vector of `f32`, two baseline (128-bit) ones.
pub(super) const ROWS: usize = 8;

/// Where row `i`'s value in column `t` is in the single-precision copy of `d` columns: rows in
/// groups of [`ROWS`], each group column by column.
#[inline]
pub(super) fn grouped_index(i: usize, t: usize, d: usize) -> usize {
    (i / ROWS * d + t) * ROWS + i % ROWS
}

/// The length of the single-precision copy of `n` rows of `d` columns (the last group padded
/// with zeros).
pub(super) fn grouped_len(n: usize, d: usize) -> usize {
    n.div_ceil(ROWS) * ROWS * d
}

/// The rows in single precision, in groups (see [`grouped_index`]), with their squared norms.
#[derive(Debug, PartialEq)]
pub(super) struct Rows32 {
    values: Vec<f32>,
    squared_norms: Vec<f64>,
    /// Whether every norm is within [`LARGEST`].
    fits: bool,
}

impl Rows32 {
    /// The single-precision copy of `x` (`n × d`, row-major); the runs make theirs while
    /// centring (`super::centred`).
    #[cfg(test)]
    pub(super) fn new(x: &[f64], d: usize) -> Rows32 {
        let n = x.len() / d.max(1);
        let mut values = vec![0.0f32; grouped_len(n, d)];
        for i in 0..n {
            for t in 0..d {
                values[grouped_index(i, t, d)] = x[i * d + t] as f32;
            }
        }
        let squared_norms: Vec<f64> = x
            .chunks(d.max(1))
            .map(|row| row.iter().map(|v| v * v).sum::<f64>())
            .collect();
        Rows32::from_parts(values, squared_norms)
    }

    /// Each row's squared norm.
    pub(super) fn squared_norms(&self) -> &[f64] {
        &self.squared_norms
    }

    /// The copy made elsewhere: the values in single precision, grouped (see
    /// [`grouped_index`]), and each row's squared norm (summed in column order, in `f64`).
    pub(super) fn from_parts(values: Vec<f32>, squared_norms: Vec<f64>) -> Rows32 {
        let fits = squared_norms.iter().all(|&s| s <= LARGEST * LARGEST);
        Rows32 {
            values,
            squared_norms,
            fits,
        }
    }
}

/// The centres of one pass, in single precision for the scores.
pub(super) struct Screen<'a> {
    centres: &'a [f64],
    k: usize,
    d: usize,
    /// The centres in blocks of [`LANES`]: block `b` holds, column after column, the values of
    /// centres `b·LANES..(b+1)·LANES` in that column (`blocks × d × LANES`; zeros past `k`).
    interleaved: Vec<f32>,
    /// `‖c‖²` in single precision, one per lane of every block (`+∞` past `k`: never nearest).
    norms32: Vec<f32>,
    /// A row's allowance is `slope · ‖x‖² + intercept`: the analysis's `(‖x‖ + max ‖c‖)²` is
    /// at most `2 (‖x‖² + max ‖c‖²)` (no square root per row), `‖x‖ + max ‖c‖ + 1` at most
    /// `‖x‖² + max ‖c‖² + 2`.
    slope: f64,
    intercept: f64,
    /// Whether every centre's norm is within [`LARGEST`].
    fits: bool,
}

impl<'a> Screen<'a> {
    /// The screen of `centres` (`k × d`, row-major).
    pub(super) fn new(centres: &'a [f64], d: usize) -> Screen<'a> {
        let k = centres.len().checked_div(d).unwrap_or(0);
        let blocks = k.div_ceil(LANES);
        let mut interleaved = vec![0.0f32; blocks * d * LANES];
        let mut norms32 = vec![f32::INFINITY; blocks * LANES];
        let mut largest = 0.0f64;
        for (j, c) in centres.chunks_exact(d.max(1)).enumerate() {
            let (block, lane) = (j / LANES, j % LANES);
            for (t, &v) in c.iter().enumerate() {
                interleaved[(block * d + t) * LANES + lane] = v as f32;
            }
            let norm: f64 = c.iter().map(|v| v * v).sum();
            norms32[j] = norm as f32;
            largest = largest.max(norm);
        }
        let terms = d as f64 + 6.0;
        let (error, underflow) = (ERROR_PER_TERM * terms, UNDERFLOW_PER_TERM * terms);
        Screen {
            centres,
            k,
            d,
            interleaved,
            norms32,
            slope: 2.0 * error + underflow,
            intercept: 2.0 * error * largest + underflow * (largest + 2.0),
            fits: largest <= LARGEST * LARGEST,
        }
    }

    /// The scores of one group of rows (`group`: `d × ROWS`, see [`grouped_index`]) against
    /// every centre: each row's lowest score, the centre giving it (the lowest index on ties)
    /// and its second lowest score.
    #[inline(always)]
    fn score(&self, group: &[f32]) -> ([f32; ROWS], [u32; ROWS], [f32; ROWS]) {
        let d = self.d;
        let mut first = [f32::INFINITY; ROWS];
        let mut nearest = [0u32; ROWS];
        let mut second = [f32::INFINITY; ROWS];
        let blocks = self
            .interleaved
            .chunks_exact(d * LANES)
            .zip(self.norms32.chunks_exact(LANES));
        for (b, (block, norms)) in blocks.enumerate() {
            let mut acc = [[0.0f32; ROWS]; LANES];
            for (centres, values) in block.chunks_exact(LANES).zip(group.chunks_exact(ROWS)) {
                // Fixed-size arrays: the loops unroll into vector operations, unchecked.
                let (Ok(centres), Ok(values)) = (
                    <&[f32; LANES]>::try_from(centres),
                    <&[f32; ROWS]>::try_from(values),
                ) else {
                    continue;
                };
                for lane in 0..LANES {
                    let c = centres[lane];
                    for r in 0..ROWS {
                        acc[lane][r] += values[r] * c;
                    }
                }
            }
            for (lane, (acc, &norm)) in acc.iter().zip(norms).enumerate() {
                let j = (b * LANES + lane) as u32;
                for r in 0..ROWS {
                    // Selects, not branches: the second lowest is min(second, max(first, s)).
                    let s = norm - 2.0 * acc[r];
                    let nearer = s < first[r];
                    let above = if first[r] < s { s } else { first[r] };
                    second[r] = if above < second[r] { above } else { second[r] };
                    nearest[r] = if nearer { j } else { nearest[r] };
                    first[r] = if nearer { s } else { first[r] };
                }
            }
        }
        (first, nearest, second)
    }

    /// The score of row `r` of `group` against centre `j`, as [`Screen::score`] computes it
    /// (the same products added in the same order): for the few rows that are near ties.
    fn score_one(&self, group: &[f32], r: usize, j: usize) -> f32 {
        let (d, block, lane) = (self.d, j / LANES, j % LANES);
        let centres = &self.interleaved[block * d * LANES..(block + 1) * d * LANES];
        let mut acc = 0.0f32;
        for (values, centre) in group.chunks_exact(ROWS).zip(centres.chunks_exact(LANES)) {
            acc += values[r] * centre[lane];
        }
        self.norms32[j] - 2.0 * acc
    }

    /// The centres plain Lloyd gives rows `start..start + len` of `x` (`rows` is its
    /// single-precision copy; `start` is a multiple of [`ROWS`]).
    pub(super) fn nearest(
        &self,
        x: CentredRows<'_>,
        rows: &Rows32,
        start: usize,
        len: usize,
    ) -> Vec<u32> {
        let d = self.d;
        let mut best = vec![0u32; len];
        if self.k == 0 || d == 0 {
            return best;
        }
        // Out of single precision's range, the screen decides nothing: every centre is
        // measured in `f64` (an infinite allowance puts them all in the window).
        let trusted = rows.fits && self.fits;
        let groups = rows.values[start * d..].chunks_exact(ROWS * d);
        // The loop is written in the closure itself: moved into an `#[inline(always)]` method,
        // pulp took another calling path and the benchmark's call was ~0.1 s slower.
        pulp::Arch::new().dispatch(
            #[inline(always)]
            || {
                let ahead = &rows.values[start * d..];
                for ((g, labels), group) in best.chunks_mut(ROWS).enumerate().zip(groups) {
                    prefetch(ahead, (g + AHEAD) * ROWS * d, ROWS * d);
                    let (first, nearest, second) = self.score(group);
                    for (r, label) in labels.iter_mut().enumerate() {
                        let i = start + g * ROWS + r;
                        let error = if trusted {
                            self.slope * rows.squared_norms[i] + self.intercept
                        } else {
                            f64::INFINITY
                        };
                        let (low, gap) = (
                            f64::from(first[r]),
                            f64::from(second[r]) - f64::from(first[r]),
                        );
                        // A near tie: every centre within the window, measured in double precision.
                        *label = if gap > 2.0 * error {
                            nearest[r]
                        } else {
                            self.exact(&x.row(i), low + 2.0 * error, nearest[r], |j| {
                                self.score_one(group, r, j)
                            })
                        };
                    }
                }
            },
        );
        best
    }

    /// The nearest centre of `p` among those scoring within `window`, in double precision
    /// (the lowest index on ties; `guess` when none is).
    fn exact(&self, p: &[f64], window: f64, guess: u32, score: impl Fn(usize) -> f32) -> u32 {
        let d = self.d;
        let mut chosen = (guess as usize, f64::INFINITY);
        for j in 0..self.k {
            if f64::from(score(j)) > window {
                continue;
            }
            let exact = rdist(p, &self.centres[j * d..(j + 1) * d]);
            if exact < chosen.1 || (exact == chosen.1 && j < chosen.0) {
                chosen = (j, exact);
            }
        }
        chosen.0 as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Plain double-precision argmin, lowest index on ties.
    fn plain(p: &[f64], centres: &[f64], d: usize) -> u32 {
        let mut best = (0usize, f64::INFINITY);
        for (j, c) in centres.chunks_exact(d).enumerate() {
            let s = rdist(p, c);
            if s < best.1 {
                best = (j, s);
            }
        }
        best.0 as u32
    }

    /// Every row's screened nearest centre is its plain double-precision one.
    fn assert_screen_gives_plain(x: &[f64], centres: &[f64], d: usize, case: &str) {
        let n = x.len() / d;
        let origin = vec![0.0; d];
        let rows = CentredRows::new(x, &origin);
        let found = Screen::new(centres, d).nearest(rows, &Rows32::new(x, d), 0, n);
        for (i, label) in found.into_iter().enumerate() {
            let expected = plain(&x[i * d..(i + 1) * d], centres, d);
            assert_eq!(label, expected, "{case} row {i}");
        }
    }

    #[test]
    fn nearest_is_the_double_precision_argmin_even_on_ties() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        for (n, d, k, offset) in [
            (4000, 21, 8, 0.0),
            (3000, 3, 19, 0.0),
            (3000, 5, 9, 1e6),
            (2000, 1, 2, 0.0),
            (500, 40, 1, 0.0),
        ] {
            // Coarse values: many rows lie exactly between two centres, or nearly so; far from
            // the origin, every row is a near tie in single precision.
            let mut coarse = || f64::from(rng.random_range(0..6u8)) * 0.5 + offset;
            let x: Vec<f64> = (0..n * d).map(|_| coarse()).collect();
            let mut centres: Vec<f64> = (0..k * d).map(|_| coarse()).collect();
            // Two centres a hair apart.
            if k > 2 {
                centres[d] = centres[0] + 1e-9;
                let head = centres[1..d].to_vec();
                centres[d + 1..2 * d].copy_from_slice(&head);
            }
            assert_screen_gives_plain(&x, &centres, d, &format!("{n} {d} {k}"));
        }
    }

    #[test]
    fn values_beyond_single_precision_give_the_double_precision_argmin() {
        let mut rng = ChaCha8Rng::seed_from_u64(6);
        // Below f32's normal range (products underflow), above it (inputs overflow), and
        // above the screen's limit but within f32.
        for scale in [1e-40, 1e-20, 1e20, 1e40, 1e300] {
            let (n, d, k) = (600, 4, 5);
            let x: Vec<f64> = (0..n * d)
                .map(|_| f64::from(rng.random_range(0..8u8)) * scale)
                .collect();
            let centres: Vec<f64> = (0..k * d)
                .map(|_| (f64::from(rng.random_range(0..16u8)) * 0.5 + 0.1) * scale)
                .collect();
            assert_screen_gives_plain(&x, &centres, d, &format!("scale {scale}"));
        }
        // One product overflows single precision and one does not: the overflowing centre
        // would look nearest (its screened distance is minus infinity) while it is the farther.
        let (x, centres) = (
            [2e20, 1e20, 3e20, 2e20],
            [0.5, 0.5, 0.5, 0.5, 9e20, 9e20, 9e20, 9e20],
        );
        assert_screen_gives_plain(&x, &centres, 4, "one product overflowing");
        assert_eq!(plain(&x, &centres, 4), 0);
    }
}
