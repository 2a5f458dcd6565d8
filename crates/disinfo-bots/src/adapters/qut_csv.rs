//! The QUT coordination-network-toolkit CSV: one row per message with the header
//! `message_id,user_id,username,repost_id,reply_id,message,timestamp,urls`.
//!
//! Columns are found by header name (any order, extra columns ignored). `timestamp` is POSIX
//! seconds (as the toolkit writes) or RFC 3339; `urls` is space-separated; hashtags and mentions
//! are taken from the message text. The format carries no profiles: each user appears once as an
//! account observation with only id and handle, observed at the caller's `observed_at` or else
//! at the user's first message.

use std::collections::HashSet;
use std::io::BufRead;

use csv::{ByteRecord, ReaderBuilder};

use super::fields::{Reason, parse_any_time};
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

pub(crate) fn read<R: BufRead>(reader: R, ctx: &Ctx<'_>) -> Result<Dataset> {
    let mut tally = Tally::new(ctx.options);
    let mut csv = ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
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
    let mut seen = HashSet::new();
    let mut record = ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                match row(ctx, &cols, &record, &mut seen) {
                    Ok((post, account)) => {
                        tally.accept();
                        tally.sink.posts.push(post);
                        tally.sink.accounts.extend(account);
                    }
                    Err(reason) => tally.reject(line, format!("line {line}"), reason)?,
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                if e.is_io_error() {
                    return Err(Error::Io {
                        path: ctx.options.source_name.clone(),
                        message: e.to_string(),
                    });
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

fn row(
    ctx: &Ctx<'_>,
    cols: &Columns,
    record: &ByteRecord,
    seen: &mut HashSet<String>,
) -> std::result::Result<(Post, Option<Account>), Reason> {
    let id = field(record, cols.message_id, "message_id")?.trim();
    let user = field(record, cols.user_id, "user_id")?.trim();
    if id.is_empty() {
        return Err("column `message_id`: empty".to_string());
    }
    if user.is_empty() {
        return Err("column `user_id`: empty".to_string());
    }
    let raw_time = field(record, cols.timestamp, "timestamp")?;
    let created_at = parse_any_time(raw_time).map_err(|e| format!("column `timestamp`: {e}"))?;
    let text = field(record, cols.message, "message")?;
    let mut post = Post::new(Platform::Generic, id, user, created_at, PostKind::Original);
    if let Some(repost) = optional(record, cols.repost_id, "repost_id")? {
        post.kind = PostKind::Repost;
        post.reposted_id = Some(repost.to_string());
    } else if let Some(reply) = optional(record, cols.reply_id, "reply_id")? {
        post.kind = PostKind::Reply;
        post.replied_to_id = Some(reply.to_string());
    }
    post.text = text.to_string();
    if let Some(urls) = optional(record, cols.urls, "urls")? {
        post.urls = urls.split_whitespace().map(str::to_string).collect();
    }
    for token in text.split_whitespace() {
        let word = |t: &str| {
            t.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_')
                .to_string()
        };
        if let Some(tag) = token.strip_prefix('#').map(word).filter(|t| !t.is_empty()) {
            post.hashtags.push(tag);
        } else if let Some(m) = token.strip_prefix('@').map(word).filter(|t| !t.is_empty()) {
            post.mentions.push(m);
        }
    }
    let account = if seen.insert(user.to_string()) {
        let handle = optional(record, cols.username, "username")?.unwrap_or_default();
        let observed_at = ctx.options.observed_at.unwrap_or(created_at);
        Some(Account::new(Platform::Generic, user, handle, observed_at))
    } else {
        None
    };
    Ok((post, account))
}
