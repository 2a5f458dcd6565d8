//! `disinfo bots ...`: features and rule here; coordinate, cluster and export in
//! `bots_network.rs`; cluster-features in `bots_cluster.rs`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use disinfo::bots::adapters::{InputFormat, Mode, ReadOptions};
use disinfo::bots::features::FeatureOptions;
use disinfo::bots::pipeline::{self, ReadSummary};
use disinfo::bots::rules::Rule;

use crate::Outcome;

/// The `disinfo bots` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Profile and behaviour features, one row per account (CSV or JSON).
    Features(FeaturesArgs),
    /// Apply a rule preset (`dormant_2019`, `amplifier`) or a rule JSON file to every account.
    Rule(RuleArgs),
    /// Coordination network (co-repost, co-link, co-text, ...) as CSV, JSON, GraphML or GEXF.
    Coordinate(crate::bots_network::CoordinateArgs),
    /// Communities of a coordination network (JSON).
    Cluster(crate::bots_network::NetworkArgs),
    /// Re-render a network JSON as CSV, GraphML or GEXF.
    Export(crate::bots_network::ExportArgs),
    /// Cluster the accounts' features with DBSCAN, K-Means, GMM or HDBSCAN (JSON or CSV labels).
    ClusterFeatures(crate::bots_cluster::ClusterFeaturesArgs),
}

/// Runs one `disinfo bots` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {
        Command::Features(args) => features(args),
        Command::Rule(args) => rule(args),
        Command::Coordinate(args) => crate::bots_network::coordinate(args),
        Command::Cluster(args) => crate::bots_network::cluster(args),
        Command::Export(args) => crate::bots_network::export(args),
        Command::ClusterFeatures(args) => crate::bots_cluster::cluster_features(args),
    }
}

/// Input formats, as named on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Twitter API v1.1 tweets and users.
    #[value(name = "twitter-v1")]
    TwitterV1,
    /// Twitter API v2 responses.
    #[value(name = "twitter-v2")]
    TwitterV2,
    /// snscrape JSONL.
    Snscrape,
    /// Bluesky profile views, posts, feeds, Jetstream commits.
    Bluesky,
    /// Mastodon Account and Status entities.
    Mastodon,
    /// TikTok research API user info and videos.
    Tiktok,
    /// The QUT coordination-network-toolkit CSV.
    #[value(name = "qut-csv")]
    QutCsv,
}

impl From<FormatArg> for InputFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::TwitterV1 => InputFormat::TwitterV1,
            FormatArg::TwitterV2 => InputFormat::TwitterV2,
            FormatArg::Snscrape => InputFormat::Snscrape,
            FormatArg::Bluesky => InputFormat::Bluesky,
            FormatArg::Mastodon => InputFormat::Mastodon,
            FormatArg::Tiktok => InputFormat::Tiktok,
            FormatArg::QutCsv => InputFormat::QutCsv,
        }
    }
}

/// Output renderings of `bots features`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    /// CSV with header `account_id,handle,<features>`; missing values are empty cells.
    Csv,
    /// JSON: one object per account; missing values are null.
    Json,
}

/// Options shared by the commands that read account data.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Input files (JSON, JSONL or CSV as the platform delivers it; `-` for stdin).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The platform format of the inputs.
    #[arg(long, value_enum)]
    pub input_format: FormatArg,
    /// Observation time (RFC 3339) for profiles that carry none (user objects, profile views).
    #[arg(long)]
    pub observed_at: Option<String>,
    /// Keep going past bad records and report them on stderr (exit 1 if any).
    #[arg(long)]
    pub lenient: bool,
    /// Profile features only (skip the behaviour features over posts).
    #[arg(long)]
    pub no_behaviour: bool,
    /// Time zone for day, hour and night features, in minutes east of UTC.
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    pub utc_offset_minutes: i32,
}

