//! HDBSCAN (Campello, Moulavi & Sander 2013) as scikit-learn's `sklearn.cluster.HDBSCAN` defines
//! it for the Euclidean metric, written from that definition:
//!
//! 1. core distance of a point: the distance to its `min_samples`-th nearest neighbour, the
//!    point itself counted (so `min_samples = 1` gives 0);
//! 2. mutual reachability `max(core(a), core(b), d(a, b))`;
//! 3. minimum spanning tree of the mutual-reachability graph by Prim's algorithm from row 0 on
//!    the dense graph, a node joining from the first tree node that reached it at its smallest
//!    weight (scikit-learn's tie rule);
//! 4. single-linkage tree: MST edges in increasing weight (stable on ties), merged with a
//!    union-find; node `n + i` is made by the `i`-th merge;
//! 5. condensed tree: walking the single-linkage tree breadth first from the root, a split
//!    whose two sides both have at least `min_cluster_size` points makes two new clusters; a
//!    side smaller than that drops out of its parent as points at `λ = 1 / distance`;
//! 6. stability of a cluster `Σ (λ_child − λ_birth) × size_child`; excess-of-mass selection
//!    keeps a cluster unless its children's summed (selected) stability is larger; the root is
//!    a candidate only with `allow_single_cluster`; `leaf` selection keeps the leaves;
//!    `cluster_selection_epsilon` merges clusters born below that distance into their parent;
//! 7. a point's label is its nearest selected ancestor in the condensed tree (`-1` when none);
//!    its probability is `min(λ_point, λ_max) / λ_max` with `λ_max` the largest λ in its
//!    cluster.
//!
//! Time is O(n²) and memory O(n): distances are recomputed rather than stored (about 2n²
//! distance evaluations: core distances, then Prim), which suits per-account feature matrices of
//! thousands to tens of thousands of rows, not millions.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{bad, check_non_negative, check_positive};
use crate::error::Result;

/// How clusters are chosen from the condensed tree.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SelectionMethod {
    /// Excess of mass (the default): the most persistent clusters.
    #[default]
    Eom,
    /// The leaves of the cluster tree: many small homogeneous clusters.
    Leaf,
}

/// Parameters of HDBSCAN (`params` of [`super::ClusterOptions`] with `method: "hdbscan"`).
/// Defaults are scikit-learn's.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct HdbscanParams {
    /// Smallest group counted as a cluster (>= 2); default 5.
    pub min_cluster_size: usize,
    /// Neighbours (the point included) that define the core distance; default
    /// `min_cluster_size`. Must not exceed the number of rows.
    pub min_samples: Option<usize>,
    /// Clusters split below this distance are merged back; default 0 (off).
    pub cluster_selection_epsilon: f64,
    /// `eom` (default) or `leaf`.
    pub cluster_selection_method: SelectionMethod,
    /// Allow the whole data set as one cluster; default false.
    pub allow_single_cluster: bool,
}

impl Default for HdbscanParams {
    fn default() -> Self {
        HdbscanParams {
            min_cluster_size: 5,
            min_samples: None,
            cluster_selection_epsilon: 0.0,
            cluster_selection_method: SelectionMethod::Eom,
            allow_single_cluster: false,
        }
    }
}

/// What HDBSCAN reports besides labels (`hdbscan` of [`super::ClusterResult`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HdbscanDetails {
    /// Strength of each row's membership in its cluster, in [0, 1]; 0 for noise.
    pub probabilities: Vec<f64>,
}

fn dist(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f64>()
        .sqrt()
}

fn core_distances(x: &[Vec<f64>], min_samples: usize) -> Vec<f64> {
    let mut row = Vec::with_capacity(x.len());
    x.iter()
        .map(|a| {
            row.clear();
            row.extend(x.iter().map(|b| dist(a, b)));
            let k = min_samples - 1;
            let (_, kth, _) = row.select_nth_unstable_by(k, f64::total_cmp);
            *kth
        })
        .collect()
}

