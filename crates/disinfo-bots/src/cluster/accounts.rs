//! Clustering the accounts of a [`FeatureMatrix`]: the columns that can be clustered are
//! chosen, the rest are listed, and account ids travel with the labels.

use serde::{Deserialize, Serialize};

use super::{ClusterOptions, ClusterResult, bad, cluster_matrix};
use crate::error::Result;
use crate::features::FeatureMatrix;

/// The result of [`cluster_accounts`]: the [`ClusterResult`] fields plus the rows' account ids
/// and the columns left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AccountClusters {
    /// Account id of each row, in the order of `labels`.
    pub account_ids: Vec<String>,
    /// Feature columns not clustered: missing for some account, or (with `log1p`) holding a
    /// value `<= -1`, or not finite.
    pub dropped_columns: Vec<String>,
    /// The clustering of the kept columns.
    #[serde(flatten)]
    pub result: ClusterResult,
}

/// Clusters the accounts of `features` on every column that is present, finite (and `> -1`
/// when `log1p` applies) for all accounts; the others are listed in `dropped_columns`.
pub fn cluster_accounts(
    features: &FeatureMatrix,
    options: &ClusterOptions,
) -> Result<AccountClusters> {
    let log1p = options.standardise && options.log1p;
    let values = &features.values;
    let (mut keep, mut dropped_columns) = (Vec::new(), Vec::new());
    for (j, name) in features.columns.iter().enumerate() {
        let column = values.column(j);
        let usable = column
            .iter()
            .all(|v| v.is_finite() && (!log1p || *v > -1.0));
        if usable {
            keep.push(j);
        } else {
            dropped_columns.push(name.clone());
        }
    }
    if keep.is_empty() {
        return Err(bad(
            "features",
            "no feature column is present and finite for every account",
        ));
    }
    let matrix: Vec<Vec<f64>> = values
        .rows()
        .into_iter()
        .map(|row| keep.iter().map(|&j| row[j]).collect())
        .collect();
    let columns: Vec<String> = keep.iter().map(|&j| features.columns[j].clone()).collect();
    let result = cluster_matrix(&matrix, &columns, options)?;
    Ok(AccountClusters {
        account_ids: features.account_ids.clone(),
        dropped_columns,
        result,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    #[test]
    fn columns_with_missing_or_log1p_invalid_values_are_dropped() {
        let values = Array2::from_shape_vec(
            (4, 3),
            vec![
                1.0,
                f64::NAN,
                -3.0,
                2.0,
                1.0,
                -2.0,
                100.0,
                1.0,
                -3.0,
                101.0,
                1.0,
                -2.0,
            ],
        )
        .expect("shape");
        let features = FeatureMatrix {
            account_ids: (0..4).map(|i| i.to_string()).collect(),
            handles: vec![String::new(); 4],
            columns: vec!["a".into(), "b".into(), "c".into()],
            mask: values.mapv(f64::is_nan),
            values,
        };
        let options: ClusterOptions =
            serde_json::from_str(r#"{"method": "kmeans", "params": {"n_clusters": 2}}"#)
                .expect("options");
        let r = cluster_accounts(&features, &options).expect("valid");
        assert_eq!(r.dropped_columns, vec!["b", "c"]);
        assert_eq!(r.result.columns, vec!["a"]);
        assert_eq!(r.result.labels[0], r.result.labels[1]);
        assert_ne!(r.result.labels[0], r.result.labels[2]);
        let json = serde_json::to_value(&r).expect("json");
        assert!(json.get("labels").is_some() && json.get("account_ids").is_some());
    }
}
