//! Step 3 of a partitioned network, in the driver: the summed weights (and the accounts' rows)
//! become the network ([`merge`]) or its edges alone as columns ([`merge_edges`]).

use disinfo_core::table::Table;
use hashbrown::HashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Interner, NO_TEXT, Numbers, check_numbers, number_column, text_column};
use crate::coordinate::window::RawEdge;
use crate::coordinate::{CoordinateOptions, Counts};
use crate::graph::{self, GraphOptions};
use crate::pipeline::ReadSummary;
use crate::{Error, Result};

/// Options of [`merge`]: the network's options (and communities) and the read's counts.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct MergeOptions {
    /// The trace, window and thresholds (`kind`, `window`, `min_edge_weight`, ...).
    #[serde(flatten)]
    pub coordinate: CoordinateOptions,
    /// Also find components and seeded communities; default false.
    pub communities: bool,
    /// Community detection's settings, used with `communities`.
    #[serde(flatten)]
    pub graph: GraphOptions,
    /// Distinct posts read (the network's `posts`).
    pub posts: u64,
    /// Records repeating an earlier post id.
    pub duplicate_posts: u64,
    /// How the inputs were read.
    pub read: ReadSummary,
}

/// Step 3: the network of summed weights and the accounts' trace posts and handles.
///
/// `edges` has the columns `source`, `target`, `weight` and optionally `post` (step 2's rows
/// as they are): the rows of one pair are added, except that the rows with a `post` >= 0 count
/// 1 per distinct `(source, target, post)` (a post with several keys is listed by every
/// partition that holds one of them). `nodes` has `user`, `trace_posts` and optionally `handle`
/// (empty when none) and `order`: an account may have several rows (one per partition), its
/// trace posts are added and its handle is the one of its smallest `order` (without `order`,
/// its last non-empty handle).
pub fn merge(edges: &Table, nodes: Option<&Table>, options: &MergeOptions) -> Result<MergeResult> {
    options.coordinate.validate()?;
    let source = text_column(edges, "source")?;
    let target = text_column(edges, "target")?;
    let weight = number_column(edges, "weight")?;
    let post = edges.numbers("post");
    if let Some(post) = post {
        check_numbers("edges.post", post, Numbers::Whole)?;
    }
    let mut users = Interner::default();
    let mut sums: HashMap<(u32, u32), u64> = HashMap::new();
    let mut listed: hashbrown::HashSet<(u32, u32, i64)> = hashbrown::HashSet::new();
    for (row, &w) in weight.iter().enumerate() {
        if !(w.is_finite() && w >= 0.0) {
            return Err(Error::arg(
                "edges.weight",
                format!("row {row}: {w} is not a count"),
            ));
        }
        let pair = (users.id(source.get(row)), users.id(target.get(row)));
        let added = match post.map(|p| p[row] as i64) {
            Some(p) if p >= 0 => u64::from(listed.insert((pair.0, pair.1, p))),
            _ => w as u64,
        };
        *sums.entry(pair).or_insert(0) += added;
    }
    let mut raw: Vec<RawEdge> = sums
        .into_iter()
        .map(|((source, target), weight)| RawEdge {
            source,
            target,
            weight,
            evidence: Vec::new(),
        })
        .collect();
    raw.sort_unstable_by_key(|r| (r.source, r.target));
    let mut per_user = vec![0u64; users.names.len()];
    let mut trace_posts = 0;
    let mut handles: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    if let Some(nodes) = nodes {
        let user = text_column(nodes, "user")?;
        let count = number_column(nodes, "trace_posts")?;
        let handle = match nodes.column("handle") {
            Some(_) => text_column(nodes, "handle")?,
            None => &NO_TEXT,
        };
        let order = nodes.numbers("order");
        if let Some(order) = order {
            check_numbers("nodes.order", order, Numbers::Order)?;
        }
        // The handle of each account's smallest order, and that order.
        let mut first: HashMap<&str, (f64, &str)> = HashMap::new();
        for (row, name) in user.iter().enumerate() {
            let n = count[row].max(0.0) as u64;
            trace_posts += n;
            if let Some(&u) = users.ids.get(name) {
                per_user[u as usize] += n;
            }
            let h = handle.get(row);
            match order {
                Some(order) => {
                    let slot = first.entry(name).or_insert((f64::INFINITY, ""));
                    if order[row] < slot.0 {
                        *slot = (order[row], h);
                    }
                }
                None if !h.is_empty() => {
                    handles.insert(name, h);
                }
                None => {}
            }
        }
        handles.extend(
            first
                .into_iter()
                .filter(|(_, (_, h))| !h.is_empty())
                .map(|(name, (_, h))| (name, h)),
        );
    }
    let names: Vec<Box<str>> = users.names.iter().map(|&n| Box::from(n)).collect();
    let counts = Counts {
        posts: options.posts,
        trace_posts,
        duplicate_posts: options.duplicate_posts,
    };
    let network = crate::coordinate::assemble(
        options.coordinate.clone(),
        &raw,
        &names,
        &per_user,
        &handles,
        counts,
        |_| Vec::new(),
    );
    let analysis = match options.communities {
        true => Some(graph::analyse(&network, &options.graph)?),
        false => None,
    };
    Ok(MergeResult {
        network,
        analysis,
        read: options.read.clone(),
    })
}

