//! Keyword and regex search across collections (rule ADS015), with locators: which ads matched
//! in which collection, and in which collections each matched ad is present — the way the 2019
//! team found removed ads that were illegal under French electoral law. A hit says enough for a
//! person to read it without opening the files: the text around the match and the field it is
//! in, the page or advertiser, the payer, the collection, and where the record is.
//!
//! - [`scan`]: finding the pattern in raw files.
//!
//! ```
//! use disinfo_ads::{search, synthetic};
//! let tmp = tempfile::tempdir()?;
//! let dirs = synthetic::generate("fr2019", tmp.path(), 2019, None, None)?;
//! let dirs: Vec<&std::path::Path> = dirs.iter().map(|d| d.as_path()).collect();
//! let found = search::search_dirs(&dirs, "européennes", &search::SearchOptions::default())?;
//! let hit = &found.hits[0];
//! assert!(hit.excerpt.to_lowercase().contains("européennes"));
//! assert_eq!(hit.field, "/ad_creative_body");
//! assert!(hit.advertiser_name.is_some() && hit.payer.is_some());
//! // Ads that matched on 20 May and are gone on 27 May:
//! assert!(found.ads.iter().any(|a| a.missing_from == ["fr-2019-05-27"]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod scan;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use crate::checks::key_text;
use crate::collection::{self, Collection, LoadOptions};
use crate::error::{Error, Result};
use crate::model::{AdKey, AdRecord, Interner, Locator, Observation, RawSpan, Sym};
use crate::report::KeyText;
use scan::RawMatch;

/// Options of [`search_dirs`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SearchOptions {
    /// The pattern is a regular expression (default: a plain keyword).
    pub regex: bool,
    /// Match regardless of case (default true).
    pub case_insensitive: bool,
    /// Hits listed at most (all are counted). Default 10,000.
    pub max_hits: usize,
    /// Strict loading (default false here: search what can be read, report the rest).
    pub strict: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            regex: false,
            case_insensitive: true,
            max_hits: 10_000,
            strict: false,
        }
    }
}

/// One match, readable on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SearchHit {
    /// The ad.
    pub ad: KeyText,
    /// The collection the record is in.
    pub collection: String,
    /// Where the record is (file plus JSON pointer, JSONL line or CSV row); `field` below says
    /// where in it.
    pub locator: Locator,
    /// SHA-256 of the raw record (hex).
    pub raw_hash: String,
    /// JSON pointer inside the record (`/ad_creative_body`) or the CSV column name.
    pub field: String,
    /// The text around the match, on one line, `…` where it was cut.
    pub excerpt: String,
    /// The page or advertiser id, as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advertiser_id: Option<String>,
    /// The page or advertiser name, as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advertiser_name: Option<String>,
    /// Who paid (Meta `bylines` or `funding_entity`, "paid for by"), as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<String>,
}

/// Per matched ad: who ran it, where it matched and where it is present at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MatchedAd {
    /// The ad.
    pub ad: KeyText,
    /// The page or advertiser name where it first matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advertiser_name: Option<String>,
    /// Who paid, where it first matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<String>,
    /// The text around its first match.
    pub excerpt: String,
    /// Collections in which it matched.
    pub matched_in: Vec<String>,
    /// Collections in which the ad is present.
    pub present_in: Vec<String>,
    /// Collections (after the first match) from which it is missing.
    pub missing_from: Vec<String>,
}

/// The result of a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SearchResult {
    /// The pattern.
    pub pattern: String,
    /// All matches (counted).
    pub total_hits: u64,
    /// Matches listed, in collection and file order.
    pub hits: Vec<SearchHit>,
    /// Matches not listed (over `max_hits`).
    pub hits_omitted: u64,
    /// Matched ads, sorted by id.
    pub ads: Vec<MatchedAd>,
}

fn compile(pattern: &str, options: &SearchOptions) -> Result<Regex> {
    if pattern.is_empty() {
        return Err(Error::arg("pattern", "the pattern is empty"));
    }
    let source = if options.regex {
        pattern.to_owned()
    } else {
        regex::escape(pattern)
    };
    RegexBuilder::new(&source)
        .case_insensitive(options.case_insensitive)
        .size_limit(10 << 20)
        .build()
        .map_err(|e| Error::InvalidPattern {
            pattern: pattern.to_owned(),
            message: e.to_string(),
        })
}

/// Where each record of `c` is: (file, record number) -> its position in `ads` (a later
/// observation of a duplicated key points to the first).
fn positions(c: &Collection) -> HashMap<(u32, u32), usize> {
    let mut at = HashMap::with_capacity(c.ads.len() + c.duplicates.len());
    for (pos, ad) in c.ads.iter().enumerate() {
        at.insert((ad.obs.file, ad.obs.index), pos);
    }
    for (first, obs) in &c.duplicates {
        at.insert((obs.file, obs.index), *first as usize);
    }
    at
}

/// The observation read at (file, record number): the record's own, or a duplicate's.
fn observation(c: &Collection, ad: &AdRecord, file: u32, index: u32) -> Observation {
    if (ad.obs.file, ad.obs.index) == (file, index) {
        return ad.obs;
    }
    c.duplicates
        .iter()
        .find(|(_, o)| (o.file, o.index) == (file, index))
        .map_or(
            Observation {
                file,
                index,
                raw: RawSpan::default(),
            },
            |(_, o)| *o,
        )
}

