//! `disinfo terms replay`: rebuild an OTA versions repository from a snapshots repository and
//! declarations.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use disinfo::terms::replay::{self, ReplayOptions, ReplayReport};

use crate::Outcome;

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
    #[arg(long)]
    pub from: Option<String>,
    /// Replay snapshots fetched at or before this date (RFC 3339, or a day: its end).
    #[arg(long)]
    pub until: Option<String>,
    /// Then re-extract the latest snapshot of every document and record technical upgrades.
    #[arg(long)]
    pub apply_upgrades: bool,
    /// How version commits name their snapshots (`%SNAPSHOT_ID` is replaced by the commit id).
    #[arg(long, default_value = "%SNAPSHOT_ID")]
    pub snapshot_id_template: String,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReplayFormat,
    /// No progress bar (there is none either when standard error is not a terminal).
    #[arg(long)]
    pub quiet: bool,
}

/// `disinfo terms replay`: exit 0 when every snapshot replayed, 1 when failures were reported.
pub fn replay_cmd(args: ReplayArgs) -> disinfo::Result<Outcome> {
    let options = ReplayOptions {
        service: args.service,
        terms_type: args.terms_type,
        from: args.from,
        until: args.until,
        apply_upgrades: args.apply_upgrades,
        snapshot_id_template: args.snapshot_id_template,
        ..ReplayOptions::default()
    };
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} commits {elapsed_precise} {wide_msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    };
    let mut progress = |done: usize, total: usize, what: &str| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(what.to_string());
    };
    let report = replay::replay(
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
        "{} commits: {} snapshots replayed ({} without trailers), {} out of range, {} of other documents, {} not records",
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
        "{} extractions: {} versions recorded, {} upgrades, {} unchanged, {} incomplete, {} failures",
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
