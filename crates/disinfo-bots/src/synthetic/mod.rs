//! A seeded generator of accounts and posts with planted populations, for tests and benchmarks.
//!
//! Four populations are planted, and the generator returns the truth for every account
//! ([`Planted`], index-aligned with [`SyntheticData::accounts`]):
//!
//! - [`Population::Organic`]: accounts created 2008–2018, log-normal followers/following, a mix
//!   of original posts, replies, reposts and quotes spread over the day with a diurnal cycle,
//!   ordinary handles (`anna_martin`).
//! - [`Population::DormantBot`]: the 2019 "robotised" profile (the `dormant_2019` preset of
//!   [`crate::rules`]): not protected, created on or after
//!   [`SyntheticConfig::dormant_created_after`], at most 15 posts, following >= 3 × followers (a
//!   fifth of them with 0 followers), machine-made handles.
//!   They post at most a few times in the window.
//! - [`Population::Amplifier`]: >= 96 % reposts, and about 75 % of the reposts come from one
//!   source account (outside the generated population), so the `amplifier` preset fires.
//! - [`Population::Coordinated`]: groups of [`SyntheticConfig::group_size`] accounts. Every
//!   group has [`SyntheticConfig::group_events`] events; at each event every member reposts the
//!   same post, or posts the same text with the same hashtags, within
//!   [`SyntheticConfig::coordination_window_secs`] of the event time.
//!
//! Everything is a pure function of the config: the same config gives byte-identical output.
//! Each account draws from its own RNG stream (seed, account index) and each group's event
//! schedule from its own stream (seed, group), so [`posts_for_account`] can generate one
//! account's posts on its own — in parallel or in chunks, which is what the 10-million-post
//! benchmark does.
//!
//! ```
//! use disinfo_bots::synthetic::{generate, Population, SyntheticConfig};
//!
//! let data = generate(&SyntheticConfig { organic: 50, ..SyntheticConfig::default() }).unwrap();
//! assert_eq!(data.accounts.len(), data.planted.len());
//! let groups = data.planted.iter().filter(|p| p.population == Population::Coordinated).count();
//! assert_eq!(groups, 5 * 10);
//! ```
//!
//! Ids: account `i` has id `1000000000 + i`; posts have ids `<account id>-<n>`; coordinated
//! reposts point at `src-<group>-<event>` posts by the account `2000000000 + group`.

mod names;

use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::{Account, Platform, Post, PostKind};
use crate::{Error, Result};

/// The planted population of one synthetic account.
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
pub enum Population {
    /// An ordinary user.
    Organic,
    /// A fresh, nearly silent account with far more followings than followers (2019 rule).
    DormantBot,
    /// An account that mostly reposts one source.
    Amplifier,
    /// A member of a coordinated group (see [`Planted::group`]).
    Coordinated,
}

/// The truth about one synthetic account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Planted {
    /// The population the account was drawn from.
    pub population: Population,
    /// For [`Population::Coordinated`], the group number (`0..coordinated_groups`); else `None`.
    pub group: Option<u32>,
}

/// Generator settings. Every field has a documented default ([`Default`]); deserialisable from
/// JSON with missing fields taking the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct SyntheticConfig {
    /// RNG seed (default 42). Written back into [`SyntheticData::seed`].
    pub seed: u64,
    /// Number of organic accounts (default 1000).
    pub organic: usize,
    /// Number of dormant-rule bots (default 100).
    pub dormant_bots: usize,
    /// Number of amplifiers (default 50).
    pub amplifiers: usize,
    /// Number of coordinated groups (default 5).
    pub coordinated_groups: usize,
    /// Members per coordinated group (default 10).
    pub group_size: usize,
    /// Events per coordinated group in the window (default 20).
    pub group_events: usize,
    /// Mean number of posts of an organic account in the window (default 10.0).
    pub posts_per_account: f64,
    /// Start of the post window (default 2019-05-01T00:00:00Z).
    pub start: DateTime<Utc>,
    /// End of the post window and the observation time of every profile
    /// (default 2019-05-27T00:00:00Z).
    pub end: DateTime<Utc>,
    /// Dormant bots are created on or after this time (default 2019-01-01T00:00:00Z).
    pub dormant_created_after: DateTime<Utc>,
    /// Members of a coordinated group act within this many seconds of each event (default 60).
    pub coordination_window_secs: i64,
}

