//! Results back to Python, conversion only: through their serde form (the JSON shape shared
//! with Rust, Node and the CLI), a result of columns as numpy arrays when the wrapper asks for
//! it, a matrix result as numpy arrays.

use disinfo::api::{MatrixOutput, Output};
use disinfo_core::columns::{ColumnData, Columns, Field};
use numpy::{IntoPyArray, PyArrayMethods};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

/// A result as Python objects; with `columnar`, a result of columns as arrays (see
/// [`columns_output`]).
pub fn output(py: Python<'_>, out: Output, columnar: bool) -> PyResult<Py<PyAny>> {
    match out {
        Output::Json(value) => pythonized(py, &value),
        Output::Columns(columns) if columnar => columns_output(py, columns),
        Output::Columns(columns) => pythonized(py, &columns),
        Output::Matrix(m) => matrix_output(py, m),
    }
}

fn pythonized<T: serde::Serialize + ?Sized>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    let _paused = GcPause::new(py)?;
    pythonize::pythonize(py, value)
        .map(Bound::unbind)
        .map_err(|e| PyRuntimeError::new_err(format!("cannot convert the result: {e}")))
}

/// Python's cyclic garbage collector held off while a result is built: a result of millions of
/// dicts and lists (no cycle among them) would otherwise set off collections that walk every
/// object built so far (a network of 500,000 edges: 1.3 s of its 4 s). The collector is
/// enabled again when the pause is dropped, if it was enabled before.
struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> PyResult<GcPause<'py>> {
        let gc = py.import("gc")?;
        if !gc.call_method0("isenabled")?.is_truthy()? {
            return Ok(GcPause { gc: None });
        }
        gc.call_method0("disable")?;
        Ok(GcPause { gc: Some(gc) })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // Enabling cannot fail short of the interpreter shutting down; nothing to report then.
            let _ = gc.call_method0("enable");
        }
    }
}

/// A dict of the columns as numpy arrays (int64, uint64, bool, float64), text as `(offsets, data)`: an
/// int64 array of `n + 1` offsets into a uint8 array of UTF-8 (Arrow's `large_string`
/// buffers), a list of texts as a list of `str`, and the other fields as Python objects. No
/// Python object per value of a column.
fn columns_output(py: Python<'_>, out: Columns) -> PyResult<Py<PyAny>> {
    let dict = PyDict::new(py);
    for (name, values) in out.columns {
        let column = match values {
            ColumnData::Int(v) => v.into_pyarray(py).into_any(),
            ColumnData::UInt(v) => v.into_pyarray(py).into_any(),
            ColumnData::Bool(v) => v.into_pyarray(py).into_any(),
            ColumnData::Float(v) => v.into_pyarray(py).into_any(),
            ColumnData::Text(v) => {
                let (offsets, data) = v.into_parts();
                PyTuple::new(
                    py,
                    [
                        offsets.into_pyarray(py).into_any(),
                        data.into_pyarray(py).into_any(),
                    ],
                )?
                .into_any()
            }
        };
        dict.set_item(name, column)?;
    }
    for (name, value) in out.fields {
        let value = match value {
            Field::Value(value) => pythonized(py, &value)?,
            Field::Texts(texts) => PyList::new(py, texts.iter())?.into_any().unbind(),
        };
        dict.set_item(name, value)?;
    }
    Ok(dict.into_any().unbind())
}

/// `(values, mask, meta)`: float64 and bool numpy arrays (rows × columns) and the metadata.
fn matrix_output(py: Python<'_>, m: MatrixOutput) -> PyResult<Py<PyAny>> {
    let MatrixOutput {
        rows,
        cols,
        values,
        mask,
        meta,
    } = m;
    let values = values.into_pyarray(py).reshape([rows, cols])?;
    let mask = mask.into_pyarray(py).reshape([rows, cols])?;
    let meta = pythonized(py, &meta)?.into_bound(py);
    Ok(
        PyTuple::new(py, [values.into_any(), mask.into_any(), meta])?
            .into_any()
            .unbind(),
    )
}
