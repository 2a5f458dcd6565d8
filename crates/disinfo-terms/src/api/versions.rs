//! Diffs, versions repositories, history and tracking: `diff`, `diff_render`, `services`,
//! `versions`, `version_at`, `history`, `track`.

use std::collections::BTreeMap;
use std::path::Path;

use disinfo_core::request::{FsPath, OPTIONS, decode};
use disinfo_core::{ArgSpec, Operation, Output, Progress, ProgressFn, ResultSpec, Spec};
use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use crate::diff::{Diff, DiffOptions, Format};
use crate::replay::{ReplayOptions, ReplayReport};
use crate::track::{DirectoryOptions, DirectoryReport, track_directory};
use crate::versions::{HistoryOptions, HistoryReport, VersionInfo, VersionsRepository};
use crate::{Error, Result};

/// Explains what changed between two versions: classified, section-aware changes.
pub fn diff(old: &str, new: &str, options: &DiffOptions) -> Diff {
    crate::diff::diff(old, new, options)
}

const OLD_NEW: &[ArgSpec] = &[
    ArgSpec::json::<String>("old", "The old version (Markdown)."),
    ArgSpec::json::<String>("new", "The new version (Markdown)."),
];

pub(super) const DIFF: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "diff",
        doc: "Explain what changed between two versions.\n\nThe result has a `classification` (`formatting`, `editorial`, `link` or `substantive`), a `reason`, `identical`, `stats` and `changes`; each change has a `kind` (`insert`, `delete`, `replace`, `move`), a `classification`, a `reason`, the `heading_path` it sits under and its `old`/`new` sides (text and span).",
        args: OLD_NEW,
        options: Some(SchemaGenerator::subschema_for::<DiffOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<Diff>),
        progress: false,
    },
    run: |mut args, options| {
        let old: String = args.json(0)?;
        let new: String = args.json(1)?;
        let options: DiffOptions = decode(OPTIONS, options)?;
        Ok(Output::json(diff(&old, &new, &options)))
    },
};

/// Options of [`diff_render`]: the rendering and the diff's own options.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct DiffRenderOptions {
    /// `text` (a unified diff), `markdown` (a report) or `html` (a self-contained side-by-side
    /// page, the default).
    pub format: Format,
    /// The diff's options (`granularity`, `detect_moves`, ...), beside `format`.
    #[serde(flatten)]
    pub diff: DiffOptions,
}

impl Default for DiffRenderOptions {
    fn default() -> Self {
        DiffRenderOptions {
            format: Format::Html,
            diff: DiffOptions::default(),
        }
    }
}

/// Renders the diff of two versions as unified text, a Markdown report or an HTML page.
pub fn diff_render(old: &str, new: &str, options: &DiffRenderOptions) -> String {
    let d = crate::diff::diff(old, new, &options.diff);
    crate::diff::render(&d, old, new, &options.diff, options.format)
}

pub(super) const DIFF_RENDER: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "diff_render",
        doc: "Render the diff of two versions as unified `text`, a `markdown` report or a self-contained side-by-side `html` page (no external assets, no scripts).",
        args: OLD_NEW,
        options: Some(SchemaGenerator::subschema_for::<DiffRenderOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<String>),
        progress: false,
    },
    run: |mut args, options| {
        let old: String = args.json(0)?;
        let new: String = args.json(1)?;
        let options: DiffRenderOptions = decode(OPTIONS, options)?;
        Ok(Output::json(diff_render(&old, &new, &options)))
    },
};

/// The services of an OTA-layout versions repository and, for each, its terms types.
pub fn services(repo: &Path) -> Result<BTreeMap<String, Vec<String>>> {
    VersionsRepository::open(repo)?.services()
}

pub(super) const SERVICES: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "services",
        doc: "The services of an OTA-layout versions repository and, for each, its terms types.",
        args: &[ArgSpec::json::<FsPath>("repo", "The versions repository.")],
        options: None,
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<BTreeMap<String, Vec<String>>>),
        progress: false,
    },
    run: |mut args, _| {
        let repo: FsPath = args.json(0)?;
        Ok(Output::json(services(&repo)?))
    },
};

