//! The shapes of a history: its options and its report (the JSON contract), shared by the
//! walk over the repository (`history`) and the flat list of changes (`changes`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diff::{Classification, Diff, DiffOptions};
use crate::versions::layout::RecordKind;
use crate::versions::repo::VersionInfo;

/// Options of [`history`](crate::versions::history()).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct HistoryOptions {
    /// Only this service (all when `None`).
    pub service: Option<String>,
    /// Only this terms type (all when `None`).
    pub terms_type: Option<String>,
    /// Include the full diff of every pair (default false: classification and counts only).
    pub include_diffs: bool,
    /// How the pairs are diffed (its options sit beside these: `granularity`, ...).
    #[serde(flatten)]
    pub diff: DiffOptions,
    /// Only changes of these classifications in [`HistoryReport::changes`] (default: all).
    pub classification: Vec<Classification>,
    /// Only changes recorded at or after this date in [`HistoryReport::changes`]: RFC 3339, or a
    /// day (its start, UTC). Default: no limit.
    pub since: Option<String>,
    /// Only changes recorded at or before this date in [`HistoryReport::changes`]: RFC 3339, or a
    /// day (its end, UTC). Default: no limit.
    pub until: Option<String>,
    /// At most this many changes in [`HistoryReport::changes`], the newest (default: all).
    pub limit: Option<usize>,
}

/// Two consecutive versions and their diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct VersionPair {
    /// The older version.
    pub from: VersionInfo,
    /// The newer version.
    pub to: VersionInfo,
    /// What changed between them.
    pub diff: Diff,
}

/// One change in the history of a document: the pair summarised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PairSummary {
    /// Commit id of the older version.
    pub from: String,
    /// Commit id of the newer version.
    pub to: String,
    /// Date of the newer version (RFC 3339).
    pub date: String,
    /// How the newer version was recorded.
    pub kind: RecordKind,
    /// The classification of the whole diff.
    pub classification: Classification,
    /// Why.
    pub reason: String,
    /// Number of changes in the diff.
    pub changes: usize,
    /// When the newer version's text is the text of an earlier version than the older one (an
    /// A→B→A flip-flop): the id of the most recent such version, which this one restores.
    #[serde(default)]
    pub reverts: Option<String>,
    /// The full diff when asked for ([`HistoryOptions::include_diffs`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<Diff>,
}

/// Summary statistics of a history.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HistoryStats {
    /// Number of versions.
    pub versions: usize,
    /// Date of the first version.
    pub first: Option<String>,
    /// Date of the last version.
    pub last: Option<String>,
    /// Versions recorded per calendar year (UTC).
    pub versions_per_year: BTreeMap<String, usize>,
    /// Number of consecutive pairs (changes between versions).
    pub changes: usize,
    /// Pairs per classification.
    pub by_classification: BTreeMap<String, usize>,
    /// Share of pairs classified `substantive` (0 when there are none), rounded to 4 decimals.
    pub substantive_share: f64,
    /// Versions recorded as technical upgrades (re-extractions, not changes at the source).
    pub technical_upgrades: usize,
}

/// The history of one terms document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TermsHistory {
    /// The service id.
    pub service: String,
    /// The terms type.
    pub terms_type: String,
    /// Its versions, oldest first.
    pub versions: Vec<VersionInfo>,
    /// The classified change between each version and the next.
    pub changes: Vec<PairSummary>,
    /// Its statistics.
    pub stats: HistoryStats,
}

/// The history of a repository (or of the selected documents).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HistoryReport {
    /// Commits walked.
    pub commits: usize,
    /// Commits that are not records (README, licence, ...).
    pub skipped_commits: usize,
    /// Each document's history, by service then terms type.
    pub terms: Vec<TermsHistory>,
    /// Statistics over all selected documents.
    pub stats: HistoryStats,
    /// Every change of the selected documents in one list, newest first, filtered by
    /// [`HistoryOptions::classification`], `since` and `until` and cut at `limit` (without the
    /// full diffs, which stay in `terms`).
    pub changes: Vec<HistoryChange>,
}

/// One change of a repository in [`HistoryReport::changes`]: a [`PairSummary`] with its document.
/// JSON: the summary's fields beside `service` and `terms_type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HistoryChange {
    /// The service id.
    pub service: String,
    /// The terms type.
    pub terms_type: String,
    /// The change.
    #[serde(flatten)]
    pub change: PairSummary,
}
