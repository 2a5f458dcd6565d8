//! CooRTweet's generic input (Righetti & Balluff, the `CooRTweet` R package): one CSV row per
//! shared object, the most common platform-neutral format in coordination research besides
//! the QUT toolkit's.
//!
//! Two shapes are read, columns found by name (any order, extra columns ignored):
//! - the long form `object_id, account_id, content_id, timestamp_share`: the objects of a post
//!   become its [`Post::objects`] (networks of kind `co-object`);
//! - the wide form, one column per kind of object, e.g. `account_id, post_id, url_id,
//!   hashtag_id, domain_id, phash_id, timestamp` (the 2021 German federal election data set CooRTweet
//!   ships): `url`/`url_id` → [`Post::urls`], `hashtag`/`hashtag_id` → [`Post::hashtags`],
//!   `domain`/`domain_id` → [`Post::domains`], `phash`/`phash_id`/`image`/`image_id` →
//!   [`Post::images`], `object_id` → [`Post::objects`].
//!
//! The post id is `content_id` (or `post_id`, `message_id`), the account `account_id` (or
//! `user_id`), the time `timestamp_share` (or `timestamp`): POSIX seconds (a fraction allowed) or
//! RFC 3339. The rows of one post (any order, not necessarily adjacent) make one [`Post`];
//! repeated objects count once; an empty cell is no object. A row whose post id was first seen
//! with another account is a bad record. Each account is observed once, at the caller's
//! `observed_at` or else at its first post, with only its id (the format has no profiles).

use std::collections::HashMap;
use std::io::Read;

use chrono::{DateTime, Utc};
use csv::{ByteRecord, ReaderBuilder};

use super::fields::parse_any_time;
use super::{Ctx, Dataset, Tally};
use crate::model::{Account, Platform, Post, PostKind};
use crate::{Error, Result};

/// Where each field is in a row.
struct Columns {
    post: usize,
    account: usize,
    time: usize,
    /// `(column, kind)` of each object column.
    objects: Vec<(usize, Kind)>,
}

#[derive(Clone, Copy)]
enum Kind {
    Url,
    Hashtag,
    Domain,
    Image,
    Object,
}

fn kind_of(name: &str) -> Option<Kind> {
    Some(match name {
        "url" | "url_id" | "urls" => Kind::Url,
        "hashtag" | "hashtag_id" | "hashtags" => Kind::Hashtag,
        "domain" | "domain_id" | "domains" => Kind::Domain,
        "phash" | "phash_id" | "image" | "image_id" => Kind::Image,
        "object_id" => Kind::Object,
        _ => return None,
    })
}

fn columns(headers: &ByteRecord) -> std::result::Result<Columns, String> {
    let names: Vec<String> = headers
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_ascii_lowercase())
        .collect();
    let find = |options: &[&str]| {
        options
            .iter()
            .find_map(|o| names.iter().position(|n| n == o))
    };
    let post = find(&["content_id", "post_id", "message_id"]);
    let account = find(&["account_id", "user_id"]);
    let time = find(&["timestamp_share", "timestamp"]);
    let objects: Vec<(usize, Kind)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| kind_of(n).map(|k| (i, k)))
        .collect();
    match (post, account, time) {
        (Some(post), Some(account), Some(time)) if !objects.is_empty() => Ok(Columns {
            post,
            account,
            time,
            objects,
        }),
        _ => Err(format!(
            "the header ({}) is not CooRTweet's: it needs content_id (or post_id), account_id, timestamp_share (or timestamp) and at least one object column (object_id, url_id, hashtag_id, domain_id, phash_id)",
            names.join(",")
        )),
    }
}

fn cell<'r>(record: &'r ByteRecord, i: usize, name: &str) -> std::result::Result<&'r str, String> {
    let bytes = record.get(i).unwrap_or_default();
    std::str::from_utf8(bytes).map(str::trim).map_err(|e| {
        format!(
            "column `{name}`: invalid UTF-8 at byte {}",
            e.valid_up_to() + 1
        )
    })
}

/// POSIX seconds (`1629589836.0`) or RFC 3339.
fn time(raw: &str) -> std::result::Result<DateTime<Utc>, String> {
    if let Ok(secs) = raw.parse::<f64>()
        && secs.is_finite()
        && secs.abs() < 1e11
    {
        let micros = (secs * 1e6).round() as i64;
        if let Some(t) = DateTime::from_timestamp_micros(micros) {
            return Ok(t);
        }
    }
    parse_any_time(raw)
}

/// What the rows built so far: posts by id, accounts in order of first appearance.
#[derive(Default)]
struct Builder {
    posts: Vec<Post>,
    by_id: HashMap<String, usize>,
    seen_accounts: std::collections::HashSet<String>,
    accounts: Vec<Account>,
}

