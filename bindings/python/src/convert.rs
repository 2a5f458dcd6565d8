//! Python values to the core's host-neutral arguments, and results back: conversion only.
//!
//! Arguments cross by the kind their operation declares (bytes, files, a matrix, a hook, or any
//! JSON-shaped value); options cross as JSON. `os.PathLike` values become their path, aware
//! `datetime`s their ISO 8601 text, numpy scalars and arrays their numbers; anything else that
//! has no JSON form is an `invalid_argument` error naming the argument or option. Results go
//! back in [`crate::output`].

use std::borrow::Cow;
use std::collections::BTreeMap;

use disinfo::api::Arg;
use disinfo_core::columns::TextColumn;
use disinfo_core::table::{Column, ColumnValues, Table};
use disinfo_core::{ArgKind, ArgSpec, InvalidArgument};
use numpy::{PyReadonlyArray2, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PySequence, PyString,
    PyTuple,
};
use rayon::prelude::*;
use serde_json::{Map, Number, Value};

/// How deep a Python value may nest (no option of the toolkit nests nearly this deep; a hostile
/// value must not exhaust the stack).
const MAX_DEPTH: usize = 256;

/// A Python value as JSON, `name` naming it in errors (`options.window`, `inputs[2]`).
pub fn to_json(value: &Bound<'_, PyAny>, name: &str) -> Result<Value, InvalidArgument> {
    json_at(value, name, 0)
}

fn bad(name: &str, message: impl Into<String>) -> InvalidArgument {
    // The options object itself converts under the empty name (its options are named alone).
    InvalidArgument::new(if name.is_empty() { "options" } else { name }, message)
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "object".into(), |n| n.to_string())
}

