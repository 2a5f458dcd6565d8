//! `disinfo bots ...`: features, coordinate, cluster, export.

use clap::Subcommand;

use crate::Outcome;

/// The `disinfo bots` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {}

/// Runs one `disinfo bots` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {}
}
