//! A collection's index from ad key to the position of its record.
//!
//! Keys without a scope (Meta, TikTok, Snapchat... ids are global) are looked up in a table
//! indexed by the id's symbol: symbols are small integers given in first-seen order, so a lookup
//! is one read, and ids read in the same order as in an earlier collection read neighbouring
//! slots. Scoped keys (Google's ad id + advertiser id) are hashed. A table that ends up sparse
//! (a small collection after large ones) is moved into the hash map when loading ends, so it
//! never holds much more than one slot per key.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::model::{AdKey, Sym};

/// No record at this slot.
const EMPTY: u32 = u32::MAX;
/// A table with more slots than this many per key (plus [`SPARSE_SLACK`]) is sparse.
const SPARSE_SLOTS_PER_KEY: usize = 8;
const SPARSE_SLACK: usize = 4096;

/// Key -> position in the collection's `ads`.
#[derive(Debug, Default)]
pub struct KeyIndex {
    /// Position per id symbol (`EMPTY`: none), for unscoped keys while `dense`.
    by_sym: Vec<u32>,
    /// Unscoped keys in `by_sym` (else in `hashed`).
    dense: bool,
    /// Scoped keys, and every key once the dense table was given up.
    hashed: HashMap<AdKey, u32, foldhash::fast::RandomState>,
    len: usize,
}

impl KeyIndex {
    /// An empty index.
    pub fn new() -> Self {
        KeyIndex {
            dense: true,
            ..KeyIndex::default()
        }
    }

    fn slot(&self, key: &AdKey) -> Option<usize> {
        (self.dense && key.scope.is_none()).then(|| key.id.get() as usize)
    }

    /// The position of the record of `key`.
    pub fn get(&self, key: &AdKey) -> Option<u32> {
        match self.slot(key) {
            Some(i) => self.by_sym.get(i).copied().filter(|&p| p != EMPTY),
            None => self.hashed.get(key).copied(),
        }
    }

    /// True when the collection has a record of `key`.
    pub fn contains_key(&self, key: &AdKey) -> bool {
        self.get(key).is_some()
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no key is indexed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Indexes `key` at `position` unless it already is: then `Err` with the first position.
    pub(crate) fn insert_first(&mut self, key: AdKey, position: u32) -> Result<(), u32> {
        match self.slot(&key) {
            Some(i) => {
                if i >= self.by_sym.len() {
                    self.by_sym.resize(i + 1, EMPTY);
                }
                match self.by_sym[i] {
                    EMPTY => self.by_sym[i] = position,
                    first => return Err(first),
                }
            }
            None => match self.hashed.entry(key) {
                Entry::Occupied(first) => return Err(*first.get()),
                Entry::Vacant(slot) => {
                    slot.insert(position);
                }
            },
        }
        self.len += 1;
        Ok(())
    }

    /// Makes room for about `additional` more unscoped keys.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.by_sym.reserve(additional);
    }

    /// Loading is done: a sparse table moves into the hash map.
    pub(crate) fn finish(&mut self) {
        let unscoped = self.len - self.hashed.len();
        if !self.dense || self.by_sym.len() <= unscoped * SPARSE_SLOTS_PER_KEY + SPARSE_SLACK {
            self.by_sym.shrink_to_fit();
            return;
        }
        let by_sym = std::mem::take(&mut self.by_sym);
        self.dense = false;
        self.hashed.reserve(unscoped);
        for (i, &position) in by_sym.iter().enumerate() {
            if position == EMPTY {
                continue;
            }
            // Slots are indexed by symbols: `i` is a non-zero u32.
            if let Some(id) = u32::try_from(i).ok().and_then(Sym::new) {
                self.hashed.insert(AdKey { id, scope: None }, position);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: u32, scope: Option<u32>) -> AdKey {
        AdKey {
            id: Sym::new(id).expect("non-zero"),
            scope: scope.map(|s| Sym::new(s).expect("non-zero")),
        }
    }

    #[test]
    fn first_position_wins_and_scopes_are_distinct_keys() {
        let mut index = KeyIndex::new();
        assert_eq!(index.insert_first(key(5, None), 0), Ok(()));
        assert_eq!(index.insert_first(key(5, Some(9)), 1), Ok(()));
        assert_eq!(index.insert_first(key(5, Some(8)), 2), Ok(()));
        assert_eq!(index.insert_first(key(5, None), 3), Err(0));
        assert_eq!(index.insert_first(key(5, Some(9)), 4), Err(1));
        assert_eq!(index.len(), 3);
        assert_eq!(index.get(&key(5, None)), Some(0));
        assert_eq!(index.get(&key(5, Some(8))), Some(2));
        assert_eq!(index.get(&key(4, None)), None);
        assert_eq!(index.get(&key(6, None)), None);
        assert!(!index.contains_key(&key(5, Some(7))));
    }

    #[test]
    fn a_sparse_table_moves_to_the_hash_map_with_every_key() {
        let mut index = KeyIndex::new();
        let far = 1_000_000;
        index.insert_first(key(far, None), 0).expect("new");
        index.insert_first(key(3, None), 1).expect("new");
        index.insert_first(key(3, Some(2)), 2).expect("new");
        index.finish();
        assert!(!index.dense);
        assert!(index.by_sym.is_empty());
        assert_eq!(index.len(), 3);
        assert_eq!(index.get(&key(far, None)), Some(0));
        assert_eq!(index.get(&key(3, None)), Some(1));
        assert_eq!(index.get(&key(3, Some(2))), Some(2));
        assert_eq!(index.get(&key(4, None)), None);
    }

    #[test]
    fn a_dense_table_stays_dense() {
        let mut index = KeyIndex::new();
        for i in 1..=10_000 {
            index.insert_first(key(i * 2, None), i).expect("new");
        }
        index.finish();
        assert!(index.dense);
        assert_eq!(index.get(&key(20_000, None)), Some(10_000));
        assert_eq!(index.get(&key(20_001, None)), None);
    }
}
