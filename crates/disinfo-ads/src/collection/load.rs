//! The collection loader.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::KeyIndex;
// Re-exported: `collection::load::FileSource` was its path before it moved to its own module.
pub use super::source::FileSource;
use super::source::with_bytes;
use super::store::{Collection, FileInfo, Rejected};
use crate::adapters::{self, FileContext, FileOutput, Format, ParsedAd, Requested, values};
use crate::error::{Error, Result};
use crate::model::{AdKey, AdRecord, CollectionMeta, Interner, Observation, Sym};

/// Options of [`load_collection`].
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Strict mode: the first unreadable record or file is an error. Lenient (the default
    /// here, strict is the default of the front ends' `audit`): it goes to `rejected`.
    pub strict: bool,
    /// Keep only the ads of this shard (every file is still read, checked and counted).
    pub shard: Option<Shard>,
}

/// One of `count` shards of an audit split by ad key: the ads whose native id hashes to
/// `index` (ids, not keys: the same id under two scopes stays in one shard, so re-attribution
/// is seen). The hash (64-bit FNV-1a of the id's UTF-8 bytes) is the same in every process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, below `count`.
    pub index: u32,
    /// Number of shards, at least 1.
    pub count: u32,
}

impl Shard {
    /// True when the ad with native id `id` belongs to this shard.
    pub fn owns(&self, id: &str) -> bool {
        let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        hash % u64::from(self.count.max(1)) == u64::from(self.index)
    }
}

/// Progress of a long load, passed to the caller's callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Files done so far in this collection.
    pub files_done: usize,
    /// Files in this collection.
    pub files_total: usize,
    /// Bytes read so far in this collection.
    pub bytes_done: u64,
}

/// Reads and checks `collection.json` in `dir`.
pub fn read_meta(dir: &Path) -> Result<CollectionMeta> {
    let path = dir.join("collection.json");
    let text = std::fs::read_to_string(&path).map_err(|e| Error::InvalidCollection {
        path: dir.display().to_string(),
        message: format!(
            "cannot read collection.json ({e}); write one with id, platform and collected_at, or pass the metadata explicitly"
        ),
    })?;
    serde_json::from_str(&text).map_err(|e| Error::InvalidCollection {
        path: path.display().to_string(),
        message: format!("line {} column {}: {e}", e.line(), e.column()),
    })
}

fn skip_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower == "collection.json"
        || name.starts_with('.')
        || lower.starts_with("readme")
        || lower.ends_with(".md")
        || lower.ends_with(".txt")
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("list", dir.display(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("list", dir.display(), e))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if skip_file(&name) {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, out)?;
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path));
        }
    }
    Ok(())
}

/// Loads the collection in folder `dir` (its `collection.json`, or `meta` if given).
pub fn load_dir(
    dir: &Path,
    meta: Option<CollectionMeta>,
    options: &LoadOptions,
    interner: &mut Interner,
    progress: Option<&(dyn Fn(Progress) + Sync)>,
) -> Result<Collection> {
    if !dir.is_dir() {
        return Err(Error::InvalidCollection {
            path: dir.display().to_string(),
            message: "not a folder".into(),
        });
    }
    let meta = match meta {
        Some(m) => m,
        None => read_meta(dir)?,
    };
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    files.sort();
    let files = files
        .into_iter()
        .map(|(rel, p)| (rel, FileSource::Path(p)))
        .collect();
    load_collection(meta, files, options, interner, progress)
}

