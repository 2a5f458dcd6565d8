//! Co-action networks in pieces, for engines that partition the posts (Dask, Spark), with the
//! same edges and weights as one [`Coordinator`](super::Coordinator) over all of them.
//!
//! Three steps, each a pure function of its table:
//!
//! 1. [`trace_rows`]: each post's trace keys (repost id, normalised URL or text, LSH band, ...),
//!    one row per key and time bucket. The bucket is `floor(time / bucket)`; a post is *owned*
//!    by its bucket and also copied, not owned, into the neighbouring bucket when it lies within
//!    the window of their boundary (`bucket >= window`). So the posts of one `(key, bucket)` are
//!    everything an owned post needs to see its whole window: hot objects split into buckets
//!    that can go to different partitions, and every match is found once, by the owner.
//! 2. [`partition_edges`]: the matches within one partition's `(key, bucket)` groups. The
//!    directed weight `u → v` counts distinct posts of `u` matched by `v`, so a post whose only
//!    trace is this key (`multi = false`) is counted here, aggregated per `(u, v)`; a post with
//!    several keys (a post's URLs, hashtags or LSH bands may be in other partitions) is listed
//!    per `(u, v, post)` for the engine to count once.
//! 3. [`merge`]: the summed weights become the network (the `min_edge_weight` filter per
//!    direction, reverse weights, balance, nodes with their trace posts), then optionally its
//!    components and communities, in the driver.
//!
//! Weights, nodes and analyses are the single-process ones; evidence pairs are not carried
//! across partitions (`evidence` is empty). `min_participation` is applied by the engine
//! between steps 1 and 2 (it needs every partition's counts: the `first` rows count each
//! trace post once).
//!
//! ```
//! use disinfo_bots::coordinate::partitioned::{self, MergeOptions, SplitOptions};
//! use disinfo_core::table::Table;
//! use serde_json::json;
//!
//! let posts = Table::from_json("posts", json!({
//!     "message_id": ["1", "2"], "user_id": ["anna", "ben"], "message": ["", ""],
//!     "timestamp": [0, 30], "repost_id": ["99", "99"],
//! }))?;
//! let options: SplitOptions = serde_json::from_value(json!({"kind": "co-repost", "window": 60}))?;
//! let traces = partitioned::trace_rows(&posts, &options)?;
//! let edges = partitioned::partition_edges(&traces.to_table()?, &options.coordinate)?;
//! assert_eq!(edges.weight, [1, 1]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::hash::Hasher;

use disinfo_core::columns::TextColumn;
use disinfo_core::table::{Column, ColumnValues, Table};
use hashbrown::HashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::window::{self, Entry};
use super::{CoordinateOptions, CoordinationKind, PostTraces, Urls, similar, traces};
use crate::adapters::qut_csv::{self, Fields};
use crate::adapters::{Compat, Mode, Rejection};
use crate::features::Fnv;
use crate::{Error, Result};

mod columns;
mod files;
mod merge;

pub use files::{FileSplitOptions, file_trace_rows, trace_rows_of_file};
pub use merge::{EdgeTable, MergeOptions, MergeResult, merge, merge_edges};

/// Options of [`trace_rows`]: the network's options and how the posts are read and bucketed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct SplitOptions {
    /// The trace, window and thresholds (`kind`, `window`, ...).
    #[serde(flatten)]
    pub coordinate: CoordinateOptions,
    /// `strict` (the first bad row fails, the default) or `lenient` (bad rows in `rejected`).
    pub mode: Mode,
    /// How `urls` cells are split (`none` or `qut-1.5.2`), as in `coordinate`.
    pub compat: Compat,
    /// Width of the time buckets in seconds; default `max(64 × window, 3600)`.
    pub bucket_secs: Option<f64>,
    /// The order of the table's first row when it has no `_order` column (row `i` is
    /// `order_base + i`): the global input order decides which of two records of one post id
    /// is kept.
    pub order_base: u64,
}

