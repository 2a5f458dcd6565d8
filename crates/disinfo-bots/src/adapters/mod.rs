//! Streaming adapters from platform exports to the neutral model ([`crate::model`]).
//!
//! Input is read as a stream, never as one string: JSONL line by line (with line numbers), a
//! top-level JSON array element by element, a single JSON document (an API page) as one record,
//! and CSV row by row with fields mapped by header name. The container is detected from the
//! first non-blank byte (`[` array; `{` JSONL unless the first line is not a complete value, then
//! one document) — for CSV formats the container is always CSV.
//!
//! No record is dropped silently. Modes: [`Mode::Strict`] (the default) fails on the first bad
//! record with its location; [`Mode::Lenient`] keeps going and lists every bad record in
//! [`Dataset::rejected`] with its line number and reason. The counts of read, accepted and
//! rejected records are always returned.
//!
//! ```
//! use disinfo_bots::adapters::{read_str, InputFormat, ReadOptions};
//!
//! let line = r#"{"id":"1","username":"anna","name":"Anna","created_at":"2019-03-14T15:08:32Z",
//!   "public_metrics":{"followers_count":5,"following_count":7,"tweet_count":3,"listed_count":0}}"#;
//! let mut options = ReadOptions::new(InputFormat::TwitterV2);
//! options.observed_at = Some("2021-06-23T15:27:11Z".parse().unwrap());
//! let data = read_str(&line.replace('\n', ""), &options).unwrap();
//! assert_eq!(data.accounts[0].handle, "anna");
//! assert_eq!(data.accounts[0].followers, Some(5));
//! ```

mod bluesky;
pub mod coortweet;
mod detect;
pub(crate) mod fields;
pub mod lists;
mod mastodon;
pub(crate) mod qut_csv;
mod request;
mod snscrape;
mod stream;
mod tiktok;
mod twitter_v1;
mod twitter_v2;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Account, Post};
use crate::{Error, Result};

pub use detect::detect;
pub use lists::Compat;
pub use request::ReadRequestOptions;

/// The input formats the adapters understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// Twitter API v1.1 tweet objects (with the embedded `user`) and user objects.
    TwitterV1,
    /// Twitter API v2 responses (`data` + `includes`), or single v2 tweet / user objects.
    TwitterV2,
    /// snscrape JSONL (`snscrape --jsonl twitter-...`).
    Snscrape,
    /// Bluesky: profile views, post views, feed items (with repost reasons), Jetstream commits.
    Bluesky,
    /// Mastodon API `Account` and `Status` entities.
    Mastodon,
    /// TikTok research API user info and video query results.
    Tiktok,
    /// The QUT coordination-network-toolkit CSV
    /// (`message_id,user_id,username,repost_id,reply_id,message,timestamp,urls`).
    QutCsv,
    /// CooRTweet's generic input: one row per shared object (`object_id, account_id,
    /// content_id, timestamp_share`), or its wide form with one column per object kind
    /// (`account_id, post_id, url_id, hashtag_id, domain_id, phash_id, timestamp`); see
    /// [`coortweet`].
    Coortweet,
    /// A features CSV as `features` writes it (`account_id,handle,<feature columns>`, empty
    /// cells missing): features computed once, clustered many times. It holds no posts.
    FeaturesCsv,
}

impl InputFormat {
    /// Every format, in documentation order.
    pub const ALL: [InputFormat; 9] = [
        InputFormat::TwitterV1,
        InputFormat::TwitterV2,
        InputFormat::Snscrape,
        InputFormat::Bluesky,
        InputFormat::Mastodon,
        InputFormat::Tiktok,
        InputFormat::QutCsv,
        InputFormat::Coortweet,
        InputFormat::FeaturesCsv,
    ];

    /// The stable name (`twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok`,
    /// `qut-csv`, `coortweet`, `features-csv`).
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::TwitterV1 => "twitter-v1",
            InputFormat::TwitterV2 => "twitter-v2",
            InputFormat::Snscrape => "snscrape",
            InputFormat::Bluesky => "bluesky",
            InputFormat::Mastodon => "mastodon",
            InputFormat::Tiktok => "tiktok",
            InputFormat::QutCsv => "qut-csv",
            InputFormat::Coortweet => "coortweet",
            InputFormat::FeaturesCsv => "features-csv",
        }
    }
}

impl FromStr for InputFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        InputFormat::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                Error::arg(
                    "input_format".to_string(),
                    format!(
                        "unknown input format `{s}`; expected one of {}",
                        InputFormat::ALL.map(InputFormat::name).join(", ")
                    ),
                )
            })
    }
}

/// Parses an RFC 3339 time given as argument `name` (for front ends taking times as text).
pub fn parse_time(text: &str, name: &str) -> Result<DateTime<Utc>> {
    fields::parse_rfc3339(text).map_err(|reason| Error::arg(name.to_string(), reason))
}

/// Strict (fail on the first bad record) or lenient (collect rejections).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Fail on the first bad record with its location (the default).
    #[default]
    Strict,
    /// Report bad records in [`Dataset::rejected`] and keep going.
    Lenient,
}