impl InputArgs {
    pub(crate) fn options(&self) -> disinfo::Result<(ReadOptions, FeatureOptions)> {
        let mut read = ReadOptions::new(self.input_format.into());
        read.mode = if self.lenient {
            Mode::Lenient
        } else {
            Mode::Strict
        };
        if let Some(text) = &self.observed_at {
            let t = chrono::DateTime::parse_from_rfc3339(text).map_err(|e| {
                disinfo::Error::from(disinfo::bots::Error::InvalidArgument {
                    name: "--observed-at".to_string(),
                    message: format!("`{text}` is not an RFC 3339 time ({e})"),
                })
            })?;
            read.observed_at = Some(t.with_timezone(&chrono::Utc));
        }
        let features = FeatureOptions {
            behaviour: !self.no_behaviour,
            utc_offset_minutes: self.utc_offset_minutes,
            ..FeatureOptions::default()
        };
        Ok((read, features))
    }
}

/// Arguments of `disinfo bots features`.
#[derive(Debug, Args)]
pub struct FeaturesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: OutputFormat,
}

/// Arguments of `disinfo bots rule`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// A preset name (`dormant_2019`, `amplifier`) or the path of a rule JSON file.
    #[arg(long)]
    pub rule: String,
}

/// Reports lenient-mode rejections on stderr; true when there were any.
pub(crate) fn report_rejections(read: &ReadSummary) -> bool {
    let mut err = std::io::stderr().lock();
    for r in &read.rejected {
        let _ = writeln!(
            err,
            "rejected {}:{} (record {}): {}",
            r.source, r.line, r.record, r.reason
        );
    }
    if read.records_rejected > 0 {
        let _ = writeln!(
            err,
            "{} of {} records rejected",
            read.records_rejected, read.records_read
        );
    }
    read.records_rejected > 0
}

fn features(args: FeaturesArgs) -> disinfo::Result<Outcome> {
    let (read, options) = args.input.options()?;
    let result = pipeline::features_from_paths(&args.input.inputs, &read, &options)?;
    match args.format {
        OutputFormat::Csv => {
            result.features.write_csv(crate::output::stdout())?;
        }
        OutputFormat::Json => write_json_rows(&result.features)?,
    }
    Ok(if report_rejections(&result.read) {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// Writes `[` + one JSON object per account per line + `]`, keys in column order (the order is
/// part of the contract), missing values as null.
fn write_json_rows(m: &disinfo::bots::features::FeatureMatrix) -> disinfo::Result<()> {
    let encode = |v: &dyn erased::Json| v.json();
    let mut out = crate::output::stdout();
    let mut text = String::from("[\n");
    for i in 0..m.len() {
        text.push_str("{\"account_id\":");
        text.push_str(&encode(&m.account_ids[i]));
        text.push_str(",\"handle\":");
        text.push_str(&encode(&m.handles[i]));
        for (j, name) in m.columns.iter().enumerate() {
            text.push(',');
            text.push_str(&encode(name));
            text.push(':');
            text.push_str(&encode(&m.values[[i, j]]));
        }
        text.push('}');
        if i + 1 < m.len() {
            text.push(',');
        }
        text.push('\n');
        // Flush in pieces so a million rows do not build one huge string.
        if text.len() > 1 << 16 {
            let _ = out.write_all(text.as_bytes());
            text.clear();
        }
    }
    text.push_str("]\n");
    let _ = out.write_all(text.as_bytes());
    Ok(())
}

mod erased {
    /// JSON text of one cell.
    pub trait Json {
        fn json(&self) -> String;
    }
    impl Json for String {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_else(|_| "null".to_string())
        }
    }
    impl Json for f64 {
        fn json(&self) -> String {
            serde_json::Number::from_f64(*self)
                .map_or_else(|| "null".to_string(), |n| n.to_string())
        }
    }
}

fn rule(args: RuleArgs) -> disinfo::Result<Outcome> {
    let (read, options) = args.input.options()?;
    let rule = if disinfo::bots::rules::PRESETS.contains(&args.rule.as_str()) {
        Rule::preset(&args.rule)?
    } else {
        let text = std::fs::read_to_string(&args.rule).map_err(|e| {
            disinfo::Error::from(disinfo::bots::Error::Io {
                path: args.rule.clone(),
                message: e.to_string(),
            })
        })?;
        Rule::from_json(&text)?
    };
    let result = pipeline::rule_from_paths(&rule, &args.input.inputs, &read, &options)?;
    crate::output::print_json(&result)?;
    let rejected = report_rejections(&result.read);
    Ok(if rejected || result.passed > 0 {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}
