//! A k-d tree over the rows of a matrix: the spatial index behind DBSCAN's range queries and
//! HDBSCAN's core distances and minimum spanning tree.
//!
//! The tree is a complete binary tree over the rows (as scikit-learn's `KDTree` builds it):
//! node `i` has children `2i + 1` and `2i + 2`, each node splits its rows at the median of the
//! dimension where they spread most, and every node keeps the bounding box of its rows. Rows are
//! copied in tree order, so a leaf's rows sit next to each other in memory.
//!
//! Written here rather than taken from `linfa-nn`, whose `KdTree` answers only "the k nearest"
//! and "all within r" as lists of row views: the clustering needs what it does not offer —
//! counting with an early stop (DBSCAN's core test), whole nodes as answers (a node entirely
//! within `eps` joins a cluster in one step), queries pruned by a caller's predicate on nodes
//! (HDBSCAN's Borůvka step skips nodes that lie in the querying point's own component) and
//! access to row indices. It also panics on a non-finite value, where we return an error.
//!
//! Distances follow scikit-learn's exactly: the squared distance is the sum of squared
//! coordinate differences in column order, compared with `r * r`. The bounds of a box are
//! sums of the same terms taken at the box's faces; since rounding is monotonic, a row's squared
//! distance is never below the box's lower bound nor above its upper bound, so whole-node
//! answers agree with row-by-row answers bit for bit.

use ndarray::ArrayView2;
use rayon::prelude::*;

/// Rows per leaf (at most twice this). scikit-learn's default leaf size is 30 to 40.
const LEAF_SIZE: usize = 32;

/// Below this many rows a subtree is built on one thread.
const PARALLEL_BUILD: usize = 1 << 15;

/// The spatial index.
pub(crate) struct KdTree {
    /// Columns.
    pub(crate) dim: usize,
    /// Rows in tree order, row-major.
    points: Vec<f64>,
    /// The original row of each tree position.
    pub(crate) index: Vec<u32>,
    /// `[start, end)` of each node's rows in tree order.
    ranges: Vec<(u32, u32)>,
    /// Per node: `dim` lower bounds then `dim` upper bounds.
    bounds: Vec<f64>,
    /// Nodes (`2^levels - 1`); the last level holds the leaves.
    pub(crate) n_nodes: usize,
}

/// The squared Euclidean distance, summed in column order (scikit-learn's `rdist`).
#[inline]
pub(crate) fn rdist(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for (x, y) in a.iter().zip(b) {
        let d = x - y;
        s += d * d;
    }
    s
}

impl KdTree {
    /// Builds the tree over the rows of `x` (finite values; checked by the caller).
    pub(crate) fn new(x: ArrayView2<'_, f64>) -> KdTree {
        let (n, dim) = x.dim();
        let standard = x.as_standard_layout();
        let data: &[f64] = standard.as_slice().unwrap_or_default();
        let mut levels = 1;
        while n > LEAF_SIZE << (levels - 1) && levels < 30 {
            levels += 1;
        }
        let n_nodes = (1usize << levels) - 1;
        let mut index: Vec<u32> = (0..n as u32).collect();
        let row = |i: u32| &data[i as usize * dim..(i as usize + 1) * dim];
        partition(&mut index, &row, dim, 0, levels);
        let mut ranges = vec![(0u32, 0u32); n_nodes];
        ranges[0] = (0, n as u32);
        for node in 0..n_nodes {
            let left = 2 * node + 1;
            if left < n_nodes {
                let (start, end) = ranges[node];
                let mid = start + (end - start) / 2;
                ranges[left] = (start, mid);
                ranges[left + 1] = (mid, end);
            }
        }
        let mut points = Vec::with_capacity(n * dim);
        for &i in &index {
            points.extend_from_slice(row(i));
        }
        let mut tree = KdTree {
            dim,
            points,
            index,
            ranges,
            bounds: vec![0.0; n_nodes * 2 * dim],
            n_nodes,
        };
        tree.compute_bounds();
        tree
    }

    fn compute_bounds(&mut self) {
        let dim = self.dim;
        if dim == 0 {
            return;
        }
        let first_leaf = self.n_nodes / 2;
        // Leaves from their rows, in parallel; then parents from their children.
        let points = &self.points;
        let ranges = &self.ranges;
        let (internal, leaves) = self.bounds.split_at_mut(first_leaf * 2 * dim);
        leaves
            .par_chunks_mut(2 * dim)
            .enumerate()
            .for_each(|(k, b)| {
                let (start, end) = ranges[first_leaf + k];
                let (lo, hi) = b.split_at_mut(dim);
                lo.fill(f64::INFINITY);
                hi.fill(f64::NEG_INFINITY);
                for r in start as usize..end as usize {
                    let p = &points[r * dim..(r + 1) * dim];
                    for j in 0..dim {
                        lo[j] = lo[j].min(p[j]);
                        hi[j] = hi[j].max(p[j]);
                    }
                }
            });
        for node in (0..first_leaf).rev() {
            let (l, r) = (2 * node + 1, 2 * node + 2);
            for j in 0..dim {
                let child = |c: usize, k: usize| {
                    if c < first_leaf {
                        internal[c * 2 * dim + k]
                    } else {
                        leaves[(c - first_leaf) * 2 * dim + k]
                    }
                };
                let lo = child(l, j).min(child(r, j));
                let hi = child(l, dim + j).max(child(r, dim + j));
                internal[node * 2 * dim + j] = lo;
                internal[node * 2 * dim + dim + j] = hi;
            }
        }
    }

