//! The QUT coordination-network-toolkit CSV: one row per message with the header
//! `message_id,user_id,username,repost_id,reply_id,message,timestamp,urls`.
//!
//! Columns are found by header name (any order, extra columns ignored). `timestamp` is POSIX
//! seconds (as the toolkit writes) or RFC 3339; `urls` is space-separated or list text (see
//! [`super::lists`]; `compat: "qut-1.5.2"` splits it as the toolkit does); hashtags and mentions
//! are taken from the message text. The format carries no profiles: each user appears once as an
//! account observation with only id and handle, observed at the caller's `observed_at` or else
//! at the user's first message.
//!
//! Rows are validated into a borrowed [`Row`] (no allocation per row), so a consumer that needs
//! only some fields (the coordination network) reads the file without building [`Post`]s;
//! [`read`] builds them for the general [`Dataset`] path. Both share one validation, so they
//! accept and reject exactly the same rows.

use std::borrow::Cow;
use std::io::Read;

use chrono::{DateTime, Utc};
use csv::{ByteRecord, ReaderBuilder};
use hashbrown::HashSet;

use super::fields::{Reason, parse_any_time};
use super::lists::{self, Compat};
use super::{Ctx, Dataset, Tally};
use crate::model::{Account, Platform, Post, PostKind};
use crate::{Error, Result};

/// The columns the format needs; `urls`, `repost_id` and `reply_id` may be absent.
const REQUIRED: [&str; 4] = ["message_id", "user_id", "message", "timestamp"];

struct Columns {
    message_id: usize,
    user_id: usize,
    username: Option<usize>,
    repost_id: Option<usize>,
    reply_id: Option<usize>,
    message: usize,
    timestamp: usize,
    urls: Option<usize>,
}

/// One accepted row, borrowed from the CSV reader's buffer.
pub(crate) struct Row<'r> {
    /// `message_id`, trimmed, non-empty.
    pub(crate) id: &'r str,
    /// `user_id`, trimmed, non-empty.
    pub(crate) user: &'r str,
    pub(crate) created_at: DateTime<Utc>,
    /// `message`, as written.
    pub(crate) text: &'r str,
    /// `repost_id` when present (the row is a repost).
    pub(crate) repost: Option<&'r str>,
    /// `reply_id` when present and the row is not a repost.
    pub(crate) reply: Option<&'r str>,
    /// `urls` as written (empty when absent).
    pub(crate) urls: &'r str,
    /// How `urls` is read.
    pub(crate) compat: Compat,
}

impl Row<'_> {
    pub(crate) fn kind(&self) -> PostKind {
        if self.repost.is_some() {
            PostKind::Repost
        } else if self.reply.is_some() {
            PostKind::Reply
        } else {
            PostKind::Original
        }
    }

    /// The URLs of the row.
    pub(crate) fn url_list(&self) -> Vec<Cow<'_, str>> {
        match self.compat {
            Compat::None => lists::items(self.urls),
            Compat::Qut152 => lists::qut_152(self.urls)
                .into_iter()
                .map(Cow::Borrowed)
                .collect(),
        }
    }

    /// Hashtags (without `#`) in order: whitespace-separated tokens starting with `#`, with
    /// trailing punctuation removed.
    pub(crate) fn hashtags(&self) -> Vec<String> {
        tags(self.text).0
    }

    /// The neutral post.
    pub(crate) fn to_post(&self) -> Post {
        let mut post = Post::new(
            Platform::Generic,
            self.id,
            self.user,
            self.created_at,
            self.kind(),
        );
        post.reposted_id = self.repost.map(str::to_string);
        post.replied_to_id = self.reply.map(str::to_string);
        post.text = self.text.to_string();
        post.urls = self.url_list().into_iter().map(Cow::into_owned).collect();
        (post.hashtags, post.mentions) = tags(self.text);
        post
    }
}

/// Hashtags and mentions of a message text.
fn tags(text: &str) -> (Vec<String>, Vec<String>) {
    let mut hashtags = Vec::new();
    let mut mentions = Vec::new();
    for token in text.split_whitespace() {
        let word = |t: &str| {
            t.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_')
                .to_string()
        };
        if let Some(tag) = token.strip_prefix('#').map(word).filter(|t| !t.is_empty()) {
            hashtags.push(tag);
        } else if let Some(m) = token.strip_prefix('@').map(word).filter(|t| !t.is_empty()) {
            mentions.push(m);
        }
    }
    (hashtags, mentions)
}

/// Reads the CSV into a dataset of posts and accounts.
pub(crate) fn read<R: Read>(reader: R, ctx: &Ctx<'_>) -> Result<Dataset> {
    let mut posts = Vec::new();
    let mut data = read_rows(reader, ctx, |row| {
        posts.push(row.to_post());
        Ok(())
    })?;
    data.posts = posts;
    Ok(data)
}

