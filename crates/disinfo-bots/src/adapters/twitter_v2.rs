//! Twitter API v2: response pages (`data` + `includes.users` + `includes.tweets`), and single
//! v2 tweet or user objects (one per JSONL line, as `twarc2` writes after flattening).
//!
//! A user in `includes.users` is observed at the time of the latest tweet it authored on the
//! page (the page was fetched after it); a user with no tweet on the page, and a user object on
//! its own, is observed at the caller's `observed_at`. A flattened tweet's embedded `author` is
//! observed at `__twarc.retrieved_at` when present, else at the tweet's time.
//! Field names: <https://developer.x.com/en/docs/x-api/data-dictionary/object-model/user>.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::fields::{Obj, Reason};
use super::{Ctx, Sink};
use crate::model::{Account, Platform, Post, PostKind};

pub(crate) fn map(ctx: &Ctx<'_>, value: &Value, sink: &mut Sink) -> Result<(), Reason> {
    let root = Obj::root(value)?;
    if root.has("data") || root.has("includes") {
        return page(ctx, &root, sink);
    }
    if root.has("author_id") || root.has("text") {
        let post = tweet(&root, &BTreeMap::new())?;
        if let Some(author) = root.obj("author")? {
            let observed_at = match root.obj("__twarc")? {
                Some(meta) => meta.rfc3339("retrieved_at")?.unwrap_or(post.created_at),
                None => post.created_at,
            };
            sink.accounts.push(user(&author, observed_at)?);
        }
        sink.posts.push(post);
        return Ok(());
    }
    if root.has("username") {
        let observed_at = ctx.observed_at("a v2 user object")?;
        sink.accounts.push(user(&root, observed_at)?);
        return Ok(());
    }
    Err(
        "neither a v2 response page (`data`), a tweet (`author_id`) nor a user (`username`)"
            .to_string(),
    )
}

fn page(ctx: &Ctx<'_>, root: &Obj<'_>, sink: &mut Sink) -> Result<(), Reason> {
    let (data_tweets, data_users) = match root.get("data") {
        None => (Vec::new(), Vec::new()),
        Some(Value::Array(_)) => split(root.objects("data")?),
        Some(Value::Object(_)) => split(root.obj("data")?.into_iter().collect()),
        Some(_) => return Err("/data: expected an array or an object".to_string()),
    };
    let includes = root.obj("includes")?;
    let mut authors_of: BTreeMap<String, String> = BTreeMap::new();
    let mut included_users = Vec::new();
    if let Some(includes) = &includes {
        for t in includes.objects("tweets")? {
            if let (Some(id), Some(author)) = (t.id("id")?, t.id("author_id")?) {
                authors_of.insert(id, author);
            }
        }
        included_users = includes.objects("users")?;
    }
    let mut latest: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
    for t in &data_tweets {
        let post = tweet(t, &authors_of)?;
        let entry = latest
            .entry(post.account_id.clone())
            .or_insert(post.created_at);
        *entry = (*entry).max(post.created_at);
        sink.posts.push(post);
    }
    for u in included_users.iter().chain(data_users.iter()) {
        let id = u.req_id(&["id"])?;
        let observed_at = match latest.get(&id) {
            Some(t) => *t,
            None => ctx.observed_at("a v2 user with no tweet on its page")?,
        };
        sink.accounts.push(user(u, observed_at)?);
    }
    Ok(())
}

/// Splits `data` items into tweets and users (users have `username`).
fn split(items: Vec<Obj<'_>>) -> (Vec<Obj<'_>>, Vec<Obj<'_>>) {
    items.into_iter().partition(|o| !o.has("username"))
}

/// A v2 user object.
fn user(o: &Obj<'_>, observed_at: DateTime<Utc>) -> Result<Account, Reason> {
    let mut a = Account::new(
        Platform::Twitter,
        o.req_id(&["id"])?,
        o.req_str("username")?,
        observed_at,
    );
    a.display_name = o.str("name")?.unwrap_or_default().to_string();
    a.description = o.str("description")?.unwrap_or_default().to_string();
    a.created_at = o.rfc3339("created_at")?;
    if let Some(m) = o.obj("public_metrics")? {
        a.followers = m.count("followers_count")?;
        a.following = m.count("following_count")?;
        a.posts = m.count("tweet_count")?;
        a.listed = m.count("listed_count")?;
        a.likes_given = m.count("like_count")?;
    }
    a.verified = o.flag("verified")?;
    a.protected = o.flag("protected")?;
    Ok(a)
}

/// A v2 tweet object; `authors_of` maps included tweet ids to their authors.
fn tweet(o: &Obj<'_>, authors_of: &BTreeMap<String, String>) -> Result<Post, Reason> {
    let created_at = o
        .rfc3339("created_at")?
        .ok_or("/created_at: required field is missing (request tweet.fields=created_at)")?;
    let author = o.req_id(&["author_id"])?;
    let mut post = Post::new(
        Platform::Twitter,
        o.req_id(&["id"])?,
        author,
        created_at,
        PostKind::Original,
    );
    post.text = o.str("text")?.unwrap_or_default().to_string();
    for r in o.objects("referenced_tweets")? {
        let id = r.req_id(&["id"])?;
        match r.req_str("type")? {
            "retweeted" => {
                post.kind = PostKind::Repost;
                post.reposted_account_id = authors_of.get(&id).cloned();
                post.reposted_id = Some(id);
            }
            "replied_to" => {
                if post.kind != PostKind::Repost {
                    post.kind = PostKind::Reply;
                }
                post.replied_to_id = Some(id);
            }
            "quoted" => {
                if post.kind == PostKind::Original {
                    post.kind = PostKind::Quote;
                }
                post.quoted_id = Some(id);
            }
            other => {
                return Err(format!(
                    "{}/type: unknown referenced tweet type `{other}`",
                    r.pointer
                ));
            }
        }
    }
    if let Some(entities) = o.obj("entities")? {
        for url in entities.objects("urls")? {
            if let Some(u) = url.str("expanded_url")?.or(url.str("url")?) {
                post.urls.push(u.to_string());
            }
        }
        for tag in entities.objects("hashtags")? {
            post.hashtags.push(tag.req_str("tag")?.to_string());
        }
        for m in entities.objects("mentions")? {
            post.mentions.push(m.req_str("username")?.to_string());
        }
    }
    post.client = o.str("source")?.map(str::to_string);
    post.lang = o.str("lang")?.map(str::to_string);
    Ok(post)
}