impl FromStr for Mode {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "strict" => Ok(Mode::Strict),
            "lenient" => Ok(Mode::Lenient),
            other => Err(Error::arg(
                "mode".to_string(),
                format!("unknown mode `{other}`; expected `strict` or `lenient`"),
            )),
        }
    }
}

/// How to read one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReadOptions {
    /// The input format.
    pub format: InputFormat,
    /// Strict or lenient (default strict).
    #[serde(default)]
    pub mode: Mode,
    /// The observation time for profiles that carry none (standalone user objects, Bluesky
    /// profile views, TikTok user info). Profiles embedded in a post are observed at the post's
    /// time whatever this says. A profile with no observation time is a malformed record.
    #[serde(default)]
    pub observed_at: Option<DateTime<Utc>>,
    /// The input's name in messages and rejections (default `<input>`).
    #[serde(default = "default_source_name")]
    pub source_name: String,
    /// Another tool's reading kept for parity checks (default `none`; `qut-1.5.2` splits QUT
    /// `urls` cells on single spaces as that toolkit does).
    #[serde(default)]
    pub compat: Compat,
}

fn default_source_name() -> String {
    "<input>".to_string()
}

impl ReadOptions {
    /// Strict options for `format`, with no default observation time.
    pub fn new(format: InputFormat) -> Self {
        ReadOptions {
            format,
            mode: Mode::Strict,
            observed_at: None,
            source_name: default_source_name(),
            compat: Compat::None,
        }
    }
}

/// One record that lenient mode rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rejection {
    /// The input's name.
    pub source: String,
    /// 1-based line number (the line where the record ends for multi-line JSON; 0 if unknown).
    pub line: u64,
    /// 1-based record number in the input.
    pub record: u64,
    /// What was wrong, with the JSON pointer or column where there is one.
    pub reason: String,
}

/// Everything read from one or more inputs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Dataset {
    /// Every profile observation, in input order (an account may be observed several times).
    pub accounts: Vec<Account>,
    /// Every post, in input order.
    pub posts: Vec<Post>,
    /// Records rejected in lenient mode.
    pub rejected: Vec<Rejection>,
    /// Records read (accepted + rejected).
    pub records_read: u64,
    /// Records accepted.
    pub records_accepted: u64,
    /// Records rejected.
    pub records_rejected: u64,
}

impl Dataset {
    /// Appends another dataset (e.g. the next input file).
    pub fn extend(&mut self, other: Dataset) {
        self.accounts.extend(other.accounts);
        self.posts.extend(other.posts);
        self.rejected.extend(other.rejected);
        self.records_read += other.records_read;
        self.records_accepted += other.records_accepted;
        self.records_rejected += other.records_rejected;
    }
}

/// Where mapped records go; adapters push into it.
#[derive(Default)]
pub(crate) struct Sink {
    pub(crate) accounts: Vec<Account>,
    pub(crate) posts: Vec<Post>,
}

/// The per-record context an adapter sees.
pub(crate) struct Ctx<'a> {
    pub(crate) options: &'a ReadOptions,
}

impl Ctx<'_> {
    /// The observation time for a profile without its own: the caller's, or a reason.
    pub(crate) fn observed_at(&self, what: &str) -> std::result::Result<DateTime<Utc>, String> {
        self.options.observed_at.ok_or_else(|| {
            format!(
                "{what} carries no observation time; pass observed_at (CLI: --observed-at TIME)"
            )
        })
    }
}

/// Maps one JSON record of `format` into the sink (all or nothing: on `Err` nothing is kept).
fn map_record(ctx: &Ctx<'_>, value: &Value, sink: &mut Sink) -> std::result::Result<(), String> {
    let mut local = Sink::default();
    match ctx.options.format {
        InputFormat::TwitterV1 => twitter_v1::map(ctx, value, &mut local)?,
        InputFormat::TwitterV2 => twitter_v2::map(ctx, value, &mut local)?,
        InputFormat::Snscrape => snscrape::map(ctx, value, &mut local)?,
        InputFormat::Bluesky => bluesky::map(ctx, value, &mut local)?,
        InputFormat::Mastodon => mastodon::map(ctx, value, &mut local)?,
        InputFormat::Tiktok => tiktok::map(ctx, value, &mut local)?,
        InputFormat::QutCsv | InputFormat::Coortweet | InputFormat::FeaturesCsv => {
            return Err(format!(
                "the {} format is CSV, not JSON",
                ctx.options.format.name()
            ));
        }
    }
    sink.accounts.append(&mut local.accounts);
    sink.posts.append(&mut local.posts);
    Ok(())
}

/// Reads one input from a buffered reader (gzip-compressed or not).
pub fn read<R: BufRead>(reader: R, options: &ReadOptions) -> Result<Dataset> {
    let ctx = Ctx { options };
    let reader =
        decompressed(reader).map_err(|e| disinfo_core::IoError::read(&options.source_name, e))?;
    match options.format {
        InputFormat::QutCsv => qut_csv::read(reader, &ctx),
        InputFormat::Coortweet => coortweet::read(reader, &ctx),
        InputFormat::FeaturesCsv => Err(Error::arg(
            "input_format",
            "features-csv holds features, not posts: read it with features, cluster_accounts or report",
        )),
        _ => stream::read_json(reader, &ctx),
    }
}

