//! Digital DNA (Cresci et al. 2016, "DNA-inspired online behavioral modeling and its application
//! to spambot detection"): each account's timeline as a string, and the longest-common-substring
//! curve across accounts.
//!
//! Alphabets: actions `A` original post (quotes count as `A`: the original alphabet has no quote
//! letter), `C` reply, `T` repost; content `N` no entity, `U` URLs, `H` hashtags, `M` mentions,
//! `X` more than one kind. The LCS curve gives, for every k from 1 to the number of accounts, the
//! length of the longest substring that at least k of the strings share; coordinated automated
//! accounts keep long shared substrings for large k, people do not.

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use crate::model::{Post, PostKind};

/// The DNA strings of one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DigitalDna {
    /// The account id.
    pub account_id: String,
    /// Action alphabet (`A`, `C`, `T`), one letter per post in time order.
    pub actions: String,
    /// Content alphabet (`N`, `U`, `H`, `M`, `X`), one letter per post in time order.
    pub content: String,
}

fn action_letter(kind: PostKind) -> char {
    match kind {
        PostKind::Original | PostKind::Quote => 'A',
        PostKind::Reply => 'C',
        PostKind::Repost => 'T',
    }
}

fn content_letter(post: &Post) -> char {
    let kinds = [
        (!post.urls.is_empty(), 'U'),
        (!post.hashtags.is_empty(), 'H'),
        (!post.mentions.is_empty(), 'M'),
    ];
    let present: Vec<char> = kinds.iter().filter(|(p, _)| *p).map(|(_, c)| *c).collect();
    match present.as_slice() {
        [] => 'N',
        [one] => *one,
        _ => 'X',
    }
}

/// The DNA of every post author, in order of first appearance; posts sorted by (time, id) and
/// duplicate ids counted once.
pub fn digital_dna(posts: &[Post]) -> Vec<DigitalDna> {
    let mut order: Vec<&str> = Vec::new();
    let mut by_account: HashMap<&str, Vec<&Post>> = HashMap::new();
    for post in posts {
        by_account
            .entry(post.account_id.as_str())
            .or_insert_with(|| {
                order.push(post.account_id.as_str());
                Vec::new()
            })
            .push(post);
    }
    order
        .into_iter()
        .map(|id| {
            let mut own = by_account.remove(id).unwrap_or_default();
            own.sort_by(|a, b| {
                a.created_at
                    .cmp(&b.created_at)
                    .then_with(|| a.id.cmp(&b.id))
            });
            own.dedup_by(|a, b| a.id == b.id);
            DigitalDna {
                account_id: id.to_string(),
                actions: own.iter().map(|p| action_letter(p.kind)).collect(),
                content: own.iter().map(|p| content_letter(p)).collect(),
            }
        })
        .collect()
}

/// Suffix array of `text` by prefix doubling (O(n log² n)).
fn suffix_array(text: &[u32]) -> Vec<usize> {
    let n = text.len();
    let mut sa: Vec<usize> = (0..n).collect();
    let mut rank: Vec<u64> = text.iter().map(|c| u64::from(*c)).collect();
    let mut next = vec![0u64; n];
    let mut k = 1;
    // k doubles until every suffix has its own rank (at the latest when k >= n).
    while k < n {
        let key = |i: usize, rank: &[u64]| (rank[i], if i + k < n { rank[i + k] + 1 } else { 0 });
        sa.sort_unstable_by_key(|&i| key(i, &rank));
        next[sa[0]] = 0;
        for w in 1..n {
            next[sa[w]] = next[sa[w - 1]] + u64::from(key(sa[w - 1], &rank) != key(sa[w], &rank));
        }
        std::mem::swap(&mut rank, &mut next);
        if rank[sa[n - 1]] as usize == n - 1 {
            break;
        }
        k *= 2;
    }
    sa
}

/// Kasai's LCP: `lcp[i]` = common prefix of suffixes `sa[i-1]` and `sa[i]` (`lcp[0] = 0`).
fn lcp_array(text: &[u32], sa: &[usize]) -> Vec<usize> {
    let n = text.len();
    let mut rank = vec![0usize; n];
    for (i, &s) in sa.iter().enumerate() {
        rank[s] = i;
    }
    let mut lcp = vec![0usize; n];
    let mut h = 0usize;
    for i in 0..n {
        if rank[i] > 0 {
            let j = sa[rank[i] - 1];
            while i + h < n && j + h < n && text[i + h] == text[j + h] {
                h += 1;
            }
            lcp[rank[i]] = h;
            h = h.saturating_sub(1);
        } else {
            h = 0;
        }
    }
    lcp
}

