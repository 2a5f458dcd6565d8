//! `disinfo terms track`: fetch, snapshot, extract and record a declarations directory once, by
//! `disinfo::terms::api::track`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use disinfo::api::request::{OPTIONS, decode};
use disinfo::terms::api::TrackRequestOptions;
use disinfo::terms::track::DirectoryReport;

use crate::Outcome;
use crate::request::Given;
use crate::tool::Tool;

/// What `terms track` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TrackFormat {
    /// The full report as JSON.
    Json,
    /// One line per document.
    Text,
}

/// Arguments of `disinfo terms track`.
#[derive(Debug, Args)]
pub struct TrackArgs {
    /// A directory of OTA service declarations (`<Service>.json`, `<Service>.history.json`).
    pub declarations: PathBuf,
    /// The versions repository (created when missing).
    #[arg(long)]
    pub versions: PathBuf,
    /// The snapshots repository (created when missing).
    #[arg(long)]
    pub snapshots: PathBuf,
    /// Only this service id.
    #[arg(long)]
    pub service: Option<String>,
    /// Only this terms type.
    #[arg(long)]
    pub terms_type: Option<String>,
    /// The `User-Agent` header (default names the toolkit and its version).
    #[arg(long)]
    pub user_agent: Option<String>,
    /// Time allowed per attempt, in milliseconds (default 30000).
    #[arg(long)]
    pub timeout_ms: Option<u64>,
    /// Extra attempts after network errors, timeouts and 5xx answers (default 2).
    #[arg(long)]
    pub retries: Option<u32>,
    /// Largest page accepted, in bytes (default 50 MiB).
    #[arg(long)]
    pub max_bytes: Option<u64>,
    /// Snapshot identifier template for version commit messages (`%SNAPSHOT_ID`, the default,
    /// is replaced).
    #[arg(long)]
    pub snapshot_id_template: Option<String>,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "json")]
    pub format: TrackFormat,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// Post a card of the substantive changes recorded to this incoming webhook (Mattermost's or
    /// Slack's); nothing is posted when there are none. A failed post is reported on standard
    /// error and makes the exit code 2; the result is written all the same.
    #[arg(long, value_name = "URL")]
    pub notify: Option<String>,
    /// With `--notify`: say every event (first records, changes of every kind, errors), not only
    /// substantive changes.
    #[arg(long, requires = "notify")]
    pub notify_all: bool,
}

/// Runs `disinfo terms track`: exit 0 when every document was fetched and extracted, 1 when a
/// document had an error event (or a declaration file did not load).
pub fn run(args: TrackArgs) -> disinfo::Result<Outcome> {
    let given = Given::new()
        .opt("service", args.service)
        .opt("terms_type", args.terms_type)
        .opt("user_agent", args.user_agent)
        .opt("timeout_ms", args.timeout_ms)
        .opt("retries", args.retries)
        .opt("max_bytes", args.max_bytes)
        .opt("snapshot_id_template", args.snapshot_id_template);
    let options: TrackRequestOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Terms.invalid(e))?;
    if let Some(url) = &args.notify {
        crate::notify::check_webhook(url, Tool::Terms)?;
    }
    let bar = crate::progress::bar_with("{bar:30} {pos}/{len} {wide_msg}", args.quiet);
    let mut progress = |done: usize, total: usize, what: &str| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(what.to_string());
    };
    let result = disinfo::terms::api::track(
        &args.declarations,
        &args.versions,
        &args.snapshots,
        &options,
        &mut progress,
    )?;
    bar.finish_and_clear();
    match args.format {
        TrackFormat::Json => crate::output::print_json(&result)?,
        TrackFormat::Text => crate::output::print_lines(&text(&result)),
    }
    if let Some(url) = &args.notify {
        crate::notify::post(
            url,
            disinfo::chat::cards::track::track_card(&result, args.notify_all),
        )?;
    }
    let errors = result.report.events.iter().any(|e| e.error.is_some());
    Ok(Outcome::findings_if(errors || !result.rejected.is_empty()))
}

/// One line per document (`outcome service / terms type  detail`), then one per rejected
/// declaration file.
fn text(result: &DirectoryReport) -> String {
    let events = result.report.events.iter().map(|e| {
        let detail = match (&e.error, &e.classification) {
            (Some(err), _) => format!("{}: {}", err.code, err.message),
            (None, Some(c)) => c.to_string(),
            _ => String::new(),
        };
        format!(
            "{:<14} {} / {}  {detail}",
            e.outcome.as_str(),
            e.service,
            e.terms_type
        )
    });
    let rejected = result
        .rejected
        .iter()
        .map(|r| format!("{:<14} {}  {}: {}", "rejected", r.file, r.code, r.message));
    events.chain(rejected).collect::<Vec<_>>().join("\n")
}
