//! Benchmark driver for `./x bench coordinate` (see `benches/coordinate/run`).
//!
//! - `coordinate_bench synthetic N KIND WINDOW`: generates N synthetic posts (seeded) in
//!   parallel chunks and streams them into the network builder; prints timings as JSON.
//! - `coordinate_bench write-csv N PATH`: writes the same posts as the QUT toolkit's CSV.
//! - `coordinate_bench csv PATH KIND WINDOW [EDGES_OUT]`: reads a QUT CSV and builds the
//!   network (the same input the toolkit gets) through `coordinate::run::from_paths`.

use std::io::Write;
use std::time::Instant;

use disinfo_bots::adapters::{InputFormat, ReadOptions};
use disinfo_bots::coordinate::{CoordinateOptions, CoordinationKind, Coordinator};
use disinfo_bots::synthetic::{SyntheticConfig, generate_accounts, posts_for_account};
use disinfo_bots::{Post, PostKind};
use rayon::prelude::*;

fn config(n_posts: usize) -> SyntheticConfig {
    let organic = (n_posts / 10).max(100);
    SyntheticConfig {
        organic,
        dormant_bots: organic / 100,
        amplifiers: organic / 200,
        coordinated_groups: (organic / 20_000).max(5),
        ..SyntheticConfig::default()
    }
}

/// Streams the synthetic posts, chunk by chunk, to `sink`; stops after `limit` posts.
fn for_each_post(n_posts: usize, mut sink: impl FnMut(&Post)) {
    let cfg = config(n_posts);
    let (accounts, planted) = generate_accounts(&cfg).expect("config");
    let mut sent = 0usize;
    for start in (0..accounts.len()).step_by(20_000) {
        let end = (start + 20_000).min(accounts.len());
        let chunk: Vec<Vec<Post>> = (start..end)
            .into_par_iter()
            .map(|i| posts_for_account(&cfg, i, &accounts[i], planted[i]))
            .collect();
        for p in chunk.iter().flatten() {
            if sent == n_posts {
                return;
            }
            sink(p);
            sent += 1;
        }
    }
}

fn options(kind: &str, window: &str) -> CoordinateOptions {
    let kind = CoordinationKind::parse(kind).expect("kind");
    CoordinateOptions::new(kind, window.parse().expect("window seconds"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let started = Instant::now();
    match args.get(1).map(String::as_str) {
        Some("synthetic") => {
            let n: usize = args[2].parse().expect("N");
            let mut c = Coordinator::new(&options(&args[3], &args[4])).expect("options");
            for_each_post(n, |p| c.push(p).expect("push"));
            let ingest = started.elapsed().as_secs_f64();
            let net = c.finish(&[]);
            let total = started.elapsed().as_secs_f64();
            println!(
                "{{\"posts\":{},\"trace_posts\":{},\"nodes\":{},\"edges\":{},\"generate_and_ingest_s\":{ingest:.2},\"network_s\":{:.2},\"total_s\":{total:.2}}}",
                net.posts,
                net.trace_posts,
                net.nodes.len(),
                net.edges.len(),
                total - ingest
            );
        }
        Some("write-csv") => {
            let n: usize = args[2].parse().expect("N");
            let file = std::fs::File::create(&args[3]).expect("create");
            let mut w = csv::Writer::from_writer(std::io::BufWriter::new(file));
            w.write_record([
                "message_id",
                "user_id",
                "username",
                "repost_id",
                "reply_id",
                "message",
                "timestamp",
                "urls",
            ])
            .expect("w");
            for_each_post(n, |p| {
                let repost = if p.kind == PostKind::Repost {
                    p.reposted_id.clone().unwrap_or_default()
                } else {
                    String::new()
                };
                let reply = p.replied_to_id.clone().unwrap_or_default();
                let ts = p.created_at.timestamp().to_string();
                let text = if p.text.is_empty() {
                    "RT".to_string()
                } else {
                    p.text.clone()
                };
                w.write_record([
                    &p.id,
                    &p.account_id,
                    &p.account_id,
                    &repost,
                    &reply,
                    &text,
                    &ts,
                    &p.urls.join(" "),
                ])
                .expect("w");
            });
            w.flush().expect("flush");
        }
        Some("csv") => {
            // The path the CLI and the bindings take: rows stream into the builder.
            let result = disinfo_bots::coordinate::run::from_paths(
                &[std::path::PathBuf::from(&args[2])],
                &ReadOptions::new(InputFormat::QutCsv),
                &options(&args[3], &args[4]),
                None,
            )
            .expect("net");
            let net = result.network;
            let total = started.elapsed().as_secs_f64();
            let mut edges: Vec<(String, String, u64)> = net
                .edges
                .into_iter()
                .map(|e| (e.source, e.target, e.weight))
                .collect();
            edges.sort();
            if let Some(out) = args.get(5) {
                let mut f = std::io::BufWriter::new(std::fs::File::create(out).expect("out"));
                for (a, b, w) in &edges {
                    writeln!(f, "{a},{b},{w}").expect("w");
                }
            }
            println!(
                "{{\"posts\":{},\"edges\":{},\"total_s\":{total:.2}}}",
                result.read.records_accepted,
                edges.len()
            );
        }
        _ => eprintln!(
            "usage: coordinate_bench synthetic N KIND WINDOW | write-csv N PATH | csv PATH KIND WINDOW [EDGES_OUT]"
        ),
    }
}
