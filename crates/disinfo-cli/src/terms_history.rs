//! `disinfo terms diff|history|track`: explained diffs, history of versions repositories, tracking.

use std::io::Write;
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

fn print_text(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = out.write_all(b"\n");
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
    };
    let report = versions::history(&repo, &options)?;
    match args.format {
        HistoryFormat::Json => crate::output::print_json(&report)?,
        HistoryFormat::Markdown => print_text(&versions::report::markdown(&report)),
    }
    Ok(Outcome::Ok)
}
