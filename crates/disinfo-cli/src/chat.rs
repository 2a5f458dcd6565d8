//! `disinfo chat ...`: the analysts' chat commands for Slack and Mattermost, served over HTTP by
//! `disinfo-server`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Subcommand};

/// The `disinfo chat` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the chat commands over HTTP until SIGINT or SIGTERM: POST /slack/commands,
    /// POST /mattermost/commands, POST /actions, GET /pages/NAME, GET /healthz. Prints
    /// `listening on http://ADDR` on standard error once bound, then one JSON line per request.
    Serve(ServeArgs),
}

/// Arguments of `disinfo chat serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The service's TOML configuration (see examples/chat/chat.toml).
    #[arg(long)]
    pub config: PathBuf,
    /// The address to listen on; port 0 lets the system choose (the address is printed).
    #[arg(long, default_value = "127.0.0.1:8065")]
    pub listen: SocketAddr,
}

/// Runs one `disinfo chat` sub-command: exit 0 after a clean shutdown, 2 when the service
/// cannot start (printed as `error[CODE]: message`, as for the other tools).
pub fn run(command: Command) -> u8 {
    match command {
        Command::Serve(args) => match disinfo_server::run(&args.config, args.listen) {
            Ok(()) => 0,
            Err(err) => {
                eprintln!("error[{}]: {err}", err.code());
                2
            }
        },
    }
}
