//! Node bindings of the terms diff and versions/history functions, in the `terms` namespace
//! (type conversion and error mapping only).

// The exported functions are reached from JavaScript through napi's registration, which a plain
// `cargo check` of this private module does not see.
#![allow(dead_code)]

use disinfo::terms::diff::{self, DiffOptions, Format, Granularity};
use disinfo::terms::versions::{self, HistoryOptions, VersionsRepository};
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::convert::to_json;
use crate::errors::{Result, run};
use crate::task::{JsonTask, spawn};

/// Options of `terms.diff` and `terms.diffRender`.
#[napi(object)]
#[derive(Default, Clone)]
pub struct TermsDiffOptions {
    /// `line`, `word` (default) or `char`.
    pub granularity: Option<String>,
    /// Report moved paragraphs as moves (default true).
    pub detect_moves: Option<bool>,
    /// Name of the old version in renderings (default `old`).
    pub old_name: Option<String>,
    /// Name of the new version in renderings (default `new`).
    pub new_name: Option<String>,
    /// Unchanged lines around changes in renderings (default 3).
    pub context_lines: Option<u32>,
    /// For `diffRender`: `text`, `markdown` or `html` (default `html`).
    pub format: Option<String>,
}

/// Options of `terms.history`.
#[napi(object)]
#[derive(Default, Clone)]
pub struct TermsHistoryOptions {
    /// Only this service.
    pub service: Option<String>,
    /// Only this terms type.
    pub terms_type: Option<String>,
    /// Include the full diff of every pair (default false).
    pub include_diffs: Option<bool>,
    /// `line`, `word` (default) or `char`.
    pub granularity: Option<String>,
}

fn granularity(value: Option<&str>) -> disinfo::Result<Granularity> {
    Ok(value
        .map(str::parse::<Granularity>)
        .transpose()?
        .unwrap_or_default())
}

fn diff_options(o: &TermsDiffOptions) -> disinfo::Result<DiffOptions> {
    let defaults = DiffOptions::default();
    Ok(DiffOptions {
        granularity: granularity(o.granularity.as_deref())?,
        detect_moves: o.detect_moves.unwrap_or(defaults.detect_moves),
        old_name: o.old_name.clone().unwrap_or(defaults.old_name),
        new_name: o.new_name.clone().unwrap_or(defaults.new_name),
        context_lines: o
            .context_lines
            .map_or(defaults.context_lines, |n| n as usize),
    })
}

fn diff_json(
    old: &str,
    new: &str,
    options: &TermsDiffOptions,
) -> disinfo::Result<serde_json::Value> {
    let d = diff::diff(old, new, &diff_options(options)?);
    serde_json::to_value(&d).map_err(|e| disinfo::Error::Internal {
        message: e.to_string(),
    })
}

fn history_json(repo: &str, o: &TermsHistoryOptions) -> disinfo::Result<serde_json::Value> {
    let options = HistoryOptions {
        service: o.service.clone(),
        terms_type: o.terms_type.clone(),
        include_diffs: o.include_diffs.unwrap_or(false),
        diff: DiffOptions {
            granularity: granularity(o.granularity.as_deref())?,
            ..DiffOptions::default()
        },
    };
    let report = versions::history(&VersionsRepository::open(repo)?, &options)?;
    serde_json::to_value(&report).map_err(|e| disinfo::Error::Internal {
        message: e.to_string(),
    })
}

/// The classified, section-aware diff of two versions.
#[napi(namespace = "terms", ts_return_type = "TermsDiff")]
pub fn diff(
    old_text: String,
    new_text: String,
    options: Option<TermsDiffOptions>,
) -> Result<serde_json::Value> {
    run(|| diff_json(&old_text, &new_text, &options.unwrap_or_default()))
}