impl SplitOptions {
    /// The bucket width in microseconds, at least the window.
    pub fn bucket_us(&self) -> Result<i64> {
        let window = self.coordinate.window_secs;
        let secs = self.bucket_secs.unwrap_or((64.0 * window).max(3600.0));
        if !(secs.is_finite() && secs >= window && secs > 0.0 && secs <= 1.0e12) {
            return Err(Error::arg(
                "bucket_secs",
                format!("{secs} is not a number of seconds from the window ({window}) to 1e12"),
            ));
        }
        Ok((secs * 1e6).round() as i64)
    }
}

/// One row per trace key and time bucket of each accepted post (columns of equal length).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TraceRows {
    /// The trace key (a repost id, a normalised URL or text, an LSH band, ...).
    pub key: Vec<String>,
    /// The time bucket.
    pub bucket: Vec<i64>,
    /// Whether the post belongs to this bucket (false: a copy for the bucket's window).
    pub owned: Vec<bool>,
    /// The post's time in microseconds since the epoch.
    pub time_us: Vec<i64>,
    /// The posting account.
    pub user: Vec<String>,
    /// The post's global order (which also identifies it).
    pub post: Vec<u64>,
    /// Whether the post has more than one trace key.
    pub multi: Vec<bool>,
    /// True on exactly one row of each post (to count an account's trace posts).
    pub first: Vec<bool>,
    /// The post's text, for near-duplicate text only (empty otherwise).
    pub text: Vec<String>,
    /// The accounts of the accepted rows, each once, at its first row here: `users`,
    /// `handles` (the `username` of that row, empty when none) and `user_orders` (its order);
    /// the engine keeps, per account, the handle of its smallest order (as one process keeps
    /// the first row's).
    pub users: Vec<String>,
    /// See `users`.
    pub handles: Vec<String>,
    /// See `users`.
    pub user_orders: Vec<u64>,
    /// The trace posts of each of `users` in this table (its rows with `first`): the engine
    /// adds them up per account for the network's nodes.
    pub user_posts: Vec<u64>,
    /// Rows of the input table.
    pub rows_read: u64,
    /// The accepted rows' post ids with their order, for the engine's duplicate check: `[id,
    /// order]` pairs in `ids` and `orders`.
    pub ids: Vec<String>,
    /// See `ids`.
    pub orders: Vec<u64>,
    /// A 53-bit hash of each of `ids` (FNV-1a with a final mix): the engine finds the hashes
    /// seen more than once and compares only those ids as text (a shared hash is a repeated
    /// id or, rarely, two ids that collide; the text decides).
    pub id_hashes: Vec<i64>,
    /// Rejected rows (lenient mode).
    pub rejected: Vec<Rejection>,
}

/// Directed weights found in one partition (columns of equal length).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PartitionEdges {
    /// Source account.
    pub source: Vec<String>,
    /// Target account.
    pub target: Vec<String>,
    /// Posts of `source` matched by `target` (1 on a per-post row).
    pub weight: Vec<u64>,
    /// The source post's order on a per-post row (a post with several keys), -1 on an
    /// aggregated row.
    pub post: Vec<i64>,
}

/// A column of a table as text, whatever its type (numbers print as they would in a CSV).
enum AsText<'t> {
    Text(&'t TextColumn),
    Numbers(&'t [f64]),
    Absent,
}

impl<'t> AsText<'t> {
    fn of(table: &'t Table, name: &str) -> AsText<'t> {
        match table.column(name).map(|c| &c.values) {
            Some(ColumnValues::Text(v)) => AsText::Text(v),
            Some(ColumnValues::Numbers(v)) => AsText::Numbers(v),
            None => AsText::Absent,
        }
    }

    fn get(&self, row: usize) -> Cow<'t, str> {
        match self {
            AsText::Text(v) => Cow::Borrowed(v.get(row)),
            AsText::Numbers(v) if v[row].is_nan() => Cow::Borrowed(""),
            AsText::Numbers(v) => Cow::Owned(v[row].to_string()),
            AsText::Absent => Cow::Borrowed(""),
        }
    }
}

fn required<'t>(table: &'t Table, name: &str) -> Result<AsText<'t>> {
    match AsText::of(table, name) {
        AsText::Absent => Err(Error::arg(
            "posts",
            format!(
                "no `{name}` column; a table of posts has the QUT columns message_id, user_id, message, timestamp (and repost_id, reply_id, urls)"
            ),
        )),
        column => Ok(column),
    }
}

