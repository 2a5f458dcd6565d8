//! What the commands that read platform exports share: the inputs and how they are read
//! ([`ReadArgs`]), the feature settings ([`FeatureArgs`]), and the report of rejected records.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use disinfo::api::request::decode;
use disinfo::bots::adapters::InputFormat;
use disinfo::bots::pipeline::ReadSummary;

use crate::request::Given;
use crate::tool::Tool;

/// The inputs and how they are read (`ReadRequestOptions`).
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Input files (JSON, JSONL or CSV as the platform delivers it, `.gz` read directly; `-`
    /// for stdin).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The format of the inputs: `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`,
    /// `tiktok`, `qut-csv` (the QUT coordination-network-toolkit's CSV), `coortweet`
    /// (CooRTweet's input, long or wide) or, where accounts' features are enough, `features-csv`
    /// (what `bots features` writes: features computed once, clustered many times).
    #[arg(long)]
    pub input_format: String,
    /// Observation time (RFC 3339) for profiles that carry none (user objects, profile views).
    #[arg(long)]
    pub observed_at: Option<String>,
    /// Keep going past bad records and report them on stderr (exit 1 if any).
    #[arg(long)]
    pub lenient: bool,
}

impl ReadArgs {
    /// The input format, decoded by the core.
    pub fn format(&self) -> disinfo::Result<InputFormat> {
        decode("input_format", self.input_format.clone().into()).map_err(|e| Tool::Bots.invalid(e))
    }

    /// The read options the user gave (`mode`, `observed_at`), added to `given`.
    pub fn given(&self, given: Given) -> Given {
        given
            .flag("mode", self.lenient, "lenient")
            .opt("observed_at", self.observed_at.clone())
    }
}

/// The feature settings the commands over accounts share (`FeatureOptions`).
#[derive(Debug, Args)]
pub struct FeatureArgs {
    /// Profile features only (skip the behaviour features over posts).
    #[arg(long)]
    pub no_behaviour: bool,
    /// Time zone for day, hour and night features, in minutes east of UTC (default 0).
    #[arg(long, allow_hyphen_values = true)]
    pub utc_offset_minutes: Option<i32>,
}

impl FeatureArgs {
    /// The feature options the user gave (`behaviour`, `utc_offset_minutes`), added to `given`.
    pub fn given(&self, given: Given) -> Given {
        given
            .flag("behaviour", self.no_behaviour, false)
            .opt("utc_offset_minutes", self.utc_offset_minutes)
    }
}

/// Reports lenient-mode rejections on stderr, with their place and reason; true when there
/// were any.
pub fn report_rejections(read: &ReadSummary) -> bool {
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
