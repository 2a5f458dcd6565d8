//! Step 1 of a network split by file: one input file read by its platform reader, as
//! `coordinate` reads it, gives the trace rows [`trace_rows`](super::trace_rows) gives for a
//! table of posts (what `disinfo.dask.coordinate_files` and `disinfo.spark.coordinate_files`
//! run per file).

use std::path::Path;

use chrono::{DateTime, Utc};
use hashbrown::HashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Buckets, Posted, SplitOptions, TraceRows, traces_of};
use crate::adapters::{self, Dataset, InputFormat, ReadOptions, ReadRequestOptions};
use crate::coordinate::PostTraces;
use crate::model::Account;
use crate::pipeline;
use crate::{Error, Result};

/// Options of [`trace_rows_of_file`]: those of a split (`mode`, `compat`, `bucket_secs`,
/// `order_base`, the network's) and the reader's `observed_at`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct FileSplitOptions {
    /// The split's options.
    #[serde(flatten)]
    pub split: SplitOptions,
    /// Observation time (RFC 3339) for profiles that carry none, as in `coordinate`.
    pub observed_at: Option<DateTime<Utc>>,
}

/// Step 1 on one input file (an engine that splits its inputs by file, such as
/// `disinfo.dask.coordinate_files`): the file read as `coordinate` reads it, then
/// [`file_trace_rows`]. Give the `i`-th file `order_base = i << 32`.
///
/// ```
/// use disinfo_bots::adapters::InputFormat;
/// use disinfo_bots::coordinate::partitioned::{self, FileSplitOptions};
/// use serde_json::json;
///
/// let folder = tempfile::tempdir()?;
/// let path = folder.path().join("posts.csv");
/// std::fs::write(&path, "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n\
///                        1,anna,anna_h,99,,,1000,\n\
///                        2,ben,,99,,,1030,\n")?;
/// let options: FileSplitOptions =
///     serde_json::from_value(json!({"kind": "co-repost", "window": 60, "order_base": 1u64 << 32}))?;
/// let rows = partitioned::trace_rows_of_file(&path, InputFormat::QutCsv, &options)?;
/// assert_eq!(rows.orders, [1 << 32, (1 << 32) + 1]);
/// assert_eq!(rows.key, ["99", "99"]);
/// // anna's observed handle, then ben (trace posts, no handle) at the order past every handle's.
/// assert_eq!(rows.users, ["anna", "ben"]);
/// assert_eq!(rows.handles, ["anna_h", ""]);
/// assert_eq!(rows.user_posts, [1, 1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn trace_rows_of_file(
    path: &Path,
    format: InputFormat,
    options: &FileSplitOptions,
) -> Result<TraceRows> {
    // Bad options fail before a large file is read.
    options.split.coordinate.validate()?;
    options.split.bucket_us()?;
    let read = ReadRequestOptions {
        mode: options.split.mode,
        observed_at: options.observed_at,
        compat: options.split.compat,
    }
    .read_options_for(format);
    if format == InputFormat::QutCsv {
        return qut_file_trace_rows(path, &read, &options.split);
    }
    let data = pipeline::read_paths(&[path.to_path_buf()], &read)?;
    file_trace_rows(&data, &options.split)
}

/// [`file_trace_rows`] for a QUT CSV file, its rows streamed from the reader into the trace
/// rows (as one process streams them into its builder) instead of held as posts first.
fn qut_file_trace_rows(
    path: &Path,
    read: &ReadOptions,
    options: &SplitOptions,
) -> Result<TraceRows> {
    let buckets = Buckets::of(options)?;
    // An impossible base fails before the file is read; the file's own records after it.
    check_orders(options.order_base, 0)?;
    let mut out = TraceRows::default();
    let mut trace_posts: HashMap<String, u64> = HashMap::new();
    let mut keys: Vec<String> = Vec::new();
    let mut order = options.order_base;
    let data = adapters::read_qut_rows_path(path, read, |row| {
        out.push_id(row.id, order);
        if out.push_qut_row(row, order, &options.coordinate, &buckets, &mut keys) {
            *trace_posts.entry_ref(row.user).or_default() += 1;
        }
        order = order.saturating_add(1);
        Ok(())
    })?;
    check_orders(options.order_base, out.ids.len().max(data.accounts.len()))?;
    out.rows_read = data.records_read;
    out.rejected = data.rejected;
    push_accounts(&mut out, &data.accounts, options.order_base, trace_posts);
    Ok(out)
}

