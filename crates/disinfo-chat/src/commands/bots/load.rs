//! Reading a configured dataset once and indexing it: accounts by id and handle, posts by the
//! objects they share (normalised URL, hashtag, post id), the feature matrix and the rule
//! verdicts, so that every `/bots` answer afterwards is a few map lookups.

use std::collections::HashMap;
use std::io::{BufReader, Read};
use std::path::Path;
use std::str::FromStr;

use disinfo_bots::adapters::{self, Dataset, InputFormat, Mode, ReadOptions};
use disinfo_bots::coordinate::traces::{UrlNormalization, normalize_url};
use disinfo_bots::features::{self, FeatureMatrix, FeatureOptions};
use disinfo_bots::rules::{PRESETS, Rule, RuleOutcome};
use disinfo_bots::{Account, Post};

use crate::config::{BotsDataset, Config};

/// One rule preset and its outcome for every row of the matrix (or why it could not be applied).
pub(super) struct RuleVerdicts {
    /// The rule.
    pub(super) rule: Rule,
    /// One outcome per matrix row, in row order.
    pub(super) outcomes: Result<Vec<RuleOutcome>, String>,
}

/// A dataset read and indexed.
pub(super) struct Index {
    /// Its name in answers and chart links.
    pub(super) name: String,
    /// The format it was read as.
    pub(super) format: InputFormat,
    /// Records read and rejected (lenient reading: a bad record is counted, not fatal).
    pub(super) records_read: u64,
    /// Records rejected, with the first reason.
    pub(super) records_rejected: u64,
    /// The first rejection's location and reason, when there was one.
    pub(super) first_rejection: Option<String>,
    /// Every post, a repeated id keeping its first record (as the coordination builder does).
    pub(super) posts: Vec<Post>,
    /// Features, one row per account (the matrix `disinfo bots features` computes).
    pub(super) matrix: FeatureMatrix,
    /// The latest profile observation of each row's account, when there is one.
    pub(super) profiles: Vec<Option<Account>>,
    /// Each rule preset's verdicts.
    pub(super) rules: Vec<RuleVerdicts>,
    /// Row by account id.
    pub(super) by_id: HashMap<String, usize>,
    /// Row by lower-cased handle.
    pub(super) by_handle: HashMap<String, usize>,
    /// Post indices of each row, in time order.
    pub(super) posts_of_row: Vec<Vec<usize>>,
    /// Posts by normalised URL ([`url_key`]).
    pub(super) by_url: HashMap<String, Vec<usize>>,
    /// Posts by lower-cased hashtag.
    pub(super) by_hashtag: HashMap<String, Vec<usize>>,
    /// Posts by post id: the post itself and its reposts, replies and quotes.
    pub(super) by_post: HashMap<String, Vec<usize>>,
}

/// The key a URL is indexed and looked up under: the bots crate's basic normalisation
/// (scheme, `www.`, fragment, tracking parameters and a trailing `/` dropped; host lower-cased).
pub(super) fn url_key(url: &str) -> String {
    normalize_url(url, UrlNormalization::Basic)
}

/// Reads and indexes every dataset of the configuration, in order; a dataset that cannot be
/// read is kept as its error so that the others still answer.
pub(super) fn load_all(config: &Config, sets: &[BotsDataset]) -> Vec<Result<Index, String>> {
    sets.iter()
        .enumerate()
        .map(|(i, set)| load(config, set, i))
        .collect()
}

/// The name a dataset goes by: its `name`, else its posts file's stem, else its position.
pub(super) fn dataset_name(set: &BotsDataset, position: usize) -> String {
    if !set.name.trim().is_empty() {
        return set.name.trim().to_string();
    }
    set.posts
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty())
        .map_or_else(|| format!("dataset {}", position + 1), str::to_string)
}

fn load(config: &Config, set: &BotsDataset, position: usize) -> Result<Index, String> {
    let name = dataset_name(set, position);
    let fail = |what: String| format!("dataset `{name}` cannot be read: {what}");
    if set.posts.as_os_str().is_empty() {
        return Err(fail("it names no posts file (`posts = \"…\"`)".into()));
    }
    let posts_path = config.resolve(&set.posts);
    let format = match &set.format {
        Some(f) => InputFormat::from_str(f.trim()).map_err(|e| fail(e.to_string()))?,
        None => detect(&posts_path).map_err(&fail)?,
    };
    let mut options = ReadOptions::new(format);
    options.mode = Mode::Lenient;
    let mut data = read(&posts_path, &options).map_err(&fail)?;
    if let Some(accounts) = &set.accounts {
        // Profiles fetched apart carry no time of their own; they are taken as seen when the
        // posts end (collections look profiles up after the posts they study).
        options.observed_at = data.posts.iter().map(|p| p.created_at).max();
        let more = read(&config.resolve(accounts), &options).map_err(&fail)?;
        data.extend(more);
    }
    build(name.clone(), format, data).map_err(fail)
}

fn read(path: &Path, options: &ReadOptions) -> Result<Dataset, String> {
    adapters::read_path(path, options).map_err(|e| e.to_string())
}

/// The format of a posts file, from its first bytes ([`adapters::detect`]).
fn detect(path: &Path) -> Result<InputFormat, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut head = Vec::new();
    adapters::decompressed(BufReader::new(file))
        .and_then(|r| r.take(8192).read_to_end(&mut head))
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    adapters::detect(&String::from_utf8_lossy(&head)).ok_or_else(|| {
        format!(
            "its format is not recognised from its first bytes; set `format` (one of {})",
            InputFormat::ALL.map(InputFormat::name).join(", ")
        )
    })
}

