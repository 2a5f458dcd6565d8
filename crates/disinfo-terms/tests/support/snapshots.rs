//! Building small OTA snapshots repositories for the replay tests, with the `git` command line
//! (so the repositories are written by git itself, not by the code under test).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use disinfo_terms::replay::{ReplayOptions, ReplayReport, replay};

/// The replay example data (examples/data/terms/replay, ODC-By, see its README).
pub fn example_data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/terms")
}

/// Runs git in `dir` without any user or system configuration.
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_with(dir, args, &[])
}

fn git_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .envs(env.iter().copied())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A snapshots repository being written commit by commit.
pub struct Snapshots {
    pub dir: PathBuf,
}

impl Snapshots {
    pub fn init(dir: &Path) -> Snapshots {
        std::fs::create_dir_all(dir).expect("mkdir");
        git(dir, &["init", "-q", "-b", "main"]);
        Snapshots {
            dir: dir.to_path_buf(),
        }
    }

    /// Commits `files` (path, content) with `message`, dated `date` (author and committer, as
    /// OTA's engine does); returns the commit id.
    pub fn commit(&self, date: &str, message: &str, files: &[(&str, &[u8])]) -> String {
        for (path, content) in files {
            let file = self.dir.join(path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            std::fs::write(&file, content).expect("write snapshot");
            git(&self.dir, &["add", "--", path]);
        }
        let env = [
            ("GIT_AUTHOR_NAME", "Open Terms Archive Bot"),
            ("GIT_AUTHOR_EMAIL", "bot@opentermsarchive.org"),
            ("GIT_COMMITTER_NAME", "Open Terms Archive Bot"),
            ("GIT_COMMITTER_EMAIL", "bot@opentermsarchive.org"),
            ("GIT_AUTHOR_DATE", date),
            ("GIT_COMMITTER_DATE", date),
        ];
        git_with(
            &self.dir,
            &[
                "commit",
                "-q",
                "--no-verify",
                "--allow-empty",
                "-m",
                message,
            ],
            &env,
        );
        git(&self.dir, &["rev-parse", "HEAD"]).trim().to_string()
    }
}

/// An OTA snapshot commit message: the subject and, unless `legacy`, the three trailers.
pub fn message(subject: &str, location: Option<&str>) -> String {
    match location {
        Some(url) => format!(
            "{subject}\n\nX-engine-version: 15.1.0\nX-fetcher: htmlOnly\nX-source-document-location: {url}\n"
        ),
        None => format!("{subject}\n"),
    }
}

/// One of the Imprint snapshot files of the example data, by its date (`2026-01-28T12-30-21Z`).
pub fn imprint_page(name: &str) -> Vec<u8> {
    std::fs::read(
        example_data()
            .join("replay/snapshots")
            .join(format!("{name}.html")),
    )
    .expect("example snapshot")
}

/// Rebuilds the example snapshots repository (12 Imprint snapshots with OTA's dates and
/// messages) in `dir`; returns the commit ids in order.
pub fn imprint_snapshots(dir: &Path) -> (Snapshots, Vec<String>) {
    let repo = Snapshots::init(dir);
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(example_data().join("replay/snapshots.json")).expect("manifest"),
    )
    .expect("manifest is JSON");
    let mut ids = Vec::new();
    for entry in manifest.as_array().expect("a list") {
        let field = |k: &str| entry[k].as_str().expect("string field");
        let content = std::fs::read(example_data().join("replay").join(field("content")))
            .expect("snapshot file");
        ids.push(repo.commit(
            field("date"),
            field("message"),
            &[(field("file"), &content)],
        ));
    }
    (repo, ids)
}

/// The example declarations directory (Open Terms Archive's Imprint with its history).
pub fn imprint_declarations() -> PathBuf {
    example_data().join("replay/declarations")
}

/// Writes declaration files into a new directory `dir`.
pub fn declarations(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
    std::fs::create_dir_all(dir).expect("mkdir");
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write declaration");
    }
    dir.to_path_buf()
}

/// Replays with `options`, without progress.
pub fn run(
    declarations: &Path,
    snapshots: &Path,
    versions: &Path,
    options: &ReplayOptions,
) -> ReplayReport {
    replay(
        declarations,
        snapshots,
        versions,
        options,
        &mut |_, _, _| {},
    )
    .expect("replay runs")
}

/// `git log` of a versions repository: `date|subject` lines, oldest first.
pub fn log(versions: &Path) -> Vec<String> {
    git(versions, &["log", "--reverse", "--format=%aI|%s"])
        .lines()
        .map(str::to_string)
        .collect()
}
