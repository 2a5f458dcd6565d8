//! The rows as the runs read them: centred on the column means (scikit-learn centres before
//! its runs, for accurate distances), their single-precision copy for the screen, and the mean
//! column variance that scales `tol` — one parallel pass after the means, writing all three.
//!
//! Sums are made per fixed chunk of rows and added in chunk order, so that the results do not
//! depend on the number of threads.

use ndarray::{ArrayView2, Axis};
use rayon::prelude::*;

use super::CHUNK;
use super::screen::{ROWS, Rows32, grouped_index, grouped_len};

const _: () = assert!(CHUNK % ROWS == 0, "a chunk of rows starts a group");

/// The centred rows (`n × d`, row-major), their single-precision copy, and the mean column
/// variance.
pub(super) struct Centred {
    pub(super) values: Vec<f64>,
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

/// `x` less `means`, in one pass.
pub(super) fn centre(x: ArrayView2<'_, f64>, means: &[f64]) -> Centred {
    let (n, d) = x.dim();
    let width = d.max(1);
    let source = x.as_standard_layout();
    let source = source.as_slice().unwrap_or_default();
    let mut values = vec![0.0; n * d];
    let mut single = vec![0.0f32; grouped_len(n, d)];
    let mut squared_norms = vec![0.0; n];
    let parts: Vec<Vec<f64>> = values
        .par_chunks_mut(width * CHUNK)
        .zip(single.par_chunks_mut(width * CHUNK))
        .zip(squared_norms.par_chunks_mut(CHUNK))
        .zip(source.par_chunks(width * CHUNK))
        .map(|(((values, single), norms), rows)| {
            let mut squares = vec![0.0; d];
            let lines = values
                .chunks_exact_mut(width)
                .zip(norms.iter_mut())
                .zip(rows.chunks_exact(width));
            // The chunk starts a group of rows (`CHUNK` is a multiple of `ROWS`).
            for (o, ((out, norm), row)) in lines.enumerate() {
                let mut sum = 0.0;
                for (t, (((o_, v), m), s)) in out
                    .iter_mut()
                    .zip(row)
                    .zip(means)
                    .zip(squares.iter_mut())
                    .enumerate()
                {
                    let c = v - m;
                    *o_ = c;
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
        values,
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
        let c = centre(x.view(), &means);
        assert_eq!(c.values, vec![-2.0, -10.0, 0.0, -10.0, 2.0, 20.0]);
        // Variances 8/3 and 600/3, averaged over the two columns.
        assert!((c.mean_variance - (8.0 / 3.0 + 200.0) / 2.0).abs() < 1e-12);
        assert_eq!(c.rows, Rows32::new(&c.values, 2));
        let empty = ndarray::Array2::<f64>::zeros((0, 3));
        assert_eq!(column_means(empty.view()), vec![0.0; 3]);
        assert_eq!(centre(empty.view(), &[0.0; 3]).mean_variance, 0.0);
    }
}