impl Builder {
    fn row(
        &mut self,
        ctx: &Ctx<'_>,
        cols: &Columns,
        record: &ByteRecord,
    ) -> std::result::Result<(), String> {
        let id = cell(record, cols.post, "content_id")?;
        let account = cell(record, cols.account, "account_id")?;
        if id.is_empty() {
            return Err("the post id (content_id) is empty".into());
        }
        if account.is_empty() {
            return Err("column `account_id`: empty".into());
        }
        let at = time(cell(record, cols.time, "timestamp")?)
            .map_err(|e| format!("column `timestamp`: {e}"))?;
        let index = match self.by_id.get(id) {
            Some(&i) => {
                if self.posts[i].account_id != account {
                    return Err(format!(
                        "post {id} was first seen with account {}, here with {account}",
                        self.posts[i].account_id
                    ));
                }
                i
            }
            None => {
                self.posts.push(Post::new(
                    Platform::Generic,
                    id,
                    account,
                    at,
                    PostKind::Original,
                ));
                self.by_id.insert(id.to_string(), self.posts.len() - 1);
                if self.seen_accounts.insert(account.to_string()) {
                    let observed = ctx.options.observed_at.unwrap_or(at);
                    self.accounts
                        .push(Account::new(Platform::Generic, account, "", observed));
                }
                self.posts.len() - 1
            }
        };
        let post = &mut self.posts[index];
        for &(i, kind) in &cols.objects {
            let value = cell(record, i, "object")?;
            if value.is_empty() {
                continue;
            }
            let list = match kind {
                Kind::Url => &mut post.urls,
                Kind::Hashtag => &mut post.hashtags,
                Kind::Domain => &mut post.domains,
                Kind::Image => &mut post.images,
                Kind::Object => &mut post.objects,
            };
            if !list.iter().any(|v| v == value) {
                list.push(value.to_string());
            }
        }
        Ok(())
    }
}

/// Reads a CooRTweet CSV into posts and accounts.
pub(crate) fn read<R: Read>(reader: R, ctx: &Ctx<'_>) -> Result<Dataset> {
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
    let headers = csv
        .byte_headers()
        .map_err(|e| header_error(format!("unreadable CSV header: {e}")))?
        .clone();
    if headers.is_empty() {
        return Ok(tally.finish());
    }
    let cols = columns(&headers).map_err(header_error)?;
    let mut builder = Builder::default();
    let mut record = ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => match builder.row(ctx, &cols, &record) {
                Ok(()) => tally.accept(),
                Err(reason) => {
                    let line = record.position().map_or(0, |p| p.line());
                    tally.reject(line, format!("line {line}"), reason)?;
                }
            },
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                return Err(disinfo_core::IoError::read(
                    &ctx.options.source_name,
                    std::io::Error::other(e),
                )
                .into());
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                tally.reject(line, format!("line {line}"), format!("malformed CSV: {e}"))?;
            }
        }
    }
    tally.sink.accounts = builder.accounts;
    tally.sink.posts = builder.posts;
    Ok(tally.finish())
}

#[cfg(test)]
mod tests {
    use super::super::{InputFormat, Mode, ReadOptions, read_str};

    #[test]
    fn wide_rows_of_one_post_become_one_post_with_its_objects() {
        let csv = "account_id,post_id,url_id,hashtag_id,domain_id,phash_id,timestamp\n\
                   fb_1,10,7,,3,,1629589836.0\n\
                   fb_1,10,,h1,,,1629589836.0\n\
                   tw_2,11,7,,,p9,1629589900\n\
                   fb_1,10,7,,,,1629589836.0\n";
        let d = read_str(csv, &ReadOptions::new(InputFormat::Coortweet)).expect("valid");
        assert_eq!(d.posts.len(), 2);
        assert_eq!(d.posts[0].urls, ["7"]);
        assert_eq!(d.posts[0].hashtags, ["h1"]);
        assert_eq!(d.posts[0].domains, ["3"]);
        assert_eq!(d.posts[1].images, ["p9"]);
        assert_eq!(
            d.accounts.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["fb_1", "tw_2"]
        );
        assert_eq!(d.records_accepted, 4);
    }

    #[test]
    fn long_form_objects_and_a_post_seen_with_two_accounts() {
        let csv = "object_id,account_id,content_id,timestamp_share\n\
                   o1,a,1,2021-09-01T00:00:00Z\n\
                   o2,a,1,2021-09-01T00:00:00Z\n\
                   o1,b,1,2021-09-01T00:00:05Z\n";
        let strict = read_str(csv, &ReadOptions::new(InputFormat::Coortweet));
        assert_eq!(strict.expect_err("two accounts").code(), "malformed_record");
        let mut lenient = ReadOptions::new(InputFormat::Coortweet);
        lenient.mode = Mode::Lenient;
        let d = read_str(csv, &lenient).expect("lenient");
        assert_eq!(d.posts[0].objects, ["o1", "o2"]);
        assert_eq!(d.rejected[0].line, 4);
    }

    #[test]
    fn a_header_without_object_columns_is_refused() {
        let e =
            read_str("a,b\n1,2\n", &ReadOptions::new(InputFormat::Coortweet)).expect_err("header");
        assert!(e.to_string().contains("not CooRTweet's"), "{e}");
    }
}
