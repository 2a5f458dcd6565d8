//! The options of an audit: a plain struct with documented defaults, deserialisable from JSON
//! (the same object in Python keyword arguments and Node options). The checks read it; the audit
//! validates it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Options of an audit. Deserialisable from JSON; every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AuditOptions {
    /// Regimes whose mandatory fields are checked: `dsa_39_2` (default), `dsa_39_3`,
    /// `ttpa_12`, `platform_pledge`.
    pub regimes: Vec<String>,
    /// Strict mode (default): the first unreadable record or file is an error. Lenient: it is
    /// reported in `rejected` and as an `ADS013` finding.
    pub strict: bool,
    /// Evidence items kept per rule and kind (counts are always complete). Default 1000.
    pub evidence_limit: usize,
    /// Retention in days after last shown, per platform (`*` for any). Default `{"*": 365}`
    /// (DSA art. 39(1): one year after the ad was presented for the last time).
    pub retention_days: BTreeMap<String, u32>,
    /// An added ad first shown more than this many hours before the previous collection was
    /// published late (rule ADS004). Default 48.
    pub late_after_hours: u32,
    /// Tolerance for percentages summing to 1 and per-country sums (rule ADS014). Default 0.02.
    pub share_tolerance: f64,
    /// A payer funding at least this many advertisers is reported (rule ADS012). Default 3.
    pub shared_payer_min_advertisers: usize,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            regimes: vec!["dsa_39_2".into()],
            strict: true,
            evidence_limit: 1000,
            retention_days: BTreeMap::from([("*".to_owned(), 365)]),
            late_after_hours: 48,
            share_tolerance: 0.02,
            shared_payer_min_advertisers: 3,
        }
    }
}

impl AuditOptions {
    /// The retention of `platform`, if any.
    pub fn retention_days(&self, platform: &str) -> Option<u32> {
        self.retention_days
            .get(platform)
            .or_else(|| self.retention_days.get("*"))
            .copied()
    }
}
