//! snscrape JSONL (`snscrape --jsonl twitter-search ...`): `Tweet` records with an embedded
//! `user` (observed at the tweet's `date`) and `User` records (observed at `observed_at`).
//!
//! Field names follow snscrape's dataclasses: `rawContent` (older versions: `content`),
//! `displayname`, `rawDescription`, `friendsCount`, `favouritesCount`, `retweetedTweet`,
//! `quotedTweet`, `inReplyToTweetId`, `links`/`outlinks`, `mentionedUsers`, `sourceLabel`.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::fields::{Obj, Reason};
use super::{Ctx, Sink};
use crate::model::{Account, Platform, Post, PostKind};

pub(crate) fn map(ctx: &Ctx<'_>, value: &Value, sink: &mut Sink) -> Result<(), Reason> {
    let root = Obj::root(value)?;
    let kind = root.str("_type")?.unwrap_or_default();
    if kind.ends_with(".User") || (!root.has("user") && root.has("username")) {
        let observed_at = ctx.observed_at("a standalone snscrape user")?;
        sink.accounts.push(user(&root, observed_at)?);
        return Ok(());
    }
    let user_obj = root
        .obj("user")?
        .ok_or("/user: required object is missing (not a snscrape Tweet or User)")?;
    let created_at = root
        .rfc3339("date")?
        .ok_or("/date: required field is missing")?;
    let account = user(&user_obj, created_at)?;
    let id = root.req_id(&["id"])?;
    let mut post = Post::new(
        Platform::Twitter,
        id,
        account.id.clone(),
        created_at,
        PostKind::Original,
    );
    post.text = root
        .str("rawContent")?
        .or(root.str("content")?)
        .unwrap_or_default()
        .to_string();
    if let Some(rt) = root.obj("retweetedTweet")? {
        post.kind = PostKind::Repost;
        post.reposted_id = rt.first_id(&["id"])?;
        if let Some(rt_user) = rt.obj("user")? {
            post.reposted_account_id = rt_user.first_id(&["id"])?;
        }
    } else if let Some(reply_to) = root.first_id(&["inReplyToTweetId"])? {
        post.kind = PostKind::Reply;
        post.replied_to_id = Some(reply_to);
    } else if let Some(quoted) = root.obj("quotedTweet")? {
        post.kind = PostKind::Quote;
        post.quoted_id = quoted.first_id(&["id"])?;
    }
    match root.get("links") {
        Some(Value::Array(_)) => {
            for link in root.objects("links")? {
                if let Some(url) = link.str("url")? {
                    post.urls.push(url.to_string());
                }
            }
        }
        _ => post.urls = root.strings("outlinks")?,
    }
    post.hashtags = root.strings("hashtags")?;
    for m in root.objects("mentionedUsers")? {
        post.mentions.push(m.req_str("username")?.to_string());
    }
    post.client = root.str("sourceLabel")?.map(str::to_string);
    post.lang = root.str("lang")?.map(str::to_string);
    sink.accounts.push(account);
    sink.posts.push(post);
    Ok(())
}

fn user(o: &Obj<'_>, observed_at: DateTime<Utc>) -> Result<Account, Reason> {
    let mut a = Account::new(
        Platform::Twitter,
        o.req_id(&["id"])?,
        o.req_str("username")?,
        observed_at,
    );
    a.display_name = o.str("displayname")?.unwrap_or_default().to_string();
    a.description = o
        .str("rawDescription")?
        .or(o.str("description")?)
        .unwrap_or_default()
        .to_string();
    a.created_at = o.rfc3339("created")?;
    a.followers = o.count("followersCount")?;
    a.following = o.count("friendsCount")?;
    a.posts = o.count("statusesCount")?;
    a.likes_given = o.count("favouritesCount")?;
    a.listed = o.count("listedCount")?;
    a.verified = o.flag("verified")?;
    a.protected = o.flag("protected")?;
    Ok(a)
}
