//! Keyword and regex search across collections (DESIGN §5.2 check 15), with locators: which
//! ads matched in which collection, and in which collections each matched ad is present — the
//! way the 2019 team found removed ads that were illegal under French electoral law.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use crate::adapters::{Format, json_stream};
use crate::checks::key_text;
use crate::collection::{self, Collection, LoadOptions};
use crate::error::{Error, Result};
use crate::model::{Interner, Locator};
use crate::report::KeyText;

/// Options of [`search_dirs`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// One match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The ad.
    pub ad: KeyText,
    /// Where the record is; `field` below says where in it.
    pub locator: Locator,
    /// SHA-256 of the raw record (hex).
    pub raw_hash: String,
    /// JSON pointer inside the record (`/ad_creative_body`) or the CSV column name.
    pub field: String,
    /// The text around the match.
    pub excerpt: String,
}

/// Per matched ad: where it matched and where it is present at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchedAd {
    /// The ad.
    pub ad: KeyText,
    /// Collections in which it matched.
    pub matched_in: Vec<String>,
    /// Collections in which the ad is present.
    pub present_in: Vec<String>,
    /// Collections (after the first match) from which it is missing.
    pub missing_from: Vec<String>,
}

/// The result of a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

fn excerpt(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 60).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let mut s = String::new();
    if a > 0 {
        s.push('…');
    }
    s.push_str(&text[a..b]);
    if b < text.len() {
        s.push('…');
    }
    s
}

fn walk(v: &serde_json::Value, pointer: &mut String, re: &Regex, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => {
            if let Some(m) = re.find(s) {
                out.push((pointer.clone(), excerpt(s, m.start(), m.end())));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                walk(x, pointer, re, out);
                pointer.truncate(len);
            }
        }
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                walk(x, pointer, re, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// (file index, record index) -> matches (field, excerpt), for one file.
fn scan_file(format: Format, name: &str, bytes: &[u8], re: &Regex) -> Vec<(u32, String, String)> {
    let mut out = Vec::new();
    let is_csv = matches!(
        format,
        Format::GoogleCsv | Format::MetaReportCsv | Format::SnapchatCsv
    );
    if is_csv {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let header: Vec<String> = r
            .headers()
            .map(|h| h.iter().map(str::to_owned).collect())
            .unwrap_or_default();
        for rec in r.records().flatten() {
            let line = rec.position().map_or(0, |p| p.line());
            for (i, cell) in rec.iter().enumerate() {
                if let Some(m) = re.find(cell) {
                    let col = header.get(i).cloned().unwrap_or_else(|| i.to_string());
                    out.push((
                        u32::try_from(line).unwrap_or(u32::MAX),
                        col,
                        excerpt(cell, m.start(), m.end()),
                    ));
                }
            }
        }
        return out;
    }
    let mut handle = |i: usize, raw: &str| {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(raw) {
            let mut found = Vec::new();
            walk(&v, &mut String::new(), re, &mut found);
            for (f, e) in found {
                out.push((u32::try_from(i).unwrap_or(u32::MAX), f, e));
            }
        }
    };
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if let Ok(s) = std::str::from_utf8(line) {
                handle(i, s);
            }
        }
    } else {
        let mut raws = Vec::new();
        let _ = json_stream::stream_records(bytes, &mut |i, raw| raws.push((i, raw.get())));
        for (i, raw) in raws {
            handle(i, raw);
        }
    }
    out
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
    let mut result = SearchResult {
        pattern: pattern.to_owned(),
        total_hits: 0,
        hits: Vec::new(),
        hits_omitted: 0,
        ads: Vec::new(),
    };
    let mut matched: BTreeMap<KeyText, (crate::model::AdKey, Vec<String>)> = BTreeMap::new();
    for (c, srcs) in colls.iter().zip(files) {
        // (file, index) -> position in `ads` (first observation) or the duplicate's key.
        let mut at: HashMap<(u32, u32), usize> = HashMap::with_capacity(c.ads.len());
        for (pos, ad) in c.ads.iter().enumerate() {
            at.insert((ad.obs.file, ad.obs.index), pos);
        }
        for (first, obs) in &c.duplicates {
            at.insert((obs.file, obs.index), *first as usize);
        }
        for (fi, (name, src)) in srcs.iter().enumerate() {
            let Some(info) = c.files.get(fi) else {
                continue;
            };
            let bytes = match src {
                collection::FileSource::Bytes(b) => std::borrow::Cow::Borrowed(b.as_slice()),
                collection::FileSource::Path(p) => std::borrow::Cow::Owned(
                    std::fs::read(p).map_err(|e| Error::io(p.display(), e))?,
                ),
            };
            let fi = u32::try_from(fi).unwrap_or(u32::MAX);
            for (index, field, ex) in scan_file(info.format, name, &bytes, &re) {
                let Some(&pos) = at.get(&(fi, index)) else {
                    continue;
                };
                let Some(ad) = c.ads.get(pos) else { continue };
                result.total_hits += 1;
                let key = key_text(interner, &ad.key);
                let entry = matched
                    .entry(key.clone())
                    .or_insert_with(|| (ad.key, Vec::new()));
                if entry.1.last() != Some(&c.meta.id) {
                    entry.1.push(c.meta.id.clone());
                }
                if result.hits.len() < options.max_hits {
                    let obs = if (ad.obs.file, ad.obs.index) == (fi, index) {
                        Some(ad.obs)
                    } else {
                        c.duplicates
                            .iter()
                            .find(|(_, o)| (o.file, o.index) == (fi, index))
                            .map(|(_, o)| *o)
                    };
                    let raw_hash = obs
                        .and_then(|o| c.raw_hash(&o))
                        .map(hex::encode)
                        .unwrap_or_default();
                    let obs = obs.unwrap_or(crate::model::Observation {
                        file: fi,
                        index,
                        raw: crate::model::RawSpan::default(),
                    });
                    result.hits.push(SearchHit {
                        ad: key,
                        locator: c.locator(&obs),
                        raw_hash,
                        field,
                        excerpt: ex,
                    });
                } else {
                    result.hits_omitted += 1;
                }
            }
        }
    }
    for (key, (k, matched_in)) in matched {
        let present_in: Vec<String> = colls
            .iter()
            .filter(|c| c.index.contains_key(&k))
            .map(|c| c.meta.id.clone())
            .collect();
        let first = colls
            .iter()
            .position(|c| matched_in.first() == Some(&c.meta.id))
            .unwrap_or(0);
        let missing_from = colls[first..]
            .iter()
            .filter(|c| !c.index.contains_key(&k))
            .map(|c| c.meta.id.clone())
            .collect();
        result.ads.push(MatchedAd {
            ad: key,
            matched_in,
            present_in,
            missing_from,
        });
    }
    Ok(result)
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
