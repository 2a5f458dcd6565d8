//! Per-cluster summaries: size and the median of every feature on the original scale.

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

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Summaries of every label present, in increasing label order (noise first when present).
pub fn summarise(matrix: &[Vec<f64>], labels: &[i64]) -> Vec<ClusterSummary> {
    let width = matrix.first().map_or(0, Vec::len);
    let mut present: Vec<i64> = labels.to_vec();
    present.sort_unstable();
    present.dedup();
    present
        .into_iter()
        .map(|label| {
            let rows: Vec<&Vec<f64>> = matrix
                .iter()
                .zip(labels)
                .filter(|(_, l)| **l == label)
                .map(|(r, _)| r)
                .collect();
            let medians = (0..width)
                .map(|c| {
                    let mut column: Vec<f64> = rows.iter().map(|r| r[c]).collect();
                    median(&mut column)
                })
                .collect();
            ClusterSummary {
                label,
                size: rows.len(),
                medians,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_sorted_with_noise_first_and_even_medians_averaged() {
        let m = vec![vec![1.0], vec![3.0], vec![10.0], vec![7.0]];
        let s = summarise(&m, &[0, 0, -1, 1]);
        assert_eq!(
            s.iter().map(|c| c.label).collect::<Vec<_>>(),
            vec![-1, 0, 1]
        );
        assert_eq!(s[1].size, 2);
        assert_eq!(s[1].medians, vec![2.0]);
        assert_eq!(s[0].medians, vec![10.0]);
    }
}
