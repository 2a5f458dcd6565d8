//! `disinfo ads ...`: audit collections, search them, generate synthetic ones.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use clap::{Args, Subcommand};
use disinfo::ads::AuditOptions;
use disinfo::ads::collection::read_meta;
use disinfo::ads::model::{CollectionMeta, Query, Termination};
use disinfo::ads::search::SearchOptions;

use crate::Outcome;

/// The `disinfo ads` sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit collections of an ad repository, oldest first (exit 1 when a violation is found).
    Audit(AuditArgs),
    /// Search collections for a keyword or a regex, with locators.
    Search(SearchArgs),
    /// Write a seeded synthetic scenario (`fr2019`, `bench`).
    Generate(GenerateArgs),
}

/// Arguments of `disinfo ads audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Collection folders (raw files plus `collection.json`), oldest first.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Regime to check (repeatable): dsa_39_2 (default), dsa_39_3, ttpa_12, platform_pledge.
    #[arg(long = "regime")]
    pub regimes: Vec<String>,
    /// Output: json (default), markdown or csv.
    #[arg(long, default_value = "json")]
    pub format: String,
    /// With `--format csv`: pairs (default), countries, advertisers, coverage, evidence, rejected.
    #[arg(long)]
    pub table: Option<String>,
    /// Report unreadable records instead of stopping at the first one.
    #[arg(long)]
    pub lenient: bool,
    /// Evidence items kept per rule and kind (counts stay complete).
    #[arg(long)]
    pub evidence_limit: Option<usize>,
    /// Audit options as a JSON file (`AuditOptions`); flags override it.
    #[arg(long)]
    pub options: Option<PathBuf>,
    /// For folders without collection.json: the platform (meta, google, tiktok, snapchat).
    #[arg(long)]
    pub platform: Option<String>,
    /// For folders without collection.json: when each was collected (RFC 3339), in folder order.
    #[arg(long = "collected-at")]
    pub collected_at: Vec<String>,
    /// For folders without collection.json: the query's countries (repeatable).
    #[arg(long = "country")]
    pub countries: Vec<String>,
    /// For folders without collection.json: the adapter (meta_json, google_csv, ...).
    #[arg(long = "input-format")]
    pub input_format: Option<String>,
}

/// Arguments of `disinfo ads search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Keyword (or regex with --regex).
    pub pattern: String,
    /// Collection folders, oldest first.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// The pattern is a regular expression.
    #[arg(long)]
    pub regex: bool,
    /// Match case.
    #[arg(long)]
    pub case_sensitive: bool,
    /// Hits listed at most.
    #[arg(long)]
    pub max_hits: Option<usize>,
}

/// Arguments of `disinfo ads generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// `fr2019` or `bench`.
    pub scenario: String,
    /// Output folder.
    pub out: PathBuf,
    /// Seed.
    #[arg(long, default_value_t = 2019)]
    pub seed: u64,
    /// `bench`: number of daily collections.
    #[arg(long)]
    pub days: Option<u32>,
    /// `bench`: ads per collection.
    #[arg(long)]
    pub ads: Option<u64>,
}

/// Runs one `disinfo ads` sub-command.
pub fn run(command: Command) -> disinfo::Result<Outcome> {
    match command {
        Command::Audit(a) => audit(a),
        Command::Search(a) => search(a),
        Command::Generate(a) => generate(a),
    }
}

fn bad(name: &str, message: String) -> disinfo::Error {
    disinfo::Error::from(disinfo::ads::Error::InvalidArgument {
        name: name.to_owned(),
        message,
    })
}