impl Default for SyntheticConfig {
    fn default() -> Self {
        SyntheticConfig {
            seed: 42,
            organic: 1000,
            dormant_bots: 100,
            amplifiers: 50,
            coordinated_groups: 5,
            group_size: 10,
            group_events: 20,
            posts_per_account: 10.0,
            start: utc(2019, 5, 1),
            end: utc(2019, 5, 27),
            dormant_created_after: utc(2019, 1, 1),
            coordination_window_secs: 60,
        }
    }
}

fn utc(year: i32, month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

impl SyntheticConfig {
    /// Total number of accounts this config generates.
    pub fn total_accounts(&self) -> usize {
        self.organic
            .saturating_add(self.dormant_bots)
            .saturating_add(self.amplifiers)
            .saturating_add(self.coordinated_groups.saturating_mul(self.group_size))
    }

    /// Checks the config: a non-empty window, the dormant cut-off before its end, a finite
    /// non-negative posting rate, a non-negative window, at most 50,000,000 accounts and
    /// 500,000,000 expected posts (what one machine holds; beyond, memory runs out).
    pub fn validate(&self) -> Result<()> {
        let bad =
            |name: &str, message: &str| Err(Error::arg(name.to_string(), message.to_string()));
        if self.end <= self.start {
            return bad("end", "the window end must be after its start");
        }
        if self.dormant_created_after >= self.end {
            return bad("dormant_created_after", "must be before the window end");
        }
        if !self.posts_per_account.is_finite() || self.posts_per_account < 0.0 {
            return bad("posts_per_account", "must be a finite number >= 0");
        }
        if self.coordination_window_secs < 0 {
            return bad("coordination_window_secs", "must be >= 0");
        }
        if self.coordinated_groups > 0 && self.group_size == 0 {
            return bad("group_size", "must be >= 1 when coordinated_groups > 0");
        }
        // What one machine can hold: beyond it the allocation fails and the process aborts.
        if self.total_accounts() > MAX_ACCOUNTS {
            return bad(
                "organic",
                "organic + dormant_bots + amplifiers + coordinated_groups × group_size must be at most 50,000,000 accounts",
            );
        }
        let organic_posts = self.organic as f64 * self.posts_per_account;
        let group_posts = (self.coordinated_groups as f64)
            * (self.group_size as f64)
            * (self.group_events as f64);
        if self.posts_per_account > MAX_POSTS_PER_ACCOUNT || organic_posts + group_posts > MAX_POSTS
        {
            return bad(
                "posts_per_account",
                "the posts expected (organic × posts_per_account + coordinated_groups × group_size × group_events) must be at most 500,000,000, and posts_per_account at most 100,000",
            );
        }
        Ok(())
    }
}

/// The generator's output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SyntheticData {
    /// The seed used.
    pub seed: u64,
    /// One observation per account, observed at [`SyntheticConfig::end`].
    pub accounts: Vec<Account>,
    /// All posts, grouped by account in account order, each account's posts in time order.
    pub posts: Vec<Post>,
    /// The truth for `accounts[i]` is `planted[i]`.
    pub planted: Vec<Planted>,
}

/// The most accounts a configuration generates.
const MAX_ACCOUNTS: usize = 50_000_000;
/// The most posts a configuration is expected to generate.
const MAX_POSTS: f64 = 500_000_000.0;
/// The highest mean number of posts per organic account.
const MAX_POSTS_PER_ACCOUNT: f64 = 100_000.0;

/// Generates accounts, posts and the planted truth.
pub fn generate(config: &SyntheticConfig) -> Result<SyntheticData> {
    let (accounts, planted) = generate_accounts(config)?;
    let posts: Vec<Post> = accounts
        .par_iter()
        .zip(planted.par_iter())
        .enumerate()
        .flat_map_iter(|(i, (account, truth))| posts_for_account(config, i, account, *truth))
        .collect();
    Ok(SyntheticData {
        seed: config.seed,
        accounts,
        posts,
        planted,
    })
}

/// Generates only the accounts and their planted truth (cheap: no posts).
pub fn generate_accounts(config: &SyntheticConfig) -> Result<(Vec<Account>, Vec<Planted>)> {
    config.validate()?;
    let planted = population_layout(config);
    let accounts = planted
        .par_iter()
        .enumerate()
        .map(|(i, truth)| make_account(config, i, *truth))
        .collect();
    Ok((accounts, planted))
}

