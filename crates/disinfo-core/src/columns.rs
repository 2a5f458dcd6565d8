//! Results made of columns: a JSON object whose listed fields are arrays of equal length.
//!
//! Its JSON form is the object itself (each column an array, the other fields as they are),
//! which is what every host gets by default. A host may also take the columns as they are held,
//! without a value object per row: the Python engines (`disinfo.dask`, `disinfo.spark`) turn
//! them into numpy arrays and Arrow strings, which group and shuffle without Python objects.
//!
//! ```
//! use disinfo_core::columns::{ColumnData, Columns, TextColumn};
//!
//! let out = Columns::new()
//!     .column("user", ColumnData::Text(TextColumn::from_iter(["anna", "ben"])))
//!     .column("posts", ColumnData::UInt(vec![3, 1]))
//!     .field("rows_read", 4_u64);
//! let json = serde_json::to_value(&out)?;
//! assert_eq!(json, serde_json::json!({"user": ["anna", "ben"], "posts": [3, 1], "rows_read": 4}));
//! # Ok::<(), serde_json::Error>(())
//! ```

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::json::Json;

/// Text values in one buffer: value `i` is `data[offsets[i]..offsets[i + 1]]` (Arrow's
/// `large_string` layout, without a validity bitmap: there are no missing values).
#[derive(Debug, Clone, PartialEq)]
pub struct TextColumn {
    offsets: Vec<i64>,
    data: String,
}

impl Default for TextColumn {
    fn default() -> Self {
        TextColumn {
            offsets: vec![0],
            data: String::new(),
        }
    }
}

impl TextColumn {
    /// No value (as [`TextColumn::default`], usable in a `static`).
    pub const EMPTY: TextColumn = TextColumn {
        offsets: Vec::new(),
        data: String::new(),
    };

    /// An empty column with room for `values` values of `bytes` bytes in all.
    pub fn with_capacity(values: usize, bytes: usize) -> TextColumn {
        let mut offsets = Vec::with_capacity(values + 1);
        offsets.push(0);
        TextColumn {
            offsets,
            data: String::with_capacity(bytes),
        }
    }

    /// Appends a value.
    pub fn push(&mut self, value: &str) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        self.data.push_str(value);
        // A String never exceeds isize::MAX bytes, so its length fits an i64.
        self.offsets
            .push(i64::try_from(self.data.len()).unwrap_or(i64::MAX));
    }

    /// The row numbers `"0"`, `"1"`, … `"n - 1"`: the ids of rows that have none of their own,
    /// in one buffer (no string allocated per row).
    ///
    /// ```
    /// use disinfo_core::columns::TextColumn;
    ///
    /// let ids = TextColumn::row_numbers(11);
    /// assert_eq!(ids.iter().last(), Some("10"));
    /// assert_eq!(serde_json::to_string(&TextColumn::row_numbers(3))?, r#"["0","1","2"]"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn row_numbers(n: usize) -> TextColumn {
        let widest = n.max(1).ilog10() as usize + 1;
        let mut column = TextColumn::with_capacity(n, n * widest);
        // The current number's decimal digits, counted up in place rather than formatted
        // afresh for every row.
        let mut digits = vec![b'0'];
        for _ in 0..n {
            // Only ASCII digits are ever written.
            column.push(std::str::from_utf8(&digits).unwrap_or_default());
            increment(&mut digits);
        }
        column
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Whether there is no value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value `i` (empty text past the end).
    pub fn get(&self, i: usize) -> &str {
        match self.offsets.get(i..).and_then(|rest| rest.get(..2)) {
            Some(&[start, end]) => self.between(start, end),
            _ => "",
        }
    }

    /// The values in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.offsets.windows(2).map(|w| self.between(w[0], w[1]))
    }

    /// The text between two offsets (empty where they do not bound one).
    fn between(&self, start: i64, end: i64) -> &str {
        let at = |o: i64| usize::try_from(o).unwrap_or(0);
        self.data.get(at(start)..at(end)).unwrap_or("")
    }

    /// The offsets (one more than the values, from 0) and the UTF-8 data.
    pub fn into_parts(self) -> (Vec<i64>, Vec<u8>) {
        let offsets = if self.offsets.is_empty() {
            vec![0]
        } else {
            self.offsets
        };
        (offsets, self.data.into_bytes())
    }
}

