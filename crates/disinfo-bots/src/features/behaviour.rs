//! Behaviour features over an account's posts.
//!
//! Every feature is NaN when the account has no post in the input (and the gap features when it
//! has fewer than two). Definitions:
//! - `n_posts`: posts in the input (duplicates by post id counted once);
//! - `original_share`, `reply_share`, `repost_share`, `quote_share`: shares of each kind;
//! - `posts_per_day_mean`: posts / calendar days (in the configured time zone) from the first to
//!   the last post inclusive; `posts_per_day_max`: the busiest day; `over_200_per_day`: 1 when
//!   the busiest day has more than 200 posts (the "cyborg" threshold of the 2019 studies), else 0;
//! - `gap_entropy`: Shannon entropy in bits of the inter-post gaps binned by
//!   `floor(log2(1 + gap_seconds))` (regular, machine-timed posting has low entropy);
//! - `hour_entropy`: entropy in bits of the 24-bin hour-of-day histogram (local time);
//! - `night_share`: share of posts whose local hour is in `[night_start_hour, night_end_hour)`;
//! - `urls_per_post`, `hashtags_per_post`, `mentions_per_post`;
//! - `duplicate_text_ratio`: `1 - distinct / total` over the non-empty texts of non-repost posts,
//!   texts normalised (lower-cased, whitespace collapsed); NaN when there is no such text;
//! - `distinct_clients`: distinct non-empty posting clients; NaN when no post names one;
//! - `longest_silence_h`: the longest gap between consecutive posts, in hours;
//!   `wakeup_burst`: the number of posts in the `burst_window_h` hours starting at the post that
//!   ends that silence (a dormant account waking up to post in bulk);
//! - `top_repost_source_share`: the largest share of reposts with a known source account that
//!   come from one source (the `amplifier` rule's input); NaN with no such repost.

use std::hash::Hasher;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDateTime, Offset, Timelike, Utc};

use crate::model::{Post, PostKind};

use super::{FastMap, FastSet, FeatureOptions, Fnv};

/// The behaviour column names, in matrix order (after the profile columns).
pub const BEHAVIOUR_COLUMNS: [&str; 19] = [
    "n_posts",
    "original_share",
    "reply_share",
    "repost_share",
    "quote_share",
    "posts_per_day_mean",
    "posts_per_day_max",
    "over_200_per_day",
    "gap_entropy",
    "hour_entropy",
    "night_share",
    "urls_per_post",
    "hashtags_per_post",
    "mentions_per_post",
    "duplicate_text_ratio",
    "distinct_clients",
    "longest_silence_h",
    "wakeup_burst",
    "top_repost_source_share",
];

fn entropy_bits(counts: impl Iterator<Item = usize>) -> f64 {
    let counts: Vec<usize> = counts.filter(|c| *c > 0).collect();
    let total: usize = counts.iter().sum();
    if total == 0 {
        return f64::NAN;
    }
    let total = total as f64;
    let h: f64 = counts
        .iter()
        .map(|c| {
            let p = *c as f64 / total;
            -p * p.log2()
        })
        .sum();
    // A single bin gives -0.0, which reads badly in outputs.
    h + 0.0
}

/// A 64-bit hash of the normalised text (lower-cased, whitespace collapsed), without building
/// it. Two different texts collide with probability ~2^-64 per pair.
fn normalised_hash(text: &str) -> u64 {
    let mut h = Fnv::default();
    let mut buf = [0u8; 4];
    for word in text.split_whitespace() {
        for c in word.chars().flat_map(char::to_lowercase) {
            h.write(c.encode_utf8(&mut buf).as_bytes());
        }
        h.write(&[0xFF]);
    }
    h.finish()
}