    /// Rows.
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether `node` is a leaf.
    #[inline]
    pub(crate) fn is_leaf(&self, node: usize) -> bool {
        2 * node + 1 >= self.n_nodes
    }

    /// The tree positions of a node's rows.
    #[inline]
    pub(crate) fn range(&self, node: usize) -> std::ops::Range<usize> {
        let (s, e) = self.ranges[node];
        s as usize..e as usize
    }

    /// The row at a tree position.
    #[inline]
    pub(crate) fn point(&self, position: usize) -> &[f64] {
        &self.points[position * self.dim..(position + 1) * self.dim]
    }

    #[inline]
    fn lo(&self, node: usize) -> &[f64] {
        &self.bounds[node * 2 * self.dim..node * 2 * self.dim + self.dim]
    }

    #[inline]
    fn hi(&self, node: usize) -> &[f64] {
        &self.bounds[node * 2 * self.dim + self.dim..(node + 1) * 2 * self.dim]
    }

    /// The smallest squared distance from `q` to the node's box.
    #[inline]
    pub(crate) fn min_rdist(&self, node: usize, q: &[f64]) -> f64 {
        let (lo, hi) = (self.lo(node), self.hi(node));
        let mut s = 0.0;
        for j in 0..self.dim {
            let d = if q[j] < lo[j] {
                lo[j] - q[j]
            } else if q[j] > hi[j] {
                q[j] - hi[j]
            } else {
                0.0
            };
            s += d * d;
        }
        s
    }

    /// The largest squared distance from `q` to a point of the node's box.
    #[inline]
    pub(crate) fn max_rdist(&self, node: usize, q: &[f64]) -> f64 {
        let (lo, hi) = (self.lo(node), self.hi(node));
        let mut s = 0.0;
        for j in 0..self.dim {
            let d = (q[j] - lo[j]).abs().max((hi[j] - q[j]).abs());
            s += d * d;
        }
        s
    }

    /// The squared diameter of the node's box: no two of its rows are farther apart.
    pub(crate) fn diameter_rdist(&self, node: usize) -> f64 {
        let (lo, hi) = (self.lo(node), self.hi(node));
        let mut s = 0.0;
        for j in 0..self.dim {
            let d = hi[j] - lo[j];
            s += d * d;
        }
        s
    }

    /// Counts the rows within squared distance `r2` of `q` (itself included when it is a row),
    /// stopping as soon as the count reaches `cap`.
    pub(crate) fn count_within(&self, q: &[f64], r2: f64, cap: usize) -> usize {
        let mut count = 0;
        let mut stack = vec![0usize];
        while let Some(node) = stack.pop() {
            if self.min_rdist(node, q) > r2 {
                continue;
            }
            let range = self.range(node);
            if self.max_rdist(node, q) <= r2 {
                count += range.len();
            } else if self.is_leaf(node) {
                count += range.filter(|&p| rdist(q, self.point(p)) <= r2).count();
            } else {
                stack.push(2 * node + 2);
                stack.push(2 * node + 1);
                continue;
            }
            if count >= cap {
                return count;
            }
        }
        count
    }

    /// Calls `f(position)` for every row within squared distance `r2` of `q`.
    pub(crate) fn for_each_within(&self, q: &[f64], r2: f64, mut f: impl FnMut(usize)) {
        let mut stack = vec![0usize];
        while let Some(node) = stack.pop() {
            if self.min_rdist(node, q) > r2 {
                continue;
            }
            if self.is_leaf(node) {
                for p in self.range(node) {
                    if rdist(q, self.point(p)) <= r2 {
                        f(p);
                    }
                }
            } else {
                stack.push(2 * node + 2);
                stack.push(2 * node + 1);
            }
        }
    }

