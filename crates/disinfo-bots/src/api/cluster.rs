//! Feature clustering: `cluster_features` (a table in memory: a DataFrame, a features object,
//! a matrix) and `cluster_accounts` (files: a features CSV or platform exports).

use std::path::PathBuf;

use disinfo_core::columns::TextColumn;
use disinfo_core::operation::Matrix;
use disinfo_core::request::{FsPath, OPTIONS, OneOrMany, decode};
use disinfo_core::table::Table;
use disinfo_core::{ArgKind, ArgSpec, Operation, Output, ResultSpec, Spec, TableInput};
use ndarray::ArrayView2;
use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use super::features::FeaturesOptions;
use crate::adapters::InputFormat;
use crate::cluster::accounts::{
    AccountClusters, FeatureView, cluster_accounts_owned, cluster_chosen,
};
use crate::cluster::{ClusterMethod, ClusterOptions, default_names, input};
use crate::features::FeatureMatrix;
use crate::{Error, Result};

/// Options of [`cluster_features`] and [`cluster_accounts`]: the method and its parameters, the
/// scaling, and which columns are clustered.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct ClusterRequestOptions {
    /// `dbscan` (default), `kmeans`, `gmm`, `hdbscan` or `minibatch_kmeans`.
    pub method: ClusterMethod,
    /// The method's parameters, with scikit-learn's names and defaults: dbscan `eps` (0.5),
    /// `min_samples` (5); kmeans `n_clusters` (8), `init` (`k-means++`), `initial_centres`,
    /// `n_init` (`auto`), `max_iter` (300), `tol` (1e-4), `random_state` or `seed` (42);
    /// minibatch_kmeans `n_clusters` (8), `batch_size` (1024), `max_iter` (100), `init_size`,
    /// `max_no_improvement` (10), `random_state` (42); gmm `n_components` (1), `max_iter`
    /// (100), `tol` (1e-3), `reg_covar` (1e-6), `n_init` (1), `random_state` (42),
    /// `probabilities` (false); hdbscan `min_cluster_size` (5), `min_samples`,
    /// `cluster_selection_epsilon` (0), `cluster_selection_method` (`eom` or `leaf`),
    /// `allow_single_cluster` (false).
    pub params: Option<serde_json::Map<String, serde_json::Value>>,
    /// Standardise the columns (z-score, as scikit-learn's `StandardScaler`); default true.
    pub standardise: bool,
    /// Take `log1p` of every value before standardising (counts are heavy-tailed); default true.
    pub log1p: bool,
    /// For a matrix without column names: their names (default `x0`, `x1`, ...). For a table:
    /// the columns to cluster, in this order (default: every numeric column).
    pub columns: Option<Vec<String>>,
    /// The column of account ids in a table (default `account_id` when present; otherwise an
    /// account's id is its row number).
    pub id_column: Option<String>,
    /// Leave out columns with missing values (and say which in `dropped_columns` and `notes`);
    /// default true. False makes a missing value an `invalid_argument` error naming its column,
    /// row and account. An infinite value is always such an error; a constant column is kept
    /// and noted (see the result's documentation for one account, duplicates, no columns).
    pub drop_incomplete: bool,
    /// Return the clustered (standardised) matrix as `matrix`; default false.
    pub include_matrix: bool,
}

impl Default for ClusterRequestOptions {
    fn default() -> Self {
        let d = ClusterOptions::default();
        ClusterRequestOptions {
            method: d.method,
            params: d.params,
            standardise: d.standardise,
            log1p: d.log1p,
            columns: None,
            id_column: None,
            drop_incomplete: true,
            include_matrix: d.include_matrix,
        }
    }
}

impl ClusterRequestOptions {
    /// The clustering's own options.
    pub fn cluster_options(&self) -> ClusterOptions {
        ClusterOptions {
            method: self.method,
            params: self.params.clone(),
            standardise: self.standardise,
            log1p: self.log1p,
            include_matrix: self.include_matrix,
        }
    }
}

/// Clusters the accounts (rows) of a table: a features object, a DataFrame with an id column,
/// or a plain matrix. Incomplete columns are left out and named.
pub fn cluster_features(table: &Table, options: &ClusterRequestOptions) -> Result<AccountClusters> {
    let (features, notes) = input::from_table(table, options.id_column.as_deref())?;
    cluster_read(features, notes, table.named, options)
}