fn json_at(value: &Bound<'_, PyAny>, name: &str, depth: usize) -> Result<Value, InvalidArgument> {
    if depth > MAX_DEPTH {
        return Err(bad(
            name,
            format!("values are nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = value.cast::<PyInt>() {
        return int(i.as_any(), name);
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return float(f.value(), name);
    }
    if let Ok(s) = value.cast::<PyString>() {
        return s
            .to_str()
            .map(|s| Value::String(s.to_owned()))
            .map_err(|_| {
                bad(
                    name,
                    "must be valid Unicode text (it holds lone surrogates)",
                )
            });
    }
    if value.is_instance_of::<PyBytes>() || value.is_instance_of::<PyByteArray>() {
        return Err(bad(
            name,
            "must be text or a JSON-like value, found bytes; decode it first",
        ));
    }
    if let Ok(d) = value.cast::<PyDict>() {
        return mapping(d.items().as_any(), name, depth);
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        return sequence(value, name, depth);
    }
    special(value, name, depth)
}

/// Values that are not plain JSON types but have an obvious JSON form.
fn special(value: &Bound<'_, PyAny>, name: &str, depth: usize) -> Result<Value, InvalidArgument> {
    let py = value.py();
    if value.hasattr("__fspath__").unwrap_or(false) {
        let path = py
            .import("os")
            .and_then(|os| os.call_method1("fspath", (value,)))
            .map_err(|e| bad(name, format!("cannot read the path: {e}")))?;
        return json_at(&path, name, depth + 1);
    }
    if value.hasattr("tzinfo").unwrap_or(false) && value.hasattr("isoformat").unwrap_or(false) {
        let aware = value
            .getattr("tzinfo")
            .map(|tz| !tz.is_none())
            .unwrap_or(false);
        if !aware {
            return Err(bad(
                name,
                "must be a timezone-aware datetime (e.g. tzinfo=timezone.utc)",
            ));
        }
        let text = value
            .call_method0("isoformat")
            .map_err(|e| bad(name, e.to_string()))?;
        return json_at(&text, name, depth + 1);
    }
    if value.hasattr("tolist").unwrap_or(false) {
        // numpy arrays and scalars, pandas Series.
        let list = value
            .call_method0("tolist")
            .map_err(|e| bad(name, e.to_string()))?;
        if !list.is(value) {
            return json_at(&list, name, depth + 1);
        }
    }
    if let Ok(m) = value.cast::<PyMapping>() {
        let items = m.items().map_err(|e| bad(name, e.to_string()))?;
        return mapping(items.as_any(), name, depth);
    }
    if value.hasattr("__index__").unwrap_or(false) {
        let i = value
            .call_method0("__index__")
            .map_err(|e| bad(name, e.to_string()))?;
        return int(&i, name);
    }
    Err(bad(
        name,
        format!("a value of type `{}` has no JSON form", type_name(value)),
    ))
}

fn int(value: &Bound<'_, PyAny>, name: &str) -> Result<Value, InvalidArgument> {
    if let Ok(i) = value.extract::<i64>() {
        return Ok(Value::Number(i.into()));
    }
    if let Ok(u) = value.extract::<u64>() {
        return Ok(Value::Number(u.into()));
    }
    Err(bad(name, "integer out of the 64-bit range"))
}

fn float(f: f64, name: &str) -> Result<Value, InvalidArgument> {
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(|| bad(name, format!("must be a finite number, found {f}")))
}

fn mapping(items: &Bound<'_, PyAny>, name: &str, depth: usize) -> Result<Value, InvalidArgument> {
    let mut map = Map::new();
    let iter = items.try_iter().map_err(|e| bad(name, e.to_string()))?;
    for item in iter {
        let item = item.map_err(|e| bad(name, e.to_string()))?;
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item
            .extract()
            .map_err(|e: PyErr| bad(name, e.to_string()))?;
        let key = k
            .cast::<PyString>()
            .ok()
            .and_then(|s| s.to_str().ok().map(str::to_owned))
            .ok_or_else(|| {
                bad(
                    name,
                    format!("keys must be strings, found {}", type_name(&k)),
                )
            })?;
        let child = if name.is_empty() {
            key.clone()
        } else {
            format!("{name}.{key}")
        };
        map.insert(key, json_at(&v, &child, depth + 1)?);
    }
    Ok(Value::Object(map))
}

fn sequence(value: &Bound<'_, PyAny>, name: &str, depth: usize) -> Result<Value, InvalidArgument> {
    let seq = value
        .cast::<PySequence>()
        .map_err(|_| bad(name, "must be a list"))?;
    let len = seq.len().map_err(|e| bad(name, e.to_string()))?;
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        let item = seq.get_item(i).map_err(|e| bad(name, e.to_string()))?;
        out.push(json_at(&item, &format!("{name}[{i}]"), depth + 1)?);
    }
    Ok(Value::Array(out))
}

fn bytes(value: &Bound<'_, PyAny>, name: &str) -> Result<Vec<u8>, InvalidArgument> {
    if let Ok(b) = value.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(s) = value.cast::<PyString>() {
        return s.to_str().map(|s| s.as_bytes().to_vec()).map_err(|_| {
            bad(
                name,
                "must be valid Unicode text (it holds lone surrogates)",
            )
        });
    }
    if let Ok(b) = value.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if let Ok(m) = value.call_method0("tobytes") {
        // memoryview, numpy buffers
        if let Ok(b) = m.cast::<PyBytes>() {
            return Ok(b.as_bytes().to_vec());
        }
    }
    Err(bad(
        name,
        format!("must be bytes or str, found {}", type_name(value)),
    ))
}

fn files(
    value: &Bound<'_, PyAny>,
    name: &str,
) -> Result<BTreeMap<String, Vec<u8>>, InvalidArgument> {
    let m = value.cast::<PyMapping>().map_err(|_| {
        bad(
            name,
            format!(
                "must be a mapping of path to content, found {}",
                type_name(value)
            ),
        )
    })?;
    let items = m.items().map_err(|e| bad(name, e.to_string()))?;
    let mut out = BTreeMap::new();
    for item in items.iter() {
        let (k, v): (String, Bound<'_, PyAny>) = item
            .extract()
            .map_err(|_| bad(name, "keys must be relative paths (str)"))?;
        let content = bytes(&v, &format!("{name}[{k:?}]"))?;
        out.insert(k, content);
    }
    Ok(out)
}

fn matrix(value: &Bound<'_, PyAny>, name: &str) -> Result<OwnedValue<'static>, InvalidArgument> {
    // numpy arrays and anything numpy can read as a 2-D float matrix (a DataFrame of numbers).
    let array = float64_array(value).map_err(|e| {
        bad(
            name,
            format!("must be a 2-D array of numbers (rows are items): {e}"),
        )
    })?;
    let array: PyReadonlyArray2<'_, f64> = array
        .extract()
        .map_err(|_| bad(name, "must be a 2-D array of numbers (rows are items)"))?;
    let shape = array.shape();
    let (rows, cols) = (shape[0], shape[1]);
    // A C-ordered array is copied block by block on every core (a million rows of 21 columns
    // are 168 MB of fresh memory, whose first touches cost more than the copy); any other
    // layout (Fortran order, strides) value by value, in row order (`as_slice` alone would
    // give a Fortran array column by column).
    let values: Vec<f64> = match array.as_slice() {
        Ok(rows) if array.is_c_contiguous() => parallel_copy(rows),
        _ => array.as_array().iter().copied().collect(),
    };
    Ok(OwnedValue::Matrix {
        rows,
        cols,
        values: Cow::Owned(values),
    })
}

/// A matrix argument as numpy holds it, lent to the core for the whole call (borrowed
/// read-only): float64, two dimensions, C order, converted by numpy when it is not (a list of
/// rows, integers, Fortran order). `None` for what is not a matrix, or not one numpy can
/// make: its conversion in [`args`] copies it or says what is wrong. The core reads it with the
/// GIL released, as numpy's own functions do: Python code writing to the same array from
/// another thread meanwhile races with those reads.
pub type Lent<'py> = Option<PyReadonlyArray2<'py, f64>>;

/// The arguments of a call that the core can read where they are: matrices (see [`Lent`]),
/// one item per argument. A million rows of 21 columns are then neither copied (168 MB) nor
/// faulted in again.
pub fn lend<'py>(spec: &'static [ArgSpec], values: &[Bound<'py, PyAny>]) -> Vec<Lent<'py>> {
    values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            if value.is_none() {
                return None;
            }
            let matrix_like = match spec.get(i)?.kind {
                ArgKind::Matrix => true,
                ArgKind::Table => matches!(table_shape(value), TableShape::Matrix),
                _ => false,
            };
            if !matrix_like {
                return None;
            }
            let np = value.py().import("numpy").ok()?;
            let array = float64_array(value).ok()?;
            let array = np.call_method1("ascontiguousarray", (array,)).ok()?;
            array.extract().ok()
        })
        .collect()
}

/// `value` as a numpy array of float64: numpy converts integers, booleans and lists of numbers.
/// Complex numbers are refused: numpy would keep their real part and drop the rest with only a
/// `ComplexWarning`.
fn float64_array<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let np = value.py().import("numpy")?;
    let array = np.call_method1("asarray", (value,))?;
    let kind: String = array.getattr("dtype")?.getattr("kind")?.extract()?;
    if kind == "c" {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "complex numbers are not accepted (give their real part or their modulus)",
        ));
    }
    np.call_method1("asarray", (array, "float64"))
}