const REPO_SERVICE_TYPE: &[ArgSpec] = &[
    ArgSpec::json::<FsPath>("repo", "The versions repository."),
    ArgSpec::json::<String>("service", "The service (its folder name)."),
    ArgSpec::json::<String>("terms_type", "The terms type (`Terms of Service`, ...)."),
];

/// The versions of one document, oldest first.
pub fn versions(repo: &Path, service: &str, terms_type: &str) -> Result<Vec<VersionInfo>> {
    VersionsRepository::open(repo)?.versions(service, terms_type)
}

pub(super) const VERSIONS: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "versions",
        doc: "The versions of one document, oldest first: `id`, `date`, `kind`, `subject`, `snapshot_ids`...",
        args: REPO_SERVICE_TYPE,
        options: None,
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<Vec<VersionInfo>>),
        progress: false,
    },
    run: |mut args, _| {
        let repo: FsPath = args.json(0)?;
        let service: String = args.json(1)?;
        let terms_type: String = args.json(2)?;
        Ok(Output::json(versions(&repo, &service, &terms_type)?))
    },
};

/// The version in force at a date, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub struct VersionAt {
    /// The version.
    pub version: VersionInfo,
    /// Its Markdown text.
    pub text: String,
}

/// The version in force at `date` (RFC 3339, or a day `YYYY-MM-DD` read as its end) and its
/// text.
pub fn version_at(repo: &Path, service: &str, terms_type: &str, date: &str) -> Result<VersionAt> {
    let at = crate::versions::parse_date(date)?;
    let repo = VersionsRepository::open(repo)?;
    let version = repo.version_at(service, terms_type, at)?;
    let text = repo.read_text(&version)?;
    Ok(VersionAt { version, text })
}

pub(super) const VERSION_AT: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "version_at",
        doc: "The version in force at `date` (RFC 3339, or a day `YYYY-MM-DD` read as its end) and its text: `{version, text}`.",
        args: &[
            ArgSpec::json::<FsPath>("repo", "The versions repository."),
            ArgSpec::json::<String>("service", "The service (its folder name)."),
            ArgSpec::json::<String>("terms_type", "The terms type (`Terms of Service`, ...)."),
            ArgSpec::json::<String>("date", "RFC 3339 date-time, or a day `YYYY-MM-DD`."),
        ],
        options: None,
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<VersionAt>),
        progress: false,
    },
    run: |mut args, _| {
        let repo: FsPath = args.json(0)?;
        let service: String = args.json(1)?;
        let terms_type: String = args.json(2)?;
        let date: String = args.json(3)?;
        Ok(Output::json(version_at(
            &repo,
            &service,
            &terms_type,
            &date,
        )?))
    },
};

/// The history of a versions repository: versions, classified changes and statistics.
pub fn history(repo: &Path, options: &HistoryOptions) -> Result<HistoryReport> {
    crate::versions::history(&VersionsRepository::open(repo)?, options)
}

pub(super) const HISTORY: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "history",
        doc: "The history of a versions repository: each document's versions, the classified change between consecutive versions, and statistics (versions per year, share of substantive changes).",
        args: &[ArgSpec::json::<FsPath>("repo", "The versions repository.")],
        options: Some(SchemaGenerator::subschema_for::<HistoryOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<HistoryReport>),
        progress: false,
    },
    run: |mut args, options| {
        let repo: FsPath = args.json(0)?;
        let options: HistoryOptions = decode(OPTIONS, options)?;
        Ok(Output::json(history(&repo, &options)?))
    },
};

/// Options of [`track`]: which documents, how they are fetched and diffed, and the date.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct TrackRequestOptions {
    /// Which documents and how (`service`, `terms_type`, `timeout_ms`, `retries`, ...).
    #[serde(flatten)]
    pub directory: DirectoryOptions,
    /// The record date (RFC 3339). When omitted, the current time, read once here at the API
    /// boundary (tracking itself never reads the clock).
    pub now: Option<String>,
}

