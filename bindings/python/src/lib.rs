//! The `disinfo._native` extension module: conversion and error mapping only, the logic lives
//! in `crates/`. Every operation goes through [`call`], which converts the arguments by the
//! kind the operation declares, runs it with the GIL released and converts the result; the
//! Python modules (`disinfo/terms.py`, ...) are generated from the same operation specs.

mod convert;
mod errors;
mod output;
mod progress;

use disinfo::api;
use pyo3::prelude::*;
use pyo3::types::PySequence;

/// The allocator of the extension's Rust allocations (CPython's objects keep CPython's): the
/// readers and network builders allocate many small strings, which glibc's allocator serves
/// slowly, as in the `disinfo` binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Runs the operation `tool.name` with positional `args` and an `options` mapping; a long
/// operation reports its progress to `progress` (a tqdm-like object) when one is given. With
/// `columnar`, a result made of columns comes as numpy arrays (text as Arrow buffers) instead
/// of lists (what the engines in `disinfo.dask` and `disinfo.spark` read).
#[pyfunction]
#[pyo3(signature = (operation, args, options = None, progress = None, columnar = false))]
fn call(
    py: Python<'_>,
    operation: &str,
    args: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
    columnar: bool,
) -> PyResult<Py<PyAny>> {
    let Some(spec) = api::spec(operation) else {
        let err = disinfo::catch_panic(|| {
            api::call(operation, Vec::new(), serde_json::Value::Null).map(|_| ())
        });
        return Err(errors::to_py_err(
            py,
            &err.err().unwrap_or_else(|| disinfo::Error::Internal {
                message: format!("`{operation}` is not an operation"),
            }),
        ));
    };
    let invalid = |e| errors::to_py_err(py, &api::invalid_argument(spec.tool, e));
    let values: Vec<Bound<'_, PyAny>> = args
        .cast::<PySequence>()
        .map_err(|_| {
            invalid(disinfo_core::InvalidArgument::new(
                "arguments",
                "must be a list",
            ))
        })?
        .try_iter()?
        .collect::<PyResult<_>>()?;
    // Held until the call returns: the core reads these matrices where numpy keeps them.
    let lent = convert::lend(spec.args, &values);
    let owned = convert::args(spec.args, &values, &lent).map_err(invalid)?;
    let options = match options {
        Some(o) => convert::to_json(o, "").map_err(invalid)?,
        None => serde_json::Value::Null,
    };
    let has_hooks = owned.iter().any(|a| matches!(a, convert::Owned::Hook(_)));
    // Only operations without hooks report progress: they run with the GIL released, so the
    // bar can take it from the core's worker threads.
    let bridge = progress
        .filter(|p| !p.is_none() && spec.progress && !has_hooks)
        .map(|p| progress::Bridge::new(p.clone().unbind()));
    let bridge_ref = bridge.as_ref();
    let run = move || {
        // Hooks are closures over the Python callables; they take the GIL for each call.
        let mut owned = owned;
        let hooks: Vec<Option<Box<disinfo::api::Hook<'static>>>> = owned
            .iter()
            .map(|a| match a {
                convert::Owned::Hook(f) => {
                    let f = Python::attach(|py| f.clone_ref(py));
                    Some(Box::new(move |text: &str| convert::call_hook(&f, text))
                        as Box<disinfo::api::Hook<'static>>)
                }
                convert::Owned::Value(_) => None,
            })
            .collect();
        let args = owned
            .iter_mut()
            .zip(&hooks)
            .map(|(a, h)| match (a, h) {
                (_, Some(h)) => disinfo::api::Arg::Hook(h.as_ref()),
                (convert::Owned::Value(v), None) => v.take(),
                (convert::Owned::Hook(_), None) => disinfo::api::Arg::Missing,
            })
            .collect();
        let observe = |p: disinfo::api::Progress| {
            if let Some(bridge) = bridge_ref {
                bridge.observe(p);
            }
        };
        let observer: Option<&disinfo::api::ProgressFn<'_>> = bridge_ref.map(|_| &observe as _);
        api::call_with_progress(operation, args, options, observer)
    };
    // With hooks, the call stays on this thread with the GIL held (the hooks need it anyway);
    // without, the GIL is released for the whole call.
    let out = if has_hooks {
        errors::run_here(py, run)
    } else {
        errors::run(py, run)
    };
    if let Some(bridge) = &bridge {
        bridge.finish(py);
    }
    output::output(py, out?, columnar)
}

/// Runs the `disinfo` command line with `argv` (the first item is the program's name) and
/// returns its exit code; the wheel's `disinfo` console script. The GIL is released for the
/// whole command (`disinfo chat serve` runs until a signal).
#[pyfunction]
fn cli_main(py: Python<'_>, argv: Vec<String>) -> u8 {
    py.detach(|| disinfo_cli::run(argv))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(cli_main, m)?)?;
    Ok(())
}
