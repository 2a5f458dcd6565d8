//! A table argument: named columns of numbers or text, as a pandas DataFrame, a features
//! object or a plain matrix brings them.
//!
//! The bindings convert what the host holds into a [`Table`] (a DataFrame column by column, a
//! numpy matrix as unnamed columns); the JSON forms below are read here, so that every front end
//! (and the golden tests) gives the same table:
//!
//! - rows of numbers `[[1, 2], [3, 4]]` (unnamed columns `x0`, `x1`, ...; `null` is missing);
//! - a features object `{"columns": [...], "values": [[...], ...], "account_ids": [...],
//!   "handles": [...]}` (what `bots.features` returns, with rows of values, `null` missing);
//! - columns by name `{"followers": [1, 2], "handle": ["a", "b"]}` (booleans are the numbers
//!   1 and 0).
//!
//! Which columns are identifiers and which are incomplete is the tool's decision (the bots
//! tool reads `account_id`); [`Table`] only answers questions about its columns.
//!
//! ```
//! use disinfo_core::table::Table;
//! use serde_json::json;
//!
//! let t = Table::from_json("table", json!({"account_id": ["a", "b"], "followers": [3, null]})).unwrap();
//! assert_eq!(t.rows, 2);
//! assert_eq!(t.text("account_id").unwrap().iter().collect::<Vec<_>>(), ["a", "b"]);
//! assert!(t.numbers("followers").unwrap()[1].is_nan());
//! ```

use serde_json::Value;

use crate::InvalidArgument;
use crate::columns::TextColumn;

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnValues {
    /// Numbers; NaN where missing.
    Numbers(Vec<f64>),
    /// Text (identifiers, handles), in one buffer: a column of millions of values holds no
    /// string per value.
    Text(TextColumn),
}

impl ColumnValues {
    fn len(&self) -> usize {
        match self {
            ColumnValues::Numbers(v) => v.len(),
            ColumnValues::Text(v) => v.len(),
        }
    }
}

/// One named column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its name (`x0`, `x1`, ... for a matrix without names).
    pub name: String,
    /// Its values.
    pub values: ColumnValues,
}

/// Columns of equal length.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Rows.
    pub rows: usize,
    /// Columns, in order.
    pub columns: Vec<Column>,
    /// Whether the columns had names (false for a plain matrix).
    pub named: bool,
}

fn bad(name: &str, message: impl Into<String>) -> InvalidArgument {
    InvalidArgument::new(name, message)
}

impl Table {
    /// A table from a row-major matrix with unnamed columns `x0`, `x1`, ...
    ///
    /// The rows are read in blocks that stay in cache while every column takes its share
    /// (column by column down the whole matrix, each column would read every cache line of it:
    /// 0.36 s for a million rows of 21 columns, against 0.05 s by blocks).
    pub fn from_matrix(rows: usize, cols: usize, values: &[f64]) -> Table {
        const BLOCK: usize = 1024;
        let stride = cols.max(1);
        let mut data: Vec<Vec<f64>> = (0..cols).map(|_| Vec::with_capacity(rows)).collect();
        for block in values.chunks(BLOCK * stride).take(rows.div_ceil(BLOCK)) {
            for (j, column) in data.iter_mut().enumerate() {
                column.extend(block.iter().skip(j).step_by(stride));
            }
        }
        let columns = data
            .into_iter()
            .enumerate()
            .map(|(j, v)| Column {
                name: format!("x{j}"),
                values: ColumnValues::Numbers(v),
            })
            .collect();
        Table {
            rows,
            columns,
            named: false,
        }
    }

    /// A table from named columns; they must have equal lengths and distinct names.
    pub fn from_columns(name: &str, columns: Vec<Column>) -> Result<Table, InvalidArgument> {
        let rows = columns.first().map_or(0, |c| c.values.len());
        for c in &columns {
            if c.values.len() != rows {
                return Err(bad(
                    name,
                    format!(
                        "column `{}` has {} values where `{}` has {rows}",
                        c.name,
                        c.values.len(),
                        columns[0].name
                    ),
                ));
            }
        }
        for (i, c) in columns.iter().enumerate() {
            if columns[..i].iter().any(|o| o.name == c.name) {
                return Err(bad(name, format!("column `{}` appears twice", c.name)));
            }
        }
        Ok(Table {
            rows,
            columns,
            named: true,
        })
    }

