//! Async calls: run an operation on libuv's thread pool and settle a promise with its result.
//!
//! napi's `Task` carries napi's own `Status` as the error code, so the toolkit's error travels
//! through `compute` as a value and becomes a JavaScript `Error` with our `.code` on the main
//! thread.

use disinfo::api::{Arg, Output};
use napi::bindgen_prelude::{JsObjectValue, ToNapiValue, TypeName, Unknown};
use napi::{Env, JsValue, Task, ValueType, sys};

/// An owned argument that can cross to the thread pool (no hooks).
pub enum Sendable {
    Missing,
    Json(serde_json::Value),
    Bytes(Vec<u8>),
    BytesList(Vec<Vec<u8>>),
    Files(std::collections::BTreeMap<String, Vec<u8>>),
    Matrix {
        rows: usize,
        cols: usize,
        values: Vec<f64>,
    },
    Table(disinfo_core::table::Table),
}

impl Sendable {
    fn into_arg<'a>(self) -> Arg<'a> {
        match self {
            Sendable::Missing => Arg::Missing,
            Sendable::Json(v) => Arg::Json(v),
            Sendable::Bytes(b) => Arg::Bytes(b),
            Sendable::BytesList(l) => Arg::BytesList(l),
            Sendable::Files(f) => Arg::Files(f),
            Sendable::Matrix { rows, cols, values } => Arg::Matrix {
                rows,
                cols,
                values: values.into(),
            },
            Sendable::Table(t) => Arg::Table(t),
        }
    }
}

/// An operation that runs off the main thread, or an error found while converting its
/// arguments (the promise rejects with it).
pub struct CallTask {
    pub call: Result<(String, Vec<Sendable>, serde_json::Value), (String, String)>,
}

/// The outcome of the work: the result, or the error's code and message.
pub type Outcome = Result<Output, (String, String)>;

/// A result handed to JavaScript (napi's `Task` needs a `TypeName`).
pub struct Js(sys::napi_value);

impl TypeName for Js {
    fn type_name() -> &'static str {
        "unknown"
    }

    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for Js {
    unsafe fn to_napi_value(_env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        Ok(val.0)
    }
}

impl Task for CallTask {
    type Output = Outcome;
    type JsValue = Js;

    fn compute(&mut self) -> napi::Result<Outcome> {
        let (operation, args, options) = match std::mem::replace(
            &mut self.call,
            Err(("internal".into(), "the task ran twice".into())),
        ) {
            Ok(call) => call,
            Err(e) => return Ok(Err(e)),
        };
        let args = args.into_iter().map(Sendable::into_arg).collect();
        Ok(
            disinfo::catch_panic(|| disinfo::api::call(&operation, args, options))
                .map_err(|e| (e.code().to_owned(), e.to_string())),
        )
    }

    fn resolve(&mut self, env: Env, output: Outcome) -> napi::Result<Js> {
        match output {
            Ok(out) => {
                let value: Unknown<'_> = crate::convert::output(&env, out)?;
                Ok(Js(value.raw()))
            }
            Err((code, message)) => {
                let mut error = env.create_error(napi::Error::from_reason(message))?;
                error.set_named_property("code", code)?;
                Err(napi::Error::from(error.to_unknown()))
            }
        }
    }
}
