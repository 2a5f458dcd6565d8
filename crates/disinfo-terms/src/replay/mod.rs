//! Replaying an Open Terms Archive collection: rebuild the versions repository from the
//! snapshots repository and the declarations, file by file, the way OTA's engine records it.
//!
//! OTA keeps, per collection, the declarations, the snapshots (captured pages, one git commit per
//! fetch whose bytes changed) and the versions (extracted Markdown, one commit per change). A
//! replay walks the snapshots oldest first; for each fetch it takes the declaration in force at
//! the fetch date (history files, `validUntil` inclusive), extracts with the `ota` flavour (from
//! the latest snapshot of every source document, in declared order, for combined terms) and
//! records a version when the text changed, dated at the fetch, with OTA's messages and an
//! `X-engine-version: disinfo-terms/<version>` trailer.
//!
//! - [`snapshots`]: OTA's snapshot layout (file names, document ids), trailers and the commit walk;
//! - `declarations` (internal): the declaration in force at a date, where an invalid file or entry
//!   fails only the snapshots of its period;
//! - `plan` (internal): fetches, source documents and the latest snapshot of each;
//! - `run` and `record` (internal): the parallel window and the versions written in order;
//! - [`report`]: [`ReplayReport`] (counts, per-document counts, failures, versions written).
//!
//! Replaying onto a repository that already has records appends only the snapshots newer than
//! its newest record; [`ReplayOptions::apply_upgrades`] then re-extracts the latest snapshot of
//! every document as OTA's technical upgrades do. Extraction runs in parallel over a bounded
//! window; versions are written in commit order; the result does not depend on the thread count.
//! A snapshot that cannot be replayed is a [`ReplayFailure`] naming its commit, never a silent
//! skip and never "no change".
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use disinfo_terms::replay::{replay, ReplayOptions};
//! use disinfo_terms::versions::{Record, VersionsRepository};
//!
//! let dir = tempfile::tempdir().expect("temp dir");
//! // A declaration and a snapshots repository with two fetches of one page.
//! let declarations = dir.path().join("declarations");
//! std::fs::create_dir(&declarations).expect("mkdir");
//! std::fs::write(declarations.join("Example.json"), r#"{"name": "Example", "terms":
//!     {"Privacy Policy": {"fetch": "https://example.com/privacy", "select": "main"}}}"#)
//!     .expect("write");
//! let snapshots = VersionsRepository::open_or_init(dir.path().join("snapshots"))?
//!     .with_extension("html");
//! for (day, page) in [(1, "<main>We sell data.</main><p>ad 1</p>"),
//!                     (2, "<main>We sell data.</main><p>ad 2</p>"),
//!                     (3, "<main>We never sell data.</main>")] {
//!     snapshots.record(&Record {
//!         service: "Example", terms_type: "Privacy Policy", extension: "html",
//!         content: page.as_bytes(), date: Utc.with_ymd_and_hms(2024, 1, day, 0, 30, 0).unwrap(),
//!         snapshot_ids: vec![], snapshot_id_template: "%SNAPSHOT_ID", technical_upgrade: false,
//!     })?;
//! }
//!
//! let versions = dir.path().join("versions");
//! let report = replay(&declarations, snapshots.path(), &versions, &ReplayOptions::default(),
//!     &mut |_, _, _| {})?;
//! assert_eq!((report.snapshots_read, report.versions_recorded, report.unchanged), (3, 2, 1));
//! assert!(report.failures.is_empty());
//! let recorded = VersionsRepository::open(&versions)?.versions("Example", "Privacy Policy")?;
//! assert_eq!(recorded[0].subject, "First record of Example Privacy Policy");
//! assert_eq!(recorded[1].date, "2024-01-03T00:30:00Z");
//! # Ok::<(), disinfo_terms::Error>(())
//! ```

mod declarations;
mod plan;
mod record;
pub mod report;
mod run;
pub mod snapshots;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::extract::ExtractOptions;
use crate::versions::{Author, VersionsRepository};

pub use record::{ENGINE, ENGINE_TRAILER};
pub use report::{DocumentCounts, ReplayFailure, ReplayReport, Stage};

/// Default number of fetches extracted in parallel before their versions are written.
pub const DEFAULT_WINDOW: usize = 64;

