//! DBSCAN as scikit-learn's `sklearn.cluster.DBSCAN` defines it (Euclidean), over a k-d tree
//! and on every core.
//!
//! Definitions (scikit-learn's): a row's neighbourhood holds itself and every row at distance
//! `<= eps`; a row is core when its neighbourhood has at least `min_samples` rows; clusters are
//! the connected components of core rows (two core rows within `eps` are connected), numbered in
//! the order of their first row; a non-core row within `eps` of core rows is a border row and
//! joins the first of those clusters (scikit-learn's depth-first expansion, started at each
//! unvisited core row in row order, gives it to the cluster expanded first, which is the one
//! with the smallest first row); other rows are noise (`-1`). The labels are therefore those
//! of scikit-learn exactly, not just up to a renumbering.
//!
//! How it scales: core rows are found by counting neighbours with an early stop at
//! `min_samples` (a box entirely within `eps` counts in one step); components are joined with a
//! shared union-find whose roots are the smallest rows, from all cores in parallel; a box whose
//! diameter is at most `eps` has all its core rows joined once, so a query that finds such a box
//! entirely within `eps` joins it in one step instead of row by row. No neighbourhood list is
//! ever stored (scikit-learn stores them all: memory grows with the number of neighbour pairs).
//!
//! `linfa-clustering`'s `Dbscan` gives the same kind of labels but runs one range query per row
//! on one thread, collecting every neighbourhood as a list, which does not reach a million rows.

use ndarray::ArrayView2;
use rayon::prelude::*;
use serde::Deserialize;

use super::kdtree::{Around, KdTree};
use super::unionfind::UnionFind;
use super::{bad, check_columns, check_positive};
use crate::error::Result;

/// Parameters of DBSCAN (`params` of [`super::ClusterOptions`] with `method: "dbscan"`).
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DbscanParams {
    /// Neighbourhood radius in (standardised) feature space; default 0.5.
    pub eps: f64,
    /// Rows in a neighbourhood (the row itself included) that make a core row; default 5.
    pub min_samples: usize,
}

impl Default for DbscanParams {
    fn default() -> Self {
        DbscanParams {
            eps: 0.5,
            min_samples: 5,
        }
    }
}

const NONE: u32 = u32::MAX;

/// A node within `eps` across that holds no core row: nothing in it can join a cluster.
const EMPTY: u32 = u32::MAX - 1;

/// DBSCAN labels of the rows of `x` (`-1` is noise; clusters numbered from 0 in the order of
/// their first row, as scikit-learn numbers them). `x` must be finite.
///
/// ```
/// use disinfo_bots::cluster::dbscan;
/// use ndarray::array;
///
/// let x = array![[0.0, 0.0], [0.1, 0.0], [0.0, 0.1], [5.0, 5.0], [5.1, 5.0], [5.0, 5.1], [20.0, 20.0]];
/// assert_eq!(dbscan(x.view(), 0.5, 3).unwrap(), vec![0, 0, 0, 1, 1, 1, -1]);
/// ```
pub fn dbscan(x: ArrayView2<'_, f64>, eps: f64, min_samples: usize) -> Result<Vec<i64>> {
    if !(eps.is_finite() && eps > 0.0) {
        return Err(bad("eps", "must be a finite number > 0"));
    }
    check_positive("min_samples", min_samples)?;
    check_columns(x)?;
    if let Some((i, j)) = super::standardise::first_non_finite(x) {
        return Err(bad(
            "matrix",
            format!("row {i}, column {j} is not a finite number"),
        ));
    }
    let n = x.nrows();
    let tree = KdTree::new(x);
    let r2 = eps * eps;
    // Core test, by tree position; a non-core row keeps its (few) neighbours.
    let around: Vec<Around> = (0..n)
        .into_par_iter()
        .map(|p| tree.around(p, r2, min_samples))
        .collect();
    let core: Vec<bool> = around
        .iter()
        .map(|a| matches!(a, Around::AtLeast))
        .collect();
    let sets = UnionFind::new(n);
    let row = |p: usize| tree.index[p];
    let tight = join_tight_nodes(&tree, &core, r2, &sets);
    (0..n).into_par_iter().filter(|&p| core[p]).for_each(|p| {
        join_neighbours(&tree, &core, &tight, p, r2, &sets);
    });
    // Clusters in the order of their smallest row (the roots).
    let mut root_label = vec![-1i64; n];
    let mut roots: Vec<u32> = (0..n)
        .filter(|&p| core[p])
        .map(|p| sets.find(row(p)))
        .collect();
    roots.sort_unstable();
    roots.dedup();
    for (label, &r) in roots.iter().enumerate() {
        root_label[r as usize] = label as i64;
    }
    let labels_by_position: Vec<i64> = around
        .par_iter()
        .enumerate()
        .map(|(p, a)| match a {
            Around::AtLeast => root_label[sets.find(row(p)) as usize],
            // A border row joins the cluster with the smallest first row among its core
            // neighbours' clusters.
            Around::Few(neighbours) => neighbours
                .iter()
                .filter(|&&q| core[q as usize])
                .map(|&q| sets.find(row(q as usize)))
                .min()
                .map_or(-1, |root| root_label[root as usize]),
        })
        .collect();
    let mut labels = vec![-1i64; n];
    for (p, label) in labels_by_position.into_iter().enumerate() {
        labels[row(p) as usize] = label;
    }
    Ok(labels)
}

