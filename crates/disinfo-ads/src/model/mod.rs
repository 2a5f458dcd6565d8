//! The data model: collections (metadata and query), observations (the evidence unit: where a
//! record was read) and normalised ad records whose every field has a state.
//!
//! - [`collection`]: a collection's metadata (`collection.json`): platform, termination, totals.
//! - [`query`]: the query that produced a collection, in the platforms' parameter names.
//! - [`field`]: the canonical fields of an ad and the state of each field in one record.
//! - [`record`]: a normalised ad record, its key, ranges and the observation it came from.
//! - [`intern`]: the string interner that keeps millions of records small.

pub mod collection;
pub mod field;
pub mod intern;
pub mod query;
pub mod record;

pub use collection::{CollectionMeta, DeclaredTotals, SourceKind, Termination};
pub use field::{Field, FieldState, FieldStates};
pub use intern::{Interner, Sym};
pub use query::Query;
pub use record::{AdKey, AdRecord, Locator, Observation, Range, RawSpan};
