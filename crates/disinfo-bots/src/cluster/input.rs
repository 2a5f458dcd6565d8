//! What can be clustered, read from a table: a DataFrame with id columns, a features object, or
//! a plain matrix becomes a [`FeatureMatrix`] with account ids.
//!
//! - The id column is `id_column` (default `account_id`, when the table has it); its values may
//!   be text or numbers (integral numbers are written without a decimal point). Without one, an
//!   account's id is its row number.
//! - A text column `handle` gives the handles.
//! - Every other text column is not a feature: it is named in the notes and left out.
//! - Numeric columns are the features, in table order, NaN where missing.
//!
//! A matrix a binding passes as such (a numpy array) is clustered where it is, as the same table
//! of unnamed columns (`x0`, `x1`, ...) would be, without going through columns (see
//! `cluster_features`), its accounts numbered as [`row_ids`] numbers a table's rows (in one
//! buffer: `TextColumn::row_numbers`).

use disinfo_core::table::{ColumnValues, Table};
use ndarray::{Array2, Axis, Zip};
use rayon::prelude::*;

use super::bad;
use crate::error::Result;
use crate::features::FeatureMatrix;

/// The id column used when the caller names none.
pub const DEFAULT_ID_COLUMN: &str = "account_id";

fn id_text(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

/// `true` where a value is NaN.
fn missing(values: &Array2<f64>) -> Array2<bool> {
    let mut mask = Array2::from_elem(values.dim(), false);
    Zip::from(&mut mask)
        .and(values)
        .par_for_each(|m, v| *m = v.is_nan());
    mask
}

/// The account ids of rows without an id column: their numbers (`"0"`, `"1"`, ...).
///
/// ```
/// assert_eq!(disinfo_bots::cluster::input::row_ids(3), ["0", "1", "2"]);
/// ```
pub fn row_ids(rows: usize) -> Vec<String> {
    (0..rows).into_par_iter().map(|i| i.to_string()).collect()
}

/// The feature matrix of a table, and notes on the columns that are not features.
///
/// ```
/// use disinfo_bots::cluster::input::from_table;
/// use disinfo_core::table::Table;
///
/// let t = Table::from_json("table", serde_json::json!({
///     "account_id": [11, 12], "handle": ["a", "b"], "lang": ["fr", "de"], "followers": [3, 4]})).unwrap();
/// let (f, notes) = from_table(&t, None).unwrap();
/// assert_eq!(f.account_ids, ["11", "12"]);
/// assert_eq!(f.columns, ["followers"]);
/// assert_eq!(notes, ["`lang` is not numeric: not a feature"]);
/// ```
pub fn from_table(table: &Table, id_column: Option<&str>) -> Result<(FeatureMatrix, Vec<String>)> {
    let n = table.rows;
    let id_name = id_column.unwrap_or(DEFAULT_ID_COLUMN);
    if id_column.is_some() && table.column(id_name).is_none() {
        return Err(bad(
            "id_column",
            format!(
                "no column `{id_name}`; the columns are {}",
                table
                    .columns
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let mut account_ids = row_ids(n);
    let mut handles = vec![String::new(); n];
    let mut columns = Vec::new();
    let mut data: Vec<&[f64]> = Vec::new();
    let mut notes = Vec::new();
    for column in &table.columns {
        match (&column.values, column.name.as_str()) {
            (ColumnValues::Text(t), name) if name == id_name => {
                account_ids = t.iter().map(str::to_owned).collect();
            }
            (ColumnValues::Numbers(v), name) if name == id_name => {
                account_ids = v.iter().map(|&x| id_text(x)).collect();
            }
            (ColumnValues::Text(t), "handle") => handles = t.iter().map(str::to_owned).collect(),
            (ColumnValues::Text(_), name) => {
                notes.push(format!("`{name}` is not numeric: not a feature"));
            }
            (ColumnValues::Numbers(v), name) => {
                columns.push(name.to_string());
                data.push(v);
            }
        }
    }
    // Columns to rows, and the mask, in parallel blocks of rows (a million rows of 21 columns
    // is 168 MB read across the columns).
    const BLOCK: usize = 4096;
    let width = columns.len();
    let mut values = Array2::zeros((n, width));
    values
        .axis_chunks_iter_mut(Axis(0), BLOCK)
        .into_par_iter()
        .enumerate()
        .for_each(|(block, mut rows)| {
            for (o, mut row) in rows.rows_mut().into_iter().enumerate() {
                for (v, column) in row.iter_mut().zip(&data) {
                    *v = column[block * BLOCK + o];
                }
            }
        });
    Ok((
        FeatureMatrix {
            account_ids,
            handles,
            columns,
            mask: missing(&values),
            values,
        },
        notes,
    ))
}
