//! Clustering the accounts of a [`FeatureMatrix`]: the columns that can be clustered are
//! chosen (the others are listed, with the reason), and account ids travel with the labels.
//!
//! A column is left out when it is missing for some account (NaN: behaviour features of an
//! account without posts, counts a platform does not give) or, with `log1p`, holds a value
//! `<= -1`; every left-out column is named in `dropped_columns` and explained in `notes`. An
//! infinite value is an error that names its column, row and account: it is a broken input,
//! not a missing one. A constant column is kept (it standardises to zeros and weighs nothing)
//! and noted. With `drop_incomplete: false`, a missing value is an error naming its column and
//! row instead.

use disinfo_core::columns::{ColumnData, Columns, TextColumn};
use ndarray::{Array2, ArrayView2, Axis};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{ClusterOptions, ClusterResult, bad, cluster_finite, column_names};
use crate::error::Result;
use crate::features::FeatureMatrix;

/// The result of [`cluster_accounts`]: the [`ClusterResult`] fields plus the rows' account ids,
/// the columns left out and why.
///
/// Inputs that are not ordinary give these results, never a crash:
///
/// - a missing value (NaN or null/None in a matrix, rows of numbers, typed-array columns, a
///   DataFrame or a features object) leaves its column out, named in `dropped_columns` with the
///   count and first account in `notes`; with `drop_incomplete: false` it is an
///   `invalid_argument` error naming the column, row and account;
/// - an infinite value is an `invalid_argument` error naming the column, row and account;
/// - a constant column is kept (it standardises to zeros and weighs nothing) and noted; when
///   every column is constant, all rows are one cluster (or noise, for DBSCAN with
///   `min_samples` above the row count);
/// - duplicate rows get the same label;
/// - a single account is noise for DBSCAN (label `-1`, unless `min_samples` is 1), cluster 0
///   for K-Means and the Gaussian mixture with one cluster; more clusters than accounts and
///   HDBSCAN on one account (it needs 2 rows) are `invalid_argument` errors;
/// - no numeric column, none left after the missing ones are dropped, or no row is an
///   `invalid_argument` error (`nothing to cluster`, `has no rows`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AccountClusters {
    /// Account id of each row, in the order of `labels` (a plain matrix's rows are numbered
    /// from `"0"`).
    pub account_ids: TextColumn,
    /// Feature columns not clustered (missing for some account, or with `log1p` a value
    /// `<= -1`).
    pub dropped_columns: Vec<String>,
    /// Why each column was left out, and other facts about the input (constant columns,
    /// columns not numeric).
    pub notes: Vec<String>,
    /// The clustering of the kept columns.
    #[serde(flatten)]
    pub result: ClusterResult,
}

impl AccountClusters {
    /// The same fields as a result of columns: `labels` an integer column, so that a host can
    /// take it as an array (Python: a numpy array, without a Python object per account); every
    /// other field as it is.
    pub fn into_columns(self) -> Columns {
        let AccountClusters {
            account_ids,
            dropped_columns,
            notes,
            result:
                ClusterResult {
                    method,
                    columns,
                    labels,
                    n_clusters,
                    n_noise,
                    summaries,
                    kmeans,
                    gmm,
                    hdbscan,
                    matrix,
                },
        } = self;
        let mut out = Columns::new()
            .column("labels", ColumnData::Int(labels))
            .texts("account_ids", account_ids)
            .field("dropped_columns", dropped_columns)
            .field("notes", notes)
            .field("method", method)
            .field("columns", columns)
            .field("n_clusters", n_clusters)
            .field("n_noise", n_noise)
            .field("summaries", summaries);
        // Absent rather than null, as in the struct's JSON.
        if let Some(kmeans) = kmeans {
            out = out.field("kmeans", kmeans);
        }
        if let Some(gmm) = gmm {
            out = out.field("gmm", gmm);
        }
        if let Some(hdbscan) = hdbscan {
            out = out.field("hdbscan", hdbscan);
        }
        if let Some(matrix) = matrix {
            out = out.field("matrix", matrix);
        }
        out
    }
}

