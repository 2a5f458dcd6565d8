//! Mapping [`disinfo::Error`] to JavaScript errors whose `.code` is the toolkit's stable code.

use disinfo_core::InvalidArgument;
use napi::bindgen_prelude::FromNapiValue;
use napi::{Env, sys};

/// The error status napi puts in `.code`: our stable code string instead of napi's `Status`.
pub struct ErrorCode(String);

impl AsRef<str> for ErrorCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A JavaScript `Error` carrying a toolkit code.
pub type JsError = napi::Error<ErrorCode>;

/// The result type of every exported function. (napi's macro recognises results by the name
/// `Result`, so the alias keeps it.)
pub type Result<T> = napi::Result<T, ErrorCode>;

/// Builds the JavaScript error for a toolkit error.
pub fn js_error(err: &disinfo::Error) -> JsError {
    napi::Error::new(ErrorCode(err.code().to_owned()), err.to_string())
}

/// Runs a core call, catching panics, and maps its error to a JavaScript error.
pub fn run<T>(f: impl FnOnce() -> disinfo::Result<T>) -> Result<T> {
    disinfo::catch_panic(f).map_err(|e| js_error(&e))
}

/// A conversion error, with the JavaScript exception that caused it when there is one: a getter
/// or a Proxy trap that threw while a value was read leaves that exception pending, and napi
/// would throw it instead of our error, without a code. The exception is cleared and its
/// message kept.
pub fn with_thrown(env: &Env, mut error: InvalidArgument) -> InvalidArgument {
    if let Some(thrown) = take_exception(env) {
        error.message = format!("reading it threw: {thrown}");
    }
    error
}

/// Clears the pending JavaScript exception, if any, and returns its text.
fn take_exception(env: &Env) -> Option<String> {
    let raw = env.raw();
    let mut pending = false;
    // SAFETY: `raw` is the environment of the call being converted, alive for its duration;
    // these napi functions may be called while an exception is pending.
    let status = unsafe { sys::napi_is_exception_pending(raw, &mut pending) };
    if status != sys::Status::napi_ok || !pending {
        return None;
    }
    let mut exception = std::ptr::null_mut();
    // SAFETY: as above; `exception` receives the cleared exception.
    let status = unsafe { sys::napi_get_and_clear_last_exception(raw, &mut exception) };
    if status != sys::Status::napi_ok || exception.is_null() {
        return Some("an exception".to_owned());
    }
    let mut text = std::ptr::null_mut();
    // SAFETY: `exception` is a live value of this environment.
    let status = unsafe { sys::napi_coerce_to_string(raw, exception, &mut text) };
    // SAFETY: `text` is a string of this environment when the coercion succeeded.
    let message = (status == sys::Status::napi_ok)
        .then(|| unsafe { String::from_napi_value(raw, text) }.ok())
        .flatten();
    if message.is_none() {
        // Its `toString` threw in turn: clear that one too.
        let mut again = std::ptr::null_mut();
        // SAFETY: as above.
        let _ = unsafe { sys::napi_get_and_clear_last_exception(raw, &mut again) };
    }
    Some(message.unwrap_or_else(|| "an exception that has no text".to_owned()))
}
