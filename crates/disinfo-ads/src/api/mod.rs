//! The public operations of the ads tool: one options type and one result type each, the one
//! place where a caller's request is interpreted. Python, Node, the CLI and the golden tests all
//! call these (the bindings through [`OPERATIONS`]).
//!
//! ```no_run
//! use disinfo_ads::api::{self, CollectionArg};
//!
//! let dirs = api::generate("fr2019", "/tmp/fr".as_ref(), &Default::default())?;
//! let collections: Vec<CollectionArg> = dirs.into_iter().map(CollectionArg::from).collect();
//! let report = api::audit(&collections, &Default::default(), None)?;
//! println!("{}", api::render(&report, &Default::default())?);
//! # Ok::<(), disinfo_ads::Error>(())
//! ```

mod partitioned;
mod review;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use disinfo_core::request::{FsPath, OPTIONS, decode};
use disinfo_core::{ArgSpec, Operation, Output, ResultSpec, Spec};
use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use crate::collection::Progress;
use crate::collection::args::collection_dirs;
pub use crate::collection::args::{CollectionArg, DescribedFolder};
use crate::report::{CsvTable, ReportFormat};
use crate::search::{SearchOptions, SearchResult};
use crate::{AuditOptions, AuditReport, Error, Result};

/// Audits collections, oldest first. `progress` receives the collection's index and how far
/// its loading is.
pub fn audit(
    collections: &[CollectionArg],
    options: &AuditOptions,
    progress: Option<&(dyn Fn(usize, Progress) + Sync)>,
) -> Result<AuditReport> {
    let (dirs, metas) = collection_dirs(collections)?;
    let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    crate::audit_dirs(&dirs, metas, options, progress)
}

/// Options of [`render`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct RenderOptions {
    /// `markdown` (default), `json` or `csv`.
    pub format: ReportFormat,
    /// With `csv`: the table (`pairs`, the default, `countries`, `advertisers`, `coverage`,
    /// `evidence`, `rejected`, `notes`).
    pub table: Option<CsvTable>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            format: ReportFormat::Markdown,
            table: None,
        }
    }
}

/// Renders an audit report.
pub fn render(report: &AuditReport, options: &RenderOptions) -> Result<String> {
    crate::report::render(report, options.format, options.table)
}

/// Searches collection folders for a keyword or a regular expression.
pub fn search(
    pattern: &str,
    collections: &[PathBuf],
    options: &SearchOptions,
) -> Result<SearchResult> {
    let dirs: Vec<&Path> = collections.iter().map(PathBuf::as_path).collect();
    crate::search::search_dirs(&dirs, pattern, options)
}

/// Options of [`generate`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct GenerateOptions {
    /// The generator's seed (default 2019).
    pub seed: u64,
    /// `bench`: the number of daily collections (default 7).
    pub days: Option<u32>,
    /// `bench`: ads per collection (default 1,000,000).
    pub ads: Option<u64>,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            seed: 2019,
            days: None,
            ads: None,
        }
    }
}

/// Writes a seeded synthetic scenario under `out_dir`; returns the collection folders, oldest
/// first.
pub fn generate(scenario: &str, out_dir: &Path, options: &GenerateOptions) -> Result<Vec<PathBuf>> {
    crate::synthetic::generate(scenario, out_dir, options.seed, options.days, options.ads)
}

const AUDIT_DOC: &str = "Audit successive collections of an ad repository, oldest first: for each consecutive pair the ads that disappeared (by class: re-attributed, reappeared, moderated, retention expired, unexplained) and were added, the gross, net and unexplained rates, per country and advertiser; field coverage per mandatory field of each regime; findings and violations with their rule, legal article and evidence (collection, locator, raw record hash). A collection is its folder (with `collection.json`) or `{dir, platform, collected_at, countries?, input_format?, id?}` for a folder of raw files. A single collection is checked on its own and the report notes that there is nothing to compare.";