/// [`cluster_features`] on a matrix a binding passed as such (a numpy array): its rows read
/// where they are (the host lends them), not copied into columns and back, with no
/// missing-value mask built for them.
fn cluster_matrix_features(
    matrix: Matrix<'_>,
    options: &ClusterRequestOptions,
) -> Result<AccountClusters> {
    let Matrix { rows, cols, values } = matrix;
    if options.id_column.is_some() {
        // A matrix has no id column: the table's answer (the error naming its columns).
        let table = Table::from_matrix(rows, cols, &values);
        return cluster_features(&table, options);
    }
    let values = ArrayView2::from_shape((rows, cols), &values).map_err(|_| {
        Error::arg(
            "table",
            format!(
                "a {rows} × {cols} matrix cannot have {} values",
                values.len()
            ),
        )
    })?;
    let columns = renamed_columns(options, cols)?.unwrap_or_else(|| default_names(cols));
    let features = FeatureView {
        values,
        columns: &columns,
        account_ids: None,
    };
    let chosen = cluster_chosen(
        features,
        &options.cluster_options(),
        options.drop_incomplete,
        None,
        Vec::new(),
    )?;
    Ok(chosen.of(TextColumn::row_numbers(rows)))
}

/// For columns without names (a matrix): the names `columns` gives them, which must be one per
/// column.
fn renamed_columns(options: &ClusterRequestOptions, count: usize) -> Result<Option<Vec<String>>> {
    match &options.columns {
        Some(names) if names.len() != count => Err(Error::arg(
            "columns",
            format!(
                "has {} names but the matrix has {count} columns",
                names.len()
            ),
        )),
        names => Ok(names.clone()),
    }
}

/// Clusters the features read from a table (`named`: whether its columns have names).
fn cluster_read(
    mut features: FeatureMatrix,
    notes: Vec<String>,
    named: bool,
    options: &ClusterRequestOptions,
) -> Result<AccountClusters> {
    let mut only = options.columns.as_deref();
    if !named {
        if let Some(names) = renamed_columns(options, features.columns.len())? {
            features.columns = names;
        }
        only = None;
    }
    cluster_accounts_owned(
        features,
        &options.cluster_options(),
        options.drop_incomplete,
        only,
        notes,
    )
}

/// Options of [`cluster_accounts`]: the clustering's, and how the inputs are read and their
/// features computed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct ClusterAccountsOptions {
    /// The clustering (`method`, `params`, `standardise`, `log1p`, `columns`, ...).
    #[serde(flatten)]
    pub cluster: ClusterRequestOptions,
    /// Reading and features (`mode`, `observed_at`, `behaviour`, ...).
    #[serde(flatten)]
    pub features: FeaturesOptions,
}

/// Features of the accounts in files (a features CSV written by `features`, or platform
/// exports), clustered.
pub fn cluster_accounts(
    inputs: &[PathBuf],
    format: InputFormat,
    options: &ClusterAccountsOptions,
) -> Result<AccountClusters> {
    let features = super::features::features(inputs, format, &options.features)?;
    cluster_accounts_owned(
        features.features,
        &options.cluster.cluster_options(),
        options.cluster.drop_incomplete,
        options.cluster.columns.as_deref(),
        Vec::new(),
    )
}

const CLUSTER_FEATURES_DOC: &str = "Cluster the accounts (rows) of a table with `dbscan`, `hdbscan`, `kmeans`, `minibatch_kmeans` or `gmm`, after `log1p` and per-column standardisation (unless `standardise` is false). The table is what `features` returns, a pandas DataFrame (an `account_id` column gives the ids; other text columns are not features) or a plain matrix. Columns with missing values are left out and named in `dropped_columns`, with the reason in `notes`; an infinite value is an error naming its column, row and account; a constant column is kept and noted; duplicate rows share a label; one account is noise for `dbscan`, cluster 0 for one K-Means or GMM cluster, and an error for `hdbscan` or more clusters than rows; no column or no row is an `invalid_argument` error. The result has `account_ids`, `labels` (noise is -1), `n_clusters`, `n_noise`, per-cluster `summaries` (size, medians on the original scale) and the method's details (`kmeans`: centres, inertia, iterations, runs, seed; `gmm`: means, weights, lower bound; `hdbscan`: probabilities). Labels equal scikit-learn's for the same parameters (DBSCAN exactly; K-Means and GMM for the same `random_state`; HDBSCAN up to merges at exactly tied heights).";