/// `values` copied in blocks of 1 MiB, the blocks spread over the cores.
fn parallel_copy(values: &[f64]) -> Vec<f64> {
    const BLOCK: usize = 1 << 17;
    let mut out = vec![0.0; values.len()];
    out.par_chunks_mut(BLOCK)
        .zip(values.par_chunks(BLOCK))
        .for_each(|(to, from)| to.copy_from_slice(from));
    out
}

/// What a table argument is.
enum TableShape {
    /// A pandas DataFrame.
    DataFrame,
    /// A `Features` object.
    Features,
    /// Columns by name, or a features object as JSON.
    Mapping,
    /// Anything else: what numpy reads as a 2-D float matrix.
    Matrix,
}

fn table_shape(value: &Bound<'_, PyAny>) -> TableShape {
    let has = |attr: &str| value.hasattr(attr).unwrap_or(false);
    if has("dtypes") && has("columns") && has("iloc") {
        TableShape::DataFrame
    } else if has("values") && has("columns") && has("account_ids") && has("mask") {
        TableShape::Features
    } else if value.cast::<PyMapping>().is_ok() {
        TableShape::Mapping
    } else {
        TableShape::Matrix
    }
}

/// A table: a pandas DataFrame column by column (numeric dtypes as numbers, others as text),
/// a `Features` object (its matrix, `account_id` and `handle`), or anything numpy reads as a
/// 2-D float matrix (unnamed columns).
fn table(value: &Bound<'_, PyAny>, name: &str) -> Result<OwnedValue<'static>, InvalidArgument> {
    match table_shape(value) {
        TableShape::DataFrame => dataframe(value, name).map(OwnedValue::Table),
        TableShape::Features => features(value, name).map(OwnedValue::Table),
        // Read by the core.
        TableShape::Mapping => to_json(value, name).map(OwnedValue::Json),
        TableShape::Matrix => matrix(value, name),
    }
}

fn text_column(values: &Bound<'_, PyAny>, name: &str) -> Result<TextColumn, InvalidArgument> {
    if let Some(column) = arrow_text_column(values, name) {
        return column;
    }
    let list = values
        .call_method0("tolist")
        .or_else(|_| Ok::<_, PyErr>(values.clone()))
        .map_err(|e| bad(name, e.to_string()))?;
    let seq = list
        .cast::<PySequence>()
        .map_err(|_| bad(name, "must be a column of values"))?;
    let len = seq.len().map_err(|e| bad(name, e.to_string()))?;
    let mut out = TextColumn::with_capacity(len, 0);
    for i in 0..len {
        let item = seq.get_item(i).map_err(|e| bad(name, e.to_string()))?;
        if item.is_none() {
            out.push("");
            continue;
        }
        let text = item.str().map_err(|e| bad(name, e.to_string()))?;
        out.push(&text.to_string_lossy());
    }
    Ok(out)
}

/// A pandas column backed by Arrow strings (`string[pyarrow]`, what Dask reads text as), read
/// from its buffers: the same values as the generic path (nulls as empty text) without making a
/// Python object per value. `None` for any other column.
fn arrow_text_column(
    values: &Bound<'_, PyAny>,
    name: &str,
) -> Option<Result<TextColumn, InvalidArgument>> {
    let array = values.getattr("array").ok()?;
    let class = array.get_type().name().ok()?.to_string();
    if !class.contains("Arrow") {
        return None;
    }
    let chunked = array.call_method0("__arrow_array__").ok()?;
    let wide = match chunked.getattr("type").ok()?.str().ok()?.to_str().ok()? {
        "string" => false,
        "large_string" => true,
        _ => return None,
    };
    let chunks = chunked.getattr("chunks").ok()?;
    let mut out = TextColumn::default();
    for chunk in chunks.try_iter().ok()? {
        let read = chunk
            .map_err(|e| bad(name, e.to_string()))
            .and_then(|chunk| arrow_chunk(&chunk, wide, name, &mut out));
        if let Err(e) = read {
            return Some(Err(e));
        }
    }
    Some(Ok(out))
}

/// Appends the values of one Arrow string array (validity bitmap, offsets, UTF-8 data).
fn arrow_chunk(
    chunk: &Bound<'_, PyAny>,
    wide: bool,
    name: &str,
    out: &mut TextColumn,
) -> Result<(), InvalidArgument> {
    let err = |e: PyErr| bad(name, e.to_string());
    let corrupt = || {
        bad(
            name,
            "an Arrow string array whose offsets or data do not agree",
        )
    };
    let len: usize = chunk.len().map_err(err)?;
    let start: usize = chunk
        .getattr("offset")
        .and_then(|o| o.extract())
        .map_err(err)?;
    let buffers = chunk.call_method0("buffers").map_err(err)?;
    let numpy = chunk.py().import("numpy").map_err(err)?;
    let view = |index: usize, dtype: &str| -> Result<Option<Bound<'_, PyAny>>, InvalidArgument> {
        let buffer = buffers.get_item(index).map_err(err)?;
        if buffer.is_none() {
            return Ok(None);
        }
        let array = numpy
            .call_method1("frombuffer", (buffer, dtype))
            .map_err(err)?;
        Ok(Some(array))
    };
    let validity = view(0, "uint8")?;
    let validity: Option<numpy::PyReadonlyArray1<'_, u8>> =
        validity.map(|v| v.extract()).transpose().map_err(err)?;
    let validity = validity
        .as_ref()
        .map(|v| v.as_slice())
        .transpose()
        .map_err(|_| corrupt())?;
    // Offsets are read as bytes: a buffer passed between processes need not be aligned.
    let offsets = view(1, "uint8")?.ok_or_else(corrupt)?;
    let offsets: numpy::PyReadonlyArray1<'_, u8> = offsets.extract().map_err(err)?;
    let offsets = offsets.as_slice().map_err(|_| corrupt())?;
    let width = if wide { 8 } else { 4 };
    let offsets: Vec<usize> = offsets
        .chunks_exact(width)
        .map(|b| {
            let value = if wide {
                b.try_into().map(i64::from_ne_bytes).unwrap_or(-1)
            } else {
                b.try_into().map(i32::from_ne_bytes).map_or(-1, i64::from)
            };
            usize::try_from(value).map_err(|_| corrupt())
        })
        .collect::<Result<_, _>>()?;
    let data = view(2, "uint8")?;
    let data: Option<numpy::PyReadonlyArray1<'_, u8>> =
        data.map(|d| d.extract()).transpose().map_err(err)?;
    let data: &[u8] = match &data {
        Some(d) => d.as_slice().map_err(|_| corrupt())?,
        None => &[],
    };
    for i in start..start + len {
        let valid =
            validity.is_none_or(|bits| bits.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1));
        if !valid {
            out.push("");
            continue;
        }
        let (from, to) = (
            offsets.get(i).ok_or_else(corrupt)?,
            offsets.get(i + 1).ok_or_else(corrupt)?,
        );
        let bytes = data.get(*from..*to).ok_or_else(corrupt)?;
        let text = std::str::from_utf8(bytes)
            .map_err(|_| bad(name, "an Arrow string that is not UTF-8"))?;
        out.push(text);
    }
    Ok(())
}