/// Joins the core rows of every maximal node whose diameter is at most `eps` (they are all
/// within `eps` of each other). Returns, per node, one core row (original index) standing for
/// such a node's joined core rows, `EMPTY` for such a node without core rows, or `NONE`.
fn join_tight_nodes(tree: &KdTree, core: &[bool], r2: f64, sets: &UnionFind) -> Vec<u32> {
    let mut rep = vec![NONE; tree.n_nodes];
    let mut stack = vec![0usize];
    let mut tight_roots = Vec::new();
    while let Some(node) = stack.pop() {
        if tree.diameter_rdist(node) <= r2 {
            tight_roots.push(node);
        } else if !tree.is_leaf(node) {
            stack.push(2 * node + 1);
            stack.push(2 * node + 2);
        }
    }
    let found: Vec<(usize, u32)> = tight_roots
        .par_iter()
        .map(|&node| {
            let mut first = NONE;
            for p in tree.range(node) {
                if core[p] {
                    let r = tree.index[p];
                    if first == NONE {
                        first = r;
                    } else {
                        sets.union(first, r);
                    }
                }
            }
            (node, first)
        })
        .collect();
    for (node, first) in found {
        let first = if first == NONE { EMPTY } else { first };
        {
            // Descendants of a tight node are tight with the same joined set.
            let mut stack = vec![node];
            while let Some(m) = stack.pop() {
                rep[m] = first;
                if !tree.is_leaf(m) {
                    stack.push(2 * m + 1);
                    stack.push(2 * m + 2);
                }
            }
        }
    }
    rep
}

/// Joins core row `p` (a tree position) with every core row within `eps`.
fn join_neighbours(
    tree: &KdTree,
    core: &[bool],
    tight: &[u32],
    p: usize,
    r2: f64,
    sets: &UnionFind,
) {
    pulp::Arch::new().dispatch(Join {
        tree,
        core,
        tight,
        p,
        r2,
        sets,
    })
}

/// [`join_neighbours`] under [`pulp`]'s dispatch (AVX2 where present, for the box and row
/// distances inlined into it).
struct Join<'a> {
    tree: &'a KdTree,
    core: &'a [bool],
    tight: &'a [u32],
    p: usize,
    r2: f64,
    sets: &'a UnionFind,
}

impl pulp::WithSimd for Join<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        join_search(self.tree, self.core, self.tight, self.p, self.r2, self.sets);
    }
}

