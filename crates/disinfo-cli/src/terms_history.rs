//! `disinfo terms diff|history|track`: explained diffs, history of versions repositories, tracking.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use disinfo::terms::diff::{self, DiffOptions, Format, Granularity};
use disinfo::terms::versions::{self, HistoryOptions, VersionsRepository};

use crate::Outcome;

/// Renderings of `terms diff`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    /// Unified diff text.
    Text,
    /// The structured diff (classification, changes with heading paths and spans).
    Json,
    /// A Markdown report.
    Markdown,
    /// A self-contained side-by-side HTML page.
    Html,
}

/// Renderings of `terms history`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HistoryFormat {
    /// The full report as JSON.
    Json,
    /// A readable Markdown summary.
    Markdown,
}

/// Granularity of the changes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GranularityArg {
    /// Whole lines.
    Line,
    /// Words inside changed lines.
    Word,
    /// Characters inside changed lines.
    Char,
}

impl From<GranularityArg> for Granularity {
    fn from(g: GranularityArg) -> Self {
        match g {
            GranularityArg::Line => Granularity::Line,
            GranularityArg::Word => Granularity::Word,
            GranularityArg::Char => Granularity::Char,
        }
    }
}

/// Arguments of `disinfo terms diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version (Markdown or text file; `-` for stdin).
    pub old: PathBuf,
    /// The new version.
    pub new: PathBuf,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Granularity of the changes.
    #[arg(long, value_enum, default_value = "word")]
    pub granularity: GranularityArg,
    /// Report moved paragraphs as deletions and insertions.
    #[arg(long)]
    pub no_moves: bool,
    /// Unchanged lines shown around changes (text and HTML).
    #[arg(long, default_value_t = 3)]
    pub context: usize,
}

/// Arguments of `disinfo terms history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// An OTA-layout versions repository (e.g. a clone of OpenTermsArchive/demo-versions).
    pub repo: PathBuf,
    /// Only this service.
    #[arg(long)]
    pub service: Option<String>,
    /// Only this terms type.
    #[arg(long)]
    pub terms_type: Option<String>,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "json")]
    pub format: HistoryFormat,
    /// Include the full diff of every pair in the JSON.
    #[arg(long)]
    pub diffs: bool,
    /// Granularity of the diffs.
    #[arg(long, value_enum, default_value = "word")]
    pub granularity: GranularityArg,
}

fn read_text(path: &Path) -> disinfo::Result<String> {
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| disinfo::terms::Error::IoFailed {
        operation: "read".into(),
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        disinfo::terms::Error::InvalidArgument {
            name: path.display().to_string(),
            message: format!(
                "not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
                e.utf8_error().valid_up_to()
            ),
        }
        .into()
    })
}

/// Prints `text`, ending it with a newline if it has none.
fn print_text(text: &str) {
    crate::output::print_text(text);
    if !text.ends_with('\n') {
        crate::output::print_text("\n");
    }
}

