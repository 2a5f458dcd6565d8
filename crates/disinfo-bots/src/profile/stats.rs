//! Per-cluster statistics of features and creation dates.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::cluster::summary::quantile;

/// Quartiles of one feature over a cluster's accounts (missing values left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FeatureStats {
    /// The feature column.
    pub column: String,
    /// First quartile (`null` when every value is missing).
    pub q1: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// Third quartile.
    pub q3: Option<f64>,
    /// Accounts whose value is missing.
    pub missing: usize,
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// Quartiles of `values` (numpy's linear interpolation), NaN left out.
pub fn feature_stats(column: &str, values: &[f64]) -> FeatureStats {
    let mut present: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    let missing = values.len() - present.len();
    let q1 = quantile(&mut present, 0.25);
    let median = quantile(&mut present, 0.5);
    let q3 = quantile(&mut present, 0.75);
    FeatureStats {
        column: column.to_string(),
        q1: finite(q1),
        median: finite(median),
        q3: finite(q3),
        missing,
    }
}

/// The width of a histogram's bins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BinWidth {
    /// One day (dates spread over at most 180 days).
    Day,
    /// One week from Monday (at most five years).
    Week,
    /// One calendar month.
    Month,
}

/// Counts of account creations per bin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Histogram {
    /// The bin width.
    pub width: BinWidth,
    /// The first day of each bin (`YYYY-MM-DD`), in order.
    pub starts: Vec<String>,
    /// Creations per bin.
    pub counts: Vec<usize>,
    /// Accounts with a known creation date.
    pub known: usize,
}

/// The bins of a set of dates: their width, from the whole population's span.
#[derive(Debug, Clone)]
pub struct Bins {
    width: BinWidth,
    first: NaiveDate,
    count: usize,
}

fn floor(width: BinWidth, day: NaiveDate) -> NaiveDate {
    match width {
        BinWidth::Day => day,
        BinWidth::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
        BinWidth::Month => day.with_day(1).unwrap_or(day),
    }
}

fn months(a: NaiveDate, b: NaiveDate) -> i64 {
    i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month())
}

impl Bins {
    /// Bins covering `dates` (none when there is no date).
    pub fn covering(dates: &[DateTime<Utc>]) -> Option<Bins> {
        let min = dates.iter().min()?.date_naive();
        let max = dates.iter().max()?.date_naive();
        let span = (max - min).num_days();
        let width = if span <= 180 {
            BinWidth::Day
        } else if span <= 5 * 366 {
            BinWidth::Week
        } else {
            BinWidth::Month
        };
        let first = floor(width, min);
        let last = floor(width, max);
        let count = match width {
            BinWidth::Day => (last - first).num_days() + 1,
            BinWidth::Week => (last - first).num_days() / 7 + 1,
            BinWidth::Month => months(first, last) + 1,
        };
        Some(Bins {
            width,
            first,
            count: usize::try_from(count).unwrap_or(0),
        })
    }

    fn index(&self, day: NaiveDate) -> Option<usize> {
        let d = floor(self.width, day);
        let i = match self.width {
            BinWidth::Day => (d - self.first).num_days(),
            BinWidth::Week => (d - self.first).num_days() / 7,
            BinWidth::Month => months(self.first, d),
        };
        usize::try_from(i).ok().filter(|&i| i < self.count)
    }

    fn start(&self, i: usize) -> NaiveDate {
        let i = i as i64;
        match self.width {
            BinWidth::Day => self.first + Duration::days(i),
            BinWidth::Week => self.first + Duration::days(7 * i),
            BinWidth::Month => {
                let m = i64::from(self.first.month0()) + i;
                let year = self.first.year() + (m / 12) as i32;
                NaiveDate::from_ymd_opt(year, (m % 12) as u32 + 1, 1).unwrap_or(self.first)
            }
        }
    }

    /// The histogram of `dates` in these bins.
    pub fn histogram(&self, dates: &[DateTime<Utc>]) -> Histogram {
        let mut counts = vec![0usize; self.count];
        for d in dates {
            if let Some(i) = self.index(d.date_naive()) {
                counts[i] += 1;
            }
        }
        Histogram {
            width: self.width,
            starts: (0..self.count).map(|i| self.start(i).to_string()).collect(),
            counts,
            known: dates.len(),
        }
    }
}

/// The largest share of `dates` that falls within any 30 days (1 for a single date, 0 for
/// none): how much a group's accounts were created in one burst.
pub fn peak_30_days(dates: &[DateTime<Utc>]) -> f64 {
    if dates.is_empty() {
        return 0.0;
    }
    let mut sorted = dates.to_vec();
    sorted.sort_unstable();
    let window = Duration::days(30);
    let (mut best, mut start) = (0usize, 0usize);
    for end in 0..sorted.len() {
        while sorted[end] - sorted[start] > window {
            start += 1;
        }
        best = best.max(end - start + 1);
    }
    best as f64 / sorted.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn bins_are_days_weeks_or_months_by_span() {
        let days = [at("2019-01-01T00:00:00Z"), at("2019-02-01T10:00:00Z")];
        let b = Bins::covering(&days).expect("bins");
        let h = b.histogram(&days);
        assert_eq!(h.width, BinWidth::Day);
        assert_eq!(h.counts.len(), 32);
        assert_eq!((h.counts[0], h.counts[31]), (1, 1));
        let years = [at("2008-03-15T00:00:00Z"), at("2019-05-01T00:00:00Z")];
        let h = Bins::covering(&years).expect("bins").histogram(&years);
        assert_eq!(h.width, BinWidth::Month);
        assert_eq!(h.starts[0], "2008-03-01");
        assert_eq!(h.starts.last().map(String::as_str), Some("2019-05-01"));
    }

    #[test]
    fn a_burst_is_the_largest_share_within_thirty_days() {
        let dates = [
            at("2019-01-01T00:00:00Z"),
            at("2019-01-20T00:00:00Z"),
            at("2019-01-30T00:00:00Z"),
            at("2012-06-01T00:00:00Z"),
        ];
        assert_eq!(peak_30_days(&dates), 0.75);
        assert_eq!(peak_30_days(&[]), 0.0);
    }

    #[test]
    fn quartiles_leave_missing_values_out() {
        let s = feature_stats("f", &[1.0, 2.0, 3.0, 4.0, f64::NAN]);
        assert_eq!(
            (s.q1, s.median, s.q3, s.missing),
            (Some(1.75), Some(2.5), Some(3.25), 1)
        );
        assert_eq!(feature_stats("f", &[f64::NAN]).median, None);
    }
}