/// Tracks a directory of OTA declarations once: fetches each source document, stores the
/// snapshot when its bytes changed, extracts, records a version when the text changed (both
/// repositories in OTA's layout, created when missing), and reports what happened to each
/// document. `progress` receives (done, total, document).
pub fn track(
    declarations: &Path,
    versions: &Path,
    snapshots: &Path,
    options: &TrackRequestOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<DirectoryReport> {
    let now = match &options.now {
        Some(text) => crate::versions::parse_date(text)?,
        None => crate::versions::date_from_unix(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
        ),
    };
    track_directory(
        declarations,
        versions,
        snapshots,
        &options.directory,
        now,
        progress,
    )
}

pub(super) const TRACK: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "track",
        doc: "Track a directory of OTA declarations once: fetch each source document, store the snapshot when its bytes changed, extract, record a version when the text changed (both repositories in OTA's git layout, created when missing).\n\nThe report has `services`, `rejected` and `report` (`date`, `events`, `counts`); each event has an `outcome` (`first_record`, `changed`, `unchanged`, `fetch_error`, `extract_error`, `record_error`), the recorded `version`, the classified `diff`, or the `error`. A document that cannot be fetched or extracted is an error event, never \"unchanged\".",
        args: &[
            ArgSpec::json::<FsPath>("declarations", "The declarations directory."),
            ArgSpec::json::<FsPath>(
                "versions",
                "The versions repository (created when missing).",
            ),
            ArgSpec::json::<FsPath>(
                "snapshots",
                "The snapshots repository (created when missing).",
            ),
        ],
        options: Some(SchemaGenerator::subschema_for::<TrackRequestOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<DirectoryReport>),
        progress: true,
    },
    run: |mut args, options| {
        let declarations: FsPath = args.json(0)?;
        let versions: FsPath = args.json(1)?;
        let snapshots: FsPath = args.json(2)?;
        let options: TrackRequestOptions = decode(OPTIONS, options)?;
        let observer = args.progress();
        let report = track(
            &declarations,
            &versions,
            &snapshots,
            &options,
            &mut |done, total, _| report_progress(observer, done, total),
        )?;
        Ok(Output::json(report))
    },
};

/// Replays an OTA snapshots repository into a versions repository: every snapshot, oldest first,
/// extracted with the declaration in force at its fetch date, a version recorded when the text
/// changed, in OTA's layout and conventions. `progress` receives (commits done, total, what).
pub fn replay(
    declarations: &Path,
    snapshots: &Path,
    versions: &Path,
    options: &ReplayOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<ReplayReport> {
    crate::replay::replay(declarations, snapshots, versions, options, progress)
}

pub(super) const REPLAY: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "replay",
        doc: "Replay an Open Terms Archive snapshots repository into a versions repository: walk the snapshot commits oldest first, pick the declaration in force at each fetch date (history files, `validUntil` inclusive), extract with OTA's pipeline (combined documents from the latest snapshot of each source) and record a version when the text changed, in OTA's layout (`First record of …`, `Record new changes of …`, the snapshot ids, an `X-engine-version` trailer). Replaying onto an existing repository appends only newer snapshots; `apply_upgrades` re-extracts the latest snapshot of every document. Every snapshot that cannot be replayed is a failure naming its commit, with a code; the replay goes on.",
        args: &[
            ArgSpec::json::<FsPath>("declarations", "The declarations directory."),
            ArgSpec::json::<FsPath>("snapshots", "The snapshots repository."),
            ArgSpec::json::<FsPath>(
                "versions",
                "The versions repository to write (created when missing).",
            ),
        ],
        options: Some(SchemaGenerator::subschema_for::<ReplayOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<ReplayReport>),
        progress: true,
    },
    run: |mut args, options| {
        let declarations: FsPath = args.json(0)?;
        let snapshots: FsPath = args.json(1)?;
        let versions: FsPath = args.json(2)?;
        let options: ReplayOptions = decode(OPTIONS, options)?;
        let observer = args.progress();
        let report = replay(
            &declarations,
            &snapshots,
            &versions,
            &options,
            &mut |done, total, _| report_progress(observer, done, total),
        )?;
        Ok(Output::json(report))
    },
};

/// Passes (done, total) of a track or a replay to the caller's observer, if any.
fn report_progress(observer: Option<&ProgressFn<'_>>, done: usize, total: usize) {
    if let Some(observe) = observer {
        observe(Progress {
            done: done as u64,
            total: total as u64,
        });
    }
}
