//! Typed, located access to JSON fields, shared by the platform adapters.
//!
//! Every accessor returns `Err(reason)` on a wrong type, with the JSON pointer of the field, so a
//! rejection says exactly what was wrong. A missing field or `null` is `Ok(None)`.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde_json::{Map, Value};

/// A JSON object and the JSON pointer where it sits in the record.
#[derive(Clone)]
pub(crate) struct Obj<'a> {
    pub(crate) map: &'a Map<String, Value>,
    pub(crate) pointer: String,
}

/// Reason strings are built lazily; this is the adapters' internal error type.
pub(crate) type Reason = String;

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Obj<'a> {
    /// The record's root, which must be an object.
    pub(crate) fn root(value: &'a Value) -> Result<Obj<'a>, Reason> {
        match value {
            Value::Object(map) => Ok(Obj {
                map,
                pointer: String::new(),
            }),
            other => Err(format!(
                "expected a JSON object, found {}",
                type_name(other)
            )),
        }
    }

    fn at(&self, key: &str) -> String {
        format!(
            "{}/{}",
            self.pointer,
            key.replace('~', "~0").replace('/', "~1")
        )
    }

    fn wrong(&self, key: &str, expected: &str, found: &Value) -> Reason {
        format!(
            "{}: expected {expected}, found {}",
            self.at(key),
            type_name(found)
        )
    }

    /// The raw value, `None` when missing or null.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// True when the key exists (even as null).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// A nested object.
    pub(crate) fn obj(&self, key: &str) -> Result<Option<Obj<'a>>, Reason> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(Obj {
                map,
                pointer: self.at(key),
            })),
            Some(other) => Err(self.wrong(key, "an object", other)),
        }
    }

    /// The objects of an array field (missing or null is empty; a non-object item is an error).
    pub(crate) fn objects(&self, key: &str) -> Result<Vec<Obj<'a>>, Reason> {
        let base = self.at(key);
        self.array(key)?
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::Object(map) => Ok(Obj {
                    map,
                    pointer: format!("{base}/{i}"),
                }),
                other => Err(format!(
                    "{base}/{i}: expected an object, found {}",
                    type_name(other)
                )),
            })
            .collect()
    }

    /// The strings of an array field.
    pub(crate) fn strings(&self, key: &str) -> Result<Vec<String>, Reason> {
        let base = self.at(key);
        self.array(key)?
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => Ok(s.clone()),
                other => Err(format!(
                    "{base}/{i}: expected a string, found {}",
                    type_name(other)
                )),
            })
            .collect()
    }

    /// An array field (missing or null is empty).
    pub(crate) fn array(&self, key: &str) -> Result<&'a [Value], Reason> {
        match self.get(key) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items.as_slice()),
            Some(other) => Err(self.wrong(key, "an array", other)),
        }
    }

    /// A string field.
    pub(crate) fn str(&self, key: &str) -> Result<Option<&'a str>, Reason> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(other) => Err(self.wrong(key, "a string", other)),
        }
    }

    /// A required string field.
    pub(crate) fn req_str(&self, key: &str) -> Result<&'a str, Reason> {
        self.str(key)?
            .ok_or_else(|| format!("{}: required field is missing", self.at(key)))
    }

    /// An id given as a string or a non-negative integer (numbers are written in decimal).
    pub(crate) fn id(&self, key: &str) -> Result<Option<String>, Reason> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
            Some(Value::Number(n)) if n.is_u64() || n.is_i64() => Ok(Some(n.to_string())),
            Some(other) => Err(self.wrong(key, "a non-empty string or integer id", other)),
        }
    }

    /// The first present id among `keys` (e.g. `id_str` then `id`).
    pub(crate) fn first_id(&self, keys: &[&str]) -> Result<Option<String>, Reason> {
        for key in keys {
            if let Some(id) = self.id(key)? {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// A required id among `keys`.
    pub(crate) fn req_id(&self, keys: &[&str]) -> Result<String, Reason> {
        self.first_id(keys)?.ok_or_else(|| {
            format!(
                "{}: required id is missing",
                self.at(keys.first().copied().unwrap_or("id"))
            )
        })
    }

    /// A count: a non-negative integer (a float with no fraction is accepted, as some exports
    /// write `12.0`).
    pub(crate) fn count(&self, key: &str) -> Result<Option<u64>, Reason> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => {
                if let Some(v) = n.as_u64() {
                    Ok(Some(v))
                } else if let Some(f) = n
                    .as_f64()
                    .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < 9.0e15)
                {
                    Ok(Some(f as u64))
                } else {
                    Err(format!(
                        "{}: expected a non-negative integer count, found {n}",
                        self.at(key)
                    ))
                }
            }
            Some(other) => Err(self.wrong(key, "a non-negative integer count", other)),
        }
    }

    /// A boolean flag.
    pub(crate) fn flag(&self, key: &str) -> Result<Option<bool>, Reason> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.wrong(key, "a boolean", other)),
        }
    }

    /// An RFC 3339 timestamp.
    pub(crate) fn rfc3339(&self, key: &str) -> Result<Option<DateTime<Utc>>, Reason> {
        match self.str(key)? {
            None => Ok(None),
            Some(text) => parse_rfc3339(text)
                .map(Some)
                .map_err(|e| format!("{}: {e}", self.at(key))),
        }
    }

    /// A Twitter v1.1 timestamp (`Wed Oct 10 20:19:24 +0000 2018`), RFC 3339 also accepted.
    pub(crate) fn twitter_date(&self, key: &str) -> Result<Option<DateTime<Utc>>, Reason> {
        match self.str(key)? {
            None => Ok(None),
            Some(text) => parse_twitter_date(text)
                .map(Some)
                .map_err(|e| format!("{}: {e}", self.at(key))),
        }
    }

    /// POSIX seconds (integer).
    pub(crate) fn unix_seconds(&self, key: &str) -> Result<Option<DateTime<Utc>>, Reason> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => {
                let secs = n.as_i64().ok_or_else(|| {
                    format!(
                        "{}: expected integer POSIX seconds, found {n}",
                        self.at(key)
                    )
                })?;
                Utc.timestamp_opt(secs, 0)
                    .single()
                    .map(Some)
                    .ok_or_else(|| format!("{}: POSIX time {secs} is out of range", self.at(key)))
            }
            Some(other) => Err(self.wrong(key, "integer POSIX seconds", other)),
        }
    }
}

