//! A JSON object read shallowly: its members as raw slices, looked up by name. Lets adapters
//! tell a missing key from `null` from a value, and report a wrong type per field.
//!
//! Of a key repeated in one object, the last one counts, at every level and by every lookup
//! here: that is what `serde_json`, Python's `json` and JavaScript's `JSON.parse` read, so a
//! record means the same to the audit as to the tools people check its findings with.
//!
//! Records reach the adapters as `serde_json` raw values, so their syntax (and UTF-8) has been
//! checked once while streaming the file. Members and array items are then located by a plain
//! structural scan of that checked text (strings skipped with their escapes, brackets counted)
//! instead of a second full parse: [`Raw`] can only be made from a checked value or from a part
//! of one.

use std::borrow::Cow;

use serde_json::value::RawValue;

use super::json_text::string_stop;

/// The text of one JSON value whose syntax `serde_json` has checked (or a part of one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raw<'a>(&'a str);

impl<'a> Raw<'a> {
    /// The value's JSON text.
    pub fn get(self) -> &'a str {
        self.0
    }

    /// A value whose syntax the validating file scan has checked.
    pub(super) fn checked(text: &'a str) -> Self {
        Raw(text)
    }
}

impl<'a> From<&'a RawValue> for Raw<'a> {
    fn from(raw: &'a RawValue) -> Self {
        Raw(raw.get().trim())
    }
}

/// A member's value: missing, `null`, or a raw JSON value.
#[derive(Debug, Clone, Copy)]
pub enum Slot<'a> {
    /// The key is not in the object.
    Missing,
    /// The key is there with `null`.
    Null,
    /// The key has a value.
    Value(Raw<'a>),
}

impl<'a> Slot<'a> {
    fn of(raw: Raw<'a>) -> Self {
        if raw.get() == "null" {
            Slot::Null
        } else {
            Slot::Value(raw)
        }
    }
}

/// The text is not the checked JSON the scanner expects (cannot happen for a [`Raw`]; kept as
/// an error rather than a panic).
const UNEXPECTED: &str = "malformed JSON inside the record";

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(c) = b.get(i) {
        if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            break;
        }
        i += 1;
    }
    i
}

/// `b[i]` is an opening quote: the index just after the closing quote, and whether the string
/// has escapes.
fn string_end(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let mut j = i + 1;
    let mut escaped = false;
    loop {
        j = string_stop(b, j);
        if b.get(j)? == &b'"' {
            return Some((j + 1, escaped));
        }
        // A backslash: skip it and the character it escapes.
        escaped = true;
        j += 2;
    }
}

/// `b[i]` starts a value: the index just after it.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string_end(b, i).map(|(end, _)| end),
        open @ (b'{' | b'[') => {
            // In checked JSON, brackets of the other kind are balanced inside this value and
            // brackets inside strings are skipped with the strings: counting this kind is
            // enough, so the search can jump between quotes and brackets of one kind.
            let close = if open == b'{' { b'}' } else { b']' };
            let mut depth = 0usize;
            let mut j = i;
            loop {
                j += memchr::memchr3(b'"', open, close, b.get(j..)?)?;
                match b[j] {
                    b'"' => {
                        j = string_end(b, j)?.0;
                        continue;
                    }
                    c if c == open => depth += 1,
                    _ => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                }
                j += 1;
            }
        }
        _ => {
            let rest = b.get(i..)?;
            let len = rest
                .iter()
                .position(|c| matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(rest.len());
            Some(i + len)
        }
    }
}

/// Walks the items of a checked array or the members of a checked object.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    close: u8,
    done: bool,
}

impl<'a> Cursor<'a> {
    fn new(raw: Raw<'a>, open: u8, close: u8) -> Option<Self> {
        let text = raw.get();
        (text.as_bytes().first() == Some(&open)).then_some(Cursor {
            text,
            pos: 1,
            close,
            done: false,
        })
    }

    /// Where the next item starts, or `None` at the closing bracket (or after an error).
    fn next_start(&mut self) -> Option<usize> {
        if self.done {
            return None;
        }
        let start = skip_ws(self.text.as_bytes(), self.pos);
        if self.text.as_bytes().get(start) == Some(&self.close) {
            self.done = true;
            return None;
        }
        Some(start)
    }

