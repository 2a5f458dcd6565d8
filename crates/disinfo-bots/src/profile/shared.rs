//! What a cluster's accounts share: the links, hashtags, web domains and repost sources that
//! recur in their posts.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::coordinate::traces::url_host;
use crate::model::{Post, PostKind};

/// One shared item and how widely it is shared in a cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Shared {
    /// The link, hashtag (lower-cased, without `#`), domain or source account id.
    pub value: String,
    /// Posts of the cluster's accounts that carry it.
    pub posts: usize,
    /// Distinct accounts of the cluster that shared it.
    pub accounts: usize,
}

/// The items a cluster shares most, each list sorted by accounts, then posts (descending),
/// then value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SharedItems {
    /// Links (URLs as written).
    pub links: Vec<Shared>,
    /// Hashtags.
    pub hashtags: Vec<Shared>,
    /// Web domains (the source's domains, else the links' hosts).
    pub domains: Vec<Shared>,
    /// Accounts whose posts the cluster's accounts repost.
    pub repost_sources: Vec<Shared>,
}

#[derive(Default)]
struct Tally<'a> {
    counts: HashMap<&'a str, (usize, Vec<u32>)>,
}

impl<'a> Tally<'a> {
    fn add(&mut self, value: &'a str, account: u32) {
        if value.is_empty() {
            return;
        }
        let slot = self.counts.entry(value).or_default();
        slot.0 += 1;
        if slot.1.last() != Some(&account) {
            slot.1.push(account);
        }
    }

    fn top(self, n: usize) -> Vec<Shared> {
        let mut items: Vec<Shared> = self
            .counts
            .into_iter()
            .map(|(value, (posts, mut accounts))| {
                accounts.sort_unstable();
                accounts.dedup();
                Shared {
                    value: value.to_string(),
                    posts,
                    accounts: accounts.len(),
                }
            })
            .collect();
        items.sort_by(|a, b| {
            b.accounts
                .cmp(&a.accounts)
                .then(b.posts.cmp(&a.posts))
                .then(a.value.cmp(&b.value))
        });
        items.truncate(n);
        items
    }
}

/// The top `n` shared items of each cluster. `cluster_of(account_id)` gives the index of an
/// account's cluster (in `0..clusters`), `None` for accounts not clustered.
pub fn shared_items(
    posts: &[Post],
    clusters: usize,
    cluster_of: &dyn Fn(&str) -> Option<(usize, u32)>,
    n: usize,
) -> Vec<SharedItems> {
    let hashtags: Vec<Vec<String>> = posts
        .iter()
        .map(|p| p.hashtags.iter().map(|h| h.to_lowercase()).collect())
        .collect();
    let hosts: Vec<Vec<String>> = posts
        .iter()
        .map(|p| {
            if p.domains.is_empty() {
                p.urls.iter().filter_map(|u| url_host(u)).collect()
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut tallies: Vec<[Tally<'_>; 4]> = (0..clusters).map(|_| Default::default()).collect();
    for (i, p) in posts.iter().enumerate() {
        let Some((c, account)) = cluster_of(&p.account_id) else {
            continue;
        };
        let [links, tags, domains, sources] = &mut tallies[c];
        for u in &p.urls {
            links.add(u, account);
        }
        for h in &hashtags[i] {
            tags.add(h, account);
        }
        for d in p.domains.iter().chain(&hosts[i]) {
            domains.add(d, account);
        }
        if p.kind == PostKind::Repost
            && let Some(source) = p.reposted_account_id.as_deref()
        {
            sources.add(source, account);
        }
    }
    tallies
        .into_iter()
        .map(|[links, tags, domains, sources]| SharedItems {
            links: links.top(n),
            hashtags: tags.top(n),
            domains: domains.top(n),
            repost_sources: sources.top(n),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Platform;

    #[test]
    fn items_are_ranked_by_accounts_then_posts() {
        let at = "2021-01-01T00:00:00Z".parse().unwrap_or_default();
        let mut posts = Vec::new();
        for (i, (account, url)) in [
            ("a", "http://x.org/1"),
            ("a", "http://x.org/1"),
            ("b", "http://y.org/2"),
            ("c", "http://y.org/2"),
        ]
        .iter()
        .enumerate()
        {
            let mut p = Post::new(
                Platform::Generic,
                i.to_string(),
                *account,
                at,
                PostKind::Original,
            );
            p.urls.push(url.to_string());
            p.hashtags.push("Vote".into());
            posts.push(p);
        }
        let ids = ["a", "b", "c"];
        let of = |id: &str| ids.iter().position(|x| *x == id).map(|i| (0, i as u32));
        let top = shared_items(&posts, 1, &of, 10);
        assert_eq!(top[0].links[0].value, "http://y.org/2");
        assert_eq!((top[0].links[0].accounts, top[0].links[1].posts), (2, 2));
        assert_eq!(top[0].hashtags[0].value, "vote");
        assert_eq!(top[0].domains[0].value, "y.org");
    }
}