/// Adds one to the decimal number `digits` (ASCII digits, most significant first).
fn increment(digits: &mut Vec<u8>) {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return;
        }
    }
    digits.insert(0, b'1');
}

impl<'a> FromIterator<&'a str> for TextColumn {
    fn from_iter<I: IntoIterator<Item = &'a str>>(values: I) -> TextColumn {
        let mut column = TextColumn::default();
        for value in values {
            column.push(value);
        }
        column
    }
}

impl From<Vec<String>> for TextColumn {
    fn from(values: Vec<String>) -> TextColumn {
        let bytes = values.iter().map(String::len).sum();
        let mut column = TextColumn::with_capacity(values.len(), bytes);
        for value in &values {
            column.push(value);
        }
        column
    }
}

impl Serialize for TextColumn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for value in self.iter() {
            seq.serialize_element(value)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for TextColumn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TextColumn, D::Error> {
        struct Texts;
        impl<'de> Visitor<'de> for Texts {
            type Value = TextColumn;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TextColumn, A::Error> {
                let mut column = TextColumn::default();
                while let Some(value) = seq.next_element::<String>()? {
                    column.push(&value);
                }
                Ok(column)
            }
        }
        deserializer.deserialize_seq(Texts)
    }
}

/// In a schema, a list of strings (its JSON form).
impl JsonSchema for TextColumn {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<String>>::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <Vec<String>>::json_schema(generator)
    }

    fn inline_schema() -> bool {
        true
    }
}

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// Signed integers.
    Int(Vec<i64>),
    /// Unsigned integers.
    UInt(Vec<u64>),
    /// Flags.
    Bool(Vec<bool>),
    /// Real numbers.
    Float(Vec<f64>),
    /// Text.
    Text(TextColumn),
}

impl Serialize for ColumnData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ColumnData::Int(v) => v.serialize(serializer),
            ColumnData::UInt(v) => v.serialize(serializer),
            ColumnData::Bool(v) => v.serialize(serializer),
            ColumnData::Float(v) => v.serialize(serializer),
            ColumnData::Text(v) => v.serialize(serializer),
        }
    }
}

/// A field of [`Columns`] that is not a column.
pub enum Field {
    /// Any JSON-shaped value.
    Value(Json),
    /// A list of texts held in one buffer (its JSON form is a list of strings): a host makes
    /// its own list of strings from it directly, without going through a value per text.
    Texts(TextColumn),
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(value) => value.serialize(serializer),
            Field::Texts(texts) => texts.serialize(serializer),
        }
    }
}

/// A JSON object of named columns and other fields, in the order they were added.
#[derive(Default)]
pub struct Columns {
    /// The columns.
    pub columns: Vec<(String, ColumnData)>,
    /// The other fields.
    pub fields: Vec<(String, Field)>,
}

impl Columns {
    /// No column and no field.
    pub fn new() -> Columns {
        Columns::default()
    }

    /// Adds a column.
    #[must_use]
    pub fn column(mut self, name: &str, values: ColumnData) -> Columns {
        self.columns.push((name.to_owned(), values));
        self
    }