/// A hit from a match in record `obs` of ad `ad`.
fn hit(
    c: &Collection,
    ad: &AdRecord,
    obs: &Observation,
    interner: &Interner,
    m: RawMatch,
) -> SearchHit {
    let text = |s: Option<Sym>| interner.opt(s).map(str::to_owned);
    SearchHit {
        ad: key_text(interner, &ad.key),
        collection: c.meta.id.clone(),
        locator: c.locator(obs),
        raw_hash: c.raw_hash(obs).map(hex::encode).unwrap_or_default(),
        field: m.field,
        excerpt: m.excerpt,
        advertiser_id: text(ad.advertiser_id),
        advertiser_name: text(ad.advertiser_name),
        payer: text(ad.payer),
    }
}

/// The bytes of a file as loaded.
fn file_bytes(src: &collection::FileSource) -> Result<Cow<'_, [u8]>> {
    Ok(match src {
        collection::FileSource::Bytes(b) => Cow::Borrowed(b.as_slice()),
        collection::FileSource::Path(p) => {
            Cow::Owned(std::fs::read(p).map_err(|e| Error::io("read", p.display(), e))?)
        }
    })
}

/// A matched ad as first seen, before the collections it is in are known.
struct FirstMatch {
    key: AdKey,
    advertiser_name: Option<String>,
    payer: Option<String>,
    excerpt: String,
    matched_in: Vec<String>,
}

/// Matches found so far: the result being built and each matched ad's first match.
struct Found {
    result: SearchResult,
    matched: BTreeMap<KeyText, FirstMatch>,
}

impl Found {
    /// Counts a match; lists it while under `max_hits`.
    fn add(&mut self, h: SearchHit, key: AdKey, max_hits: usize) {
        self.result.total_hits += 1;
        let first = self
            .matched
            .entry(h.ad.clone())
            .or_insert_with(|| FirstMatch {
                key,
                advertiser_name: h.advertiser_name.clone(),
                payer: h.payer.clone(),
                excerpt: h.excerpt.clone(),
                matched_in: Vec::new(),
            });
        if first.matched_in.last() != Some(&h.collection) {
            first.matched_in.push(h.collection.clone());
        }
        if self.result.hits.len() < max_hits {
            self.result.hits.push(h);
        } else {
            self.result.hits_omitted += 1;
        }
    }
}

/// Searches one collection's files.
fn search_collection(
    c: &Collection,
    srcs: &[(String, collection::FileSource)],
    interner: &Interner,
    re: &Regex,
    options: &SearchOptions,
    found: &mut Found,
) -> Result<()> {
    let at = positions(c);
    for (fi, (name, src)) in srcs.iter().enumerate() {
        let Some(info) = c.files.get(fi) else {
            continue;
        };
        let bytes = file_bytes(src)?;
        let fi = u32::try_from(fi).unwrap_or(u32::MAX);
        for m in scan::scan_file(info.format, name, &bytes, re, !options.regex) {
            let Some(ad) = at.get(&(fi, m.index)).and_then(|&pos| c.ads.get(pos)) else {
                continue;
            };
            let obs = observation(c, ad, fi, m.index);
            found.add(hit(c, ad, &obs, interner, m), ad.key, options.max_hits);
        }
    }
    Ok(())
}

/// Each matched ad with the collections it is present in and, from its first match on,
/// missing from.
fn matched_ads(colls: &[Collection], matched: BTreeMap<KeyText, FirstMatch>) -> Vec<MatchedAd> {
    matched
        .into_iter()
        .map(|(ad, m)| {
            let present_in = colls
                .iter()
                .filter(|c| c.index.contains_key(&m.key))
                .map(|c| c.meta.id.clone())
                .collect();
            let first = colls
                .iter()
                .position(|c| m.matched_in.first() == Some(&c.meta.id))
                .unwrap_or(0);
            let missing_from = colls[first..]
                .iter()
                .filter(|c| !c.index.contains_key(&m.key))
                .map(|c| c.meta.id.clone())
                .collect();
            MatchedAd {
                ad,
                advertiser_name: m.advertiser_name,
                payer: m.payer,
                excerpt: m.excerpt,
                matched_in: m.matched_in,
                present_in,
                missing_from,
            }
        })
        .collect()
}

/// Searches loaded collections; `files[i]` are the raw files of `colls[i]` (relative name,
/// bytes source), as loaded.
pub fn search(
    colls: &[Collection],
    files: &[Vec<(String, collection::FileSource)>],
    interner: &Interner,
    pattern: &str,
    options: &SearchOptions,
) -> Result<SearchResult> {
    let re = compile(pattern, options)?;
    let mut found = Found {
        result: SearchResult {
            pattern: pattern.to_owned(),
            total_hits: 0,
            hits: Vec::new(),
            hits_omitted: 0,
            ads: Vec::new(),
        },
        matched: BTreeMap::new(),
    };
    for (c, srcs) in colls.iter().zip(files) {
        search_collection(c, srcs, interner, &re, options, &mut found)?;
    }
    found.result.ads = matched_ads(colls, found.matched);
    Ok(found.result)
}

/// Loads collection folders and searches them.
pub fn search_dirs(dirs: &[&Path], pattern: &str, options: &SearchOptions) -> Result<SearchResult> {
    if dirs.is_empty() {
        return Err(Error::arg(
            "collections",
            "give at least one collection folder",
        ));
    }
    compile(pattern, options)?;
    let mut interner = Interner::new();
    let load = LoadOptions {
        strict: options.strict,
        ..Default::default()
    };
    let mut colls = Vec::new();
    let mut files = Vec::new();
    for dir in dirs {
        let c = collection::load_dir(dir, None, &load, &mut interner, None)?;
        let srcs = c
            .files
            .iter()
            .map(|f| {
                (
                    f.path.clone(),
                    collection::FileSource::Path(dir.join(&f.path)),
                )
            })
            .collect();
        files.push(srcs);
        colls.push(c);
    }
    search(&colls, &files, &interner, pattern, options)
}