/// Which columns of a feature matrix are clustered.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnChoice {
    /// Indices of the kept columns.
    pub keep: Vec<usize>,
    /// Names of the columns left out.
    pub dropped: Vec<String>,
    /// Reasons and facts, one sentence each.
    pub notes: Vec<String>,
}

/// What the column choice needs to know of one column.
#[derive(Debug, Clone, PartialEq)]
struct ColumnFacts {
    first_infinite: Option<usize>,
    missing: usize,
    first_missing: Option<usize>,
    first_at_most_minus_one: Option<usize>,
    /// Every value equals the first row's (NaN never equals).
    constant: bool,
}

impl ColumnFacts {
    /// The facts of every column, in one pass over the rows (row-major, as the matrix is
    /// stored: a pass per column would read the whole matrix once per column), in parallel
    /// over blocks of rows merged in order.
    fn of(values: ArrayView2<'_, f64>) -> Vec<ColumnFacts> {
        const BLOCK: usize = 8192;
        let width = values.ncols();
        let first_row: Vec<f64> = values
            .rows()
            .into_iter()
            .next()
            .map_or_else(Vec::new, |r| r.to_vec());
        let empty = || ColumnFacts {
            first_infinite: None,
            missing: 0,
            first_missing: None,
            first_at_most_minus_one: None,
            constant: true,
        };
        let blocks: Vec<Vec<ColumnFacts>> = values
            .axis_chunks_iter(Axis(0), BLOCK)
            .into_par_iter()
            .enumerate()
            .map(|(b, block)| {
                let mut facts = vec![empty(); width];
                for (r, row) in block.rows().into_iter().enumerate() {
                    let i = b * BLOCK + r;
                    for ((fact, &v), &first) in facts.iter_mut().zip(row).zip(&first_row) {
                        if v.is_nan() {
                            fact.missing += 1;
                            fact.first_missing.get_or_insert(i);
                        } else if v.is_infinite() {
                            fact.first_infinite.get_or_insert(i);
                        } else if v <= -1.0 {
                            fact.first_at_most_minus_one.get_or_insert(i);
                        }
                        fact.constant &= v == first;
                    }
                }
                facts
            })
            .collect();
        let mut total = vec![empty(); width];
        for block in blocks {
            for (t, f) in total.iter_mut().zip(block) {
                t.first_infinite = t.first_infinite.or(f.first_infinite);
                t.missing += f.missing;
                t.first_missing = t.first_missing.or(f.first_missing);
                t.first_at_most_minus_one = t.first_at_most_minus_one.or(f.first_at_most_minus_one);
                t.constant &= f.constant;
            }
        }
        total
    }
}

/// What the clustering reads of accounts' features: the values (rows are accounts), the column
/// names and the account ids. A [`FeatureMatrix`] lends its own; a matrix a host lends (a
/// numpy array) is read where it is, with no missing-value mask or handles built for it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FeatureView<'a> {
    pub(crate) values: ArrayView2<'a, f64>,
    pub(crate) columns: &'a [String],
    /// The rows' account ids; `None` for rows numbered from 0 (a plain matrix).
    pub(crate) account_ids: Option<&'a [String]>,
}

impl<'a> From<&'a FeatureMatrix> for FeatureView<'a> {
    fn from(features: &'a FeatureMatrix) -> FeatureView<'a> {
        FeatureView {
            values: features.values.view(),
            columns: &features.columns,
            account_ids: Some(&features.account_ids),
        }
    }
}

/// Chooses the columns of `features` to cluster (see the module documentation). `only`
/// restricts the choice to these names (an unknown name is an error).
pub fn choose_columns(
    features: &FeatureMatrix,
    log1p: bool,
    drop_incomplete: bool,
    only: Option<&[String]>,
) -> Result<ColumnChoice> {
    choose(features.into(), log1p, drop_incomplete, only)
}

