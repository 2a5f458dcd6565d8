//! `disinfo ads ...`: load, audit, report, search.

use clap::Subcommand;

use crate::Outcome;

/// The `disinfo ads` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {}

/// Runs one `disinfo ads` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {}
}
