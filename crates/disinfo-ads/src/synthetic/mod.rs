//! Seeded generators of Meta `ads_archive` v3.3 dumps (paged responses of 2,500 ads, as
//! collected in 2019), for the acceptance case and the benchmark.
//!
//! - [`fr2019`]: the French case of May 2019 rebuilt: 13,550 ads on 20 May, 9,288 on 27 May,
//!   8,593 in common (4,957 disappeared, 695 added). The figures are the public team's; the ads
//!   themselves are synthetic.
//! - [`write_bench`]: N daily collections of M ads with churn and flapping, written to disk
//!   streaming (the 7 × 1,000,000 benchmark).
//! - [`text`]: the pages, funding associations and ad bodies (French European-election ads).
//!
//! Same seed, same bytes.

pub mod text;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{CollectionMeta, DeclaredTotals, Query, SourceKind, Termination};

/// Ads per page, as requested with `limit=2500`.
pub const PAGE_SIZE: usize = 2500;

/// The fields requested in the 2019 dumps (v3.3 names).
pub const FIELDS_2019: &[&str] = &[
    "id",
    "page_id",
    "page_name",
    "funding_entity",
    "ad_creative_body",
    "ad_creative_link_caption",
    "ad_creation_time",
    "ad_delivery_start_time",
    "ad_delivery_stop_time",
    "ad_snapshot_url",
    "currency",
    "spend",
    "impressions",
    "demographic_distribution",
    "region_distribution",
];

/// One generated collection, in memory.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SyntheticCollection {
    /// Its metadata (`collection.json`).
    pub meta: CollectionMeta,
    /// Files (relative name, bytes).
    #[serde(skip)]
    pub files: Vec<(String, Vec<u8>)>,
}

/// A generated set of collections.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SyntheticSet {
    /// Scenario name.
    pub scenario: String,
    /// The seed.
    pub seed: u64,
    /// Collections, oldest first.
    pub collections: Vec<SyntheticCollection>,
}

/// A deterministic, collision-free 15-digit ad id for ad number `n`.
pub fn ad_id(n: u64) -> u64 {
    // Multiplication by a number coprime with 10^14 is a permutation of 0..10^14.
    200_000_000_000_000 + (n.wrapping_mul(2_654_435_761) % 100_000_000_000_000)
}

fn mix(seed: u64, n: u64) -> u64 {
    let mut z = seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn meta_time(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%S+0000").to_string())
        .unwrap_or_default()
}

fn json_str(out: &mut String, s: &str) {
    // serde_json escapes exactly as the Graph API does for our character set.
    out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()));
}

/// Writes one v3.3 ad. Everything but the cumulative figures derives from (seed, n), so an ad is
/// the same in every collection; spend and impressions grow with `day`.
fn write_ad(
    out: &mut String,
    seed: u64,
    n: u64,
    day: u32,
    pages: u64,
    start_floor: i64,
    start_span: i64,
) {
    let h = mix(seed, n);
    let page = h % pages;
    let start = start_floor + (h >> 20) as i64 % start_span.max(1);
    let running = !(h >> 7).is_multiple_of(3);
    let spend_lo = [0u64, 100, 500, 1000, 5000][((h >> 23) % 5) as usize]
        + u64::from(day) * 100 * ((h >> 29) % 2);
    let imp_lo = [0u64, 1000, 5000, 10000, 50000][((h >> 31) % 5) as usize] + u64::from(day) * 1000;
    let _ = write!(
        out,
        "{{\"id\":\"{}\",\"page_id\":\"{}\",\"page_name\":",
        ad_id(n),
        100_000_000_000 + page * 7
    );
    json_str(out, &text::page_name(page));
    out.push_str(",\"funding_entity\":");
    json_str(out, &text::funding_entity(page % (pages / 2).max(1)));
    out.push_str(",\"ad_creative_body\":");
    json_str(out, &text::body(page, h));
    let _ = write!(
        out,
        ",\"ad_creative_link_caption\":\"example.fr\",\"ad_creation_time\":\"{}\",\"ad_delivery_start_time\":\"{}\"",
        meta_time(start - 3600),
        meta_time(start)
    );
    if !running {
        let _ = write!(
            out,
            ",\"ad_delivery_stop_time\":\"{}\"",
            meta_time(start + 86_400 * 3)
        );
    }
    let _ = write!(
        out,
        ",\"ad_snapshot_url\":\"https://www.facebook.com/ads/archive/render_ad/?id={}\",\"currency\":\"EUR\",\"spend\":{{\"lower_bound\":\"{}\",\"upper_bound\":\"{}\"}},\"impressions\":{{\"lower_bound\":\"{}\",\"upper_bound\":\"{}\"}}",
        ad_id(n),
        spend_lo,
        spend_lo + 99,
        imp_lo,
        imp_lo + 999
    );
    out.push_str(",\"demographic_distribution\":[{\"percentage\":\"0.6\",\"age\":\"25-34\",\"gender\":\"female\"},{\"percentage\":\"0.4\",\"age\":\"35-44\",\"gender\":\"male\"}]");
    out.push_str(",\"region_distribution\":[{\"percentage\":\"0.7\",\"region\":\"Île-de-France\"},{\"percentage\":\"0.3\",\"region\":\"Bretagne\"}]}");
}