/// Writes the behaviour features of one account into `out` (length 19). `posts` must be in time
/// order, without duplicate ids.
pub fn behaviour_row(posts: &[&Post], options: &FeatureOptions, out: &mut [f64]) {
    let n = posts.len();
    if n == 0 {
        out[..BEHAVIOUR_COLUMNS.len()].fill(f64::NAN);
        return;
    }
    let nf = n as f64;
    // Out-of-range offsets are rejected by `FeatureOptions::validate`; UTC is the fallback.
    let offset =
        FixedOffset::east_opt(options.utc_offset_minutes.saturating_mul(60)).unwrap_or(Utc.fix());
    let mut kinds = [0usize; 4];
    let mut hours = [0usize; 24];
    // Posts are in time order, so days come in runs.
    let (mut current_day, mut day_count, mut max_day) = (i32::MIN, 0usize, 0usize);
    let (mut urls, mut tags, mut mentions, mut night) = (0usize, 0usize, 0usize, 0usize);
    let mut texts: FastSet<u64> = FastSet::default();
    let mut text_total = 0usize;
    let mut clients: FastSet<&str> = FastSet::default();
    let mut sources: FastMap<&str, usize> = FastMap::default();
    let mut sourced = 0usize;
    for post in posts {
        kinds[match post.kind {
            PostKind::Original => 0,
            PostKind::Reply => 1,
            PostKind::Repost => 2,
            PostKind::Quote => 3,
        }] += 1;
        let local = local_time(&post.created_at, offset);
        let hour = local.hour() as usize;
        hours[hour] += 1;
        let day = local.date().num_days_from_ce();
        if day == current_day {
            day_count += 1;
        } else {
            current_day = day;
            day_count = 1;
        }
        max_day = max_day.max(day_count);
        if in_night(hour, options.night_start_hour, options.night_end_hour) {
            night += 1;
        }
        urls += post.urls.len();
        tags += post.hashtags.len();
        mentions += post.mentions.len();
        if post.kind != PostKind::Repost && !post.text.trim().is_empty() {
            text_total += 1;
            texts.insert(normalised_hash(&post.text));
        }
        if let Some(client) = post.client.as_deref().filter(|c| !c.is_empty()) {
            clients.insert(client);
        }
        if post.kind == PostKind::Repost
            && let Some(source) = post.reposted_account_id.as_deref()
        {
            *sources.entry(source).or_default() += 1;
            sourced += 1;
        }
    }
    let first_day = local_time(&posts[0].created_at, offset)
        .date()
        .num_days_from_ce();
    let last_day = local_time(&posts[n - 1].created_at, offset)
        .date()
        .num_days_from_ce();
    let days = f64::from(last_day - first_day + 1);
    let max_day = max_day as f64;

    let (gap_entropy, silence_h, burst) = if n < 2 {
        (f64::NAN, f64::NAN, f64::NAN)
    } else {
        let mut bins = [0usize; 65];
        let mut longest = -1i64;
        let mut wake = 0usize;
        for (i, pair) in posts.windows(2).enumerate() {
            let gap = (pair[1].created_at - pair[0].created_at)
                .num_seconds()
                .max(0);
            // floor(log2(1 + gap)) for integers: the index of the highest set bit.
            let bin = 63 - (gap as u64 + 1).leading_zeros() as usize;
            bins[bin] += 1;
            if gap > longest {
                longest = gap;
                wake = i + 1;
            }
        }
        // Checked: a post dated near the end of the representable range must not overflow; a
        // window reaching past that end holds every later post.
        let window_end = posts[wake]
            .created_at
            .checked_add_signed(Duration::seconds((options.burst_window_h * 3600.0) as i64));
        let burst = match window_end {
            Some(end) => posts[wake..]
                .iter()
                .take_while(|p| p.created_at < end)
                .count(),
            None => posts.len() - wake,
        };
        (
            entropy_bits(bins.into_iter()),
            longest as f64 / 3600.0,
            burst as f64,
        )
    };
    let values = [
        nf,
        kinds[0] as f64 / nf,
        kinds[1] as f64 / nf,
        kinds[2] as f64 / nf,
        kinds[3] as f64 / nf,
        nf / days,
        max_day,
        if max_day > 200.0 { 1.0 } else { 0.0 },
        gap_entropy,
        entropy_bits(hours.into_iter()),
        night as f64 / nf,
        urls as f64 / nf,
        tags as f64 / nf,
        mentions as f64 / nf,
        if text_total == 0 {
            f64::NAN
        } else {
            1.0 - texts.len() as f64 / text_total as f64
        },
        if clients.is_empty() {
            f64::NAN
        } else {
            clients.len() as f64
        },
        silence_h,
        burst,
        if sourced == 0 {
            f64::NAN
        } else {
            sources.values().copied().max().unwrap_or(0) as f64 / sourced as f64
        },
    ];
    out[..values.len()].copy_from_slice(&values);
}

/// True when `hour` is in `[start, end)`, wrapping past midnight when `start > end`.
fn in_night(hour: usize, start: u32, end: u32) -> bool {
    let (h, s, e) = (hour as u32, start, end);
    if s <= e {
        h >= s && h < e
    } else {
        h >= s || h < e
    }
}