/// Prim on the dense mutual-reachability graph: `(from, to, weight)` edges.
fn mst(x: &[Vec<f64>], core: &[f64]) -> Vec<(usize, usize, f64)> {
    let n = x.len();
    let mut in_tree = vec![false; n];
    let mut min_reach = vec![f64::INFINITY; n];
    let mut source = vec![0usize; n];
    let mut edges = Vec::with_capacity(n.saturating_sub(1));
    let mut current = 0;
    for _ in 1..n {
        in_tree[current] = true;
        let mut best = f64::MAX;
        let (mut best_src, mut best_node) = (0, 0);
        for j in 0..n {
            if in_tree[j] {
                continue;
            }
            let reach = core[current].max(core[j]).max(dist(&x[current], &x[j]));
            if reach < min_reach[j] {
                min_reach[j] = reach;
                source[j] = current;
                if reach < best {
                    best = reach;
                    best_src = current;
                    best_node = j;
                }
            } else if min_reach[j] < best {
                best = min_reach[j];
                best_src = source[j];
                best_node = j;
            }
        }
        edges.push((best_src, best_node, best));
        current = best_node;
    }
    edges
}

/// One merge of the single-linkage tree.
#[derive(Debug, Clone, Copy)]
struct Merge {
    left: usize,
    right: usize,
    distance: f64,
    size: usize,
}

fn single_linkage(n: usize, mut edges: Vec<(usize, usize, f64)>) -> Vec<Merge> {
    edges.sort_by(|a, b| a.2.total_cmp(&b.2));
    let mut parent: Vec<Option<usize>> = vec![None; 2 * n - 1];
    let mut size = vec![1usize; 2 * n - 1];
    let find = |parent: &mut Vec<Option<usize>>, start: usize| {
        let mut root = start;
        while let Some(p) = parent[root] {
            root = p;
        }
        let mut node = start;
        while let Some(p) = parent[node] {
            if p == root {
                break;
            }
            parent[node] = Some(root);
            node = p;
        }
        root
    };
    let mut merges = Vec::with_capacity(n - 1);
    for (i, (a, b, d)) in edges.into_iter().enumerate() {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        let new = n + i;
        size[new] = size[ra] + size[rb];
        merges.push(Merge {
            left: ra,
            right: rb,
            distance: d,
            size: size[new],
        });
        parent[ra] = Some(new);
        parent[rb] = Some(new);
    }
    merges
}

/// A row of the condensed tree: `child` (a point `< n` or a cluster `>= n`) leaves `parent` at
/// `lambda`.
#[derive(Debug, Clone, Copy)]
struct Condensed {
    parent: usize,
    child: usize,
    lambda: f64,
    size: usize,
}

fn bfs_hierarchy(merges: &[Merge], n: usize, root: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut queue = vec![root];
    while !queue.is_empty() {
        out.extend_from_slice(&queue);
        let mut next = Vec::new();
        for &node in &queue {
            if node >= n {
                let m = merges[node - n];
                next.push(m.left);
                next.push(m.right);
            }
        }
        queue = next;
    }
    out
}

fn condense(merges: &[Merge], n: usize, min_cluster_size: usize) -> Vec<Condensed> {
    let root = 2 * n - 2;
    let size_of = |node: usize| if node >= n { merges[node - n].size } else { 1 };
    let mut relabel = vec![0usize; root + 1];
    relabel[root] = n;
    let mut next_label = n + 1;
    let mut ignore = vec![false; root + 1];
    let mut rows = Vec::new();
    for node in bfs_hierarchy(merges, n, root) {
        if ignore[node] || node < n {
            continue;
        }
        let m = merges[node - n];
        let lambda = if m.distance > 0.0 {
            1.0 / m.distance
        } else {
            f64::INFINITY
        };
        let (lc, rc) = (size_of(m.left), size_of(m.right));
        let parent = relabel[node];
        let fall_out = |side: usize, rows: &mut Vec<Condensed>, ignore: &mut Vec<bool>| {
            for sub in bfs_hierarchy(merges, n, side) {
                if sub < n {
                    rows.push(Condensed {
                        parent,
                        child: sub,
                        lambda,
                        size: 1,
                    });
                }
                ignore[sub] = true;
            }
        };
        match (lc >= min_cluster_size, rc >= min_cluster_size) {
            (true, true) => {
                for (side, count) in [(m.left, lc), (m.right, rc)] {
                    relabel[side] = next_label;
                    rows.push(Condensed {
                        parent,
                        child: next_label,
                        lambda,
                        size: count,
                    });
                    next_label += 1;
                }
            }
            (false, false) => {
                fall_out(m.left, &mut rows, &mut ignore);
                fall_out(m.right, &mut rows, &mut ignore);
            }
            (false, true) => {
                relabel[m.right] = parent;
                fall_out(m.left, &mut rows, &mut ignore);
            }
            (true, false) => {
                relabel[m.left] = parent;
                fall_out(m.right, &mut rows, &mut ignore);
            }
        }
    }
    rows
}

