//! Times the audit of a generated benchmark set, to compare two builds of the loader by hand
//! (speed goals themselves are checked by `./x bench`, never by timed tests).
//!
//! ```sh
//! cargo run --release --locked -p disinfo-ads --example audit_bench -- /tmp/ads-bench 5
//! ```
//!
//! The first run writes `synthetic::generate("bench", DIR, 2019, Some(2), Some(1_000_000))`
//! into DIR (about 2 GB); later runs reuse it, so that two builds are timed on the same bytes.
//! Prints one line per run (loading both collections, then the checks) and the fastest and
//! median wall-clock times of the whole audit and of the loading alone.
//!
//! With a third argument `parse`, times instead the adapter alone on one thread: the first 100
//! pages of `day-1` (250,000 ads), held in memory, read with `adapters::parse_file` — the JSON
//! scan, the member lookups and the field builder, without disk, interning or rayon (wall-clock
//! time of a loaded machine is too noisy to see a 2 % change in the whole audit).

use std::path::PathBuf;
use std::time::Instant;

use disinfo_ads::adapters::{FileContext, Format, Requested, parse_file};
use disinfo_ads::collection::{LoadOptions, load_dir, read_meta};
use disinfo_ads::model::Interner;
use disinfo_ads::{AuditOptions, audit, synthetic};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/ads-bench".into()));
    let runs: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(5);
    let days = [dir.join("day-1"), dir.join("day-2")];
    if !days.iter().all(|d| d.join("collection.json").is_file()) {
        let started = Instant::now();
        synthetic::generate("bench", &dir, 2019, Some(2), Some(1_000_000))?;
        eprintln!("generated in {:.1} s", started.elapsed().as_secs_f64());
    }
    if args.next().as_deref() == Some("parse") {
        return time_parse(&days[0], runs);
    }
    let options = AuditOptions {
        evidence_limit: 100,
        ..AuditOptions::default()
    };
    let mut totals = Vec::with_capacity(runs);
    let mut loads = Vec::with_capacity(runs);
    for run in 0..runs.max(1) {
        let started = Instant::now();
        let mut interner = Interner::new();
        let load = LoadOptions {
            strict: options.strict,
            ..Default::default()
        };
        let colls = days
            .iter()
            .map(|d| load_dir(d, None, &load, &mut interner, None))
            .collect::<Result<Vec<_>, _>>()?;
        let loaded = started.elapsed().as_secs_f64();
        let report = audit(&colls, &mut interner, &options)?;
        let total = started.elapsed().as_secs_f64();
        println!(
            "run {run}: load {loaded:.3} s, audit {total:.3} s ({} + {} ads, {} disappeared)",
            report.collections[0].unique_ads,
            report.collections[1].unique_ads,
            report.pairs[0].disappeared.total
        );
        totals.push(total);
        loads.push(loaded);
    }
    for (name, times) in [("load", &mut loads), ("audit", &mut totals)] {
        times.sort_by(f64::total_cmp);
        println!(
            "{name}: fastest {:.3} s, median {:.3} s over {} runs",
            times[0],
            times[times.len() / 2],
            times.len()
        );
    }
    Ok(())
}

/// Times `parse_file` over the first 100 pages of `day`, `runs` times, on this thread.
fn time_parse(day: &std::path::Path, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let meta = read_meta(day)?;
    let requested = Requested::new(&meta.query.fields);
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    for n in 1..=100 {
        let name = format!("page-{n:05}.json");
        pages.push((name.clone(), std::fs::read(day.join(&name))?));
    }
    let mut times = Vec::with_capacity(runs);
    for run in 0..runs.max(1) {
        let started = Instant::now();
        let mut records = 0;
        for (name, bytes) in &pages {
            let ctx = FileContext {
                file: name,
                strict: true,
                requested: &requested,
            };
            records += parse_file(Format::MetaJson, &ctx, bytes)?.records.len();
        }
        let secs = started.elapsed().as_secs_f64();
        println!("run {run}: parse {secs:.3} s ({records} records)");
        times.push(secs);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "parse: fastest {:.3} s, median {:.3} s over {} runs",
        times[0],
        times[times.len() / 2],
        times.len()
    );
    Ok(())
}
