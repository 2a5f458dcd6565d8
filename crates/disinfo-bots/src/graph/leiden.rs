//! Seeded, deterministic community detection on an undirected weighted graph: Louvain local
//! moving (random node order from a ChaCha8 RNG seeded by the caller) followed by the Leiden
//! refinement guarantee — every community is split into its connected parts before the graph
//! is aggregated — repeated level by level until nothing moves.
//!
//! Determinism: node orders come only from the seed; ties between communities go to the smaller
//! community index; no hash-map iteration order is involved.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// Adjacency list: `adj[i]` = `(j, w)` with `w > 0`; symmetric; self-loops allowed.
pub type Adjacency = Vec<Vec<(usize, f64)>>;

/// Community index per node (dense, `0..k`, numbered by first appearance in node order).
pub fn communities(adj: &Adjacency, resolution: f64, seed: u64) -> Vec<usize> {
    let n = adj.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut membership: Vec<usize> = (0..n).collect();
    let mut graph = adj.clone();
    for _level in 0..32 {
        let local = local_moving(&graph, resolution, &mut rng);
        let refined = split_disconnected(&graph, &local);
        let k = refined.iter().max().map_or(0, |m| m + 1);
        for m in membership.iter_mut() {
            *m = refined[*m];
        }
        if k == graph.len() {
            break;
        }
        graph = aggregate(&graph, &refined, k);
    }
    renumber(&membership)
}

/// Newman modularity of a partition (resolution 1).
pub fn modularity(adj: &Adjacency, membership: &[usize]) -> f64 {
    let deg: Vec<f64> = adj
        .iter()
        .map(|row| row.iter().map(|e| e.1).sum())
        .collect();
    let m2: f64 = deg.iter().sum();
    if m2 == 0.0 {
        return 0.0;
    }
    let k = membership.iter().max().map_or(0, |m| m + 1);
    let mut inside = vec![0.0; k];
    let mut tot = vec![0.0; k];
    for (i, row) in adj.iter().enumerate() {
        tot[membership[i]] += deg[i];
        for &(j, w) in row {
            if membership[j] == membership[i] {
                inside[membership[i]] += w;
            }
        }
    }
    (0..k).map(|c| inside[c] / m2 - (tot[c] / m2).powi(2)).sum()
}

fn renumber(membership: &[usize]) -> Vec<usize> {
    let mut map = vec![usize::MAX; membership.iter().max().map_or(0, |m| m + 1)];
    let mut next = 0;
    membership
        .iter()
        .map(|&m| {
            if map[m] == usize::MAX {
                map[m] = next;
                next += 1;
            }
            map[m]
        })
        .collect()
}

fn local_moving(adj: &Adjacency, resolution: f64, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let n = adj.len();
    let deg: Vec<f64> = adj
        .iter()
        .map(|row| row.iter().map(|e| e.1).sum())
        .collect();
    let m2: f64 = deg.iter().sum();
    let mut comm: Vec<usize> = (0..n).collect();
    if m2 == 0.0 {
        return comm;
    }
    let mut tot = deg.clone();
    let mut scratch = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut order: Vec<usize> = (0..n).collect();
    for _pass in 0..100 {
        order.shuffle(rng);
        let mut moved = false;
        for &i in &order {
            let old = comm[i];
            tot[old] -= deg[i];
            touched.clear();
            for &(j, w) in &adj[i] {
                if j == i {
                    continue;
                }
                let c = comm[j];
                if scratch[c] == 0.0 {
                    touched.push(c);
                }
                scratch[c] += w;
            }
            let gain = |c: usize, k_in: f64| k_in - resolution * tot[c] * deg[i] / m2;
            let mut best = old;
            let mut best_gain = gain(old, scratch[old]);
            touched.sort_unstable();
            for &c in &touched {
                let g = gain(c, scratch[c]);
                if g > best_gain + 1e-12
                    || ((g - best_gain).abs() <= 1e-12 && c < best && best != old)
                {
                    best = c;
                    best_gain = g;
                }
            }
            for &c in &touched {
                scratch[c] = 0.0;
            }
            scratch[old] = 0.0;
            tot[best] += deg[i];
            if best != old {
                comm[i] = best;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    renumber(&comm)
}

/// Splits every community into the connected components of its induced subgraph.
fn split_disconnected(adj: &Adjacency, comm: &[usize]) -> Vec<usize> {
    let n = adj.len();
    let mut out = vec![usize::MAX; n];
    let mut next = 0;
    let mut stack = Vec::new();
    for s in 0..n {
        if out[s] != usize::MAX {
            continue;
        }
        out[s] = next;
        stack.push(s);
        while let Some(i) = stack.pop() {
            for &(j, _) in &adj[i] {
                if out[j] == usize::MAX && comm[j] == comm[s] {
                    out[j] = next;
                    stack.push(j);
                }
            }
        }
        next += 1;
    }
    out
}

fn aggregate(adj: &Adjacency, comm: &[usize], k: usize) -> Adjacency {
    let mut rows: Vec<std::collections::BTreeMap<usize, f64>> = vec![Default::default(); k];
    for (i, row) in adj.iter().enumerate() {
        for &(j, w) in row {
            *rows[comm[i]].entry(comm[j]).or_insert(0.0) += w;
        }
    }
    rows.into_iter().map(|r| r.into_iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_cliques() -> Adjacency {
        let mut adj: Adjacency = vec![Vec::new(); 8];
        let mut add = |a: usize, b: usize, w: f64| {
            adj[a].push((b, w));
            adj[b].push((a, w));
        };
        for a in 0..4 {
            for b in a + 1..4 {
                add(a, b, 5.0);
                add(a + 4, b + 4, 5.0);
            }
        }
        add(3, 4, 1.0);
        adj
    }

    #[test]
    fn two_cliques_joined_by_one_light_edge_become_two_communities() {
        let m = communities(&two_cliques(), 1.0, 7);
        assert_eq!(m, vec![0, 0, 0, 0, 1, 1, 1, 1]);
        assert!(modularity(&two_cliques(), &m) > 0.4);
    }

    #[test]
    fn same_seed_same_partition() {
        let a = communities(&two_cliques(), 1.0, 3);
        assert_eq!(a, communities(&two_cliques(), 1.0, 3));
    }

    #[test]
    fn isolated_nodes_stay_alone() {
        assert_eq!(communities(&vec![Vec::new(); 3], 1.0, 1), vec![0, 1, 2]);
    }
}
