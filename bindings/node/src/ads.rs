//! Node bindings of the `ads` functions.
