//! Per-cluster summaries: size and the median of every feature on the original scale.

use ndarray::ArrayView2;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// One cluster (or the noise, label `-1`) of a [`super::ClusterResult`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ClusterSummary {
    /// The cluster label (`-1` for noise).
    pub label: i64,
    /// Rows with this label.
    pub size: usize,
    /// Median of each column over these rows, in column order, on the ORIGINAL (not
    /// standardised, not log-transformed) scale; the mean of the two middle values when the
    /// size is even.
    pub medians: Vec<f64>,
}

/// The median of `values` (reordered in place); NaN for none. NaN values are ignored.
pub(crate) fn median(values: &mut [f64]) -> f64 {
    quantile(values, 0.5)
}

/// The `q`-quantile of `values` (reordered in place: NaN values moved to the end, and
/// ignored) with linear interpolation between order statistics (numpy's default,
/// `method="linear"`); NaN for none.
pub(crate) fn quantile(values: &mut [f64], q: f64) -> f64 {
    let mut n = 0;
    for i in 0..values.len() {
        if !values[i].is_nan() {
            values.swap(n, i);
            n += 1;
        }
    }
    let values = &mut values[..n];
    if n == 0 {
        return f64::NAN;
    }
    let pos = q * (n - 1) as f64;
    let lo = pos.floor() as usize;
    let frac = pos - lo as f64;
    let (_, at, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let low = *at;
    if frac == 0.0 {
        return low;
    }
    let high = above.iter().copied().fold(f64::INFINITY, f64::min);
    low + (high - low) * frac
}

/// Row indices grouped by label, labels in increasing order. Labels are counted in the range
/// they span when it is no wider than the rows (cluster indexes and `-1`: one pass, no sort);
/// other labels are sorted first.
pub(crate) fn groups(labels: &[i64]) -> Vec<(i64, Vec<usize>)> {
    let (Some(&low), Some(&high)) = (labels.iter().min(), labels.iter().max()) else {
        return Vec::new();
    };
    let span = high.abs_diff(low);
    if span >= labels.len() as u64 {
        let mut present: Vec<i64> = labels.to_vec();
        present.sort_unstable();
        present.dedup();
        let mut out: Vec<(i64, Vec<usize>)> =
            present.into_iter().map(|l| (l, Vec::new())).collect();
        for (i, l) in labels.iter().enumerate() {
            if let Ok(k) = out.binary_search_by_key(l, |(label, _)| *label) {
                out[k].1.push(i);
            }
        }
        return out;
    }
    // `span < labels.len()`, so every offset fits a `usize`.
    let offset = |l: i64| l.abs_diff(low) as usize;
    let mut counts = vec![0usize; span as usize + 1];
    for &l in labels {
        counts[offset(l)] += 1;
    }
    let mut rows: Vec<Vec<usize>> = counts.iter().map(|&c| Vec::with_capacity(c)).collect();
    for (i, &l) in labels.iter().enumerate() {
        rows[offset(l)].push(i);
    }
    rows.into_iter()
        .enumerate()
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(o, rows)| (low.saturating_add_unsigned(o as u64), rows))
        .collect()
}

/// Columns whose values are read per pass over the rows.
const COLUMNS_PER_PASS: usize = 11;

/// Rows read per task, in the matrix's order.
const ROWS_PER_TASK: usize = 1 << 14;