/// [`choose_columns`] on a [`FeatureView`].
fn choose(
    features: FeatureView<'_>,
    log1p: bool,
    drop_incomplete: bool,
    only: Option<&[String]>,
) -> Result<ColumnChoice> {
    let values = features.values;
    let n = values.nrows();
    let account = |i: usize| match features.account_ids {
        None => format!(" (account {i})"),
        Some(ids) => ids
            .get(i)
            .map_or_else(String::new, |id| format!(" (account {id})")),
    };
    let candidates: Vec<usize> = match only {
        None => (0..features.columns.len()).collect(),
        Some(names) => names
            .iter()
            .map(|name| {
                features
                    .columns
                    .iter()
                    .position(|c| c == name)
                    .ok_or_else(|| {
                        bad(
                            "columns",
                            format!(
                                "no column `{name}`; the columns are {}",
                                features.columns.join(", ")
                            ),
                        )
                    })
            })
            .collect::<Result<_>>()?,
    };
    let facts = ColumnFacts::of(values);
    let mut choice = ColumnChoice {
        keep: Vec::new(),
        dropped: Vec::new(),
        notes: Vec::new(),
    };
    for j in candidates {
        let name = &features.columns[j];
        let fact = &facts[j];
        if let Some(i) = fact.first_infinite {
            return Err(bad(
                "matrix",
                format!(
                    "column `{name}`, row {i}{} is infinite ({}); fix the input",
                    account(i),
                    values[[i, j]]
                ),
            ));
        }
        if let Some(first) = fact.first_missing {
            if !drop_incomplete {
                return Err(bad(
                    "matrix",
                    format!(
                        "column `{name}`, row {first}{} is missing (NaN); drop_incomplete=true leaves such columns out",
                        account(first)
                    ),
                ));
            }
            choice.dropped.push(name.clone());
            choice.notes.push(format!(
                "`{name}` left out: missing for {} of {n} accounts (first: row {first}{})",
                fact.missing,
                account(first)
            ));
            continue;
        }
        if log1p && let Some(i) = fact.first_at_most_minus_one {
            choice.dropped.push(name.clone());
            choice.notes.push(format!(
                "`{name}` left out: row {i}{} is {} <= -1, where log1p is undefined",
                account(i),
                values[[i, j]]
            ));
            continue;
        }
        if n > 1 && fact.constant {
            choice.notes.push(format!(
                "`{name}` is constant ({}): it standardises to zeros and does not weigh",
                values[[0, j]]
            ));
        }
        choice.keep.push(j);
    }
    if choice.keep.is_empty() {
        let why = if choice.dropped.is_empty() {
            "the input has no numeric column".to_string()
        } else {
            format!("every column was left out: {}", choice.notes.join("; "))
        };
        return Err(bad("features", format!("nothing to cluster: {why}")));
    }
    Ok(choice)
}

/// Clusters the accounts of `features` on the columns [`choose_columns`] keeps.
///
/// ```
/// use disinfo_bots::cluster::{cluster_accounts, ClusterOptions};
/// use disinfo_bots::features::FeatureMatrix;
/// use ndarray::array;
///
/// let values = array![[1.0, f64::NAN], [2.0, 1.0], [100.0, 1.0], [101.0, 2.0]];
/// let features = FeatureMatrix {
///     account_ids: vec!["a".into(), "b".into(), "c".into(), "d".into()],
///     handles: vec![String::new(); 4],
///     columns: vec!["followers".into(), "likes_given".into()],
///     mask: values.mapv(f64::is_nan),
///     values,
/// };
/// let options: ClusterOptions = serde_json::from_str(r#"{"method": "kmeans", "params": {"n_clusters": 2}}"#).unwrap();
/// let r = cluster_accounts(&features, &options).unwrap();
/// assert_eq!(r.dropped_columns, ["likes_given"]);
/// assert_eq!(r.result.labels[0], r.result.labels[1]);
/// assert_ne!(r.result.labels[1], r.result.labels[2]);
/// ```
pub fn cluster_accounts(
    features: &FeatureMatrix,
    options: &ClusterOptions,
) -> Result<AccountClusters> {
    cluster_accounts_with(features, options, true, None, Vec::new())
}

