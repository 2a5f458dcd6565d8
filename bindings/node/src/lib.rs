//! The Node addon. Conversion and error mapping only: the logic lives in `crates/`.
//! Each tool has its own submodule file.

mod ads;
mod bots;
mod bots_network;
mod convert;
mod encyclopedia;
mod errors;
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
