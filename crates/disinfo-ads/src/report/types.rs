//! The structures of the audit report.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::collection::{FileInfo, Rejected};
use crate::model::Locator;
use crate::rules::Severity;

/// The key of an ad in a report.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct KeyText {
    /// Native id.
    pub id: String,
    /// Scope (Google advertiser id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// One observation cited as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cited {
    /// Where the record is.
    pub locator: Locator,
    /// SHA-256 of the raw record (hex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_hash: Option<String>,
    /// The collection's `collected_at`.
    pub collected_at: String,
}

/// One piece of evidence for a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    /// Rule id.
    pub rule: String,
    /// Legal reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// Severity.
    pub severity: Severity,
    /// Sub-kind within the rule (`unexplained`, `payer_missing`, ...).
    pub kind: String,
    /// The ad, when the finding is about one ad.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ad: Option<KeyText>,
    /// Collections involved.
    pub collections: Vec<String>,
    /// The observations cited (raw hash and locator).
    pub observations: Vec<Cited>,
    /// The field concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A signed difference (a cumulative figure going down, a count mismatch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<i64>,
    /// Human-readable explanation.
    pub detail: String,
}

/// Counts of one rule and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FindingCount {
    /// Rule id.
    pub rule: String,
    /// Sub-kind.
    pub kind: String,
    /// Severity.
    pub severity: Severity,
    /// Legal reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// Number of findings (complete).
    pub count: u64,
    /// Findings counted but not listed in `evidence` (over `evidence_limit`).
    pub evidence_omitted: u64,
}

/// Disappeared ads by class (rule ADS002), each ad in the first class that applies, in the
/// order of the fields.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Disappeared {
    /// All ads of `from` missing from `to`.
    pub total: u64,
    /// Same native id present in `to` under another scope (advertiser).
    pub reattributed: u64,
    /// Back in a later collection (flapping), not removed.
    pub reappeared: u64,
    /// The platform said it removed or restricted the ad.
    pub moderated: u64,
    /// Past the retention period (e.g. DSA: one year after last shown).
    pub retention_expired: u64,
    /// None of the above.
    pub unexplained: u64,
}

/// Rates of a pair (rule ADS003), rounded to 4 decimals.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rates {
    /// disappeared / |from|.
    pub gross: f64,
    /// (|from| - |to|) / |from|.
    pub net: f64,
    /// unexplained / |from|.
    pub unexplained: f64,
}

/// Sizes of a pair.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Sizes {
    /// Distinct ads in `from`.
    pub from: u64,
    /// Distinct ads in `to`.
    pub to: u64,
}

/// One consecutive pair of collections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PairReport {
    /// Collection id.
    pub from: String,
    /// Collection id.
    pub to: String,
    /// Same platform and scope, both complete.
    pub comparable: bool,
    /// Why not comparable.
    pub reasons: Vec<String>,
    /// `ok` or `inconclusive`.
    pub status: String,
    /// Sizes.
    pub sizes: Sizes,
    /// Ads in both.
    pub common: u64,
    /// Ads of `to` not in `from`.
    pub added: u64,
    /// Ads of `from` not in `to`, by class.
    pub disappeared: Disappeared,
    /// Rates.
    pub rates: Rates,
    /// Added ads first shown well before `from` was collected (back-filled).
    pub late_published: u64,
}

/// One pair restricted to one country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CountryRow {
    /// Collection id.
    pub from: String,
    /// Collection id.
    pub to: String,
    /// ISO country (the query's countries for ads without their own).
    pub country: String,
    /// Sizes.
    pub sizes: Sizes,
    /// Ads in both.
    pub common: u64,
    /// Added.
    pub added: u64,
    /// Disappeared by class.
    pub disappeared: Disappeared,
    /// Rates.
    pub rates: Rates,
}

/// One advertiser in one pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AdvertiserRow {
    /// Collection id.
    pub from: String,
    /// Collection id.
    pub to: String,
    /// Advertiser id (empty when unknown).
    pub advertiser_id: String,
    /// Advertiser name (the first seen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advertiser_name: Option<String>,
    /// Ads of the advertiser in `from`.
    pub ads: u64,
    /// Disappeared.
    pub disappeared: u64,
    /// Unexplained disappearances.
    pub unexplained: u64,
    /// Sum of spend lower bounds of the disappeared ads.
    pub disappeared_spend_lo: u64,
    /// Sum of spend upper bounds of the disappeared ads; `None` if one is open or unknown.
    pub disappeared_spend_hi: Option<u64>,
    /// Ads of `from` without a usable payer.
    pub missing_payer: u64,
    /// missing_payer / ads, 4 decimals.
    pub missing_payer_share: f64,
}

/// Field coverage of one collection for one regime field (optionally one country).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CoverageRow {
    /// Collection id.
    pub collection: String,
    /// Regime name.
    pub regime: String,
    /// Canonical field.
    pub field: String,
    /// Country, or `None` for the whole collection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Ads considered.
    pub total: u64,
    /// Counts per field state (`present`, `null`, `absent`, `not_requested`,
    /// `not_applicable`, `sentinel`, `invalid`).
    pub states: BTreeMap<String, u64>,
    /// present / (total - not_applicable - not_requested), 4 decimals; `None` when nothing applies.
    pub coverage: Option<f64>,
}

/// One collection as loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CollectionSummary {
    /// Id.
    pub id: String,
    /// Platform.
    pub platform: String,
    /// When collected.
    pub collected_at: String,
    /// How the run ended.
    pub termination: String,
    /// Files with their hashes.
    pub files: Vec<FileInfo>,
    /// Records read.
    pub read: u64,
    /// Records accepted (duplicates included).
    pub accepted: u64,
    /// Records or parts rejected.
    pub rejected: u64,
    /// Later observations of an id already seen.
    pub duplicates: u64,
    /// Distinct ads.
    pub unique_ads: u64,
    /// Declared total, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_total: Option<u64>,
}

/// Every code a [`Note`] can have, for documentation and tests.
pub const NOTE_CODES: &[&str] = &[
    "nothing_to_compare",
    "unknown_query_key",
    "query_secret_dropped",
];

/// A fact about the audit's input that the reader must know to read the report right, but
/// that is neither a finding nor an error: only one collection was given, a query key was not
/// understood, a credential was dropped.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Note {
    /// Stable snake_case code, one of [`NOTE_CODES`].
    pub code: String,
    /// The collection it is about, when it is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
    /// What it means, in words.
    pub message: String,
}

/// The audit report: the JSON contract shared by Rust, Python, Node and the CLI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AuditReport {
    /// `disinfo-ads <version>`.
    pub library: String,
    /// Regimes checked.
    pub regimes: Vec<String>,
    /// Collections, in the order given.
    pub collections: Vec<CollectionSummary>,
    /// Facts about the input to know before reading the rest (nothing to compare, query keys
    /// not understood, credentials dropped), audit-wide first, then per collection in order.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Consecutive pairs.
    pub pairs: Vec<PairReport>,
    /// Pairs per country.
    pub countries: Vec<CountryRow>,
    /// Pairs per advertiser.
    pub advertisers: Vec<AdvertiserRow>,
    /// Field coverage per regime.
    pub coverage: Vec<CoverageRow>,
    /// Counts per rule and kind.
    pub findings: Vec<FindingCount>,
    /// Number of violations (findings of severity `violation`).
    pub violations: u64,
    /// Evidence, bounded per rule and kind by `evidence_limit`.
    pub evidence: Vec<Evidence>,
    /// What could not be read, per collection, with locators.
    pub rejected: Vec<Rejected>,
}
