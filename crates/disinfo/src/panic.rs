//! Turning a panic into [`Error::Internal`] at the API boundary.
//!
//! A panic is a bug, but a bug in a notebook or a Node server must not take the host process
//! down: the bindings run every call through [`catch_panic`].

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::Error;

/// Runs `f`, turning a panic into [`Error::Internal`] with the panic message.
///
/// ```
/// let r: disinfo::Result<()> = disinfo::catch_panic(|| panic!("boom"));
/// assert_eq!(r.unwrap_err().code(), "internal");
/// ```
pub fn catch_panic<T>(f: impl FnOnce() -> crate::Result<T>) -> crate::Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic with a non-string payload".to_owned());
            Err(Error::Internal { message })
        }
    }
}

/// Panics on purpose. Exists so that each front end can prove that a panic in the core reaches
/// the caller as an error with code `internal` and the host process survives.
#[doc(hidden)]
pub fn force_panic_for_tests() -> crate::Result<()> {
    panic!("deliberate panic for testing the internal error path")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_becomes_internal_error_with_message() {
        let err = catch_panic(force_panic_for_tests).expect_err("panicked");
        assert_eq!(err.code(), "internal");
        assert!(err.to_string().contains("deliberate panic"));
    }

    #[test]
    fn ok_and_err_pass_through() {
        assert_eq!(catch_panic(|| Ok(3)).ok(), Some(3));
        let e = catch_panic::<()>(|| {
            Err(Error::Internal {
                message: "x".into(),
            })
        });
        assert!(e.is_err());
    }
}
