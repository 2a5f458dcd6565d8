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

/// Summaries of every label present, in increasing label order (noise first when present).
/// Each cluster's rows are read once, into one buffer column after column; the medians of
/// every cluster and column are then found in parallel (a million rows in 8 clusters: 8
/// tasks of 21 columns each would leave cores idle behind the largest cluster).
pub fn summarise(matrix: ArrayView2<'_, f64>, labels: &[i64]) -> Vec<ClusterSummary> {
    let width = matrix.ncols();
    let groups = groups(labels);
    let mut gathered: Vec<Vec<f64>> = groups
        .par_iter()
        .map(|(_, rows)| {
            let size = rows.len();
            let mut columns = vec![0.0; size * width];
            for (r, &i) in rows.iter().enumerate() {
                for (c, &v) in matrix.row(i).iter().enumerate() {
                    columns[c * size + r] = v;
                }
            }
            columns
        })
        .collect();
    let medians: Vec<Vec<f64>> = gathered
        .par_iter_mut()
        .zip(&groups)
        .map(|(columns, (_, rows))| {
            columns
                .par_chunks_mut(rows.len().max(1))
                .map(median)
                .collect()
        })
        .collect();
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
