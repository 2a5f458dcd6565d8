//! Node bindings of the `bots_network` functions.