/// What [`merge`] returns: the shape of a single-process `coordinate` result.
pub type MergeResult = crate::coordinate::run::CoordinateResult;

/// The edges of a network as columns (what [`merge_edges`] returns), sorted by `(source,
/// target)` as in the network.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EdgeTable {
    /// Source account.
    pub source: Vec<String>,
    /// Target account.
    pub target: Vec<String>,
    /// Posts of `source` matched by `target` (at least `min_edge_weight`).
    pub weight: Vec<u64>,
    /// The weight of `target → source` (0 when under `min_edge_weight`).
    pub reverse_weight: Vec<u64>,
    /// `weight + reverse_weight` (`weight` on a self-loop).
    pub symmetric_weight: Vec<u64>,
    /// The smaller of the two weights over the larger.
    pub balance: Vec<f64>,
}

/// Step 3 when only the edges are wanted: the edges [`merge`] gives for `edges` (the same
/// columns; no nodes, counts or communities), as columns instead of one object per edge.
///
/// ```
/// use disinfo_bots::coordinate::partitioned;
/// use disinfo_bots::coordinate::{CoordinateOptions, CoordinationKind};
/// use disinfo_core::table::Table;
/// use serde_json::json;
///
/// let edges = Table::from_json("edges", json!({
///     "source": ["anna", "anna", "ben"], "target": ["ben", "ben", "anna"], "weight": [1, 2, 1],
/// }))?;
/// let mut options = CoordinateOptions::new(CoordinationKind::CoRepost, 60.0);
/// options.min_edge_weight = 2;
/// let table = partitioned::merge_edges(&edges, &options)?;
/// assert_eq!((table.source, table.target), (vec!["anna".to_string()], vec!["ben".to_string()]));
/// assert_eq!((table.weight, table.reverse_weight), (vec![3], vec![0]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn merge_edges(edges: &Table, options: &CoordinateOptions) -> Result<EdgeTable> {
    let merged = merge(
        edges,
        None,
        &MergeOptions {
            coordinate: options.clone(),
            ..MergeOptions::default()
        },
    )?;
    let mut table = EdgeTable::default();
    for edge in merged.network.edges {
        table.source.push(edge.source);
        table.target.push(edge.target);
        table.weight.push(edge.weight);
        table.reverse_weight.push(edge.reverse_weight);
        table.symmetric_weight.push(edge.symmetric_weight);
        table.balance.push(edge.balance);
    }
    Ok(table)
}
