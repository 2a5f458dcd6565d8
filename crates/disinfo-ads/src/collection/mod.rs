//! Loading collections: a folder of raw files plus `collection.json`, or files given in memory.
//! Files are read in parallel (rayon), records are merged in file order, so the result does
//! not depend on the number of threads.
//!
//! - [`args`]: collections as callers name them (a folder, or a described folder of raw files).
//! - [`load`]: the loader and its options.
//! - [`store`]: a loaded collection (records, index, duplicates, rejected, notes).
//! - [`source`]: where a file's bytes come from, and reading them.
//! - [`key_index`]: the index from ad key to record.

pub mod args;
pub mod key_index;
pub mod load;
pub mod source;
pub mod store;

pub use key_index::KeyIndex;
pub use load::{LoadOptions, Progress, Shard, load_collection, load_dir, read_meta};
pub use source::FileSource;
pub use store::{Collection, FileInfo, Rejected};