/// Parses an RFC 3339 timestamp into UTC.
pub(crate) fn parse_rfc3339(text: &str) -> Result<DateTime<Utc>, Reason> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("`{}` is not an RFC 3339 timestamp ({e})", shorten(text)))
}

/// Parses a Twitter v1.1 timestamp, falling back to RFC 3339.
pub(crate) fn parse_twitter_date(text: &str) -> Result<DateTime<Utc>, Reason> {
    DateTime::parse_from_str(text, "%a %b %d %H:%M:%S %z %Y")
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| parse_rfc3339(text))
        .map_err(|_| {
            format!(
                "`{}` is neither a Twitter date (`Wed Oct 10 20:19:24 +0000 2018`) nor RFC 3339",
                shorten(text)
            )
        })
}

/// Parses a timestamp given as RFC 3339, `YYYY-MM-DD HH:MM:SS` (UTC) or POSIX seconds.
pub(crate) fn parse_any_time(text: &str) -> Result<DateTime<Utc>, Reason> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<i64>() {
        return Utc
            .timestamp_opt(secs, 0)
            .single()
            .ok_or_else(|| format!("POSIX time {secs} is out of range"));
    }
    if let Ok(secs) = text.parse::<f64>() {
        if secs.is_finite() && secs.abs() < 1.0e13 {
            let whole = secs.floor();
            let nanos = ((secs - whole) * 1e9).round().min(999_999_999.0) as u32;
            return Utc
                .timestamp_opt(whole as i64, nanos)
                .single()
                .ok_or_else(|| format!("POSIX time {secs} is out of range"));
        }
        return Err(format!("POSIX time `{}` is out of range", shorten(text)));
    }
    if let Ok(naive) = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S") {
        return Ok(naive.and_utc());
    }
    parse_twitter_date(text)
}

/// At most 60 characters of a value, for messages.
pub(crate) fn shorten(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_string()
    } else {
        let head: String = text.chars().take(57).collect();
        format!("{head}...")
    }
}

/// Removes HTML tags and decodes the five basic entities (Mastodon notes, Twitter `source`).
pub(crate) fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twitter_date_parses_v1_format() {
        let t = parse_twitter_date("Thu Mar 14 15:08:32 +0000 2019").expect("date");
        assert_eq!(t.to_rfc3339(), "2019-03-14T15:08:32+00:00");
    }

    #[test]
    fn out_of_range_dates_are_reasons_not_panics() {
        assert!(parse_rfc3339("99999-01-01T00:00:00Z").is_err());
        assert!(parse_any_time("99999999999999999999").is_err());
        assert!(parse_any_time("1e300").is_err());
    }

    #[test]
    fn negative_count_is_rejected_with_pointer() {
        let v: Value = serde_json::json!({"followers_count": -3});
        let o = Obj::root(&v).expect("object");
        let err = o.count("followers_count").expect_err("negative");
        assert!(err.starts_with("/followers_count:"), "{err}");
    }

    #[test]
    fn strip_html_removes_tags_and_entities() {
        assert_eq!(
            strip_html("<p>Hi &amp; <a href=\"x\">bye</a></p>"),
            "Hi & bye"
        );
    }
}
