//! Streams the records of a JSON file one by one as raw slices, without building the whole
//! document: a top-level array (`/i`), a paged API response `{"data": [...], "paging": ...}`
//! (`/data/i`), or TikTok's `{"data": {"ads": [...]}}` (`/data/ads/i`).
//!
//! Records read before a syntax error (a truncated download) are kept; the error comes back
//! with its line and column so that the caller can report the rest of the file as rejected.
//!
//! A member repeated in the response (`data` twice, `ads` twice) counts once, the last one, as
//! `serde_json`, Python and JavaScript read it: the records are handed out once the file is
//! read, those of an earlier `data` having been dropped.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// Where the records of a JSON file sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// The file is one JSON array of records.
    #[default]
    Array,
    /// A paged response: records under `/data`.
    Paged,
    /// A TikTok response: records under `/data/ads`.
    DataAds,
    /// One record per line (JSONL).
    Lines,
    /// A CSV file.
    Csv,
}

impl Layout {
    /// The JSON pointer prefix of the records.
    pub fn prefix(self) -> &'static str {
        match self {
            Layout::Array => "",
            Layout::Paged => "/data",
            Layout::DataAds => "/data/ads",
            Layout::Lines | Layout::Csv => "",
        }
    }
}

/// What a streamed JSON file held besides its records.
#[derive(Debug, Default)]
pub struct StreamInfo {
    /// Where the records were found.
    pub layout: Layout,
    /// Number of records streamed.
    pub records: usize,
    /// The response carried a `paging` object (Meta) or `has_more` (TikTok).
    pub has_paging: bool,
    /// The response carried an `error` object that is not TikTok's `{"code": "ok"}`.
    pub api_error: Option<String>,
}

/// Reads the records of `bytes`, then hands them to `f(index, raw)` in file order.
pub fn stream_records<'de, F>(
    bytes: &'de [u8],
    f: &mut F,
) -> (StreamInfo, Result<(), serde_json::Error>)
where
    F: FnMut(usize, &'de RawValue),
{
    let mut info = StreamInfo::default();
    let mut records = Vec::new();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result = (&mut de)
        .deserialize_any(TopVisitor {
            records: &mut records,
            info: &mut info,
        })
        .and_then(|()| de.end());
    info.records = records.len();
    for (i, raw) in records.into_iter().enumerate() {
        f(i, raw);
    }
    (info, result)
}

/// The records of the `data` (or `ads`) member read last.
type Records<'de> = Vec<&'de RawValue>;

struct TopVisitor<'a, 'de> {
    records: &'a mut Records<'de>,
    info: &'a mut StreamInfo,
}

fn read_seq<'de, A>(mut seq: A, records: &mut Records<'de>) -> Result<(), A::Error>
where
    A: SeqAccess<'de>,
{
    while let Some(raw) = seq.next_element::<&'de RawValue>()? {
        records.push(raw);
    }
    Ok(())
}

impl<'de> Visitor<'de> for TopVisitor<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of ads or an API response with `data`")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.info.layout = Layout::Array;
        read_seq(seq, self.records)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.info.layout = Layout::Paged;
        let mut saw_data = false;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match &*key {
                "data" => {
                    saw_data = true;
                    // A later `data` replaces an earlier one, whatever its shape.
                    self.records.clear();
                    self.info.layout = Layout::Paged;
                    map.next_value_seed(DataSeed {
                        records: &mut *self.records,
                        info: &mut *self.info,
                    })?;
                }
                "paging" | "has_more" | "search_id" => {
                    self.info.has_paging = true;
                    map.next_value::<IgnoredAny>()?;
                }
                "error" => {
                    let value: serde_json::Value = map.next_value()?;
                    let ok = value
                        .get("code")
                        .and_then(|c| c.as_str())
                        .is_some_and(|c| c.eq_ignore_ascii_case("ok"));
                    self.info.api_error = (!ok && !value.is_null()).then(|| value.to_string());
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !saw_data {
            return Err(serde::de::Error::custom(
                "the object has no `data` member: not an API response",
            ));
        }
        Ok(())
    }
}

struct DataSeed<'a, 'de> {
    records: &'a mut Records<'de>,
    info: &'a mut StreamInfo,
}

impl<'de> DeserializeSeed<'de> for DataSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DataSeed<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of ads or an object with `ads`")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        read_seq(seq, self.records)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.info.layout = Layout::DataAds;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "ads" {
                self.records.clear();
                map.next_value_seed(SeqSeed {
                    records: &mut *self.records,
                })?;
            } else {
                if key == "has_more" || key == "search_id" {
                    self.info.has_paging = true;
                }
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

struct SeqSeed<'a, 'de> {
    records: &'a mut Records<'de>,
}

impl<'de> DeserializeSeed<'de> for SeqSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SeqSeed<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of ads")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        read_seq(seq, self.records)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str) -> (StreamInfo, Vec<String>, bool) {
        let mut out = Vec::new();
        let (info, r) = stream_records(text.as_bytes(), &mut |_, raw: &RawValue| {
            out.push(raw.get().to_owned())
        });
        (info, out, r.is_ok())
    }

    #[test]
    fn array_paged_and_tiktok_layouts() {
        let (i, v, ok) = collect(r#"[{"id":"1"}, {"id":"2"}]"#);
        assert!(ok);
        assert_eq!((i.layout, v.len()), (Layout::Array, 2));
        let (i, v, ok) = collect(r#"{"data":[{"id":"1"}],"paging":{"cursors":{}}}"#);
        assert!(ok && i.has_paging);
        assert_eq!(
            (i.layout, v),
            (Layout::Paged, vec![r#"{"id":"1"}"#.to_owned()])
        );
        let (i, v, ok) =
            collect(r#"{"data":{"ads":[{"ad":{"id":1}}],"has_more":false},"error":{"code":"ok"}}"#);
        assert!(ok && i.api_error.is_none());
        assert_eq!((i.layout, v.len()), (Layout::DataAds, 1));
    }

    #[test]
    fn truncated_file_keeps_the_records_before_the_cut() {
        let (i, v, ok) = collect(r#"{"data":[{"id":"1"},{"id":"2"},{"id":"3"#);
        assert!(!ok);
        assert_eq!(v.len(), 2);
        assert_eq!(i.records, 2);
    }

    #[test]
    fn object_without_data_is_an_error() {
        let (_, v, ok) = collect(r#"{"foo": 1}"#);
        assert!(!ok && v.is_empty());
    }

    #[test]
    fn a_repeated_data_or_ads_member_counts_once_the_last_one() {
        let (i, v, ok) = collect(
            r#"{"data":{"ads":[{"ad":{"id":1}}],"ads":[]},"data":{"ads":[{"ad":{"id":2}}]}}"#,
        );
        assert!(ok);
        assert_eq!(
            (i.layout, i.records, v),
            (Layout::DataAds, 1, vec![r#"{"ad":{"id":2}}"#.to_owned()])
        );
        let (i, v, ok) = collect(r#"{"data":{"ads":[{"id":1}]},"data":[{"id":2},{"id":3}]}"#);
        assert!(ok);
        assert_eq!((i.layout, v.len()), (Layout::Paged, 2));
        let (i, v, ok) = collect(r#"{"data":[{"id":1}],"data":null}"#);
        assert!(ok && v.is_empty() && i.records == 0);
        let (i, _, ok) = collect(r#"{"data":[],"error":{"code":1},"error":{"code":"ok"}}"#);
        assert!(ok && i.api_error.is_none());
    }
}
