//! The result of a replay: counts, per-document counts, the versions written, and every failure
//! as an event naming its snapshot commit with a stable code.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::versions::VersionInfo;

/// Where in the replay a failure happened.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The commit is not the record of one snapshot (`snapshot_commit_invalid`).
    Commit,
    /// The snapshot itself: no location trailer, a location the declaration does not give, an
    /// empty file.
    Snapshot,
    /// No usable declaration at the snapshot's date: service or terms type not declared, an
    /// invalid declaration or history entry, a document the declaration does not name.
    Declaration,
    /// The extraction failed (selector without match, empty text, invalid PDF, unknown filter, ...).
    Extraction,
    /// Re-extracting the latest snapshot for [`ReplayOptions::apply_upgrades`](super::ReplayOptions::apply_upgrades) failed.
    Upgrade,
}

/// One failure: the replay records nothing from this snapshot and goes on.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct ReplayFailure {
    /// The snapshot's date (RFC 3339, UTC).
    pub date: String,
    /// The snapshot commit (40 hex digits).
    pub commit: String,
    /// The snapshot file (`<service>/<terms type>.html`), empty when the commit holds none.
    pub path: String,
    /// The service id, when known.
    pub service: Option<String>,
    /// The terms type, when known.
    pub terms_type: Option<String>,
    /// Where it failed.
    pub stage: Stage,
    /// The stable error code (`selector_no_match`, `snapshot_missing_location`, ...).
    pub code: String,
    /// What went wrong.
    pub message: String,
}

/// The counts of one terms document (service and terms type).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DocumentCounts {
    /// The service id.
    pub service: String,
    /// The terms type.
    pub terms_type: String,
    /// Snapshot commits replayed.
    pub snapshots: usize,
    /// Versions recorded (`First record of` and `Record new changes of`).
    pub versions: usize,
    /// Versions recorded as technical or declaration upgrades.
    pub upgrades: usize,
    /// Extractions whose text equals the latest version (nothing recorded).
    pub unchanged: usize,
    /// Failures.
    pub failures: usize,
    /// Fetches of combined terms that still lacked a snapshot of another source document.
    pub incomplete: usize,
}

/// What a replay did. JSON: `{"engine": ..., "snapshots_read": ..., "documents": [...],
/// "failures": [...], "versions": [...], ...}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReplayReport {
    /// The engine named in the `X-engine-version` trailer of each version (`disinfo-terms/<version>`).
    pub engine: String,
    /// The first snapshot date replayed (RFC 3339, UTC), when limited.
    pub since: Option<String>,
    /// The last snapshot date replayed (RFC 3339, UTC), when limited.
    pub until: Option<String>,
    /// The date of the newest record the versions repository already held: snapshots up to it
    /// were not replayed again. `None` for a new repository.
    pub resumed_after: Option<String>,
    /// Commits of the snapshots repository walked.
    pub commits: usize,
    /// Commits that are not records (README, licence, merges), as OTA ignores them.
    pub skipped_commits: usize,
    /// Snapshot commits replayed (in the date range, of the selected documents).
    pub snapshots_read: usize,
    /// Snapshot commits outside the date range or before the resume point (read for the latest
    /// snapshot of combined terms only).
    pub snapshots_out_of_range: usize,
    /// Snapshot commits of other services or terms types than the selected ones.
    pub snapshots_filtered: usize,
    /// Snapshots without any trailer (engines before 2025): their location is the declared one.
    pub legacy_snapshots: usize,
    /// Snapshots per `X-fetcher` trailer (`htmlOnly`, `fullDom`; `none` without trailer).
    pub fetchers: BTreeMap<String, usize>,
    /// Extractions run (one per fetch of a terms document, plus upgrades).
    pub extractions: usize,
    /// Versions recorded (`First record of`, `Record new changes of`).
    pub versions_recorded: usize,
    /// Versions recorded as `Apply technical or declaration upgrade on`.
    pub upgrades_recorded: usize,
    /// Extractions whose text equals the latest version: nothing recorded.
    pub unchanged: usize,
    /// Fetches of combined terms that still lacked a snapshot of another source document.
    pub incomplete: usize,
    /// Per document, by service then terms type.
    pub documents: Vec<DocumentCounts>,
    /// Every failure, by date then commit.
    pub failures: Vec<ReplayFailure>,
    /// Failures per code.
    pub failures_by_code: BTreeMap<String, usize>,
    /// The versions written, in commit order.
    pub versions: Vec<VersionInfo>,
}

/// Accumulates a report as the replay goes.
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) report: ReplayReport,
    documents: BTreeMap<(String, String), DocumentCounts>,
}

impl Tally {
    pub(crate) fn document(&mut self, service: &str, terms_type: &str) -> &mut DocumentCounts {
        self.documents
            .entry((service.to_string(), terms_type.to_string()))
            .or_insert_with(|| DocumentCounts {
                service: service.to_string(),
                terms_type: terms_type.to_string(),
                ..DocumentCounts::default()
            })
    }

    pub(crate) fn failure(&mut self, failure: ReplayFailure) {
        if let (Some(s), Some(t)) = (&failure.service, &failure.terms_type) {
            let (s, t) = (s.clone(), t.clone());
            self.document(&s, &t).failures += 1;
        }
        self.report.failures.push(failure);
    }

    pub(crate) fn finish(mut self) -> ReplayReport {
        let mut report = self.report;
        report.documents = std::mem::take(&mut self.documents).into_values().collect();
        report.failures.sort();
        for f in &report.failures {
            *report.failures_by_code.entry(f.code.clone()).or_default() += 1;
        }
        report
    }
}