pub(super) const CLUSTER_FEATURES: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "cluster_features",
        doc: CLUSTER_FEATURES_DOC,
        args: &[ArgSpec::of(
            "table",
            "The accounts: a `features` result, a pandas DataFrame (numeric columns are features, `account_id` the ids), a 2-D numpy array or list of rows; in Node a `features()` result, `Float64Array` columns or rows.",
            ArgKind::Table,
        )],
        options: Some(SchemaGenerator::subschema_for::<ClusterRequestOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<AccountClusters>),
        progress: false,
    },
    run: |mut args, options| {
        let table = args.table_or_matrix(0)?;
        let options: ClusterRequestOptions = decode(OPTIONS, options)?;
        let clusters = match table {
            TableInput::Table(table) => cluster_features(&table, &options)?,
            TableInput::Matrix(matrix) => cluster_matrix_features(matrix, &options)?,
        };
        Ok(Output::Columns(clusters.into_columns()))
    },
};

pub(super) const CLUSTER_ACCOUNTS: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "cluster_accounts",
        doc: "Like `cluster_features`, on files: a features CSV written by `features` (`features-csv`, so that features are computed once and clustered many times) or platform exports, whose features are computed first.",
        args: &[
            ArgSpec::json::<OneOrMany<FsPath>>(
                "inputs",
                "A path or a list of paths (`.gz` is read directly).",
            ),
            ArgSpec::json::<InputFormat>(
                "input_format",
                "`features-csv`, or a platform format (`twitter-v1`, `qut-csv`, `coortweet`, ...).",
            ),
        ],
        options: Some(SchemaGenerator::subschema_for::<ClusterAccountsOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<AccountClusters>),
        progress: false,
    },
    run: |mut args, options| {
        let inputs: Vec<PathBuf> = args
            .json::<OneOrMany<FsPath>>(0)?
            .into_vec()
            .into_iter()
            .map(PathBuf::from)
            .collect();
        let format: InputFormat = args.json(1)?;
        let options: ClusterAccountsOptions = decode(OPTIONS, options)?;
        Ok(Output::Columns(
            cluster_accounts(&inputs, format, &options)?.into_columns(),
        ))
    },
};

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use disinfo_core::{Arg, Args};
    use serde_json::{Value, json};

    use super::*;

    /// The JSON result (or the error's text) of `cluster_features` on `arg`.
    fn run(arg: Arg<'_>, options: Value) -> std::result::Result<Value, String> {
        let args = Args::new(CLUSTER_FEATURES.spec.args, vec![arg]).map_err(|e| e.to_string())?;
        let output = (CLUSTER_FEATURES.run)(args, options).map_err(|e| e.to_string())?;
        output.to_json().map_err(|e| e.to_string())
    }

    /// A matrix passed as such gives what the same matrix as a table of columns gives: results,
    /// dropped columns and notes, errors.
    #[test]
    fn a_matrix_is_clustered_as_the_table_of_its_columns() {
        let (rows, cols) = (40, 3);
        let mut values: Vec<f64> = (0..rows * cols)
            .map(|k| ((k * 7919) % 101) as f64 / 10.0 + if k / cols < 20 { 0.0 } else { 50.0 })
            .collect();
        values[cols + 2] = f64::NAN;
        let cases = [
            json!({"method": "kmeans", "params": {"n_clusters": 2}, "drop_incomplete": true}),
            json!({"method": "dbscan", "params": {"eps": 3.0, "min_samples": 3}, "drop_incomplete": true, "columns": ["a", "b", "c"]}),
            json!({"method": "kmeans", "params": {"n_clusters": 2}}),
            json!({"method": "kmeans", "params": {"n_clusters": 2}, "id_column": "id"}),
            json!({"method": "kmeans", "params": {"n_clusters": 2}, "columns": ["a"]}),
        ];
        for options in cases {
            // Lent by the host, as a numpy array is.
            let matrix = Arg::Matrix {
                rows,
                cols,
                values: Cow::Borrowed(&values),
            };
            let table = Arg::Table(Table::from_matrix(rows, cols, &values));
            assert_eq!(
                run(matrix, options.clone()),
                run(table, options.clone()),
                "{options}"
            );
        }
        let mut infinite = values.clone();
        infinite[5] = f64::INFINITY;
        let error = run(
            Arg::Matrix {
                rows,
                cols,
                values: Cow::Borrowed(&infinite),
            },
            json!({"method": "kmeans"}),
        );
        assert!(
            error
                .as_ref()
                .is_err_and(|e| e.contains("row 1") && e.contains("(account 1)")),
            "{error:?}"
        );
        let table = Table::from_matrix(rows, cols, &infinite);
        assert_eq!(error, run(Arg::Table(table), json!({"method": "kmeans"})));
    }
}
