//! Core distances and the minimum spanning tree of mutual reachability, over a k-d tree.
//!
//! - Core distance of a row: the distance to its `min_samples`-th nearest row, itself counted
//!   (scikit-learn's `NearestNeighbors(min_samples).kneighbors`), so `min_samples = 1` gives 0.
//! - Mutual reachability of two rows: `max(core(a), core(b), d(a, b))`.
//! - The tree: Borůvka's algorithm (1926). Each round, every component but the largest takes
//!   its lightest outgoing edge (the largest is joined through the others'); edges are ordered
//!   by `(weight, smaller row, larger row)`, a strict order, so the choices never close a cycle
//!   and the tree does not depend on thread timing. A row's
//!   lightest edge is found by a nearest-neighbour search in the k-d tree where a node's lower
//!   bound is `max(core(row), smallest core in the node, distance to the node's box)`; nodes
//!   that lie wholly in the row's component, or whose bound exceeds the best edge found so far
//!   by any row of the component, are skipped. Rows are searched in increasing core distance,
//!   in blocks, and a row whose core distance already exceeds its component's best edge is
//!   not searched. Across rounds each row keeps a lower bound on its outgoing edges and, when
//!   known, its exact lightest one: a row whose bound exceeds its component's best edge, or
//!   whose lightest edge still leaves the component, needs no new search.
//!
//! scikit-learn builds the tree with Prim's algorithm on the dense graph (every pair of rows:
//! quadratic time). Any minimum spanning tree has the same weights, so the single-linkage
//! hierarchy is the same; only merges at exactly equal heights may be ordered differently
//! (scikit-learn orders tied edges with numpy's unstable sort), which can move a point that
//! joins two clusters at exactly the height where they split.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::super::kdtree::KdTree;

const NONE: u32 = u32::MAX;

/// Rows searched together in one parallel step of a Borůvka round.
const SEARCH_BLOCK: usize = 2048;

/// Core distances by tree position, each row's `min_samples` nearest rows (positions, and
/// distances), and whether those are exactly the rows within its core distance (no other row
/// at the same distance as the farthest of them).
pub(super) struct Cores {
    pub(super) distance: Vec<f64>,
    k: usize,
    neighbours: Vec<u32>,
    neighbour_distance: Vec<f64>,
    unique: Vec<bool>,
}

/// A row's core distance, whether no other row lies at exactly that distance, and its nearest
/// rows `(squared distance, position)`.
type CoreFound = (f64, bool, Vec<(f64, u32)>);

/// The core distance of every tree position.
pub(super) fn core_distances(tree: &KdTree, min_samples: usize) -> Cores {
    let k = min_samples;
    let found: Vec<CoreFound> = (0..tree.len())
        .into_par_iter()
        .map(|p| {
            let mut knn = tree.k_nearest(p, k + 1);
            let kth = knn.get(k - 1).map_or(0.0, |&(d, _)| d);
            let unique = knn.get(k).is_none_or(|&(d, _)| d > kth);
            knn.truncate(k);
            (kth.sqrt(), unique, knn)
        })
        .collect();
    let mut cores = Cores {
        distance: Vec::with_capacity(found.len()),
        k,
        neighbours: Vec::with_capacity(found.len() * k),
        neighbour_distance: Vec::with_capacity(found.len() * k),
        unique: Vec::with_capacity(found.len()),
    };
    for (d, unique, mut knn) in found {
        cores.distance.push(d);
        cores.unique.push(unique);
        knn.resize(k, (f64::INFINITY, u32::MAX));
        for (dist, o) in knn {
            cores.neighbours.push(o);
            cores.neighbour_distance.push(dist.sqrt());
        }
    }
    cores
}

impl Cores {
    /// The nearest rows of position `p`, with their distances.
    fn near(&self, p: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let at = p * self.k..(p + 1) * self.k;
        self.neighbours[at.clone()]
            .iter()
            .zip(&self.neighbour_distance[at])
            .filter(|(o, _)| **o != u32::MAX)
            .map(|(&o, &d)| (o as usize, d))
    }
}

/// A searched row's new lower bound and, when exact, its lightest edge `(weight, row, position)`.
type Update = (f64, Option<(f64, u32, usize)>);

/// One row's search in a round: its position, its component (`usize::MAX` when no edge was
/// found), the edge `(weight, smaller row, larger row, far position)`, and what to remember.
type Searched = (usize, usize, (f64, u32, u32, usize), Option<Update>);

/// A component's lightest edge: `(weight, smaller row, larger row, position, far position)`.
type Chosen = (f64, u32, u32, usize, usize);

/// Per-node facts that do not change between rounds.
struct Static {
    min_core: Vec<f64>,
    min_row: Vec<u32>,
}