/// The longest-common-substring curve: element `k - 1` is the length of the longest substring
/// shared by at least `k` of `strings` (k = 1..=strings.len()). Characters are compared as
/// Unicode scalar values. Cost: O(L log² L + n·L) for total length L.
pub fn lcs_curve(strings: &[&str]) -> Vec<usize> {
    let n = strings.len();
    if n == 0 {
        return Vec::new();
    }
    // Concatenate with a unique separator after each string (above every char value).
    let mut text: Vec<u32> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (s, string) in strings.iter().enumerate() {
        for c in string.chars() {
            text.push(u32::from(c));
            owner.push(s);
        }
        text.push(0x11_0000 + s as u32);
        owner.push(usize::MAX);
    }
    let sa = suffix_array(&text);
    let lcp = lcp_array(&text, &sa);
    let mut curve = vec![0usize; n];
    curve[0] = strings.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    // Suffixes starting at separators are skipped: only real positions form windows.
    let positions: Vec<usize> = (0..sa.len())
        .filter(|&i| owner[sa[i]] != usize::MAX)
        .collect();
    for k in 2..=n {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        let mut distinct = 0usize;
        let mut left = 0usize;
        let mut best = 0usize;
        // Deque of indices into `positions` with increasing LCP for the window minimum.
        let mut deque: VecDeque<(usize, usize)> = VecDeque::new();
        for right in 0..positions.len() {
            let o = owner[sa[positions[right]]];
            let c = counts.entry(o).or_default();
            *c += 1;
            if *c == 1 {
                distinct += 1;
            }
            if right > 0 {
                let value = min_lcp(&lcp, positions[right - 1], positions[right]);
                while deque.back().is_some_and(|&(_, v)| v >= value) {
                    deque.pop_back();
                }
                deque.push_back((right, value));
            }
            while distinct >= k {
                // Window [left, right] has k distinct owners: its common prefix is the min LCP
                // over pairs (left, left+1) .. (right-1, right).
                while deque.front().is_some_and(|&(i, _)| i <= left) {
                    deque.pop_front();
                }
                if let Some(&(_, v)) = deque.front() {
                    best = best.max(v);
                }
                let o = owner[sa[positions[left]]];
                if let Some(c) = counts.get_mut(&o) {
                    *c -= 1;
                    if *c == 0 {
                        distinct -= 1;
                    }
                }
                left += 1;
            }
        }
        curve[k - 1] = best;
        if best == 0 {
            break;
        }
    }
    curve
}

/// The common prefix of the suffixes at SA positions `a < b`: the minimum LCP between them.
fn min_lcp(lcp: &[usize], a: usize, b: usize) -> usize {
    lcp[a + 1..=b].iter().copied().min().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Platform;

    #[test]
    fn dna_letters_follow_kinds_and_entities() {
        let t = |s: &str| s.parse().expect("time");
        let mut a = Post::new(
            Platform::Generic,
            "1",
            "u",
            t("2019-01-01T00:00:00Z"),
            PostKind::Original,
        );
        a.urls.push("https://x".to_string());
        let b = Post::new(
            Platform::Generic,
            "2",
            "u",
            t("2019-01-01T01:00:00Z"),
            PostKind::Repost,
        );
        let mut c = Post::new(
            Platform::Generic,
            "3",
            "u",
            t("2019-01-01T00:30:00Z"),
            PostKind::Reply,
        );
        c.hashtags.push("h".to_string());
        c.mentions.push("m".to_string());
        let dna = digital_dna(&[a, b, c]);
        assert_eq!(dna[0].actions, "ACT");
        assert_eq!(dna[0].content, "UXN");
    }

    #[test]
    fn lcs_curve_finds_shared_substrings_per_k() {
        let curve = lcs_curve(&["AAATTTCA", "CAATTTCC", "GGTTTCGG", "ACGT"]);
        // k=1: longest string; k=2: "AATTTC" (6); k=3: "TTTC" (4); k=4: single letters (1).
        assert_eq!(curve, vec![8, 6, 4, 1]);
    }

    #[test]
    fn lcs_curve_of_identical_strings_stays_full() {
        assert_eq!(lcs_curve(&["TTTT", "TTTT", "TTTT"]), vec![4, 4, 4]);
        assert!(lcs_curve(&[]).is_empty());
        assert_eq!(lcs_curve(&["", ""]), vec![0, 0]);
    }
}
