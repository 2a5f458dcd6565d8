//! JavaScript values to the core's host-neutral arguments, and results back: conversion only.
//!
//! Arguments cross by the kind their operation declares (bytes, files, a matrix, a hook, or any
//! JSON-shaped value); options cross as JSON. Values with no JSON form (a function where data
//! is expected, a symbol, a BigInt, NaN) are `invalid_argument` errors naming the argument or
//! option. Results cross through their serde form (the JSON shape shared with Rust, Python and
//! the CLI); a matrix result becomes one `Float64Array` per column.

use std::collections::BTreeMap;

use disinfo::api::{MatrixOutput, Output};
use disinfo_core::table::{Column, ColumnValues, Table};
use disinfo_core::{ArgKind, ArgSpec, InvalidArgument};
use napi::bindgen_prelude::{
    Buffer, Float64Array, FromNapiValue, Function, JsObjectValue, Object, Uint8Array, Unknown,
};
use napi::{Env, JsValue, ValueType};
use serde_json::{Map, Number, Value};

/// How deep a JavaScript value may nest (no option of the toolkit nests nearly this deep; a
/// hostile value must not exhaust the stack).
const MAX_DEPTH: usize = 256;

fn bad(name: &str, message: impl Into<String>) -> InvalidArgument {
    // The options object itself converts under the empty name (its options are named alone).
    InvalidArgument::new(if name.is_empty() { "options" } else { name }, message)
}

fn kind(v: &Unknown<'_>) -> ValueType {
    v.get_type().unwrap_or(ValueType::Unknown)
}