/// Indexes a dataset read into memory.
pub(super) fn build(name: String, format: InputFormat, data: Dataset) -> Result<Index, String> {
    let first_rejection = data.rejected.first().map(|r| {
        let file = Path::new(&r.source)
            .file_name()
            .map_or_else(|| r.source.clone(), |f| f.to_string_lossy().into_owned());
        format!("{file} line {}: {}", r.line, r.reason)
    });
    let mut seen = std::collections::HashSet::new();
    let mut posts: Vec<Post> = data
        .posts
        .into_iter()
        .filter(|p| seen.insert(p.id.clone()))
        .collect();
    posts.sort_by(|a, b| {
        (a.created_at, &a.account_id, &a.id).cmp(&(b.created_at, &b.account_id, &b.id))
    });
    let matrix = features::compute(&data.accounts, &posts, &FeatureOptions::default())
        .map_err(|e| e.to_string())?;
    let rules = PRESETS
        .iter()
        .filter_map(|preset| Rule::preset(preset).ok())
        .map(|rule| RuleVerdicts {
            outcomes: rule
                .evaluate(&data.accounts, &matrix)
                .map_err(|e| e.to_string()),
            rule,
        })
        .collect();
    let by_id: HashMap<String, usize> = matrix
        .account_ids
        .iter()
        .enumerate()
        .map(|(row, id)| (id.clone(), row))
        .collect();
    let mut profiles: Vec<Option<Account>> = vec![None; matrix.len()];
    for account in features::latest_observations(&data.accounts) {
        if let Some(&row) = by_id.get(&account.id) {
            profiles[row] = Some(account.clone());
        }
    }
    let mut by_handle = HashMap::new();
    for (row, handle) in matrix.handles.iter().enumerate() {
        if !handle.is_empty() {
            by_handle.entry(handle.to_lowercase()).or_insert(row);
        }
    }
    let mut posts_of_row = vec![Vec::new(); matrix.len()];
    let mut by_url: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_hashtag: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_post: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, post) in posts.iter().enumerate() {
        if let Some(&row) = by_id.get(&post.account_id) {
            posts_of_row[row].push(i);
        }
        let mut urls: Vec<String> = post.urls.iter().map(|u| url_key(u)).collect();
        urls.sort_unstable();
        urls.dedup();
        for url in urls.into_iter().filter(|u| !u.is_empty()) {
            by_url.entry(url).or_default().push(i);
        }
        let mut tags: Vec<String> = post.hashtags.iter().map(|t| t.to_lowercase()).collect();
        tags.sort_unstable();
        tags.dedup();
        for tag in tags {
            by_hashtag.entry(tag).or_default().push(i);
        }
        let mut ids: Vec<&String> = std::iter::once(&post.id)
            .chain(&post.reposted_id)
            .chain(&post.replied_to_id)
            .chain(&post.quoted_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            by_post.entry(id.clone()).or_default().push(i);
        }
    }
    Ok(Index {
        name,
        format,
        records_read: data.records_read,
        records_rejected: data.records_rejected,
        first_rejection,
        posts,
        matrix,
        profiles,
        rules,
        by_id,
        by_handle,
        posts_of_row,
        by_url,
        by_hashtag,
        by_post,
    })
}

impl Index {
    /// The row of an account typed as an id, a handle or an `@handle` (any case).
    pub(super) fn find_account(&self, typed: &str) -> Option<usize> {
        let typed = typed.trim();
        if let Some(&row) = self.by_id.get(typed) {
            return Some(row);
        }
        let handle = typed.strip_prefix('@').unwrap_or(typed).to_lowercase();
        self.by_handle.get(&handle).copied()
    }

    /// The handle of a row, or its id when it has none.
    pub(super) fn label(&self, row: usize) -> String {
        match self.matrix.handles.get(row) {
            Some(h) if !h.is_empty() => format!("@{h}"),
            _ => format!(
                "account {}",
                self.matrix.account_ids.get(row).map_or("?", String::as_str)
            ),
        }
    }

    /// The row of an account id.
    pub(super) fn row_of(&self, account_id: &str) -> Option<usize> {
        self.by_id.get(account_id).copied()
    }

    /// A feature value of a row (NaN when missing or not a column).
    pub(super) fn value(&self, row: usize, column: &str) -> f64 {
        self.matrix.get(row, column).unwrap_or(f64::NAN)
    }

    /// One line on how the dataset was read: its format and, when some were, the records
    /// rejected.
    pub(super) fn provenance(&self) -> String {
        let mut out = format!(
            "`{}` ({}, {} records",
            self.name,
            self.format.name(),
            self.records_read
        );
        if self.records_rejected > 0 {
            out.push_str(&format!(", {} rejected", self.records_rejected));
            if let Some(first) = &self.first_rejection {
                out.push_str(&format!(": first at {first}"));
            }
        }
        out.push(')');
        out
    }
}

/// Reads an in-memory dataset (tests and the examples use files; this keeps `build` honest).
#[cfg(test)]
pub(super) fn from_text(name: &str, format: InputFormat, text: &str) -> Result<Index, String> {
    let mut options = ReadOptions::new(format);
    options.mode = Mode::Lenient;
    let data = adapters::read_str(text, &options).map_err(|e| e.to_string())?;
    build(name.to_string(), format, data)
}
