//! The nearest centre of every row, as plain double-precision Lloyd finds it (the lowest
//! squared distance summed in column order, the lowest index on ties), found at the speed of a
//! single-precision matrix product.
//!
//! A block of rows is multiplied by the centres in `f32` (`ndarray`'s `general_mat_mul`, i.e.
//! `matrixmultiply`'s kernels, chosen at run time for the processor: AVX2 and FMA here), from a
//! single-precision copy of the rows made once per run; the squared distance to centre `c` is
//! then `‖x‖² + ‖c‖² − 2 x·c` with the norms in `f64`. Rounding the inputs to `f32` and the
//! 𝑑-term sum of products moves it by at most about `(𝑑 + 2) · 2⁻²⁴ · 2‖x‖‖c‖ ≤ (𝑑 + 2) ·
//! 3e-8 · (‖x‖ + ‖c‖)²` from the double-precision value; the screen allows `2.5e-7 · (𝑑 + 4)
//! · (‖x‖ + max ‖c‖)²`, eight times that. When the nearest centre leads the second by more
//! than twice the allowance, it is the double-precision answer; otherwise every centre within
//! the window is measured again with the double-precision rows and compared exactly as plain
//! Lloyd compares (on the benchmark's million rows, about two rows in ten thousand per pass).
//! Values single precision cannot carry are covered too: below its normal range by an absolute
//! allowance (an underflowing input or product loses at most 2⁻¹⁴⁹), and for norms above 1e15
//! (where products could overflow) the screen is not used: every centre is measured in `f64`. The
//! tests compare with plain Lloyd on rows built to tie, and on tiny and huge values.
//!
//! Bounds on distances (Elkan's, then Hamerly's) were measured here and dropped: on the
//! benchmark's million accounts with 21 features and 8 centres most rows lie near a boundary,
//! so the bounds spared only 5–30 % of the rows, and their upkeep (Elkan's 64 bytes per row
//! per pass) cost more than the distances; a pass now takes 25 ms where it took 36.

use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView2};

use super::super::kdtree::rdist;

/// The allowance of a screened squared distance, per column, relative to `(‖x‖ + max ‖c‖)²`
/// (eight times the rounding analysis above).
const ERROR_PER_COLUMN: f64 = 2.5e-7;

/// The allowance for values too small for `f32`'s normal range (inputs and products that
/// underflow lose up to 2⁻¹⁴⁹ each, absolutely), per column, times `‖x‖ + max ‖c‖ + 1`.
const UNDERFLOW_PER_COLUMN: f64 = 1e-43;

/// Rows and centres whose norm exceeds this do not go through single precision (a product
/// could overflow it): with one of them, every centre is measured in `f64`.
const LARGEST: f64 = 1e15;

/// A screened squared distance, `‖x‖² + ‖c‖² − 2 x·c`: computed in one place, so that the
/// window of a near tie is read from the very values the nearest two were chosen by.
#[inline]
fn screened(row_norm: f64, centre_norm: f64, product: f32) -> f64 {
    row_norm + centre_norm - 2.0 * f64::from(product)
}

/// The rows in single precision, with their squared norms.
pub(super) struct Rows32 {
    values: Vec<f32>,
    squared_norms: Vec<f64>,
    /// Whether every norm is within [`LARGEST`].
    fits: bool,
}

impl Rows32 {
    /// The single-precision copy of `x` (`n × d`, row-major).
    pub(super) fn new(x: &[f64], d: usize) -> Rows32 {
        use rayon::prelude::*;
        let values = x.par_iter().map(|&v| v as f32).collect();
        let squared_norms: Vec<f64> = x
            .par_chunks(d.max(1))
            .map(|row| row.iter().map(|v| v * v).sum::<f64>())
            .collect();
        let fits = squared_norms.iter().all(|&s| s <= LARGEST * LARGEST);
        Rows32 {
            values,
            squared_norms,
            fits,
        }
    }
}

