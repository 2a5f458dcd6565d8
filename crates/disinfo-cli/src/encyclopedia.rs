//! `disinfo encyclopedia ...`: check, migrate.

use clap::Subcommand;

use crate::Outcome;

/// The `disinfo encyclopedia` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {}

/// Runs one `disinfo encyclopedia` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {}
}
