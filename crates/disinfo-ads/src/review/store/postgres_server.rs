//! A throwaway PostgreSQL server for tests, from the binaries of Debian's `postgresql` package
//! (`initdb` on the `PATH`, else the newest `/usr/lib/postgresql/*/bin`): a cluster in a
//! temporary folder, listening on 127.0.0.1 on a free port, trusting local connections, stopped
//! and removed on drop. As root (PostgreSQL refuses to run as root) the server runs as the
//! package's `postgres` user. Tests call [`PostgresServer::start`] and say they skip when it
//! returns `None`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A running test server.
pub struct PostgresServer {
    bin: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
    run_as_postgres: bool,
}

impl PostgresServer {
    /// Starts a server; `None` when PostgreSQL is not installed (a line on standard error says
    /// so), `Some(Err(_))` with its log when it is installed but does not start.
    pub fn start() -> Option<Result<PostgresServer, String>> {
        let Some(bin) = binaries() else {
            eprintln!(
                "PostgreSQL is not installed (no initdb on the PATH or in /usr/lib/postgresql): the PostgreSQL tests skip"
            );
            return None;
        };
        Some(Self::start_with(bin))
    }

    fn start_with(bin: PathBuf) -> Result<PostgresServer, String> {
        let run_as_postgres = is_root();
        // The server's user must reach the folder: /tmp, not a TMPDIR private to root.
        let base = if run_as_postgres {
            PathBuf::from("/tmp")
        } else {
            std::env::temp_dir()
        };
        let dir = tempfile::Builder::new()
            .prefix("disinfo-pg-")
            .tempdir_in(base)
            .map_err(|e| format!("a folder for the cluster: {e}"))?;
        let port = free_port()?;
        let server = PostgresServer {
            bin,
            dir,
            port,
            run_as_postgres,
        };
        if run_as_postgres {
            server.run(
                Command::new("chown")
                    .arg("postgres:")
                    .arg(server.dir.path()),
                false,
            )?;
        }
        let data = server.data();
        server.run(
            Command::new(server.bin.join("initdb"))
                .args([
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "-D",
                ])
                .arg(&data),
            true,
        )?;
        server.pg_ctl("start")?;
        Ok(server)
    }

    /// The URL of a new, empty database `name` on this server.
    pub fn database(&self, name: &str) -> Result<String, String> {
        let mut client = postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .map_err(|e| format!("connect: {e}"))?;
        client
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .map_err(|e| format!("create database {name}: {e}"))?;
        Ok(self.url(name))
    }

    /// The URL of database `name` on this server.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// Stops the server at once (as a crash would) and starts it again on the same port.
    pub fn restart(&self) -> Result<(), String> {
        self.pg_ctl("stop")?;
        self.pg_ctl("start")
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn pg_ctl(&self, action: &str) -> Result<(), String> {
        let mut command = Command::new(self.bin.join("pg_ctl"));
        command.arg("-D").arg(self.data()).args(["-w", "-t", "60"]);
        match action {
            "start" => command
                .arg("-l")
                .arg(self.dir.path().join("log"))
                .arg("-o")
                .arg(format!(
                    "-p {} -h 127.0.0.1 -k {} -F",
                    self.port,
                    self.dir.path().display()
                ))
                .arg("start"),
            _ => command.args(["-m", "immediate", "stop"]),
        };
        self.run(&mut command, true)
            .map_err(|e| format!("{e}\n{}", self.log()))
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }

    /// Runs `command`, as `postgres` when `as_server` and we are root.
    fn run(&self, command: &mut Command, as_server: bool) -> Result<(), String> {
        let mut command = if as_server && self.run_as_postgres {
            let mut wrapped = Command::new("runuser");
            wrapped
                .args(["-u", "postgres", "--"])
                .arg(command.get_program())
                .args(command.get_args());
            wrapped
        } else {
            std::mem::replace(command, Command::new(""))
        };
        let out = command
            .output()
            .map_err(|e| format!("{:?}: {e}", command.get_program()))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{:?} {:?}: {}\n{}",
                command.get_program(),
                command.get_args().collect::<Vec<_>>(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }
}

impl Drop for PostgresServer {
    fn drop(&mut self) {
        let _ = self.pg_ctl("stop");
    }
}

/// The folder of `initdb` and `pg_ctl`.
fn binaries() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .find(|p| p.join("initdb").is_file() && p.join("pg_ctl").is_file())
    });
    on_path.or_else(|| {
        let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .filter(|bin| bin.join("initdb").is_file())
            .collect();
        versions.sort_by_key(|bin| version_of(bin));
        versions.pop()
    })
}

fn version_of(bin: &Path) -> u32 {
    bin.parent()
        .and_then(Path::file_name)
        .and_then(|v| v.to_str())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("a free port: {e}"))
}
