//! TikTok research API: user info (`/v2/research/user/info/`) and video query results
//! (`/v2/research/video/query/`).
//!
//! The user-info response has no creation date, no id and no handle: the handle is the
//! `username` the caller asked for, which must be present in the record (at the top level or in
//! `data`; collection scripts add it). The account id is the username. `likes_count` counts
//! likes *received*, so likes-given stays missing. Observed at the caller's `observed_at`.
//! Videos (`data.videos[]`) become original posts timed by `create_time` (POSIX seconds).

use serde_json::Value;

use super::fields::{Obj, Reason};
use super::{Ctx, Sink};
use crate::model::{Account, Platform, Post, PostKind};

pub(crate) fn map(ctx: &Ctx<'_>, value: &Value, sink: &mut Sink) -> Result<(), Reason> {
    let root = Obj::root(value)?;
    if let Some(error) = root.obj("error")?
        && let Some(code) = error.str("code")?.filter(|c| *c != "ok")
    {
        let message = error.str("message")?.unwrap_or_default();
        return Err(format!("/error: the API returned `{code}`: {message}"));
    }
    let data = match root.obj("data")? {
        Some(data) => data,
        None => root.clone(),
    };
    if data.has("videos") {
        for v in data.objects("videos")? {
            sink.posts.push(video(&v)?);
        }
        return Ok(());
    }
    if data.has("create_time") && data.has("id") {
        sink.posts.push(video(&data)?);
        return Ok(());
    }
    let username = match data.str("username")? {
        Some(u) => u,
        None => root.str("username")?.ok_or(
            "/username: TikTok user info has no handle; add the requested `username` to each record",
        )?,
    };
    let observed_at = ctx.observed_at("a TikTok user info record")?;
    let mut a = Account::new(Platform::Tiktok, username, username, observed_at);
    a.display_name = data.str("display_name")?.unwrap_or_default().to_string();
    a.description = data.str("bio_description")?.unwrap_or_default().to_string();
    a.followers = data.count("follower_count")?;
    a.following = data.count("following_count")?;
    a.posts = data.count("video_count")?;
    a.verified = data.flag("is_verified")?;
    sink.accounts.push(a);
    Ok(())
}

fn video(v: &Obj<'_>) -> Result<Post, Reason> {
    let created_at = v
        .unix_seconds("create_time")?
        .ok_or_else(|| format!("{}/create_time: required field is missing", v.pointer))?;
    let username = v.req_str("username")?;
    let mut post = Post::new(
        Platform::Tiktok,
        v.req_id(&["id"])?,
        username,
        created_at,
        PostKind::Original,
    );
    post.text = v.str("video_description")?.unwrap_or_default().to_string();
    post.hashtags = v.strings("hashtag_names")?;
    post.lang = v.str("voice_to_text_language")?.map(str::to_string);
    Ok(post)
}
