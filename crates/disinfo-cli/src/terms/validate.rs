//! `disinfo terms validate`: OTA declarations checked by `disinfo::terms::api::validate`.

use std::path::PathBuf;

use clap::Args;

use crate::Outcome;

/// Arguments of `disinfo terms validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Declaration files or directories (every `*.json` of a directory).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Runs `disinfo terms validate`: the core's validation report as JSON (`service_files`,
/// `history_files`, `orphan_histories`, `loaded`, `rejected`); exit 1 when a file is rejected.
pub fn run(args: ValidateArgs) -> disinfo::Result<Outcome> {
    let report = disinfo::terms::api::validate(&args.paths)?;
    crate::output::print_json(&report)?;
    Ok(Outcome::findings_if(!report.rejected.is_empty()))
}
