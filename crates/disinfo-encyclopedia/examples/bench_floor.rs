//! Driver of the floor rows of `./x bench encyclopedia` (see `benches/encyclopedia/run`): times
//! the two parts of a check that no parser work can remove, on this machine.
//!
//! 1. Listing and reading the entry files with [`read_corpus`], the code path
//!    `disinfo encyclopedia check` uses (parallel, one read per file).
//! 2. The `jsonschema` crate's `is_valid` on every front matter (the JSON instances the peers
//!    read, parsed beforehand), with the validator the shipped [`Schema`] compiles, on all cores.
//!
//! Usage: `bench_floor ENTRIES_DIR INSTANCES_DIR`. Prints one JSON line:
//! `{"files":..,"read_s":..,"instances":..,"valid":..,"validate_s":..}`.

use std::error::Error;
use std::path::Path;
use std::time::Instant;

use disinfo_encyclopedia::{Schema, read_corpus};
use rayon::prelude::*;
use serde_json::Value;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(entries), Some(instances)) = (args.get(1), args.get(2)) else {
        return Err("usage: bench_floor ENTRIES_DIR INSTANCES_DIR".into());
    };

    let t = Instant::now();
    let files = read_corpus(Path::new(entries))?;
    let read_s = t.elapsed().as_secs_f64();

    let mut paths = Vec::new();
    for item in std::fs::read_dir(instances)? {
        let path = item?.path();
        if path.extension().is_some_and(|e| e == "json") {
            paths.push(path);
        }
    }
    let documents = paths
        .par_iter()
        .map(|p| Ok(serde_json::from_slice(&std::fs::read(p)?)?))
        .collect::<Result<Vec<Value>, Box<dyn Error + Send + Sync>>>()
        .map_err(|e| e.to_string())?;
    let schema = Schema::builtin()?;
    let t = Instant::now();
    let valid = documents
        .par_iter()
        .filter(|d| schema.validator_accepts(d))
        .count();
    let validate_s = t.elapsed().as_secs_f64();

    println!(
        "{}",
        serde_json::json!({
            "files": files.len(),
            "read_s": read_s,
            "instances": documents.len(),
            "valid": valid,
            "validate_s": validate_s,
        })
    );
    Ok(())
}