/// The selected clusters of the condensed tree, as scikit-learn's `_get_clusters` chooses them.
struct Tree {
    n: usize,
    /// Cluster ids run from `n` (the root) to `n + clusters - 1`.
    clusters: usize,
    rows: Vec<Condensed>,
    /// Cluster children of each cluster (index `id - n`).
    children: Vec<Vec<usize>>,
    /// The λ at which each node (point or cluster) leaves its parent, and that parent.
    parent_of: Vec<Option<(usize, f64)>>,
}

impl Tree {
    fn new(n: usize, rows: Vec<Condensed>) -> Tree {
        let clusters = rows
            .iter()
            .map(|r| r.parent.max(r.child))
            .max()
            .map_or(1, |m| m.max(n) - n + 1);
        let mut children = vec![Vec::new(); clusters];
        let mut parent_of = vec![None; n + clusters];
        for r in &rows {
            if r.size > 1 {
                children[r.parent - n].push(r.child);
            }
            parent_of[r.child] = Some((r.parent, r.lambda));
        }
        Tree {
            n,
            clusters,
            rows,
            children,
            parent_of,
        }
    }

    fn stability(&self) -> Vec<f64> {
        let birth = |c: usize| self.parent_of[c].map_or(0.0, |(_, l)| l);
        let mut s = vec![0.0; self.clusters];
        for r in &self.rows {
            s[r.parent - self.n] += (r.lambda - birth(r.parent)) * r.size as f64;
        }
        s
    }

    fn descendants(&self, c: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![c];
        while let Some(x) = stack.pop() {
            for &ch in &self.children[x - self.n] {
                out.push(ch);
                stack.push(ch);
            }
        }
        out
    }

    fn leaves(&self) -> Vec<usize> {
        if self.children[0].is_empty() {
            return Vec::new();
        }
        let root = self.n;
        let mut out: Vec<usize> = std::iter::once(root)
            .chain(self.descendants(root))
            .filter(|&c| self.children[c - self.n].is_empty())
            .collect();
        out.sort_unstable();
        out
    }

    /// 1 / λ at which cluster `c` was born (its distance), `inf` for the root.
    fn birth_distance(&self, c: usize) -> f64 {
        self.parent_of[c].map_or(f64::INFINITY, |(_, l)| 1.0 / l)
    }

    fn traverse_upwards(&self, leaf: usize, epsilon: f64, allow_single: bool) -> usize {
        let mut node = leaf;
        loop {
            let Some((parent, _)) = self.parent_of[node] else {
                return node;
            };
            if parent == self.n {
                return if allow_single { parent } else { node };
            }
            if self.birth_distance(parent) > epsilon {
                return parent;
            }
            node = parent;
        }
    }

    fn epsilon_search(
        &self,
        leaves: &BTreeSet<usize>,
        epsilon: f64,
        allow_single: bool,
    ) -> BTreeSet<usize> {
        let mut selected = BTreeSet::new();
        let mut processed = BTreeSet::new();
        for &leaf in leaves {
            if self.birth_distance(leaf) < epsilon {
                if !processed.contains(&leaf) {
                    let c = self.traverse_upwards(leaf, epsilon, allow_single);
                    selected.insert(c);
                    processed.extend(self.descendants(c));
                }
            } else {
                selected.insert(leaf);
            }
        }
        selected
    }

