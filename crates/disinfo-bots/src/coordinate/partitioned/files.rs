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
use crate::adapters::{Dataset, InputFormat, ReadRequestOptions};
use crate::coordinate::PostTraces;
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
/// assert_eq!(rows.handles, ["anna_h"]);
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
    let data = pipeline::read_paths(&[path.to_path_buf()], &read)?;
    file_trace_rows(&data, &options.split)
}

/// Step 1 on the posts of one input file read by its platform reader (an engine that splits
/// its inputs by file): the rows [`trace_rows`](super::trace_rows) gives for a table, with the trace keys one
/// process gives each post and orders `order_base + i` for the file's `i`-th post. The
/// accounts are the file's profile observations with a handle, each account once with its
/// last handle: one process takes an account's handle from its last observation that has one,
/// so their `user_orders` count down from `2^53 − 1` (`2^53 − 1 − (order_base + j)` for the
/// `j`-th observation) and the engine's rule, the handle of the smallest order, picks the last.
/// Orders stay below `2^53` (exact in JavaScript and in a float64 column): with
/// `order_base = file << 32`, up to 2^21 files of up to 2^32 records each.
/// `rows_read` and `rejected` are the reader's (`rejected` with the file's name and line).
pub fn file_trace_rows(data: &Dataset, options: &SplitOptions) -> Result<TraceRows> {
    options.coordinate.validate()?;
    let buckets = Buckets::of(options)?;
    let records = data.posts.len().max(data.accounts.len()) as u64;
    if options
        .order_base
        .checked_add(records)
        .is_none_or(|end| end > LAST_HANDLE_ORDER)
    {
        return Err(Error::arg(
            "order_base",
            format!(
                "{} + the file's {records} records pass 2^53 − 1, the largest order (give the n-th file n << 32)",
                options.order_base
            ),
        ));
    }
    let mut out = TraceRows {
        rows_read: data.records_read,
        rejected: data.rejected.clone(),
        ..TraceRows::default()
    };
    let mut keys: Vec<String> = Vec::new();
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
    }
    let mut last_handle: HashMap<&str, (&str, u64)> = HashMap::new();
    for (j, account) in data.accounts.iter().enumerate() {
        let handle = account.handle.as_str();
        if !handle.is_empty() {
            last_handle.insert(&account.id, (handle, options.order_base + j as u64));
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
    }
    Ok(out)
}

/// Where the orders of a file's account observations count down from (see
/// [`file_trace_rows`]): `2^53 − 1`, the largest integer every binding and engine column holds
/// exactly.
const LAST_HANDLE_ORDER: u64 = (1 << 53) - 1;
