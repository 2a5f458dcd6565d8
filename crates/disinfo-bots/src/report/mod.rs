//! The public cluster report: what the 2019 European-election study published as a report page
//! per cluster, built from the inputs in one call and written as a self-contained static site.
//!
//! [`build`] reads the inputs, computes the features (or reads a features CSV), clusters the
//! accounts, applies the rule presets, builds or reads a coordination network, profiles every
//! cluster ([`crate::profile`]) and projects the accounts on their first two principal axes for
//! the map. The [`Report`] it returns holds every number the pages show; [`site::write`] writes
//! the folder:
//!
//! - `index.html` (the choice of language), `en/` and `fr/`, each with `index.html` (clusters
//!   ranked by bot-likeness, sizes, the map of accounts, creation dates, the method written out)
//!   and one `cluster-N.html` per cluster (its profile, charts, central accounts and the network
//!   among its accounts);
//! - `report.json` (the [`Report`]).
//!
//! Pages need no server, no script and nothing outside the folder: charts are SVG drawn here
//! ([`svg`]), styles are inline, every text from the data is escaped ([`escape::escape`]). The
//! same inputs give the same bytes (no clock is read, every list is sorted).
//!
//! ```no_run
//! use disinfo_bots::adapters::InputFormat;
//! use disinfo_bots::report::{build, ReportOptions};
//!
//! let options: ReportOptions = serde_json::from_str(r#"{"output": "report", "network": "co-repost"}"#).unwrap();
//! let report = build(&["posts.jsonl".into()], InputFormat::TwitterV1, &options).unwrap();
//! println!("{} clusters, the first is {}", report.clusters.len(), report.clusters[0].verdict.as_str());
//! ```

mod build;
pub mod escape;
pub mod html;
mod i18n;
pub mod site;
pub mod svg;

use std::path::PathBuf;

use disinfo_core::request::FsPath;
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::adapters::InputFormat;
use crate::adapters::ReadRequestOptions;
use crate::cluster::ClusterMethod;
use crate::features::FeatureOptions;
use crate::network::CoordinationKind;
use crate::pipeline::ReadSummary;
use crate::profile::{ClusterProfile, PopulationProfile};

pub use build::{Source, build_from, build_report as build};

/// Options of [`build`]: reading, features, clustering, the network, the pages.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default)]
pub struct ReportOptions {
    /// How the inputs are read (`mode`, `observed_at`, `compat`).
    #[serde(flatten)]
    pub read: ReadRequestOptions,
    /// The features' settings (`behaviour`, `utc_offset_minutes`, ...).
    #[serde(flatten)]
    pub features: FeatureOptions,
    /// The clustering method; default `kmeans`.
    pub method: ClusterMethod,
    /// The method's parameters (as in `cluster_features`); default none (the method's
    /// defaults: 8 clusters for K-Means).
    pub params: Option<serde_json::Map<String, serde_json::Value>>,
    /// Standardise the columns before clustering; default true.
    pub standardise: bool,
    /// `log1p` before standardising; default true.
    pub log1p: bool,
    /// The feature columns to cluster (default: every complete column).
    pub columns: Option<Vec<String>>,
    /// Build this coordination network from the inputs (`co-repost`, `co-link`, `co-hashtag`,
    /// `co-domain`, `co-image`, ...); default none.
    pub network: Option<CoordinationKind>,
    /// The network's window in seconds; default 60.
    pub network_window: f64,
    /// The network's minimum edge weight; default 1.
    pub network_min_edge_weight: u64,
    /// A network already built: the JSON of a `coordinate` result (instead of `network`).
    pub network_file: Option<FsPath>,
    /// Write the site into this folder (created if needed); default: write nothing, return the
    /// report.
    pub output: Option<FsPath>,
    /// The report's title; default "Clusters of accounts".
    pub title: Option<String>,
    /// Central accounts shown per cluster; default 5.
    pub examples: usize,
    /// Shared links, hashtags, domains and sources listed per cluster; default 10.
    pub top: usize,
    /// Accounts drawn on the map at most (a spread sample of every cluster); default 5000.
    pub map_points: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            read: ReadRequestOptions::default(),
            features: FeatureOptions::default(),
            method: ClusterMethod::Kmeans,
            params: None,
            standardise: true,
            log1p: true,
            columns: None,
            network: None,
            network_window: 60.0,
            network_min_edge_weight: 1,
            network_file: None,
            output: None,
            title: None,
            examples: 5,
            top: 10,
            map_points: 5000,
        }
    }
}

/// How the accounts were clustered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Clustering {
    /// The method.
    pub method: ClusterMethod,
    /// Its parameters as given.
    pub params: serde_json::Map<String, serde_json::Value>,
    /// The clustered columns.
    pub columns: Vec<String>,
    /// The columns left out.
    pub dropped_columns: Vec<String>,
    /// Why, and other facts about the columns.
    pub notes: Vec<String>,
    /// Clusters found (noise not counted).
    pub n_clusters: usize,
    /// Accounts labelled noise.
    pub n_noise: usize,
}

/// The coordination network the report used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NetworkSummary {
    /// Its trace.
    pub kind: CoordinationKind,
    /// Its window in seconds.
    pub window: f64,
    /// Accounts with an edge.
    pub nodes: usize,
    /// Directed edges.
    pub edges: usize,
}

/// One account on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MapPoint {
    /// First principal coordinate.
    pub x: f64,
    /// Second principal coordinate.
    pub y: f64,
    /// Its cluster (`-1`: noise).
    pub label: i64,
}

/// The map of accounts: their first two principal coordinates in the clustered space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Map {
    /// Share of the variance each axis explains.
    pub explained: Vec<f64>,
    /// The accounts drawn (a spread sample of each cluster).
    pub points: Vec<MapPoint>,
    /// All accounts.
    pub total: usize,
}

/// The thresholds of the verdicts (see [`crate::profile::score`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScoreScale {
    /// A score at or above this is `bot-like`.
    pub bot_like: f64,
    /// A score below this is `organic`.
    pub organic: f64,
}

/// The report: every number its pages show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Report {
    /// The title.
    pub title: String,
    /// The toolkit version that made it.
    pub version: String,
    /// The inputs, as given.
    pub inputs: Vec<String>,
    /// Their format.
    pub input_format: InputFormat,
    /// Read counts and rejections.
    pub read: ReadSummary,
    /// Accounts.
    pub accounts: usize,
    /// Posts read.
    pub posts: usize,
    /// Every feature column, in the order of the examples' `values`.
    pub feature_columns: Vec<String>,
    /// The clustering.
    pub clustering: Clustering,
    /// The coordination network, when one was used.
    pub network: Option<NetworkSummary>,
    /// The verdicts' thresholds.
    pub score: ScoreScale,
    /// The whole population's creation dates.
    pub population: PopulationProfile,
    /// The map.
    pub map: Map,
    /// The clusters ranked by score (rank 1 first), the noise last.
    pub clusters: Vec<ClusterProfile>,
    /// The files written, relative to the output folder (empty when nothing was written).
    pub files: Vec<String>,
}

/// The report's default title.
pub const DEFAULT_TITLE: &str = "Clusters of accounts";

/// Builds the report of files and, with `output`, writes the site.
pub fn report(inputs: &[PathBuf], format: InputFormat, options: &ReportOptions) -> Result<Report> {
    let mut report = build(inputs, format, options)?;
    if let Some(dir) = &options.output {
        site::write(&mut report, &dir.0)?;
    }
    Ok(report)
}