/// The centres of one pass, in single precision for the products.
pub(super) struct Screen<'a> {
    centres: &'a [f64],
    k: usize,
    d: usize,
    /// `k × d`, row-major.
    single: Array2<f32>,
    squared_norms: Vec<f64>,
    largest_norm: f64,
    error: f64,
    /// Whether every centre's norm is within [`LARGEST`].
    fits: bool,
}

impl<'a> Screen<'a> {
    /// The screen of `centres` (`k × d`, row-major).
    pub(super) fn new(centres: &'a [f64], d: usize) -> Screen<'a> {
        let k = centres.len().checked_div(d).unwrap_or(0);
        let single = Array2::from_shape_fn((k, d), |(j, t)| centres[j * d + t] as f32);
        let squared_norms: Vec<f64> = centres
            .chunks_exact(d.max(1))
            .map(|c| c.iter().map(|v| v * v).sum::<f64>())
            .collect();
        let largest_norm = squared_norms.iter().copied().fold(0.0, f64::max).sqrt();
        Screen {
            centres,
            k,
            d,
            single,
            squared_norms,
            largest_norm,
            error: ERROR_PER_COLUMN * (d as f64 + 4.0),
            fits: largest_norm <= LARGEST,
        }
    }

    /// The centres plain Lloyd gives rows `start..start + len` of `x` (`rows` is its
    /// single-precision copy).
    pub(super) fn nearest(&self, x: &[f64], rows: &Rows32, start: usize, len: usize) -> Vec<u32> {
        let d = self.d;
        let block = &rows.values[start * d..(start + len) * d];
        let norms = &rows.squared_norms[start..start + len];
        let Ok(a) = ArrayView2::from_shape((len, d), block) else {
            return Vec::new();
        };
        // `k × len`: one centre's products with every row are contiguous, so that the running
        // minimum below goes down the rows (independent lanes), not along one row's centres
        // (a chain of dependent comparisons).
        let mut products = Array2::<f32>::zeros((self.k, len));
        general_mat_mul(1.0, &self.single, &a.t(), 0.0, &mut products);
        let mut best = vec![0u32; len];
        let mut first = vec![f64::INFINITY; len];
        let mut second = vec![f64::INFINITY; len];
        for (j, product) in products.rows().into_iter().enumerate() {
            let centre = self.squared_norms[j];
            for ((((&p, &norm), b), f), s) in product
                .iter()
                .zip(norms)
                .zip(&mut best)
                .zip(&mut first)
                .zip(&mut second)
            {
                // Selects, not branches (the loop runs down the rows in vector lanes): the
                // second nearest is min(second, max(first, v)).
                let v = screened(norm, centre, p);
                let nearer = v < *f;
                let above = if *f < v { v } else { *f };
                *s = if above < *s { above } else { *s };
                *b = if nearer { j as u32 } else { *b };
                *f = if nearer { v } else { *f };
            }
        }
        // Out of single precision's range, the screen decides nothing: every centre is
        // measured in `f64` (an infinite allowance puts them all in the window).
        let trusted = rows.fits && self.fits;
        let underflow = UNDERFLOW_PER_COLUMN * (self.d as f64 + 4.0);
        for (r, b) in best.iter_mut().enumerate() {
            let scale = norms[r].sqrt() + self.largest_norm;
            let error = if trusted {
                self.error * scale * scale + underflow * (scale + 1.0)
            } else {
                f64::INFINITY
            };
            if second[r] - first[r] > 2.0 * error {
                continue;
            }
            // A near tie: every centre within the window, measured in double precision.
            let window = first[r] + 2.0 * error;
            let i = start + r;
            let p = &x[i * d..(i + 1) * d];
            let mut chosen = (*b as usize, f64::INFINITY);
            for j in 0..self.k {
                if screened(norms[r], self.squared_norms[j], products[[j, r]]) > window {
                    continue;
                }
                let exact = rdist(p, &self.centres[j * d..(j + 1) * d]);
                if exact < chosen.1 || (exact == chosen.1 && j < chosen.0) {
                    chosen = (j, exact);
                }
            }
            *b = chosen.0 as u32;
        }
        best
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
        let found = Screen::new(centres, d).nearest(x, &Rows32::new(x, d), 0, n);
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