/// [`join_neighbours`]'s search, inlined into [`pulp`]'s dispatch.
#[inline(always)]
fn join_search(tree: &KdTree, core: &[bool], tight: &[u32], p: usize, r2: f64, sets: &UnionFind) {
    let me = tree.index[p];
    let mut stack = vec![0usize];
    while let Some(node) = stack.pop() {
        if tree.min_rdist(node, p) > r2 {
            continue;
        }
        match tight[node] {
            EMPTY => continue,
            NONE => {}
            rep if tree.max_rdist(node, p) <= r2 => {
                sets.union(me, rep);
                continue;
            }
            _ => {}
        }
        if tree.is_leaf(node) {
            for o in tree.range(node) {
                if core[o] && tree.within(p, o, r2) {
                    sets.union(me, tree.index[o]);
                }
            }
        } else {
            stack.push(2 * node + 2);
            stack.push(2 * node + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::kdtree::rdist;
    use super::*;
    use ndarray::{Array2, array};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// scikit-learn's algorithm, written plainly: all neighbourhoods, then depth-first
    /// expansion from each unvisited core row in row order.
    fn reference(x: &Array2<f64>, eps: f64, min_samples: usize) -> Vec<i64> {
        let n = x.nrows();
        let rows: Vec<Vec<f64>> = x.rows().into_iter().map(|r| r.to_vec()).collect();
        let nb: Vec<Vec<usize>> = (0..n)
            .map(|i| {
                (0..n)
                    .filter(|&j| rdist(&rows[i], &rows[j]) <= eps * eps)
                    .collect()
            })
            .collect();
        let core: Vec<bool> = nb.iter().map(|v| v.len() >= min_samples).collect();
        let mut labels = vec![-1i64; n];
        let mut next = 0;
        for start in 0..n {
            if labels[start] != -1 || !core[start] {
                continue;
            }
            let mut stack = vec![start];
            while let Some(i) = stack.pop() {
                if labels[i] != -1 {
                    continue;
                }
                labels[i] = next;
                if core[i] {
                    stack.extend(nb[i].iter().copied().filter(|&j| labels[j] == -1));
                }
            }
            next += 1;
        }
        labels
    }

    #[test]
    fn dbscan_separates_two_blobs_and_marks_noise() {
        let m = array![
            [0.0, 0.0],
            [0.1, 0.0],
            [0.0, 0.1],
            [5.0, 5.0],
            [5.1, 5.0],
            [5.0, 5.1],
            [20.0, 20.0]
        ];
        assert_eq!(
            dbscan(m.view(), 0.5, 3).expect("valid"),
            vec![0, 0, 0, 1, 1, 1, -1]
        );
    }

    #[test]
    fn dbscan_labels_equal_the_plain_algorithm_border_rows_included() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        for (n, d, eps, ms) in [
            (600, 2, 0.3, 4),
            (800, 3, 0.6, 8),
            (500, 5, 1.2, 3),
            (400, 2, 0.05, 1),
        ] {
            // Clumps plus uniform noise, with duplicated rows.
            let mut x = Array2::<f64>::zeros((n, d));
            for i in 0..n {
                let centre = (i % 4) as f64 * 3.0;
                for j in 0..d {
                    x[[i, j]] = if i % 7 == 0 {
                        rng.random::<f64>() * 12.0
                    } else {
                        centre + rng.random::<f64>()
                    };
                }
                if i % 50 == 49 {
                    let prev = x.row(i - 1).to_owned();
                    x.row_mut(i).assign(&prev);
                }
            }
            assert_eq!(
                dbscan(x.view(), eps, ms).expect("valid"),
                reference(&x, eps, ms)
            );
        }
    }

    #[test]
    fn dbscan_rejects_bad_eps_min_samples_and_values() {
        let one = array![[0.0]];
        assert!(dbscan(one.view(), 0.0, 1).is_err());
        assert!(dbscan(one.view(), f64::NAN, 1).is_err());
        assert!(dbscan(one.view(), 1.0, 0).is_err());
        let nan = array![[0.0], [f64::NAN]];
        assert!(dbscan(nan.view(), 1.0, 1).is_err());
        assert_eq!(dbscan(one.view(), 1.0, 1).expect("one row"), vec![0]);
        assert_eq!(dbscan(one.view(), 1.0, 2).expect("one row"), vec![-1]);
    }
}
