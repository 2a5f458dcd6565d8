//! The rows as the runs read them: centred on the column means when read (the same
//! subtraction as a stored copy would make, so the same values), so that no centred copy of
//! the matrix is kept.

use super::super::prefetch::prefetch;

/// Rows ahead of the one read that a pass over the rows asks for.
pub(super) const AHEAD: usize = 16;

/// Rows (`n × d`, row-major) read centred on `means`.
#[derive(Debug, Clone, Copy)]
pub(super) struct CentredRows<'a> {
    values: &'a [f64],
    means: &'a [f64],
    d: usize,
}

impl<'a> CentredRows<'a> {
    /// The rows of `values` (row-major, `means.len()` columns) less `means`.
    pub(super) fn new(values: &'a [f64], means: &'a [f64]) -> CentredRows<'a> {
        CentredRows {
            values,
            means,
            d: means.len(),
        }
    }

    /// The rows as given (row-major, not centred).
    pub(super) fn values(&self) -> &'a [f64] {
        self.values
    }

    /// The column means subtracted.
    pub(super) fn means(&self) -> &'a [f64] {
        self.means
    }

    /// Columns.
    pub(super) fn width(&self) -> usize {
        self.d
    }

    /// Rows.
    pub(super) fn len(&self) -> usize {
        self.values.len().checked_div(self.d).unwrap_or(0)
    }

    /// Row `i`, centred, into `out` (`d` values).
    #[inline(always)]
    pub(super) fn read(&self, i: usize, out: &mut [f64]) {
        let row = &self.values[i * self.d..(i + 1) * self.d];
        for ((o, v), m) in out.iter_mut().zip(row).zip(self.means) {
            *o = v - m;
        }
    }

    /// Starts loading row `i` into the caches, for a pass that reads it soon (nothing past
    /// the last row).
    #[inline(always)]
    pub(super) fn prefetch(&self, i: usize) {
        prefetch(self.values, i.saturating_mul(self.d), self.d);
    }

    /// Row `i`, centred, as a new vector.
    pub(super) fn row(&self, i: usize) -> Vec<f64> {
        let mut out = vec![0.0; self.d];
        self.read(i, &mut out);
        out
    }
}
