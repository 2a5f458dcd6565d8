//! The co-action core on compact integers: entries `(key, time, user, post)` sorted by
//! `(key, time)`, a two-pointer sliding window per key (inclusive: `|Δt| <= window`, no bins),
//! key partitions processed in parallel with rayon.
//!
//! A match is a 4-tuple `(u, v, post of u, post of v)`; the directed weight `u → v` is the number
//! of distinct posts of `u` with at least one match by `v` (the QUT toolkit's
//! `count(distinct e_1.message_id)`).

use rayon::prelude::*;

/// One trace occurrence: post `post` by user `user` at `time` (microseconds) carries `key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// Interned trace key.
    pub key: u32,
    /// Time in microseconds since the epoch.
    pub time: i64,
    /// Interned user.
    pub user: u32,
    /// Post index.
    pub post: u32,
    /// Whether the entry's post is a source here: false for the copies a partitioned run puts
    /// next to a time bucket so that its own posts see their whole window (they are matched,
    /// never matching); always true in one process.
    pub owned: bool,
}

/// An aggregated directed edge on interned ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEdge {
    /// Source user.
    pub source: u32,
    /// Target user.
    pub target: u32,
    /// Distinct posts of `source` matched by `target`.
    pub weight: u64,
    /// Up to k `(post of source, post of target)` pairs, smallest source posts first.
    pub evidence: Vec<(u32, u32)>,
}

/// Computes directed co-action edges.
///
/// `confirm(post_i, post_j)` may veto a candidate pair (near-duplicate text); `self_loops`
/// keeps `u == v` matches (a post always matches itself, as in the toolkit).
pub fn co_action<F>(
    entries: Vec<Entry>,
    window_us: i64,
    self_loops: bool,
    evidence: usize,
    confirm: Option<F>,
) -> Vec<RawEdge>
where
    F: Fn(u32, u32) -> bool + Sync,
{
    let matches = matches(entries, window_us, self_loops, confirm);
    let mut edges = Vec::new();
    let mut i = 0;
    while i < matches.len() {
        let (u, v, _, _) = matches[i];
        let mut j = i;
        while j < matches.len() && matches[j].0 == u && matches[j].1 == v {
            j += 1;
        }
        let ev = matches[i..j]
            .iter()
            .take(evidence)
            .map(|m| (m.2, m.3))
            .collect();
        edges.push(RawEdge {
            source: u,
            target: v,
            weight: (j - i) as u64,
            evidence: ev,
        });
        i = j;
    }
    edges
}

/// The matches `(u, v, post of u, post of v)` of the owned entries, one per `(u, v, post of u)`
/// (the smallest post of `v`), sorted.
pub fn matches<F>(
    mut entries: Vec<Entry>,
    window_us: i64,
    self_loops: bool,
    confirm: Option<F>,
) -> Vec<(u32, u32, u32, u32)>
where
    F: Fn(u32, u32) -> bool + Sync,
{
    entries.par_sort_unstable();
    entries.dedup();
    // Partition boundaries by key.
    let mut ranges = Vec::new();
    let mut start = 0;
    for i in 1..=entries.len() {
        if i == entries.len() || entries[i].key != entries[start].key {
            ranges.push((start, i));
            start = i;
        }
    }
    let confirm = confirm.as_ref();
    let mut matches: Vec<(u32, u32, u32, u32)> = ranges
        .par_iter()
        .flat_map_iter(|&(a, b)| window_matches(&entries[a..b], window_us, self_loops, confirm))
        .collect();
    drop(entries);
    matches.par_sort_unstable();
    // One match per (u, v, post of u): the smallest post of v.
    matches.dedup_by(|next, prev| next.0 == prev.0 && next.1 == prev.1 && next.2 == prev.2);
    matches
}

fn window_matches<F>(
    group: &[Entry],
    window_us: i64,
    self_loops: bool,
    confirm: Option<&F>,
) -> Vec<(u32, u32, u32, u32)>
where
    F: Fn(u32, u32) -> bool + Sync,
{
    let mut out = Vec::new();
    if group.len() < 2 && !self_loops {
        return out;
    }
    let mut lo = 0;
    let mut hi = 0;
    let mut seen: Vec<(u32, u32)> = Vec::new();
    for (i, e) in group.iter().enumerate() {
        if !e.owned {
            continue;
        }
        let from = e.time.saturating_sub(window_us);
        let to = e.time.saturating_add(window_us);
        while group[lo].time < from {
            lo += 1;
        }
        if hi < i {
            hi = i;
        }
        while hi + 1 < group.len() && group[hi + 1].time <= to {
            hi += 1;
        }
        seen.clear();
        for other in &group[lo..=hi] {
            if other.user == e.user && !self_loops {
                continue;
            }
            if let Some(f) = confirm
                && other.post != e.post
                && !f(e.post, other.post)
            {
                continue;
            }
            seen.push((other.user, other.post));
        }
        seen.sort_unstable();
        seen.dedup_by_key(|s| s.0);
        out.extend(seen.iter().map(|&(v, pv)| (e.user, v, e.post, pv)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(key: u32, secs: i64, user: u32, post: u32) -> Entry {
        Entry {
            key,
            time: secs * 1_000_000,
            user,
            post,
            owned: true,
        }
    }

    fn run(entries: Vec<Entry>, window: i64) -> Vec<(u32, u32, u64)> {
        co_action::<fn(u32, u32) -> bool>(entries, window * 1_000_000, false, 3, None)
            .into_iter()
            .map(|r| (r.source, r.target, r.weight))
            .collect()
    }

    #[test]
    fn window_boundary_is_inclusive_and_one_second_more_is_out() {
        assert_eq!(
            run(vec![e(0, 0, 0, 0), e(0, 60, 1, 1)], 60),
            vec![(0, 1, 1), (1, 0, 1)]
        );
        assert!(run(vec![e(0, 0, 0, 0), e(0, 61, 1, 1)], 60).is_empty());
    }

    #[test]
    fn pair_straddling_a_minute_edge_is_found() {
        assert_eq!(run(vec![e(0, 59, 0, 0), e(0, 61, 1, 1)], 60).len(), 2);
    }

    #[test]
    fn directed_weight_counts_distinct_posts_of_source() {
        // u0 posts twice near one post of u1: u0 -> u1 = 2, u1 -> u0 = 1.
        let got = run(vec![e(0, 0, 0, 0), e(0, 5, 0, 1), e(0, 3, 1, 2)], 10);
        assert_eq!(got, vec![(0, 1, 2), (1, 0, 1)]);
    }

    #[test]
    fn different_keys_never_match() {
        assert!(run(vec![e(0, 0, 0, 0), e(1, 0, 1, 1)], 60).is_empty());
    }

    #[test]
    fn self_loops_are_kept_only_when_asked() {
        let got = co_action::<fn(u32, u32) -> bool>(vec![e(0, 0, 0, 0)], 0, true, 1, None);
        assert_eq!(got[0].weight, 1);
        assert_eq!((got[0].source, got[0].target), (0, 0));
    }
}
