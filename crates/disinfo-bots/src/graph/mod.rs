//! Graph analysis of a coordination [`Network`]: connected components (petgraph union-find),
//! seeded deterministic communities ([`leiden`]) and per-community summaries.
//!
//! Communities use the undirected view: the weight of `{u, v}` is the edge's
//! `symmetric_weight` (distinct posts of either account matched by the other).
//!
//! ```
//! use disinfo_bots::network::{Edge, Network, Node, CoordinateOptions};
//! use disinfo_bots::graph::{analyse, GraphOptions};
//! let edge = |s: &str, t: &str| Edge { source: s.into(), target: t.into(), weight: 2, reverse_weight: 2,
//!     symmetric_weight: 4, balance: 1.0, evidence: vec![] };
//! let node = |id: &str| Node { id: id.into(), handle: None, trace_posts: 2 };
//! let net = Network { options: CoordinateOptions::default(), nodes: vec![node("a"), node("b")],
//!     edges: vec![edge("a", "b"), edge("b", "a")], posts: 4, trace_posts: 4, duplicate_posts: 0 };
//! let g = analyse(&net, &GraphOptions::default()).unwrap();
//! assert_eq!(g.communities.len(), 1);
//! assert_eq!(g.communities[0].members, vec!["a", "b"]);
//! ```

pub mod leiden;

use std::collections::{BTreeMap, HashMap};

use petgraph::unionfind::UnionFind;
use serde::{Deserialize, Serialize};

use crate::network::Network;
use crate::{Error, Result};

/// Options of [`analyse`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct GraphOptions {
    /// RNG seed of the community detection (default 42; written back in the result).
    pub seed: u64,
    /// Modularity resolution (default 1.0; larger gives smaller communities).
    pub resolution: f64,
    /// Communities smaller than this are reported with community `null` (default 2).
    pub min_community_size: usize,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions {
            seed: 42,
            resolution: 1.0,
            min_community_size: 2,
        }
    }
}

/// One community.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Community {
    /// Community number (0 = largest; ties by smallest member id).
    pub id: u32,
    /// Number of accounts.
    pub size: usize,
    /// Directed edges inside / `size * (size - 1)`.
    pub density: f64,
    /// Sum of directed weights inside.
    pub internal_weight: u64,
    /// Sum of directed weights leaving the community.
    pub external_weight: u64,
    /// Member account ids, sorted.
    pub members: Vec<String>,
}

/// Components, communities and per-node labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct GraphAnalysis {
    /// The seed used.
    pub seed: u64,
    /// Modularity of the community partition (undirected, resolution 1).
    pub modularity: f64,
    /// Number of weakly connected components.
    pub components: usize,
    /// Component number per account id (0 = largest).
    pub component_of: BTreeMap<String, u32>,
    /// Community number per account id (`None` for communities below `min_community_size`).
    pub community_of: BTreeMap<String, Option<u32>>,
    /// Communities of at least `min_community_size` accounts, largest first.
    pub communities: Vec<Community>,
}

