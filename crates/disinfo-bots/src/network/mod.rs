//! A coordination network as data: its accounts ([`Node`]), directed edges ([`Edge`]) with the
//! matched post pairs behind them ([`Evidence`]), and the [`options`] that built it.
//!
//! The builder ([`crate::coordinate`]), the analyses ([`crate::graph`]) and the exports
//! ([`crate::export`]) all use these types; they sit below all three so that none of them depends
//! on another for its data.

pub mod options;

use serde::{Deserialize, Serialize};

pub use options::{CoordinateOptions, CoordinationKind, UrlNormalization};

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