fn trimmed(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// Step 1: the trace rows of a table of posts with the QUT toolkit's columns (`message_id`,
/// `user_id`, `message`, `timestamp` as POSIX seconds or RFC 3339 text, and optionally
/// `repost_id`, `reply_id`, `urls`, `_order`).
pub fn trace_rows(posts: &Table, options: &SplitOptions) -> Result<TraceRows> {
    options.coordinate.validate()?;
    let buckets = Buckets::of(options)?;
    let [id, user, text, timestamp] =
        ["message_id", "user_id", "message", "timestamp"].map(|c| required(posts, c));
    let (id, user, text, timestamp) = (id?, user?, text?, timestamp?);
    let [repost, reply, urls, username] =
        ["repost_id", "reply_id", "urls", "username"].map(|c| AsText::of(posts, c));
    // Each account's position in `users`.
    let mut seen_users: HashMap<String, usize> = HashMap::new();
    let order = posts.numbers("_order");
    let mut out = TraceRows {
        rows_read: posts.rows as u64,
        ..TraceRows::default()
    };
    let mut keys: Vec<String> = Vec::new();
    for row in 0..posts.rows {
        let order = match order {
            Some(o) if o[row].is_finite() && o[row] >= 0.0 => o[row] as u64,
            Some(o) => {
                return Err(Error::arg(
                    "posts._order",
                    format!(
                        "row {row}: {} is not an order (a whole number >= 0)",
                        o[row]
                    ),
                ));
            }
            None => options.order_base + row as u64,
        };
        let (id, user, text, timestamp) = (
            id.get(row),
            user.get(row),
            text.get(row),
            timestamp.get(row),
        );
        let (repost, reply, urls) = (repost.get(row), reply.get(row), urls.get(row));
        let fields = Fields {
            id: &id,
            user: &user,
            timestamp: &timestamp,
            text: &text,
            repost: trimmed(&repost),
            reply: trimmed(&reply),
            urls: &urls,
        };
        let parsed = match qut_csv::validate(fields, options.compat) {
            Ok(parsed) => parsed,
            Err(reason) if options.mode == Mode::Lenient => {
                out.rejected.push(Rejection {
                    source: "posts".into(),
                    line: 0,
                    record: order,
                    reason,
                });
                continue;
            }
            Err(reason) => {
                return Err(Error::MalformedRecord {
                    source_name: "posts".into(),
                    location: format!("row {row} (order {order})"),
                    line: 0,
                    reason,
                });
            }
        };
        out.push_id(parsed.id, order);
        let account = match seen_users.get(parsed.user) {
            Some(&account) => account,
            None => {
                seen_users.insert(parsed.user.to_string(), out.users.len());
                out.users.push(parsed.user.to_string());
                out.handles.push(username.get(row).trim().to_string());
                out.user_orders.push(order);
                out.user_posts.push(0);
                out.users.len() - 1
            }
        };
        if out.push_qut_row(&parsed, order, &options.coordinate, &buckets, &mut keys) {
            out.user_posts[account] += 1;
        }
    }
    Ok(out)
}

/// The time buckets of a split: their width and the window, in microseconds.
struct Buckets {
    width_us: i64,
    window_us: i64,
    similar: bool,
}

impl Buckets {
    fn of(options: &SplitOptions) -> Result<Buckets> {
        Ok(Buckets {
            width_us: options.bucket_us()?,
            window_us: (options.coordinate.window_secs * 1e6).round() as i64,
            similar: options.coordinate.kind == CoordinationKind::CoSimilarText,
        })
    }
}

/// What the trace rows repeat of their post.
struct Posted<'a> {
    time_us: i64,
    user: &'a str,
    order: u64,
    text: &'a str,
}

