//! `disinfo terms extract|extract-batch|validate`: snapshots to Markdown, declarations checks.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use disinfo::terms::declaration::corpus::load_directory;
use disinfo::terms::declaration::{Selectors, ServiceDeclaration, SourceDocument};
use disinfo::terms::extract::batch::{extract_batch, parse_jobs};
use disinfo::terms::extract::{ExtractOptions, extract, extract_terms};
use disinfo::terms::markdown::Flavor;

use crate::Outcome;

/// Markdown flavours.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FlavorArg {
    /// Byte-identical to Open Terms Archive's engine.
    Ota,
    /// Our cleaner, stable form.
    Canonical,
}

impl From<FlavorArg> for Flavor {
    fn from(f: FlavorArg) -> Self {
        match f {
            FlavorArg::Ota => Flavor::Ota,
            FlavorArg::Canonical => Flavor::Canonical,
        }
    }
}

/// Arguments of `disinfo terms extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Snapshot file(s) (`-` for stdin); with a combined declaration, one per source document in declared order.
    #[arg(required = true)]
    pub snapshot: Vec<PathBuf>,
    /// The document location (base of relative links).
    #[arg(long, conflicts_with = "declaration")]
    pub url: Option<String>,
    /// What to keep: a CSS selector, or OTA's JSON syntax when it starts with `[` or `{`.
    #[arg(long, requires = "url")]
    pub select: Option<String>,
    /// What to drop first (same syntax as --select).
    #[arg(long, requires = "select")]
    pub remove: Option<String>,
    /// An OTA service declaration (`Service.json`; its history file beside it is read too).
    #[arg(long, requires = "terms_type")]
    pub declaration: Option<PathBuf>,
    /// The terms type in the declaration (`Terms of Service`, `Privacy Policy`, ...).
    #[arg(long)]
    pub terms_type: Option<String>,
    /// Date of the snapshot (RFC 3339): picks the declaration in force then.
    #[arg(long, requires = "declaration")]
    pub at: Option<String>,
    /// Markdown flavour.
    #[arg(long, value_enum, default_value = "ota")]
    pub flavor: FlavorArg,
    /// MIME type of the snapshot (default: sniffed, `application/pdf` for `%PDF-`).
    #[arg(long)]
    pub mime_type: Option<String>,
}

/// Arguments of `disinfo terms extract-batch`.
#[derive(Debug, Args)]
pub struct ExtractBatchArgs {
    /// JSONL file of jobs (`-` for stdin): `{"id", "snapshot" | "content", "url", "select", "remove"?, "mime_type"?}`.
    pub jobs: PathBuf,
    /// Markdown flavour.
    #[arg(long, value_enum, default_value = "ota")]
    pub flavor: FlavorArg,
    /// Hide the progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// Arguments of `disinfo terms validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Declaration files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

fn io_error(path: &Path, e: std::io::Error) -> disinfo::Error {
    disinfo::terms::Error::IoFailed {
        operation: "read".into(),
        path: path.display().to_string(),
        message: e.to_string(),
    }
    .into()
}

fn read_input(path: &Path) -> disinfo::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| io_error(path, e))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| io_error(path, e))
    }
}

/// `disinfo terms extract`.
pub fn extract_cmd(args: ExtractArgs) -> disinfo::Result<Outcome> {
    let options = ExtractOptions::with_flavor(args.flavor.into());
    let snapshots = args
        .snapshot
        .iter()
        .map(|p| read_input(p))
        .collect::<disinfo::Result<Vec<_>>>()?;
    let mime = args.mime_type.as_deref();
    let markdown = if let Some(decl) = &args.declaration {
        let service = ServiceDeclaration::load(decl)?;
        let at = args
            .at
            .as_deref()
            .map(disinfo::terms::declaration::parse_date)
            .transpose()?;
        let terms_type = args.terms_type.as_deref().unwrap_or_default();
        let terms = service.terms_at(terms_type, at)?;
        let inputs: Vec<(&[u8], Option<&str>)> =
            snapshots.iter().map(|s| (s.as_slice(), mime)).collect();
        extract_terms(&inputs, terms, &options)?
    } else {
        let (Some(url), Some(select)) = (&args.url, &args.select) else {
            return Err(disinfo::terms::Error::InvalidArgument {
                name: "--select".into(),
                message: "give --url and --select, or --declaration and --terms-type".into(),
            }
            .into());
        };
        if snapshots.len() != 1 {
            return Err(disinfo::terms::Error::InvalidArgument {
                name: "SNAPSHOT".into(),
                message: "with --select, give exactly one snapshot".into(),
            }
            .into());
        }
        let select = Selectors::from_arg(select)?;
        let remove = args
            .remove
            .as_deref()
            .map(Selectors::from_arg)
            .transpose()?;
        let source = SourceDocument::new(url, select, remove);
        extract(&snapshots[0], mime, &source, &options)?
    };
    crate::output::print_text(&markdown);
    Ok(Outcome::Ok)
}

/// `disinfo terms extract-batch`: JSONL results on stdout, in job order; exit 1 if a job failed.
pub fn extract_batch_cmd(args: ExtractBatchArgs) -> disinfo::Result<Outcome> {
    let text = read_input(&args.jobs)?;
    let text = String::from_utf8_lossy(&text);
    let jobs = parse_jobs(&text, &args.jobs.display().to_string())?;
    let bar = if args.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(jobs.len() as u64)
    };
    let tick = || bar.inc(1);
    let results = extract_batch(
        &jobs,
        &ExtractOptions::with_flavor(args.flavor.into()),
        Some(&tick),
    );
    bar.finish_and_clear();
    let mut out = crate::output::stdout();
    let mut failed = 0;
    for r in &results {
        failed += usize::from(r.error.is_some());
        let line = serde_json::to_string(r).map_err(|e| disinfo::Error::Internal {
            message: e.to_string(),
        })?;
        let _ = writeln!(out, "{line}");
    }
    eprintln!(
        "{} jobs: {} extracted, {} failed",
        results.len(),
        results.len() - failed,
        failed
    );
    Ok(if failed > 0 {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// `disinfo terms validate`: loads declarations; JSON report; exit 1 when a file is rejected.
pub fn validate_cmd(args: ValidateArgs) -> disinfo::Result<Outcome> {
    let mut loaded = Vec::new();
    let mut rejected = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let report = load_directory(path)?;
            loaded.extend(report.loaded.iter().map(|s| s.id.clone()));
            rejected.extend(report.rejected);
        } else {
            match ServiceDeclaration::load(path) {
                Ok(s) => loaded.push(s.id),
                Err(e) => rejected.push(disinfo::terms::declaration::corpus::Rejected {
                    file: path.display().to_string(),
                    code: e.code().into(),
                    message: e.to_string(),
                }),
            }
        }
    }
    let report =
        serde_json::json!({"loaded": loaded.len(), "rejected": rejected, "services": loaded});
    crate::output::print_json(&report)?;
    Ok(if rejected.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}
