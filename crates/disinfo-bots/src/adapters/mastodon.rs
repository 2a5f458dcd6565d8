//! Mastodon API entities: `Account` (observed at the caller's `observed_at`) and `Status` (with
//! its `account`, observed at the status's `created_at`; a boost carries the boosted status in
//! `reblog`).
//!
//! Field names: <https://docs.joinmastodon.org/entities/Account/>, `.../Status/`. The handle is
//! `username` (the local `@name`; `acct` adds the server for remote accounts), `note` is HTML
//! and is reduced to text. `bot` is the declared-bot flag, `locked` the protected flag. Mastodon
//! has no likes-given, listed or verified counterpart: those stay missing.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::fields::{Obj, Reason, strip_html};
use super::{Ctx, Sink};
use crate::model::{Account, Platform, Post, PostKind};

pub(crate) fn map(ctx: &Ctx<'_>, value: &Value, sink: &mut Sink) -> Result<(), Reason> {
    let root = Obj::root(value)?;
    if let Some(account_obj) = root.obj("account")? {
        let created_at = root
            .rfc3339("created_at")?
            .ok_or("/created_at: required field is missing")?;
        let account = account(&account_obj, created_at)?;
        let mut post = Post::new(
            Platform::Mastodon,
            root.req_id(&["id"])?,
            account.id.clone(),
            created_at,
            PostKind::Original,
        );
        if let Some(reblog) = root.obj("reblog")? {
            post.kind = PostKind::Repost;
            post.reposted_id = reblog.first_id(&["id"])?;
            if let Some(author) = reblog.obj("account")? {
                post.reposted_account_id = author.first_id(&["id"])?;
            }
        } else {
            post.text = strip_html(root.str("content")?.unwrap_or_default());
            if let Some(parent) = root.first_id(&["in_reply_to_id"])? {
                post.kind = PostKind::Reply;
                post.replied_to_id = Some(parent);
            } else if let Some(quote) = root.obj("quote")? {
                post.kind = PostKind::Quote;
                post.quoted_id = match quote.obj("quoted_status")? {
                    Some(q) => q.first_id(&["id"])?,
                    None => quote.first_id(&["id"])?,
                };
            }
            post.urls = links(root.str("content")?.unwrap_or_default());
            for tag in root.objects("tags")? {
                post.hashtags.push(tag.req_str("name")?.to_string());
            }
            for m in root.objects("mentions")? {
                post.mentions.push(m.req_str("username")?.to_string());
            }
        }
        if let Some(app) = root.obj("application")? {
            post.client = app.str("name")?.map(str::to_string);
        }
        post.lang = root.str("language")?.map(str::to_string);
        sink.accounts.push(account);
        sink.posts.push(post);
        return Ok(());
    }
    if root.has("username") && root.has("acct") {
        let observed_at = ctx.observed_at("a Mastodon Account")?;
        sink.accounts.push(account(&root, observed_at)?);
        return Ok(());
    }
    Err("neither a Mastodon Status (`account`) nor an Account (`username`, `acct`)".to_string())
}

fn account(o: &Obj<'_>, observed_at: DateTime<Utc>) -> Result<Account, Reason> {
    let mut a = Account::new(
        Platform::Mastodon,
        o.req_id(&["id"])?,
        o.req_str("username")?,
        observed_at,
    );
    a.display_name = o.str("display_name")?.unwrap_or_default().to_string();
    a.description = strip_html(o.str("note")?.unwrap_or_default());
    a.created_at = o.rfc3339("created_at")?;
    a.followers = o.count("followers_count")?;
    a.following = o.count("following_count")?;
    a.posts = o.count("statuses_count")?;
    a.declared_bot = o.flag("bot")?;
    a.protected = o.flag("locked")?;
    if let Some(avatar) = o.str("avatar")? {
        a.default_avatar = Some(avatar.ends_with("/missing.png"));
    }
    Ok(a)
}

/// The `href`s of links in status HTML that are not mentions or hashtags.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for anchor in html.split("<a ").skip(1) {
        let tag = anchor.split('>').next().unwrap_or_default();
        if tag.contains("mention") || tag.contains("hashtag") {
            continue;
        }
        if let Some(rest) = tag.split("href=\"").nth(1)
            && let Some(url) = rest.split('"').next()
        {
            out.push(url.replace("&amp;", "&"));
        }
    }
    out
}
