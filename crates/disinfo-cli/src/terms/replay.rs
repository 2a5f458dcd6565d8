//! `disinfo terms replay`: rebuild an OTA versions repository from a snapshots repository and
//! declarations.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use disinfo::api::request::{OPTIONS, decode};
use disinfo::terms::replay::{ReplayOptions, ReplayReport};

use crate::Outcome;
use crate::request::Given;
use crate::tool::Tool;

/// Renderings of `terms replay`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReplayFormat {
    /// A summary, one line per document and one per failure.
    Text,
    /// The full report as JSON.
    Json,
}

/// Arguments of `disinfo terms replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// A directory of OTA service declarations (`<Service>.json`, `<Service>.history.json`).
    #[arg(long)]
    pub declarations: PathBuf,
    /// An OTA snapshots repository (e.g. a clone of OpenTermsArchive/demo-snapshots).
    #[arg(long)]
    pub snapshots: PathBuf,
    /// The versions repository to write (created when missing; extended after its newest record).
    #[arg(long)]
    pub versions: PathBuf,
    /// Only this service id.
    #[arg(long)]
    pub service: Option<String>,
    /// Only this terms type.
    #[arg(long)]
    pub terms_type: Option<String>,
    /// Replay snapshots fetched at or after this date (RFC 3339, or a day).
    #[arg(long = "from", visible_alias = "since")]
    pub since: Option<String>,
    /// Replay snapshots fetched at or before this date (RFC 3339, or a day: its end).
    #[arg(long)]
    pub until: Option<String>,
    /// Then re-extract the latest snapshot of every document and record technical upgrades.
    #[arg(long)]
    pub apply_upgrades: bool,
    /// How version commits name their snapshots (`%SNAPSHOT_ID`, the default, is replaced by the
    /// commit id).
    #[arg(long)]
    pub snapshot_id_template: Option<String>,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReplayFormat,
    /// No progress bar (there is none either when standard error is not a terminal).
    #[arg(long)]
    pub quiet: bool,
}

/// Runs `disinfo terms replay`: exit 0 when every snapshot replayed, 1 when failures were
/// reported.
pub fn run(args: ReplayArgs) -> disinfo::Result<Outcome> {
    let given = Given::new()
        .opt("service", args.service)
        .opt("terms_type", args.terms_type)
        .opt("since", args.since)
        .opt("until", args.until)
        .flag("apply_upgrades", args.apply_upgrades, true)
        .opt("snapshot_id_template", args.snapshot_id_template);
    let options: ReplayOptions =
        decode(OPTIONS, given.into_request()).map_err(|e| Tool::Terms.invalid(e))?;
    let bar = crate::progress::bar_with(
        "{bar:30} {pos}/{len} commits {elapsed_precise} {wide_msg}",
        args.quiet,
    );
    let mut progress = |done: usize, total: usize, what: &str| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(what.to_string());
    };
    let report = disinfo::terms::api::replay(
        &args.declarations,
        &args.snapshots,
        &args.versions,
        &options,
        &mut progress,
    )?;
    bar.finish_and_clear();
    match args.format {
        ReplayFormat::Json => crate::output::print_json(&report)?,
        ReplayFormat::Text => crate::output::print_text(&text(&report)),
    }
    Ok(if report.failures.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}

