//! Twitter API v1.1: tweet objects (with the embedded `user`, observed at the tweet's time) and
//! standalone user objects (observed at the caller's `observed_at`).
//!
//! Field names: <https://developer.x.com/en/docs/x-api/v1/data-dictionary/object-model/tweet>
//! and `.../user`. `friends_count` is following; `favourites_count` is likes given;
//! `screen_name` is the handle and `name` the display name.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::fields::{Obj, Reason, strip_html};
use super::{Ctx, Sink};
use crate::model::{Account, Platform, Post, PostKind};

pub(crate) fn map(ctx: &Ctx<'_>, value: &Value, sink: &mut Sink) -> Result<(), Reason> {
    let root = Obj::root(value)?;
    if root.has("screen_name") {
        let observed_at = ctx.observed_at("a standalone v1.1 user object")?;
        sink.accounts.push(user(&root, observed_at)?);
        return Ok(());
    }
    if !root.has("user") {
        return Err(
            "neither a v1.1 tweet (no `user`) nor a user object (no `screen_name`)".to_string(),
        );
    }
    let (post, account) = tweet(&root)?;
    sink.accounts.push(account);
    sink.posts.push(post);
    Ok(())
}

/// A v1.1 user object observed at `observed_at`.
pub(crate) fn user(o: &Obj<'_>, observed_at: DateTime<Utc>) -> Result<Account, Reason> {
    let id = o.req_id(&["id_str", "id"])?;
    let handle = o.req_str("screen_name")?;
    let mut a = Account::new(Platform::Twitter, id, handle, observed_at);
    a.display_name = o.str("name")?.unwrap_or_default().to_string();
    a.description = o.str("description")?.unwrap_or_default().to_string();
    a.created_at = o.twitter_date("created_at")?;
    a.followers = o.count("followers_count")?;
    a.following = o.count("friends_count")?;
    a.posts = o.count("statuses_count")?;
    a.likes_given = o.count("favourites_count")?;
    a.listed = o.count("listed_count")?;
    a.verified = o.flag("verified")?;
    a.default_profile = o.flag("default_profile")?;
    a.default_avatar = o.flag("default_profile_image")?;
    a.protected = o.flag("protected")?;
    a.profile_use_background_image = o.flag("profile_use_background_image")?;
    Ok(a)
}

/// A v1.1 tweet and its author observed at the tweet's time.
fn tweet(o: &Obj<'_>) -> Result<(Post, Account), Reason> {
    let user_obj = o.obj("user")?.ok_or("/user: required object is missing")?;
    let created_at = o
        .twitter_date("created_at")?
        .ok_or("/created_at: required field is missing")?;
    let account = user(&user_obj, created_at)?;
    let id = o.req_id(&["id_str", "id"])?;
    let mut post = Post::new(
        Platform::Twitter,
        id,
        account.id.clone(),
        created_at,
        PostKind::Original,
    );

    let extended = o.obj("extended_tweet")?;
    post.text = match extended
        .as_ref()
        .map(|e| e.str("full_text"))
        .transpose()?
        .flatten()
    {
        Some(text) => text.to_string(),
        None => o
            .str("full_text")?
            .or(o.str("text")?)
            .unwrap_or_default()
            .to_string(),
    };
    if let Some(rt) = o.obj("retweeted_status")? {
        post.kind = PostKind::Repost;
        post.reposted_id = rt.first_id(&["id_str", "id"])?;
        if let Some(rt_user) = rt.obj("user")? {
            post.reposted_account_id = rt_user.first_id(&["id_str", "id"])?;
        }
    } else if let Some(reply_to) =
        o.first_id(&["in_reply_to_status_id_str", "in_reply_to_status_id"])?
    {
        post.kind = PostKind::Reply;
        post.replied_to_id = Some(reply_to);
    } else if o.flag("is_quote_status")? == Some(true) {
        post.kind = PostKind::Quote;
        post.quoted_id = o.first_id(&["quoted_status_id_str", "quoted_status_id"])?;
    }
    let entities = match &extended {
        Some(e) if e.has("entities") => e.obj("entities")?,
        _ => o.obj("entities")?,
    };
    if let Some(entities) = entities {
        for url in entities.objects("urls")? {
            if let Some(u) = url.str("expanded_url")?.or(url.str("url")?) {
                post.urls.push(u.to_string());
            }
        }
        for tag in entities.objects("hashtags")? {
            post.hashtags.push(tag.req_str("text")?.to_string());
        }
        for m in entities.objects("user_mentions")? {
            post.mentions.push(m.req_str("screen_name")?.to_string());
        }
    }
    post.client = o.str("source")?.map(strip_html).filter(|s| !s.is_empty());
    post.lang = o.str("lang")?.map(str::to_string);
    Ok((post, account))
}