    fn select(&self, p: &HdbscanParams) -> BTreeSet<usize> {
        let root = self.n;
        let first = if p.allow_single_cluster {
            root
        } else {
            root + 1
        };
        let candidates: Vec<usize> = (first..root + self.clusters).rev().collect();
        let mut is_cluster = vec![false; self.clusters];
        for &c in &candidates {
            is_cluster[c - root] = true;
        }
        let has_splits = !self.children[0].is_empty();
        match p.cluster_selection_method {
            SelectionMethod::Eom => {
                let mut stability = self.stability();
                for &c in &candidates {
                    let sub: f64 = self.children[c - root]
                        .iter()
                        .map(|&ch| stability[ch - root])
                        .sum();
                    if sub > stability[c - root] {
                        is_cluster[c - root] = false;
                        stability[c - root] = sub;
                    } else {
                        for d in self.descendants(c) {
                            is_cluster[d - root] = false;
                        }
                    }
                }
                if p.cluster_selection_epsilon != 0.0 && has_splits {
                    let eom: BTreeSet<usize> = candidates
                        .iter()
                        .copied()
                        .filter(|&c| is_cluster[c - root])
                        .collect();
                    let selected = if eom.len() == 1 && eom.contains(&root) {
                        eom
                    } else {
                        self.epsilon_search(
                            &eom,
                            p.cluster_selection_epsilon,
                            p.allow_single_cluster,
                        )
                    };
                    for &c in &candidates {
                        is_cluster[c - root] = selected.contains(&c);
                    }
                }
            }
            SelectionMethod::Leaf => {
                let leaves: BTreeSet<usize> = self.leaves().into_iter().collect();
                let selected = if p.cluster_selection_epsilon != 0.0 {
                    self.epsilon_search(
                        &leaves,
                        p.cluster_selection_epsilon,
                        p.allow_single_cluster,
                    )
                } else {
                    leaves
                };
                for &c in &candidates {
                    is_cluster[c - root] = selected.contains(&c);
                }
            }
        }
        candidates
            .into_iter()
            .filter(|&c| is_cluster[c - root])
            .collect()
    }

    fn label(&self, selected: &BTreeSet<usize>, p: &HdbscanParams) -> (Vec<i64>, Vec<f64>) {
        let root = self.n;
        let index: Vec<usize> = selected.iter().copied().collect();
        let label_of = |c: usize| index.binary_search(&c).ok().map(|i| i as i64);
        // The largest λ seen in each cluster, for probabilities.
        let mut deaths = vec![0.0f64; self.clusters];
        for r in &self.rows {
            let d = &mut deaths[r.parent - root];
            *d = d.max(r.lambda);
        }
        let single_root = p.allow_single_cluster && selected.len() == 1 && selected.contains(&root);
        let root_threshold = if p.cluster_selection_epsilon != 0.0 {
            1.0 / p.cluster_selection_epsilon
        } else {
            deaths[0]
        };
        let mut labels = vec![-1i64; self.n];
        let mut probabilities = vec![0.0; self.n];
        for point in 0..self.n {
            let Some((mut c, point_lambda)) = self.parent_of[point] else {
                continue;
            };
            let cluster = loop {
                if c == root {
                    break (single_root && point_lambda >= root_threshold).then_some(root);
                }
                if selected.contains(&c) {
                    break Some(c);
                }
                match self.parent_of[c] {
                    Some((up, _)) => c = up,
                    None => break None,
                }
            };
            let Some(cluster) = cluster else { continue };
            let Some(l) = label_of(cluster) else { continue };
            labels[point] = l;
            let max_lambda = deaths[cluster - root];
            probabilities[point] = if max_lambda == 0.0 || point_lambda.is_infinite() {
                1.0
            } else {
                point_lambda.min(max_lambda) / max_lambda
            };
        }
        (labels, probabilities)
    }
}

