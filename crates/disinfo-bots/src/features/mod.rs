//! Per-account features: profile features, behaviour features, digital DNA and snapshot
//! deltas, each defined in the docs of its module.
//!
//! [`compute`] returns a [`FeatureMatrix`]: one row per account, one `f64` column per feature,
//! NaN where an input is missing and `mask[[i, j]] == true` exactly there (never a made-up
//! constant). Columns are part of the contract: [`PROFILE_COLUMNS`] first, then
//! [`BEHAVIOUR_COLUMNS`] (when behaviour features are asked for). The string columns
//! `account_id` and `handle` sit beside the matrix.
//!
//! Rows: the latest observation of each account id (ties: the later one in the input), in order
//! of first appearance; then authors of posts that have no profile observation (profile features
//! all NaN). Rows are computed in parallel with rayon.
//!
//! ```
//! use chrono::{DateTime, Utc};
//! use disinfo_bots::features::{compute, FeatureOptions};
//! use disinfo_bots::{Account, Platform};
//!
//! let observed: DateTime<Utc> = "2021-06-23T15:27:11Z".parse().unwrap();
//! let mut account = Account::new(Platform::Twitter, "1", "anna", observed);
//! account.created_at = Some("2019-03-14T15:08:32Z".parse().unwrap());
//! account.posts = Some(541);
//! let m = compute(&[account], &[], &FeatureOptions::default()).unwrap();
//! assert!((m.get(0, "posts_per_hour").unwrap() - 0.027093).abs() < 1e-6);
//! assert!(m.get(0, "followers").unwrap().is_nan()); // not given: NaN + mask
//! assert!(m.is_missing(0, "followers").unwrap());
//! ```

pub mod behaviour;
pub mod csv;
pub mod delta;
pub mod dna;
pub mod handle;
pub mod profile;
mod rows;

use std::collections::HashMap;
use std::io::Write;

use ndarray::Array2;
use rayon::prelude::*;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};

use crate::model::{Account, Post};
use crate::{Error, Result};

pub use behaviour::BEHAVIOUR_COLUMNS;
pub use profile::PROFILE_COLUMNS;

/// A fast, non-cryptographic hasher (FNV-1a over 64 bits) for the per-account maps: keys are
/// account ids and small integers from the input, and HashDoS resistance is not needed for a
/// batch computation over the caller's own data.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        // A final avalanche so that the low bits (bucket index) depend on every byte.
        let mut z = self.0;
        z = (z ^ (z >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        z ^ (z >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xCBF2_9CE4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
        self.0 = h;
    }
}

/// `HashMap` with [`Fnv`].
pub(crate) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;
/// `HashSet` with [`Fnv`].
pub(crate) type FastSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<Fnv>>;

/// Feature settings; every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct FeatureOptions {
    /// Compute behaviour features over the posts (default true). When false the matrix has the
    /// profile columns only.
    pub behaviour: bool,
    /// The time zone for day, hour and night features, as minutes east of UTC (default 0;
    /// -1439..=1439).
    pub utc_offset_minutes: i32,
    /// Night starts at this local hour (default 0).
    pub night_start_hour: u32,
    /// Night ends before this local hour (default 6). A start after the end wraps past midnight.
    pub night_end_hour: u32,
    /// Hours after a longest silence counted as its wake-up burst (default 24).
    pub burst_window_h: f64,
}

impl Default for FeatureOptions {
    fn default() -> Self {
        FeatureOptions {
            behaviour: true,
            utc_offset_minutes: 0,
            night_start_hour: 0,
            night_end_hour: 6,
            burst_window_h: 24.0,
        }
    }
}

