//! Co-action coordination networks (DESIGN §4.3): accounts that leave the same trace (reposted
//! post, URL, normalised text, near-duplicate text, reply target, hashtag sequence, or simply
//! posting at the same time) within a sliding window of each other.
//!
//! Semantics follow the QUT coordination-network-toolkit's `compute_networks` exactly:
//! - the window is inclusive (`|Δt| <= window`), continuous (no bins);
//! - the directed weight `u → v` counts distinct posts of `u` matched by at least one post of
//!   `v`; edges with weight `< min_edge_weight` are dropped per direction;
//! - a post id seen twice keeps its first record (the toolkit's `insert or ignore`);
//! - reposts take part only in co-repost and synchrony; URLs of reposts are ignored;
//! - self-loops (an account matching itself) are off by default (the toolkit's export default).
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use disinfo_bots::coordinate::{coordinate, CoordinateOptions, CoordinationKind};
//! use disinfo_bots::{Platform, Post, PostKind};
//!
//! let at = |s| Utc.timestamp_opt(s, 0).unwrap();
//! let mut a = Post::new(Platform::Generic, "1", "anna", at(0), PostKind::Repost);
//! a.reposted_id = Some("99".into());
//! let mut b = Post::new(Platform::Generic, "2", "ben", at(60), PostKind::Repost);
//! b.reposted_id = Some("99".into());
//! let net = coordinate(&[a, b], &[], &CoordinateOptions::new(CoordinationKind::CoRepost, 60.0)).unwrap();
//! assert_eq!(net.edges.len(), 2);
//! assert_eq!((net.edges[0].source.as_str(), net.edges[0].target.as_str(), net.edges[0].weight), ("anna", "ben", 1));
//! ```

pub mod run;
pub mod similar;
pub mod traces;
pub mod window;

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use hashbrown::DefaultHashBuilder;

use serde::{Deserialize, Serialize};

use crate::model::{Account, Post, PostKind};
use crate::{Error, Result};
pub use traces::UrlNormalization;
use window::{Entry, co_action};

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
    /// Any two posts within the window (toolkit `co_post`).
    Synchrony,
}

impl CoordinationKind {
    /// Every kind, in documentation order.
    pub const ALL: [CoordinationKind; 7] = [
        CoordinationKind::CoRepost,
        CoordinationKind::CoLink,
        CoordinationKind::CoText,
        CoordinationKind::CoSimilarText,
        CoordinationKind::CoReply,
        CoordinationKind::CoHashtagSequence,
        CoordinationKind::Synchrony,
    ];

    /// The stable kebab-case name (`co-repost`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            CoordinationKind::CoRepost => "co-repost",
            CoordinationKind::CoLink => "co-link",
            CoordinationKind::CoText => "co-text",
            CoordinationKind::CoSimilarText => "co-similar-text",
            CoordinationKind::CoReply => "co-reply",
            CoordinationKind::CoHashtagSequence => "co-hashtag-sequence",
            CoordinationKind::Synchrony => "synchrony",
        }
    }

    /// Parses a kind name (`co-repost`; `_` accepted for `-`).
    pub fn parse(name: &str) -> Result<CoordinationKind> {
        let n = name.trim().replace('_', "-");
        CoordinationKind::ALL.into_iter().find(|k| k.as_str() == n).ok_or_else(|| Error::arg("kind", format!(
                "unknown coordination kind `{name}`; use one of co-repost, co-link, co-text, co-similar-text, co-reply, co-hashtag-sequence, synchrony"
            )))
    }
}

/// Options of [`coordinate`].
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

/// One matched pair of posts backing an edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    /// The post of the edge's source.
    pub source_post: String,
    /// A post of the target that matches it.
    pub target_post: String,
    /// Seconds from the source post to the target post (may be negative).
    pub delta_secs: f64,
}