/// Summaries of every label present, in increasing label order (noise first when present).
///
/// The columns are taken eleven at a time: one pass over the rows, in their order and in
/// parallel blocks, copies their values into one buffer that every pass reuses, each (column,
/// cluster) a contiguous run; then the median of every run is found in parallel.
/// A million rows of 21 columns thus need a buffer of 88 MB, written twice. Each pass reads
/// the whole matrix (a row's columns share its cache lines), so passes cost more than the
/// buffer's size: four columns a pass (32 MB, six passes) took 80 ms more of a K-Means call
/// on the benchmark, all 21 at once (168 MB) no less than eleven.
pub fn summarise(matrix: ArrayView2<'_, f64>, labels: &[i64]) -> Vec<ClusterSummary> {
    let width = matrix.ncols();
    let groups = groups(labels);
    let n = labels.len();
    // Each row's cluster (its index in `groups`), and how many rows of each cluster every
    // block of rows holds.
    let mut cluster_of = vec![0u32; n];
    for (g, (_, rows)) in groups.iter().enumerate() {
        for &i in rows {
            cluster_of[i] = g as u32;
        }
    }
    let counts: Vec<Vec<usize>> = cluster_of
        .chunks(ROWS_PER_TASK)
        .map(|block| {
            let mut count = vec![0; groups.len()];
            for &g in block {
                count[g as usize] += 1;
            }
            count
        })
        .collect();
    let mut medians: Vec<Vec<f64>> = vec![Vec::with_capacity(width); groups.len()];
    let mut buffer = vec![0.0; COLUMNS_PER_PASS.min(width) * n];
    for first in (0..width).step_by(COLUMNS_PER_PASS) {
        let columns: Vec<usize> = (first..width.min(first + COLUMNS_PER_PASS)).collect();
        // runs[cluster][k]: column `columns[k]` of the cluster's rows; pieces[block][cluster][k]:
        // the part of that run the block's rows fill.
        let mut runs: Vec<Vec<&mut [f64]>> = groups.iter().map(|_| Vec::new()).collect();
        for slab in buffer.chunks_mut(n.max(1)).take(columns.len()) {
            let mut rest = slab;
            for ((_, rows), cluster) in groups.iter().zip(runs.iter_mut()) {
                let (run, tail) = rest.split_at_mut(rows.len());
                cluster.push(run);
                rest = tail;
            }
        }
        let mut pieces: Vec<Vec<Vec<&mut [f64]>>> = counts
            .iter()
            .map(|_| groups.iter().map(|_| Vec::new()).collect())
            .collect();
        for (g, cluster) in runs.iter_mut().enumerate() {
            for run in cluster.iter_mut() {
                let mut rest: &mut [f64] = run;
                for (block, count) in pieces.iter_mut().zip(&counts) {
                    let (piece, tail) = rest.split_at_mut(count[g]);
                    block[g].push(piece);
                    rest = tail;
                }
            }
        }
        pieces
            .into_par_iter()
            .zip(cluster_of.par_chunks(ROWS_PER_TASK))
            .enumerate()
            .for_each(|(b, (mut block, owners))| {
                let mut at = vec![0usize; block.len()];
                for (o, &g) in owners.iter().enumerate() {
                    let row = matrix.row(b * ROWS_PER_TASK + o);
                    let (g, slot) = (g as usize, &mut at[g as usize]);
                    for (piece, &c) in block[g].iter_mut().zip(&columns) {
                        piece[*slot] = row[c];
                    }
                    *slot += 1;
                }
            });
        let found: Vec<Vec<f64>> = runs
            .into_par_iter()
            .map(|cluster| cluster.into_par_iter().map(median).collect())
            .collect();
        for (all, some) in medians.iter_mut().zip(found) {
            all.extend(some);
        }
    }
    groups
        .into_iter()
        .zip(medians)
        .map(|((label, rows), medians)| ClusterSummary {
            label,
            size: rows.len(),
            medians,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn summaries_are_sorted_with_noise_first_and_even_medians_averaged() {
        let m = array![[1.0], [3.0], [10.0], [7.0]];
        let s = summarise(m.view(), &[0, 0, -1, 1]);
        assert_eq!(
            s.iter().map(|c| c.label).collect::<Vec<_>>(),
            vec![-1, 0, 1]
        );
        assert_eq!(s[1].size, 2);
        assert_eq!(s[1].medians, vec![2.0]);
        assert_eq!(s[0].medians, vec![10.0]);
    }

    #[test]
    fn medians_are_those_of_each_cluster_column_taken_alone() {
        // Rows over several blocks, columns over two passes (the second partial), labels
        // interleaved, values with ties, signed zeros and missing values.
        let (n, width) = (3 * ROWS_PER_TASK + 17, COLUMNS_PER_PASS + 2);
        let m = ndarray::Array2::from_shape_fn((n, width), |(i, c)| match (i * 7 + c * 13) % 11 {
            0 => f64::NAN,
            1 => -0.0,
            2 => 0.0,
            k => (k as f64 - 5.0) * (i % 97) as f64,
        });
        let labels: Vec<i64> = (0..n).map(|i| [2, -1, 0, 2, 5][i * 31 % 5]).collect();
        let summaries = summarise(m.view(), &labels);
        assert_eq!(summaries.len(), 4);
        for s in &summaries {
            let rows: Vec<usize> = (0..n).filter(|&i| labels[i] == s.label).collect();
            assert_eq!(s.size, rows.len());
            for c in 0..width {
                let mut column: Vec<f64> = rows.iter().map(|&i| m[[i, c]]).collect();
                let want = median(&mut column);
                assert_eq!(
                    s.medians[c].to_bits(),
                    want.to_bits(),
                    "label {} column {c}",
                    s.label
                );
            }
        }
        assert!(
            summarise(ndarray::Array2::zeros((3, 0)).view(), &[0, 0, 1])
                .iter()
                .all(|s| s.medians.is_empty())
        );
    }

    #[test]
    fn groups_are_the_same_whether_labels_are_counted_or_sorted() {
        let dense = [2, -1, 0, 2, 0, 5];
        assert_eq!(
            groups(&dense),
            vec![
                (-1, vec![1]),
                (0, vec![2, 4]),
                (2, vec![0, 3]),
                (5, vec![5])
            ]
        );
        let sparse = [i64::MAX, i64::MIN, 7, i64::MAX];
        assert_eq!(
            groups(&sparse),
            vec![(i64::MIN, vec![1]), (7, vec![2]), (i64::MAX, vec![0, 3])]
        );
        assert!(groups(&[]).is_empty());
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        let mut v = vec![4.0, 1.0, 3.0, 2.0, f64::NAN];
        assert_eq!(quantile(&mut v.clone(), 0.25), 1.75);
        assert_eq!(quantile(&mut v, 0.75), 3.25);
        assert!(quantile(&mut [], 0.5).is_nan());
    }
}
