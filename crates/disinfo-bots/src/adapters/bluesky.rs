//! Bluesky (AT protocol, `app.bsky.*` lexicons): profile views, post views, feed items (with
//! `reasonRepost`), pages of those (`profiles`, `feed`, `posts`), and Jetstream commit events
//! for `app.bsky.feed.post` and `app.bsky.feed.repost` records.
//!
//! The account id is the DID, the handle is the full domain handle. Profile views are observed at
//! the caller's `observed_at` (the API gives no fetch time). A post's time is its record's
//! `createdAt`; a repost from a feed item is timed by the reason's `indexedAt`. Mentions are the
//! DIDs of mention facets (the record holds no handles). Bluesky has no likes-given, listed,
//! verified or default-profile counterpart: those stay missing.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::fields::{Obj, Reason};
use super::{Ctx, Sink};
use crate::model::{Account, Platform, Post, PostKind};

pub(crate) fn map(ctx: &Ctx<'_>, value: &Value, sink: &mut Sink) -> Result<(), Reason> {
    let root = Obj::root(value)?;
    item(ctx, &root, sink)
}

fn item(ctx: &Ctx<'_>, o: &Obj<'_>, sink: &mut Sink) -> Result<(), Reason> {
    if o.has("profiles") {
        for p in o.objects("profiles")? {
            item(ctx, &p, sink)?;
        }
        return Ok(());
    }
    if o.has("feed") {
        for p in o.objects("feed")? {
            item(ctx, &p, sink)?;
        }
        return Ok(());
    }
    if o.has("posts") {
        for p in o.objects("posts")? {
            item(ctx, &p, sink)?;
        }
        return Ok(());
    }
    if let Some(commit) = o.obj("commit")? {
        return jetstream(o, &commit, sink);
    }
    if let Some(post_view) = o.obj("post")? {
        // A feed item: the post, and a repost when the reason says so.
        let post = post(&post_view)?;
        if let Some(reason) = o.obj("reason")?
            && reason
                .str("$type")?
                .unwrap_or_default()
                .ends_with("#reasonRepost")
        {
            let by = reason
                .obj("by")?
                .ok_or_else(|| format!("{}/by: required object is missing", reason.pointer))?;
            let by_did = by.req_str("did")?;
            let at = reason.rfc3339("indexedAt")?.ok_or_else(|| {
                format!("{}/indexedAt: required field is missing", reason.pointer)
            })?;
            let mut repost = Post::new(
                Platform::Bluesky,
                format!("repost:{by_did}:{}", post.id),
                by_did,
                at,
                PostKind::Repost,
            );
            repost.reposted_id = Some(post.id.clone());
            repost.reposted_account_id = Some(post.account_id.clone());
            sink.posts.push(repost);
        }
        sink.posts.push(post);
        return Ok(());
    }
    if o.has("uri") && o.has("record") {
        sink.posts.push(post(o)?);
        return Ok(());
    }
    if o.has("did") && o.has("handle") {
        let observed_at = ctx.observed_at("a Bluesky profile view")?;
        sink.accounts.push(profile(o, observed_at)?);
        return Ok(());
    }
    Err("not a Bluesky profile view, post view, feed item, page or Jetstream commit".to_string())
}

fn profile(o: &Obj<'_>, observed_at: DateTime<Utc>) -> Result<Account, Reason> {
    let mut a = Account::new(
        Platform::Bluesky,
        o.req_str("did")?,
        o.req_str("handle")?,
        observed_at,
    );
    a.display_name = o.str("displayName")?.unwrap_or_default().to_string();
    a.description = o.str("description")?.unwrap_or_default().to_string();
    a.created_at = o.rfc3339("createdAt")?;
    a.followers = o.count("followersCount")?;
    a.following = o.count("followsCount")?;
    a.posts = o.count("postsCount")?;
    a.default_avatar = Some(o.str("avatar")?.is_none());
    let labels = o.objects("labels")?;
    if !labels.is_empty() {
        let mut bot = false;
        for l in labels {
            bot |= l.str("val")?.is_some_and(|v| v == "bot");
        }
        a.declared_bot = Some(bot);
    }
    Ok(a)
}

/// The DID in an `at://did/collection/rkey` URI.
fn did_of(uri: &str) -> Option<String> {
    uri.strip_prefix("at://")?
        .split('/')
        .next()
        .filter(|d| d.starts_with("did:"))
        .map(str::to_string)
}