/// The id of synthetic account `index`.
pub fn account_id(index: usize) -> String {
    (1_000_000_000u64 + index as u64).to_string()
}

/// The account id of the (unobserved) source account whose posts group `group` amplifies.
pub fn group_source_id(group: u32) -> String {
    (2_000_000_000u64 + u64::from(group)).to_string()
}

/// Splits a seed and a stream number into an independent RNG (SplitMix64 finaliser).
fn rng_for(seed: u64, domain: u64, index: u64) -> ChaCha8Rng {
    let mut z = seed
        ^ domain.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ index.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    ChaCha8Rng::seed_from_u64(z)
}

const DOMAIN_LAYOUT: u64 = 1;
const DOMAIN_ACCOUNT: u64 = 2;
const DOMAIN_POSTS: u64 = 3;
const DOMAIN_GROUP: u64 = 4;

/// The populations in a seeded shuffled order, so no test can rely on positions.
fn population_layout(config: &SyntheticConfig) -> Vec<Planted> {
    let mut planted = Vec::with_capacity(config.total_accounts());
    let plain = |population| Planted {
        population,
        group: None,
    };
    planted.extend(std::iter::repeat_n(
        plain(Population::Organic),
        config.organic,
    ));
    planted.extend(std::iter::repeat_n(
        plain(Population::DormantBot),
        config.dormant_bots,
    ));
    planted.extend(std::iter::repeat_n(
        plain(Population::Amplifier),
        config.amplifiers,
    ));
    for group in 0..config.coordinated_groups {
        let truth = Planted {
            population: Population::Coordinated,
            group: Some(u32::try_from(group).unwrap_or(u32::MAX)),
        };
        planted.extend(std::iter::repeat_n(truth, config.group_size));
    }
    let mut rng = rng_for(config.seed, DOMAIN_LAYOUT, 0);
    // Fisher–Yates, written out so the order is independent of rand's shuffle implementation.
    for i in (1..planted.len()).rev() {
        let j = rng.random_range(0..=i);
        planted.swap(i, j);
    }
    planted
}

