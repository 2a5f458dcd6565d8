//! `disinfo terms ...`: extract, extract-batch, validate, diff, history, track.
//!
//! The sub-commands are registered here, one line each in [`Command`] and in [`run`]; each
//! lives in its own module, which maps its arguments to a `disinfo::terms::api` call.

pub mod batch;
pub mod diff;
pub mod extract;
pub mod history;
pub mod replay;
pub mod track;
pub mod validate;

use clap::Subcommand;

use crate::Outcome;

/// The `disinfo terms` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    // --- extraction and declarations ---
    /// Extract the Markdown version of a snapshot (OTA-compatible or canonical).
    Extract(extract::ExtractArgs),
    /// Extract many snapshots in parallel from a JSONL file of jobs (JSONL results).
    ExtractBatch(batch::ExtractBatchArgs),
    /// Validate OTA declarations (files or directories) against OTA's schema.
    Validate(validate::ValidateArgs),
    // --- diff, history, track ---
    /// Explain what changed between two versions: classified, section-aware changes.
    Diff(diff::DiffArgs),
    /// History of an OTA-layout versions repository: versions, classified changes, statistics.
    History(history::HistoryArgs),
    /// Track a declarations directory: fetch, snapshot, extract, record versions, report changes.
    Track(track::TrackArgs),
    /// Replay an OTA snapshots repository into a versions repository, with a report of failures.
    Replay(replay::ReplayArgs),
}

/// Runs one `disinfo terms` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {
        Command::Extract(args) => extract::run(args),
        Command::ExtractBatch(args) => batch::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Diff(args) => diff::run(args),
        Command::History(args) => history::run(args),
        Command::Track(args) => track::run(args),
        Command::Replay(args) => replay::run(args),
    }
}
