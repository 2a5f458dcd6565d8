//! `disinfo terms ...`: extract, diff, history, track.

use clap::Subcommand;

use crate::Outcome;

/// The `disinfo terms` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain what changed between two versions: classified, section-aware changes.
    Diff(crate::terms_history::DiffArgs),
    /// History of an OTA-layout versions repository: versions, classified changes, statistics.
    History(crate::terms_history::HistoryArgs),
}

/// Runs one `disinfo terms` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {
        Command::Diff(args) => crate::terms_history::diff(args),
        Command::History(args) => crate::terms_history::history(args),
    }
}