/// The reader itself, or a gzip decoder over it when it starts with gzip's magic bytes
/// (`.gz` exports are read as they are).
pub fn decompressed<'a, R: BufRead + 'a>(mut reader: R) -> std::io::Result<Box<dyn BufRead + 'a>> {
    let head = reader.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(reader),
        )))
    } else {
        Ok(Box::new(reader))
    }
}

/// Reads one input held in memory.
pub fn read_str(text: &str, options: &ReadOptions) -> Result<Dataset> {
    read(text.as_bytes(), options)
}

/// Reads one input held in memory as bytes (invalid UTF-8 is a malformed record).
pub fn read_bytes(bytes: &[u8], options: &ReadOptions) -> Result<Dataset> {
    read(bytes, options)
}

/// Opens and reads a file (gzip-compressed or not); the path becomes the source name unless
/// one was set.
pub fn read_path(path: &Path, options: &ReadOptions) -> Result<Dataset> {
    let (file, options) = open(path, options)?;
    read(BufReader::with_capacity(1 << 16, file), &options)
}

/// Opens a file for reading, with the path as source name unless one was set.
fn open(path: &Path, options: &ReadOptions) -> Result<(File, ReadOptions)> {
    let file = File::open(path).map_err(|e| disinfo_core::IoError::read(path.display(), e))?;
    let mut options = options.clone();
    if options.source_name == default_source_name() {
        options.source_name = path.display().to_string();
    }
    Ok((file, options))
}

/// Reads a QUT CSV file (`-` = stdin) row by row without building posts: every accepted row
/// goes to `on_row` in input order; the dataset returned has the accounts, counts and
/// rejections (exactly as [`read_path`]) but no posts.
pub(crate) fn read_qut_rows_path(
    path: &Path,
    options: &ReadOptions,
    on_row: impl FnMut(&qut_csv::Row<'_>) -> Result<()>,
) -> Result<Dataset> {
    if path.as_os_str() == "-" {
        let mut options = options.clone();
        if options.source_name == default_source_name() {
            options.source_name = "<stdin>".to_string();
        }
        let ctx = Ctx { options: &options };
        let input = decompressed(std::io::stdin().lock())
            .map_err(|e| disinfo_core::IoError::read(&options.source_name, e))?;
        return qut_csv::read_rows(input, &ctx, on_row);
    }
    let (file, options) = open(path, options)?;
    let input = decompressed(BufReader::with_capacity(1 << 16, file))
        .map_err(|e| disinfo_core::IoError::read(&options.source_name, e))?;
    qut_csv::read_rows(input, &Ctx { options: &options }, on_row)
}

/// [`read_qut_rows_path`] for an input held in memory.
pub(crate) fn read_qut_rows_bytes(
    bytes: &[u8],
    options: &ReadOptions,
    on_row: impl FnMut(&qut_csv::Row<'_>) -> Result<()>,
) -> Result<Dataset> {
    let input =
        decompressed(bytes).map_err(|e| disinfo_core::IoError::read(&options.source_name, e))?;
    qut_csv::read_rows(input, &Ctx { options }, on_row)
}

/// Records every outcome of one record: accepted, or rejected (lenient) / error (strict).
pub(crate) struct Tally<'a> {
    pub(crate) options: &'a ReadOptions,
    pub(crate) data: Dataset,
    pub(crate) sink: Sink,
}

impl<'a> Tally<'a> {
    pub(crate) fn new(options: &'a ReadOptions) -> Self {
        Tally {
            options,
            data: Dataset::default(),
            sink: Sink::default(),
        }
    }

    /// Maps a parsed JSON record.
    pub(crate) fn json(
        &mut self,
        ctx: &Ctx<'_>,
        line: u64,
        location: String,
        value: &Value,
    ) -> Result<()> {
        match map_record(ctx, value, &mut self.sink) {
            Ok(()) => {
                self.accept();
                Ok(())
            }
            Err(reason) => self.reject(line, location, reason),
        }
    }

    pub(crate) fn accept(&mut self) {
        self.data.records_read += 1;
        self.data.records_accepted += 1;
    }

    /// A bad record: an error in strict mode, a rejection in lenient mode.
    pub(crate) fn reject(&mut self, line: u64, location: String, reason: String) -> Result<()> {
        self.data.records_read += 1;
        if self.options.mode == Mode::Strict {
            return Err(Error::MalformedRecord {
                source_name: self.options.source_name.clone(),
                location,
                line,
                reason,
            });
        }
        self.data.records_rejected += 1;
        self.data.rejected.push(Rejection {
            source: self.options.source_name.clone(),
            line,
            record: self.data.records_read,
            reason,
        });
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Dataset {
        self.data.accounts = std::mem::take(&mut self.sink.accounts);
        self.data.posts = std::mem::take(&mut self.sink.posts);
        self.data
    }
}