/// Loads a collection from named files (relative names, read in the given order). The
/// collection keeps the sources: cited records are hashed from bytes read back from them (files
/// on disk must not change until the audit is done; bytes given in memory stay with it).
pub fn load_collection(
    meta: CollectionMeta,
    files: Vec<(String, FileSource)>,
    options: &LoadOptions,
    interner: &mut Interner,
    progress: Option<&(dyn Fn(Progress) + Sync)>,
) -> Result<Collection> {
    let collected_at =
        values::parse_time(&meta.collected_at).map_err(|m| Error::InvalidCollection {
            path: meta.id.clone(),
            message: format!(
                "`collected_at`: {m}; write an RFC 3339 time such as 2019-05-20T06:00:00Z"
            ),
        })?;
    if meta.id.trim().is_empty() {
        return Err(Error::InvalidCollection {
            path: meta.id.clone(),
            message: "`id` is empty".into(),
        });
    }
    let forced = meta.format.as_deref().map(Format::from_name).transpose()?;
    let mut formats = Vec::with_capacity(files.len());
    for (name, _) in &files {
        let f = forced.or_else(|| Format::detect(&meta.platform, name)).ok_or_else(|| {
            Error::InvalidCollection {
                path: format!("{}/{name}", meta.id),
                message: format!(
                    "no adapter for a `{}` file named `{name}`; set `format` in collection.json to one of {}",
                    meta.platform,
                    Format::NAMES.join(", ")
                ),
            }
        })?;
        formats.push(f);
    }
    let requested = Requested::new(&meta.query.fields);
    let mut coll = Collection {
        collected_at,
        files: Vec::with_capacity(files.len()),
        ads: Vec::new(),
        index: KeyIndex::new(),
        duplicates: Vec::new(),
        rejected: Vec::new(),
        issues: Vec::new(),
        notes: Vec::new(),
        read: 0,
        sources: Vec::new(),
        meta,
    };
    let total = files.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let bytes_done = std::sync::atomic::AtomicU64::new(0);
    // Chunks bound the memory of parsed-but-not-merged records; order is kept.
    let chunk = rayon::current_num_threads().max(1) * 4;
    let items: Vec<_> = files.iter().zip(formats).collect();
    let parse_one = |((name, src), format): &(&(String, FileSource), Format)| -> Result<(FileInfo, FileOutput)> {
        let modified = match src {
            FileSource::Path(p) => std::fs::metadata(p).and_then(|m| m.modified()).ok(),
            FileSource::Bytes(_) => None,
        };
        let ctx = FileContext {
            file: name,
            strict: options.strict,
            requested: &requested,
        };
        let (out, sha256, bytes) = with_bytes(name, src, |bytes| {
            let out = adapters::parse_file(*format, &ctx, bytes)?;
            Ok((out, values::sha256(bytes), bytes.len() as u64))
        })?;
        let info = FileInfo {
            path: name.clone(),
            sha256: hex::encode(sha256),
            bytes,
            format: *format,
            read: out.read,
            accepted: out.records.len() as u64,
            rejected: out.rejected.len() as u64,
            layout: out.layout,
            modified,
        };
        let d = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let b = bytes_done.fetch_add(info.bytes, std::sync::atomic::Ordering::Relaxed) + info.bytes;
        if let Some(cb) = progress {
            cb(Progress {
                files_done: d,
                files_total: total,
                bytes_done: b,
            });
        }
        Ok((info, out))
    };
    // The merge of one chunk (sequential: interning, index) runs while the next chunk is parsed.
    let mut pending: Option<Vec<Result<(FileInfo, FileOutput)>>> = None;
    let total_bytes: u64 = files.iter().map(|(_, src)| src.len()).sum();
    let merge_all = |pending: Option<Vec<Result<(FileInfo, FileOutput)>>>,
                     coll: &mut Collection,
                     interner: &mut Interner|
     -> Result<()> {
        let pending = pending.unwrap_or_default();
        if coll.files.is_empty() {
            reserve_for(&pending, total_bytes, coll);
        }
        for r in pending {
            let (info, out) = r?;
            merge(coll, info, out, interner, options.shard);
        }
        Ok(())
    };
    for part in items.chunks(chunk) {
        let previous = pending.take();
        let (merged, parsed) = rayon::join(
            || merge_all(previous, &mut coll, interner),
            || part.par_iter().map(parse_one).collect::<Vec<_>>(),
        );
        merged?;
        pending = Some(parsed);
    }
    merge_all(pending, &mut coll, interner)?;
    coll.index.finish();
    coll.sources = files.into_iter().map(|(_, src)| src).collect();
    Ok(coll)
}

