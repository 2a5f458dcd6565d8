//! The rows of the feature matrix: one per account id, observed accounts first (in order of
//! first appearance, holding the latest observation), then authors of posts that were never
//! observed (in order of first post).
//!
//! Ids are hashed in parallel with a randomly keyed hasher (crafted ids cannot make the grouping
//! or the table degenerate); rows are assigned in input order, so the result does not depend on
//! the hash keys. Posts' authors are looked up in parallel in a table of the observed rows.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;
use rayon::prelude::*;

use crate::model::{Account, Post};

/// Account ids to rows.
pub(crate) struct RowIndex<'a> {
    /// The latest observation of each observed account (rows `0..latest.len()`).
    pub latest: Vec<&'a Account>,
    ids: Vec<&'a str>,
    hashes: Vec<u64>,
    keys: RandomState,
}

/// Marks a post whose author has no row yet during the parallel lookup.
const NO_ROW: usize = usize::MAX;

impl<'a> RowIndex<'a> {
    /// One row per distinct account id of `accounts`, holding its latest observation (ties:
    /// the later one in the input).
    ///
    /// Observations are sorted by id hash (in parallel) so that those of one id sit together;
    /// the rows are then read off in input order. No hash table is probed per observation,
    /// which keeps a million accounts off the memory-latency path.
    pub fn from_accounts(accounts: &'a [Account]) -> Self {
        let keys = RandomState::new();
        let n = accounts.len();
        let mut by_hash: Vec<(u64, usize)> = accounts
            .par_iter()
            .enumerate()
            .map(|(i, a)| (keys.hash_one(a.id.as_str()), i))
            .collect();
        by_hash.par_sort_unstable();
        // source[i]: for the first observation of an id, its latest observation; NO_ROW for
        // the other observations.
        let mut source: Vec<usize> = vec![NO_ROW; n];
        let mut hash_of: Vec<u64> = vec![0; n];
        let mut run_ids: Vec<(&str, usize)> = Vec::new();
        for run in by_hash.chunk_by(|a, b| a.0 == b.0) {
            if let [(hash, i)] = run {
                source[*i] = *i;
                hash_of[*i] = *hash;
                continue;
            }
            // Observations of one hash, in input order: nearly always one id.
            run_ids.clear();
            for &(hash, i) in run {
                let id = accounts[i].id.as_str();
                match run_ids.iter().find(|(seen, _)| *seen == id) {
                    Some(&(_, f)) => {
                        if accounts[i].observed_at >= accounts[source[f]].observed_at {
                            source[f] = i;
                        }
                    }
                    None => {
                        run_ids.push((id, i));
                        source[i] = i;
                        hash_of[i] = hash;
                    }
                }
            }
        }
        let kept: Vec<usize> = (0..n)
            .into_par_iter()
            .filter(|&i| source[i] != NO_ROW)
            .collect();
        RowIndex {
            latest: kept.par_iter().map(|&i| &accounts[source[i]]).collect(),
            ids: kept.par_iter().map(|&i| accounts[i].id.as_str()).collect(),
            hashes: kept.par_iter().map(|&i| hash_of[i]).collect(),
            keys,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The account id of every row.
    pub fn ids(&self) -> &[&'a str] {
        &self.ids
    }

    /// The row of each post's author; authors without a row get one, in order of first post.
    pub fn rows_of_posts(&mut self, posts: &'a [Post]) -> Vec<usize> {
        let mut table: HashTable<usize> = HashTable::with_capacity(self.ids.len());
        for (row, &hash) in self.hashes.iter().enumerate() {
            table.insert_unique(hash, row, |&r| self.hashes[r]);
        }
        let find = |table: &HashTable<usize>, ids: &[&str], id: &str, hash: u64| {
            table.find(hash, |&row| ids[row] == id).copied()
        };
        let mut rows: Vec<usize> = posts
            .par_iter()
            .map(|p| {
                let hash = self.keys.hash_one(p.account_id.as_str());
                find(&table, &self.ids, &p.account_id, hash).unwrap_or(NO_ROW)
            })
            .collect();
        for (row, post) in rows.iter_mut().zip(posts) {
            if *row == NO_ROW {
                let hash = self.keys.hash_one(post.account_id.as_str());
                *row = match find(&table, &self.ids, &post.account_id, hash) {
                    Some(r) => r,
                    None => {
                        let r = self.ids.len();
                        self.ids.push(&post.account_id);
                        self.hashes.push(hash);
                        let hashes = &self.hashes;
                        table.insert_unique(hash, r, |&x| hashes[x]);
                        r
                    }
                };
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Platform, PostKind};
    use chrono::{DateTime, Utc};

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().expect("time")
    }

    #[test]
    fn rows_follow_first_appearance_and_keep_the_latest_observation() {
        let a1 = Account::new(Platform::Twitter, "a", "old", t("2021-01-01T00:00:00Z"));
        let b = Account::new(Platform::Twitter, "b", "b", t("2021-01-01T00:00:00Z"));
        let a2 = Account::new(Platform::Twitter, "a", "new", t("2021-02-01T00:00:00Z"));
        let a3 = Account::new(Platform::Twitter, "a", "older", t("2020-01-01T00:00:00Z"));
        let accounts = [a1, b, a2, a3];
        let index = RowIndex::from_accounts(&accounts);
        assert_eq!(index.ids(), ["a", "b"]);
        assert_eq!(index.latest[0].handle, "new");
    }

    #[test]
    fn unobserved_authors_get_rows_in_order_of_first_post() {
        let accounts = [Account::new(
            Platform::Twitter,
            "a",
            "a",
            t("2021-01-01T00:00:00Z"),
        )];
        let post = |id: &str, author: &str| {
            Post::new(
                Platform::Twitter,
                id,
                author,
                t("2021-01-01T00:00:00Z"),
                PostKind::Original,
            )
        };
        let posts = [
            post("1", "z"),
            post("2", "a"),
            post("3", "y"),
            post("4", "z"),
        ];
        let mut index = RowIndex::from_accounts(&accounts);
        assert_eq!(index.rows_of_posts(&posts), vec![1, 0, 2, 1]);
        assert_eq!(index.ids(), ["a", "z", "y"]);
    }
}