impl TraceRows {
    /// The trace rows of one validated QUT row with order `order` (`keys`: a buffer for its
    /// trace keys); whether it has any.
    fn push_qut_row(
        &mut self,
        row: &qut_csv::Row<'_>,
        order: u64,
        options: &CoordinateOptions,
        buckets: &Buckets,
        keys: &mut Vec<String>,
    ) -> bool {
        // Only what the kind reads, as the single-process reader does.
        let url_list = match options.kind.reads_urls() {
            true => row.url_list(),
            false => Vec::new(),
        };
        let url_refs: Vec<&str> = url_list.iter().map(|u| u.as_ref()).collect();
        let hashtags = match options.kind.reads_hashtags() {
            true => row.hashtags(),
            false => Vec::new(),
        };
        keys.clear();
        traces_of(options, &qut_traces(row, &url_refs, &hashtags), keys);
        let posted = Posted {
            time_us: row.created_at.timestamp_micros(),
            user: row.user,
            order,
            text: row.text,
        };
        self.push_post(keys, &posted, buckets);
        !keys.is_empty()
    }

    /// Lists an accepted post for the duplicate check: its id, order and id hash.
    fn push_id(&mut self, id: &str, order: u64) {
        let mut hash = Fnv::default();
        hash.write(id.as_bytes());
        self.ids.push(id.to_owned());
        self.orders.push(order);
        // The top 53 bits: exact in every binding (a JavaScript number) and in every engine.
        self.id_hashes.push((hash.finish() >> 11) as i64);
    }

    /// The rows of one accepted post: one per trace key in the bucket of its time (owned),
    /// and a copy in a neighbouring bucket when the post lies within the window of its boundary.
    fn push_post(&mut self, keys: &[String], post: &Posted<'_>, buckets: &Buckets) {
        let width = buckets.width_us;
        let home = post.time_us.div_euclid(width);
        let offset = post.time_us - home * width;
        let multi = keys.len() > 1;
        let mut first = true;
        for key in keys {
            let mut put = |bucket: i64, owned: bool| {
                self.key.push(key.clone());
                self.bucket.push(bucket);
                self.owned.push(owned);
                self.time_us.push(post.time_us);
                self.user.push(post.user.to_string());
                self.post.push(post.order);
                self.multi.push(multi);
                self.first.push(first && owned);
                if buckets.similar {
                    self.text.push(post.text.to_string());
                }
            };
            put(home, true);
            if offset <= buckets.window_us {
                put(home - 1, false);
            }
            if width - offset <= buckets.window_us {
                put(home + 1, false);
            }
            first = false;
        }
    }
}

/// What the builder reads of a validated QUT row.
fn qut_traces<'a>(
    row: &'a qut_csv::Row<'a>,
    urls: &'a [&'a str],
    hashtags: &'a [String],
) -> PostTraces<'a> {
    PostTraces {
        id: row.id,
        account_id: row.user,
        time_us: row.created_at.timestamp_micros(),
        repost: row.repost.is_some(),
        reposted_id: row.repost,
        replied_to_id: row.reply,
        text: row.text,
        urls: Urls::Refs(urls),
        hashtags,
        domains: &[],
        images: &[],
        objects: &[],
    }
}

/// The distinct trace keys of one post, sorted.
fn traces_of(options: &CoordinateOptions, post: &PostTraces<'_>, keys: &mut Vec<String>) {
    super::trace_keys(options, post, |k| keys.push(k.to_string()));
    keys.sort_unstable();
    keys.dedup();
}