fn statics(tree: &KdTree, core: &[f64]) -> Static {
    let mut min_core = vec![f64::INFINITY; tree.n_nodes];
    let mut min_row = vec![u32::MAX; tree.n_nodes];
    for node in (0..tree.n_nodes).rev() {
        if tree.is_leaf(node) {
            for p in tree.range(node) {
                min_core[node] = min_core[node].min(core[p]);
                min_row[node] = min_row[node].min(tree.index[p]);
            }
        } else {
            let (l, r) = (2 * node + 1, 2 * node + 2);
            min_core[node] = min_core[l].min(min_core[r]);
            min_row[node] = min_row[l].min(min_row[r]);
        }
    }
    Static { min_core, min_row }
}

/// The component of every node whose positions all share one, else `NONE`.
fn node_components(tree: &KdTree, comp: &[u32]) -> Vec<u32> {
    let mut out = vec![NONE; tree.n_nodes];
    for node in (0..tree.n_nodes).rev() {
        out[node] = if tree.is_leaf(node) {
            let mut range = tree.range(node);
            match range.next() {
                None => NONE,
                Some(first) => {
                    let c = comp[first];
                    if range.all(|p| comp[p] == c) { c } else { NONE }
                }
            }
        } else {
            let (l, r) = (out[2 * node + 1], out[2 * node + 2]);
            if l == r { l } else { NONE }
        };
    }
    out
}

/// What one round's search reads.
struct Round<'a> {
    tree: &'a KdTree,
    core: &'a [f64],
    cores: &'a Cores,
    statics: &'a Static,
    comp: &'a [u32],
    node_comp: Vec<u32>,
    best: Vec<AtomicU64>,
}

impl Round<'_> {
    /// The lightest edge from position `p` to another component, as `(weight, row)` of the
    /// other end (lowest row on equal weights), unless every such edge is heavier than the
    /// component's best so far; with a lower bound on the weight of every edge from `p` to
    /// another component, and whether the edge is surely `p`'s own lightest (not only good
    /// enough for the component): then the bound is its weight.
    fn lightest(&self, p: usize) -> Lightest {
        pulp::Arch::new().dispatch(Search { round: self, p })
    }

    /// A lower bound on the weight of every edge from position `p` (core distance `core_p`)
    /// to a row of `node`.
    #[inline(always)]
    fn node_bound(&self, node: usize, p: usize, core_p: f64) -> f64 {
        core_p
            .max(self.statics.min_core[node])
            .max(self.tree.min_rdist(node, p).sqrt())
    }

    /// [`Round::lightest`]'s search, inlined into [`pulp`]'s dispatch.
    #[inline(always)]
    fn search(&self, p: usize) -> Lightest {
        let tree = self.tree;
        let c = self.comp[p];
        let shared = &self.best[c as usize];
        let core_p = self.core[p];
        // No edge from p weighs less than core(p); when the rows within core(p) are known,
        // an edge of exactly that weight is found among them without a search.
        if self.cores.unique[p] {
            let at_core = self
                .cores
                .near(p)
                .map(|(o, _)| o)
                .filter(|&o| self.comp[o] != c && self.core[o] <= core_p)
                .map(|o| (tree.index[o], o))
                .min();
            if let Some((row, o)) = at_core {
                shared.fetch_min(core_p.to_bits(), Ordering::Relaxed);
                return Lightest {
                    edge: Some((core_p, row, o)),
                    exact: true,
                    lower: core_p,
                };
            }
        }
        let mut best: Option<(f64, u32, usize)> = None;
        let mut stack = vec![(core_p.max(self.statics.min_core[0]), 0usize)];
        while let Some((bound, node)) = stack.pop() {
            let limit = f64::from_bits(shared.load(Ordering::Relaxed));
            if bound > limit || self.node_comp[node] == c {
                continue;
            }
            if let Some((w, row, _)) = best
                && (bound > w || (bound == w && self.statics.min_row[node] > row))
            {
                continue;
            }
            if tree.is_leaf(node) {
                for o in tree.range(node) {
                    if self.comp[o] == c {
                        continue;
                    }
                    let floor = core_p.max(self.core[o]);
                    let cap = best.map_or(limit, |(w, _, _)| w.min(limit));
                    if floor > cap {
                        continue;
                    }
                    // Rows surely farther than the best weight need no exact distance.
                    let d2 = tree.rdist_upto(p, o, cap * cap * (1.0 + 1e-12));
                    let w = floor.max(d2.sqrt());
                    let row = tree.index[o];
                    if best.is_none_or(|(bw, br, _)| (w, row) < (bw, br)) {
                        best = Some((w, row, o));
                    }
                }
            } else {
                let (l, r) = (2 * node + 1, 2 * node + 2);
                let (bl, br) = (self.node_bound(l, p, core_p), self.node_bound(r, p, core_p));
                if bl <= br {
                    stack.push((br, r));
                    stack.push((bl, l));
                } else {
                    stack.push((bl, l));
                    stack.push((br, r));
                }
            }
        }
        // Everything pruned was heavier than a limit read during the search, which is at least
        // the limit now: when the edge found is not heavier than that, it is p's own lightest.
        let now = f64::from_bits(match best {
            Some((w, _, _)) => shared.fetch_min(w.to_bits(), Ordering::Relaxed),
            None => shared.load(Ordering::Relaxed),
        });
        match best {
            Some((w, _, _)) if w <= now => Lightest {
                edge: best,
                exact: true,
                lower: w,
            },
            _ => Lightest {
                edge: best,
                exact: false,
                lower: now.max(core_p),
            },
        }
    }
}

