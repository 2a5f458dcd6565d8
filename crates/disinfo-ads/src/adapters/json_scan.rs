//! One validating pass over a record file: checks the JSON syntax of the whole file and hands
//! out each record with its top-level members already located, so that records are neither
//! parsed twice nor scanned again for their members.
//!
//! It takes the layouts Meta's archive and most dumps use: a top-level array of records, or a
//! paged response whose first `data` member is an array (`paging`, `has_more` and `search_id`
//! beside it). Anything else — a syntax error, invalid UTF-8, an `error` member, TikTok's
//! `{"data": {"ads": [...]}}`, a second `data` member (the last one counts, and its records
//! come after those of the first), a key written with escapes at the top level, nesting deeper
//! than [`MAX_DEPTH`] — makes [`scan_records`] answer `None`, and the caller reads the file with
//! [`super::json_stream`], which reports errors with their line and column. The scan is
//! therefore at least as strict as `serde_json` (proptests below compare the two on valid,
//! mutated and cut JSON): whatever it accepts, `serde_json` accepts the same way, and a record's
//! repeated keys read as `serde_json` reads them (the last one counts).

use std::borrow::Cow;

use super::json_stream::{Layout, StreamInfo};
// Re-exported: its path before it moved to the module both JSON readers share.
pub use super::json_text::string_stop;
use super::object::{Raw, RawObject};

/// Deepest nesting the scan follows (`serde_json` stops at 128); deeper files take the
/// `serde_json` path.
pub const MAX_DEPTH: u32 = 100;