impl FeatureOptions {
    /// Checks every field's domain.
    pub fn validate(&self) -> Result<()> {
        let bad = |name: &str, message: String| Err(Error::arg(name, message));
        if !(-1439..=1439).contains(&self.utc_offset_minutes) {
            return bad(
                "utc_offset_minutes",
                format!("{} is outside -1439..=1439", self.utc_offset_minutes),
            );
        }
        if self.night_start_hour > 23 || self.night_end_hour > 24 {
            return bad(
                "night_start_hour",
                "night hours must be 0..=23 (start) and 0..=24 (end)".to_string(),
            );
        }
        if !self.burst_window_h.is_finite()
            || self.burst_window_h <= 0.0
            || self.burst_window_h > 1.0e6
        {
            return bad(
                "burst_window_h",
                format!(
                    "{} must be a finite number of hours in (0, 1e6]",
                    self.burst_window_h
                ),
            );
        }
        Ok(())
    }
}

/// The feature matrix: rows are accounts, columns are features.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureMatrix {
    /// Account id of each row.
    pub account_ids: Vec<String>,
    /// Handle of each row (empty when the account was seen only as a post author without one).
    pub handles: Vec<String>,
    /// Column names, in order.
    pub columns: Vec<String>,
    /// Values, `rows × columns`, NaN where missing.
    pub values: Array2<f64>,
    /// `true` where the value is missing (exactly where `values` is NaN).
    pub mask: Array2<bool>,
}

impl FeatureMatrix {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.account_ids.len()
    }

    /// True when there is no row.
    pub fn is_empty(&self) -> bool {
        self.account_ids.is_empty()
    }

    /// The index of a column by name.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// One value by row and column name.
    pub fn get(&self, row: usize, column: &str) -> Option<f64> {
        let j = self.column_index(column)?;
        self.values.get((row, j)).copied()
    }

    /// Whether one value is missing.
    pub fn is_missing(&self, row: usize, column: &str) -> Option<bool> {
        let j = self.column_index(column)?;
        self.mask.get((row, j)).copied()
    }

    /// The row of an account id.
    pub fn row_of(&self, account_id: &str) -> Option<usize> {
        self.account_ids.iter().position(|id| id == account_id)
    }

    /// Writes CSV: header `account_id,handle,<columns>`, one row per account, missing values as
    /// empty cells, numbers in Rust's shortest round-trip form.
    pub fn write_csv<W: Write>(&self, writer: W) -> Result<()> {
        let io = |e: ::csv::Error| {
            Error::from(disinfo_core::IoError::write(
                "<output>",
                std::io::Error::other(e),
            ))
        };
        let mut w = ::csv::Writer::from_writer(writer);
        let mut header = vec!["account_id".to_string(), "handle".to_string()];
        header.extend(self.columns.iter().cloned());
        w.write_record(&header).map_err(io)?;
        let mut record: Vec<String> = Vec::with_capacity(header.len());
        for (i, row) in self.values.outer_iter().enumerate() {
            record.clear();
            record.push(self.account_ids[i].clone());
            record.push(self.handles[i].clone());
            record.extend(row.iter().map(|v| {
                if v.is_nan() {
                    String::new()
                } else {
                    v.to_string()
                }
            }));
            w.write_record(&record).map_err(io)?;
        }
        w.flush()
            .map_err(|e| disinfo_core::IoError::write("<output>", e).into())
    }
}

/// JSON shape: `{"account_ids": [...], "handles": [...], "columns": [...], "rows": [[number |
/// null, ...], ...]}` (null where missing; JSON has no NaN).
impl Serialize for FeatureMatrix {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let rows: Vec<Vec<Option<f64>>> = self
            .values
            .outer_iter()
            .map(|row| {
                row.iter()
                    .map(|v| if v.is_finite() { Some(*v) } else { None })
                    .collect()
            })
            .collect();
        let mut s = serializer.serialize_struct("FeatureMatrix", 4)?;
        s.serialize_field("account_ids", &self.account_ids)?;
        s.serialize_field("handles", &self.handles)?;
        s.serialize_field("columns", &self.columns)?;
        s.serialize_field("rows", &rows)?;
        s.end()
    }
}

