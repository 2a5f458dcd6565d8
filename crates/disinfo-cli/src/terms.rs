//! `disinfo terms ...`: extract, diff, history, track.

use clap::Subcommand;

use crate::Outcome;

/// The `disinfo terms` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    // --- extraction and declarations ---
    /// Extract the Markdown version of a snapshot (OTA-compatible or canonical).
    Extract(crate::terms_extract::ExtractArgs),
    /// Extract many snapshots in parallel from a JSONL file of jobs (JSONL results).
    ExtractBatch(crate::terms_extract::ExtractBatchArgs),
    /// Validate OTA declarations (files or directories) against OTA's schema.
    Validate(crate::terms_extract::ValidateArgs),
    // --- diff, history, track ---
    /// Explain what changed between two versions: classified, section-aware changes.
    Diff(crate::terms_history::DiffArgs),
    /// History of an OTA-layout versions repository: versions, classified changes, statistics.
    History(crate::terms_history::HistoryArgs),
    /// Track a declarations directory: fetch, snapshot, extract, record versions, report changes.
    Track(crate::terms_history::TrackArgs),
    /// Replay an OTA snapshots repository into a versions repository, with a report of failures.
    Replay(crate::terms_replay::ReplayArgs),
}

/// Runs one `disinfo terms` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {
        Command::Extract(args) => crate::terms_extract::extract_cmd(args),
        Command::ExtractBatch(args) => crate::terms_extract::extract_batch_cmd(args),
        Command::Validate(args) => crate::terms_extract::validate_cmd(args),
        Command::Diff(args) => crate::terms_history::diff(args),
        Command::History(args) => crate::terms_history::history(args),
        Command::Track(args) => crate::terms_history::track(args),
        Command::Replay(args) => crate::terms_replay::replay_cmd(args),
    }
}
