//! `disinfo terms ...`: extract, diff, history, track.

use clap::Subcommand;

use crate::Outcome;

/// The `disinfo terms` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {}

/// Runs one `disinfo terms` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {}
}