/// One directed edge `source → target`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Edge {
    /// Source account id.
    pub source: String,
    /// Target account id.
    pub target: String,
    /// Distinct posts of `source` matched by `target` (the toolkit's weight).
    pub weight: u64,
    /// The weight of the opposite direction (0 when below the threshold or absent).
    pub reverse_weight: u64,
    /// `weight + reverse_weight`: distinct posts of either account matched by the other.
    pub symmetric_weight: u64,
    /// `min(weight, reverse_weight) / max(weight, reverse_weight)` in `[0, 1]`.
    pub balance: f64,
    /// Up to `evidence` matched post pairs.
    pub evidence: Vec<Evidence>,
}

/// One account of the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Node {
    /// Account id.
    pub id: String,
    /// The handle, when an account record gave one.
    pub handle: Option<String>,
    /// Posts of this account that carry the trace.
    pub trace_posts: u64,
}

/// A coordination network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Network {
    /// The options used.
    pub options: CoordinateOptions,
    /// Accounts with at least one edge, sorted by id.
    pub nodes: Vec<Node>,
    /// Directed edges sorted by (source, target).
    pub edges: Vec<Edge>,
    /// Posts read (after removing repeated ids).
    pub posts: u64,
    /// Posts carrying the trace.
    pub trace_posts: u64,
    /// Posts dropped because their id repeated an earlier post.
    pub duplicate_posts: u64,
}

/// Streaming network builder: push posts one by one (only compact integers, the interned
/// trace keys and the ids of trace-carrying posts are kept), then [`Coordinator::finish`].
///
/// Repeated post ids are recognised by a 64-bit hash of the id (first record wins); two
/// different ids collide with probability below 3e-6 for 10 million posts.
pub struct Coordinator {
    options: CoordinateOptions,
    id_hasher: DefaultHashBuilder,
    seen: hashbrown::HashSet<u64>,
    users: hashbrown::HashMap<Box<str>, u32>,
    keys: hashbrown::HashMap<Box<str>, u32>,
    /// The ids of trace posts, concatenated; post `i` is `post_ids[post_id_ends[i-1]..post_id_ends[i]]`.
    post_ids: String,
    post_id_ends: Vec<usize>,
    post_times: Vec<i64>,
    entries: Vec<Entry>,
    word_sets: HashMap<u32, Vec<u64>>,
    posts: u64,
    duplicates: u64,
    scratch: Vec<u32>,
}

/// The URLs of a post: a list, or one space-separated string (QUT CSV).
pub(crate) enum Urls<'a> {
    List(&'a [String]),
    Spaced(&'a str),
}

/// What the builder reads of a post, borrowed (so a reader can feed rows without building
/// [`Post`]s).
pub(crate) struct PostTraces<'a> {
    pub(crate) id: &'a str,
    pub(crate) account_id: &'a str,
    pub(crate) time_us: i64,
    pub(crate) repost: bool,
    pub(crate) reposted_id: Option<&'a str>,
    pub(crate) replied_to_id: Option<&'a str>,
    pub(crate) text: &'a str,
    pub(crate) urls: Urls<'a>,
    pub(crate) hashtags: &'a [String],
}

fn intern(map: &mut hashbrown::HashMap<Box<str>, u32>, key: &str) -> u32 {
    if let Some(&i) = map.get(key) {
        return i;
    }
    let i = map.len() as u32;
    map.insert(key.into(), i);
    i
}

impl Coordinator {
    /// A builder with validated options.
    pub fn new(options: &CoordinateOptions) -> Result<Coordinator> {
        options.validate()?;
        Ok(Coordinator {
            options: options.clone(),
            id_hasher: DefaultHashBuilder::default(),
            seen: hashbrown::HashSet::new(),
            users: hashbrown::HashMap::new(),
            keys: hashbrown::HashMap::new(),
            post_ids: String::new(),
            post_id_ends: Vec::new(),
            post_times: Vec::new(),
            entries: Vec::new(),
            word_sets: HashMap::new(),
            posts: 0,
            duplicates: 0,
            scratch: Vec::new(),
        })
    }