/// The async form of `terms.diff` (runs off the main thread).
#[napi(namespace = "terms", ts_return_type = "Promise<TermsDiff>")]
pub fn diff_async(
    old_text: String,
    new_text: String,
    options: Option<TermsDiffOptions>,
) -> AsyncTask<JsonTask> {
    spawn(move || diff_json(&old_text, &new_text, &options.unwrap_or_default()))
}

/// The diff of two versions rendered as `text` (unified), `markdown` or `html` (default).
#[napi(namespace = "terms")]
pub fn diff_render(
    old_text: String,
    new_text: String,
    options: Option<TermsDiffOptions>,
) -> Result<String> {
    run(|| {
        let o = options.unwrap_or_default();
        let format = o.format.as_deref().unwrap_or("html").parse::<Format>()?;
        let opts = diff_options(&o)?;
        let d = diff::diff(&old_text, &new_text, &opts);
        Ok(diff::render(&d, &old_text, &new_text, &opts, format))
    })
}

/// The services of a versions repository and, for each, its terms types.
#[napi(namespace = "terms", ts_return_type = "Record<string, string[]>")]
pub fn services(repo: String) -> Result<serde_json::Value> {
    let result = run(|| Ok(VersionsRepository::open(&repo)?.services()?))?;
    to_json(&result)
}

/// The versions of one document, oldest first.
#[napi(namespace = "terms", ts_return_type = "TermsVersion[]")]
pub fn versions(repo: String, service: String, terms_type: String) -> Result<serde_json::Value> {
    let result = run(|| Ok(VersionsRepository::open(&repo)?.versions(&service, &terms_type)?))?;
    to_json(&result)
}

/// The version in force at a date (RFC 3339, or `YYYY-MM-DD` read as the end of that day) and its text.
#[napi(
    namespace = "terms",
    ts_return_type = "{ version: TermsVersion; text: string }"
)]
pub fn version_at(
    repo: String,
    service: String,
    terms_type: String,
    date: String,
) -> Result<serde_json::Value> {
    run(|| {
        let at = versions::parse_date(&date)?;
        let repo = VersionsRepository::open(&repo)?;
        let version = repo.version_at(&service, &terms_type, at)?;
        let text = repo.read_text(&version)?;
        Ok(serde_json::json!({ "version": version, "text": text }))
    })
}

/// The history of a versions repository: versions, classified changes, statistics.
#[napi(namespace = "terms", ts_return_type = "TermsHistoryReport")]
pub fn history(repo: String, options: Option<TermsHistoryOptions>) -> Result<serde_json::Value> {
    run(|| history_json(&repo, &options.unwrap_or_default()))
}

/// The async form of `terms.history`.
#[napi(namespace = "terms", ts_return_type = "Promise<TermsHistoryReport>")]
pub fn history_async(repo: String, options: Option<TermsHistoryOptions>) -> AsyncTask<JsonTask> {
    spawn(move || history_json(&repo, &options.unwrap_or_default()))
}

/// Options of `terms.track`.
#[napi(object)]
#[derive(Default, Clone)]
pub struct TermsTrackOptions {
    /// Only this service id.
    pub service: Option<String>,
    /// Only this terms type.
    pub terms_type: Option<String>,
    /// The `User-Agent` header.
    pub user_agent: Option<String>,
    /// Time allowed per attempt, in milliseconds (default 30 000).
    pub timeout_ms: Option<u32>,
    /// Extra attempts after network errors, timeouts and 5xx answers (default 2).
    pub retries: Option<u32>,
    /// Largest page accepted, in bytes (default 50 MiB).
    pub max_bytes: Option<u32>,
    /// Snapshot identifier template for version commit messages (default `%SNAPSHOT_ID`).
    pub snapshot_id_template: Option<String>,
    /// The date of the run (RFC 3339); default now.
    pub now: Option<String>,
}

