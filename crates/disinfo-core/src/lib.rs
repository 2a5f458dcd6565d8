//! What the four disinfo tools share, and nothing else: it sits below them.
//!
//! - [`error`]: the error vocabulary every tool uses ([`InvalidArgument`], [`IoError`], the shared
//!   codes in [`codes`]).
//! - [`request`]: the one place where a caller's options are interpreted: camelCase or snake_case
//!   keys, unknown keys refused with "did you mean", type errors that name the option.
//! - [`operation`]: the description of a public operation (its positional arguments, options and
//!   result types) that the bindings, the CLI, the golden tests and the generated Python and
//!   TypeScript types all read.
//! - [`suggest`]: "did you mean" for misspelt names.
//! - [`table`]: table arguments (named columns of numbers or text) and their JSON forms.
//!
//! ```
//! use disinfo_core::request::decode;
//!
//! #[derive(serde::Deserialize, schemars::JsonSchema, Default)]
//! #[serde(default)]
//! struct Options { min_edge_weight: u32, window: f64 }
//!
//! // Node callers write camelCase, Python callers snake_case: both mean the same option.
//! let o: Options = decode("options", serde_json::json!({"minEdgeWeight": 2})).unwrap();
//! assert_eq!(o.min_edge_weight, 2);
//! // A misspelt option is an error that names it, never silently ignored.
//! let e = decode::<Options>("options", serde_json::json!({"windw": 5})).err().unwrap();
//! assert_eq!(e.to_string(), "invalid argument `windw`: unknown option; did you mean `window`?");
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod columns;
pub mod error;
pub mod json;
pub mod operation;
pub mod request;
pub mod suggest;
pub mod table;

pub use error::{InvalidArgument, IoError, codes};
pub use operation::{
    Arg, ArgKind, ArgSpec, Args, Hook, MatrixOutput, Operation, Output, Progress, ProgressFn,
    ResultSpec, Spec, TableInput,
};
pub use table::{Column, ColumnValues, Table};

/// The README's examples, run as doctests so that what crates.io shows compiles and holds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
