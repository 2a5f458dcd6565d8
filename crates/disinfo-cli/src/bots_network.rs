//! `disinfo bots coordinate|cluster|export`: coordination networks, communities and
//! network exports.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use disinfo::bots::adapters::{Mode, ReadOptions};
use disinfo::bots::coordinate::run::{self, CoordinateResult};
use disinfo::bots::coordinate::{CoordinateOptions, CoordinationKind, UrlNormalization};
use disinfo::bots::export::{self, ExportFormat};
use disinfo::bots::graph::GraphOptions;

use crate::Outcome;
use crate::bots::FormatArg;

/// Coordination kinds, as named on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// Reposts of the same post.
    CoRepost,
    /// The same URL.
    CoLink,
    /// The same normalised text.
    CoText,
    /// Near-duplicate text (word-set Jaccard).
    CoSimilarText,
    /// Replies to the same post.
    CoReply,
    /// The same ordered hashtag sequence.
    CoHashtagSequence,
    /// Posting within the window, whatever the content.
    Synchrony,
}

impl From<KindArg> for CoordinationKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::CoRepost => CoordinationKind::CoRepost,
            KindArg::CoLink => CoordinationKind::CoLink,
            KindArg::CoText => CoordinationKind::CoText,
            KindArg::CoSimilarText => CoordinationKind::CoSimilarText,
            KindArg::CoReply => CoordinationKind::CoReply,
            KindArg::CoHashtagSequence => CoordinationKind::CoHashtagSequence,
            KindArg::Synchrony => CoordinationKind::Synchrony,
        }
    }
}

/// Network output formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NetworkFormat {
    /// CSV edge list `source,target,weight,...`.
    Csv,
    /// JSON nodes and edges with evidence.
    Json,
    /// GraphML.
    Graphml,
    /// GEXF 1.2.
    Gexf,
}

impl From<NetworkFormat> for ExportFormat {
    fn from(f: NetworkFormat) -> Self {
        match f {
            NetworkFormat::Csv => ExportFormat::Csv,
            NetworkFormat::Json => ExportFormat::Json,
            NetworkFormat::Graphml => ExportFormat::Graphml,
            NetworkFormat::Gexf => ExportFormat::Gexf,
        }
    }
}

/// Arguments shared by `coordinate` and `cluster`.
#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// Input files (`-` for stdin).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The platform format of the inputs (`qut-csv` for the QUT toolkit's CSV).
    #[arg(long, value_enum)]
    pub input_format: FormatArg,
    /// The trace that makes a co-action.
    #[arg(long, value_enum, default_value = "co-repost")]
    pub kind: KindArg,
    /// Window in seconds (inclusive: |Δt| <= window).
    #[arg(long, default_value_t = 60.0)]
    pub window: f64,
    /// Minimum directed edge weight.
    #[arg(long, default_value_t = 1)]
    pub min_edge_weight: u64,
    /// Accounts with fewer trace posts take no part.
    #[arg(long, default_value_t = 1)]
    pub min_participation: u64,
    /// Keep edges from an account to itself.
    #[arg(long)]
    pub self_loops: bool,
    /// Evidence post pairs kept per edge.
    #[arg(long, default_value_t = 3)]
    pub evidence: usize,
    /// Normalise URLs for co-link (`basic`: case, www., tracking parameters, scheme).
    #[arg(long)]
    pub normalize_urls: bool,
    /// Word-set Jaccard threshold for co-similar-text.
    #[arg(long, default_value_t = 0.8)]
    pub similarity_threshold: f64,
    /// Keep going past bad records and report them on stderr (exit 1 if any).
    #[arg(long)]
    pub lenient: bool,
    /// Community detection seed.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Community detection resolution.
    #[arg(long, default_value_t = 1.0)]
    pub resolution: f64,
}

/// Arguments of `disinfo bots coordinate`.
#[derive(Debug, Args)]
pub struct CoordinateArgs {
    #[command(flatten)]
    pub network: NetworkArgs,
    /// Add components and communities (node attributes `component`, `community`).
    #[arg(long)]
    pub communities: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: NetworkFormat,
    /// Output file (stdout by default).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// Arguments of `disinfo bots export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A network JSON written by `disinfo bots coordinate --format json` (`-` for stdin).
    pub input: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "graphml")]
    pub format: NetworkFormat,
    /// Output file (stdout by default).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

fn bad(name: &str, message: String) -> disinfo::Error {
    disinfo::Error::from(disinfo::bots::Error::InvalidArgument {
        name: name.to_string(),
        message,
    })
}

fn io_error(path: &std::path::Path, e: std::io::Error) -> disinfo::Error {
    disinfo::Error::from(disinfo::bots::Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

fn build(args: &NetworkArgs, communities: bool) -> disinfo::Result<CoordinateResult> {
    let mut read = ReadOptions::new(args.input_format.into());
    read.mode = if args.lenient {
        Mode::Lenient
    } else {
        Mode::Strict
    };
    let options = CoordinateOptions {
        kind: args.kind.into(),
        window_secs: args.window,
        min_edge_weight: args.min_edge_weight,
        min_participation: args.min_participation,
        self_loops: args.self_loops,
        evidence: args.evidence,
        url_normalization: if args.normalize_urls {
            UrlNormalization::Basic
        } else {
            UrlNormalization::None
        },
        similarity_threshold: args.similarity_threshold,
        ..CoordinateOptions::default()
    };
    let graph = communities.then(|| GraphOptions {
        seed: args.seed,
        resolution: args.resolution,
        ..GraphOptions::default()
    });
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(format!(
        "{} network, window {} s",
        options.kind.as_str(),
        options.window_secs
    ));
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let result = run::from_paths(&args.inputs, &read, &options, graph.as_ref());
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
        "{}: {} posts, {} with the trace, {} accounts and {} directed edges",
        options.kind.as_str(),
        result.network.posts,
        result.network.trace_posts,
        result.network.nodes.len(),
        result.network.edges.len()
    );
    Ok(result)
}

fn write_out(text: &str, output: Option<&PathBuf>) -> disinfo::Result<()> {
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            disinfo::Error::from(disinfo::bots::Error::Write {
                path: path.display().to_string(),
                message: e.to_string(),
            })
        }),
        None => {
            crate::output::print_text(text);
            Ok(())
        }
    }
}

/// `disinfo bots coordinate`.
pub fn coordinate(args: CoordinateArgs) -> disinfo::Result<Outcome> {
    let result = build(&args.network, args.communities)?;
    let text = export::render(
        &result.network,
        result.analysis.as_ref(),
        args.format.into(),
    )?;
    write_out(&text, args.output.as_ref())?;
    Ok(if result.read.records_rejected > 0 {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// `disinfo bots cluster`: communities of the coordination network as JSON.
pub fn cluster(args: NetworkArgs) -> disinfo::Result<Outcome> {
    let result = build(&args, true)?;
    let analysis = result
        .analysis
        .ok_or_else(|| bad("communities", "no analysis was computed".into()))?;
    crate::output::print_json(&analysis)?;
    Ok(if result.read.records_rejected > 0 {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// `disinfo bots export`: re-render a network JSON in another format.
pub fn export(args: ExportArgs) -> disinfo::Result<Outcome> {
    let text = if args.input.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut s)
            .map_err(|e| io_error(&args.input, e))?;
        s
    } else {
        std::fs::read_to_string(&args.input).map_err(|e| io_error(&args.input, e))?
    };
    let (network, analysis) = export::from_json(&text)?;
    let out = export::render(&network, analysis.as_ref(), args.format.into())?;
    write_out(&out, args.output.as_ref())?;
    Ok(Outcome::Ok)
}
