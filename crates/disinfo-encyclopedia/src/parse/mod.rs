//! Reading one entry file: splitting the front matter off the Markdown body and loading the YAML
//! into a tree that remembers where every key and value came from.
//!
//! - [`frontmatter`]: finds the `---` delimiters, with a size limit.
//! - [`yaml`]: YAML 1.2 (core schema) loader on `saphyr-parser` events, with spans, duplicate
//!   keys, alias-expansion and depth limits; the common shape of front matters goes through a
//!   faster scanner that yields the same events (`fast_events`).

mod fast_events;
pub mod frontmatter;
pub mod yaml;
