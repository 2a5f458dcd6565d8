//! Node bindings of the `bots` functions.