/// [`cluster_accounts`] with the column choice's settings and notes gathered before (from
/// reading a table).
pub fn cluster_accounts_with(
    features: &FeatureMatrix,
    options: &ClusterOptions,
    drop_incomplete: bool,
    only: Option<&[String]>,
    notes: Vec<String>,
) -> Result<AccountClusters> {
    let chosen = cluster_chosen(features.into(), options, drop_incomplete, only, notes)?;
    Ok(chosen.of(TextColumn::from_iter(
        features.account_ids.iter().map(String::as_str),
    )))
}

/// [`cluster_accounts_with`] on features it takes: their account ids move into the result
/// instead of being copied (a million of them are a million strings).
pub(crate) fn cluster_accounts_owned(
    features: FeatureMatrix,
    options: &ClusterOptions,
    drop_incomplete: bool,
    only: Option<&[String]>,
    notes: Vec<String>,
) -> Result<AccountClusters> {
    let chosen = cluster_chosen((&features).into(), options, drop_incomplete, only, notes)?;
    Ok(chosen.of(TextColumn::from(features.account_ids)))
}

/// What [`cluster_chosen`] gives: the clustering, the columns left out and the notes, all of
/// [`AccountClusters`] but the account ids (which each caller has in its own way: borrowed,
/// owned, or numbered).
pub(crate) struct Chosen {
    result: ClusterResult,
    dropped_columns: Vec<String>,
    notes: Vec<String>,
}

impl Chosen {
    /// The clusters of the accounts with these ids (one per row, in order).
    pub(crate) fn of(self, account_ids: TextColumn) -> AccountClusters {
        let Chosen {
            result,
            dropped_columns,
            notes,
        } = self;
        AccountClusters {
            account_ids,
            dropped_columns,
            notes,
            result,
        }
    }
}

