//! The bot-likeness score of a cluster, and the word that goes with it.
//!
//! Four signals, each a share in [0, 1]:
//! - `rules`: the largest pass rate of the rule presets (`dormant_2019`: fresh, near-silent
//!   accounts following far more than follow them; `amplifier`: accounts that mostly repost
//!   one source) — an account whose verdict is undefined does not pass;
//! - `coordination`: the share of the cluster's accounts with a coordination edge to another
//!   account of the same cluster (0 without a network);
//! - `creation_burst`: how much more the cluster's accounts were created within 30 days than the
//!   whole population's: `max(0, (p − p₀) / (1 − p₀))` with `p` the cluster's largest share of
//!   creations within any 30 days and `p₀` the population's;
//! - `duplicates`: the median share of an account's posts that repeat one of its texts.
//!
//! The score combines them as independent evidence (a noisy OR): `1 − Π (1 − signal)`. A
//! cluster scoring at least 0.5 is `bot-like`, below 0.2 `organic`, `mixed` in between. The
//! score ranks clusters for a reader's attention; it is not a probability and a `bot-like`
//! cluster still needs a look at its accounts.

use serde::{Deserialize, Serialize};

/// Score at or above which a cluster is called bot-like.
pub const BOT_LIKE: f64 = 0.5;
/// Score below which a cluster is called organic.
pub const ORGANIC: f64 = 0.2;

/// The signals behind a score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Signals {
    /// Largest pass rate of the rule presets.
    pub rules: f64,
    /// Share of accounts with a coordination edge inside the cluster.
    pub coordination: f64,
    /// Excess of creations within 30 days over the population's.
    pub creation_burst: f64,
    /// Median duplicate-text ratio.
    pub duplicates: f64,
}

/// What the score calls a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ClusterVerdict {
    /// Score >= 0.5.
    BotLike,
    /// Score in [0.2, 0.5).
    Mixed,
    /// Score < 0.2.
    Organic,
}

impl ClusterVerdict {
    /// The stable name (`bot-like`, `mixed`, `organic`).
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterVerdict::BotLike => "bot-like",
            ClusterVerdict::Mixed => "mixed",
            ClusterVerdict::Organic => "organic",
        }
    }
}

fn clamp(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The score of a cluster's signals, in [0, 1].
///
/// ```
/// use disinfo_bots::profile::score::{score, verdict, ClusterVerdict, Signals};
/// let s = score(&Signals { rules: 0.9, ..Signals::default() });
/// assert!((s - 0.9).abs() < 1e-12);
/// assert_eq!(verdict(s), ClusterVerdict::BotLike);
/// assert_eq!(verdict(score(&Signals::default())), ClusterVerdict::Organic);
/// ```
pub fn score(s: &Signals) -> f64 {
    1.0 - [s.rules, s.coordination, s.creation_burst, s.duplicates]
        .iter()
        .map(|v| 1.0 - clamp(*v))
        .product::<f64>()
}

/// The word for a score.
pub fn verdict(score: f64) -> ClusterVerdict {
    if score >= BOT_LIKE {
        ClusterVerdict::BotLike
    } else if score >= ORGANIC {
        ClusterVerdict::Mixed
    } else {
        ClusterVerdict::Organic
    }
}

/// The creation-burst signal from a cluster's and the population's 30-day peaks.
pub fn creation_burst(cluster_peak: f64, population_peak: f64) -> f64 {
    if population_peak >= 1.0 {
        return 0.0;
    }
    clamp((cluster_peak - population_peak) / (1.0 - population_peak))
}
