//! A string interner: each distinct string is stored once and named by a [`Sym`].

use std::collections::HashMap;
use std::num::NonZeroU32;

/// A handle to an interned string. `Option<Sym>` is 4 bytes.
pub type Sym = NonZeroU32;

/// Stores each distinct string once. Symbols are given in first-seen order, so the same input
/// read in the same order gives the same symbols.
#[derive(Debug, Default)]
pub struct Interner {
    map: HashMap<Box<str>, Sym>,
    strings: Vec<Box<str>>,
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Self {
        Self::default()
    }

    /// The symbol of `s`, adding it if new.
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.map.get(s) {
            return sym;
        }
        self.strings.push(s.into());
        // Symbols start at 1; more than 4 billion distinct strings saturates (never in practice).
        let n = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
        let sym = Sym::new(n).unwrap_or(Sym::MIN);
        self.map.insert(s.into(), sym);
        sym
    }

    /// The symbol of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        self.map.get(s).copied()
    }

    /// The string of `sym` (empty for a symbol of another interner).
    pub fn resolve(&self, sym: Sym) -> &str {
        self.strings
            .get(sym.get() as usize - 1)
            .map(|s| &**s)
            .unwrap_or("")
    }

    /// The string of an optional symbol.
    pub fn opt(&self, sym: Option<Sym>) -> Option<&str> {
        sym.map(|s| self.resolve(s))
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// True when nothing was interned.
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
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
}
