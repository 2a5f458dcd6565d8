//! Snapshot deltas: growth between two observations of the same account.
//!
//! For each count, `delta = later - earlier` (negative when the count fell) and
//! `per_hour = delta / hours` with `hours` the time between the observations; missing when
//! either observation lacks the count, or when both observations were made at the same time.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::Account;
use crate::{Error, Result};

/// The change of one count between two observations.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CountDelta {
    /// `later - earlier`.
    pub delta: i64,
    /// `delta / hours`, `None` when the observations are simultaneous.
    pub per_hour: Option<f64>,
}

/// Growth of one account between two observations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SnapshotDelta {
    /// The account id.
    pub account_id: String,
    /// The earlier observation time.
    pub from: DateTime<Utc>,
    /// The later observation time.
    pub to: DateTime<Utc>,
    /// Hours between them.
    pub hours: f64,
    /// Counts by name (`followers`, `following`, `likes_given`, `listed`, `posts`), each present
    /// only when both observations have it.
    pub counts: BTreeMap<String, CountDelta>,
    /// The handle changed between the observations.
    pub handle_changed: bool,
    /// The display name changed between the observations.
    pub name_changed: bool,
}

/// The delta between two observations of one account (given in either order).
pub fn snapshot_delta(a: &Account, b: &Account) -> Result<SnapshotDelta> {
    if a.id != b.id || a.platform != b.platform {
        return Err(Error::arg(
            "accounts".to_string(),
            format!(
                "cannot diff two different accounts (`{}` and `{}`)",
                a.id, b.id
            ),
        ));
    }
    let (early, late) = if a.observed_at <= b.observed_at {
        (a, b)
    } else {
        (b, a)
    };
    let hours = (late.observed_at - early.observed_at).num_milliseconds() as f64 / 3.6e6;
    let mut counts = BTreeMap::new();
    let pairs = [
        ("followers", early.followers, late.followers),
        ("following", early.following, late.following),
        ("likes_given", early.likes_given, late.likes_given),
        ("listed", early.listed, late.listed),
        ("posts", early.posts, late.posts),
    ];
    for (name, x, y) in pairs {
        if let (Some(x), Some(y)) = (x, y) {
            let delta = i64::try_from(y)
                .unwrap_or(i64::MAX)
                .saturating_sub(i64::try_from(x).unwrap_or(i64::MAX));
            let per_hour = if hours > 0.0 {
                Some(delta as f64 / hours)
            } else {
                None
            };
            counts.insert(name.to_string(), CountDelta { delta, per_hour });
        }
    }
    Ok(SnapshotDelta {
        account_id: early.id.clone(),
        from: early.observed_at,
        to: late.observed_at,
        hours,
        counts,
        handle_changed: early.handle != late.handle,
        name_changed: early.display_name != late.display_name,
    })
}

/// For every account observed at two or more distinct times: the delta between its earliest and
/// its latest observation, in order of first appearance.
pub fn snapshot_deltas(accounts: &[Account]) -> Vec<SnapshotDelta> {
    let mut order: Vec<&str> = Vec::new();
    let mut span: std::collections::HashMap<&str, (&Account, &Account)> =
        std::collections::HashMap::new();
    for a in accounts {
        span.entry(a.id.as_str())
            .and_modify(|(first, last)| {
                if a.observed_at < first.observed_at {
                    *first = a;
                }
                if a.observed_at >= last.observed_at {
                    *last = a;
                }
            })
            .or_insert_with(|| {
                order.push(a.id.as_str());
                (a, a)
            });
    }
    order
        .into_iter()
        .filter_map(|id| span.get(id))
        .filter(|(first, last)| first.observed_at < last.observed_at)
        .filter_map(|(first, last)| snapshot_delta(first, last).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Platform;

    fn obs(at: &str, followers: u64) -> Account {
        let mut a = Account::new(Platform::Twitter, "7", "h", at.parse().expect("time"));
        a.followers = Some(followers);
        a
    }

    #[test]
    fn growth_per_hour_between_two_observations() {
        let d = snapshot_delta(
            &obs("2021-01-02T00:00:00Z", 148),
            &obs("2021-01-01T00:00:00Z", 100),
        )
        .expect("delta");
        assert_eq!(d.hours, 24.0);
        assert_eq!(
            d.counts["followers"],
            CountDelta {
                delta: 48,
                per_hour: Some(2.0)
            }
        );
        assert!(
            !d.counts.contains_key("posts"),
            "missing in both stays missing"
        );
    }

    #[test]
    fn shrinking_counts_give_negative_deltas_and_single_observations_none() {
        let all = vec![
            obs("2021-01-01T00:00:00Z", 100),
            obs("2021-01-01T10:00:00Z", 90),
        ];
        let d = snapshot_deltas(&all);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].counts["followers"].delta, -10);
        assert!(snapshot_deltas(&all[..1]).is_empty());
    }

    #[test]
    fn different_accounts_are_an_invalid_argument() {
        let mut other = obs("2021-01-01T00:00:00Z", 1);
        other.id = "8".to_string();
        assert!(
            snapshot_delta(&obs("2021-01-01T00:00:00Z", 1), &other)
                .expect_err("diff")
                .is_invalid_argument()
        );
    }
}
