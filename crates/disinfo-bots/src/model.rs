//! The platform-neutral input model: one [`Account`] observation and one [`Post`].
//!
//! Adapters (`crate::adapters`) turn platform payloads into these types; every algorithm of the
//! crate reads only these types. Optional fields are `None` when the platform does not provide
//! them; features turn `None` into NaN plus a mask bit, never into a made-up constant.
//!
//! These types are a stable contract: fields are only ever added (as `Option` or with a serde
//! default), never renamed or removed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The platform a record came from.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// Twitter / X (API v1.1, API v2, snscrape).
    Twitter,
    /// Bluesky (AT protocol).
    Bluesky,
    /// Mastodon and other ActivityPub servers speaking the Mastodon API.
    Mastodon,
    /// TikTok (research API).
    Tiktok,
    /// A platform-neutral source (the QUT coordination-network-toolkit CSV, synthetic data).
    Generic,
}

impl Platform {
    /// The stable snake_case name (`twitter`, `bluesky`, `mastodon`, `tiktok`, `generic`).
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Twitter => "twitter",
            Platform::Bluesky => "bluesky",
            Platform::Mastodon => "mastodon",
            Platform::Tiktok => "tiktok",
            Platform::Generic => "generic",
        }
    }
}

/// One observation of an account's profile at `observed_at`.
///
/// Handle and display name are never confused: `handle` is the `@name` used in mentions and
/// URLs (without the `@`), `display_name` is the free-text name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Account {
    /// Source platform.
    pub platform: Platform,
    /// The platform's stable account id (as a string; numeric ids are written in decimal).
    pub id: String,
    /// The `@handle` without the leading `@` (Bluesky: the full domain handle).
    pub handle: String,
    /// The free-text display name (empty when none).
    #[serde(default)]
    pub display_name: String,
    /// The profile description / bio (empty when none).
    #[serde(default)]
    pub description: String,
    /// When the account was created, if the platform says.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// When this profile observation was made (required: counts are only meaningful at a time).
    pub observed_at: DateTime<Utc>,
    /// Number of followers at `observed_at`.
    #[serde(default)]
    pub followers: Option<u64>,
    /// Number of accounts followed ("friends" on Twitter) at `observed_at`.
    #[serde(default)]
    pub following: Option<u64>,
    /// Number of posts (statuses) at `observed_at`.
    #[serde(default)]
    pub posts: Option<u64>,
    /// Number of likes (favourites) given at `observed_at`.
    #[serde(default)]
    pub likes_given: Option<u64>,
    /// Number of public lists the account is a member of.
    #[serde(default)]
    pub listed: Option<u64>,
    /// Platform verification badge.
    #[serde(default)]
    pub verified: Option<bool>,
    /// The profile keeps the platform's default theme/background (Twitter v1.1 `default_profile`).
    #[serde(default)]
    pub default_profile: Option<bool>,
    /// The profile keeps the default avatar.
    #[serde(default)]
    pub default_avatar: Option<bool>,
    /// The account declares itself automated (Mastodon `bot`, labels).
    #[serde(default)]
    pub declared_bot: Option<bool>,
    /// The account is protected / locked.
    #[serde(default)]
    pub protected: Option<bool>,
    /// Twitter v1.1 `profile_use_background_image`, where known (needed by the BotometerLite
    /// profile feature of the same name, [`crate::features::profile`]).
    #[serde(default)]
    pub profile_use_background_image: Option<bool>,
}

impl Account {
    /// A new observation with only the required fields set; every optional field is `None`.
    pub fn new(
        platform: Platform,
        id: impl Into<String>,
        handle: impl Into<String>,
        observed_at: DateTime<Utc>,
    ) -> Self {
        Account {
            platform,
            id: id.into(),
            handle: handle.into(),
            display_name: String::new(),
            description: String::new(),
            created_at: None,
            observed_at,
            followers: None,
            following: None,
            posts: None,
            likes_given: None,
            listed: None,
            verified: None,
            default_profile: None,
            default_avatar: None,
            declared_bot: None,
            protected: None,
            profile_use_background_image: None,
        }
    }
}

/// What kind of post this is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    /// An original post (digital-DNA letter `A`).
    Original,
    /// A reply to another post (letter `C`).
    Reply,
    /// A repost / retweet / boost of another post (letter `T`).
    Repost,
    /// A quote post (commented repost).
    Quote,
}

impl PostKind {
    /// The stable snake_case name (`original`, `reply`, `repost`, `quote`).
    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::Original => "original",
            PostKind::Reply => "reply",
            PostKind::Repost => "repost",
            PostKind::Quote => "quote",
        }
    }
}

/// One post by one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Post {
    /// Source platform.
    pub platform: Platform,
    /// The platform's post id (Bluesky: the `at://` URI).
    pub id: String,
    /// The author's account id (matches [`Account::id`]).
    pub account_id: String,
    /// When the post was published.
    pub created_at: DateTime<Utc>,
    /// The post text (empty for a pure repost when the platform gives none).
    #[serde(default)]
    pub text: String,
    /// Original, reply, repost or quote.
    pub kind: PostKind,
    /// For a repost: the id of the reposted post.
    #[serde(default)]
    pub reposted_id: Option<String>,
    /// For a repost: the account id of the reposted post's author, where the platform says
    /// (needed by the `top_repost_source_share` feature that the `amplifier` rule reads).
    #[serde(default)]
    pub reposted_account_id: Option<String>,
    /// For a reply: the id of the post replied to.
    #[serde(default)]
    pub replied_to_id: Option<String>,
    /// For a quote: the id of the quoted post.
    #[serde(default)]
    pub quoted_id: Option<String>,
    /// URLs in the post (expanded where the platform gives the expansion).
    #[serde(default)]
    pub urls: Vec<String>,
    /// Hashtags without `#`, in order of appearance.
    #[serde(default)]
    pub hashtags: Vec<String>,
    /// Mentioned handles without `@`, in order of appearance.
    #[serde(default)]
    pub mentions: Vec<String>,
    /// Web domains shared, where the source lists them apart from the URLs (CooRTweet's
    /// `domain` objects).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    /// Shared images, as the source identifies them (a perceptual hash).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<String>,
    /// Shared objects of an unnamed kind (CooRTweet's generic `object_id`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<String>,
    /// The posting client / application, where known.
    #[serde(default)]
    pub client: Option<String>,
    /// The language tag, where known.
    #[serde(default)]
    pub lang: Option<String>,
}

impl Post {
    /// A new post with only the required fields set (empty text, no entities).
    pub fn new(
        platform: Platform,
        id: impl Into<String>,
        account_id: impl Into<String>,
        created_at: DateTime<Utc>,
        kind: PostKind,
    ) -> Self {
        Post {
            platform,
            id: id.into(),
            account_id: account_id.into(),
            created_at,
            text: String::new(),
            kind,
            reposted_id: None,
            reposted_account_id: None,
            replied_to_id: None,
            quoted_id: None,
            urls: Vec::new(),
            hashtags: Vec::new(),
            mentions: Vec::new(),
            domains: Vec::new(),
            images: Vec::new(),
            objects: Vec::new(),
            client: None,
            lang: None,
        }
    }
}