    /// The next value (the cursor is before a value, or before the closing bracket).
    fn value(&mut self) -> Option<Result<Raw<'a>, &'static str>> {
        let start = self.next_start()?;
        let Some(end) = value_end(self.text.as_bytes(), start) else {
            self.done = true;
            return Some(Err(UNEXPECTED));
        };
        Some(self.item_ends(start, end))
    }

    /// The item at `start..end` is read: moves past its separator.
    fn item_ends(&mut self, start: usize, end: usize) -> Result<Raw<'a>, &'static str> {
        let b = self.text.as_bytes();
        let after = skip_ws(b, end);
        match b.get(after) {
            Some(b',') => self.pos = after + 1,
            Some(&c) if c == self.close => self.pos = after,
            _ => {
                self.done = true;
                return Err(UNEXPECTED);
            }
        }
        self.text.get(start..end).map(Raw).ok_or_else(|| {
            self.done = true;
            UNEXPECTED
        })
    }

    /// The next item, which must be an object, and the value of its member `name` (the last
    /// one), read in one pass over the item.
    fn object_item(&mut self, name: &str) -> Option<Result<Slot<'a>, String>> {
        let start = self.next_start()?;
        if self.text.as_bytes().get(start) != Some(&b'{') {
            self.done = true;
            return Some(Err(not_an_object(self.text.get(start..).unwrap_or(""))));
        }
        let mut inner = Cursor {
            text: self.text,
            pos: start + 1,
            close: b'}',
            done: false,
        };
        let mut found = Slot::Missing;
        while let Some(member) = inner.member() {
            match member {
                Ok((key, value)) if key == name => {
                    found = Slot::of(value);
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(e.to_owned()));
                }
            }
        }
        let end = skip_ws(self.text.as_bytes(), inner.pos) + 1;
        Some(
            self.item_ends(start, end)
                .map(|_| found)
                .map_err(str::to_owned),
        )
    }

    /// The next member's key and value.
    fn member(&mut self) -> Option<Result<(Cow<'a, str>, Raw<'a>), &'static str>> {
        let start = self.next_start()?;
        let b = self.text.as_bytes();
        let key = string_end(b, start)
            .filter(|_| b.get(start) == Some(&b'"'))
            .and_then(|(end, escaped)| {
                let colon = skip_ws(b, end);
                (b.get(colon) == Some(&b':')).then_some(())?;
                let key = if escaped {
                    serde_json::from_str::<String>(self.text.get(start..end)?)
                        .ok()
                        .map(Cow::Owned)
                } else {
                    self.text.get(start + 1..end - 1).map(Cow::Borrowed)
                };
                Some((key?, colon))
            });
        let Some((key, colon)) = key else {
            self.done = true;
            return Some(Err(UNEXPECTED));
        };
        self.pos = colon + 1;
        Some(self.value()?.map(|v| (key, v)))
    }
}

/// The text of a quoted JSON string, unescaped only when it has escapes.
fn unquote(quoted: &str) -> Option<Cow<'_, str>> {
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    if inner.bytes().any(|c| c == b'\\') {
        serde_json::from_str::<String>(quoted).ok().map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(inner))
    }
}

/// The items of a checked JSON array; `None` when the value is not an array.
pub fn items(raw: Raw<'_>) -> Option<impl Iterator<Item = Result<Raw<'_>, &'static str>>> {
    let mut cursor = Cursor::new(raw, b'[', b']')?;
    Some(std::iter::from_fn(move || cursor.value()))
}

/// For each item of a checked JSON array, the value of the item's member `name` (the last
/// one), each item read in one pass; an item that is not an object is an error. `None`: the
/// value is not an array.
pub fn item_members<'a>(
    raw: Raw<'a>,
    name: &'a str,
) -> Option<impl Iterator<Item = Result<Slot<'a>, String>>> {
    let mut cursor = Cursor::new(raw, b'[', b']')?;
    Some(std::iter::from_fn(move || cursor.object_item(name)))
}