/// [`Round::lightest`] under [`pulp`]'s dispatch: AVX2 where present, for everything inlined
/// into it. Every helper the search calls (the children's bound, `rdist_upto` and the distances
/// under it) is `#[inline(always)]`: with `#[inline]` only, they stayed out of line in SSE2,
/// half the samples of an HDBSCAN run at 50,000 accounts; once inlined the profile shows the
/// whole search in AVX2 (1.03–1.38× on whole HDBSCAN runs at 100,000 accounts, five
/// interleaved pairs on a machine whose speed drifted). Leaves are read row by row here, each
/// distance stopping once it exceeds the bound: in the costly last rounds a visited leaf holds
/// ~24 rows, ~15 of another component, ~14 of them measured (counted at 200,000 accounts), and
/// full distances to the whole leaf at once measured no faster.
struct Search<'a, 'r> {
    round: &'r Round<'a>,
    p: usize,
}

impl pulp::WithSimd for Search<'_, '_> {
    type Output = Lightest;

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) -> Lightest {
        self.round.search(self.p)
    }
}

/// What [`Round::lightest`] found.
struct Lightest {
    edge: Option<(f64, u32, usize)>,
    exact: bool,
    lower: f64,
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

/// The minimum spanning tree of mutual reachability, as `(row, row, weight)` sorted by
/// `(weight, smaller row, larger row)`. `core` is by tree position.
pub(super) fn mst(tree: &KdTree, cores: &Cores) -> Vec<(usize, usize, f64)> {
    let n = tree.len();
    let core = &cores.distance[..];
    let statics = statics(tree, core);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        core[a]
            .total_cmp(&core[b])
            .then(tree.index[a].cmp(&tree.index[b]))
    });
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut edges: Vec<(usize, usize, f64)> = Vec::with_capacity(n.saturating_sub(1));
    let mut components = n;
    // Per position, across rounds: a lower bound on the weight of its edges to other
    // components, and its lightest such edge when known exactly. Components only grow, so a
    // row's lightest outgoing edge only gets heavier: the bound stays true, and a known edge
    // whose far end is still in another component is still the row's lightest (the candidates
    // only shrank), so neither needs a new search.
    let mut lower = vec![0.0f64; n];
    let mut known: Vec<Option<(f64, u32, u32)>> = vec![None; n];
    while components > 1 {
        let comp: Vec<u32> = (0..n as u32).map(|p| find(&mut parent, p)).collect();
        let round = Round {
            tree,
            core,
            cores,
            statics: &statics,
            comp: &comp,
            node_comp: node_components(tree, &comp),
            best: (0..n)
                .map(|_| AtomicU64::new(f64::INFINITY.to_bits()))
                .collect(),
        };
        // Edges to the nearest rows give each component a first bound on its lightest edge,
        // so that searches are pruned from their start.
        (0..n).into_par_iter().for_each(|p| {
            let c = comp[p];
            let near = cores
                .near(p)
                .filter(|&(o, _)| comp[o] != c)
                .map(|(o, d)| core[p].max(core[o]).max(d))
                .fold(f64::INFINITY, f64::min);
            if near.is_finite() {
                round.best[c as usize].fetch_min(near.to_bits(), Ordering::Relaxed);
            }
        });
        // Every component's lightest edge belongs to the tree (the cut property; edges are
        // strictly ordered), but a round needs only some of them to make progress. Searching
        // from the rows of the largest component is the costliest part (each must show that
        // nothing outside lies closer than the best edge), so it is skipped: that component is
        // joined through the lightest edges of the others (with two left, the smaller one's).
        let mut size = vec![0u32; n];
        for &c in &comp {
            size[c as usize] += 1;
        }
        let largest = (0..n).max_by_key(|&c| size[c]).unwrap_or(0);
        let search = |p: usize| {
            let c = comp[p] as usize;
            if c == largest {
                return None;
            }
            let limit = f64::from_bits(round.best[c].load(Ordering::Relaxed));
            if core[p] > limit || lower[p] > limit {
                return None;
            }
            let me = tree.index[p];
            if let Some((w, row, o)) = known[p]
                && comp[o as usize] as usize != c
            {
                round.best[c].fetch_min(w.to_bits(), Ordering::Relaxed);
                return Some((p, c, (w, me.min(row), me.max(row), o as usize), None));
            }
            let found = round.lightest(p);
            let update = (found.lower, found.edge.filter(|_| found.exact));
            found
                .edge
                .map(|(w, row, o)| (p, c, (w, me.min(row), me.max(row), o), Some(update)))
                .or(Some((p, usize::MAX, (0.0, 0, 0, 0), Some(update))))
        };
        // Rows in blocks of increasing core distance, each block on every core: the first
        // blocks find the light edges that let later rows (heavier cores) skip their search or
        // prune it early; one split of the whole order between threads would start the second
        // thread at the median core distance with nothing to prune by.
        let mut searched: Vec<Searched> = Vec::new();
        for block in order.chunks(SEARCH_BLOCK) {
            searched.par_extend(block.par_iter().filter_map(|&p| search(p)));
        }
        let mut found = Vec::with_capacity(searched.len());
        for (p, c, edge, update) in searched {
            if let Some((bound, exact)) = update {
                lower[p] = lower[p].max(bound);
                known[p] = exact.map(|(w, row, o)| (w, row, o as u32));
            }
            if c != usize::MAX {
                found.push((p, (c, edge)));
            }
        }
        // The lightest edge of each component, by (weight, smaller row, larger row).
        let mut chosen: Vec<Option<Chosen>> = vec![None; n];
        for &(p, (c, (w, lo, hi, o))) in &found {
            let slot = &mut chosen[c];
            if slot.is_none_or(|(bw, blo, bhi, _, _)| (w, lo, hi) < (bw, blo, bhi)) {
                *slot = Some((w, lo, hi, p, o));
            }
        }
        let before = components;
        for (w, lo, hi, p, o) in chosen.into_iter().flatten() {
            let (a, b) = (find(&mut parent, p as u32), find(&mut parent, o as u32));
            if a != b {
                parent[a.max(b) as usize] = a.min(b);
                edges.push((lo as usize, hi as usize, w));
                components -= 1;
            }
        }
        if components == before {
            break; // cannot happen with finite values; guards against an endless loop
        }
    }
    edges.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    edges
}