fn pages_of(
    ids: &[u64],
    seed: u64,
    day: u32,
    advertisers: u64,
    starts: &dyn Fn(u64) -> (i64, i64),
) -> Vec<(String, Vec<u8>)> {
    let n_pages = ids.len().div_ceil(PAGE_SIZE).max(1);
    let mut files = Vec::with_capacity(n_pages);
    for (p, chunk) in ids.chunks(PAGE_SIZE).enumerate() {
        let mut s = String::with_capacity(chunk.len() * 900);
        s.push_str("{\"data\":[");
        for (i, &n) in chunk.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let (f, sp) = starts(n);
            write_ad(&mut s, seed, n, day, advertisers, f, sp);
        }
        let _ = write!(
            s,
            "],\"paging\":{{\"cursors\":{{\"before\":\"c{p}b\",\"after\":\"c{p}a\"}}"
        );
        if p + 1 < n_pages {
            let _ = write!(
                s,
                ",\"next\":\"https://graph.facebook.com/v3.3/ads_archive?limit={PAGE_SIZE}&after=c{p}a\""
            );
        }
        s.push_str("}}");
        files.push((format!("page-{:04}.json", p + 1), s.into_bytes()));
    }
    if ids.is_empty() {
        files.push((
            "page-0001.json".into(),
            b"{\"data\":[],\"paging\":{}}".to_vec(),
        ));
    }
    files
}

fn meta_2019(id: &str, collected_at: &str, declared: u64) -> CollectionMeta {
    CollectionMeta {
        id: id.to_owned(),
        platform: "meta".into(),
        format: Some("meta_json".into()),
        source_kind: SourceKind::Api,
        endpoint: Some("ads_archive".into()),
        api_version: Some("v3.3".into()),
        collected_at: collected_at.to_owned(),
        started_at: None,
        finished_at: None,
        query: Query {
            countries: vec!["FR".into()],
            ad_type: Some("POLITICAL_AND_ISSUE_ADS".into()),
            active_status: Some("ALL".into()),
            fields: FIELDS_2019.iter().map(|s| (*s).to_owned()).collect(),
            page_size: Some(PAGE_SIZE as u64),
            ..Query::default()
        },
        termination: Termination::Complete,
        declared_totals: DeclaredTotals {
            ads: Some(declared),
            ..DeclaredTotals::default()
        },
    }
}

fn ts(s: &str) -> i64 {
    crate::adapters::values::parse_time(s).unwrap_or(0)
}

/// The French case of 20 and 27 May 2019 (13,550 then 9,288 ads, 8,593 in common).
pub fn fr2019(seed: u64) -> SyntheticSet {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let day1: Vec<u64> = (0..13_550).collect();
    let mut kept = day1.clone();
    kept.shuffle(&mut rng);
    kept.truncate(8_593);
    kept.sort_unstable();
    let mut day2 = kept;
    day2.extend(13_550..13_550 + 695);
    let advertisers = 420 + rng.random_range(0..40);
    let old = (ts("2019-04-01T00:00:00Z"), 86_400 * 48);
    let new = (ts("2019-05-20T08:00:00Z"), 86_400 * 6);
    let starts = move |n: u64| if n < 13_550 { old } else { new };
    SyntheticSet {
        scenario: "fr2019".into(),
        seed,
        collections: vec![
            SyntheticCollection {
                meta: meta_2019("fr-2019-05-20", "2019-05-20T06:00:00Z", 13_550),
                files: pages_of(&day1, seed, 0, advertisers, &starts),
            },
            SyntheticCollection {
                meta: meta_2019("fr-2019-05-27", "2019-05-27T06:00:00Z", 9_288),
                files: pages_of(&day2, seed, 7, advertisers, &starts),
            },
        ],
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io("write", path.display(), e))
}

fn write_meta(dir: &Path, meta: &CollectionMeta) -> Result<()> {
    let text = serde_json::to_string_pretty(meta)
        .map_err(|e| Error::io("serialise", "collection.json", std::io::Error::other(e)))?;
    write_file(&dir.join("collection.json"), text.as_bytes())
}

