//! `disinfo ads search`: a keyword or a regular expression across collections, by
//! `disinfo::ads::api::search`.

use std::path::PathBuf;

use clap::Args;
use disinfo::ads::search::SearchOptions;
use disinfo::api::request::{OPTIONS, decode};

use crate::Outcome;
use crate::request::Given;
use crate::tool::Tool;

/// Arguments of `disinfo ads search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Keyword (or regex with --regex).
    pub pattern: String,
    /// Collection folders, oldest first.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// The pattern is a regular expression.
    #[arg(long)]
    pub regex: bool,
    /// Match case.
    #[arg(long)]
    pub case_sensitive: bool,
    /// Hits listed at most (all are counted; default 10000).
    #[arg(long)]
    pub max_hits: Option<usize>,
}

/// Runs `disinfo ads search`: the hits and the matched ads as JSON.
pub fn run(args: SearchArgs) -> disinfo::Result<Outcome> {
    let given = Given::new()
        .flag("regex", args.regex, true)
        .flag("case_insensitive", args.case_sensitive, false)
        .opt("max_hits", args.max_hits);
    let options: SearchOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Ads.invalid(e))?;
    let result = disinfo::ads::api::search(&args.pattern, &args.dirs, &options)?;
    crate::output::print_json(&result)?;
    Ok(Outcome::Ok)
}