/// A validating cursor over the file's text. Every method returns `None` on anything that is
/// not valid JSON (or not taken by the scan).
struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek() == Some(c)).then(|| self.i += 1)
    }

    /// A string (the cursor is on its opening quote); `true` when it has escapes.
    fn string(&mut self) -> Option<bool> {
        self.i += 1;
        let mut escaped = false;
        loop {
            self.i = string_stop(self.b, self.i);
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(escaped);
                }
                b'\\' => {
                    escaped = true;
                    self.i += 1;
                    match self.peek()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.i += 1,
                        b'u' => {
                            let hex = self.b.get(self.i + 1..self.i + 5)?;
                            hex.iter().all(u8::is_ascii_hexdigit).then_some(())?;
                            self.i += 5;
                        }
                        _ => return None,
                    }
                }
                // A raw control character.
                _ => return None,
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        self.i - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            (self.digits() > 0).then_some(())?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            (self.digits() > 0).then_some(())?;
        }
        Some(())
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        (self.b.get(self.i..self.i + word.len())? == word).then(|| self.i += word.len())
    }

    /// After an item: `,` (more follow, `true`) or the closing bracket (`false`).
    fn separator(&mut self, close: u8) -> Option<bool> {
        self.skip_ws();
        match self.peek()? {
            b',' => {
                self.i += 1;
                self.skip_ws();
                Some(true)
            }
            c if c == close => {
                self.i += 1;
                Some(false)
            }
            _ => None,
        }
    }

    /// Opens a container: `true` when it has items (the cursor is then on the first one).
    fn open(&mut self, close: u8) -> Option<bool> {
        self.i += 1;
        self.skip_ws();
        if self.peek()? == close {
            self.i += 1;
            return Some(false);
        }
        Some(true)
    }

    /// A key and its colon; the key's text (unescaped if needed) and where its value starts.
    fn key(&mut self) -> Option<Cow<'a, str>> {
        (self.peek()? == b'"').then_some(())?;
        let start = self.i;
        let escaped = self.string()?;
        let quoted = self.text.get(start..self.i)?;
        self.skip_ws();
        self.expect(b':')?;
        self.skip_ws();
        if escaped {
            serde_json::from_str::<String>(quoted).ok().map(Cow::Owned)
        } else {
            quoted.get(1..quoted.len() - 1).map(Cow::Borrowed)
        }
    }

    /// Any value, checked and skipped.
    fn value(&mut self, depth: u32) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' => {
                (depth < MAX_DEPTH).then_some(())?;
                let mut more = self.open(b'}')?;
                while more {
                    self.key()?;
                    self.value(depth + 1)?;
                    more = self.separator(b'}')?;
                }
                Some(())
            }
            b'[' => {
                (depth < MAX_DEPTH).then_some(())?;
                let mut more = self.open(b']')?;
                while more {
                    self.value(depth + 1)?;
                    more = self.separator(b']')?;
                }
                Some(())
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number(),
        }
    }

    /// The checked text from `start` to the cursor.
    fn raw_from(&self, start: usize) -> Option<Raw<'a>> {
        self.text.get(start..self.i).map(Raw::checked)
    }

    /// An object record: its members go to `object` as they are checked.
    fn record(&mut self, object: &mut RawObject<'a>) -> Option<()> {
        object.clear();
        let mut more = self.open(b'}')?;
        while more {
            let key = self.key()?;
            let start = self.i;
            self.value(2)?;
            object.push(key, self.raw_from(start)?);
            more = self.separator(b'}')?;
        }
        object.index_members();
        Some(())
    }

    /// The array of records (the cursor is on `[`).
    fn records<F>(&mut self, info: &mut StreamInfo, f: &mut F) -> Option<()>
    where
        F: FnMut(usize, Raw<'a>, Result<&RawObject<'a>, String>),
    {
        let mut object = RawObject::empty();
        let mut more = self.open(b']')?;
        while more {
            let start = self.i;
            if self.peek()? == b'{' {
                self.record(&mut object)?;
                f(info.records, self.raw_from(start)?, Ok(&object));
            } else {
                self.value(1)?;
                let raw = self.raw_from(start)?;
                let not_an_object = RawObject::parse(raw);
                f(
                    info.records,
                    raw,
                    not_an_object.as_ref().map_err(String::clone),
                );
            }
            info.records += 1;
            more = self.separator(b']')?;
        }
        Some(())
    }

    /// A paged response `{"data": [...], "paging": {...}}` (the cursor is on `{`).
    fn paged<F>(&mut self, info: &mut StreamInfo, f: &mut F) -> Option<()>
    where
        F: FnMut(usize, Raw<'a>, Result<&RawObject<'a>, String>),
    {
        let mut saw_data = false;
        let mut more = self.open(b'}')?;
        while more {
            let Cow::Borrowed(key) = self.key()? else {
                return None;
            };
            match key {
                // The records already handed out would be the wrong ones: the slow path reads
                // the file again and keeps the last `data`.
                "data" if saw_data => return None,
                "data" => {
                    saw_data = true;
                    (self.peek()? == b'[').then_some(())?;
                    self.records(info, f)?;
                }
                "error" => return None,
                other => {
                    if matches!(other, "paging" | "has_more" | "search_id") {
                        info.has_paging = true;
                    }
                    self.value(1)?;
                }
            }
            more = self.separator(b'}')?;
        }
        saw_data.then_some(())
    }
}

