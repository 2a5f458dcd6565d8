//! Python bindings of the terms diff, versions/history and tracking functions (type conversion
//! and error mapping only).

use std::path::PathBuf;

use disinfo::terms::diff::{self, DiffOptions, Format, Granularity};
use disinfo::terms::versions::{self, HistoryOptions, VersionsRepository};
use pyo3::prelude::*;

use crate::convert::to_python;
use crate::errors::run;

fn parse<T: std::str::FromStr<Err = disinfo::terms::Error>>(value: &str) -> disinfo::Result<T> {
    value.parse::<T>().map_err(Into::into)
}

fn diff_options(
    granularity: &str,
    detect_moves: bool,
    old_name: &str,
    new_name: &str,
    context_lines: usize,
) -> disinfo::Result<DiffOptions> {
    Ok(DiffOptions {
        granularity: parse::<Granularity>(granularity)?,
        detect_moves,
        old_name: old_name.to_owned(),
        new_name: new_name.to_owned(),
        context_lines,
    })
}

/// The classified, section-aware diff of two versions, as a dict.
#[pyfunction]
#[pyo3(signature = (old, new, *, granularity = "word", detect_moves = true, old_name = "old", new_name = "new", context_lines = 3))]
#[allow(clippy::too_many_arguments)]
fn terms_diff(
    py: Python<'_>,
    old: &str,
    new: &str,
    granularity: &str,
    detect_moves: bool,
    old_name: &str,
    new_name: &str,
    context_lines: usize,
) -> PyResult<Py<PyAny>> {
    let result = run(py, || {
        let options = diff_options(granularity, detect_moves, old_name, new_name, context_lines)?;
        Ok(diff::diff(old, new, &options))
    })?;
    to_python(py, &result)
}

/// The diff of two versions rendered as `text` (unified), `markdown` or `html`.
#[pyfunction]
#[pyo3(signature = (old, new, *, format = "html", granularity = "word", detect_moves = true, old_name = "old", new_name = "new", context_lines = 3))]
#[allow(clippy::too_many_arguments)]
fn terms_diff_render(
    py: Python<'_>,
    old: &str,
    new: &str,
    format: &str,
    granularity: &str,
    detect_moves: bool,
    old_name: &str,
    new_name: &str,
    context_lines: usize,
) -> PyResult<String> {
    run(py, || {
        let format = parse::<Format>(format)?;
        let options = diff_options(granularity, detect_moves, old_name, new_name, context_lines)?;
        let d = diff::diff(old, new, &options);
        Ok(diff::render(&d, old, new, &options, format))
    })
}

/// The services of a versions repository and their terms types.
#[pyfunction]
fn terms_services(py: Python<'_>, repo: PathBuf) -> PyResult<Py<PyAny>> {
    let result = run(py, || Ok(VersionsRepository::open(&repo)?.services()?))?;
    to_python(py, &result)
}

/// The versions of one document, oldest first.
#[pyfunction]
fn terms_versions(
    py: Python<'_>,
    repo: PathBuf,
    service: &str,
    terms_type: &str,
) -> PyResult<Py<PyAny>> {
    let result = run(py, || {
        Ok(VersionsRepository::open(&repo)?.versions(service, terms_type)?)
    })?;
    to_python(py, &result)
}

/// The version in force at an RFC 3339 date and its text: `{"version": {...}, "text": "..."}`.
#[pyfunction]
fn terms_version_at(
    py: Python<'_>,
    repo: PathBuf,
    service: &str,
    terms_type: &str,
    date: &str,
) -> PyResult<Py<PyAny>> {
    let result = run(py, || {
        let at = versions::parse_date(date)?;
        let repo = VersionsRepository::open(&repo)?;
        let version = repo.version_at(service, terms_type, at)?;
        let text = repo.read_text(&version)?;
        Ok(serde_json::json!({ "version": version, "text": text }))
    })?;
    to_python(py, &result)
}

/// The history of a versions repository: versions, classified changes and statistics.
#[pyfunction]
#[pyo3(signature = (repo, *, service = None, terms_type = None, include_diffs = false, granularity = "word"))]
fn terms_history(
    py: Python<'_>,
    repo: PathBuf,
    service: Option<String>,
    terms_type: Option<String>,
    include_diffs: bool,
    granularity: &str,
) -> PyResult<Py<PyAny>> {
    let result = run(py, || {
        let options = HistoryOptions {
            service,
            terms_type,
            include_diffs,
            diff: DiffOptions {
                granularity: parse::<Granularity>(granularity)?,
                ..DiffOptions::default()
            },
        };
        Ok(versions::history(
            &VersionsRepository::open(&repo)?,
            &options,
        )?)
    })?;
    to_python(py, &result)
}

/// Tracks a declarations directory once: fetch, snapshot, extract, record versions; the report
/// of what changed, with error events. `now` (RFC 3339) defaults to the current time.
#[pyfunction]
#[pyo3(signature = (declarations, versions, snapshots, *, service = None, terms_type = None, user_agent = None, timeout_ms = 30_000, retries = 2, max_bytes = 52_428_800, snapshot_id_template = "%SNAPSHOT_ID", now = None))]
#[allow(clippy::too_many_arguments)]
fn terms_track(
    py: Python<'_>,
    declarations: PathBuf,
    versions: PathBuf,
    snapshots: PathBuf,
    service: Option<String>,
    terms_type: Option<String>,
    user_agent: Option<String>,
    timeout_ms: u64,
    retries: u32,
    max_bytes: u64,
    snapshot_id_template: &str,
    now: Option<&str>,
) -> PyResult<Py<PyAny>> {
    use disinfo::terms::track::{self, DirectoryOptions, FetchOptions, TrackOptions};
    let result = run(py, || {
        let now = match now {
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
            service,
            terms_type,
            track: TrackOptions {
                fetch: FetchOptions {
                    user_agent: user_agent.unwrap_or(defaults.user_agent),
                    timeout_ms,
                    retries,
                    max_bytes,
                    ..defaults
                },
                snapshot_id_template: snapshot_id_template.to_owned(),
                ..TrackOptions::default()
            },
        };
        Ok(track::track_directory(
            &declarations,
            &versions,
            &snapshots,
            &options,
            now,
            &mut |_, _, _| {},
        )?)
    })?;
    to_python(py, &result)
}

/// Adds this file's functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(terms_diff, m)?)?;
    m.add_function(wrap_pyfunction!(terms_diff_render, m)?)?;
    m.add_function(wrap_pyfunction!(terms_services, m)?)?;
    m.add_function(wrap_pyfunction!(terms_versions, m)?)?;
    m.add_function(wrap_pyfunction!(terms_version_at, m)?)?;
    m.add_function(wrap_pyfunction!(terms_history, m)?)?;
    m.add_function(wrap_pyfunction!(terms_track, m)?)?;
    Ok(())
}
