//! A union-find that threads share: DBSCAN joins core points from several threads at once.
//!
//! A union always hangs the larger root under the smaller one, so whatever the order of the
//! unions, the root of a set is its smallest member: the final partition and its roots do not
//! depend on thread timing.

use std::sync::atomic::{AtomicU32, Ordering};

/// Disjoint sets over `0..n`.
pub(crate) struct UnionFind {
    parent: Vec<AtomicU32>,
}

impl UnionFind {
    /// `n` singletons.
    pub(crate) fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n as u32).map(AtomicU32::new).collect(),
        }
    }

    /// The root (smallest member) of `x`'s set, halving the path on the way.
    pub(crate) fn find(&self, mut x: u32) -> u32 {
        loop {
            let p = self.parent[x as usize].load(Ordering::Acquire);
            if p == x {
                return x;
            }
            let grand = self.parent[p as usize].load(Ordering::Acquire);
            if grand != p {
                // Another thread may have moved x already: then this does nothing.
                let _ = self.parent[x as usize].compare_exchange(
                    p,
                    grand,
                    Ordering::AcqRel,
                    Ordering::Acquire,
                );
            }
            x = p;
        }
    }

    /// Joins the sets of `a` and `b`.
    pub(crate) fn union(&self, a: u32, b: u32) {
        loop {
            let (ra, rb) = (self.find(a), self.find(b));
            if ra == rb {
                return;
            }
            let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
            if self.parent[high as usize]
                .compare_exchange(high, low, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn roots_are_the_smallest_members_whatever_the_order() {
        let uf = UnionFind::new(1000);
        (0..999u32).into_par_iter().rev().for_each(|i| {
            if i % 10 != 9 {
                uf.union(i + 1, i);
            }
        });
        for i in 0..1000u32 {
            assert_eq!(uf.find(i), i - i % 10);
        }
    }
}