/// Checks `bytes` and streams its records to `f(index, raw, members)` (members: the record's
/// top-level members, or why it is not an object). `None`: the file is not valid JSON or not in
/// a layout the scan takes; records already passed to `f` must then be discarded.
pub fn scan_records<'a, F>(bytes: &'a [u8], f: &mut F) -> Option<StreamInfo>
where
    F: FnMut(usize, Raw<'a>, Result<&RawObject<'a>, String>),
{
    let text = std::str::from_utf8(bytes).ok()?;
    let mut scanner = Scanner {
        text,
        b: bytes,
        i: 0,
    };
    let mut info = StreamInfo::default();
    scanner.skip_ws();
    match scanner.peek()? {
        b'[' => {
            info.layout = Layout::Array;
            scanner.records(&mut info, f)?;
        }
        b'{' => {
            info.layout = Layout::Paged;
            scanner.paged(&mut info, f)?;
        }
        _ => return None,
    }
    scanner.skip_ws();
    (scanner.i == bytes.len()).then_some(info)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::json_gen::{self, Json};
    use super::super::json_stream;
    use super::super::object::Slot;
    use super::*;
    use proptest::prelude::*;

    /// One record as read: its value, and for an object what a lookup of each of its keys
    /// gives (as JSON text re-serialised by serde_json).
    type Record = (serde_json::Value, Option<BTreeMap<String, String>>);

    /// A file as streamed: its layout, whether it had paging, its records.
    type Streamed = (Layout, bool, Vec<Record>);

    fn record(raw: &str, object: Option<&RawObject<'_>>) -> Record {
        // A number beyond f64 (`1e999`) is valid JSON that serde_json's value type refuses.
        let value = serde_json::from_str(raw)
            .unwrap_or_else(|e| serde_json::Value::String(format!("unreadable: {e}")));
        let lookups = object.map(|o| {
            o.members()
                .map(|(key, _)| {
                    let found = match o.get(key) {
                        Slot::Value(v) => serde_json::from_str::<serde_json::Value>(v.get())
                            .map_or_else(|e| e.to_string(), |v| v.to_string()),
                        Slot::Null => "null".into(),
                        Slot::Missing => "-".into(),
                    };
                    (key.to_owned(), found)
                })
                .collect()
        });
        (value, lookups)
    }

    /// What the scan streamed.
    fn scanned(text: &str) -> Option<Streamed> {
        let mut out = Vec::new();
        let info = scan_records(text.as_bytes(), &mut |i, raw, obj| {
            assert_eq!(i, out.len());
            out.push(record(raw.get(), obj.ok()));
        })?;
        assert_eq!(info.records, out.len());
        Some((info.layout, info.has_paging, out))
    }

    /// What the serde_json path streams from the same text, when it reads it without error.
    fn streamed(text: &str) -> Option<Streamed> {
        let mut raws = Vec::new();
        let (info, result) =
            json_stream::stream_records(text.as_bytes(), &mut |_, raw| raws.push(raw));
        result.ok()?;
        assert_eq!(info.records, raws.len());
        let out = raws
            .into_iter()
            .map(|raw| record(raw.get(), RawObject::parse(raw).ok().as_ref()))
            .collect();
        Some((info.layout, info.has_paging, out))
    }

    /// What a program reading the file with serde_json into a value finds: the array, or the
    /// last `data` member's array; each record's keys as serde_json keeps them (the last of
    /// repeated keys).
    fn truth(text: &str) -> Option<Streamed> {
        let doc: serde_json::Value = serde_json::from_str(text).ok()?;
        let expected = |v: &serde_json::Value| -> Record {
            let lookups = v
                .as_object()
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.to_string())).collect());
            (v.clone(), lookups)
        };
        match &doc {
            serde_json::Value::Array(items) => {
                Some((Layout::Array, false, items.iter().map(expected).collect()))
            }
            serde_json::Value::Object(map) => {
                let records = map.get("data")?.as_array()?;
                let paging = ["paging", "has_more", "search_id"]
                    .iter()
                    .any(|k| map.contains_key(*k));
                Some((
                    Layout::Paged,
                    paging,
                    records.iter().map(expected).collect(),
                ))
            }
            _ => None,
        }
    }

    fn keys(record: &Record) -> Vec<&str> {
        record
            .1
            .iter()
            .flat_map(|lookups| lookups.keys().map(String::as_str))
            .collect()
    }

    #[test]
    fn layouts_the_scan_takes() {
        let (layout, paging, records) = scanned(
            r#" {"data": [{"id": "1", "a": [1, {"b": null}]}, 7], "paging": {"next": "x"}} "#,
        )
        .expect("paged");
        assert_eq!((layout, paging), (Layout::Paged, true));
        assert_eq!(keys(&records[0]), ["a", "id"]);
        assert_eq!(records[1], (serde_json::json!(7), None));
        let (layout, _, records) = scanned(r#"[{"k\u0065y": "v\n"}, {}]"#).expect("array");
        assert_eq!(layout, Layout::Array);
        assert_eq!(keys(&records[0]), ["key"]);
        assert_eq!(records[1].0, serde_json::json!({}));
    }

    #[test]
    fn what_the_scan_leaves_to_serde_json() {
        for text in [
            "",
            "   ",
            "[",
            "[1,]",
            "[01]",
            "[1.]",
            "[-]",
            "[1e]",
            "[tru]",
            "[\"\u{1}\"]",
            "[\"\\x\"]",
            "[\"\\u12g4\"]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "[] x",
            "{\"foo\": 1}",
            r#"{"data": {"ads": []}}"#,
            r#"{"data": null}"#,
            r#"{"data": [], "error": {"code": 1}}"#,
            r#"{"d\u0061ta": []}"#,
            r#"{"data": [{"id": 1}], "data": []}"#,
            "\u{feff}[]",
            "7",
        ] {
            assert!(scanned(text).is_none(), "{text:?}");
        }
        assert!(scan_records(b"[\"\xff\"]", &mut |_, _, _| {}).is_none());
        let deep = format!("[{}{}]", "[".repeat(200), "]".repeat(200));
        assert!(scanned(&deep).is_none());
        let deep_record = format!("[{{\"a\": {}1{}}}]", "[".repeat(99), "]".repeat(99));
        assert!(scanned(&deep_record).is_none());
        let ok_record = format!("[{{\"a\": {}1{}}}]", "[".repeat(97), "]".repeat(97));
        assert!(scanned(&ok_record).is_some());
    }

    /// A file: an array of records, or a paged response whose `data` member may be repeated
    /// (before or after the first) with other records; records repeat keys at any level.
    fn document() -> impl Strategy<Value = (String, bool)> {
        let records = || prop::collection::vec(json_gen::json(), 0..6).prop_map(Json::Array);
        (records(), records(), any::<bool>(), 0..3u8, any::<bool>()).prop_map(
            |(records, other, paged, repeat, pretty)| {
                if !paged {
                    return (records.render(pretty), false);
                }
                let cursors = || {
                    Json::Object(vec![(
                        "cursors".into(),
                        Json::Object(vec![("after".into(), Json::Leaf("x".into()))]),
                    )])
                };
                let mut members = vec![("data".to_owned(), records), ("paging".into(), cursors())];
                match repeat {
                    1 => members.insert(0, ("data".into(), other)),
                    2 => members.push(("data".into(), other)),
                    _ => {}
                }
                (Json::Object(members).render(pretty), repeat != 0)
            },
        )
    }

    proptest! {
        /// Valid documents: the scan (when it takes the file) and the serde_json path both
        /// stream what serde_json reads into a value, repeated keys included. The scan takes
        /// every file with one `data` member.
        #[test]
        fn scan_agrees_with_serde_json_on_valid_files((text, repeated) in document()) {
            let want = truth(&text);
            prop_assert!(want.is_some());
            match scanned(&text) {
                Some(fast) => prop_assert_eq!(Some(fast), want.clone()),
                None => prop_assert!(repeated, "the scan left a file with one `data` to serde_json"),
            }
            prop_assert_eq!(streamed(&text), want);
        }

        /// Damaged documents (a byte changed, inserted or removed, or the end cut): whatever the
        /// scan accepts, serde_json reads identically.
        #[test]
        fn scan_is_never_looser_than_serde_json(
            (text, _) in document(),
            at in any::<prop::sample::Index>(),
            byte in prop::sample::select(b"{}[]\",:\\ -0e.tnfu1\x01".to_vec()),
            edit in 0..4u8,
        ) {
            let mut bytes = text.into_bytes();
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                match edit {
                    0 => bytes[i] = byte,
                    1 => bytes.insert(i, byte),
                    2 => { bytes.remove(i); }
                    _ => bytes.truncate(i),
                }
            }
            let Ok(text) = String::from_utf8(bytes) else { return Ok(()); };
            if let Some(fast) = scanned(&text) {
                if let Some(want) = truth(&text) {
                    prop_assert_eq!(&fast, &want);
                }
                prop_assert_eq!(Some(fast), streamed(&text));
            }
        }
    }
}
