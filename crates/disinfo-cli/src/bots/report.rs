//! `disinfo bots report`: the public cluster report (`disinfo::bots::report::report`), a
//! self-contained static site written into `--output`, and a short ranking of the clusters on
//! stdout.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use disinfo::api::request::{OPTIONS, decode};
use disinfo::bots::report::{Report, ReportOptions, report};

use super::cluster::ClusterArgs;
use super::input::{FeatureArgs, ReadArgs, report_rejections};
use crate::Outcome;
use crate::request::Given;
use crate::tool::Tool;

/// Arguments of `disinfo bots report` (`ReportOptions`).
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub features: FeatureArgs,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Cluster only these feature columns (repeatable; default: every complete column).
    #[arg(long = "column")]
    pub columns: Vec<String>,
    /// Build this coordination network from the inputs and profile the clusters' coordination
    /// (`co-repost`, `co-link`, `co-hashtag`, `co-domain`, `co-image`, ...).
    #[arg(long)]
    pub network: Option<String>,
    /// The network's window in seconds (default 60).
    #[arg(long)]
    pub network_window: Option<f64>,
    /// The network's minimum edge weight (default 1).
    #[arg(long)]
    pub network_min_edge_weight: Option<u64>,
    /// A network already built: the JSON of `bots coordinate --format json` (instead of
    /// `--network`).
    #[arg(long)]
    pub network_file: Option<PathBuf>,
    /// The folder the site is written into (created if needed).
    #[arg(long, short)]
    pub output: PathBuf,
    /// The report's title (default "Clusters of accounts").
    #[arg(long)]
    pub title: Option<String>,
    /// Central accounts shown per cluster (default 5).
    #[arg(long)]
    pub examples: Option<usize>,
    /// Shared links, hashtags, domains and sources listed per cluster (default 10).
    #[arg(long)]
    pub top: Option<usize>,
    /// Accounts drawn on the map at most (default 5000).
    #[arg(long)]
    pub map_points: Option<usize>,
}

/// Runs `disinfo bots report`: exit 1 when records were rejected (`--lenient`).
pub fn run(args: ReportArgs) -> disinfo::Result<Outcome> {
    let format = args.read.format()?;
    let given = args
        .cluster
        .given(args.features.given(args.read.given(Given::new())))?
        .list("columns", &args.columns)
        .opt("network", args.network.clone())
        .opt("network_window", args.network_window)
        .opt("network_min_edge_weight", args.network_min_edge_weight)
        .path("network_file", args.network_file.as_deref())
        .path("output", Some(&args.output))
        .opt("title", args.title.clone())
        .opt("examples", args.examples)
        .opt("top", args.top)
        .opt("map_points", args.map_points);
    let options: ReportOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Bots.invalid(e))?;
    let result = report(&args.read.inputs, format, &options)?;
    write_summary(&result, &args.output);
    Ok(Outcome::findings_if(report_rejections(&result.read)))
}

/// The clusters ranked, one line each, and where the site is.
fn write_summary(report: &Report, output: &std::path::Path) {
    let c = &report.clustering;
    let mut text = format!(
        "{} accounts, {} posts; {} on {} columns: {} clusters, {} noise\n",
        report.accounts,
        report.posts,
        c.method.as_str(),
        c.columns.len(),
        c.n_clusters,
        c.n_noise
    );
    if let Some(n) = &report.network {
        text.push_str(&format!(
            "network {}: {} accounts, {} directed edges\n",
            n.kind.as_str(),
            n.nodes,
            n.edges
        ));
    }
    text.push_str("rank  cluster     size   share  score  verdict\n");
    for p in &report.clusters {
        let rank = p.rank.map_or_else(|| "-".to_string(), |r| r.to_string());
        let label = if p.label < 0 {
            "noise".to_string()
        } else {
            p.label.to_string()
        };
        text.push_str(&format!(
            "{rank:>4}  {label:>7}  {:>7}  {:>5.1}%  {:>5.2}  {}\n",
            p.size,
            p.share * 100.0,
            p.score,
            p.verdict.as_str()
        ));
    }
    text.push_str(&format!(
        "site: {} ({} files)\n",
        output.join("index.html").display(),
        report.files.len()
    ));
    let _ = crate::output::stdout().write_all(text.as_bytes());
}