/// Local wall-clock time at a fixed offset. Checked: within the offset of the end of the
/// representable range the local time does not exist, and UTC is used instead (never a panic).
fn local_time(at: &DateTime<Utc>, offset: FixedOffset) -> NaiveDateTime {
    let utc = at.naive_utc();
    utc.checked_add_signed(Duration::seconds(i64::from(offset.local_minus_utc())))
        .unwrap_or(utc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Platform;

    fn post(id: &str, at: &str, kind: PostKind) -> Post {
        let at: DateTime<Utc> = at.parse().expect("time");
        Post::new(Platform::Generic, id, "a", at, kind)
    }

    fn row(posts: &[Post]) -> Vec<f64> {
        let refs: Vec<&Post> = posts.iter().collect();
        let mut out = vec![0.0; BEHAVIOUR_COLUMNS.len()];
        behaviour_row(&refs, &FeatureOptions::default(), &mut out);
        out
    }

    fn col(name: &str) -> usize {
        BEHAVIOUR_COLUMNS
            .iter()
            .position(|c| *c == name)
            .expect("column")
    }

    #[test]
    fn posts_at_the_end_of_the_time_range_do_not_overflow_the_burst_window() {
        let last = DateTime::<Utc>::MAX_UTC;
        let mut a = post("1", "2019-01-01T00:00:00Z", PostKind::Original);
        a.created_at = last - Duration::hours(1);
        let mut b = post("2", "2019-01-01T00:00:00Z", PostKind::Original);
        b.created_at = last;
        let mut c = post("3", "2019-01-01T00:00:00Z", PostKind::Original);
        c.created_at = last - Duration::hours(3);
        let posts = [c, a, b];
        let r = row(&posts);
        assert_eq!(r[col("wakeup_burst")], 2.0);
        // Local days and hours at the far end of the range, east of UTC.
        let refs: Vec<&Post> = posts.iter().collect();
        let mut out = vec![0.0; BEHAVIOUR_COLUMNS.len()];
        let options = FeatureOptions {
            utc_offset_minutes: 14 * 60,
            ..FeatureOptions::default()
        };
        behaviour_row(&refs, &options, &mut out);
        assert_eq!(out[col("n_posts")], 3.0);
    }

    #[test]
    fn no_posts_gives_nan_everywhere() {
        assert!(row(&[]).iter().all(|v| v.is_nan()));
    }

    #[test]
    fn shares_and_rates_follow_the_definitions() {
        let mut posts = vec![
            post("1", "2019-05-01T10:00:00Z", PostKind::Original),
            post("2", "2019-05-01T11:00:00Z", PostKind::Repost),
            post("3", "2019-05-02T02:00:00Z", PostKind::Reply),
            post("4", "2019-05-03T10:00:00Z", PostKind::Repost),
        ];
        posts[1].reposted_account_id = Some("s".to_string());
        posts[3].reposted_account_id = Some("t".to_string());
        posts[0].text = "Hello  World".to_string();
        posts[2].text = "hello world".to_string();
        posts[0].urls = vec!["https://x".to_string()];
        let r = row(&posts);
        assert_eq!(r[col("n_posts")], 4.0);
        assert_eq!(r[col("repost_share")], 0.5);
        assert_eq!(r[col("reply_share")], 0.25);
        assert_eq!(r[col("posts_per_day_mean")], 4.0 / 3.0);
        assert_eq!(r[col("posts_per_day_max")], 2.0);
        assert_eq!(r[col("night_share")], 0.25);
        assert_eq!(r[col("urls_per_post")], 0.25);
        assert_eq!(r[col("duplicate_text_ratio")], 0.5);
        assert!(r[col("distinct_clients")].is_nan());
        assert_eq!(r[col("top_repost_source_share")], 0.5);
        assert_eq!(r[col("longest_silence_h")], 32.0);
        assert_eq!(r[col("wakeup_burst")], 1.0);
    }

    #[test]
    fn more_than_200_posts_a_day_sets_the_flag() {
        let posts: Vec<Post> = (0..201)
            .map(|i| {
                post(
                    &i.to_string(),
                    &format!("2019-05-01T{:02}:{:02}:00Z", i / 60 % 24, i % 60),
                    PostKind::Original,
                )
            })
            .collect();
        let r = row(&posts);
        assert_eq!(r[col("posts_per_day_max")], 201.0);
        assert_eq!(r[col("over_200_per_day")], 1.0);
    }

    #[test]
    fn regular_timing_has_zero_gap_entropy() {
        let posts: Vec<Post> = (0..10)
            .map(|i| {
                post(
                    &i.to_string(),
                    &format!("2019-05-01T{i:02}:00:00Z"),
                    PostKind::Original,
                )
            })
            .collect();
        assert_eq!(row(&posts)[col("gap_entropy")], 0.0);
    }

    #[test]
    fn night_window_wraps_past_midnight() {
        assert!(in_night(23, 22, 6) && in_night(2, 22, 6) && !in_night(12, 22, 6));
        assert!(in_night(0, 0, 6) && !in_night(6, 0, 6));
    }
}
