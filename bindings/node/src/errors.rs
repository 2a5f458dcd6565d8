//! Mapping [`disinfo::Error`] to JavaScript errors whose `.code` is the toolkit's stable code.

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