fn metas(a: &AuditArgs) -> disinfo::Result<Option<Vec<CollectionMeta>>> {
    if a.dirs.iter().all(|d| d.join("collection.json").is_file()) {
        return Ok(None);
    }
    let mut out = Vec::new();
    let mut at = a.collected_at.iter();
    for d in &a.dirs {
        if d.join("collection.json").is_file() {
            out.push(read_meta(d)?);
            continue;
        }
        let platform = a.platform.clone().ok_or_else(|| {
            bad(
                "platform",
                format!(
                    "{} has no collection.json: give --platform and --collected-at",
                    d.display()
                ),
            )
        })?;
        let collected_at = at.next().cloned().ok_or_else(|| {
            bad(
                "collected-at",
                format!(
                    "{} has no collection.json: give one --collected-at per such folder",
                    d.display()
                ),
            )
        })?;
        out.push(CollectionMeta {
            id: d.file_name().map_or_else(
                || d.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            platform,
            format: a.input_format.clone(),
            source_kind: Default::default(),
            endpoint: None,
            api_version: None,
            collected_at,
            started_at: None,
            finished_at: None,
            query: Query {
                countries: a.countries.clone(),
                ..Query::default()
            },
            termination: Termination::Complete,
            declared_totals: Default::default(),
        });
    }
    Ok(Some(out))
}

fn audit(a: AuditArgs) -> disinfo::Result<Outcome> {
    let mut options: AuditOptions = match &a.options {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| bad("options", format!("{}: {e}", p.display())))?;
            serde_json::from_str(&text)
                .map_err(|e| bad("options", format!("{}: {e}", p.display())))?
        }
        None => AuditOptions::default(),
    };
    if !a.regimes.is_empty() {
        options.regimes = a.regimes.clone();
    }
    if a.lenient {
        options.strict = false;
    }
    if let Some(n) = a.evidence_limit {
        options.evidence_limit = n;
    }
    if !matches!(a.format.as_str(), "json" | "markdown" | "md" | "csv") {
        return Err(bad(
            "format",
            format!("unknown format `{}`; use json, markdown or csv", a.format),
        ));
    }
    let metas = metas(&a)?;
    let bars = indicatif::MultiProgress::new();
    let style =
        indicatif::ProgressStyle::with_template("{prefix:>16} [{bar:30}] {pos}/{len} files {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    let current: Mutex<Option<(usize, indicatif::ProgressBar)>> = Mutex::new(None);
    let names: Vec<String> = a.dirs.iter().map(|d| d.display().to_string()).collect();
    let progress = |i: usize, p: disinfo::ads::collection::Progress| {
        let Ok(mut cur) = current.lock() else { return };
        if cur.as_ref().is_none_or(|(j, _)| *j != i) {
            let bar = bars.add(indicatif::ProgressBar::new(p.files_total as u64));
            bar.set_style(style.clone());
            bar.set_prefix(names.get(i).cloned().unwrap_or_default());
            if let Some((_, old)) = cur.take() {
                old.finish();
            }
            *cur = Some((i, bar));
        }
        if let Some((_, bar)) = cur.as_ref() {
            bar.set_position(p.files_done as u64);
            bar.set_message(format!("{} MB", p.bytes_done / 1_000_000));
        }
    };
    let dirs: Vec<&Path> = a.dirs.iter().map(PathBuf::as_path).collect();
    let report = disinfo::ads::audit_dirs(&dirs, metas, &options, Some(&progress))?;
    if let Ok(mut cur) = current.lock()
        && let Some((_, bar)) = cur.take()
    {
        bar.finish_and_clear();
    }
    if a.format == "json" {
        crate::output::print_json(&report)?;
    } else {
        let text = disinfo::ads::report::render(&report, &a.format, a.table.as_deref())?;
        crate::output::print_text(&text);
    }
    Ok(if report.violations > 0 {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

fn search(a: SearchArgs) -> disinfo::Result<Outcome> {
    let mut options = SearchOptions {
        regex: a.regex,
        case_insensitive: !a.case_sensitive,
        ..SearchOptions::default()
    };
    if let Some(n) = a.max_hits {
        options.max_hits = n;
    }
    let dirs: Vec<&Path> = a.dirs.iter().map(PathBuf::as_path).collect();
    let result = disinfo::ads::search::search_dirs(&dirs, &a.pattern, &options)?;
    crate::output::print_json(&result)?;
    Ok(Outcome::Ok)
}

fn generate(a: GenerateArgs) -> disinfo::Result<Outcome> {
    let dirs = disinfo::ads::synthetic::generate(&a.scenario, &a.out, a.seed, a.days, a.ads)?;
    let dirs: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    crate::output::print_json(&dirs)?;
    Ok(Outcome::Ok)
}