    /// The options (validated).
    pub fn options(&self) -> &CoordinateOptions {
        &self.options
    }

    /// Adds one post (a repeated post id is counted and ignored).
    pub fn push(&mut self, p: &Post) -> Result<()> {
        self.push_traces(&PostTraces {
            id: &p.id,
            account_id: &p.account_id,
            time_us: p.created_at.timestamp_micros(),
            repost: p.kind == PostKind::Repost,
            reposted_id: p.reposted_id.as_deref(),
            replied_to_id: p.replied_to_id.as_deref(),
            text: &p.text,
            urls: Urls::List(&p.urls),
            hashtags: &p.hashtags,
        })
    }

    /// Adds one post given by its borrowed traces.
    pub(crate) fn push_traces(&mut self, p: &PostTraces<'_>) -> Result<()> {
        if !self.seen.insert(self.id_hasher.hash_one(p.id)) {
            self.duplicates += 1;
            return Ok(());
        }
        self.posts += 1;
        if self.post_id_ends.len() >= u32::MAX as usize - 1 {
            return Err(Error::arg(
                "posts",
                "more than 4 294 967 294 trace posts; split the input by time",
            ));
        }
        let repost = p.repost;
        let options = &self.options;
        let keys = &mut self.keys;
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        let mut words = None;
        match options.kind {
            CoordinationKind::CoRepost => {
                if let (true, Some(id)) = (repost, p.reposted_id) {
                    out.push(intern(keys, id));
                }
            }
            CoordinationKind::CoLink if !repost => {
                let mut add = |u: &str| match options.url_normalization {
                    UrlNormalization::None => out.push(intern(keys, u)),
                    mode => out.push(intern(keys, &traces::normalize_url(u, mode))),
                };
                match p.urls {
                    Urls::List(list) => list.iter().for_each(|u| add(u)),
                    Urls::Spaced(text) => text.split_whitespace().for_each(add),
                }
            }
            CoordinationKind::CoText if !repost => {
                out.push(intern(keys, &traces::normalize_text(p.text)))
            }
            CoordinationKind::CoReply if !repost => {
                if let Some(id) = p.replied_to_id {
                    out.push(intern(keys, id));
                }
            }
            CoordinationKind::CoHashtagSequence if !repost && !p.hashtags.is_empty() => {
                out.push(intern(keys, &traces::hashtag_sequence(p.hashtags)));
            }
            CoordinationKind::Synchrony => out.push(0),
            CoordinationKind::CoSimilarText if !repost => {
                let w = traces::word_set(p.text);
                if w.len() >= options.min_tokens.max(1) {
                    let hashed = similar::hashed_words(&w);
                    for band in similar::band_keys(&hashed) {
                        out.push(intern(keys, &band.to_string()));
                    }
                    words = Some(hashed);
                }
            }
            _ => {}
        }
        if !out.is_empty() {
            out.sort_unstable();
            out.dedup();
            let user = intern(&mut self.users, p.account_id);
            let post = self.post_id_ends.len() as u32;
            let time = p.time_us;
            self.post_ids.push_str(p.id);
            self.post_id_ends.push(self.post_ids.len());
            self.post_times.push(time);
            if let Some(w) = words {
                self.word_sets.insert(post, w);
            }
            self.entries.extend(out.iter().map(|&key| Entry {
                key,
                time,
                user,
                post,
            }));
        }
        self.scratch = out;
        Ok(())
    }

