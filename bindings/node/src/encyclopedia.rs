//! Node bindings of the `encyclopedia` functions.
