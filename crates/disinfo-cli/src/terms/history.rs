//! `disinfo terms history`: the history of an OTA-layout versions repository, by
//! `disinfo::terms::api::history`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use disinfo::api::request::{OPTIONS, decode};
use disinfo::terms::versions::HistoryOptions;

use crate::Outcome;
use crate::request::Given;
use crate::tool::Tool;

/// What `terms history` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HistoryFormat {
    /// The full report as JSON.
    Json,
    /// A readable Markdown summary.
    Markdown,
}

/// Arguments of `disinfo terms history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// An OTA-layout versions repository (e.g. a clone of OpenTermsArchive/demo-versions).
    pub repo: PathBuf,
    /// Only this service.
    #[arg(long)]
    pub service: Option<String>,
    /// Only this terms type.
    #[arg(long)]
    pub terms_type: Option<String>,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "json")]
    pub format: HistoryFormat,
    /// Include the full diff of every pair in the JSON.
    #[arg(long)]
    pub diffs: bool,
    /// Granularity of the diffs: `line`, `word` (the default) or `char`.
    #[arg(long)]
    pub granularity: Option<String>,
}

/// Runs `disinfo terms history`.
pub fn run(args: HistoryArgs) -> disinfo::Result<Outcome> {
    let given = Given::new()
        .opt("service", args.service)
        .opt("terms_type", args.terms_type)
        .flag("include_diffs", args.diffs, true)
        .opt("granularity", args.granularity);
    let options: HistoryOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Terms.invalid(e))?;
    let report = disinfo::terms::api::history(&args.repo, &options)?;
    match args.format {
        HistoryFormat::Json => crate::output::print_json(&report)?,
        HistoryFormat::Markdown => {
            crate::output::print_lines(&disinfo::terms::versions::report::markdown(&report));
        }
    }
    Ok(Outcome::Ok)
}