/// Reads the CSV, handing every accepted row to `on_row` in input order. The returned dataset
/// holds the accounts, counts and rejections but no posts.
pub(crate) fn read_rows<R: Read>(
    reader: R,
    ctx: &Ctx<'_>,
    mut on_row: impl FnMut(&Row<'_>) -> Result<()>,
) -> Result<Dataset> {
    let mut tally = Tally::new(ctx.options);
    let mut csv = ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    let header_error = |reason: String| Error::MalformedRecord {
        source_name: ctx.options.source_name.clone(),
        location: "line 1 (header)".to_string(),
        line: 1,
        reason,
    };
    let headers = match csv.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(header_error(format!("unreadable CSV header: {e}"))),
    };
    if headers.is_empty() {
        return Ok(tally.finish());
    }
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_ascii() == name.as_bytes())
    };
    for name in REQUIRED {
        if find(name).is_none() {
            return Err(header_error(format!(
                "the header has no `{name}` column; expected message_id,user_id,username,repost_id,reply_id,message,timestamp,urls"
            )));
        }
    }
    let cols = Columns {
        message_id: find("message_id").unwrap_or_default(),
        user_id: find("user_id").unwrap_or_default(),
        username: find("username"),
        repost_id: find("repost_id"),
        reply_id: find("reply_id"),
        message: find("message").unwrap_or_default(),
        timestamp: find("timestamp").unwrap_or_default(),
        urls: find("urls"),
    };
    let mut seen: HashSet<Box<str>> = HashSet::new();
    let mut record = ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => match row(ctx, &cols, &record, &mut seen) {
                Ok((row, account)) => {
                    tally.accept();
                    tally.sink.accounts.extend(account);
                    on_row(&row)?;
                }
                Err(reason) => {
                    let line = record.position().map_or(0, |p| p.line());
                    tally.reject(line, format!("line {line}"), reason)?;
                }
            },
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                if let csv::ErrorKind::Io(_) = e.kind() {
                    // The reader failed, not the record: the whole read fails with its cause.
                    let source = match e.into_kind() {
                        csv::ErrorKind::Io(io) => io,
                        other => std::io::Error::other(format!("{other:?}")),
                    };
                    return Err(
                        disinfo_core::IoError::read(&ctx.options.source_name, source).into(),
                    );
                }
                tally.reject(line, format!("line {line}"), format!("malformed CSV: {e}"))?;
            }
        }
    }
    Ok(tally.finish())
}

fn field<'r>(
    record: &'r ByteRecord,
    index: usize,
    name: &str,
) -> std::result::Result<&'r str, Reason> {
    let bytes = record
        .get(index)
        .ok_or_else(|| format!("column `{name}`: the row has only {} fields", record.len()))?;
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "column `{name}`: invalid UTF-8 at byte {}",
            e.valid_up_to() + 1
        )
    })
}

fn optional<'r>(
    record: &'r ByteRecord,
    index: Option<usize>,
    name: &str,
) -> std::result::Result<Option<&'r str>, Reason> {
    match index {
        None => Ok(None),
        Some(i) if i >= record.len() => Ok(None),
        Some(i) => Ok(Some(field(record, i, name)?.trim()).filter(|s| !s.is_empty())),
    }
}

/// POSIX seconds written as plain decimal digits (the toolkit's form), read without the general
/// parser; anything else goes to [`parse_any_time`].
fn parse_time(raw: &str) -> std::result::Result<DateTime<Utc>, Reason> {
    let digits = raw.as_bytes();
    if !digits.is_empty() && digits.len() <= 12 && digits.iter().all(u8::is_ascii_digit) {
        let secs = digits
            .iter()
            .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
        if let Some(t) = DateTime::from_timestamp(secs, 0) {
            return Ok(t);
        }
    }
    parse_any_time(raw)
}

fn row<'r>(
    ctx: &Ctx<'_>,
    cols: &Columns,
    record: &'r ByteRecord,
    seen: &mut HashSet<Box<str>>,
) -> std::result::Result<(Row<'r>, Option<Account>), Reason> {
    let repost = optional(record, cols.repost_id, "repost_id")?;
    let reply = match repost {
        Some(_) => None,
        None => optional(record, cols.reply_id, "reply_id")?,
    };
    let urls = match cols.urls {
        Some(i) if i < record.len() => field(record, i, "urls")?,
        _ => "",
    };
    let fields = Fields {
        id: field(record, cols.message_id, "message_id")?,
        user: field(record, cols.user_id, "user_id")?,
        timestamp: field(record, cols.timestamp, "timestamp")?,
        text: field(record, cols.message, "message")?,
        repost,
        reply,
        urls,
    };
    let row = validate(fields, ctx.options.compat)?;
    let (user, created_at) = (row.user, row.created_at);
    // A user is remembered before the handle is checked, as before: a row rejected for its
    // handle still marks the user as seen.
    let account = if seen.contains(user) {
        None
    } else {
        seen.insert(user.into());
        let handle = optional(record, cols.username, "username")?.unwrap_or_default();
        let observed_at = ctx.options.observed_at.unwrap_or(created_at);
        Some(Account::new(Platform::Generic, user, handle, observed_at))
    };
    Ok((row, account))
}

/// The fields of one row as written (`repost` and `reply` trimmed, `None` when empty or absent).
pub(crate) struct Fields<'r> {
    pub(crate) id: &'r str,
    pub(crate) user: &'r str,
    pub(crate) timestamp: &'r str,
    pub(crate) text: &'r str,
    pub(crate) repost: Option<&'r str>,
    pub(crate) reply: Option<&'r str>,
    pub(crate) urls: &'r str,
}

/// Validates one row's fields: the one check of the CSV reader and of tables of posts.
pub(crate) fn validate(f: Fields<'_>, compat: Compat) -> std::result::Result<Row<'_>, Reason> {
    let id = f.id.trim();
    let user = f.user.trim();
    if id.is_empty() {
        return Err("column `message_id`: empty".to_string());
    }
    if user.is_empty() {
        return Err("column `user_id`: empty".to_string());
    }
    let created_at = parse_time(f.timestamp).map_err(|e| format!("column `timestamp`: {e}"))?;
    Ok(Row {
        id,
        user,
        created_at,
        text: f.text,
        repost: f.repost,
        // A repost's reply target is not read.
        reply: f.repost.map_or(f.reply, |_| None),
        urls: f.urls,
        compat,
    })
}