fn number_column(values: &Bound<'_, PyAny>, name: &str) -> Result<Vec<f64>, InvalidArgument> {
    let array = float64_array(values).map_err(|e| bad(name, format!("must be numbers: {e}")))?;
    let array: numpy::PyReadonlyArray1<'_, f64> = array
        .extract()
        .map_err(|_| bad(name, "must be a column of numbers"))?;
    Ok(array.as_array().iter().copied().collect())
}

fn dataframe(df: &Bound<'_, PyAny>, name: &str) -> Result<Table, InvalidArgument> {
    let columns = df
        .getattr("columns")
        .map_err(|e| bad(name, e.to_string()))?;
    let columns = columns.try_iter().map_err(|e| bad(name, e.to_string()))?;
    let mut out = Vec::new();
    for column in columns {
        let column = column.map_err(|e| bad(name, e.to_string()))?;
        let label = column
            .str()
            .map(|s| s.to_string())
            .map_err(|e| bad(name, e.to_string()))?;
        let series = df.get_item(&column).map_err(|e| bad(name, e.to_string()))?;
        let kind: String = series
            .getattr("dtype")
            .and_then(|d| d.getattr("kind"))
            .and_then(|k| k.extract())
            .unwrap_or_default();
        let path = format!("{name}.{label}");
        let values = if matches!(kind.as_str(), "b" | "i" | "u" | "f") {
            ColumnValues::Numbers(number_column(&series, &path)?)
        } else {
            ColumnValues::Text(text_column(&series, &path)?)
        };
        out.push(Column {
            name: label,
            values,
        });
    }
    Table::from_columns(name, out)
}

