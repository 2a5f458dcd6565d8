//! Profile and behaviour features of invented tweets (Twitter API v1.1 shape), then the
//! `dormant_2019` rule preset on the same accounts.

use disinfo::bots::adapters::{InputFormat, ReadOptions, read_str};
use disinfo::bots::features::{FeatureOptions, compute};
use disinfo::bots::rules::Rule;

const TWEETS: &str = include_str!("../../../examples/data/bots/tweets.jsonl");

fn main() -> Result<(), disinfo::Error> {
    let data = read_str(TWEETS, &ReadOptions::new(InputFormat::TwitterV1))?;
    println!(
        "read {} tweets, {} profile observations",
        data.posts.len(),
        data.accounts.len()
    );
    let m = compute(&data.accounts, &data.posts, &FeatureOptions::default())?;
    println!("{} accounts x {} features", m.len(), m.columns.len());
    for (i, handle) in m.handles.iter().enumerate() {
        let value = |c: &str| m.get(i, c).unwrap_or(f64::NAN);
        println!(
            "  {handle:<16} age {:>8.0} h  {:>6.3} posts/h  followers/following {:>6.3}  repost share {:.2}",
            value("age_h"),
            value("posts_per_hour"),
            value("followers_following_ratio"),
            value("repost_share"),
        );
    }
    let rule = Rule::preset("dormant_2019")?;
    for outcome in rule.evaluate(&data.accounts, &m)? {
        println!(
            "  dormant_2019 {:>6}: {:?}",
            outcome.account_id, outcome.verdict
        );
    }
    Ok(())
}
