//! The Node addon. Conversion and error mapping only: the logic lives in `crates/`.
//! Each tool has its own submodule file.

mod ads;
mod bots;
mod bots_network;
mod convert;
mod encyclopedia;
mod errors;
mod task;
mod terms;
mod terms_versions;

use napi_derive::napi;

use crate::errors::Result;

/// The toolkit version.
#[napi]
pub fn version() -> String {
    disinfo::version().to_owned()
}

/// The version and the tools of this build with their status.
#[napi(ts_return_type = "BuildInfo")]
pub fn build_info() -> Result<serde_json::Value> {
    convert::to_json(&disinfo::build_info())
}

/// Panics inside the core on purpose: proves that a panic reaches JavaScript as an `Error`
/// with `code === "internal"` and the process survives.
#[napi(js_name = "_forcePanic")]
pub fn force_panic() -> Result<()> {
    errors::run(disinfo::force_panic_for_tests)
}

/// The async form of `_forcePanic`: the promise rejects with code `internal`.
#[napi(js_name = "_forcePanicAsync", ts_return_type = "Promise<void>")]
pub fn force_panic_async() -> napi::bindgen_prelude::AsyncTask<task::JsonTask> {
    task::spawn(|| disinfo::force_panic_for_tests().map(|()| serde_json::Value::Null))
}