impl TraceRows {
    /// The rows as the table [`partition_edges`] reads (what an engine hands it after the
    /// shuffle).
    pub fn to_table(&self) -> Result<Table> {
        let numbers = |name: &str, v: Vec<f64>| Column {
            name: name.into(),
            values: ColumnValues::Numbers(v),
        };
        let text = |name: &str, v: &[String]| Column {
            name: name.into(),
            values: ColumnValues::Text(v.iter().map(String::as_str).collect()),
        };
        let flags = |v: &[bool]| v.iter().map(|&b| f64::from(u8::from(b))).collect();
        let mut columns = vec![
            text("key", &self.key),
            numbers("bucket", self.bucket.iter().map(|&b| b as f64).collect()),
            numbers("owned", flags(&self.owned)),
            numbers("time_us", self.time_us.iter().map(|&t| t as f64).collect()),
            text("user", &self.user),
            numbers("post", self.post.iter().map(|&p| p as f64).collect()),
            numbers("multi", flags(&self.multi)),
        ];
        if !self.text.is_empty() {
            columns.push(text("text", &self.text));
        }
        Ok(Table::from_columns("traces", columns)?)
    }
}

/// No text: what an empty partition's text columns read as.
static NO_TEXT: TextColumn = TextColumn::EMPTY;

fn text_column<'t>(table: &'t Table, name: &str) -> Result<&'t TextColumn> {
    match table.column(name).map(|c| &c.values) {
        Some(ColumnValues::Text(v)) => Ok(v),
        // An empty partition may carry its text columns as numbers (an empty frame's dtype).
        Some(ColumnValues::Numbers(v)) if v.is_empty() => Ok(&NO_TEXT),
        Some(ColumnValues::Numbers(_)) => Err(Error::arg(
            format!("traces.{name}"),
            "must be a column of text",
        )),
        None => Err(Error::arg(
            "traces",
            format!("no `{name}` column; pass the rows `trace_rows` returned"),
        )),
    }
}

fn number_column<'t>(table: &'t Table, name: &str) -> Result<&'t [f64]> {
    table.numbers(name).ok_or_else(|| {
        Error::arg(
            "traces",
            format!("no numeric `{name}` column; pass the rows `trace_rows` returned"),
        )
    })
}

/// What a numeric column of trace rows may hold.
#[derive(Clone, Copy)]
enum Numbers {
    /// Whole numbers (buckets, times in microseconds), exact as a float (|x| <= 2^53).
    Whole,
    /// Whole numbers >= 0 (post orders).
    Order,
    /// 0 or 1 (a flag read as a number).
    Flag,
}

/// Refuses the first value of `values` that `kind` does not allow, naming its row: a NaN read
/// as a flag or a fraction read as a bucket would silently change the weights.
fn check_numbers(field: &str, values: &[f64], kind: Numbers) -> Result<()> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let allowed = |v: f64| match kind {
        Numbers::Whole => v.is_finite() && v.fract() == 0.0 && v.abs() <= EXACT,
        Numbers::Order => v.is_finite() && v.fract() == 0.0 && (0.0..=EXACT).contains(&v),
        Numbers::Flag => v == 0.0 || v == 1.0,
    };
    match values.iter().position(|&v| !allowed(v)) {
        None => Ok(()),
        Some(row) => Err(Error::arg(
            field,
            format!(
                "row {row}: {} is not {}",
                values[row],
                match kind {
                    Numbers::Whole => "a whole number",
                    Numbers::Order => "an order (a whole number >= 0)",
                    Numbers::Flag => "a flag (0 or 1, false or true)",
                }
            ),
        )),
    }
}

/// Interns text, giving dense ids in order of first appearance.
#[derive(Default)]
struct Interner<'t> {
    ids: HashMap<&'t str, u32>,
    names: Vec<&'t str>,
}

impl<'t> Interner<'t> {
    fn id(&mut self, s: &'t str) -> u32 {
        let next = self.names.len() as u32;
        *self.ids.entry(s).or_insert_with(|| {
            self.names.push(s);
            next
        })
    }
}

