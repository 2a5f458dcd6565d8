//! HDBSCAN's hierarchy, from a minimum spanning tree of mutual reachability to labels, as
//! scikit-learn's `sklearn.cluster.HDBSCAN` builds it:
//!
//! 1. single-linkage tree: MST edges in increasing weight (stable on ties), merged with a
//!    union-find; node `n + i` is made by the `i`-th merge;
//! 2. condensed tree: walking the single-linkage tree breadth first from the root, a split
//!    whose two sides both have at least `min_cluster_size` points makes two new clusters; a
//!    side smaller than that drops out of its parent as points at `λ = 1 / distance`;
//! 3. stability of a cluster `Σ (λ_child − λ_birth) × size_child`; excess-of-mass selection
//!    keeps a cluster unless its children's summed (selected) stability is larger, and a kept
//!    cluster hides its descendants; the root is a candidate only with `allow_single_cluster`;
//!    `leaf` selection keeps the leaves; `cluster_selection_epsilon` merges clusters born below
//!    that distance into their parent;
//! 4. a point's label is its nearest selected ancestor in the condensed tree (`-1` when none);
//!    its probability is `min(λ_point, λ_max) / λ_max` with `λ_max` the largest λ in its
//!    cluster.
//!
//! Every step is linear in the points (plus a sort of the edges): a kept cluster hides its
//! descendants in one top-down pass, and each point finds its label through its cluster's
//! selected ancestor, computed once per cluster.

use std::collections::BTreeSet;

use super::{HdbscanParams, SelectionMethod};

/// One merge of the single-linkage tree.
#[derive(Debug, Clone, Copy)]
pub(super) struct Merge {
    left: usize,
    right: usize,
    distance: f64,
    size: usize,
}

/// The single-linkage merges of `n` points from MST edges `(a, b, weight)`.
pub(super) fn single_linkage(n: usize, mut edges: Vec<(usize, usize, f64)>) -> Vec<Merge> {
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
pub(super) struct Condensed {
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

/// The condensed tree of the merges.
pub(super) fn condense(merges: &[Merge], n: usize, min_cluster_size: usize) -> Vec<Condensed> {
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
pub(super) struct Tree {
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
    pub(super) fn new(n: usize, rows: Vec<Condensed>) -> Tree {
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

    pub(super) fn select(&self, p: &HdbscanParams) -> BTreeSet<usize> {
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
                let mut keep = vec![false; self.clusters];
                for &c in &candidates {
                    let sub: f64 = self.children[c - root]
                        .iter()
                        .map(|&ch| stability[ch - root])
                        .sum();
                    if sub > stability[c - root] {
                        stability[c - root] = sub;
                    } else {
                        keep[c - root] = true;
                    }
                }
                // A kept cluster hides its descendants; parents have smaller ids.
                let mut hidden = vec![false; self.clusters];
                for c in root..root + self.clusters {
                    if let Some((parent, _)) = self.parent_of[c] {
                        hidden[c - root] = hidden[parent - root] || keep[parent - root];
                    }
                    is_cluster[c - root] = keep[c - root] && !hidden[c - root];
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

    pub(super) fn label(
        &self,
        selected: &BTreeSet<usize>,
        p: &HdbscanParams,
    ) -> (Vec<i64>, Vec<f64>) {
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
        // Each cluster's nearest selected ancestor-or-self (`root` when the walk reaches the
        // root first), parents before children.
        let mut owner = vec![root; self.clusters];
        for c in root + 1..root + self.clusters {
            owner[c - root] = if selected.contains(&c) {
                c
            } else {
                self.parent_of[c].map_or(root, |(parent, _)| owner[parent - root])
            };
        }
        let mut labels = vec![-1i64; self.n];
        let mut probabilities = vec![0.0; self.n];
        for point in 0..self.n {
            let Some((c, point_lambda)) = self.parent_of[point] else {
                continue;
            };
            let cluster = match owner[c - root] {
                o if o == root => (single_root && point_lambda >= root_threshold).then_some(root),
                o => Some(o),
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
