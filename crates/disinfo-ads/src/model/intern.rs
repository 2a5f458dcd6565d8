//! A string interner: each distinct string is stored once and named by a [`Sym`].

use std::hash::BuildHasher;
use std::num::NonZeroU32;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

/// A handle to an interned string. `Option<Sym>` is 4 bytes.
pub type Sym = NonZeroU32;

/// Stores each distinct string once, all in one buffer. Symbols are given in first-seen order,
/// so the same input read in the same order gives the same symbols. The table's hash is keyed
/// at random per interner, so crafted strings cannot make lookups degrade.
#[derive(Debug, Default)]
pub struct Interner {
    table: HashTable<Sym>,
    hasher: RandomState,
    /// Every string, one after the other.
    text: String,
    /// Where each string ends in `text` (string `i` starts where `i - 1` ends).
    ends: Vec<usize>,
}

fn span(ends: &[usize], sym: Sym) -> Option<(usize, usize)> {
    let i = sym.get() as usize - 1;
    let end = *ends.get(i)?;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    Some((start, end))
}

fn resolve<'t>(text: &'t str, ends: &[usize], sym: Sym) -> &'t str {
    span(ends, sym)
        .and_then(|(start, end)| text.get(start..end))
        .unwrap_or("")
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Self {
        Self::default()
    }

    /// The symbol of `s`, adding it if new.
    pub fn intern(&mut self, s: &str) -> Sym {
        let Interner {
            table,
            hasher,
            text,
            ends,
        } = self;
        let hash = hasher.hash_one(s);
        if let Some(&sym) = table.find(hash, |&sym| resolve(text, ends, sym) == s) {
            return sym;
        }
        text.push_str(s);
        ends.push(text.len());
        // Symbols start at 1; more than 4 billion distinct strings saturates (never in practice).
        let n = u32::try_from(ends.len()).unwrap_or(u32::MAX);
        let sym = Sym::new(n).unwrap_or(Sym::MIN);
        table.insert_unique(hash, sym, |&sym| hasher.hash_one(resolve(text, ends, sym)));
        sym
    }

    /// The symbol of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        let hash = self.hasher.hash_one(s);
        self.table
            .find(hash, |&sym| self.resolve(sym) == s)
            .copied()
    }

    /// The string of `sym` (empty for a symbol of another interner).
    pub fn resolve(&self, sym: Sym) -> &str {
        resolve(&self.text, &self.ends, sym)
    }

    /// The string of an optional symbol.
    pub fn opt(&self, sym: Option<Sym>) -> Option<&str> {
        sym.map(|s| self.resolve(s))
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when nothing was interned.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_string_same_symbol() {
        let mut i = Interner::new();
        let a = i.intern("a");
        let b = i.intern("b");
        assert_eq!(i.intern("a"), a);
        assert_ne!(a, b);
        assert_eq!(i.resolve(b), "b");
        assert_eq!(i.len(), 2);
    }

    #[test]
    fn empty_and_many_strings_resolve_and_unknown_symbols_are_empty() {
        let mut i = Interner::new();
        let empty = i.intern("");
        let syms: Vec<Sym> = (0..10_000).map(|n| i.intern(&format!("id-{n}"))).collect();
        assert_eq!(i.resolve(empty), "");
        assert_eq!(i.get(""), Some(empty));
        for (n, sym) in syms.iter().enumerate() {
            assert_eq!(i.resolve(*sym), format!("id-{n}"));
            assert_eq!(i.intern(&format!("id-{n}")), *sym);
        }
        assert_eq!(i.len(), 10_001);
        assert_eq!(i.get("id-10000"), None);
        assert_eq!(i.resolve(Sym::MAX), "");
    }
}
