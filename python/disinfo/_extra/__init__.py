"""Hand-written helpers that the generated tool modules re-export: numpy, pandas and networkx
conveniences that have no place in the Rust core (no parsing, no defaults, no reshaping of a
request or a result: only host-native views of what the core returns)."""