fn track_json(
    declarations: &str,
    versions_repo: &str,
    snapshots_repo: &str,
    o: &TermsTrackOptions,
) -> disinfo::Result<serde_json::Value> {
    use disinfo::terms::track::{self, DirectoryOptions, FetchOptions, TrackOptions};
    let now = match &o.now {
        Some(text) => versions::parse_date(text)?,
        // The caller's clock: read here, at the boundary, never in the core.
        None => versions::date_from_unix(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0)),
        ),
    };
    let defaults = FetchOptions::default();
    let options = DirectoryOptions {
        service: o.service.clone(),
        terms_type: o.terms_type.clone(),
        track: TrackOptions {
            fetch: FetchOptions {
                user_agent: o.user_agent.clone().unwrap_or(defaults.user_agent.clone()),
                timeout_ms: o.timeout_ms.map_or(defaults.timeout_ms, u64::from),
                retries: o.retries.unwrap_or(defaults.retries),
                max_bytes: o.max_bytes.map_or(defaults.max_bytes, u64::from),
                ..defaults
            },
            snapshot_id_template: o
                .snapshot_id_template
                .clone()
                .unwrap_or_else(|| "%SNAPSHOT_ID".into()),
            ..TrackOptions::default()
        },
    };
    let report = track::track_directory(
        declarations.as_ref(),
        versions_repo.as_ref(),
        snapshots_repo.as_ref(),
        &options,
        now,
        &mut |_, _, _| {},
    )?;
    serde_json::to_value(&report).map_err(|e| disinfo::Error::Internal {
        message: e.to_string(),
    })
}

/// Tracks a declarations directory once: fetch, snapshot, extract, record versions; the report of
/// what changed, with error events.
#[napi(namespace = "terms", ts_return_type = "TermsTrackResult")]
pub fn track(
    declarations: String,
    versions_repo: String,
    snapshots_repo: String,
    options: Option<TermsTrackOptions>,
) -> Result<serde_json::Value> {
    run(|| {
        track_json(
            &declarations,
            &versions_repo,
            &snapshots_repo,
            &options.unwrap_or_default(),
        )
    })
}

/// The async form of `terms.track` (fetching runs off the main thread).
#[napi(namespace = "terms", ts_return_type = "Promise<TermsTrackResult>")]
pub fn track_async(
    declarations: String,
    versions_repo: String,
    snapshots_repo: String,
    options: Option<TermsTrackOptions>,
) -> AsyncTask<JsonTask> {
    spawn(move || {
        track_json(
            &declarations,
            &versions_repo,
            &snapshots_repo,
            &options.unwrap_or_default(),
        )
    })
}

/// The async form of `terms.services` (walks the whole history off the main thread).
#[napi(
    namespace = "terms",
    ts_return_type = "Promise<Record<string, string[]>>"
)]
pub fn services_async(repo: String) -> AsyncTask<JsonTask> {
    spawn(move || {
        let services = VersionsRepository::open(&repo)?.services()?;
        serde_json::to_value(&services).map_err(|e| disinfo::Error::Internal {
            message: e.to_string(),
        })
    })
}

/// The async form of `terms.versions`.
#[napi(namespace = "terms", ts_return_type = "Promise<TermsVersion[]>")]
pub fn versions_async(repo: String, service: String, terms_type: String) -> AsyncTask<JsonTask> {
    spawn(move || {
        let list = VersionsRepository::open(&repo)?.versions(&service, &terms_type)?;
        serde_json::to_value(&list).map_err(|e| disinfo::Error::Internal {
            message: e.to_string(),
        })
    })
}

/// The async form of `terms.versionAt`.
#[napi(
    namespace = "terms",
    ts_return_type = "Promise<{ version: TermsVersion; text: string }>"
)]
pub fn version_at_async(
    repo: String,
    service: String,
    terms_type: String,
    date: String,
) -> AsyncTask<JsonTask> {
    spawn(move || {
        let at = versions::parse_date(&date)?;
        let repo = VersionsRepository::open(&repo)?;
        let version = repo.version_at(&service, &terms_type, at)?;
        let text = repo.read_text(&version)?;
        Ok(serde_json::json!({ "version": version, "text": text }))
    })
}
