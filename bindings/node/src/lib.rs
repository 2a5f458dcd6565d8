//! The Node addon: conversion and error mapping only, the logic lives in `crates/`. Every
//! operation goes through [`call`] (or [`call_async`] on libuv's thread pool), which converts
//! the arguments by the kind the operation declares and the result back; the package's
//! `index.js` and `index.d.ts` are generated from the same operation specs.

mod convert;
mod errors;
mod task;

use disinfo::api::{self, Arg};
use napi::Env;
use napi::bindgen_prelude::{AsyncTask, Unknown};
use napi_derive::napi;

use crate::convert::Owned;
use crate::errors::{Result, js_error};
use crate::task::{CallTask, Sendable};

fn spec(operation: &str) -> Result<&'static disinfo::api::Spec> {
    api::spec(operation).ok_or_else(|| {
        let err = api::call(operation, Vec::new(), serde_json::Value::Null).err();
        js_error(&err.unwrap_or_else(|| disinfo::Error::Internal {
            message: format!("`{operation}` is not an operation"),
        }))
    })
}

fn options_json(env: &Env, tool: &str, options: Option<Unknown<'_>>) -> Result<serde_json::Value> {
    match options {
        Some(o) => convert::to_json(o, "")
            .map_err(|e| js_error(&api::invalid_argument(tool, errors::with_thrown(env, e)))),
        None => Ok(serde_json::Value::Null),
    }
}

/// Runs the operation `tool.name` with positional `args` and an `options` object.
#[napi(
    catch_unwind,
    ts_args_type = "operation: string, args: unknown[], options?: unknown"
)]
pub fn call<'env>(
    env: &'env Env,
    operation: String,
    args: Vec<Unknown<'env>>,
    options: Option<Unknown<'env>>,
) -> Result<Unknown<'env>> {
    let spec = spec(&operation)?;
    let invalid = |e| {
        js_error(&api::invalid_argument(
            spec.tool,
            errors::with_thrown(env, e),
        ))
    };
    let owned = convert::args(spec.args, args).map_err(invalid)?;
    let options = options_json(env, spec.tool, options)?;
    // Hooks are JavaScript functions, called on this (the main) thread.
    type JsHook<'h> = Box<dyn Fn(&str) -> std::result::Result<String, String> + 'h>;
    let mut hooks: Vec<Option<JsHook<'env>>> = Vec::with_capacity(owned.len());
    let mut values = Vec::with_capacity(owned.len());
    for a in owned {
        match a {
            Owned::Hook(f) => {
                hooks.push(Some(Box::new(move |text: &str| {
                    f.call(text.to_owned()).map_err(|e| e.reason.clone())
                })));
                values.push(Owned::Missing);
            }
            other => {
                hooks.push(None);
                values.push(other);
            }
        }
    }
    let args: Vec<Arg<'_>> = values
        .into_iter()
        .zip(&hooks)
        .map(|(a, h)| match (a, h) {
            (_, Some(h)) => Arg::Hook(h.as_ref()),
            (Owned::Json(v), None) => Arg::Json(v),
            (Owned::Bytes(b), None) => Arg::Bytes(b),
            (Owned::BytesList(l), None) => Arg::BytesList(l),
            (Owned::Files(f), None) => Arg::Files(f),
            (Owned::Matrix { rows, cols, values }, None) => Arg::Matrix {
                rows,
                cols,
                values: values.into(),
            },
            (Owned::Table(t), None) => Arg::Table(t),
            (Owned::Missing | Owned::Hook(_), None) => Arg::Missing,
        })
        .collect();
    let out =
        disinfo::catch_panic(|| api::call(&operation, args, options)).map_err(|e| js_error(&e))?;
    convert::output(env, out).map_err(|e| {
        js_error(&disinfo::Error::Internal {
            message: format!("cannot convert the result: {}", e.reason),
        })
    })
}

fn sendable(owned: Owned<'_>) -> std::result::Result<Sendable, ()> {
    Ok(match owned {
        Owned::Missing => Sendable::Missing,
        Owned::Json(v) => Sendable::Json(v),
        Owned::Bytes(b) => Sendable::Bytes(b),
        Owned::BytesList(l) => Sendable::BytesList(l),
        Owned::Files(f) => Sendable::Files(f),
        Owned::Matrix { rows, cols, values } => Sendable::Matrix { rows, cols, values },
        Owned::Table(t) => Sendable::Table(t),
        Owned::Hook(_) => return Err(()),
    })
}

/// `call` on libuv's thread pool: a promise of the same result. Hooks are not available (they
/// would have to run on the main thread).
#[napi(
    ts_args_type = "operation: string, args: unknown[], options?: unknown",
    ts_return_type = "Promise<unknown>"
)]
pub fn call_async<'env>(
    env: &'env Env,
    operation: String,
    args: Vec<Unknown<'env>>,
    options: Option<Unknown<'env>>,
) -> AsyncTask<CallTask> {
    let prepared = (|| {
        let spec =
            spec(&operation).map_err(|e| (e.status.as_ref().to_owned(), e.reason.clone()))?;
        let fail = |e: disinfo::Error| (e.code().to_owned(), e.to_string());
        let owned = convert::args(spec.args, args).map_err(|e| {
            fail(api::invalid_argument(
                spec.tool,
                errors::with_thrown(env, e),
            ))
        })?;
        let args = owned
            .into_iter()
            .zip(spec.args)
            .map(|(a, s)| {
                sendable(a).map_err(|()| {
                    fail(api::invalid_argument(
                        spec.tool,
                        disinfo_core::InvalidArgument::new(
                            s.name,
                            "hooks are not available in async calls; use the sync function",
                        ),
                    ))
                })
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let options = options_json(env, spec.tool, options)
            .map_err(|e| (e.status.as_ref().to_owned(), e.reason.clone()))?;
        Ok((operation.clone(), args, options))
    })();
    AsyncTask::new(CallTask { call: prepared })
}

/// Panics inside the core on purpose: proves that a panic reaches JavaScript as an `Error`
/// with `code === "internal"` and the process survives.
#[napi(js_name = "_forcePanic")]
pub fn force_panic() -> Result<()> {
    errors::run(disinfo::force_panic_for_tests)
}

/// The async form of `_forcePanic`: the promise rejects with code `internal`.
#[napi(js_name = "_forcePanicAsync", ts_return_type = "Promise<void>")]
pub fn force_panic_async() -> AsyncTask<CallTask> {
    AsyncTask::new(CallTask {
        call: Ok((
            "core._force_panic".into(),
            Vec::new(),
            serde_json::Value::Null,
        )),
    })
}
