//! Every public operation of the toolkit, in one registry: what the bindings call, what the
//! golden tests run, what the Python and TypeScript types are generated from.
//!
//! An operation is named `tool.name` (`terms.diff`, `bots.coordinate`); [`call`] runs it from
//! host-neutral arguments ([`Arg`]) and an options object (camelCase or snake_case keys), and
//! returns an [`Output`] that each host converts its own way.
//!
//! ```
//! use disinfo::api::{call, Arg};
//! use serde_json::json;
//!
//! let out = call("terms.diff", vec![Arg::Json(json!("a b")), Arg::Json(json!("a c"))],
//!                json!({"granularity": "word"}))?;
//! assert_eq!(out.to_json().unwrap()["classification"], "substantive");
//! # Ok::<(), disinfo::Error>(())
//! ```

pub mod codegen;
mod core_ops;

pub use disinfo_core::request;
pub use disinfo_core::{Arg, Args, Hook, MatrixOutput, Output, Progress, ProgressFn, Spec};
/// The shared error vocabulary, for front ends that read files or map their own arguments (the
/// CLI) and report failures with the same codes (`invalid_argument`, `io`) as the tools.
pub use disinfo_core::{InvalidArgument, IoError};

use disinfo_core::Operation;
use serde_json::Value;

use crate::{Error, Result};

/// The tools, in documentation order (`core` holds `version` and `build_info`).
pub const TOOLS: &[&str] = &["core", "terms", "bots", "ads", "encyclopedia", "chat"];

/// The specs of every operation, in documentation order.
pub fn specs() -> Vec<&'static Spec> {
    let mut out: Vec<&'static Spec> = core_ops::OPERATIONS.iter().map(|o| &o.spec).collect();
    #[cfg(feature = "terms")]
    out.extend(disinfo_terms::api::OPERATIONS.iter().map(|o| &o.spec));
    #[cfg(feature = "bots")]
    out.extend(disinfo_bots::api::OPERATIONS.iter().map(|o| &o.spec));
    #[cfg(feature = "ads")]
    out.extend(disinfo_ads::api::OPERATIONS.iter().map(|o| &o.spec));
    #[cfg(feature = "encyclopedia")]
    out.extend(
        disinfo_encyclopedia::api::OPERATIONS
            .iter()
            .map(|o| &o.spec),
    );
    #[cfg(feature = "chat")]
    out.extend(disinfo_chat::api::OPERATIONS.iter().map(|o| &o.spec));
    out
}

/// The spec of `tool.name`, if there is such an operation.
pub fn spec(qualified: &str) -> Option<&'static Spec> {
    specs()
        .into_iter()
        .find(|s| s.qualified_name() == qualified)
}

fn find<E>(ops: &'static [Operation<E>], name: &str) -> Option<&'static Operation<E>> {
    ops.iter().find(|o| o.spec.name == name)
}

fn run<'a, E>(
    op: &'static Operation<E>,
    args: Vec<Arg<'a>>,
    options: Value,
    progress: Option<&'a ProgressFn<'a>>,
) -> std::result::Result<Output, E>
where
    E: From<InvalidArgument>,
{
    let args = Args::new(op.spec.args, args)?.with_progress(progress);
    (op.run)(args, options)
}

/// Runs the operation `tool.name` with positional `args` and an `options` object (`null` for
/// none). Errors are the tool's, with their stable codes; an unknown operation is an
/// `invalid_argument` error naming it.
pub fn call(operation: &str, args: Vec<Arg<'_>>, options: Value) -> Result<Output> {
    call_with_progress(operation, args, options, None)
}

/// [`call`], reporting [`Progress`] to `progress` while the operation runs, for the
/// operations whose spec says `progress` (the others never call it).
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use disinfo::api::{call_with_progress, Arg, Progress};
/// use serde_json::json;
///
/// let done = AtomicU64::new(0);
/// let observe = |p: Progress| { done.fetch_max(p.done, Ordering::Relaxed); };
/// let jobs = json!([{"content": "<main>Terms</main>", "location": "https://example.com", "select": "main"},
///                   {"content": "<main>Privacy</main>", "location": "https://example.com", "select": "main"}]);
/// call_with_progress("terms.extract_batch", vec![Arg::Json(jobs)], json!(null), Some(&observe))?;
/// assert_eq!(done.load(Ordering::Relaxed), 2);
/// # Ok::<(), disinfo::Error>(())
/// ```
pub fn call_with_progress<'a>(
    operation: &str,
    args: Vec<Arg<'a>>,
    options: Value,
    progress: Option<&'a ProgressFn<'a>>,
) -> Result<Output> {
    let (tool, name) = operation.split_once('.').unwrap_or(("", operation));
    let unknown = || unknown_operation(tool, operation);
    match tool {
        "core" => run(
            find(core_ops::OPERATIONS, name).ok_or_else(unknown)?,
            args,
            options,
            progress,
        ),
        #[cfg(feature = "terms")]
        "terms" => Ok(run(
            find(disinfo_terms::api::OPERATIONS, name).ok_or_else(unknown)?,
            args,
            options,
            progress,
        )?),
        #[cfg(feature = "bots")]
        "bots" => Ok(run(
            find(disinfo_bots::api::OPERATIONS, name).ok_or_else(unknown)?,
            args,
            options,
            progress,
        )?),
        #[cfg(feature = "ads")]
        "ads" => Ok(run(
            find(disinfo_ads::api::OPERATIONS, name).ok_or_else(unknown)?,
            args,
            options,
            progress,
        )?),
        #[cfg(feature = "encyclopedia")]
        "encyclopedia" => Ok(run(
            find(disinfo_encyclopedia::api::OPERATIONS, name).ok_or_else(unknown)?,
            args,
            options,
            progress,
        )?),
        #[cfg(feature = "chat")]
        "chat" => Ok(run(
            find(disinfo_chat::api::OPERATIONS, name).ok_or_else(unknown)?,
            args,
            options,
            progress,
        )?),
        _ => Err(unknown()),
    }
}

/// The error for an unknown operation, as the named tool's `invalid_argument`.
fn unknown_operation(tool: &str, operation: &str) -> Error {
    let names: Vec<String> = specs().iter().map(|s| s.qualified_name()).collect();
    let mut message = format!("`{operation}` is not an operation of disinfo");
    if let Some(s) =
        disinfo_core::suggest::did_you_mean(operation, names.iter().map(String::as_str))
    {
        message.push_str(&format!("; did you mean `{s}`?"));
    }
    invalid_argument(tool, InvalidArgument::new("operation", message))
}

/// A bad argument of an operation of `tool`, as that tool's error (what a binding reports
/// when a host value cannot even be converted).
pub fn invalid_argument(tool: &str, error: InvalidArgument) -> Error {
    match tool {
        #[cfg(feature = "terms")]
        "terms" => disinfo_terms::Error::from(error).into(),
        #[cfg(feature = "bots")]
        "bots" => disinfo_bots::Error::from(error).into(),
        #[cfg(feature = "ads")]
        "ads" => disinfo_ads::Error::from(error).into(),
        #[cfg(feature = "encyclopedia")]
        "encyclopedia" => disinfo_encyclopedia::Error::from(error).into(),
        #[cfg(feature = "chat")]
        "chat" => disinfo_chat::Error::from(error).into(),
        _ => Error::InvalidArgument(error),
    }
}