    /// A table from one of its JSON forms (see the module documentation).
    pub fn from_json(name: &str, value: Value) -> Result<Table, InvalidArgument> {
        match value {
            Value::Array(rows) => rows_table(name, rows),
            Value::Object(mut map) if map.contains_key("columns") && map.contains_key("values") => {
                let columns: Vec<String> = crate::request::decode(
                    &format!("{name}.columns"),
                    map.remove("columns").unwrap_or_default(),
                )?;
                let matrix = rows_table(
                    name,
                    match map.remove("values") {
                        Some(Value::Array(rows)) => rows,
                        _ => return Err(bad(&format!("{name}.values"), "must be a list of rows")),
                    },
                )?;
                if matrix.rows > 0 && matrix.columns.len() != columns.len() {
                    return Err(bad(
                        &format!("{name}.values"),
                        format!(
                            "rows have {} values for {} columns",
                            matrix.columns.len(),
                            columns.len()
                        ),
                    ));
                }
                let rows = matrix.rows;
                let mut out = Vec::new();
                for (key, column) in [("account_ids", "account_id"), ("handles", "handle")] {
                    if let Some(v) = map.remove(key) {
                        let text: Vec<String> =
                            crate::request::decode(&format!("{name}.{key}"), v)?;
                        out.push(Column {
                            name: column.into(),
                            values: ColumnValues::Text(text.into()),
                        });
                    }
                }
                let numbers = matrix.columns.into_iter().map(|c| c.values);
                let numbers: Vec<ColumnValues> = if rows == 0 {
                    columns
                        .iter()
                        .map(|_| ColumnValues::Numbers(Vec::new()))
                        .collect()
                } else {
                    numbers.collect()
                };
                out.extend(
                    columns
                        .into_iter()
                        .zip(numbers)
                        .map(|(name, values)| Column { name, values }),
                );
                Table::from_columns(name, out)
            }
            Value::Object(map) => {
                let mut columns = Vec::with_capacity(map.len());
                for (key, v) in map {
                    let path = format!("{name}.{key}");
                    let Value::Array(items) = v else {
                        return Err(bad(&path, "must be a list of values (one per row)"));
                    };
                    let numeric = |i: &Value| i.is_number() || i.is_boolean() || i.is_null();
                    let values = if items.iter().all(numeric) {
                        ColumnValues::Numbers(
                            items
                                .iter()
                                .map(|i| match i {
                                    Value::Bool(b) => f64::from(u8::from(*b)),
                                    _ => i.as_f64().unwrap_or(f64::NAN),
                                })
                                .collect(),
                        )
                    } else {
                        let text: Vec<String> = crate::request::decode(&path, Value::Array(items))?;
                        ColumnValues::Text(text.into())
                    };
                    columns.push(Column { name: key, values });
                }
                Table::from_columns(name, columns)
            }
            other => Err(bad(
                name,
                format!(
                    "must be a table: rows of numbers, a features object or columns by name, found {}",
                    match other {
                        Value::String(_) => "a string",
                        Value::Number(_) => "a number",
                        Value::Bool(_) => "a boolean",
                        _ => "null",
                    }
                ),
            )),
        }
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The text of the column named `name`, if it is a text column.
    pub fn text(&self, name: &str) -> Option<&TextColumn> {
        match &self.column(name)?.values {
            ColumnValues::Text(t) => Some(t),
            ColumnValues::Numbers(_) => None,
        }
    }

    /// The numbers of the column named `name`, if it is a numeric column.
    pub fn numbers(&self, name: &str) -> Option<&[f64]> {
        match &self.column(name)?.values {
            ColumnValues::Numbers(v) => Some(v),
            ColumnValues::Text(_) => None,
        }
    }
}

fn rows_table(name: &str, rows: Vec<Value>) -> Result<Table, InvalidArgument> {
    let width = match rows.first() {
        Some(Value::Array(r)) => r.len(),
        Some(_) => {
            return Err(bad(
                &format!("{name}[0]"),
                "must be a row (a list of numbers)",
            ));
        }
        None => 0,
    };
    let mut values = Vec::with_capacity(rows.len() * width);
    for (i, row) in rows.iter().enumerate() {
        let Value::Array(cells) = row else {
            return Err(bad(
                &format!("{name}[{i}]"),
                "must be a row (a list of numbers)",
            ));
        };
        if cells.len() != width {
            return Err(bad(
                &format!("{name}[{i}]"),
                format!("row {i} has {} values where row 0 has {width}", cells.len()),
            ));
        }
        for (j, cell) in cells.iter().enumerate() {
            values.push(match cell {
                Value::Null => f64::NAN,
                Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
                _ => {
                    return Err(bad(
                        &format!("{name}[{i}][{j}]"),
                        "must be a number (or null where missing)",
                    ));
                }
            });
        }
    }
    Ok(Table::from_matrix(rows.len(), width, &values))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_matrix_becomes_its_columns_across_blocks_of_rows() {
        let (rows, cols) = (2500, 3);
        let values: Vec<f64> = (0..rows * cols).map(|v| v as f64).collect();
        let t = Table::from_matrix(rows, cols, &values);
        assert_eq!((t.rows, t.columns.len(), t.named), (rows, cols, false));
        for (j, c) in t.columns.iter().enumerate() {
            assert_eq!(c.name, format!("x{j}"));
            let expected: Vec<f64> = (0..rows).map(|i| (i * cols + j) as f64).collect();
            assert_eq!(c.values, ColumnValues::Numbers(expected));
        }
        assert!(Table::from_matrix(4, 0, &[]).columns.is_empty());
    }

    #[test]
    fn rows_become_unnamed_columns_with_null_as_nan() {
        let t = Table::from_json("t", json!([[1, 2], [3, null]])).expect("rows");
        assert!(!t.named);
        assert_eq!(t.columns[1].name, "x1");
        assert!(t.numbers("x1").expect("numbers")[1].is_nan());
    }

    #[test]
    fn a_features_object_gives_id_and_handle_text_columns() {
        let t = Table::from_json(
            "t",
            json!({"columns": ["a", "b"], "values": [[1, 2], [3, 4]], "account_ids": ["u1", "u2"], "handles": ["x", "y"], "read": {}}),
        )
        .expect("features");
        assert_eq!(
            t.columns
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            ["account_id", "handle", "a", "b"]
        );
        assert_eq!(t.numbers("b").expect("b"), [2.0, 4.0]);
    }

    #[test]
    fn ragged_rows_and_columns_are_named_errors() {
        let e = Table::from_json("t", json!([[1, 2], [3]])).expect_err("ragged");
        assert_eq!(e.name, "t[1]");
        let e = Table::from_json("t", json!({"a": [1, 2], "b": [1]})).expect_err("ragged");
        assert!(
            e.message.contains("column `b` has 1 values"),
            "{}",
            e.message
        );
        assert!(Table::from_json("t", json!("x")).is_err());
    }
}
