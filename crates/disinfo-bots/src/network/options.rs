//! The options of a coordination network: which trace makes a co-action, the window, thresholds
//! and normalisations. A [`Network`](super::Network) keeps the options that built it, so they
//! live with the network, below the builder ([`crate::coordinate`]) and the analyses that read
//! them.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The trace that makes two posts a co-action.
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
#[serde(rename_all = "kebab-case")]
pub enum CoordinationKind {
    /// Reposts of the same post (toolkit `co_retweet`).
    CoRepost,
    /// The same URL in non-repost posts (toolkit `co_link`).
    CoLink,
    /// The same normalised text in non-repost posts (toolkit `co_tweet`).
    CoText,
    /// Near-duplicate text: word-set Jaccard `>= similarity_threshold`, MinHash/LSH candidates.
    CoSimilarText,
    /// Replies to the same post (toolkit `co_reply`).
    CoReply,
    /// The same ordered hashtag sequence in non-repost posts.
    CoHashtagSequence,
    /// The same hashtag (any one, lower-cased) in non-repost posts (CooRTweet's co-hashtag).
    CoHashtag,
    /// The same web domain in non-repost posts: the source's domains, else the URLs' hosts.
    CoDomain,
    /// The same image (its hash) in non-repost posts.
    CoImage,
    /// The same shared object of CooRTweet's generic input (`object_id`).
    CoObject,
    /// Any two posts within the window (toolkit `co_post`).
    Synchrony,
}

impl CoordinationKind {
    /// Every kind, in documentation order.
    pub const ALL: [CoordinationKind; 11] = [
        CoordinationKind::CoRepost,
        CoordinationKind::CoLink,
        CoordinationKind::CoText,
        CoordinationKind::CoSimilarText,
        CoordinationKind::CoReply,
        CoordinationKind::CoHashtagSequence,
        CoordinationKind::CoHashtag,
        CoordinationKind::CoDomain,
        CoordinationKind::CoImage,
        CoordinationKind::CoObject,
        CoordinationKind::Synchrony,
    ];

    /// True when the kind's trace keys come from a post's URLs.
    pub fn reads_urls(self) -> bool {
        matches!(self, CoordinationKind::CoLink | CoordinationKind::CoDomain)
    }

    /// True when the kind's trace keys come from a post's text (the text itself).
    pub fn reads_text(self) -> bool {
        matches!(
            self,
            CoordinationKind::CoText | CoordinationKind::CoSimilarText
        )
    }

    /// True when the kind's trace keys come from the hashtags of a post's text.
    pub fn reads_hashtags(self) -> bool {
        matches!(
            self,
            CoordinationKind::CoHashtagSequence | CoordinationKind::CoHashtag
        )
    }

    /// The stable kebab-case name (`co-repost`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            CoordinationKind::CoRepost => "co-repost",
            CoordinationKind::CoLink => "co-link",
            CoordinationKind::CoText => "co-text",
            CoordinationKind::CoSimilarText => "co-similar-text",
            CoordinationKind::CoReply => "co-reply",
            CoordinationKind::CoHashtagSequence => "co-hashtag-sequence",
            CoordinationKind::CoHashtag => "co-hashtag",
            CoordinationKind::CoDomain => "co-domain",
            CoordinationKind::CoImage => "co-image",
            CoordinationKind::CoObject => "co-object",
            CoordinationKind::Synchrony => "synchrony",
        }
    }

    /// Parses a kind name (`co-repost`; `_` accepted for `-`).
    pub fn parse(name: &str) -> Result<CoordinationKind> {
        let n = name.trim().replace('_', "-");
        CoordinationKind::ALL.into_iter().find(|k| k.as_str() == n).ok_or_else(|| Error::arg("kind", format!(
                "unknown coordination kind `{name}`; use one of co-repost, co-link, co-text, co-similar-text, co-reply, co-hashtag-sequence, co-hashtag, co-domain, co-image, co-object, synchrony"
            )))
    }
}

/// Options of [`coordinate`](crate::coordinate::coordinate).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct CoordinateOptions {
    /// The trace (default co-repost).
    pub kind: CoordinationKind,
    /// Window in seconds, inclusive: posts of two accounts on the same trace at most this far
    /// apart are co-actions (default 60).
    #[serde(rename = "window")]
    pub window_secs: f64,
    /// Minimum directed weight of an edge (default 1).
    pub min_edge_weight: u64,
    /// Accounts with fewer trace posts than this take no part (default 1).
    pub min_participation: u64,
    /// Keep edges from an account to itself (default false).
    pub self_loops: bool,
    /// Evidence pairs kept per edge (default 3).
    pub evidence: usize,
    /// URL normalisation for co-link (default none, as the toolkit).
    pub url_normalization: UrlNormalization,
    /// Word-set Jaccard threshold for co-similar-text (default 0.8).
    pub similarity_threshold: f64,
    /// Posts with fewer distinct words take no part in co-similar-text (default 5).
    pub min_tokens: usize,
}

impl Default for CoordinateOptions {
    fn default() -> Self {
        CoordinateOptions {
            kind: CoordinationKind::CoRepost,
            window_secs: 60.0,
            min_edge_weight: 1,
            min_participation: 1,
            self_loops: false,
            evidence: 3,
            url_normalization: UrlNormalization::None,
            similarity_threshold: 0.8,
            min_tokens: 5,
        }
    }
}

impl CoordinateOptions {
    /// Defaults with the given kind and window.
    pub fn new(kind: CoordinationKind, window_secs: f64) -> Self {
        CoordinateOptions {
            kind,
            window_secs,
            ..Default::default()
        }
    }

    /// Checks every option's domain.
    pub fn validate(&self) -> Result<()> {
        let bad = |name: &str, message: String| Err(Error::arg(name, message));
        if !self.window_secs.is_finite() || self.window_secs < 0.0 || self.window_secs > 1.0e9 {
            return bad(
                "window",
                format!("{} is not a number of seconds in 0..=1e9", self.window_secs),
            );
        }
        if self.min_edge_weight == 0 {
            return bad("min_edge_weight", "must be at least 1".into());
        }
        if !(self.similarity_threshold > 0.0 && self.similarity_threshold <= 1.0) {
            return bad(
                "similarity_threshold",
                format!("{} is not in (0, 1]", self.similarity_threshold),
            );
        }
        if self.evidence > 1000 {
            return bad(
                "evidence",
                format!(
                    "{} evidence pairs per edge is too many; use at most 1000",
                    self.evidence
                ),
            );
        }
        Ok(())
    }
}

/// How URLs are normalised before comparison in co-link networks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum UrlNormalization {
    /// Byte-for-byte comparison (the QUT toolkit's behaviour).
    #[default]
    None,
    /// Lower-case scheme and host, drop `www.`, fragment, tracking parameters, trailing `/`
    /// and the scheme.
    Basic,
}
