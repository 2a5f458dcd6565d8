//! The `disinfo` command line: one sub-command family per tool. The binary (`src/main.rs`)
//! and the Python package's `disinfo` console script both call [`run`].
//!
//! The CLI is a thin front end over the library. Each sub-command maps its arguments to the
//! core's request, calls the core and prints the result or one of the core's renderings; it
//! parses, defaults and reshapes nothing itself. The options a user gave are passed under the
//! core's names and decoded by the core (`request`), so that defaults, validation and error
//! messages are those of the Python and Node packages.
//!
//! - `terms`, `bots`, `ads`, `encyclopedia`: the sub-command families, one module per
//!   sub-command below each;
//! - `chat`: the chat commands' HTTP service (`disinfo-server`);
//! - `request`: the options a user gave, as the core's request;
//! - `input`: files and standard input (`-`);
//! - `tool`: the CLI's own failures in the tool's error vocabulary;
//! - `progress`: progress bars, on a terminal only;
//! - `output`: standard output, and closed pipes.
//!
//! Exit codes: 0 ok, 1 findings (validation errors, audit violations), 2 usage, input or output
//! error.

mod ads;
mod bots;
mod chat;
mod encyclopedia;
mod input;
mod notify;
mod output;
mod progress;
mod request;
mod terms;
mod tool;

use std::ffi::OsString;

use clap::{Parser, Subcommand};

/// Tools for the people who fight information manipulation.
#[derive(Debug, Parser)]
#[command(name = "disinfo", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Terms of service: extract, diff, history, track.
    #[command(subcommand)]
    Terms(terms::Command),
    /// Bots: account features, coordination networks, clusters.
    #[command(subcommand)]
    Bots(bots::Command),
    /// Ads: audit, search and generate ad-archive collections.
    #[command(subcommand)]
    Ads(ads::Command),
    /// Encyclopedia: check and migrate entries.
    #[command(subcommand)]
    Encyclopedia(encyclopedia::Command),
    /// Chat: the analysts' slash commands for Slack and Mattermost, served over HTTP.
    #[command(subcommand)]
    Chat(chat::Command),
    /// Version and the status of each tool, as JSON.
    Info,
}

/// What a sub-command reports back to [`run`].
pub(crate) enum Outcome {
    /// Everything went fine (exit 0).
    Ok,
    /// The command ran and found problems (exit 1).
    Findings,
}

impl Outcome {
    /// [`Outcome::Findings`] when something was found, [`Outcome::Ok`] otherwise.
    pub(crate) fn findings_if(found: bool) -> Outcome {
        if found {
            Outcome::Findings
        } else {
            Outcome::Ok
        }
    }
}

/// Runs the command line `args` (the first is the program's name) and returns the exit code:
/// 0 ok, 1 findings, 2 usage, input or output error. Help and version requests print and
/// return 0.
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version on standard output, usage errors on standard error.
            let _ = err.print();
            return if err.use_stderr() { 2 } else { 0 };
        }
    };
    // The service runs until a signal and reports its own errors (with the chat configuration's
    // codes, which the facade's error does not carry); it catches panics per request.
    if let Command::Chat(cmd) = cli.command {
        return chat::run(cmd);
    }
    let result = disinfo::catch_panic(|| match cli.command {
        Command::Terms(cmd) => terms::run(cmd),
        Command::Bots(cmd) => bots::run(cmd),
        Command::Ads(cmd) => ads::run(cmd),
        Command::Encyclopedia(cmd) => encyclopedia::run(cmd),
        Command::Chat(_) => Ok(Outcome::Ok), // served above
        Command::Info => output::print_json(&disinfo::build_info()).map(|()| Outcome::Ok),
    });
    let code = match result {
        Ok(Outcome::Ok) => 0,
        Ok(Outcome::Findings) => 1,
        Err(err) => {
            eprintln!("error[{}]: {err}", err.code());
            2
        }
    };
    if let Some(message) = output::failure() {
        eprintln!("error[output]: cannot write the result to standard output: {message}");
        return 2;
    }
    code
}
