//! PNG charts drawn in Rust: the distribution of an indicator across accounts.
