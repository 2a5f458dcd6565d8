//! Async variants: run a core call on libuv's thread pool and settle a promise with its result.
//!
//! napi's `Task` carries napi's own `Status` as the error code, so the toolkit's error travels
//! through `compute` as a value and is turned into a JavaScript `Error` with our `.code` on the
//! main thread.

use napi::bindgen_prelude::{AsyncTask, JsObjectValue, ToNapiValue, TypeName};
use napi::{Env, JsValue, Task, ValueType, sys};

type Work = Box<dyn FnOnce() -> disinfo::Result<serde_json::Value> + Send>;

/// A core call that runs off the main thread and resolves to its JSON-shaped result.
pub struct JsonTask {
    work: Option<Work>,
}

/// Wraps `work` into a promise-returning task (`AsyncTask` in the generated `index.d.ts` is a
/// `Promise<unknown>`; give the function a `ts_return_type`).
pub fn spawn(
    work: impl FnOnce() -> disinfo::Result<serde_json::Value> + Send + 'static,
) -> AsyncTask<JsonTask> {
    AsyncTask::new(JsonTask {
        work: Some(Box::new(work)),
    })
}

/// The outcome of the work: the result, or the error's code and message.
pub type Outcome = Result<serde_json::Value, (String, String)>;

/// A JSON-shaped result handed to JavaScript (napi's `Task` needs a `TypeName`).
pub struct Json(serde_json::Value);

impl TypeName for Json {
    fn type_name() -> &'static str {
        "unknown"
    }

    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for Json {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        // SAFETY: called by napi with a valid `env` on the main thread, as the trait requires.
        unsafe { serde_json::Value::to_napi_value(env, val.0) }
    }
}

impl Task for JsonTask {
    type Output = Outcome;
    type JsValue = Json;

    fn compute(&mut self) -> napi::Result<Outcome> {
        let work = self
            .work
            .take()
            .ok_or_else(|| napi::Error::from_reason("the task ran twice"))?;
        Ok(disinfo::catch_panic(work).map_err(|e| (e.code().to_owned(), e.to_string())))
    }

    fn resolve(&mut self, env: Env, output: Outcome) -> napi::Result<Json> {
        match output {
            Ok(value) => Ok(Json(value)),
            Err((code, message)) => {
                let mut error = env.create_error(napi::Error::from_reason(message))?;
                error.set_named_property("code", code)?;
                Err(napi::Error::from(error.to_unknown()))
            }
        }
    }
}