fn features(f: &Bound<'_, PyAny>, name: &str) -> Result<Table, InvalidArgument> {
    let get = |attr: &str| f.getattr(attr).map_err(|e| bad(name, e.to_string()));
    let OwnedValue::Matrix { rows, cols, values } = matrix(&get("values")?, name)? else {
        return Err(bad(name, "its values must be a 2-D matrix"));
    };
    let names: Vec<String> = get("columns")?
        .extract()
        .map_err(|_| bad(name, "its columns must be names"))?;
    if names.len() != cols {
        return Err(bad(
            name,
            format!("{} column names for {cols} columns", names.len()),
        ));
    }
    let mut out = vec![Column {
        name: "account_id".into(),
        values: ColumnValues::Text(text_column(&get("account_ids")?, name)?),
    }];
    if f.hasattr("handles").unwrap_or(false) {
        out.push(Column {
            name: "handle".into(),
            values: ColumnValues::Text(text_column(&get("handles")?, name)?),
        });
    }
    for (j, column) in names.into_iter().enumerate() {
        let v = (0..rows).map(|i| values[i * cols + j]).collect();
        out.push(Column {
            name: column,
            values: ColumnValues::Numbers(v),
        });
    }
    Table::from_columns(name, out)
}

/// An argument converted from Python, owned (or a [`Lent`] matrix's values) and `Send`: it
/// crosses into the GIL-free section, where [`OwnedValue::take`] hands it to the core. A hook
/// stays a Python callable until then.
pub enum Owned<'a> {
    /// An argument without a callable.
    Value(OwnedValue<'a>),
    /// A Python callable `str -> str`.
    Hook(Py<PyAny>),
}

