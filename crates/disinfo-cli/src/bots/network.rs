//! `disinfo bots coordinate|cluster`: the coordination network of the posts, by
//! `disinfo::bots::api::coordinate`, exported by `export_network` or summarised as communities.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use disinfo::api::request::{OPTIONS, decode};
use disinfo::bots::api::CoordinateRequestOptions;
use disinfo::bots::coordinate::run::CoordinateResult;
use disinfo::bots::export::ExportFormat;

use super::input::ReadArgs;
use crate::Outcome;
use crate::request::Given;
use crate::tool::Tool;

/// Arguments shared by `coordinate` and `cluster`: the inputs, the trace and its thresholds,
/// community detection (`CoordinateRequestOptions`).
#[derive(Debug, Args)]
pub struct NetworkArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    /// The trace that makes a co-action: `co-repost` (the default), `co-link`, `co-text`,
    /// `co-similar-text`, `co-reply`, `co-hashtag-sequence` or `synchrony`.
    #[arg(long)]
    pub kind: Option<String>,
    /// Window in seconds (inclusive: |Δt| <= window; default 60).
    #[arg(long)]
    pub window: Option<f64>,
    /// Minimum directed edge weight (default 1).
    #[arg(long)]
    pub min_edge_weight: Option<u64>,
    /// Accounts with fewer trace posts take no part (default 1).
    #[arg(long)]
    pub min_participation: Option<u64>,
    /// Keep edges from an account to itself.
    #[arg(long)]
    pub self_loops: bool,
    /// Evidence post pairs kept per edge (default 3).
    #[arg(long)]
    pub evidence: Option<usize>,
    /// Normalise URLs for co-link (`basic`: case, www., tracking parameters, scheme).
    #[arg(long)]
    pub normalize_urls: bool,
    /// Word-set Jaccard threshold for co-similar-text (default 0.8).
    #[arg(long)]
    pub similarity_threshold: Option<f64>,
    /// Community detection seed (default 42).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Community detection resolution (default 1.0).
    #[arg(long)]
    pub resolution: Option<f64>,
    /// No progress spinner.
    #[arg(long)]
    pub quiet: bool,
}

impl NetworkArgs {
    /// The options the user gave, by the core's names.
    fn given(&self) -> Given {
        self.read
            .given(Given::new())
            .opt("kind", self.kind.clone())
            .opt("window", self.window)
            .opt("min_edge_weight", self.min_edge_weight)
            .opt("min_participation", self.min_participation)
            .flag("self_loops", self.self_loops, true)
            .opt("evidence", self.evidence)
            .flag("url_normalization", self.normalize_urls, "basic")
            .opt("similarity_threshold", self.similarity_threshold)
            .opt("seed", self.seed)
            .opt("resolution", self.resolution)
    }
}

/// Arguments of `disinfo bots coordinate`.
#[derive(Debug, Args)]
pub struct CoordinateArgs {
    #[command(flatten)]
    pub network: NetworkArgs,
    /// Add components and communities (node attributes `component`, `community`).
    #[arg(long)]
    pub communities: bool,
    /// Output format: `csv` (an edge list), `json` (nodes and edges with evidence), `graphml`
    /// or `gexf`.
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// Output file (stdout by default).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// Builds the network with the core, a spinner on stderr meanwhile, then reports rejected
/// records and a one-line summary on stderr.
fn build(args: &NetworkArgs, given: Given) -> disinfo::Result<CoordinateResult> {
    let format = args.read.format()?;
    let options: CoordinateRequestOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Bots.invalid(e))?;
    let kind = options.coordinate.kind.as_str();
    let bar = crate::progress::spinner(
        format!(
            "{kind} network, window {} s",
            options.coordinate.window_secs
        ),
        args.quiet,
    );
    let result = disinfo::bots::api::coordinate(&args.read.inputs, format, &options);
    bar.finish_and_clear();
    let result = result?;
    let mut err = std::io::stderr().lock();
    for r in &result.read.rejected {
        let _ = writeln!(
            err,
            "rejected {}:{} (record {}): {}",
            r.source, r.line, r.record, r.reason
        );
    }
    let _ = writeln!(
        err,
        "{kind}: {} posts, {} with the trace, {} accounts and {} directed edges",
        result.network.posts,
        result.network.trace_posts,
        result.network.nodes.len(),
        result.network.edges.len()
    );
    Ok(result)
}

/// Runs `disinfo bots coordinate`: exit 1 when records were rejected (`--lenient`).
pub fn coordinate(args: CoordinateArgs) -> disinfo::Result<Outcome> {
    let format: ExportFormat =
        decode("format", args.format.clone().into()).map_err(|e| Tool::Bots.invalid(e))?;
    let given = args
        .network
        .given()
        .flag("communities", args.communities, true);
    let result = build(&args.network, given)?;
    let text = disinfo::bots::api::export_network(&result, format)?;
    crate::output::write_to(&text, args.output.as_deref()).map_err(|e| Tool::Bots.io(e))?;
    Ok(Outcome::findings_if(result.read.records_rejected > 0))
}

/// Runs `disinfo bots cluster`: the communities of the network as JSON; exit 1 when records
/// were rejected (`--lenient`).
pub fn cluster(args: NetworkArgs) -> disinfo::Result<Outcome> {
    let given = args.given().set("communities", true);
    let result = build(&args, given)?;
    let analysis = result.analysis.ok_or_else(|| disinfo::Error::Internal {
        message: "the network was built with communities but has no analysis".into(),
    })?;
    crate::output::print_json(&analysis)?;
    Ok(Outcome::findings_if(result.read.records_rejected > 0))
}
