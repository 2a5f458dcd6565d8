//! Tracking a declarations directory into a versions and a snapshots repository: the entry point
//! the CLI and the bindings call.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::declaration::corpus::{Rejected, load_directory};
use crate::error::Result;
use crate::track::{OtaExtractor, Stores, Target, TrackOptions, TrackReport, track};
use crate::versions::VersionsRepository;

/// Options of [`track_directory`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct DirectoryOptions {
    /// Only this service id.
    pub service: Option<String>,
    /// Only this terms type.
    pub terms_type: Option<String>,
    /// Fetching, diffing and commit message options (beside these: `timeout_ms`, ...).
    #[serde(flatten)]
    pub track: TrackOptions,
}

/// The result of tracking a declarations directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DirectoryReport {
    /// Service files that loaded.
    pub services: usize,
    /// Declaration files that did not load, with the reason (they are not tracked).
    pub rejected: Vec<Rejected>,
    /// What happened to each tracked document.
    pub report: TrackReport,
}

/// Loads the declarations of `dir`, tracks every selected document once at `now`, and records
/// snapshots and versions into the repositories at `snapshots` and `versions` (created when
/// missing), with OTA's extraction.
pub fn track_directory(
    dir: &Path,
    versions: &Path,
    snapshots: &Path,
    options: &DirectoryOptions,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<DirectoryReport> {
    let loaded = load_directory(dir)?;
    let mut targets = Target::from_declarations(&loaded.loaded, now)?;
    targets.retain(|t| {
        options.service.as_ref().is_none_or(|s| s == &t.service)
            && options
                .terms_type
                .as_ref()
                .is_none_or(|s| s == &t.terms_type)
    });
    let versions = VersionsRepository::open_or_init(versions)?;
    let snapshots = VersionsRepository::open_or_init(snapshots)?.with_extension("html");
    let stores = Stores {
        snapshots: &snapshots,
        versions: &versions,
    };
    let report = track(
        &targets,
        &stores,
        &OtaExtractor::default(),
        &options.track,
        now,
        progress,
    );
    Ok(DirectoryReport {
        services: loaded.loaded.len(),
        rejected: loaded.rejected,
        report,
    })
}