/// A standard normal draw (Box–Muller).
fn normal<R: Rng>(rng: &mut R) -> f64 {
    let u1: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A log-normal count with the given median and spread.
fn lognormal_count<R: Rng>(rng: &mut R, median: f64, sigma: f64) -> u64 {
    let value = median * (sigma * normal(rng)).exp();
    value.clamp(0.0, 1e9) as u64
}

/// A Poisson-like count with the given mean (normal approximation above 30).
fn count_with_mean<R: Rng>(rng: &mut R, mean: f64) -> usize {
    if mean <= 0.0 {
        return 0;
    }
    if mean > 30.0 {
        return (mean + mean.sqrt() * normal(rng)).round().max(0.0) as usize;
    }
    let limit = (-mean).exp();
    let mut product: f64 = rng.random();
    let mut k = 0;
    while product > limit {
        product *= rng.random::<f64>();
        k += 1;
    }
    k
}

fn between<R: Rng>(rng: &mut R, start: DateTime<Utc>, end: DateTime<Utc>) -> DateTime<Utc> {
    let span = (end - start).num_seconds().max(1);
    start + Duration::seconds(rng.random_range(0..span))
}

fn make_account(config: &SyntheticConfig, index: usize, truth: Planted) -> Account {
    let mut rng = rng_for(config.seed, DOMAIN_ACCOUNT, index as u64);
    let observed_at = config.end;
    let mut account = Account::new(Platform::Generic, account_id(index), "", observed_at);
    account.protected = Some(false);
    account.verified = Some(false);
    account.declared_bot = Some(false);
    match truth.population {
        Population::Organic => {
            let (handle, display) = names::organic_name(&mut rng);
            account.handle = handle;
            account.display_name = display;
            account.description = format!(
                "{} {} {}",
                names::pick(&mut rng, names::WORDS),
                names::pick(&mut rng, names::WORDS),
                names::pick(&mut rng, names::WORDS)
            );
            account.created_at = Some(between(&mut rng, utc(2008, 1, 1), utc(2018, 12, 31)));
            account.followers = Some(lognormal_count(&mut rng, 300.0, 1.5));
            account.following = Some(lognormal_count(&mut rng, 250.0, 1.0));
            account.posts = Some(lognormal_count(&mut rng, 2000.0, 1.2) + 20);
            account.likes_given = Some(lognormal_count(&mut rng, 1500.0, 1.5));
            account.listed = Some(lognormal_count(&mut rng, 5.0, 1.0));
            account.verified = Some(rng.random_bool(0.02));
            account.default_profile = Some(rng.random_bool(0.3));
            account.default_avatar = Some(rng.random_bool(0.05));
            account.profile_use_background_image = Some(rng.random_bool(0.7));
        }
        Population::DormantBot => {
            let (handle, display) = names::bot_name(&mut rng);
            account.handle = handle;
            account.display_name = display;
            account.created_at = Some(between(&mut rng, config.dormant_created_after, config.end));
            let followers = if rng.random_bool(0.2) {
                0
            } else {
                rng.random_range(1..20u64)
            };
            account.followers = Some(followers);
            account.following =
                Some(followers * rng.random_range(3..30u64) + rng.random_range(1..50u64));
            account.posts = Some(rng.random_range(0..=15u64));
            account.likes_given = Some(rng.random_range(0..30u64));
            account.listed = Some(0);
            account.default_profile = Some(true);
            account.default_avatar = Some(rng.random_bool(0.8));
            account.profile_use_background_image = Some(true);
        }
        Population::Amplifier | Population::Coordinated => {
            let (handle, display) = if rng.random_bool(0.5) {
                names::bot_name(&mut rng)
            } else {
                names::organic_name(&mut rng)
            };
            account.handle = handle;
            account.display_name = display;
            account.created_at = Some(between(&mut rng, utc(2016, 1, 1), config.start));
            account.followers = Some(lognormal_count(&mut rng, 80.0, 1.0));
            account.following = Some(lognormal_count(&mut rng, 400.0, 0.8));
            account.posts = Some(lognormal_count(&mut rng, 8000.0, 0.8) + 100);
            account.likes_given = Some(lognormal_count(&mut rng, 300.0, 1.0));
            account.listed = Some(lognormal_count(&mut rng, 1.0, 1.0));
            account.default_profile = Some(rng.random_bool(0.6));
            account.default_avatar = Some(rng.random_bool(0.3));
            account.profile_use_background_image = Some(true);
        }
    }
    account
}

const CLIENTS: &[&str] = &[
    "Twitter for Android",
    "Twitter for iPhone",
    "Twitter Web App",
];

fn organic_text<R: Rng>(rng: &mut R, post: &mut Post) {
    let words = rng.random_range(4..16usize);
    let mut text: Vec<String> = (0..words)
        .map(|_| names::pick(rng, names::WORDS).to_string())
        .collect();
    if rng.random_bool(0.2) {
        let tag = names::pick(rng, names::HASHTAGS);
        text.push(format!("#{tag}"));
        post.hashtags.push(tag.to_string());
    }
    if rng.random_bool(0.15) {
        let url = format!("https://news.example/{}", rng.random_range(0..10_000u32));
        text.push(url.clone());
        post.urls.push(url);
    }
    if rng.random_bool(0.1) {
        let (handle, _) = names::organic_name(rng);
        text.insert(0, format!("@{handle}"));
        post.mentions.push(handle);
    }
    post.text = text.join(" ");
}

/// Generates the posts of account `index` (the same posts [`generate`] returns for it), in time
/// order. `account` and `truth` must be the ones [`generate_accounts`] returned at `index`.
pub fn posts_for_account(
    config: &SyntheticConfig,
    index: usize,
    account: &Account,
    truth: Planted,
) -> Vec<Post> {
    let mut rng = rng_for(config.seed, DOMAIN_POSTS, index as u64);
    let mut posts = match truth.population {
        Population::Organic => organic_posts(config, &mut rng, account),
        Population::DormantBot => {
            let n = rng.random_range(0..=account.posts.unwrap_or(0).min(3)) as usize;
            (0..n)
                .map(|_| {
                    let mut post = new_post(
                        account,
                        between(&mut rng, config.start, config.end),
                        PostKind::Original,
                    );
                    organic_text(&mut rng, &mut post);
                    post
                })
                .collect()
        }
        Population::Amplifier => amplifier_posts(config, &mut rng, account),
        Population::Coordinated => {
            coordinated_posts(config, &mut rng, account, truth.group.unwrap_or(0))
        }
    };
    posts.sort_by_key(|p| p.created_at);
    for (n, post) in posts.iter_mut().enumerate() {
        post.id = format!("{}-{n}", account.id);
    }
    posts
}

fn new_post(account: &Account, at: DateTime<Utc>, kind: PostKind) -> Post {
    Post::new(
        account.platform,
        String::new(),
        account.id.clone(),
        at,
        kind,
    )
}

/// A time in the window with a diurnal cycle: most posts between 07:00 and 23:00 UTC.
fn diurnal_time<R: Rng>(rng: &mut R, config: &SyntheticConfig) -> DateTime<Utc> {
    let at = between(rng, config.start, config.end);
    if rng.random_bool(0.85) {
        let day =
            at - Duration::seconds(i64::from(chrono::Timelike::num_seconds_from_midnight(&at)));
        day + Duration::seconds(rng.random_range(7 * 3600..23 * 3600))
    } else {
        at
    }
}

fn organic_posts<R: Rng>(config: &SyntheticConfig, rng: &mut R, account: &Account) -> Vec<Post> {
    let n = count_with_mean(rng, config.posts_per_account);
    let client = names::pick(rng, CLIENTS).to_string();
    (0..n)
        .map(|_| {
            let at = diurnal_time(rng, config);
            let roll: f64 = rng.random();
            let kind = if roll < 0.5 {
                PostKind::Original
            } else if roll < 0.75 {
                PostKind::Reply
            } else if roll < 0.95 {
                PostKind::Repost
            } else {
                PostKind::Quote
            };
            let mut post = new_post(account, at, kind);
            post.client = Some(client.clone());
            post.lang = Some("en".to_string());
            let other = account_id(rng.random_range(0..config.total_accounts().max(1)));
            let other_post = format!("{other}-{}", rng.random_range(0..20u32));
            match kind {
                PostKind::Repost => {
                    post.reposted_id = Some(other_post);
                    post.reposted_account_id = Some(other);
                }
                PostKind::Reply => {
                    post.replied_to_id = Some(other_post);
                    organic_text(rng, &mut post);
                }
                PostKind::Quote => {
                    post.quoted_id = Some(other_post);
                    organic_text(rng, &mut post);
                }
                PostKind::Original => organic_text(rng, &mut post),
            }
            post
        })
        .collect()
}

fn amplifier_posts<R: Rng>(config: &SyntheticConfig, rng: &mut R, account: &Account) -> Vec<Post> {
    let n = count_with_mean(rng, config.posts_per_account * 3.0).max(10);
    // The favourite source: an account outside the generated population.
    let source = (3_000_000_000u64 + rng.random_range(0..100u64)).to_string();
    // By construction every amplifier fits the `amplifier` preset: one post in 25 is an
    // original (repost share >= 0.96) and three reposts in four come from the favourite source.
    (0..n)
        .map(|i| {
            let at = between(rng, config.start, config.end);
            let mut post = new_post(account, at, PostKind::Repost);
            post.client = Some("Twitter for Android".to_string());
            if i % 25 == 24 {
                post.kind = PostKind::Original;
                organic_text(rng, &mut post);
                return post;
            }
            let from = if i % 4 != 3 {
                source.clone()
            } else {
                account_id(rng.random_range(0..config.total_accounts().max(1)))
            };
            post.reposted_id = Some(format!("{from}-{}", rng.random_range(0..50u32)));
            post.reposted_account_id = Some(from);
            post
        })
        .collect()
}

fn coordinated_posts<R: Rng>(
    config: &SyntheticConfig,
    rng: &mut R,
    account: &Account,
    group: u32,
) -> Vec<Post> {
    let mut schedule = rng_for(config.seed, DOMAIN_GROUP, u64::from(group));
    let source = group_source_id(group);
    let client = format!("autopost-{group}");
    let mut posts = Vec::with_capacity(config.group_events + 4);
    for event in 0..config.group_events {
        let at = between(&mut schedule, config.start, config.end);
        let copy_text = schedule.random_bool(0.3);
        let tag = names::pick(&mut schedule, names::HASHTAGS);
        let words: Vec<&str> = (0..12)
            .map(|_| names::pick(&mut schedule, names::WORDS))
            .collect();
        let delay = rng.random_range(0..=config.coordination_window_secs);
        let when = at + Duration::seconds(delay);
        let mut post = if copy_text {
            let mut post = new_post(account, when, PostKind::Original);
            post.text = format!("{} #{tag}", words.join(" "));
            post.hashtags.push(tag.to_string());
            post
        } else {
            let mut post = new_post(account, when, PostKind::Repost);
            post.reposted_id = Some(format!("src-{group}-{event}"));
            post.reposted_account_id = Some(source.clone());
            post
        };
        post.client = Some(client.clone());
        posts.push(post);
    }
    // A little cover traffic of their own.
    for _ in 0..rng.random_range(0..4usize) {
        let mut post = new_post(account, diurnal_time(rng, config), PostKind::Original);
        organic_text(rng, &mut post);
        post.client = Some(client.clone());
        posts.push(post);
    }
    posts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> SyntheticConfig {
        SyntheticConfig {
            organic: 200,
            dormant_bots: 30,
            amplifiers: 10,
            ..SyntheticConfig::default()
        }
    }

    #[test]
    fn same_seed_same_output_different_seed_different_output() {
        let a = generate(&small()).expect("generate");
        let b = generate(&small()).expect("generate");
        assert_eq!(a, b);
        let c = generate(&SyntheticConfig { seed: 7, ..small() }).expect("generate");
        assert_ne!(a.accounts, c.accounts);
        assert_eq!(c.seed, 7);
    }

    #[test]
    fn populations_have_the_requested_sizes() {
        let data = generate(&small()).expect("generate");
        let count = |p| data.planted.iter().filter(|t| t.population == p).count();
        assert_eq!(count(Population::Organic), 200);
        assert_eq!(count(Population::DormantBot), 30);
        assert_eq!(count(Population::Amplifier), 10);
        assert_eq!(count(Population::Coordinated), 50);
        for group in 0..5 {
            assert_eq!(
                data.planted
                    .iter()
                    .filter(|t| t.group == Some(group))
                    .count(),
                10
            );
        }
    }

    #[test]
    fn dormant_bots_match_the_2019_profile() {
        let config = small();
        let data = generate(&config).expect("generate");
        for (account, truth) in data.accounts.iter().zip(&data.planted) {
            if truth.population != Population::DormantBot {
                continue;
            }
            assert!(account.posts.expect("posts") <= 15);
            assert!(account.created_at.expect("created") >= config.dormant_created_after);
            let followers = account.followers.expect("followers");
            assert!(account.following.expect("following") >= 3 * followers);
        }
    }

    #[test]
    fn coordinated_members_repost_the_same_posts_within_the_window() {
        let config = small();
        let data = generate(&config).expect("generate");
        let mut by_target: std::collections::BTreeMap<&str, Vec<DateTime<Utc>>> =
            Default::default();
        for post in &data.posts {
            if let Some(target) = post
                .reposted_id
                .as_deref()
                .filter(|t| t.starts_with("src-0-"))
            {
                by_target.entry(target).or_default().push(post.created_at);
            }
        }
        assert!(!by_target.is_empty());
        for times in by_target.values() {
            assert_eq!(times.len(), 10);
            let span = *times.iter().max().expect("max") - *times.iter().min().expect("min");
            assert!(span.num_seconds() <= config.coordination_window_secs);
        }
    }

    #[test]
    fn posts_for_account_matches_generate() {
        let config = small();
        let data = generate(&config).expect("generate");
        let index = 17;
        let own = posts_for_account(&config, index, &data.accounts[index], data.planted[index]);
        let from_all: Vec<&Post> = data
            .posts
            .iter()
            .filter(|p| p.account_id == data.accounts[index].id)
            .collect();
        assert_eq!(own.iter().collect::<Vec<_>>(), from_all);
    }

    #[test]
    fn empty_window_is_an_invalid_argument() {
        let config = SyntheticConfig {
            end: utc(2019, 4, 1),
            ..SyntheticConfig::default()
        };
        let err = generate(&config).expect_err("must fail");
        assert!(err.is_invalid_argument());
    }

    #[test]
    fn sizes_beyond_one_machine_are_invalid_arguments_not_aborts() {
        let cases = [
            SyntheticConfig {
                organic: 1 << 36,
                ..SyntheticConfig::default()
            },
            SyntheticConfig {
                coordinated_groups: usize::MAX,
                group_size: usize::MAX,
                ..SyntheticConfig::default()
            },
            SyntheticConfig {
                group_events: usize::MAX,
                ..SyntheticConfig::default()
            },
            SyntheticConfig {
                posts_per_account: 1e12,
                ..SyntheticConfig::default()
            },
        ];
        for config in cases {
            let err = generate(&config).expect_err("refused");
            assert!(err.is_invalid_argument(), "{err}");
        }
    }
}
