//! The `disinfo` binary: the command line of [`disinfo_cli::run`].

use std::process::ExitCode;

/// The allocator: the audit and the network builders allocate many small strings on several threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ExitCode::from(disinfo_cli::run(std::env::args_os()))
}
