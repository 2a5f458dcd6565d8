//! Driver of `./x bench features` (see `benches/features/run`): generates the synthetic data set,
//! times our profile and behaviour features, and writes the same data as CSV for the pandas peer.
//!
//! Usage: `bench_features OUT_DIR [ACCOUNTS] [POSTS_PER_ACCOUNT]`. Prints one JSON line of
//! timings; writes `accounts.csv`, `posts.csv` and `ours_sample.json` (the first 2,000 rows of
//! our matrix) into OUT_DIR.

use std::collections::hash_map::DefaultHasher;
use std::error::Error;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, Write};
use std::time::Instant;

use disinfo_bots::features::{FeatureOptions, compute, profile_features};
use disinfo_bots::model::PostKind;
use disinfo_bots::synthetic::{SyntheticConfig, generate};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let out = args
        .get(1)
        .ok_or("usage: bench_features OUT_DIR [ACCOUNTS] [POSTS_PER_ACCOUNT]")?;
    let accounts: usize = args.get(2).map_or(Ok(1_000_000), |s| s.parse())?;
    let per_account: f64 = args.get(3).map_or(Ok(10.2), |s| s.parse())?;
    let dormant = accounts / 20;
    let amplifiers = accounts / 50;
    let groups = accounts / 1000;
    let config = SyntheticConfig {
        seed: 2019,
        organic: accounts - dormant - amplifiers - groups * 10,
        dormant_bots: dormant,
        amplifiers,
        coordinated_groups: groups,
        group_size: 10,
        posts_per_account: per_account,
        ..SyntheticConfig::default()
    };
    let t = Instant::now();
    let data = generate(&config)?;
    let generate_s = t.elapsed().as_secs_f64();

    // Profile features only (the 1M-account target), best of 3.
    let mut profile_s = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        let m = profile_features(&data.accounts)?;
        profile_s = profile_s.min(t.elapsed().as_secs_f64());
        std::hint::black_box(m);
    }
    // Profile + behaviour over every post.
    let t = Instant::now();
    let full = compute(&data.accounts, &data.posts, &FeatureOptions::default())?;
    let behaviour_s = t.elapsed().as_secs_f64();

    write_csv(out, &data)?;
    let sample: Vec<serde_json::Value> = (0..full.len().min(2000))
        .map(|i| {
            let row: Vec<Option<f64>> = full
                .values
                .row(i)
                .iter()
                .map(|v| v.is_finite().then_some(*v))
                .collect();
            serde_json::json!({"account_id": full.account_ids[i], "values": row})
        })
        .collect();
    serde_json::to_writer(
        BufWriter::new(File::create(format!("{out}/ours_sample.json"))?),
        &serde_json::json!({"columns": full.columns, "rows": sample}),
    )?;
    println!(
        "{}",
        serde_json::json!({
            "accounts": data.accounts.len(),
            "posts": data.posts.len(),
            "generate_s": generate_s,
            "profile_s": profile_s,
            "profile_and_behaviour_s": behaviour_s,
            "threads": rayon::current_num_threads(),
        })
    );
    Ok(())
}

fn normalised_hash(text: &str) -> u64 {
    let norm = text
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ");
    let mut h = DefaultHasher::new();
    norm.hash(&mut h);
    h.finish() >> 1
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The same data for pandas. Texts go as a hash of the normalised text (pandas gets that work
/// done for free), entity lists as counts.
fn write_csv(
    out: &str,
    data: &disinfo_bots::synthetic::SyntheticData,
) -> Result<(), Box<dyn Error>> {
    let mut w = BufWriter::with_capacity(1 << 20, File::create(format!("{out}/accounts.csv"))?);
    writeln!(
        w,
        "account_id,handle,display_name,description,created_s,observed_s,posts,followers,following,likes_given,listed,default_profile,profile_use_background_image,verified"
    )?;
    let flag = |b: Option<bool>| {
        b.map(|b| if b { "1" } else { "0" }.to_string())
            .unwrap_or_default()
    };
    for a in &data.accounts {
        writeln!(
            w,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            a.id,
            a.handle,
            a.display_name,
            a.description,
            opt(a.created_at.map(|t| t.timestamp_millis() as f64 / 1000.0)),
            a.observed_at.timestamp_millis() as f64 / 1000.0,
            opt(a.posts),
            opt(a.followers),
            opt(a.following),
            opt(a.likes_given),
            opt(a.listed),
            flag(a.default_profile),
            flag(a.profile_use_background_image),
            flag(a.verified),
        )?;
    }
    w.flush()?;
    let mut w = BufWriter::with_capacity(1 << 20, File::create(format!("{out}/posts.csv"))?);
    writeln!(
        w,
        "account_id,t,kind,n_urls,n_hashtags,n_mentions,text_hash,client,source"
    )?;
    for p in &data.posts {
        let kind = match p.kind {
            PostKind::Original => 0,
            PostKind::Reply => 1,
            PostKind::Repost => 2,
            PostKind::Quote => 3,
        };
        let text = if p.kind != PostKind::Repost && !p.text.trim().is_empty() {
            normalised_hash(&p.text).to_string()
        } else {
            String::new()
        };
        writeln!(
            w,
            "{},{},{},{},{},{},{},{},{}",
            p.account_id,
            p.created_at.timestamp(),
            kind,
            p.urls.len(),
            p.hashtags.len(),
            p.mentions.len(),
            text,
            p.client.as_deref().unwrap_or_default(),
            p.reposted_account_id
                .as_deref()
                .filter(|_| p.kind == PostKind::Repost)
                .unwrap_or_default(),
        )?;
    }
    w.flush()?;
    Ok(())
}
