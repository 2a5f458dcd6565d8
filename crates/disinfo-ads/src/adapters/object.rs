//! A JSON object read shallowly: its members as raw slices, looked up by name. Lets adapters
//! tell a missing key from `null` from a value, and report a wrong type per field.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// A member's value: missing, `null`, or a raw JSON value.
#[derive(Debug, Clone, Copy)]
pub enum Slot<'a> {
    /// The key is not in the object.
    Missing,
    /// The key is there with `null`.
    Null,
    /// The key has a value.
    Value(&'a RawValue),
}

/// The members of one JSON object, in file order.
#[derive(Debug, Default)]
pub struct RawObject<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'a> RawObject<'a> {
    /// Reads an object from a raw record.
    pub fn parse(raw: &'a RawValue) -> Result<Self, String> {
        serde_json::from_str::<RawObject<'a>>(raw.get()).map_err(|e| {
            let s = raw.get().trim_start();
            if s.starts_with('{') {
                e.to_string()
            } else {
                format!(
                    "the record is not a JSON object (it starts with `{}`)",
                    s.chars().next().unwrap_or(' ')
                )
            }
        })
    }

    /// The first member among `names` that is present (aliases, in preference order), with the
    /// name that matched.
    pub fn get_any(&self, names: &[&'static str]) -> (Slot<'a>, Option<&'static str>) {
        for &n in names {
            if let Some((_, v)) = self.0.iter().find(|(k, _)| k == n) {
                if v.get() == "null" {
                    return (Slot::Null, Some(n));
                }
                return (Slot::Value(v), Some(n));
            }
        }
        (Slot::Missing, None)
    }

    /// The member `name`.
    pub fn get(&self, name: &'static str) -> Slot<'a> {
        self.get_any(&[name]).0
    }
}

impl<'de> Deserialize<'de> for RawObject<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawObject<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some((k, raw)) = map.next_entry::<Cow<'de, str>, &'de RawValue>()? {
                    v.push((k, raw));
                }
                Ok(RawObject(v))
            }
        }
        d.deserialize_map(V)
    }
}

/// A JSON scalar read leniently.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// A string (unescaped).
    Str(String),
    /// A number, as written.
    Num(String),
    /// A boolean.
    Bool(bool),
}

/// Reads a raw value as a scalar; `Err` names the JSON type found.
pub fn scalar(raw: &RawValue) -> Result<Scalar, &'static str> {
    let s = raw.get();
    match s.as_bytes().first() {
        // No escape: the text between the quotes is the string.
        Some(b'"') if s.len() >= 2 && !s.contains('\\') => {
            Ok(Scalar::Str(s[1..s.len() - 1].to_owned()))
        }
        Some(b'"') => serde_json::from_str::<String>(s)
            .map(Scalar::Str)
            .map_err(|_| "a bad string"),
        Some(b't') => Ok(Scalar::Bool(true)),
        Some(b'f') => Ok(Scalar::Bool(false)),
        Some(b'[') => Err("an array"),
        Some(b'{') => Err("an object"),
        Some(_) => Ok(Scalar::Num(s.to_owned())),
        None => Err("nothing"),
    }
}

/// Reads a raw value as text: a string, or a number's digits (ids are often numbers).
pub fn text(raw: &RawValue) -> Result<String, String> {
    match scalar(raw) {
        Ok(Scalar::Str(s)) => Ok(s),
        Ok(Scalar::Num(n)) => Ok(n),
        Ok(Scalar::Bool(b)) => Err(format!("expected text, found the boolean {b}")),
        Err(t) => Err(format!("expected text, found {t}")),
    }
}

/// Reads a raw value as a list of strings: an array of strings, or one string.
pub fn text_list(raw: &RawValue) -> Result<Vec<String>, String> {
    if raw.get().starts_with('[') {
        let items: Vec<&RawValue> = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
        items.into_iter().map(text).collect()
    } else {
        text(raw).map(|s| vec![s])
    }
}

/// Reads a raw value as an array of objects.
pub fn objects(raw: &RawValue) -> Result<Vec<RawObject<'_>>, String> {
    if !raw.get().starts_with('[') {
        return Err("expected an array of objects".into());
    }
    let items: Vec<&RawValue> = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
    items.into_iter().map(RawObject::parse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_null_and_value_are_distinct() {
        let raw: &RawValue = serde_json::from_str(r#"{"a": null, "b": "x", "c": 5}"#).expect("raw");
        let o = RawObject::parse(raw).expect("object");
        assert!(matches!(o.get("a"), Slot::Null));
        assert!(matches!(o.get("z"), Slot::Missing));
        let Slot::Value(b) = o.get("b") else {
            panic!("b")
        };
        assert_eq!(text(b), Ok("x".to_owned()));
        let Slot::Value(c) = o.get("c") else {
            panic!("c")
        };
        assert_eq!(text(c), Ok("5".to_owned()));
        assert_eq!(o.get_any(&["y", "c"]).1, Some("c"));
    }
}
