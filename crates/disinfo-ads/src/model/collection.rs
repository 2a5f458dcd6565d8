//! A collection's metadata, read from `collection.json` or given by the caller.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

// Re-exported: the query had this path before it got a module of its own.
pub use super::query::Query;

/// How the data was obtained.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Default,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Paged API responses (Meta `ads_archive`, TikTok commercial content API).
    #[default]
    Api,
    /// A bulk download (Google's transparency bundle, Snapchat's yearly CSV).
    Bulk,
    /// An aggregated report (Meta Ad Library report).
    Report,
    /// Pages of the public web interface.
    Web,
}

/// How the collection run ended. Only `complete` collections can be compared.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Default,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Termination {
    /// The run reached the last page.
    #[default]
    Complete,
    /// The paging cursor stopped working before the end.
    CursorBroken,
    /// The run stopped on an error.
    Error,
    /// The run stopped on rate limits.
    RateLimited,
}

impl Termination {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Termination::Complete => "complete",
            Termination::CursorBroken => "cursor_broken",
            Termination::Error => "error",
            Termination::RateLimited => "rate_limited",
        }
    }
}

/// Totals the platform declared for the collection (e.g. "13,550 results").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DeclaredTotals {
    /// Number of ads declared.
    pub ads: Option<u64>,
    /// Number of ads declared per country.
    pub per_country: BTreeMap<String, u64>,
}

/// A collection's metadata (`collection.json`).
///
/// ```json
/// {"id": "fr-2019-05-20", "platform": "meta", "collected_at": "2019-05-20T06:00:00Z",
///  "query": {"ad_reached_countries": "['FR']", "ad_type": "POLITICAL_AND_ISSUE_ADS"},
///  "termination": "complete", "declared_totals": {"ads": 13550}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectionMeta {
    /// Unique id of the collection (used in reports).
    pub id: String,
    /// Platform: `meta`, `google`, `tiktok`, `snapchat` or any other name.
    pub platform: String,
    /// The adapter to read the files with; detected from the platform and file names if absent.
    #[serde(default)]
    pub format: Option<String>,
    /// How the data was obtained.
    #[serde(default)]
    pub source_kind: SourceKind,
    /// API endpoint (`ads_archive`).
    #[serde(default)]
    pub endpoint: Option<String>,
    /// API version (`v3.3`).
    #[serde(default)]
    pub api_version: Option<String>,
    /// When the collection was taken (RFC 3339). Rules about time use it as "now".
    pub collected_at: String,
    /// When the run started (RFC 3339).
    #[serde(default)]
    pub started_at: Option<String>,
    /// When the run finished (RFC 3339).
    #[serde(default)]
    pub finished_at: Option<String>,
    /// The query, as sent to the platform (its parameter names or this crate's; see [`Query`]).
    #[serde(default)]
    pub query: Query,
    /// How the run ended.
    #[serde(default)]
    pub termination: Termination,
    /// Totals the platform declared.
    #[serde(default)]
    pub declared_totals: DeclaredTotals,
}
