//! `disinfo bots cluster-features`: the accounts' features (`disinfo::bots::api::features`)
//! clustered with DBSCAN, K-Means, a Gaussian mixture or HDBSCAN (`cluster_accounts`: columns
//! missing for some account are left out, account ids travel with the labels).

use std::io::Write;

use clap::{Args, ValueEnum};
use disinfo::api::request::{OPTIONS, decode};
use disinfo::bots::api::FeaturesOptions;
use disinfo::bots::cluster::{AccountClusters, ClusterOptions, cluster_accounts};

use super::input::{FeatureArgs, ReadArgs, report_rejections};
use crate::Outcome;
use crate::request::Given;
use crate::tool::Tool;

/// What `bots cluster-features` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ClusterFormat {
    /// The clustering result with `account_ids` and `dropped_columns`.
    Json,
    /// `account_id,label`, one row per account.
    Csv,
}

/// The clustering settings `cluster-features` and `report` share (`method`, `params`,
/// `standardise`, `log1p`).
#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// The clustering method: `dbscan`, `kmeans`, `gmm`, `hdbscan` or `minibatch_kmeans`
    /// (default: `dbscan` for cluster-features, `kmeans` for report).
    #[arg(long)]
    pub method: Option<String>,
    /// The method's parameters as a JSON object, e.g. '{"min_cluster_size": 10}' (dbscan `eps`,
    /// `min_samples`; kmeans `n_clusters`, `n_init`, `initial_centres`, `max_iter`, `tol`,
    /// `random_state`; gmm `n_components`, `max_iter`, `tol`, `reg_covar`, `random_state`,
    /// `probabilities`; hdbscan `min_cluster_size`, `min_samples`, `cluster_selection_epsilon`,
    /// `cluster_selection_method`, `allow_single_cluster`).
    #[arg(long)]
    pub params: Option<String>,
    /// Cluster the raw features (no log1p, no z-score).
    #[arg(long)]
    pub no_standardise: bool,
    /// Standardise without taking log1p first.
    #[arg(long)]
    pub no_log1p: bool,
}

impl ClusterArgs {
    /// The clustering options the user gave, added to `given`. The command line carries the
    /// parameters as JSON text; the core decodes the object.
    pub fn given(&self, given: Given) -> disinfo::Result<Given> {
        let params = self
            .params
            .as_deref()
            .map(serde_json::from_str::<serde_json::Value>)
            .transpose()
            .map_err(|e| Tool::Bots.bad_argument("params", format!("is not JSON: {e}")))?;
        Ok(given
            .opt("method", self.method.clone())
            .opt("params", params)
            .flag("standardise", self.no_standardise, false)
            .flag("log1p", self.no_log1p, false))
    }
}

/// Arguments of `disinfo bots cluster-features`.
#[derive(Debug, Args)]
pub struct ClusterFeaturesArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub features: FeatureArgs,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "json")]
    pub format: ClusterFormat,
}

/// Runs `disinfo bots cluster-features`: exit 1 when records were rejected (`--lenient`).
pub fn run(args: ClusterFeaturesArgs) -> disinfo::Result<Outcome> {
    let cluster = args.cluster.given(Given::new())?;
    let cluster: ClusterOptions =
        decode(OPTIONS, cluster.into_request()).map_err(|e| Tool::Bots.invalid(e))?;
    let format = args.read.format()?;
    let given = args.features.given(args.read.given(Given::new()));
    let options: FeaturesOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Bots.invalid(e))?;
    let features = disinfo::bots::api::features(&args.read.inputs, format, &options)?;
    let clusters = cluster_accounts(&features.features, &cluster)?;
    match args.format {
        ClusterFormat::Json => crate::output::print_json(&clusters)?,
        ClusterFormat::Csv => write_labels(&clusters),
    }
    Ok(Outcome::findings_if(report_rejections(&features.read)))
}

/// Writes `account_id,label`, one row per account (ids quoted as CSV requires).
fn write_labels(clusters: &AccountClusters) {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let mut text = String::from("account_id,label\n");
    for (id, label) in clusters.account_ids.iter().zip(&clusters.result.labels) {
        text.push_str(&format!("{},{label}\n", field(id)));
    }
    let _ = crate::output::stdout().write_all(text.as_bytes());
}
