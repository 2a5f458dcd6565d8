//! What the runs keep of the rows centred on the column means (scikit-learn centres before its
//! runs, for accurate distances): one parallel pass after the means writes the single-precision
//! copy of the centred rows for the screen, their squared norms, and the mean column variance
//! that scales `tol`. The centred values themselves are not stored ([`CentredRows`] computes
//! them when a row is read): a million rows of 21 columns are 168 MB of doubles that are then
//! neither written nor faulted in.
//!
//! Sums are made per fixed chunk of rows and added in chunk order, so that the results do not
//! depend on the number of threads.

use ndarray::{ArrayView2, Axis};
use rayon::prelude::*;

use super::CHUNK;
use super::rows::CentredRows;
use super::screen::{ROWS, Rows32, grouped_index, grouped_len};

const _: () = assert!(CHUNK.is_multiple_of(ROWS), "a chunk of rows starts a group");

/// What the runs keep of the centred rows: their single-precision copy (with their squared
/// norms) and the mean column variance.
pub(super) struct Centred {
    pub(super) rows: Rows32,
    pub(super) mean_variance: f64,
}

/// Adds `part` into `total`, element by element.
fn add_into(total: &mut [f64], part: &[f64]) {
    for (a, b) in total.iter_mut().zip(part) {
        *a += b;
    }
}

/// The mean of each column (zeros for no rows).
pub(crate) fn column_means(x: ArrayView2<'_, f64>) -> Vec<f64> {
    let (n, d) = x.dim();
    if n == 0 {
        return vec![0.0; d];
    }
    let parts: Vec<Vec<f64>> = x
        .axis_chunks_iter(Axis(0), CHUNK)
        .into_par_iter()
        .map(|chunk| {
            let mut acc = vec![0.0; d];
            for row in chunk.rows() {
                for (a, v) in acc.iter_mut().zip(row) {
                    *a += v;
                }
            }
            acc
        })
        .collect();
    let mut total = vec![0.0; d];
    for part in &parts {
        add_into(&mut total, part);
    }
    total.iter().map(|s| s / n as f64).collect()
}

/// The single-precision copy of `rows` (centred), their squared norms and the mean column
/// variance, in one pass.
pub(super) fn centre(rows: CentredRows<'_>) -> Centred {
    let (n, d) = (rows.len(), rows.width());
    let width = d.max(1);
    let means = rows.means();
    let mut single = vec![0.0f32; grouped_len(n, d)];
    let mut squared_norms = vec![0.0; n];
    let parts: Vec<Vec<f64>> = single
        .par_chunks_mut(width * CHUNK)
        .zip(squared_norms.par_chunks_mut(CHUNK))
        .zip(rows.values().par_chunks(width * CHUNK))
        .map(|((single, norms), rows)| {
            let mut squares = vec![0.0; d];
            let lines = norms.iter_mut().zip(rows.chunks_exact(width));
            // The chunk starts a group of rows (`CHUNK` is a multiple of `ROWS`).
            for (o, (norm, row)) in lines.enumerate() {
                let mut sum = 0.0;
                for (t, ((v, m), s)) in row.iter().zip(means).zip(squares.iter_mut()).enumerate() {
                    let c = v - m;
                    single[grouped_index(o, t, d)] = c as f32;
                    *s += c * c;
                    sum += c * c;
                }
                *norm = sum;
            }
            squares
        })
        .collect();
    let mut squares = vec![0.0; d];
    for part in &parts {
        add_into(&mut squares, part);
    }
    let mean_variance = if n == 0 || d == 0 {
        0.0
    } else {
        squares.iter().map(|s| s / n as f64).sum::<f64>() / d as f64
    };
    Centred {
        rows: Rows32::from_parts(single, squared_norms),
        mean_variance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn centred_rows_their_copy_and_the_mean_variance() {
        let x = array![[1.0, 10.0], [3.0, 10.0], [5.0, 40.0]];
        let means = column_means(x.view());
        assert_eq!(means, vec![3.0, 20.0]);
        let rows = CentredRows::new(x.as_slice().expect("standard layout"), &means);
        let centred: Vec<f64> = (0..3).flat_map(|i| rows.row(i)).collect();
        assert_eq!(centred, vec![-2.0, -10.0, 0.0, -10.0, 2.0, 20.0]);
        let c = centre(rows);
        // Variances 8/3 and 600/3, averaged over the two columns.
        assert!((c.mean_variance - (8.0 / 3.0 + 200.0) / 2.0).abs() < 1e-12);
        assert_eq!(c.rows, Rows32::new(&centred, 2));
        let empty = ndarray::Array2::<f64>::zeros((0, 3));
        assert_eq!(column_means(empty.view()), vec![0.0; 3]);
        let zeros = [0.0; 3];
        assert_eq!(centre(CentredRows::new(&[], &zeros)).mean_variance, 0.0);
    }
}
