//! Co-action coordination networks: accounts that leave the same trace (reposted post, URL,
//! normalised text, near-duplicate text, reply target, hashtag sequence, hashtag, web domain,
//! image, CooRTweet object, or simply posting at the same time) within a sliding window of each
//! other.
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

pub mod partitioned;
pub mod run;
pub mod similar;
pub mod traces;
pub mod window;

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use hashbrown::DefaultHashBuilder;

use crate::model::{Account, Post, PostKind};
use crate::{Error, Result};
use window::{Entry, co_action};

// The network and its options moved to `crate::network` (the graph analyses and the exports
// read them too); their old paths here keep working.
pub use crate::network::{
    CoordinateOptions, CoordinationKind, Edge, Evidence, Network, Node, UrlNormalization,
};

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

/// The URLs of a post: its own list, or borrowed pieces of a CSV row.
pub(crate) enum Urls<'a> {
    List(&'a [String]),
    Refs(&'a [&'a str]),
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
    pub(crate) domains: &'a [String],
    pub(crate) images: &'a [String],
    pub(crate) objects: &'a [String],
}

impl<'a> PostTraces<'a> {
    /// What the builder reads of a post read by a platform reader.
    pub(crate) fn of(p: &'a Post) -> PostTraces<'a> {
        PostTraces {
            id: &p.id,
            account_id: &p.account_id,
            time_us: p.created_at.timestamp_micros(),
            repost: p.kind == PostKind::Repost,
            reposted_id: p.reposted_id.as_deref(),
            replied_to_id: p.replied_to_id.as_deref(),
            text: &p.text,
            urls: Urls::List(&p.urls),
            hashtags: &p.hashtags,
            domains: &p.domains,
            images: &p.images,
            objects: &p.objects,
        }
    }
}

fn intern(map: &mut hashbrown::HashMap<Box<str>, u32>, key: &str) -> u32 {
    if let Some(&i) = map.get(key) {
        return i;
    }
    let i = map.len() as u32;
    map.insert(key.into(), i);
    i
}

/// Calls `key` with each trace key of a post for `options.kind` (a key may come twice; callers
/// deduplicate) and returns the post's hashed word set when the kind compares texts.
pub(crate) fn trace_keys(
    options: &CoordinateOptions,
    p: &PostTraces<'_>,
    mut key: impl FnMut(&str),
) -> Option<Vec<u64>> {
    let repost = p.repost;
    let each_url = |f: &mut dyn FnMut(&str)| match p.urls {
        Urls::List(list) => list.iter().for_each(|u| f(u)),
        Urls::Refs(list) => list.iter().for_each(|u| f(u)),
    };
    match options.kind {
        CoordinationKind::CoRepost => {
            if let (true, Some(id)) = (repost, p.reposted_id) {
                key(id);
            }
        }
        CoordinationKind::CoLink if !repost => {
            each_url(&mut |u| match options.url_normalization {
                UrlNormalization::None => key(u),
                mode => key(&traces::normalize_url(u, mode)),
            });
        }
        CoordinationKind::CoText if !repost => key(&traces::normalize_text(p.text)),
        CoordinationKind::CoReply if !repost => {
            if let Some(id) = p.replied_to_id {
                key(id);
            }
        }
        CoordinationKind::CoHashtagSequence if !repost && !p.hashtags.is_empty() => {
            key(&traces::hashtag_sequence(p.hashtags));
        }
        CoordinationKind::CoHashtag if !repost => {
            for tag in p.hashtags {
                key(&tag.to_lowercase());
            }
        }
        CoordinationKind::CoDomain if !repost => {
            if p.domains.is_empty() {
                each_url(&mut |u| {
                    if let Some(host) = traces::url_host(u) {
                        key(&host);
                    }
                });
            } else {
                for d in p.domains {
                    key(&d.to_lowercase());
                }
            }
        }
        CoordinationKind::CoImage if !repost => p.images.iter().for_each(|i| key(i)),
        CoordinationKind::CoObject => p.objects.iter().for_each(|o| key(o)),
        CoordinationKind::Synchrony => key(""),
        CoordinationKind::CoSimilarText if !repost => {
            let w = traces::word_set(p.text);
            if w.len() >= options.min_tokens.max(1) {
                let hashed = similar::hashed_words(&w);
                for band in similar::band_keys(&hashed) {
                    key(&band.to_string());
                }
                return Some(hashed);
            }
        }
        _ => {}
    }
    None
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
        self.push_traces(&PostTraces::of(p))
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
        let keys = &mut self.keys;
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        let words = trace_keys(&self.options, p, |key| out.push(intern(keys, key)));
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
                owned: true,
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
        let counts = Counts {
            posts,
            trace_posts,
            duplicate_posts: duplicates,
        };
        let handles: HashMap<&str, &str> = accounts
            .iter()
            .filter(|a| !a.handle.is_empty())
            .map(|a| (a.id.as_str(), a.handle.as_str()))
            .collect();
        assemble(options, &raw, &names, &per_user, &handles, counts, |r| {
            r.evidence
                .iter()
                .map(|&(a, b)| Evidence {
                    source_post: post_id(a),
                    target_post: post_id(b),
                    delta_secs: (post_times[b as usize] - post_times[a as usize]) as f64 / 1e6,
                })
                .collect()
        })
    }
}

/// The post counts a network reports.
pub(crate) struct Counts {
    pub(crate) posts: u64,
    pub(crate) trace_posts: u64,
    pub(crate) duplicate_posts: u64,
}

/// The network of raw directed edges on interned users (`names`, `per_user` trace posts): the
/// `min_edge_weight` filter per direction, reverse weights and balance, nodes sorted by id
/// with their `handles`.
pub(crate) fn assemble(
    options: CoordinateOptions,
    raw: &[window::RawEdge],
    names: &[Box<str>],
    per_user: &[u64],
    handles: &HashMap<&str, &str>,
    counts: Counts,
    evidence: impl Fn(&window::RawEdge) -> Vec<Evidence>,
) -> Network {
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
            evidence: evidence(r),
        });
    }
    edges.sort_by(|a, b| (&a.source, &a.target).cmp(&(&b.source, &b.target)));
    let nodes = node_ids
        .into_iter()
        .map(|(id, u)| Node {
            id: id.to_string(),
            handle: handles.get(id).map(|h| h.to_string()),
            trace_posts: per_user.get(u as usize).copied().unwrap_or(0),
        })
        .collect();
    Network {
        options,
        nodes,
        edges,
        posts: counts.posts,
        trace_posts: counts.trace_posts,
        duplicate_posts: counts.duplicate_posts,
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