    /// Adds a field that is not a column (a count, a list of records).
    #[must_use]
    pub fn field<T: Serialize + Send + 'static>(mut self, name: &str, value: T) -> Columns {
        self.fields
            .push((name.to_owned(), Field::Value(Box::new(value))));
        self
    }

    /// Adds a field that is a list of texts (see [`Field::Texts`]).
    ///
    /// ```
    /// use disinfo_core::columns::{Columns, TextColumn};
    ///
    /// let out = Columns::new().texts("ids", TextColumn::from_iter(["a", "b"])).field("n", 2);
    /// assert_eq!(serde_json::to_string(&out)?, r#"{"ids":["a","b"],"n":2}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn texts(mut self, name: &str, values: TextColumn) -> Columns {
        self.fields.push((name.to_owned(), Field::Texts(values)));
        self
    }
}

impl Serialize for Columns {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.columns.len() + self.fields.len()))?;
        for (name, values) in &self.columns {
            map.serialize_entry(name, values)?;
        }
        for (name, value) in &self.fields {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_values_keep_their_bounds() {
        let column = TextColumn::from_iter(["", "é", "ab", ""]);
        assert_eq!(column.iter().collect::<Vec<_>>(), ["", "é", "ab", ""]);
        assert_eq!(column.get(7), "");
        assert_eq!((column.get(4), column.get(usize::MAX)), ("", ""));
        let (offsets, data) = column.into_parts();
        assert_eq!(offsets, [0, 0, 2, 4, 4]);
        assert_eq!(data, "éab".as_bytes());
        let mut empty = TextColumn::EMPTY;
        assert_eq!((empty.len(), empty.get(0)), (0, ""));
        empty.push("x");
        assert_eq!(empty.iter().collect::<Vec<_>>(), ["x"]);
        assert_eq!(TextColumn::EMPTY.into_parts(), (vec![0], Vec::new()));
    }

    #[test]
    fn row_numbers_are_the_rows_in_decimal() {
        let ids = TextColumn::row_numbers(12);
        assert_eq!(ids.len(), 12);
        assert_eq!(ids.get(0), "0");
        assert_eq!(ids.get(9), "9");
        assert_eq!(ids.get(11), "11");
        assert!(TextColumn::row_numbers(0).is_empty());
        assert_eq!(TextColumn::row_numbers(0), TextColumn::default());
        let many = TextColumn::row_numbers(100_001);
        assert_eq!(many.len(), 100_001);
        assert!(many.iter().enumerate().all(|(i, id)| id == i.to_string()));
    }

    #[test]
    fn texts_read_back_from_their_json_form() -> serde_json::Result<()> {
        let column = TextColumn::from_iter(["", "é", "a\"b"]);
        let json = serde_json::to_string(&column)?;
        assert_eq!(json, r#"["","é","a\"b"]"#);
        assert_eq!(serde_json::from_str::<TextColumn>(&json)?, column);
        assert_eq!(
            serde_json::from_str::<TextColumn>("[]")?,
            TextColumn::default()
        );
        for bad in ["[1]", "\"x\"", "[\"a\",", "{}"] {
            assert!(serde_json::from_str::<TextColumn>(bad).is_err(), "{bad}");
        }
        Ok(())
    }

    #[test]
    fn fields_keep_their_order_whatever_their_kind() -> serde_json::Result<()> {
        let out = Columns::new()
            .field("first", 1)
            .texts("ids", TextColumn::row_numbers(2))
            .field("last", "x");
        assert_eq!(
            serde_json::to_string(&out)?,
            r#"{"first":1,"ids":["0","1"],"last":"x"}"#
        );
        Ok(())
    }

    #[test]
    fn the_json_form_is_the_object_of_columns_and_fields() -> serde_json::Result<()> {
        let out = Columns::new()
            .column("n", ColumnData::Int(vec![-1, 2]))
            .column("ok", ColumnData::Bool(vec![true, false]))
            .column("share", ColumnData::Float(vec![0.5, 1.0]))
            .column("empty", ColumnData::Text(TextColumn::default()))
            .field("rejected", Vec::<String>::new());
        assert_eq!(
            serde_json::to_value(&out)?,
            json!({"n": [-1, 2], "ok": [true, false], "share": [0.5, 1.0], "empty": [], "rejected": []})
        );
        Ok(())
    }
}
