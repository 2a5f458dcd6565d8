//! The checks of an ad repository. Each module takes loaded collections and fills the report
//! and the evidence collector; none parses files.
//!
//! Check *n* reports under rule `ADS0nn` (see [`rules`]):
//!
//! 1. comparable collections (same platform and query scope, both complete); otherwise the
//!    pair's diff is `inconclusive`, never silently counted;
//! 2. ads disappeared between two collections, classified in this order: re-attributed (same id,
//!    other scope), reappeared later, moderated, retention expired, unexplained;
//! 3. rates: gross = disappeared / |from|, net = (|from| - |to|) / |from|, unexplained =
//!    unexplained / |from|;
//! 4. late publication: an added ad first shown long before the previous collection;
//! 5. mandatory fields missing, per regime ([`regimes`]);
//! 6. a field dropped between collections for the same ad;
//! 7. an immutable field changed (creation, first shown, content, advertiser);
//! 8. a cumulative figure going down (spend, impressions, reach);
//! 9. invalid ranges and buckets; 10. invalid or impossible dates (censored dates exempt);
//! 11. duplicate ids within a collection, with both locators;
//! 12. funding: payer missing or a placeholder, one payer across many advertisers, payer changed;
//! 13. reconciliation: declared totals, page sizes, ACTIVE ⊆ ALL, country leakage, rejected
//!     records;
//! 14. reach consistency: percentages summing to 1, per-country sums against the total;
//! 15. keyword search across collections (the `search` module).
//!
//! - [`pairs`]: checks 1 to 4, and the per-country and per-advertiser tables.
//! - [`coverage`]: check 5.
//! - [`changes`]: checks 6, 7, 8 and the payer changes of 12.
//! - [`quality`]: checks 9 to 14 within one collection.

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

/// Which part of the checks to run: all of them on whole collections, or the part of one shard
/// of an audit split by ad key (every shard reads every file, so the files' own facts and
/// a pair's comparability are reported by the first shard only; the whole-collection checks
/// wait for the merge).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Whole collections.
    Whole,
    /// One shard; `first` reports the files' facts.
    Shard {
        /// The first shard.
        first: bool,
    },
}

impl Part {
    /// True when this part reports what every shard would report alike.
    pub fn reports_shared_facts(self) -> bool {
        matches!(self, Part::Whole | Part::Shard { first: true })
    }
}

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