fn text(report: &ReplayReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "commits: {}; snapshots replayed: {} (without trailers: {}), out of range: {}, of other documents: {}; not records: {}",
        report.commits,
        report.snapshots_read,
        report.legacy_snapshots,
        report.snapshots_out_of_range,
        report.snapshots_filtered,
        report.skipped_commits
    );
    if let Some(after) = &report.resumed_after {
        let _ = writeln!(out, "resumed after {after}");
    }
    let _ = writeln!(
        out,
        "extractions: {}; versions recorded: {}, upgrades: {}, unchanged: {}, incomplete: {}; failures: {}",
        report.extractions,
        report.versions_recorded,
        report.upgrades_recorded,
        report.unchanged,
        report.incomplete,
        report.failures.len()
    );
    let _ = writeln!(
        out,
        "\n{:<48} {:>9} {:>8} {:>8} {:>9} {:>8}",
        "document", "snapshots", "versions", "upgrades", "unchanged", "failures"
    );
    for d in &report.documents {
        let name = format!("{} / {}", d.service, d.terms_type);
        let _ = writeln!(
            out,
            "{name:<48} {:>9} {:>8} {:>8} {:>9} {:>8}",
            d.snapshots, d.versions, d.upgrades, d.unchanged, d.failures
        );
    }
    if !report.failures.is_empty() {
        let _ = writeln!(out);
    }
    for f in &report.failures {
        let _ = writeln!(
            out,
            "{} {} {} error[{}]: {}",
            f.date,
            &f.commit[..f.commit.len().min(10)],
            f.path,
            f.code,
            f.message
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use clap::Parser as _;

    use super::*;

    /// A fresh scratch directory (the CLI crate has no temp-dir dependency).
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("disinfo-cli-replay-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    fn git(dir: &Path, args: &[&str], env: &[(&str, &str)]) {
        let out = Command::new("git")
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .envs(env.iter().copied())
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn example() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/terms/replay")
    }

    /// The example snapshots repository (12 real captures of OTA's imprint), rebuilt with git.
    fn snapshots(dir: &Path) -> PathBuf {
        let repo = dir.join("snapshots");
        std::fs::create_dir_all(&repo).expect("mkdir");
        git(&repo, &["init", "-q"], &[]);
        let manifest: serde_json::Value = serde_json::from_slice(
            &std::fs::read(example().join("snapshots.json")).expect("manifest"),
        )
        .expect("JSON");
        for entry in manifest.as_array().expect("list") {
            let field = |k: &str| entry[k].as_str().expect("field");
            let file = repo.join(field("file"));
            std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
            std::fs::copy(example().join(field("content")), &file).expect("copy");
            git(&repo, &["add", "-A"], &[]);
            let identity = [
                ("GIT_AUTHOR_NAME", "bot"),
                ("GIT_AUTHOR_EMAIL", "bot@example.com"),
                ("GIT_COMMITTER_NAME", "bot"),
                ("GIT_COMMITTER_EMAIL", "bot@example.com"),
                ("GIT_AUTHOR_DATE", field("date")),
                ("GIT_COMMITTER_DATE", field("date")),
            ];
            git(&repo, &["commit", "-q", "-m", field("message")], &identity);
        }
        repo
    }

    fn args(dir: &Path, extra: &[&str]) -> ReplayArgs {
        let declarations = example().join("declarations");
        let snapshots = snapshots(dir);
        let mut argv = vec![
            "disinfo".to_string(),
            "terms".into(),
            "replay".into(),
            "--quiet".into(),
            "--declarations".into(),
            declarations.display().to_string(),
            "--snapshots".into(),
            snapshots.display().to_string(),
            "--versions".into(),
            dir.join("versions").display().to_string(),
        ];
        argv.extend(extra.iter().map(|s| s.to_string()));
        match crate::Cli::try_parse_from(argv)
            .expect("arguments parse")
            .command
        {
            crate::Command::Terms(crate::terms::Command::Replay(args)) => args,
            other => panic!("not terms replay: {other:?}"),
        }
    }

    #[test]
    fn failures_reported_make_exit_code_1() {
        let dir = scratch("failures");
        let outcome = run(args(&dir, &["--format", "json"])).expect("replays");
        assert!(matches!(outcome, Outcome::Findings));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn clean_replay_makes_exit_code_0() {
        let dir = scratch("clean");
        let outcome = run(args(&dir, &["--until", "2024-03-01"])).expect("replays");
        assert!(matches!(outcome, Outcome::Ok));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn bad_date_is_an_input_error_exit_code_2() {
        let dir = scratch("bad-date");
        match run(args(&dir, &["--from", "last week"])) {
            Err(err) => assert_eq!(err.code(), "invalid_argument"),
            Ok(_) => panic!("a bad date is an error"),
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn text_lists_counts_documents_and_each_failure() {
        let dir = scratch("text");
        let a = args(&dir, &[]);
        let report = disinfo::terms::api::replay(
            &a.declarations,
            &a.snapshots,
            &a.versions,
            &ReplayOptions::default(),
            &mut |_, _, _| {},
        )
        .expect("replays");
        let out = text(&report);
        assert!(out.starts_with("commits: 12; snapshots replayed: 12 (without trailers: 9)"));
        assert!(out.contains("versions recorded: 3, upgrades: 0, unchanged: 7"));
        assert!(out.contains("Open Terms Archive / Imprint"));
        assert_eq!(out.matches("error[selector_no_match]").count(), 2);
        let _ = std::fs::remove_dir_all(dir);
    }
}