/// HDBSCAN labels (`-1` is noise; clusters numbered in the order of their condensed-tree ids,
/// as scikit-learn numbers them) and membership probabilities of the rows of `x` (already
/// checked and, usually, standardised).
pub fn fit(x: &[Vec<f64>], params: &HdbscanParams) -> Result<(Vec<i64>, HdbscanDetails)> {
    let n = x.len();
    if params.min_cluster_size < 2 {
        return Err(bad("min_cluster_size", "must be >= 2"));
    }
    let min_samples = params.min_samples.unwrap_or(params.min_cluster_size);
    check_positive("min_samples", min_samples)?;
    if n < 2 {
        return Err(bad("matrix", "HDBSCAN needs at least 2 rows"));
    }
    if min_samples > n {
        return Err(bad(
            "min_samples",
            format!(
                "is {min_samples} (min_samples defaults to min_cluster_size) but the matrix \
                 has only {n} rows"
            ),
        ));
    }
    let eps = params.cluster_selection_epsilon;
    check_non_negative("cluster_selection_epsilon", eps)?;
    let core = core_distances(x, min_samples);
    let merges = single_linkage(n, mst(x, &core));
    let tree = Tree::new(n, condense(&merges, n, params.min_cluster_size));
    let selected = tree.select(params);
    let (labels, probabilities) = tree.label(&selected, params);
    Ok((labels, HdbscanDetails { probabilities }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn blobs() -> Vec<Vec<f64>> {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut x = Vec::new();
        for (cx, spread) in [(0.0, 0.3), (10.0, 0.6)] {
            for _ in 0..30 {
                x.push(vec![
                    cx + spread * (rng.random::<f64>() - 0.5),
                    spread * (rng.random::<f64>() - 0.5),
                ]);
            }
        }
        x.push(vec![5.0, 40.0]);
        x
    }

    #[test]
    fn hdbscan_finds_two_blobs_and_one_outlier() {
        let (labels, details) = fit(&blobs(), &HdbscanParams::default()).expect("valid");
        assert!(labels[..30].iter().all(|&l| l == labels[0]));
        assert!(labels[30..60].iter().all(|&l| l == labels[30]));
        assert_ne!(labels[0], labels[30]);
        assert!(labels[0] >= 0 && labels[30] >= 0);
        assert_eq!(labels[60], -1);
        assert_eq!(details.probabilities[60], 0.0);
        assert!(
            details
                .probabilities
                .iter()
                .all(|p| (0.0..=1.0).contains(p))
        );
    }

    #[test]
    fn hdbscan_one_blob_is_noise_unless_single_cluster_allowed() {
        let x: Vec<Vec<f64>> = (0..20).map(|i| vec![f64::from(i) * 0.1]).collect();
        let (labels, _) = fit(&x, &HdbscanParams::default()).expect("valid");
        assert!(labels.iter().all(|&l| l == -1));
        let single = HdbscanParams {
            allow_single_cluster: true,
            ..HdbscanParams::default()
        };
        let (labels, _) = fit(&x, &single).expect("valid");
        assert!(labels.contains(&0));
    }

    #[test]
    fn hdbscan_duplicate_rows_do_not_panic() {
        let x = vec![vec![1.0, 1.0]; 12];
        let (labels, details) = fit(&x, &HdbscanParams::default()).expect("valid");
        assert_eq!(labels.len(), 12);
        assert!(details.probabilities.iter().all(|p| p.is_finite()));
        let leaf = HdbscanParams {
            cluster_selection_method: SelectionMethod::Leaf,
            cluster_selection_epsilon: 0.5,
            allow_single_cluster: true,
            ..HdbscanParams::default()
        };
        assert!(fit(&x, &leaf).is_ok());
    }

    #[test]
    fn hdbscan_rejects_min_samples_above_rows_and_single_row() {
        assert!(fit(&vec![vec![0.0]; 3], &HdbscanParams::default()).is_err());
        let p = HdbscanParams {
            min_cluster_size: 2,
            ..HdbscanParams::default()
        };
        assert!(fit(&[vec![0.0]], &p).is_err());
        assert!(fit(&[vec![0.0], vec![1.0]], &p).is_ok());
    }
}