    /// Builds the network; `accounts` only supply handles (may be empty).
    pub fn finish(self, accounts: &[Account]) -> Network {
        let Coordinator {
            options,
            users,
            keys,
            post_ids,
            post_id_ends,
            post_times,
            mut entries,
            word_sets,
            posts,
            duplicates,
            seen,
            ..
        } = self;
        drop(seen);
        drop(keys);
        let post_id = |i: u32| {
            let i = i as usize;
            let start = if i == 0 { 0 } else { post_id_ends[i - 1] };
            post_ids[start..post_id_ends[i]].to_string()
        };
        let mut names: Vec<Box<str>> = vec![Box::from(""); users.len()];
        for (name, i) in users {
            names[i as usize] = name;
        }
        let mut per_user = vec![0u64; names.len()];
        {
            // Entries of one post are adjacent (pushed together): count each post once.
            let mut last = u32::MAX;
            for e in &entries {
                if e.post != last {
                    per_user[e.user as usize] += 1;
                    last = e.post;
                }
            }
        }
        let trace_posts = per_user.iter().sum();
        if options.min_participation > 1 {
            entries.retain(|e| per_user[e.user as usize] >= options.min_participation);
        }
        let window_us = (options.window_secs * 1_000_000.0).round() as i64;
        let threshold = options.similarity_threshold;
        let raw = if options.kind == CoordinationKind::CoSimilarText {
            let sets = &word_sets;
            let confirm = move |a: u32, b: u32| match (sets.get(&a), sets.get(&b)) {
                (Some(x), Some(y)) => similar::jaccard(x, y) >= threshold,
                _ => false,
            };
            co_action(
                entries,
                window_us,
                options.self_loops,
                options.evidence,
                Some(confirm),
            )
        } else {
            co_action::<fn(u32, u32) -> bool>(
                entries,
                window_us,
                options.self_loops,
                options.evidence,
                None,
            )
        };
        let handles: HashMap<&str, &str> = accounts
            .iter()
            .filter(|a| !a.handle.is_empty())
            .map(|a| (a.id.as_str(), a.handle.as_str()))
            .collect();
        let weights: HashMap<(u32, u32), u64> = raw
            .iter()
            .filter(|r| r.weight >= options.min_edge_weight)
            .map(|r| ((r.source, r.target), r.weight))
            .collect();
        let mut node_ids: BTreeMap<&str, u32> = BTreeMap::new();
        let mut edges: Vec<Edge> = Vec::new();
        for r in raw.iter().filter(|r| r.weight >= options.min_edge_weight) {
            let reverse = if r.source == r.target {
                r.weight
            } else {
                weights.get(&(r.target, r.source)).copied().unwrap_or(0)
            };
            let (lo, hi) = (r.weight.min(reverse), r.weight.max(reverse));
            let src = &*names[r.source as usize];
            let dst = &*names[r.target as usize];
            node_ids.insert(src, r.source);
            node_ids.insert(dst, r.target);
            let evidence = r
                .evidence
                .iter()
                .map(|&(a, b)| Evidence {
                    source_post: post_id(a),
                    target_post: post_id(b),
                    delta_secs: (post_times[b as usize] - post_times[a as usize]) as f64 / 1e6,
                })
                .collect();
            edges.push(Edge {
                source: src.to_string(),
                target: dst.to_string(),
                weight: r.weight,
                reverse_weight: reverse,
                symmetric_weight: if r.source == r.target {
                    r.weight
                } else {
                    r.weight + reverse
                },
                balance: if hi == 0 { 0.0 } else { lo as f64 / hi as f64 },
                evidence,
            });
        }
        edges.sort_by(|a, b| (&a.source, &a.target).cmp(&(&b.source, &b.target)));
        let nodes = node_ids
            .into_iter()
            .map(|(id, u)| Node {
                id: id.to_string(),
                handle: handles.get(id).map(|h| h.to_string()),
                trace_posts: per_user[u as usize],
            })
            .collect();
        Network {
            options,
            nodes,
            edges,
            posts,
            trace_posts,
            duplicate_posts: duplicates,
        }
    }
}

/// Builds the coordination network of `posts` (accounts only supply handles; may be empty).
pub fn coordinate(
    posts: &[Post],
    accounts: &[Account],
    options: &CoordinateOptions,
) -> Result<Network> {
    let mut c = Coordinator::new(options)?;
    for p in posts {
        c.push(p)?;
    }
    Ok(c.finish(accounts))
}