    /// The `k` nearest rows of `q` (itself included when it is a row) as `(squared distance,
    /// tree position)`, nearest first; ties in distance keep the smaller original row first.
    pub(crate) fn k_nearest(&self, q: &[f64], k: usize) -> Vec<(f64, usize)> {
        let mut best: Vec<(f64, usize)> = Vec::with_capacity(k + 1);
        let worst = |best: &Vec<(f64, usize)>| {
            if best.len() < k {
                f64::INFINITY
            } else {
                best[best.len() - 1].0
            }
        };
        let mut stack = vec![(0.0f64, 0usize)];
        while let Some((bound, node)) = stack.pop() {
            if bound > worst(&best) {
                continue;
            }
            if self.is_leaf(node) {
                for p in self.range(node) {
                    let d = rdist(q, self.point(p));
                    if d <= worst(&best) {
                        let key = (d, self.index[p]);
                        let at = best.partition_point(|&(bd, bp)| (bd, self.index[bp]) < key);
                        if at < k {
                            best.insert(at, (d, p));
                            best.truncate(k);
                        }
                    }
                }
            } else {
                let (l, r) = (2 * node + 1, 2 * node + 2);
                let (dl, dr) = (self.min_rdist(l, q), self.min_rdist(r, q));
                // Nearer child last, so it is visited first.
                if dl <= dr {
                    stack.push((dr, r));
                    stack.push((dl, l));
                } else {
                    stack.push((dl, l));
                    stack.push((dr, r));
                }
            }
        }
        best
    }
}

/// Orders `index` so that each node of a complete tree with `levels` levels holds a
/// contiguous run of rows, split at the median of the widest dimension.
fn partition<'a, F>(index: &mut [u32], row: &F, dim: usize, level: usize, levels: usize)
where
    F: Fn(u32) -> &'a [f64] + Sync,
{
    if level + 1 >= levels || index.len() < 2 || dim == 0 {
        return;
    }
    let mut lo = vec![f64::INFINITY; dim];
    let mut hi = vec![f64::NEG_INFINITY; dim];
    for &i in index.iter() {
        for (j, v) in row(i).iter().enumerate() {
            lo[j] = lo[j].min(*v);
            hi[j] = hi[j].max(*v);
        }
    }
    let mut split = 0;
    for j in 1..dim {
        if hi[j] - lo[j] > hi[split] - lo[split] {
            split = j;
        }
    }
    let mid = index.len() / 2;
    index.select_nth_unstable_by(mid, |&a, &b| {
        row(a)[split].total_cmp(&row(b)[split]).then(a.cmp(&b))
    });
    let (left, right) = index.split_at_mut(mid);
    if left.len() + right.len() >= PARALLEL_BUILD {
        rayon::join(
            || partition(left, row, dim, level + 1, levels),
            || partition(right, row, dim, level + 1, levels),
        );
    } else {
        partition(left, row, dim, level + 1, levels);
        partition(right, row, dim, level + 1, levels);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn random(n: usize, d: usize, seed: u64) -> Array2<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        Array2::from_shape_fn((n, d), |_| rng.random::<f64>() * 10.0)
    }

    #[test]
    fn range_queries_agree_with_a_scan() {
        let x = random(3000, 3, 1);
        let tree = KdTree::new(x.view());
        for i in (0..3000).step_by(97) {
            let q = x.row(i).to_vec();
            let scan: usize = x
                .rows()
                .into_iter()
                .filter(|r| rdist(&q, r.as_slice().unwrap_or(&[])) <= 1.0)
                .count();
            assert_eq!(tree.count_within(&q, 1.0, usize::MAX), scan);
            let mut seen = Vec::new();
            tree.for_each_within(&q, 1.0, |p| seen.push(tree.index[p]));
            assert_eq!(seen.len(), scan);
            assert!(tree.count_within(&q, 1.0, 3) >= scan.min(3));
        }
    }

    #[test]
    fn k_nearest_agrees_with_a_scan_and_counts_the_row_itself() {
        let x = random(2000, 4, 2);
        let tree = KdTree::new(x.view());
        for i in (0..2000).step_by(131) {
            let q = x.row(i).to_vec();
            let mut all: Vec<f64> = x
                .rows()
                .into_iter()
                .map(|r| rdist(&q, &r.to_vec()))
                .collect();
            all.sort_by(f64::total_cmp);
            let knn = tree.k_nearest(&q, 5);
            assert_eq!(knn[0].0, 0.0);
            assert_eq!(knn.iter().map(|p| p.0).collect::<Vec<_>>(), all[..5].to_vec());
        }
    }

    #[test]
    fn a_tree_of_one_row_or_no_column_answers() {
        let x = Array2::from_elem((1, 2), 1.0);
        let tree = KdTree::new(x.view());
        assert_eq!(tree.count_within(&[1.0, 1.0], 0.0, 10), 1);
        let empty = Array2::<f64>::zeros((5, 0));
        let tree = KdTree::new(empty.view());
        assert_eq!(tree.count_within(&[], 0.0, 10), 5);
    }
}
