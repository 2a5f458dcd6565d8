//! Node bindings of the `terms` functions.
