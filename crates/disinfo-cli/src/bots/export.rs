//! `disinfo bots export`: a network JSON (written by `coordinate --format json`) rendered again
//! in another format by the core's exporter.

use std::path::PathBuf;

use clap::Args;
use disinfo::api::request::decode;
use disinfo::bots::export::{self, ExportFormat};

use crate::Outcome;
use crate::input::read_text;
use crate::tool::Tool;

/// Arguments of `disinfo bots export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A network JSON written by `disinfo bots coordinate --format json` (`-` for stdin).
    pub input: PathBuf,
    /// Output format: `csv`, `json`, `graphml` or `gexf`.
    #[arg(long, default_value = "graphml")]
    pub format: String,
    /// Output file (stdout by default).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// Runs `disinfo bots export`.
pub fn run(args: ExportArgs) -> disinfo::Result<Outcome> {
    let format: ExportFormat =
        decode("format", args.format.clone().into()).map_err(|e| Tool::Bots.invalid(e))?;
    let text = read_text(&args.input, Tool::Bots)?;
    let (network, analysis) = export::from_json(&text)?;
    let out = export::render(&network, analysis.as_ref(), format)?;
    crate::output::write_to(&out, args.output.as_deref()).map_err(|e| Tool::Bots.io(e))?;
    Ok(Outcome::Ok)
}