/// Components and communities of a network.
pub fn analyse(network: &Network, options: &GraphOptions) -> Result<GraphAnalysis> {
    if !(options.resolution.is_finite() && options.resolution > 0.0) {
        return Err(Error::arg(
            "resolution",
            format!("{} is not a positive number", options.resolution),
        ));
    }
    let index: HashMap<&str, usize> = network
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let n = network.nodes.len();
    let mut uf = UnionFind::<usize>::new(n);
    let mut pair_weight: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    let mut directed: Vec<(usize, usize, u64)> = Vec::with_capacity(network.edges.len());
    for e in &network.edges {
        let (Some(&a), Some(&b)) = (index.get(e.source.as_str()), index.get(e.target.as_str()))
        else {
            return Err(Error::arg(
                "network",
                format!(
                    "edge {} -> {} names an account missing from `nodes`",
                    e.source, e.target
                ),
            ));
        };
        uf.union(a, b);
        directed.push((a, b, e.weight));
        if a != b {
            *pair_weight.entry((a.min(b), a.max(b))).or_insert(0.0) += e.weight as f64;
        }
    }
    let mut adj: leiden::Adjacency = vec![Vec::new(); n];
    for (&(a, b), &w) in &pair_weight {
        adj[a].push((b, w));
        adj[b].push((a, w));
    }
    let membership = leiden::communities(&adj, options.resolution, options.seed);
    let modularity = leiden::modularity(&adj, &membership);

    let comp_labels = uf.into_labeling();
    let component_rank = rank_groups(&comp_labels, n);
    let community_rank = rank_groups(&membership, n);
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &c) in membership.iter().enumerate() {
        groups.entry(community_rank[c]).or_default().push(i);
    }
    let mut communities = Vec::new();
    let mut community_of = BTreeMap::new();
    let mut kept_id: HashMap<usize, u32> = HashMap::new();
    for (rank, members) in &groups {
        if members.len() >= options.min_community_size.max(1) {
            kept_id.insert(*rank, communities.len() as u32);
            let inside: Vec<bool> = (0..n)
                .map(|i| community_rank[membership[i]] == *rank)
                .collect();
            let (mut internal_edges, mut internal_weight, mut external_weight) = (0u64, 0u64, 0u64);
            for &(a, b, w) in &directed {
                if inside[a] && inside[b] {
                    if a != b {
                        internal_edges += 1;
                    }
                    internal_weight += w;
                } else if inside[a] {
                    external_weight += w;
                }
            }
            let size = members.len();
            let pairs = (size * size.saturating_sub(1)) as f64;
            let mut ids: Vec<String> = members
                .iter()
                .map(|&i| network.nodes[i].id.clone())
                .collect();
            ids.sort();
            communities.push(Community {
                id: communities.len() as u32,
                size,
                density: if pairs > 0.0 {
                    internal_edges as f64 / pairs
                } else {
                    0.0
                },
                internal_weight,
                external_weight,
                members: ids,
            });
        }
    }
    for (i, node) in network.nodes.iter().enumerate() {
        community_of.insert(
            node.id.clone(),
            kept_id.get(&community_rank[membership[i]]).copied(),
        );
    }
    let component_of = network
        .nodes
        .iter()
        .enumerate()
        .map(|(i, nd)| (nd.id.clone(), component_rank[comp_labels[i]] as u32))
        .collect();
    Ok(GraphAnalysis {
        seed: options.seed,
        modularity,
        components: component_rank.iter().filter(|&&r| r != usize::MAX).count(),
        component_of,
        community_of,
        communities,
    })
}

/// Ranks group labels by size (desc), then by smallest member index: `rank[label]`.
fn rank_groups(labels: &[usize], n: usize) -> Vec<usize> {
    let k = labels.iter().max().map_or(0, |m| m + 1).max(n);
    let mut size = vec![0usize; k];
    let mut first = vec![usize::MAX; k];
    for (i, &l) in labels.iter().enumerate() {
        size[l] += 1;
        first[l] = first[l].min(i);
    }
    let mut present: Vec<usize> = (0..k).filter(|&l| size[l] > 0).collect();
    present.sort_by_key(|&l| (std::cmp::Reverse(size[l]), first[l]));
    let mut rank = vec![usize::MAX; k];
    for (r, &l) in present.iter().enumerate() {
        rank[l] = r;
    }
    rank
}

/// Adjusted Rand index of two labelings of the same items (1 = identical up to renaming).
pub fn adjusted_rand_index(a: &[u64], b: &[u64]) -> f64 {
    let n = a.len().min(b.len());
    let mut joint: HashMap<(u64, u64), u64> = HashMap::new();
    let mut ra: HashMap<u64, u64> = HashMap::new();
    let mut rb: HashMap<u64, u64> = HashMap::new();
    for i in 0..n {
        *joint.entry((a[i], b[i])).or_insert(0) += 1;
        *ra.entry(a[i]).or_insert(0) += 1;
        *rb.entry(b[i]).or_insert(0) += 1;
    }
    let c2 = |x: u64| (x * x.saturating_sub(1)) as f64 / 2.0;
    let index: f64 = joint.values().map(|&x| c2(x)).sum();
    let sa: f64 = ra.values().map(|&x| c2(x)).sum();
    let sb: f64 = rb.values().map(|&x| c2(x)).sum();
    let total = c2(n as u64);
    if total == 0.0 {
        return 1.0;
    }
    let expected = sa * sb / total;
    let max = (sa + sb) / 2.0;
    if (max - expected).abs() < f64::EPSILON {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ari_is_one_for_renamed_labels_and_low_for_unrelated() {
        assert!((adjusted_rand_index(&[0, 0, 1, 1], &[5, 5, 3, 3]) - 1.0).abs() < 1e-12);
        assert!(adjusted_rand_index(&[0, 0, 1, 1], &[0, 1, 0, 1]) < 0.0);
    }
}
