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