fn describe(v: &Unknown<'_>) -> &'static str {
    match kind(v) {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a symbol",
        ValueType::Object if v.is_array().unwrap_or(false) => "an array",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        ValueType::BigInt => "a BigInt",
        _ => "a value of another kind",
    }
}

/// A JavaScript value as JSON, `name` naming it in errors (`window`, `inputs[2]`).
pub fn to_json(value: Unknown<'_>, name: &str) -> Result<Value, InvalidArgument> {
    json_at(value, name, 0)
}

fn json_at(value: Unknown<'_>, name: &str, depth: usize) -> Result<Value, InvalidArgument> {
    if depth > MAX_DEPTH {
        return Err(bad(
            name,
            format!("values are nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    let fail = |e: napi::Error| bad(name, e.reason.clone());
    match kind(&value) {
        ValueType::Undefined | ValueType::Null => Ok(Value::Null),
        ValueType::Boolean => bool::from_unknown(value).map(Value::Bool).map_err(fail),
        ValueType::Number => number(f64::from_unknown(value).map_err(fail)?, name),
        ValueType::String => String::from_unknown(value).map(Value::String).map_err(fail),
        ValueType::Object
            if value.is_buffer().unwrap_or(false) || value.is_typedarray().unwrap_or(false) =>
        {
            Err(bad(name, "must be a JSON-like value, found binary data"))
        }
        ValueType::Object if value.is_date().unwrap_or(false) => date(value, name),
        ValueType::Object => {
            let object = Object::from_unknown(value).map_err(fail)?;
            if object.is_array().map_err(fail)? {
                array(&object, name, depth)
            } else {
                object_map(&object, name, depth)
            }
        }
        _ => Err(bad(
            name,
            format!("must be a JSON-like value, found {}", describe(&value)),
        )),
    }
}

/// A `Date` as its RFC 3339 text (UTC, milliseconds), the form date-time options take.
fn date(value: Unknown<'_>, name: &str) -> Result<Value, InvalidArgument> {
    let millis = napi::JsDate::from_unknown(value)
        .and_then(|d| d.value_of())
        .map_err(|e| bad(name, e.reason.clone()))?;
    #[allow(clippy::cast_possible_truncation)]
    let time = (millis.is_finite() && millis.abs() < 8.64e15)
        .then(|| chrono::DateTime::from_timestamp_millis(millis as i64))
        .flatten()
        .ok_or_else(|| bad(name, "must be a valid Date, found an invalid Date"))?;
    Ok(Value::String(
        time.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    ))
}

fn number(f: f64, name: &str) -> Result<Value, InvalidArgument> {
    // Integral numbers cross as integers, so that they fit integer options.
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        #[allow(clippy::cast_possible_truncation)]
        return Ok(Value::Number((f as i64).into()));
    }
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(|| bad(name, format!("must be a finite number, found {f}")))
}

fn array(object: &Object<'_>, name: &str, depth: usize) -> Result<Value, InvalidArgument> {
    let fail = |e: napi::Error| bad(name, e.reason.clone());
    let len = object.get_array_length().map_err(fail)?;
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len {
        let at = format!("{name}[{i}]");
        let item: Unknown<'_> = object
            .get_element(i)
            .map_err(|e| bad(&at, e.reason.clone()))?;
        out.push(json_at(item, &at, depth + 1)?);
    }
    Ok(Value::Array(out))
}

fn object_map(object: &Object<'_>, name: &str, depth: usize) -> Result<Value, InvalidArgument> {
    let fail = |e: napi::Error| bad(name, e.reason.clone());
    let keys = object.get_property_names().map_err(fail)?;
    let len = keys.get_array_length().map_err(fail)?;
    let mut map = Map::new();
    for i in 0..len {
        let key: String = keys.get_element(i).map_err(fail)?;
        let child = if name.is_empty() {
            key.clone()
        } else {
            format!("{name}.{key}")
        };
        let item: Unknown<'_> = object
            .get_named_property(&key)
            .map_err(|e| bad(&child, e.reason.clone()))?;
        if kind(&item) == ValueType::Undefined {
            continue; // `{a: undefined}` means the option is not given
        }
        let v = json_at(item, &child, depth + 1)?;
        map.insert(key, v);
    }
    Ok(Value::Object(map))
}

fn bytes(value: Unknown<'_>, name: &str) -> Result<Vec<u8>, InvalidArgument> {
    if kind(&value) == ValueType::String {
        return String::from_unknown(value)
            .map(String::into_bytes)
            .map_err(|e| bad(name, e.reason.clone()));
    }
    if value.is_buffer().unwrap_or(false) {
        return Buffer::from_unknown(value)
            .map(|b| b.to_vec())
            .map_err(|e| bad(name, e.reason.clone()));
    }
    if value.is_typedarray().unwrap_or(false)
        && let Ok(a) = Uint8Array::from_unknown(value)
    {
        return Ok(a.to_vec());
    }
    Err(bad(
        name,
        format!("must be a Buffer or a string, found {}", describe(&value)),
    ))
}

/// An argument converted from JavaScript, owned (it may cross to libuv's thread pool). A hook
/// stays a JavaScript function, callable on the main thread only.
pub enum Owned<'env> {
    /// Absent.
    Missing,
    /// JSON.
    Json(Value),
    /// Bytes.
    Bytes(Vec<u8>),
    /// A list of byte strings.
    BytesList(Vec<Vec<u8>>),
    /// Files by path.
    Files(BTreeMap<String, Vec<u8>>),
    /// A row-major matrix.
    Matrix {
        rows: usize,
        cols: usize,
        values: Vec<f64>,
    },
    /// A table of named columns.
    Table(Table),
    /// A function `string -> string`.
    Hook(Function<'env, String, String>),
}

/// The arguments of a call, converted by the kind their operation declares.
pub fn args<'env>(
    spec: &'static [ArgSpec],
    values: Vec<Unknown<'env>>,
) -> Result<Vec<Owned<'env>>, InvalidArgument> {
    let mut out = Vec::with_capacity(values.len());
    for (i, value) in values.into_iter().enumerate() {
        let Some(a) = spec.get(i) else {
            out.push(Owned::Missing); // too many: the core names what it accepts
            continue;
        };
        if matches!(kind(&value), ValueType::Undefined | ValueType::Null) {
            out.push(Owned::Missing);
            continue;
        }
        out.push(match a.kind {
            ArgKind::Json(_) => Owned::Json(to_json(value, a.name)?),
            ArgKind::Bytes => Owned::Bytes(bytes(value, a.name)?),
            ArgKind::BytesList => Owned::BytesList(bytes_list(value, a.name)?),
            ArgKind::Files => Owned::Files(files(value, a.name)?),
            ArgKind::Matrix => matrix(value, a.name)?,
            ArgKind::Table => table(value, a.name)?,
            ArgKind::Hook if kind(&value) == ValueType::Function => Owned::Hook(
                Function::from_unknown(value).map_err(|e| bad(a.name, e.reason.clone()))?,
            ),
            ArgKind::Hook => {
                return Err(bad(
                    a.name,
                    format!(
                        "must be a function (text: string) => string, found {}",
                        describe(&value)
                    ),
                ));
            }
        });
    }
    Ok(out)
}

fn elements<'env>(
    value: Unknown<'env>,
    name: &str,
    what: &str,
) -> Result<Vec<Unknown<'env>>, InvalidArgument> {
    if kind(&value) != ValueType::Object || !value.is_array().unwrap_or(false) {
        return Err(bad(
            name,
            format!("must be {what}, found {}", describe(&value)),
        ));
    }
    let object = Object::from_unknown(value).map_err(|e| bad(name, e.reason.clone()))?;
    let len = object
        .get_array_length()
        .map_err(|e| bad(name, e.reason.clone()))?;
    (0..len)
        .map(|i| {
            object
                .get_element::<Unknown<'_>>(i)
                .map_err(|e| bad(name, e.reason.clone()))
        })
        .collect()
}