/// The clustering of the columns [`choose_columns`] keeps, the columns left out and the notes.
pub(crate) fn cluster_chosen(
    features: FeatureView<'_>,
    options: &ClusterOptions,
    drop_incomplete: bool,
    only: Option<&[String]>,
    mut notes: Vec<String>,
) -> Result<Chosen> {
    let log1p = options.standardise && options.log1p;
    let choice = choose(features, log1p, drop_incomplete, only)?;
    // Every column kept (the usual case): cluster the matrix itself, not a copy.
    let selected: Option<Array2<f64>> =
        (!choice.keep.iter().copied().eq(0..features.values.ncols()))
            .then(|| features.values.select(Axis(1), &choice.keep));
    let matrix = selected
        .as_ref()
        .map_or_else(|| features.values.view(), Array2::view);
    let columns: Vec<String> = choice
        .keep
        .iter()
        .map(|&j| features.columns[j].clone())
        .collect();
    // The kept columns hold no NaN and no infinity: `choose_columns` read every value.
    let columns = column_names(matrix.view(), &columns)?;
    let result = cluster_finite(matrix.view(), columns, options)?;
    notes.extend(choice.notes);
    Ok(Chosen {
        result,
        dropped_columns: choice.dropped,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(values: Array2<f64>, columns: &[&str]) -> FeatureMatrix {
        FeatureMatrix {
            account_ids: (0..values.nrows()).map(|i| format!("u{i}")).collect(),
            handles: vec![String::new(); values.nrows()],
            columns: columns.iter().map(|c| c.to_string()).collect(),
            mask: values.mapv(f64::is_nan),
            values,
        }
    }

    /// The result of columns has every field of the struct's JSON, with the same values, for
    /// every method's details and the clustered matrix.
    #[test]
    fn the_result_of_columns_is_the_structs_json() {
        let values = Array2::from_shape_fn((24, 2), |(i, j)| {
            (i % 3) as f64 * 10.0 + (i * 7 + j * 3) as f64 * 0.01 + f64::from(u8::from(i > 11))
        });
        for json in [
            r#"{"method": "kmeans", "params": {"n_clusters": 3}, "include_matrix": true}"#,
            r#"{"method": "gmm", "params": {"n_components": 2, "probabilities": true}}"#,
            r#"{"method": "hdbscan", "params": {"min_cluster_size": 3}}"#,
            r#"{"method": "dbscan", "params": {"eps": 0.3, "min_samples": 3}}"#,
        ] {
            let options: ClusterOptions = serde_json::from_str(json).expect("options");
            let mut features = features(values.clone(), &["a", "b"]);
            features.values[[5, 1]] = f64::NAN;
            let r = cluster_accounts(&features, &options).expect(json);
            assert_eq!(
                serde_json::to_value(r.clone().into_columns()).expect("json"),
                serde_json::to_value(&r).expect("json"),
                "{json}"
            );
        }
    }

    #[test]
    fn columns_with_missing_or_log1p_invalid_values_are_dropped_and_explained() {
        let values = ndarray::array![
            [1.0, f64::NAN, -3.0, 5.0],
            [2.0, 1.0, -2.0, 5.0],
            [100.0, 1.0, -3.0, 5.0],
            [101.0, 1.0, -2.0, 5.0]
        ];
        let f = features(values, &["a", "b", "c", "d"]);
        let options: ClusterOptions =
            serde_json::from_str(r#"{"method": "kmeans", "params": {"n_clusters": 2}}"#)
                .expect("options");
        let r = cluster_accounts(&f, &options).expect("valid");
        assert_eq!(r.dropped_columns, vec!["b", "c"]);
        assert_eq!(r.result.columns, vec!["a", "d"]);
        assert!(
            r.notes[0].contains("missing for 1 of 4 accounts (first: row 0 (account u0))"),
            "{:?}",
            r.notes
        );
        assert!(r.notes.iter().any(|n| n.contains("`d` is constant")));
        assert_eq!(r.result.labels[0], r.result.labels[1]);
        assert_ne!(r.result.labels[0], r.result.labels[2]);
        let json = serde_json::to_value(&r).expect("json");
        assert!(json.get("labels").is_some());
        assert_eq!(
            json["account_ids"],
            serde_json::json!(["u0", "u1", "u2", "u3"])
        );
        let back: AccountClusters = serde_json::from_value(json).expect("read back");
        assert_eq!(back, r);
        // The columnar form: the labels first, then the ids as a list of texts, in order.
        let columnar = serde_json::to_string(&r.clone().into_columns()).expect("json");
        assert!(columnar.starts_with(r#"{"labels":["#), "{columnar}");
        assert!(
            columnar.contains(r#"],"account_ids":["u0","u1","u2","u3"],"dropped_columns":["#),
            "{columnar}"
        );
    }

    #[test]
    fn an_infinite_value_is_named_by_column_row_and_account() {
        let f = features(
            ndarray::array![[1.0, 2.0], [f64::INFINITY, 1.0]],
            &["followers_per_hour", "x"],
        );
        let e = cluster_accounts(&f, &ClusterOptions::default()).expect_err("inf");
        assert!(
            e.to_string()
                .contains("column `followers_per_hour`, row 1 (account u1) is infinite"),
            "{e}"
        );
    }

    #[test]
    fn no_usable_column_or_strict_missing_values_are_errors() {
        let f = features(ndarray::array![[f64::NAN], [1.0]], &["a"]);
        assert!(cluster_accounts(&f, &ClusterOptions::default()).is_err());
        let f = features(ndarray::array![[f64::NAN, 1.0], [1.0, 2.0]], &["a", "b"]);
        let e = cluster_accounts_with(&f, &ClusterOptions::default(), false, None, vec![])
            .expect_err("strict");
        assert!(
            e.to_string()
                .contains("column `a`, row 0 (account u0) is missing"),
            "{e}"
        );
        let zero = features(Array2::zeros((3, 0)), &[]);
        assert!(cluster_accounts(&zero, &ClusterOptions::default()).is_err());
    }
}
