//! A string interner: each distinct string is stored once and named by a [`Sym`].

use std::hash::BuildHasher;
use std::num::NonZeroU32;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

/// A handle to an interned string. `Option<Sym>` is 4 bytes.
pub type Sym = NonZeroU32;

/// Stores each distinct string once, all in one buffer. Symbols are given in first-seen order,
/// so the same input read in the same order gives the same symbols. The tables' hash is keyed
/// at random per interner, so crafted strings cannot make lookups degrade.
///
/// Strings that are plain decimal numbers (most platforms' ad and page ids) are looked up by
/// their value in a table of their own, which answers without reading the stored text.
#[derive(Debug, Default)]
pub struct Interner {
    /// Other strings: (symbol, where the text starts in `text`, its length), so that a lookup
    /// compares the text without first reading `ends`.
    table: HashTable<(Sym, usize, usize)>,
    numbers: NumberTable,
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

/// The value of `s` when it is the canonical decimal form of a `u64` (no sign, no leading
/// zero, at most 19 digits): one number per string and one string per number.
fn decimal(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 19 || (b[0] == b'0' && b.len() > 1) {
        return None;
    }
    b.iter().try_fold(0u64, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u64::from(c - b'0'))
    })
}

/// An open-addressing table from a number to its symbol, both in one slot: a lookup reads one
/// slot (rarely a few neighbours), where a general table reads a control byte and then the
/// entry elsewhere — two cache misses per id once the table outgrows the caches. Linear
/// probing, at most half full; the hash is keyed per interner.
#[derive(Debug, Default)]
struct NumberTable {
    /// (value, symbol); `None`: an empty slot. The length is zero or a power of two.
    slots: Vec<(u64, Option<Sym>)>,
    len: usize,
}

impl NumberTable {
    /// The slot of `value`: the one holding it, or the empty one where it would go.
    fn probe(&self, value: u64, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match self.slots[i] {
                (v, Some(_)) if v != value => i = (i + 1) & mask,
                _ => return i,
            }
        }
    }

    fn get(&self, value: u64, hash: u64) -> Option<Sym> {
        if self.slots.is_empty() {
            return None;
        }
        self.slots[self.probe(value, hash)].1
    }

    /// Adds `value` (not in the table) with `sym`; `hash` rehashes a value when the table grows.
    fn insert_new(&mut self, value: u64, sym: Sym, hash: impl Fn(u64) -> u64) {
        if (self.len + 1) * 2 > self.slots.len() {
            let slots = std::mem::take(&mut self.slots);
            self.slots = vec![(0, None); (slots.len() * 2).max(16)];
            for (v, s) in slots {
                if s.is_some() {
                    let i = self.probe(v, hash(v));
                    self.slots[i] = (v, s);
                }
            }
        }
        let i = self.probe(value, hash(value));
        self.slots[i] = (value, Some(sym));
        self.len += 1;
    }
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Self {
        Self::default()
    }

    /// The symbol of `s`, adding it if new.
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(value) = decimal(s) {
            if let Some(sym) = self.numbers.get(value, self.hasher.hash_one(value)) {
                return sym;
            }
            let sym = self.push(s);
            let hasher = &self.hasher;
            self.numbers.insert_new(value, sym, |v| hasher.hash_one(v));
            return sym;
        }
        let hash = self.hasher.hash_one(s);
        let text = &self.text;
        if let Some(&(sym, _, _)) = self.table.find(hash, |&(_, start, len)| {
            text.get(start..start + len) == Some(s)
        }) {
            return sym;
        }
        let start = self.text.len();
        let sym = self.push(s);
        let Interner {
            table,
            hasher,
            text,
            ..
        } = self;
        table.insert_unique(hash, (sym, start, s.len()), |&(_, start, len)| {
            hasher.hash_one(text.get(start..start + len).unwrap_or(""))
        });
        sym
    }

    /// Stores a new string and gives it the next symbol.
    fn push(&mut self, s: &str) -> Sym {
        self.text.push_str(s);
        self.ends.push(self.text.len());
        // Symbols start at 1; more than 4 billion distinct strings saturates (never in practice).
        let n = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        Sym::new(n).unwrap_or(Sym::MIN)
    }

    /// The symbol of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        if let Some(value) = decimal(s) {
            return self.numbers.get(value, self.hasher.hash_one(value));
        }
        let hash = self.hasher.hash_one(s);
        self.table
            .find(hash, |&(_, start, len)| {
                self.text.get(start..start + len) == Some(s)
            })
            .map(|&(sym, _, _)| sym)
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

    #[test]
    fn many_numbers_keep_their_symbols_as_the_number_table_grows() {
        let mut i = Interner::new();
        let ids: Vec<String> = (0..50_000u64)
            .map(|n| (200_000_000_000_000 + n * 2_654_435_761).to_string())
            .collect();
        let syms: Vec<Sym> = ids.iter().map(|t| i.intern(t)).collect();
        for (t, sym) in ids.iter().zip(&syms) {
            assert_eq!(i.intern(t), *sym);
            assert_eq!(i.get(t), Some(*sym));
            assert_eq!(i.resolve(*sym), t);
        }
        assert_eq!(i.len(), ids.len());
        assert_eq!(i.get("1"), None);
    }

    #[test]
    fn numbers_and_other_strings_get_one_symbol_per_string() {
        let mut i = Interner::new();
        let texts = [
            "0",
            "00",
            "7",
            "07",
            "-7",
            "+7",
            "7.0",
            "18446744073709551615",
            "9999999999999999999",
            "1000000000000000000",
            "٣",
            "200000000000000",
            "",
        ];
        let syms: Vec<Sym> = texts.iter().map(|t| i.intern(t)).collect();
        for (t, sym) in texts.iter().zip(&syms) {
            assert_eq!(i.resolve(*sym), *t);
            assert_eq!(i.intern(t), *sym);
            assert_eq!(i.get(t), Some(*sym));
        }
        let mut distinct = syms.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), texts.len());
        // First-seen order, whichever table holds the string.
        assert_eq!(
            syms,
            (1..=texts.len() as u32)
                .filter_map(Sym::new)
                .collect::<Vec<_>>()
        );
        assert_eq!(
            decimal("9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        assert_eq!(decimal("18446744073709551615"), None);
        assert_eq!(i.get("8"), None);
    }
}