fn bytes_list(value: Unknown<'_>, name: &str) -> Result<Vec<Vec<u8>>, InvalidArgument> {
    elements(value, name, "an array of Buffers or strings")?
        .into_iter()
        .enumerate()
        .map(|(i, v)| bytes(v, &format!("{name}[{i}]")))
        .collect()
}

fn files(value: Unknown<'_>, name: &str) -> Result<BTreeMap<String, Vec<u8>>, InvalidArgument> {
    if kind(&value) != ValueType::Object || value.is_array().unwrap_or(false) {
        return Err(bad(
            name,
            format!(
                "must be an object of file contents by path, found {}",
                describe(&value)
            ),
        ));
    }
    let object = Object::from_unknown(value).map_err(|e| bad(name, e.reason.clone()))?;
    let keys = object
        .get_property_names()
        .map_err(|e| bad(name, e.reason.clone()))?;
    let len = keys
        .get_array_length()
        .map_err(|e| bad(name, e.reason.clone()))?;
    let mut out = BTreeMap::new();
    for i in 0..len {
        let key: String = keys
            .get_element(i)
            .map_err(|e| bad(name, e.reason.clone()))?;
        let item: Unknown<'_> = object
            .get_named_property(&key)
            .map_err(|e| bad(name, e.reason.clone()))?;
        let content = bytes(item, &format!("{name}[{key:?}]"))?;
        out.insert(key, content);
    }
    Ok(out)
}

/// A matrix: an array of `Float64Array` columns (the layout of `features().values`), or an array
/// of rows of numbers.
fn matrix<'env>(value: Unknown<'env>, name: &str) -> Result<Owned<'env>, InvalidArgument> {
    let items = elements(
        value,
        name,
        "an array of Float64Array columns or of rows of numbers",
    )?;
    if items
        .first()
        .is_some_and(|c| c.is_typedarray().unwrap_or(false))
    {
        let columns: Vec<Vec<f64>> = items
            .into_iter()
            .enumerate()
            .map(|(j, c)| {
                Float64Array::from_unknown(c)
                    .map(|a| a.to_vec())
                    .map_err(|_| bad(&format!("{name}[{j}]"), "must be a Float64Array"))
            })
            .collect::<Result<_, _>>()?;
        let rows = columns.first().map_or(0, Vec::len);
        if let Some((j, c)) = columns.iter().enumerate().find(|(_, c)| c.len() != rows) {
            return Err(bad(
                &format!("{name}[{j}]"),
                format!(
                    "column {j} has {} values where column 0 has {rows}",
                    c.len()
                ),
            ));
        }
        let cols = columns.len();
        let values = (0..rows)
            .flat_map(|r| columns.iter().map(move |c| c[r]))
            .collect();
        return Ok(Owned::Matrix { rows, cols, values });
    }
    let rows: Vec<Vec<f64>> = items
        .into_iter()
        .enumerate()
        .map(|(i, r)| numbers_row(r, &format!("{name}[{i}]")))
        .collect::<Result<_, _>>()?;
    let cols = rows.first().map_or(0, Vec::len);
    if let Some((i, r)) = rows.iter().enumerate().find(|(_, r)| r.len() != cols) {
        return Err(bad(
            &format!("{name}[{i}]"),
            format!("row {i} has {} values where row 0 has {cols}", r.len()),
        ));
    }
    Ok(Owned::Matrix {
        rows: rows.len(),
        cols,
        values: rows.into_iter().flatten().collect(),
    })
}

/// One row of a matrix: numbers as they are (NaN is a missing value, as in a `Float64Array`
/// column; the core names any infinite value), `null` or `undefined` missing.
fn numbers_row(value: Unknown<'_>, name: &str) -> Result<Vec<f64>, InvalidArgument> {
    elements(value, name, "an array of numbers")?
        .into_iter()
        .enumerate()
        .map(|(j, v)| match kind(&v) {
            ValueType::Null | ValueType::Undefined => Ok(f64::NAN),
            ValueType::Number => {
                f64::from_unknown(v).map_err(|e| bad(&format!("{name}[{j}]"), e.reason.clone()))
            }
            _ => Err(bad(
                &format!("{name}[{j}]"),
                format!("must be a number, found {}", describe(&v)),
            )),
        })
        .collect()
}