/// For each group of names, the value of the first of its names (in preference order) present
/// in a checked JSON object, without collecting the other members; all groups are found in one
/// pass over the object. Of repeated keys the last wins, as in [`RawObject::get`] (so the pass
/// reads the whole object). Not an object: every slot is [`Slot::Missing`].
pub fn members_any<'a, const N: usize>(raw: Raw<'a>, groups: [&[&str]; N]) -> [Slot<'a>; N] {
    let mut best: [Option<(usize, Raw<'a>)>; N] = [None; N];
    if let Some(mut cursor) = Cursor::new(raw, b'{', b'}') {
        while let Some(Ok((key, value))) = cursor.member() {
            for (names, best) in groups.iter().zip(best.iter_mut()) {
                if let Some(rank) = names.iter().position(|n| *n == key)
                    && best.is_none_or(|(b, _)| rank <= b)
                {
                    *best = Some((rank, value));
                }
            }
        }
    }
    best.map(|b| b.map_or(Slot::Missing, |(_, v)| Slot::of(v)))
}

/// `raw` itself when it is an object; otherwise says what it starts with.
pub fn require_object(raw: Raw<'_>) -> Result<Raw<'_>, String> {
    if raw.get().starts_with('{') {
        Ok(raw)
    } else {
        Err(not_an_object(raw.get()))
    }
}

fn not_an_object(text: &str) -> String {
    format!(
        "the record is not a JSON object (it starts with `{}`)",
        text.chars().next().unwrap_or(' ')
    )
}

/// Slots of the small open-addressing index of [`RawObject`] (a power of two).
const INDEX_SLOTS: usize = 64;
/// Objects with more members than this are searched linearly (the index stays sparse).
const INDEX_MAX_MEMBERS: usize = 40;

/// A cheap hash of a key: its length and its first and last eight bytes, mixed by one
/// multiplication. The index is small and bounded, so crafted keys can at worst make a lookup
/// probe all 64 slots.
fn key_hash(key: &str) -> usize {
    let b = key.as_bytes();
    let (head, tail) = match (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        (Some(head), Some(tail)) => (u64::from_le_bytes(*head), u64::from_le_bytes(*tail)),
        // Shorter than eight bytes: the whole key in one word.
        _ => {
            let word = b.iter().fold(0u64, |w, &c| (w << 8) | u64::from(c));
            (word, word)
        }
    };
    let h = (head ^ tail.rotate_left(29) ^ b.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 58) as usize
}

/// The members of one JSON object, in file order, with an index from key to the last member
/// of that name (records are looked up by a few dozen alias names each).
#[derive(Debug)]
pub struct RawObject<'a> {
    members: Vec<(Cow<'a, str>, Raw<'a>)>,
    /// Member position + 1 per slot (0: empty); unused beyond `INDEX_MAX_MEMBERS` members.
    index: [u8; INDEX_SLOTS],
}

impl<'a> RawObject<'a> {
    /// Reads an object from a checked value.
    pub fn parse(raw: impl Into<Raw<'a>>) -> Result<Self, String> {
        let raw = require_object(raw.into())?;
        let Some(mut cursor) = Cursor::new(raw, b'{', b'}') else {
            return Err(UNEXPECTED.into());
        };
        let mut object = RawObject::empty();
        while let Some(m) = cursor.member() {
            let (key, value) = m?;
            object.push(key, value);
        }
        object.index_members();
        Ok(object)
    }

    /// An object without members, to be filled with [`Self::push`].
    pub(super) fn empty() -> Self {
        RawObject {
            members: Vec::with_capacity(24),
            index: [0; INDEX_SLOTS],
        }
    }

    /// Forgets every member (the allocation is kept for the next object).
    pub(super) fn clear(&mut self) {
        self.members.clear();
        self.index = [0; INDEX_SLOTS];
    }

    /// Adds a member (in file order).
    pub(super) fn push(&mut self, key: Cow<'a, str>, value: Raw<'a>) {
        self.members.push((key, value));
    }

    /// Indexes the members once they are all pushed.
    pub(super) fn index_members(&mut self) {
        if self.members.len() > INDEX_MAX_MEMBERS {
            return;
        }
        for position in 0..self.members.len() {
            let key = &self.members[position].0;
            let mut slot = key_hash(key) % INDEX_SLOTS;
            loop {
                match self.index[slot] {
                    0 => {
                        // At most 40 members: the position fits in a byte.
                        self.index[slot] = (position + 1) as u8;
                        break;
                    }
                    // A repeated key: the later one takes the slot.
                    taken if self.members[taken as usize - 1].0 == *key => {
                        self.index[slot] = (position + 1) as u8;
                        break;
                    }
                    _ => slot = (slot + 1) % INDEX_SLOTS,
                }
            }
        }
    }

    /// The members in file order (duplicates included).
    pub fn members(&self) -> impl Iterator<Item = (&str, Raw<'a>)> + '_ {
        self.members.iter().map(|(k, v)| (&**k, *v))
    }

    /// The last member named `name`.
    fn find(&self, name: &str) -> Option<Raw<'a>> {
        if self.members.len() > INDEX_MAX_MEMBERS {
            return self
                .members
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| *v);
        }
        let mut slot = key_hash(name) % INDEX_SLOTS;
        loop {
            match self.index[slot] {
                0 => return None,
                taken => {
                    let (key, value) = &self.members[taken as usize - 1];
                    if key == name {
                        return Some(*value);
                    }
                    slot = (slot + 1) % INDEX_SLOTS;
                }
            }
        }
    }

    /// The first member among `names` that is present (aliases, in preference order), with the
    /// name that matched.
    pub fn get_any(&self, names: &[&'static str]) -> (Slot<'a>, Option<&'static str>) {
        for &n in names {
            if let Some(v) = self.find(n) {
                return (Slot::of(v), Some(n));
            }
        }
        (Slot::Missing, None)
    }

    /// The member `name`.
    pub fn get(&self, name: &str) -> Slot<'a> {
        self.find(name).map_or(Slot::Missing, Slot::of)
    }
}

/// A JSON scalar read leniently.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    /// A string (unescaped).
    Str(Cow<'a, str>),
    /// A number, as written.
    Num(&'a str),
    /// A boolean.
    Bool(bool),
}

/// Reads a raw value as a scalar; `Err` names the JSON type found.
pub fn scalar(raw: Raw<'_>) -> Result<Scalar<'_>, &'static str> {
    let s = raw.get();
    match s.as_bytes().first() {
        Some(b'"') => unquote(s).map(Scalar::Str).ok_or("a bad string"),
        Some(b't') => Ok(Scalar::Bool(true)),
        Some(b'f') => Ok(Scalar::Bool(false)),
        Some(b'[') => Err("an array"),
        Some(b'{') => Err("an object"),
        Some(_) => Ok(Scalar::Num(s)),
        None => Err("nothing"),
    }
}

/// Reads a raw value as text without copying when it has no escapes: a string, or a number's
/// digits (ids are often numbers).
pub fn text_ref(raw: Raw<'_>) -> Result<Cow<'_, str>, String> {
    match scalar(raw) {
        Ok(Scalar::Str(s)) => Ok(s),
        Ok(Scalar::Num(n)) => Ok(Cow::Borrowed(n)),
        Ok(Scalar::Bool(b)) => Err(format!("expected text, found the boolean {b}")),
        Err(t) => Err(format!("expected text, found {t}")),
    }
}

/// Reads a raw value as text: a string, or a number's digits (ids are often numbers).
pub fn text(raw: Raw<'_>) -> Result<String, String> {
    text_ref(raw).map(Cow::into_owned)
}

/// Reads a raw value as a list of texts, copied only where they have escapes: an array of
/// strings, or one string.
pub fn text_list_ref(raw: Raw<'_>) -> Result<Vec<Cow<'_, str>>, String> {
    match items(raw) {
        Some(list) => list
            .map(|item| item.map_err(str::to_owned).and_then(text_ref))
            .collect(),
        None => text_ref(raw).map(|s| vec![s]),
    }
}

/// Reads a raw value as a list of strings: an array of strings, or one string.
pub fn text_list(raw: Raw<'_>) -> Result<Vec<String>, String> {
    text_list_ref(raw).map(|v| v.into_iter().map(Cow::into_owned).collect())
}

/// Reads a raw value as an array of objects.
pub fn objects(raw: Raw<'_>) -> Result<Vec<RawObject<'_>>, String> {
    let list = items(raw).ok_or("expected an array of objects")?;
    list.map(|item| item.map_err(str::to_owned).and_then(RawObject::parse))
        .collect()
}

#[cfg(test)]
mod tests;
