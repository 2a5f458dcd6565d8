//! `disinfo ads ...`: audit collections, search them, generate synthetic ones, review ads.
//!
//! The sub-commands are registered here; each lives in its own module, which maps its arguments
//! to a `disinfo::ads::api` call.

pub mod audit;
pub mod collections;
pub mod generate;
pub mod progress;
pub mod review;
pub mod search;

use clap::Subcommand;

use crate::Outcome;

/// The `disinfo ads` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit collections of an ad repository, oldest first (exit 1 when a violation is found).
    Audit(audit::AuditArgs),
    /// Search collections for a keyword or a regex, with locators.
    Search(search::SearchArgs),
    /// Write a seeded synthetic scenario (`fr2019`, `bench`).
    Generate(generate::GenerateArgs),
    /// The citizens' review: reviewers' agreement, the questionnaire.
    #[command(subcommand)]
    Review(review::ReviewCommand),
}

/// Runs one `disinfo ads` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {
        Command::Audit(args) => audit::run(args),
        Command::Search(args) => search::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Review(command) => review::run(command),
    }
}
