//! `disinfo bots cluster-features`: profile and behaviour features of the accounts, clustered
//! with DBSCAN, K-Means, a Gaussian mixture or HDBSCAN.

use std::io::Write;

use clap::{Args, ValueEnum};
use disinfo::bots::cluster::{ClusterMethod, ClusterOptions, cluster_accounts};
use disinfo::bots::pipeline;

use crate::Outcome;
use crate::bots::{InputArgs, report_rejections};

/// Clustering methods, as named on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MethodArg {
    /// Density-based, fixed radius (params `eps`, `min_samples`).
    Dbscan,
    /// K-Means (params `n_clusters`, `initial_centres`, `max_iter`, `tol`, `seed`).
    Kmeans,
    /// Gaussian mixture (params `n_components`, `max_iter`, `tol`, `reg_covar`, `seed`,
    /// `probabilities`).
    Gmm,
    /// Hierarchical density-based (params `min_cluster_size`, `min_samples`,
    /// `cluster_selection_epsilon`, `cluster_selection_method`, `allow_single_cluster`).
    Hdbscan,
}

impl From<MethodArg> for ClusterMethod {
    fn from(m: MethodArg) -> Self {
        match m {
            MethodArg::Dbscan => ClusterMethod::Dbscan,
            MethodArg::Kmeans => ClusterMethod::Kmeans,
            MethodArg::Gmm => ClusterMethod::Gmm,
            MethodArg::Hdbscan => ClusterMethod::Hdbscan,
        }
    }
}

/// Renderings of `bots cluster-features`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ClusterFormat {
    /// The clustering result with `account_ids` and `dropped_columns`.
    Json,
    /// `account_id,label`, one row per account.
    Csv,
}

/// Arguments of `disinfo bots cluster-features`.
#[derive(Debug, Args)]
pub struct ClusterFeaturesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The clustering method.
    #[arg(long, value_enum, default_value = "dbscan")]
    pub method: MethodArg,
    /// The method's parameters as a JSON object, e.g. '{"min_cluster_size": 10}'.
    #[arg(long)]
    pub params: Option<String>,
    /// Cluster the raw features (no log1p, no z-score).
    #[arg(long)]
    pub no_standardise: bool,
    /// Standardise without taking log1p first.
    #[arg(long)]
    pub no_log1p: bool,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "json")]
    pub format: ClusterFormat,
}

/// Runs `disinfo bots cluster-features`.
pub fn cluster_features(args: ClusterFeaturesArgs) -> disinfo::Result<Outcome> {
    let params = match &args.params {
        None => None,
        Some(text) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) => Some(map),
            Ok(_) => return Err(bad("--params", "must be a JSON object".into())),
            Err(e) => return Err(bad("--params", format!("is not JSON: {e}"))),
        },
    };
    let options = ClusterOptions {
        method: args.method.into(),
        params,
        standardise: !args.no_standardise,
        log1p: !args.no_log1p,
        include_matrix: false,
    };
    let (read, feature_options) = args.input.options()?;
    let features = pipeline::features_from_paths(&args.input.inputs, &read, &feature_options)?;
    let clusters = cluster_accounts(&features.features, &options)?;
    match args.format {
        ClusterFormat::Json => crate::output::print_json(&clusters)?,
        ClusterFormat::Csv => {
            let mut out = crate::output::stdout();
            let mut text = String::from("account_id,label\n");
            for (id, label) in clusters.account_ids.iter().zip(&clusters.result.labels) {
                text.push_str(&csv_field(id));
                text.push(',');
                text.push_str(&label.to_string());
                text.push('\n');
            }
            let _ = out.write_all(text.as_bytes());
        }
    }
    Ok(if report_rejections(&features.read) {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn bad(name: &str, message: String) -> disinfo::Error {
    disinfo::Error::from(disinfo::bots::Error::InvalidArgument {
        name: name.to_owned(),
        message,
    })
}