/// Every public operation of the ads tool, in documentation order.
pub const OPERATIONS: &[Operation<Error>] = &[
    Operation {
        spec: Spec {
            tool: "ads",
            name: "audit",
            doc: AUDIT_DOC,
            args: &[ArgSpec::json::<Vec<CollectionArg>>(
                "collections",
                "The collections, oldest first: folders, or described folders of raw files.",
            )],
            options: Some(SchemaGenerator::subschema_for::<AuditOptions>),
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<AuditReport>),
            progress: true,
        },
        run: |mut args, options| {
            let collections: Vec<CollectionArg> = args.json(0)?;
            let options: AuditOptions = decode(OPTIONS, options)?;
            let Some(observe) = args.progress() else {
                return Ok(Output::json(audit(&collections, &options, None)?));
            };
            // One count for the caller: files loaded over every collection so far.
            let files = Mutex::new(vec![(0u64, 0u64); collections.len()]);
            let loaded = |index: usize, p: Progress| {
                let Ok(mut files) = files.lock() else { return };
                if let Some(slot) = files.get_mut(index) {
                    *slot = (p.files_done as u64, p.files_total as u64);
                }
                let (done, total) = files
                    .iter()
                    .fold((0, 0), |(d, t), &(fd, ft)| (d + fd, t + ft));
                drop(files);
                observe(disinfo_core::Progress { done, total });
            };
            Ok(Output::json(audit(&collections, &options, Some(&loaded))?))
        },
    },
    partitioned::AUDIT_SHARD,
    partitioned::AUDIT_MERGE,
    review::REVIEW_CAMPAIGN,
    review::REVIEW_ASSIGN,
    review::REVIEW_SUMMARY,
    review::REVIEW_EXPORT,
    review::REVIEW_AGREEMENT,
    review::REVIEW_QUESTIONNAIRE,
    Operation {
        spec: Spec {
            tool: "ads",
            name: "render",
            doc: "Render an audit report as `markdown` (for people), `json` (the contract) or `csv` (one table).",
            args: &[ArgSpec::json::<AuditReport>(
                "report",
                "What `audit` returned.",
            )],
            options: Some(SchemaGenerator::subschema_for::<RenderOptions>),
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<String>),
            progress: false,
        },
        run: |mut args, options| {
            let report: AuditReport = args.json(0)?;
            let options: RenderOptions = decode(OPTIONS, options)?;
            Ok(Output::json(render(&report, &options)?))
        },
    },
    Operation {
        spec: Spec {
            tool: "ads",
            name: "search",
            doc: "Search collections for a keyword (or a regular expression): every hit with its collection, locator, the text around the match, the page and the payer, and for each matched ad the collections it is present in and missing from (the 2019 team found removed illegal ads this way).",
            args: &[
                ArgSpec::json::<String>(
                    "pattern",
                    "A keyword, or a regular expression with `regex`.",
                ),
                ArgSpec::json::<Vec<FsPath>>(
                    "collections",
                    "The collection folders, oldest first.",
                ),
            ],
            options: Some(SchemaGenerator::subschema_for::<SearchOptions>),
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<SearchResult>),
            progress: false,
        },
        run: |mut args, options| {
            let pattern: String = args.json(0)?;
            let collections: Vec<FsPath> = args.json(1)?;
            let collections: Vec<PathBuf> = collections.into_iter().map(PathBuf::from).collect();
            let options: SearchOptions = decode(OPTIONS, options)?;
            Ok(Output::json(search(&pattern, &collections, &options)?))
        },
    },
    Operation {
        spec: Spec {
            tool: "ads",
            name: "generate",
            doc: "Write a seeded synthetic scenario: `fr2019` (the May 2019 French case: 13,550 then 9,288 Meta v3.3 ads, realistic French political texts) or `bench` (`days` collections of `ads` ads). Returns the collection folders, oldest first.",
            args: &[
                ArgSpec::json::<String>("scenario", "`fr2019` or `bench`."),
                ArgSpec::json::<FsPath>("out_dir", "Where the collection folders are written."),
            ],
            options: Some(SchemaGenerator::subschema_for::<GenerateOptions>),
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<Vec<String>>),
            progress: false,
        },
        run: |mut args, options| {
            let scenario: String = args.json(0)?;
            let out_dir: FsPath = args.json(1)?;
            let options: GenerateOptions = decode(OPTIONS, options)?;
            let dirs = generate(&scenario, &out_dir, &options)?;
            Ok(Output::json(
                dirs.iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>(),
            ))
        },
    },
];
