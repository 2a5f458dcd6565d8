//! The `disinfo` command line: one sub-command family per tool.
//!
//! Exit codes: 0 ok, 1 findings (validation errors, audit violations), 2 usage, input or output
//! error.

mod ads;
mod bots;
mod bots_cluster;
mod bots_network;
mod encyclopedia;
mod output;
mod terms;
mod terms_extract;
mod terms_history;
mod terms_replay;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The allocator: the audit and the network builders allocate many small strings on several threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Ads: load, audit and search ad-archive collections.
    #[command(subcommand)]
    Ads(ads::Command),
    /// Encyclopedia: check and migrate entries.
    #[command(subcommand)]
    Encyclopedia(encyclopedia::Command),
    /// Version and the status of each tool, as JSON.
    Info,
}

/// What a sub-command reports back to `main`.
pub enum Outcome {
    /// Everything went fine (exit 0).
    Ok,
    /// The command ran and found problems (exit 1).
    Findings,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = disinfo::catch_panic(|| match cli.command {
        Command::Terms(cmd) => terms::run(cmd),
        Command::Bots(cmd) => bots::run(cmd),
        Command::Ads(cmd) => ads::run(cmd),
        Command::Encyclopedia(cmd) => encyclopedia::run(cmd),
        Command::Info => output::print_json(&disinfo::build_info()).map(|()| Outcome::Ok),
    });
    let code = match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(err) => {
            eprintln!("error[{}]: {err}", err.code());
            ExitCode::from(2)
        }
    };
    if let Some(message) = output::failure() {
        eprintln!("error[output]: cannot write the result to standard output: {message}");
        return ExitCode::from(2);
    }
    code
}