/// Refuses a file whose `records` orders from `order_base` would pass `2^53 − 1`.
fn check_orders(order_base: u64, records: usize) -> Result<()> {
    let records = records as u64;
    if order_base
        .checked_add(records)
        .is_none_or(|end| end > LAST_HANDLE_ORDER)
    {
        return Err(Error::arg(
            "order_base",
            format!(
                "{order_base} + the file's {records} records pass 2^53 − 1, the largest order (give the n-th file n << 32)"
            ),
        ));
    }
    Ok(())
}

/// Step 1 on the posts of one input file read by its platform reader (an engine that splits
/// its inputs by file): the rows [`trace_rows`](super::trace_rows) gives for a table, with the trace keys one
/// process gives each post and orders `order_base + i` for the file's `i`-th post. The
/// accounts are the file's profile observations with a handle, each account once with its
/// last handle: one process takes an account's handle from its last observation that has one,
/// so their `user_orders` count down from `2^53 − 1` (`2^53 − 1 − (order_base + j)` for the
/// `j`-th observation) and the engine's rule, the handle of the smallest order, picks the last;
/// then the accounts with trace posts and no handle in the file, with an empty handle at order
/// `2^53` (`user_posts`: each account's trace posts in the file).
/// Orders stay below `2^53` (exact in JavaScript and in a float64 column): with
/// `order_base = file << 32`, up to 2^21 files of up to 2^32 records each.
/// `rows_read` and `rejected` are the reader's (`rejected` with the file's name and line).
pub fn file_trace_rows(data: &Dataset, options: &SplitOptions) -> Result<TraceRows> {
    options.coordinate.validate()?;
    let buckets = Buckets::of(options)?;
    check_orders(
        options.order_base,
        data.posts.len().max(data.accounts.len()),
    )?;
    let mut out = TraceRows {
        rows_read: data.records_read,
        rejected: data.rejected.clone(),
        ..TraceRows::default()
    };
    let mut keys: Vec<String> = Vec::new();
    let mut trace_posts: HashMap<String, u64> = HashMap::new();
    for (i, p) in data.posts.iter().enumerate() {
        let order = options.order_base + i as u64;
        out.push_id(&p.id, order);
        keys.clear();
        traces_of(&options.coordinate, &PostTraces::of(p), &mut keys);
        out.push_post(
            &keys,
            &Posted {
                time_us: p.created_at.timestamp_micros(),
                user: &p.account_id,
                order,
                text: &p.text,
            },
            &buckets,
        );
        if !keys.is_empty() {
            *trace_posts.entry_ref(p.account_id.as_str()).or_default() += 1;
        }
    }
    push_accounts(&mut out, &data.accounts, options.order_base, trace_posts);
    Ok(out)
}

/// The file's accounts: each account observed with a handle once, with its last handle and an
/// order counting down from `2^53 − 1` (see [`file_trace_rows`]), then the accounts with trace
/// posts and no handle at `2^53`; `trace_posts`: each account's trace posts in the file.
fn push_accounts(
    out: &mut TraceRows,
    accounts: &[Account],
    order_base: u64,
    mut trace_posts: HashMap<String, u64>,
) {
    let mut last_handle: HashMap<&str, (&str, u64)> = HashMap::new();
    for (j, account) in accounts.iter().enumerate() {
        let handle = account.handle.as_str();
        if !handle.is_empty() {
            last_handle.insert(&account.id, (handle, order_base + j as u64));
        }
    }
    let mut handles: Vec<(&str, &str, u64)> = last_handle
        .into_iter()
        .map(|(user, (handle, order))| (user, handle, order))
        .collect();
    handles.sort_unstable_by_key(|&(_, _, order)| order);
    for (user, handle, order) in handles {
        out.users.push(user.to_string());
        out.handles.push(handle.to_string());
        out.user_orders.push(LAST_HANDLE_ORDER - order);
        out.user_posts.push(trace_posts.remove(user).unwrap_or(0));
    }
    // The accounts with trace posts and no handle here: an order past every observation's.
    let mut rest: Vec<(String, u64)> = trace_posts.into_iter().collect();
    rest.sort_unstable();
    for (user, posts) in rest {
        out.users.push(user);
        out.handles.push(String::new());
        out.user_orders.push(NO_HANDLE_ORDER);
        out.user_posts.push(posts);
    }
}

/// Where the orders of a file's account observations count down from (see
/// [`file_trace_rows`]): `2^53 − 1`, the largest integer every binding and engine column holds
/// exactly.
const LAST_HANDLE_ORDER: u64 = (1 << 53) - 1;

/// The order of an account's row without a handle (its trace posts only): `2^53`, after every
/// observation's, so that the engine's rule never prefers it to a handle.
const NO_HANDLE_ORDER: u64 = 1 << 53;