/// Writes a set under `dir` (one folder per collection, plus `synthetic.json` with the seed);
/// returns the collection folders, oldest first.
pub fn write_set(set: &SyntheticSet, dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create directory", dir.display(), e))?;
    let info = serde_json::json!({"scenario": set.scenario, "seed": set.seed,
        "collections": set.collections.iter().map(|c| c.meta.id.clone()).collect::<Vec<_>>()});
    write_file(&dir.join("synthetic.json"), info.to_string().as_bytes())?;
    let mut out = Vec::new();
    for c in &set.collections {
        let d = dir.join(&c.meta.id);
        std::fs::create_dir_all(&d).map_err(|e| Error::io("create directory", d.display(), e))?;
        write_meta(&d, &c.meta)?;
        for (name, bytes) in &c.files {
            write_file(&d.join(name), bytes)?;
        }
        out.push(d);
    }
    Ok(out)
}

/// Writes `days` daily collections of about `ads` ads each under `dir`: each day 3% of the ads
/// disappear (a tenth of them come back two days later) and new ones replace them.
pub fn write_bench(dir: &Path, seed: u64, days: u32, ads: u64) -> Result<Vec<PathBuf>> {
    if days == 0 || ads == 0 {
        return Err(Error::arg("days/ads", "both must be at least 1"));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create directory", dir.display(), e))?;
    let info = serde_json::json!({"scenario": "bench", "seed": seed, "days": days, "ads": ads});
    write_file(&dir.join("synthetic.json"), info.to_string().as_bytes())?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut current: Vec<u64> = (0..ads).collect();
    let mut next_n = ads;
    let mut returning: Vec<(u32, Vec<u64>)> = Vec::new();
    let advertisers = (ads / 100).max(2);
    let base = ts("2019-05-20T06:00:00Z");
    let mut out = Vec::new();
    for day in 0..days {
        if day > 0 {
            let gone = (current.len() as u64 * 3 / 100) as usize;
            current.shuffle(&mut rng);
            let removed: Vec<u64> = current.split_off(current.len() - gone);
            let back: Vec<u64> = removed
                .iter()
                .copied()
                .filter(|n| mix(seed, *n).is_multiple_of(10))
                .collect();
            returning.push((day + 2, back));
            for (_, v) in returning.iter_mut().filter(|(d, _)| *d == day) {
                current.append(v);
            }
            let fresh = ads.saturating_sub(current.len() as u64);
            current.extend(next_n..next_n + fresh);
            next_n += fresh;
            current.sort_unstable();
        }
        let id = format!("day-{}", day + 1);
        let collected_at = crate::adapters::values::format_time(base + i64::from(day) * 86_400);
        let d = dir.join(&id);
        std::fs::create_dir_all(&d).map_err(|e| Error::io("create directory", d.display(), e))?;
        let mut meta = meta_2019(&id, &collected_at, current.len() as u64);
        meta.query.countries = vec!["FR".into()];
        write_meta(&d, &meta)?;
        let old = (ts("2019-04-01T00:00:00Z"), 86_400 * 48);
        let starts = move |n: u64| {
            if n < ads {
                old
            } else {
                (
                    base + 86_400 * (n % u64::from(days.max(1))) as i64 - 86_400,
                    86_400,
                )
            }
        };
        for (p, chunk) in current.chunks(PAGE_SIZE * 20).enumerate() {
            // Generate 20 pages at a time to bound memory.
            for (name, bytes) in pages_of(chunk, seed, day, advertisers, &starts) {
                let page: usize = name
                    .trim_start_matches("page-")
                    .trim_end_matches(".json")
                    .parse()
                    .unwrap_or(1);
                let name = format!("page-{:05}.json", p * 20 + page);
                write_file(&d.join(name), &bytes)?;
            }
        }
        out.push(d);
    }
    Ok(out)
}

/// Generates scenario `fr2019` (two collections) or `bench` (`days` collections of `ads` ads,
/// defaults 7 and 1,000,000) under `dir`; returns the collection folders, oldest first.
pub fn generate(
    scenario: &str,
    dir: &Path,
    seed: u64,
    days: Option<u32>,
    ads: Option<u64>,
) -> Result<Vec<PathBuf>> {
    match scenario {
        "fr2019" => write_set(&fr2019(seed), dir),
        "bench" => write_bench(dir, seed, days.unwrap_or(7), ads.unwrap_or(1_000_000)),
        other => Err(Error::arg(
            "scenario",
            format!("unknown scenario `{other}`; use fr2019 or bench"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fr2019_sizes_and_determinism() {
        let a = fr2019(2019);
        let b = fr2019(2019);
        assert_eq!(a.collections[0].files, b.collections[0].files);
        assert_eq!(a.collections[0].files.len(), 6);
        assert_eq!(a.collections[1].files.len(), 4);
        assert_ne!(fr2019(1).collections[1].files, a.collections[1].files);
    }

    #[test]
    fn ids_are_unique() {
        let ids: std::collections::HashSet<u64> = (0..100_000).map(ad_id).collect();
        assert_eq!(ids.len(), 100_000);
    }
}