/// The host-neutral argument kinds that own their data (a lent matrix borrows its values).
pub enum OwnedValue<'a> {
    Missing,
    Json(Value),
    Bytes(Vec<u8>),
    BytesList(Vec<Vec<u8>>),
    Files(BTreeMap<String, Vec<u8>>),
    Matrix {
        rows: usize,
        cols: usize,
        values: Cow<'a, [f64]>,
    },
    Table(Table),
}

impl<'a> OwnedValue<'a> {
    /// The core's argument (moved out).
    pub fn take(&mut self) -> Arg<'a> {
        match std::mem::replace(self, OwnedValue::Missing) {
            OwnedValue::Missing => Arg::Missing,
            OwnedValue::Json(v) => Arg::Json(v),
            OwnedValue::Bytes(b) => Arg::Bytes(b),
            OwnedValue::BytesList(l) => Arg::BytesList(l),
            OwnedValue::Files(f) => Arg::Files(f),
            OwnedValue::Matrix { rows, cols, values } => Arg::Matrix { rows, cols, values },
            OwnedValue::Table(t) => Arg::Table(t),
        }
    }
}

/// Calls a Python hook with one string, taking the GIL for the call.
pub fn call_hook(f: &Py<PyAny>, text: &str) -> Result<String, String> {
    Python::attach(|py| {
        f.call1(py, (text,))
            .and_then(|r| r.extract::<String>(py))
            .map_err(|e| e.to_string())
    })
}

/// The values of a lent matrix, borrowed.
fn lent_matrix<'a>(lent: Option<&'a Lent<'_>>) -> Option<OwnedValue<'a>> {
    let array = lent?.as_ref()?;
    let (rows, cols) = (array.shape()[0], array.shape()[1]);
    Some(OwnedValue::Matrix {
        rows,
        cols,
        values: Cow::Borrowed(array.as_slice().ok()?),
    })
}

/// The arguments of a call, converted by the kind their operation declares; the matrices of
/// `lent` (see [`lend`]) are read where they are.
pub fn args<'a>(
    spec: &'static [ArgSpec],
    values: &[Bound<'_, PyAny>],
    lent: &'a [Lent<'_>],
) -> Result<Vec<Owned<'a>>, InvalidArgument> {
    let mut out = Vec::with_capacity(values.len());
    for (i, value) in values.iter().enumerate() {
        let Some(a) = spec.get(i) else {
            // Too many: the core names what it accepts.
            out.push(Owned::Value(OwnedValue::Missing));
            continue;
        };
        if value.is_none() {
            out.push(Owned::Value(OwnedValue::Missing));
            continue;
        }
        if let Some(matrix) = lent_matrix(lent.get(i)) {
            out.push(Owned::Value(matrix));
            continue;
        }
        out.push(match a.kind {
            ArgKind::Json(_) => Owned::Value(OwnedValue::Json(to_json(value, a.name)?)),
            ArgKind::Bytes => Owned::Value(OwnedValue::Bytes(bytes(value, a.name)?)),
            ArgKind::BytesList => Owned::Value(OwnedValue::BytesList(bytes_list(value, a.name)?)),
            ArgKind::Files => Owned::Value(OwnedValue::Files(files(value, a.name)?)),
            ArgKind::Matrix => Owned::Value(matrix(value, a.name)?),
            ArgKind::Table => Owned::Value(table(value, a.name)?),
            ArgKind::Hook if value.is_callable() => Owned::Hook(value.clone().unbind()),
            ArgKind::Hook => {
                return Err(bad(
                    a.name,
                    format!(
                        "must be a function taking and returning a str, found {}",
                        type_name(value)
                    ),
                ));
            }
        });
    }
    Ok(out)
}

fn bytes_list(value: &Bound<'_, PyAny>, name: &str) -> Result<Vec<Vec<u8>>, InvalidArgument> {
    let seq = value
        .cast::<PySequence>()
        .ok()
        .filter(|_| !value.is_instance_of::<PyString>() && !value.is_instance_of::<PyBytes>())
        .ok_or_else(|| {
            bad(
                name,
                format!("must be a list of bytes or str, found {}", type_name(value)),
            )
        })?;
    let len = seq.len().map_err(|e| bad(name, e.to_string()))?;
    let mut list = Vec::with_capacity(len);
    for k in 0..len {
        let item = seq.get_item(k).map_err(|e| bad(name, e.to_string()))?;
        list.push(bytes(&item, &format!("{name}[{k}]"))?);
    }
    Ok(list)
}
