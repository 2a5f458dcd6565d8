//! Profile features, after BotometerLite (Yang et al. 2020, "Scalable and generalizable social
//! bot detection through data selection", AAAI).
//!
//! Definitions (NaN when an input is missing):
//! - `age_h = max(hours(observed_at - created_at), 1)`;
//! - counts `posts, followers, following, likes_given, listed`;
//! - flags `default_profile, profile_use_background_image, verified` as 0/1;
//! - growth rates `x_per_hour = x / age_h` for the five counts;
//! - `followers_following_ratio = followers / max(following, 1)`;
//! - `handle_length`, `handle_digits`, `name_length`, `name_digits`, `description_length`:
//!   Unicode scalar values, digits are ASCII `0`–`9`. A Bluesky handle is measured without its
//!   `.bsky.social` suffix so that the same person has the same handle features everywhere. An
//!   empty handle is missing. The name and description are missing only for a bare observation
//!   (one with no counts and no creation date, e.g. from the QUT CSV); otherwise empty is 0;
//! - `handle_likelihood`: see [`super::handle`].

use crate::model::{Account, Platform};

use super::handle;

/// The profile column names, in matrix order (after the `account_id` and `handle` columns).
pub const PROFILE_COLUMNS: [&str; 21] = [
    "age_h",
    "posts",
    "followers",
    "following",
    "likes_given",
    "listed",
    "default_profile",
    "profile_use_background_image",
    "verified",
    "posts_per_hour",
    "followers_per_hour",
    "following_per_hour",
    "likes_given_per_hour",
    "listed_per_hour",
    "followers_following_ratio",
    "handle_length",
    "handle_digits",
    "name_length",
    "name_digits",
    "description_length",
    "handle_likelihood",
];

/// The handle as the features measure it (Bluesky: without `.bsky.social`).
pub fn feature_handle(account: &Account) -> &str {
    if account.platform == Platform::Bluesky
        && let Some(local) = account.handle.strip_suffix(".bsky.social")
    {
        return local;
    }
    &account.handle
}

fn count(v: Option<u64>) -> f64 {
    v.map_or(f64::NAN, |v| v as f64)
}

fn flag(v: Option<bool>) -> f64 {
    v.map_or(f64::NAN, |b| if b { 1.0 } else { 0.0 })
}

/// `age_h`, or NaN without a creation date.
pub fn age_hours(account: &Account) -> f64 {
    match account.created_at {
        Some(created) => {
            let seconds = (account.observed_at - created).num_milliseconds() as f64 / 1000.0;
            (seconds / 3600.0).max(1.0)
        }
        None => f64::NAN,
    }
}

fn is_bare(a: &Account) -> bool {
    a.created_at.is_none()
        && a.followers.is_none()
        && a.following.is_none()
        && a.posts.is_none()
        && a.likes_given.is_none()
        && a.listed.is_none()
}

/// Writes the 21 profile features of `account` into `out` (length 21).
pub fn profile_row(account: &Account, out: &mut [f64]) {
    let age = age_hours(account);
    let posts = count(account.posts);
    let followers = count(account.followers);
    let following = count(account.following);
    let likes = count(account.likes_given);
    let listed = count(account.listed);
    let handle = feature_handle(account);
    let bare = is_bare(account);
    let text_len = |s: &str| {
        if bare && s.is_empty() {
            f64::NAN
        } else {
            s.chars().count() as f64
        }
    };
    let digits = |s: &str| {
        if bare && s.is_empty() {
            f64::NAN
        } else {
            s.chars().filter(char::is_ascii_digit).count() as f64
        }
    };
    let (handle_length, handle_digits) = if handle.is_empty() {
        (f64::NAN, f64::NAN)
    } else {
        (
            handle.chars().count() as f64,
            handle.chars().filter(char::is_ascii_digit).count() as f64,
        )
    };
    let values = [
        age,
        posts,
        followers,
        following,
        likes,
        listed,
        flag(account.default_profile),
        flag(account.profile_use_background_image),
        flag(account.verified),
        posts / age,
        followers / age,
        following / age,
        likes / age,
        listed / age,
        followers / following.max(1.0),
        handle_length,
        handle_digits,
        text_len(&account.display_name),
        digits(&account.display_name),
        text_len(&account.description),
        handle::handle_likelihood(handle).unwrap_or(f64::NAN),
    ];
    out[..values.len()].copy_from_slice(&values);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().expect("time")
    }

    #[test]
    fn worked_example_matches_acceptance_numbers() {
        let mut a = Account::new(Platform::Twitter, "1", "anna", t("2021-06-23T15:27:11Z"));
        a.created_at = Some(t("2019-03-14T15:08:32Z"));
        a.posts = Some(541);
        a.followers = Some(583);
        a.following = Some(592);
        let mut row = [0.0; 21];
        profile_row(&a, &mut row);
        assert!((row[0] - 19968.31).abs() < 0.01, "{}", row[0]);
        assert!((row[9] - 0.027093).abs() < 1e-6, "{}", row[9]);
        assert!((row[14] - 0.98480).abs() < 1e-5, "{}", row[14]);
        assert!(
            row[4].is_nan() && row[13].is_nan(),
            "likes missing stays NaN"
        );
    }

    #[test]
    fn age_is_at_least_one_hour_even_when_created_after_observation() {
        let mut a = Account::new(Platform::Twitter, "1", "x", t("2021-01-01T00:00:00Z"));
        a.created_at = Some(t("2021-01-01T00:10:00Z"));
        assert_eq!(age_hours(&a), 1.0);
    }

    #[test]
    fn zero_following_divides_by_one() {
        let mut a = Account::new(Platform::Twitter, "1", "x", t("2021-01-01T00:00:00Z"));
        a.followers = Some(10);
        a.following = Some(0);
        let mut row = [0.0; 21];
        profile_row(&a, &mut row);
        assert_eq!(row[14], 10.0);
    }

    #[test]
    fn lengths_count_unicode_scalar_values_and_ascii_digits() {
        let mut a = Account::new(Platform::Twitter, "1", "zoé42", t("2021-01-01T00:00:00Z"));
        a.display_name = "Zoë 🙂 2".to_string();
        a.followers = Some(1);
        let mut row = [0.0; 21];
        profile_row(&a, &mut row);
        assert_eq!(
            (row[15], row[16], row[17], row[18], row[19]),
            (5.0, 2.0, 7.0, 1.0, 0.0)
        );
    }
}