/// Options of [`replay`]. JSON (every field optional): `{"service": null, "terms_type": null,
/// "since": null, "until": "2026-06-25", "apply_upgrades": false, "snapshot_id_template":
/// "%SNAPSHOT_ID", "legacy_snapshots": true, "window": 64, "extract": {"flavor": "ota"},
/// "author": {"name": "Open Terms Archive Bot", "email": "bot@opentermsarchive.org"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ReplayOptions {
    /// Only this service id (default: all).
    pub service: Option<String>,
    /// Only this terms type (default: all).
    pub terms_type: Option<String>,
    /// Replay the snapshots fetched at or after this date: RFC 3339, or a day (its start, UTC).
    /// Earlier snapshots are only read as the latest snapshot of combined terms. Default: all.
    pub since: Option<String>,
    /// Replay the snapshots fetched at or before this date: RFC 3339, or a day (its end, UTC).
    /// Default: all.
    pub until: Option<String>,
    /// After the replay, re-extract the latest snapshot of every document with the declaration in
    /// force at `until` (the current one without `until`) and record `Apply technical or
    /// declaration upgrade on …` where the text differs (default false).
    pub apply_upgrades: bool,
    /// How version commits name their snapshots: `%SNAPSHOT_ID` is replaced by the snapshot
    /// commit id (default `%SNAPSHOT_ID`; OTA collections use
    /// `https://github.com/<org>/<collection>-snapshots/commit/%SNAPSHOT_ID`).
    pub snapshot_id_template: String,
    /// Accept snapshot commits without any trailer, as OTA's engines wrote them before 2025:
    /// their location is the one declared (default true). When false they fail with
    /// `snapshot_missing_location`. A commit with trailers but no location always fails.
    pub legacy_snapshots: bool,
    /// Fetches extracted in parallel before their versions are written (default 64; 0 is read as
    /// 1); memory holds one window of texts.
    pub window: usize,
    /// Extraction options (default: the `ota` flavour, byte-identical to OTA's engine).
    pub extract: ExtractOptions,
    /// Author and committer of the versions (default `Open Terms Archive Bot
    /// <bot@opentermsarchive.org>`, as OTA's collections commit), whatever the git configuration
    /// of the machine says: the same replay gives the same commit ids everywhere.
    pub author: Author,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        ReplayOptions {
            service: None,
            terms_type: None,
            since: None,
            until: None,
            apply_upgrades: false,
            snapshot_id_template: crate::versions::layout::SNAPSHOT_ID_MARKER.into(),
            legacy_snapshots: true,
            window: DEFAULT_WINDOW,
            extract: ExtractOptions::default(),
            author: Author::default(),
        }
    }
}

/// Parses a `from` (a day is its first second) or `until` (a day is its last second) date.
fn bound(name: &str, value: &str, end_of_day: bool) -> Result<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(value) {
        return Ok(d.with_timezone(&Utc));
    }
    let time = if end_of_day { (23, 59, 59) } else { (0, 0, 0) };
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(time.0, time.1, time.2))
        .map(|d| d.and_utc())
        .ok_or_else(|| Error::arg(name, format!(
                "`{value}` is not an RFC 3339 date-time (2026-01-28T12:30:21Z) or a day (2026-01-28)"
            )))
}

/// Replays the snapshots repository at `snapshots` with the declarations of the directory
/// `declarations` into the versions repository at `versions` (created when missing; extended
/// after its newest record when it exists). See the [module documentation](self).
///
/// `progress` is called from the calling thread with `(commits done, commits in total, what)`.
/// Errors are for unusable inputs (a missing repository or directory, a bad option) and git
/// write failures; everything about one snapshot is a [`ReplayFailure`] in the report.
pub fn replay(
    declarations: &Path,
    snapshots: &Path,
    versions: &Path,
    options: &ReplayOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<ReplayReport> {
    let from = options
        .since
        .as_deref()
        .map(|v| bound("since", v, false))
        .transpose()?;
    let until = options
        .until
        .as_deref()
        .map(|v| bound("until", v, true))
        .transpose()?;
    let timeline = declarations::Timeline::load(declarations)?;
    let mut repo = gix::open(snapshots).map_err(|e| Error::RepositoryNotFound {
        path: snapshots.display().to_string(),
        message: e.to_string(),
    })?;
    // Snapshots of one document are stored as deltas of each other: a cache of decompressed
    // bases avoids inflating long delta chains for every tree and blob.
    crate::versions::repo::with_pack_cache(&mut repo);
    let output = VersionsRepository::open_or_init(versions)?.with_author(options.author.clone());
    let resume_after = record::newest_record(&output)?;
    let bounds = plan::Bounds {
        service: options.service.clone(),
        terms_type: options.terms_type.clone(),
        from,
        until,
        resume_after,
        legacy_snapshots: options.legacy_snapshots,
    };
    let writer = record::Writer {
        repo: &output,
        snapshot_id_template: &options.snapshot_id_template,
    };
    let result = run::run(&timeline, &repo, &writer, &bounds, options, progress);
    crate::versions::repo::release_thread_repos();
    let mut report = result?;
    report.engine = ENGINE.into();
    report.since = from.map(plan::rfc3339);
    report.until = until.map(plan::rfc3339);
    report.resumed_after = resume_after.map(plan::rfc3339);
    Ok(report)
}
