//! Node bindings of the `terms_versions` functions.
