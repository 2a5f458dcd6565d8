//! The checks of DESIGN §5.2. Each module takes loaded collections and fills the report and the
//! evidence collector; none parses files.
//!
//! - [`rules`]: rule ids and legal references; [`regimes`]: mandatory fields per regime.
//! - [`pairs`]: comparability (1), disappeared by class (2), rates (3), late publication (4),
//!   per-country and per-advertiser tables.
//! - [`coverage`]: mandatory fields per regime (5).
//! - [`changes`]: field dropped (6), immutable field changed (7), cumulative figures down (8),
//!   payer changed (12).
//! - [`quality`]: ranges (9), dates (10), duplicates (11), funding (12), reconciliation (13),
//!   reach (14).

pub mod changes;
pub mod coverage;
pub mod pairs;
pub mod quality;
pub mod regimes;

// The catalogue sits below the checks (the report cites it too); its old path stays valid.
pub use crate::rules::{self, RULES, Rule, Severity};

use crate::adapters::values::format_time;
use crate::collection::Collection;
use crate::model::{AdKey, AdRecord, Interner, Observation};
use crate::report::{Cited, KeyText};

/// The key of an ad as text.
pub fn key_text(interner: &Interner, key: &AdKey) -> KeyText {
    KeyText {
        id: interner.resolve(key.id).to_owned(),
        scope: key.scope.map(|s| interner.resolve(s).to_owned()),
    }
}

/// Cites an observation.
pub fn cite_obs(coll: &Collection, obs: &Observation) -> Cited {
    Cited {
        locator: coll.locator(obs),
        raw_hash: coll.raw_hash(obs).map(hex::encode),
        collected_at: coll.meta.collected_at.clone(),
    }
}

/// Cites a record.
pub fn cite(coll: &Collection, ad: &AdRecord) -> Cited {
    cite_obs(coll, &ad.obs)
}

/// The rows of a table counted by symbol, sorted by the symbols' text (one symbol per text,
/// so no two rows tie).
pub fn sorted_by_text<'i, K, V>(
    table: impl IntoIterator<Item = (K, V)>,
    text: impl Fn(K) -> &'i str,
) -> Vec<(&'i str, V)> {
    let mut rows: Vec<(&str, V)> = table.into_iter().map(|(k, v)| (text(k), v)).collect();
    rows.sort_unstable_by(|x, y| x.0.cmp(y.0));
    rows
}

/// Rounds to 4 decimals (the precision rates are reported with).
pub fn round4(x: f64) -> f64 {
    if x.is_finite() {
        (x * 10_000.0).round() / 10_000.0
    } else {
        0.0
    }
}

/// `a / b` rounded to 4 decimals; 0 when `b` is 0.
pub fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        round4(a as f64 / b as f64)
    }
}

/// Formats Unix seconds for evidence.
pub fn time(t: i64) -> String {
    format_time(t)
}