/// `disinfo terms diff`: exit 0 when the versions are identical, 1 when they differ.
pub fn diff(args: DiffArgs) -> disinfo::Result<Outcome> {
    let old = read_text(&args.old)?;
    let new = read_text(&args.new)?;
    let options = DiffOptions {
        granularity: args.granularity.into(),
        detect_moves: !args.no_moves,
        old_name: args.old.display().to_string(),
        new_name: args.new.display().to_string(),
        context_lines: args.context,
    };
    let result = diff::diff(&old, &new, &options);
    match args.format {
        DiffFormat::Json => crate::output::print_json(&result)?,
        DiffFormat::Text => print_text(&diff::render(&result, &old, &new, &options, Format::Text)),
        DiffFormat::Markdown => print_text(&diff::render(
            &result,
            &old,
            &new,
            &options,
            Format::Markdown,
        )),
        DiffFormat::Html => print_text(&diff::render(&result, &old, &new, &options, Format::Html)),
    }
    Ok(if result.identical {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}

/// `disinfo terms history`.
pub fn history(args: HistoryArgs) -> disinfo::Result<Outcome> {
    let repo = VersionsRepository::open(&args.repo)?;
    let options = HistoryOptions {
        service: args.service,
        terms_type: args.terms_type,
        include_diffs: args.diffs,
        diff: DiffOptions {
            granularity: args.granularity.into(),
            ..DiffOptions::default()
        },
        ..HistoryOptions::default()
    };
    let report = versions::history(&repo, &options)?;
    match args.format {
        HistoryFormat::Json => crate::output::print_json(&report)?,
        HistoryFormat::Markdown => print_text(&versions::report::markdown(&report)),
    }
    Ok(Outcome::Ok)
}

/// Renderings of `terms track`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TrackFormat {
    /// The full report as JSON.
    Json,
    /// One line per document.
    Text,
}

/// Arguments of `disinfo terms track`.
#[derive(Debug, Args)]
pub struct TrackArgs {
    /// A directory of OTA service declarations (`<Service>.json`, `<Service>.history.json`).
    pub declarations: PathBuf,
    /// The versions repository (created when missing).
    #[arg(long)]
    pub versions: PathBuf,
    /// The snapshots repository (created when missing).
    #[arg(long)]
    pub snapshots: PathBuf,
    /// Only this service id.
    #[arg(long)]
    pub service: Option<String>,
    /// Only this terms type.
    #[arg(long)]
    pub terms_type: Option<String>,
    /// The `User-Agent` header.
    #[arg(long)]
    pub user_agent: Option<String>,
    /// Time allowed per attempt, in milliseconds.
    #[arg(long, default_value_t = 30_000)]
    pub timeout_ms: u64,
    /// Extra attempts after network errors, timeouts and 5xx answers.
    #[arg(long, default_value_t = 2)]
    pub retries: u32,
    /// Largest page accepted, in bytes.
    #[arg(long, default_value_t = 50 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Snapshot identifier template for version commit messages (`%SNAPSHOT_ID` is replaced).
    #[arg(long, default_value = "%SNAPSHOT_ID")]
    pub snapshot_id_template: String,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "json")]
    pub format: TrackFormat,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// `disinfo terms track`: exit 0 when every document was fetched and extracted, 1 when a
/// document had an error event (or a declaration file did not load).
pub fn track(args: TrackArgs) -> disinfo::Result<Outcome> {
    use disinfo::terms::track::{self, DirectoryOptions, FetchOptions, TrackOptions};

    let defaults = FetchOptions::default();
    let options = DirectoryOptions {
        service: args.service,
        terms_type: args.terms_type,
        track: TrackOptions {
            fetch: FetchOptions {
                user_agent: args.user_agent.unwrap_or(defaults.user_agent),
                timeout_ms: args.timeout_ms,
                retries: args.retries,
                max_bytes: args.max_bytes,
                ..defaults
            },
            snapshot_id_template: args.snapshot_id_template,
            ..TrackOptions::default()
        },
    };
    let bar = if args.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    };
    let mut progress = |done: usize, total: usize, what: &str| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(what.to_string());
    };
    let now = chrono::Utc::now();
    let result = track::track_directory(
        &args.declarations,
        &args.versions,
        &args.snapshots,
        &options,
        now,
        &mut progress,
    )?;
    bar.finish_and_clear();
    match args.format {
        TrackFormat::Json => crate::output::print_json(&result)?,
        TrackFormat::Text => {
            let mut lines = Vec::new();
            for e in &result.report.events {
                let detail = match (&e.error, &e.classification) {
                    (Some(err), _) => format!("{}: {}", err.code, err.message),
                    (None, Some(c)) => c.to_string(),
                    _ => String::new(),
                };
                lines.push(format!(
                    "{:<14} {} / {}  {detail}",
                    e.outcome.as_str(),
                    e.service,
                    e.terms_type
                ));
            }
            for r in &result.rejected {
                lines.push(format!(
                    "{:<14} {}  {}: {}",
                    "rejected", r.file, r.code, r.message
                ));
            }
            print_text(&lines.join("\n"));
        }
    }
    let errors = result.report.events.iter().any(|e| e.error.is_some());
    Ok(if errors || !result.rejected.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}