#[cfg(test)]
mod tests {
    use super::super::super::kdtree::rdist;
    use super::*;
    use ndarray::Array2;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Prim on the dense graph: the total weight of a minimum spanning tree.
    fn prim_weight(x: &Array2<f64>, core: &[f64]) -> f64 {
        let n = x.nrows();
        let rows: Vec<Vec<f64>> = x.rows().into_iter().map(|r| r.to_vec()).collect();
        let mut in_tree = vec![false; n];
        let mut dist = vec![f64::INFINITY; n];
        dist[0] = 0.0;
        let mut total = 0.0;
        for _ in 0..n {
            let u = (0..n)
                .filter(|&i| !in_tree[i])
                .min_by(|&a, &b| dist[a].total_cmp(&dist[b]))
                .unwrap_or(0);
            in_tree[u] = true;
            total += dist[u];
            for v in 0..n {
                if !in_tree[v] {
                    let w = core[u].max(core[v]).max(rdist(&rows[u], &rows[v]).sqrt());
                    dist[v] = dist[v].min(w);
                }
            }
        }
        total
    }

    #[test]
    fn boruvka_tree_weighs_what_prims_weighs() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        for (n, d, k) in [(300, 2, 5), (500, 3, 1), (400, 4, 10)] {
            let x =
                Array2::from_shape_fn((n, d), |(i, _)| (i % 3) as f64 * 4.0 + rng.random::<f64>());
            let tree = KdTree::new(x.view());
            let cores = core_distances(&tree, k);
            let mut core = vec![0.0; n];
            for (p, &c) in cores.distance.iter().enumerate() {
                core[tree.index[p] as usize] = c;
            }
            let edges = mst(&tree, &cores);
            assert_eq!(edges.len(), n - 1);
            let total: f64 = edges.iter().map(|e| e.2).sum();
            assert!((total - prim_weight(&x, &core)).abs() < 1e-9, "{n} {d} {k}");
        }
    }
}