/// Makes room in the collection's tables for the records the whole collection will hold, estimated from the first parsed files (tables grown step by step rehash and move
/// everything several times).
fn reserve_for(first: &[Result<(FileInfo, FileOutput)>], total_bytes: u64, coll: &mut Collection) {
    let (records, bytes) = first
        .iter()
        .flatten()
        .fold((0u64, 0u64), |(r, b), (info, out)| {
            (r + out.records.len() as u64, b + info.bytes)
        });
    if records == 0 || bytes == 0 {
        return;
    }
    let estimate = u128::from(records) * u128::from(total_bytes) / u128::from(bytes);
    // Whatever the first files say (small records first, large ones later), the room reserved for
    // records never exceeds the size of the files.
    let bound = u128::from(total_bytes) / std::mem::size_of::<AdRecord>() as u128;
    let estimate = usize::try_from(estimate.min(bound)).unwrap_or(0);
    coll.ads.reserve(estimate);
    coll.index.reserve(estimate);
}

fn sym(interner: &mut Interner, s: Option<String>) -> Option<Sym> {
    s.map(|s| interner.intern(&s))
}

fn syms(interner: &mut Interner, v: Vec<String>) -> Box<[Sym]> {
    let mut out: Vec<Sym> = v.iter().map(|s| interner.intern(s)).collect();
    out.sort_by(|a, b| interner.resolve(*a).cmp(interner.resolve(*b)));
    out.dedup();
    out.into_boxed_slice()
}

fn merge(
    coll: &mut Collection,
    info: FileInfo,
    out: FileOutput,
    interner: &mut Interner,
    shard: Option<Shard>,
) {
    let file = u32::try_from(coll.files.len()).unwrap_or(u32::MAX);
    coll.read += out.read;
    coll.files.push(info);
    for r in &out.rejected {
        let locator = coll.position_locator(file, &r.position);
        coll.rejected.push(Rejected {
            locator,
            code: r.code.to_owned(),
            message: r.message.clone(),
            raw_hash: r.raw_hash.map(hex::encode),
        });
    }
    for n in out.notes {
        coll.notes.push((file, n));
    }
    for rec in out.records {
        if shard.is_some_and(|s| !s.owns(&rec.ad.id)) {
            continue;
        }
        let ParsedAd {
            id,
            scope,
            states,
            advertiser_id,
            advertiser_name,
            payer,
            beneficiary,
            currency,
            created,
            first_shown,
            last_shown,
            spend,
            impressions,
            audience,
            reach_total,
            ads_count,
            countries,
            excluded_countries,
            content_hash,
            removed,
            removal_reason,
            demographic_share_sum,
            region_share_sum,
            country_reach_sum,
            issues,
        } = rec.ad;
        let key = AdKey {
            id: interner.intern(&id),
            scope: sym(interner, scope),
        };
        let obs = Observation {
            file,
            index: rec.index,
            raw: rec.raw,
        };
        let pos = u32::try_from(coll.ads.len()).unwrap_or(u32::MAX);
        if let Err(first) = coll.index.insert_first(key, pos) {
            coll.duplicates.push((first, obs));
            continue;
        }
        for i in issues {
            coll.issues.push((pos, i));
        }
        coll.ads.push(AdRecord {
            key,
            obs,
            states,
            advertiser_id: sym(interner, advertiser_id),
            advertiser_name: sym(interner, advertiser_name),
            payer: sym(interner, payer),
            beneficiary: sym(interner, beneficiary),
            currency: sym(interner, currency),
            created,
            first_shown,
            last_shown,
            spend,
            impressions,
            audience,
            reach_total,
            ads_count,
            countries: syms(interner, countries),
            excluded_countries: syms(interner, excluded_countries),
            content_hash,
            removed,
            removal_reason: sym(interner, removal_reason),
            demographic_share_sum,
            region_share_sum,
            country_reach_sum,
        });
    }
}
