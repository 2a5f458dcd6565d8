//! `disinfo ads generate`: a seeded synthetic scenario, by `disinfo::ads::api::generate`.

use std::path::PathBuf;

use clap::Args;
use disinfo::ads::api::GenerateOptions;
use disinfo::api::request::{OPTIONS, decode};

use crate::Outcome;
use crate::request::{Given, path_value};
use crate::tool::Tool;

/// Arguments of `disinfo ads generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// `fr2019` or `bench`.
    pub scenario: String,
    /// Output folder.
    pub out: PathBuf,
    /// The generator's seed (default 2019).
    #[arg(long)]
    pub seed: Option<u64>,
    /// `bench`: number of daily collections (default 7).
    #[arg(long)]
    pub days: Option<u32>,
    /// `bench`: ads per collection (default 1,000,000).
    #[arg(long)]
    pub ads: Option<u64>,
}

/// Runs `disinfo ads generate`: the collection folders written, oldest first, as JSON.
pub fn run(args: GenerateArgs) -> disinfo::Result<Outcome> {
    let given = Given::new()
        .opt("seed", args.seed)
        .opt("days", args.days)
        .opt("ads", args.ads);
    let options: GenerateOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Ads.invalid(e))?;
    let dirs = disinfo::ads::api::generate(&args.scenario, &args.out, &options)?;
    let dirs: Vec<String> = dirs.iter().map(|d| path_value(d)).collect();
    crate::output::print_json(&dirs)?;
    Ok(Outcome::Ok)
}