/// A post view (`uri`, `author`, `record`).
fn post(o: &Obj<'_>) -> Result<Post, Reason> {
    let uri = o.req_str("uri")?;
    let author = o
        .obj("author")?
        .ok_or_else(|| format!("{}/author: required object is missing", o.pointer))?;
    let record = o
        .obj("record")?
        .ok_or_else(|| format!("{}/record: required object is missing", o.pointer))?;
    post_record(uri, author.req_str("did")?, &record)
}

/// An `app.bsky.feed.post` record.
fn post_record(uri: &str, did: &str, record: &Obj<'_>) -> Result<Post, Reason> {
    let created_at = record
        .rfc3339("createdAt")?
        .ok_or_else(|| format!("{}/createdAt: required field is missing", record.pointer))?;
    let mut post = Post::new(Platform::Bluesky, uri, did, created_at, PostKind::Original);
    post.text = record.str("text")?.unwrap_or_default().to_string();
    if let Some(reply) = record.obj("reply")?
        && let Some(parent) = reply.obj("parent")?
    {
        post.kind = PostKind::Reply;
        post.replied_to_id = parent.str("uri")?.map(str::to_string);
    }
    if let Some(embed) = record.obj("embed")? {
        let kind = embed.str("$type")?.unwrap_or_default();
        let quoted = match kind {
            "app.bsky.embed.record" => embed
                .obj("record")?
                .map(|r| r.str("uri"))
                .transpose()?
                .flatten(),
            "app.bsky.embed.recordWithMedia" => match embed.obj("record")? {
                Some(outer) => outer
                    .obj("record")?
                    .map(|r| r.str("uri"))
                    .transpose()?
                    .flatten(),
                None => None,
            },
            "app.bsky.embed.external" => {
                if let Some(external) = embed.obj("external")?
                    && let Some(u) = external.str("uri")?
                {
                    post.urls.push(u.to_string());
                }
                None
            }
            _ => None,
        };
        if let Some(q) = quoted {
            if post.kind == PostKind::Original {
                post.kind = PostKind::Quote;
            }
            post.quoted_id = Some(q.to_string());
        }
    }
    for facet in record.objects("facets")? {
        for feature in facet.objects("features")? {
            match feature.str("$type")?.unwrap_or_default() {
                "app.bsky.richtext.facet#link" => {
                    let u = feature.req_str("uri")?.to_string();
                    if !post.urls.contains(&u) {
                        post.urls.push(u);
                    }
                }
                "app.bsky.richtext.facet#tag" => {
                    post.hashtags.push(feature.req_str("tag")?.to_string())
                }
                "app.bsky.richtext.facet#mention" => {
                    post.mentions.push(feature.req_str("did")?.to_string())
                }
                _ => {}
            }
        }
    }
    post.lang = record.strings("langs")?.into_iter().next();
    Ok(post)
}

/// A Jetstream commit event (`{"did", "time_us", "kind": "commit", "commit": {...}}`).
fn jetstream(o: &Obj<'_>, commit: &Obj<'_>, sink: &mut Sink) -> Result<(), Reason> {
    let did = o.req_str("did")?;
    let collection = commit.req_str("collection")?;
    let rkey = commit.req_str("rkey")?;
    if commit.str("operation")?.is_some_and(|op| op != "create") {
        return Err(format!(
            "{}/operation: only `create` commits carry posts",
            commit.pointer
        ));
    }
    let record = commit
        .obj("record")?
        .ok_or_else(|| format!("{}/record: required object is missing", commit.pointer))?;
    let uri = format!("at://{did}/{collection}/{rkey}");
    match collection {
        "app.bsky.feed.post" => sink.posts.push(post_record(&uri, did, &record)?),
        "app.bsky.feed.repost" => {
            let created_at = record.rfc3339("createdAt")?.ok_or_else(|| {
                format!("{}/createdAt: required field is missing", record.pointer)
            })?;
            let subject = record
                .obj("subject")?
                .ok_or_else(|| format!("{}/subject: required object is missing", record.pointer))?;
            let target = subject.req_str("uri")?;
            let mut post = Post::new(Platform::Bluesky, uri, did, created_at, PostKind::Repost);
            post.reposted_id = Some(target.to_string());
            post.reposted_account_id = did_of(target);
            sink.posts.push(post);
        }
        other => {
            return Err(format!(
                "{}/collection: `{other}` is not a post or repost",
                commit.pointer
            ));
        }
    }
    Ok(())
}