fn strings(value: Unknown<'_>, name: &str) -> Result<Vec<String>, InvalidArgument> {
    elements(value, name, "an array of strings")?
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            String::from_unknown(v).map_err(|_| bad(&format!("{name}[{i}]"), "must be a string"))
        })
        .collect()
}

/// A table: a `features()` result (`values` as `Float64Array` columns, `columns`, and
/// `account_ids`, `handles`), or what [`matrix`] reads (unnamed columns).
fn table<'env>(value: Unknown<'env>, name: &str) -> Result<Owned<'env>, InvalidArgument> {
    if kind(&value) != ValueType::Object || value.is_array().unwrap_or(false) {
        return matrix(value, name);
    }
    let object = Object::from_unknown(value).map_err(|e| bad(name, e.reason.clone()))?;
    let field = |key: &str| -> Result<Option<Unknown<'env>>, InvalidArgument> {
        let v: Unknown<'env> = object
            .get_named_property(key)
            .map_err(|e| bad(name, e.reason.clone()))?;
        Ok((!matches!(kind(&v), ValueType::Undefined | ValueType::Null)).then_some(v))
    };
    let typed_columns = |v: &Unknown<'env>| -> bool {
        v.is_array().unwrap_or(false)
            && Object::from_unknown(*v)
                .and_then(|a| a.get_element::<Unknown<'env>>(0))
                .is_ok_and(|first| first.is_typedarray().unwrap_or(false))
    };
    let (Some(values), Some(columns)) = (field("values")?, field("columns")?) else {
        return Ok(Owned::Json(to_json(object.to_unknown(), name)?));
    };
    if !typed_columns(&values) {
        // Rows of numbers (a features object as JSON): read by the core.
        return Ok(Owned::Json(to_json(object.to_unknown(), name)?));
    }
    let names = strings(columns, &format!("{name}.columns"))?;
    let Owned::Matrix { rows, cols, values } = matrix(values, &format!("{name}.values"))? else {
        return Err(bad(
            &format!("{name}.values"),
            "must be an array of Float64Array columns",
        ));
    };
    if names.len() != cols {
        return Err(bad(
            name,
            format!("{} column names for {cols} columns", names.len()),
        ));
    }
    let mut out = Vec::new();
    for (key, column) in [("account_ids", "account_id"), ("handles", "handle")] {
        if let Some(v) = field(key)? {
            out.push(Column {
                name: column.into(),
                values: ColumnValues::Text(strings(v, &format!("{name}.{key}"))?.into()),
            });
        }
    }
    for (j, column) in names.into_iter().enumerate() {
        let v = (0..rows).map(|i| values[i * cols + j]).collect();
        out.push(Column {
            name: column,
            values: ColumnValues::Numbers(v),
        });
    }
    Table::from_columns(name, out).map(Owned::Table)
}

/// A result as a JavaScript value.
pub fn output<'env>(env: &Env, out: Output) -> napi::Result<Unknown<'env>> {
    match out {
        Output::Json(value) => env.to_js_value(&value),
        Output::Columns(columns) => env.to_js_value(&columns),
        Output::Matrix(m) => matrix_output(env, m),
    }
}

/// The metadata object with `values` and `mask`: one `Float64Array` / `Uint8Array` per column.
fn matrix_output<'env>(env: &Env, m: MatrixOutput) -> napi::Result<Unknown<'env>> {
    let MatrixOutput {
        rows,
        cols,
        values,
        mask,
        meta,
    } = m;
    let meta = env.to_js_value(&meta)?;
    let mut object = Object::from_unknown(meta)?;
    let column = |j: usize| -> Vec<f64> { (0..rows).map(|r| values[r * cols + j]).collect() };
    let values: Vec<Float64Array> = (0..cols).map(|j| Float64Array::new(column(j))).collect();
    let mask: Vec<Uint8Array> = (0..cols)
        .map(|j| Uint8Array::new((0..rows).map(|r| u8::from(mask[r * cols + j])).collect()))
        .collect();
    object.set_named_property("values", values)?;
    object.set_named_property("mask", mask)?;
    Ok(object.to_unknown())
}
