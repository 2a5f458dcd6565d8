//! `disinfo encyclopedia ...`: check, migrate, rules, by `disinfo::encyclopedia::api`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use disinfo::api::request::{OPTIONS, decode};
use disinfo::encyclopedia::api::{self, CheckRequestOptions};

use crate::Outcome;
use crate::request::Given;
use crate::tool::Tool;

/// The `disinfo encyclopedia` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every entry under DIR: front matter, schema, links, cross references.
    /// Exit 1 when any diagnostic is an error (warnings alone exit 0).
    Check(CheckArgs),
    /// Convert the old layout (one page per phase × type, entries as headings) to one file per
    /// entry; prints what could not be mapped.
    Migrate(MigrateArgs),
    /// List the rule ids, their severity and what they check.
    Rules,
}

/// What `encyclopedia check` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// The report as JSON (counts and diagnostics).
    Json,
    /// One `path:line:col: error[RULE] message` line per diagnostic, then a summary.
    Text,
}

/// Arguments of `disinfo encyclopedia check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The corpus folder (every `*.md` except README.md and names starting with `.` or `_`).
    pub dir: PathBuf,
    /// A JSON Schema file extending the shipped entry schema.
    #[arg(long)]
    pub schema: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
}

/// Arguments of `disinfo encyclopedia migrate`.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The old pages.
    pub old_dir: PathBuf,
    /// Where to write one file per entry (must not exist or be empty).
    pub new_dir: PathBuf,
    /// The `created` date written into every entry (default: today, UTC).
    #[arg(long)]
    pub created: Option<String>,
}

/// Runs one `disinfo encyclopedia` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {
        Command::Check(args) => check(args),
        Command::Migrate(args) => migrate(args),
        Command::Rules => {
            crate::output::print_json(&disinfo::encyclopedia::rules::RULES)?;
            Ok(Outcome::Ok)
        }
    }
}

/// `disinfo encyclopedia check`: exit 1 when a diagnostic is an error.
fn check(args: CheckArgs) -> disinfo::Result<Outcome> {
    let given = Given::new().path("schema", args.schema.as_deref());
    let options: CheckRequestOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Encyclopedia.invalid(e))?;
    let report = api::check(&args.dir, &options)?;
    match args.format {
        Format::Json => crate::output::print_json(&report)?,
        Format::Text => crate::output::print_text(&report.to_text()),
    }
    Ok(Outcome::findings_if(!report.is_ok()))
}

/// `disinfo encyclopedia migrate`: the migration report as JSON.
fn migrate(args: MigrateArgs) -> disinfo::Result<Outcome> {
    // The caller passes the date (the core never reads the clock): today's, unless given.
    let created = args
        .created
        .unwrap_or_else(|| chrono::Utc::now().format("%Y-%m-%d").to_string());
    let report = disinfo::encyclopedia::migrate_dir(&args.old_dir, &args.new_dir, &created)?;
    crate::output::print_json(&report)?;
    Ok(Outcome::Ok)
}