/// Step 2: the directed weights of one partition's trace rows (all rows of a `(key, bucket)`
/// must be in the same partition).
pub fn partition_edges(traces: &Table, options: &CoordinateOptions) -> Result<PartitionEdges> {
    options.validate()?;
    let key = text_column(traces, "key")?;
    let user = text_column(traces, "user")?;
    let [bucket, owned, time, post, multi] =
        ["bucket", "owned", "time_us", "post", "multi"].map(|c| number_column(traces, c));
    let (bucket, owned, time, post, multi) = (bucket?, owned?, time?, post?, multi?);
    for (name, values, kind) in [
        ("bucket", bucket, Numbers::Whole),
        ("owned", owned, Numbers::Flag),
        ("time_us", time, Numbers::Whole),
        ("post", post, Numbers::Order),
        ("multi", multi, Numbers::Flag),
    ] {
        check_numbers(&format!("traces.{name}"), values, kind)?;
    }
    let similar = options.kind == CoordinationKind::CoSimilarText;
    let text = if similar {
        text_column(traces, "text")?
    } else {
        &NO_TEXT
    };
    if traces.rows > u32::MAX as usize - 1 {
        return Err(Error::arg(
            "traces",
            "more than 4 294 967 294 rows in one partition",
        ));
    }
    let mut groups: HashMap<(&str, i64), u32> = HashMap::new();
    let mut users = Interner::default();
    let mut posts: HashMap<u64, u32> = HashMap::new();
    let mut post_orders: Vec<u64> = Vec::new();
    let mut post_multi: Vec<bool> = Vec::new();
    let mut words: HashMap<u32, Vec<u64>> = HashMap::new();
    let mut entries = Vec::with_capacity(traces.rows);
    for row in 0..traces.rows {
        let next = groups.len() as u32;
        let group = *groups
            .entry((key.get(row), bucket[row] as i64))
            .or_insert(next);
        let order = post[row] as u64;
        let next = post_orders.len() as u32;
        let index = *posts.entry(order).or_insert_with(|| {
            post_orders.push(order);
            post_multi.push(multi[row] != 0.0);
            next
        });
        if similar && !words.contains_key(&index) {
            let set = traces::word_set(text.get(row));
            words.insert(index, similar::hashed_words(&set));
        }
        entries.push(Entry {
            key: group,
            time: time[row] as i64,
            user: users.id(user.get(row)),
            post: index,
            owned: owned[row] != 0.0,
        });
    }
    let window_us = (options.window_secs * 1e6).round() as i64;
    let found = if similar {
        let threshold = options.similarity_threshold;
        let confirm = |a: u32, b: u32| match (words.get(&a), words.get(&b)) {
            (Some(x), Some(y)) => similar::jaccard(x, y) >= threshold,
            _ => false,
        };
        window::matches(entries, window_us, options.self_loops, Some(confirm))
    } else {
        window::matches::<fn(u32, u32) -> bool>(entries, window_us, options.self_loops, None)
    };
    let mut out = PartitionEdges::default();
    let mut push = |u: u32, v: u32, weight: u64, post: i64| {
        out.source.push(users.names[u as usize].to_string());
        out.target.push(users.names[v as usize].to_string());
        out.weight.push(weight);
        out.post.push(post);
    };
    // `found` is sorted by (u, v, post of u): count the single-key posts of each (u, v), list
    // the others.
    let mut i = 0;
    while i < found.len() {
        let (u, v, _, _) = found[i];
        let mut single = 0;
        while i < found.len() && (found[i].0, found[i].1) == (u, v) {
            let p = found[i].2 as usize;
            if post_multi[p] {
                push(u, v, 1, post_orders[p] as i64);
            } else {
                single += 1;
            }
            i += 1;
        }
        if single > 0 {
            push(u, v, single, -1);
        }
    }
    Ok(out)
}