/// The column names [`compute`] produces for these options.
pub fn column_names(options: &FeatureOptions) -> Vec<String> {
    let mut columns: Vec<String> = PROFILE_COLUMNS.iter().map(|c| c.to_string()).collect();
    if options.behaviour {
        columns.extend(BEHAVIOUR_COLUMNS.iter().map(|c| c.to_string()));
    }
    columns
}

/// The latest observation of every account id, in order of first appearance.
pub fn latest_observations(accounts: &[Account]) -> Vec<&Account> {
    rows::RowIndex::from_accounts(accounts).latest
}

/// Computes the feature matrix of `accounts` (profile observations) and `posts`.
pub fn compute(
    accounts: &[Account],
    posts: &[Post],
    options: &FeatureOptions,
) -> Result<FeatureMatrix> {
    options.validate()?;
    let mut index = rows::RowIndex::from_accounts(accounts);
    let post_rows: Vec<usize> = if options.behaviour {
        index.rows_of_posts(posts)
    } else {
        Vec::new()
    };
    let latest = &index.latest;
    let observed_rows = latest.len();
    let n_rows = index.len();
    let (account_ids, handles): (Vec<String>, Vec<String>) = index
        .ids()
        .par_iter()
        .enumerate()
        .map(|(i, id)| {
            let handle = latest.get(i).map(|a| a.handle.clone()).unwrap_or_default();
            (id.to_string(), handle)
        })
        .unzip();
    let columns = column_names(options);
    let width = columns.len();

    // Group posts by row with a counting sort (stable: input order within a row).
    let mut starts = vec![0usize; n_rows + 1];
    for &row in &post_rows {
        starts[row + 1] += 1;
    }
    for i in 0..n_rows {
        starts[i + 1] += starts[i];
    }
    let mut grouped: Vec<&Post> = Vec::with_capacity(post_rows.len());
    if options.behaviour {
        let mut fill = starts.clone();
        let mut slots: Vec<usize> = vec![0; post_rows.len()];
        for (p, &row) in post_rows.iter().enumerate() {
            slots[fill[row]] = p;
            fill[row] += 1;
        }
        grouped.extend(slots.iter().map(|&p| &posts[p]));
    }

    // Zeroed memory comes from the allocator untouched; each row is written (NaN first) by the
    // thread that computes it.
    let mut values = vec![0.0; n_rows * width];
    values
        .par_chunks_mut(width.max(1))
        .enumerate()
        .for_each(|(i, out)| {
            out.fill(f64::NAN);
            if i < observed_rows {
                profile::profile_row(latest[i], &mut out[..PROFILE_COLUMNS.len()]);
            }
            if options.behaviour {
                let mut own: Vec<&Post> = grouped[starts[i]..starts[i + 1]].to_vec();
                own.sort_by(|a, b| {
                    a.created_at
                        .cmp(&b.created_at)
                        .then_with(|| a.id.cmp(&b.id))
                });
                own.dedup_by(|a, b| a.id == b.id);
                behaviour::behaviour_row(&own, options, &mut out[PROFILE_COLUMNS.len()..]);
            }
        });
    let missing: Vec<bool> = values.par_iter().map(|v| v.is_nan()).collect();
    let shape_error = |e: ndarray::ShapeError| Error::arg("accounts".to_string(), e.to_string());
    let values = Array2::from_shape_vec((n_rows, width), values).map_err(shape_error)?;
    let mask = Array2::from_shape_vec((n_rows, width), missing).map_err(shape_error)?;
    Ok(FeatureMatrix {
        account_ids,
        handles,
        columns,
        values,
        mask,
    })
}

/// Profile features only, for many accounts (the 1M-account fast path): equivalent to
/// [`compute`] with `behaviour = false`.
pub fn profile_features(accounts: &[Account]) -> Result<FeatureMatrix> {
    compute(
        accounts,
        &[],
        &FeatureOptions {
            behaviour: false,
            ..FeatureOptions::default()
        },
    )
}
