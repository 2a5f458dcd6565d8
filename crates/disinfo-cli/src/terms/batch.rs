//! `disinfo terms extract-batch`: a JSONL file of jobs to JSONL results, in parallel, by
//! `disinfo::terms::api::extract_batch`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use disinfo::api::request::{OPTIONS, decode};
use disinfo::terms::api::{self, ExtractBatchOptions};
use disinfo::terms::extract::batch::parse_jobs;

use crate::Outcome;
use crate::input::read_text;
use crate::request::Given;
use crate::tool::Tool;

/// Arguments of `disinfo terms extract-batch`.
#[derive(Debug, Args)]
pub struct ExtractBatchArgs {
    /// JSONL file of jobs (`-` for stdin), one per line: `{"id"?, "snapshot" (a path) |
    /// "content", "location", "select", "remove"?, "mime_type"?}`.
    pub jobs: PathBuf,
    /// Markdown flavour: `ota` (the default) or `canonical`.
    #[arg(long)]
    pub flavor: Option<String>,
    /// Hide the progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// Runs `disinfo terms extract-batch`: one JSON result per line on stdout, in job order, and a
/// count on stderr; exit 1 if a job failed.
pub fn run(args: ExtractBatchArgs) -> disinfo::Result<Outcome> {
    let options: ExtractBatchOptions = decode(
        OPTIONS,
        Given::new().opt("flavor", args.flavor).into_request(),
    )
    .map_err(|e| Tool::Terms.invalid(e))?;
    let text = read_text(&args.jobs, Tool::Terms)?;
    let jobs = parse_jobs(&text, &args.jobs.display().to_string())?;
    let bar = crate::progress::bar(jobs.len() as u64, args.quiet);
    let tick = || bar.inc(1);
    let results = api::extract_batch(&jobs, &options, Some(&tick));
    bar.finish_and_clear();
    let mut out = crate::output::stdout();
    let mut failed = 0;
    for r in &results {
        failed += usize::from(r.error.is_some());
        let line = serde_json::to_string(r).map_err(|e| disinfo::Error::Internal {
            message: format!("cannot serialise a job result: {e}"),
        })?;
        let _ = writeln!(out, "{line}");
    }
    eprintln!(
        "{} jobs: {} extracted, {} failed",
        results.len(),
        results.len() - failed,
        failed
    );
    Ok(Outcome::findings_if(failed > 0))
}
