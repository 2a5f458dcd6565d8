//! Requests per minute per user: a token bucket for each verified user.
//!
//! A bucket holds up to a minute's worth of requests and refills continuously, so a user may
//! send a burst of `per_minute` requests and then one every `60 / per_minute` seconds. Buckets
//! that have refilled completely say nothing a new bucket would not say, so they are dropped
//! once a minute: memory follows the users active in the last minute, not every user ever seen.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How often full buckets are dropped.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// Per-user token buckets.
pub(crate) struct RateLimit {
    per_minute: u32,
    state: Mutex<State>,
}

struct State {
    buckets: HashMap<String, Bucket>,
    swept: Instant,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimit {
    /// `per_minute` requests per minute per user; 0 sets no limit.
    pub(crate) fn new(per_minute: u32, now: Instant) -> RateLimit {
        RateLimit {
            per_minute,
            state: Mutex::new(State {
                buckets: HashMap::new(),
                swept: now,
            }),
        }
    }

    /// Takes one request of `user` at `now`: `Ok` when within the limit, or the wait until the
    /// next one would be.
    pub(crate) fn take(&self, user: &str, now: Instant) -> Result<(), Duration> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        // A poisoned lock only means another request panicked while holding it; the buckets
        // are plain numbers and still usable.
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if now.saturating_duration_since(state.swept) >= SWEEP_EVERY {
            state.buckets.retain(|_, b| {
                b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * per_second < capacity
            });
            state.swept = now;
        }
        let bucket = state.buckets.entry(user.to_string()).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        let refilled = (bucket.tokens
            + now.saturating_duration_since(bucket.at).as_secs_f64() * per_second)
            .min(capacity);
        bucket.at = now;
        if refilled >= 1.0 {
            bucket.tokens = refilled - 1.0;
            Ok(())
        } else {
            bucket.tokens = refilled;
            Err(Duration::from_secs_f64((1.0 - refilled) / per_second))
        }
    }

    /// How many users have a bucket now.
    #[cfg(test)]
    fn users(&self) -> usize {
        self.state
            .lock()
            .map(|s| s.buckets.len())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_the_limit_passes_and_the_next_waits() {
        let start = Instant::now();
        let limit = RateLimit::new(60, start);
        for _ in 0..60 {
            assert!(limit.take("u1", start).is_ok());
        }
        let wait = limit.take("u1", start).expect_err("over");
        assert!(
            wait <= Duration::from_secs(1) && wait > Duration::ZERO,
            "{wait:?}"
        );
        assert!(
            limit.take("u2", start).is_ok(),
            "users have their own buckets"
        );
        assert!(limit.take("u1", start + Duration::from_secs(1)).is_ok());
    }

    #[test]
    fn idle_users_are_forgotten_after_a_minute() {
        let start = Instant::now();
        let limit = RateLimit::new(10, start);
        for i in 0..1000 {
            assert!(limit.take(&format!("user{i}"), start).is_ok());
        }
        assert_eq!(limit.users(), 1000);
        assert!(limit.take("late", start + SWEEP_EVERY).is_ok());
        assert_eq!(limit.users(), 1, "only the user active now is kept");
    }

    #[test]
    fn zero_sets_no_limit() {
        let start = Instant::now();
        let limit = RateLimit::new(0, start);
        assert!((0..10_000).all(|_| limit.take("u", start).is_ok()));
    }
}
