//! Campaigns and answers built by hand for the review's tests.

use super::answers::{Answer, AnswerValue};
use super::campaign::{AdStatus, Campaign, CampaignCounts, Evidence, ReviewAd};
use super::questionnaire::Questionnaire;
use crate::model::Locator;

/// An ad with only an item id (and a made-up evidence hash).
pub fn ad(item: &str) -> ReviewAd {
    ReviewAd {
        item: item.into(),
        status: AdStatus::Present,
        present_in: vec![],
        missing_from: vec![],
        evidence: Evidence {
            collection: "c".into(),
            locator: Locator {
                collection: "c".into(),
                file: "f".into(),
                pointer: None,
                line: None,
                row: None,
            },
            raw_hash: format!("hash-of-{item}"),
        },
        platform: "meta".into(),
        advertiser_name: None,
        advertiser_id: None,
        payer: None,
        texts: vec![],
        snapshot_url: None,
        created: None,
        first_shown: None,
        last_shown: None,
        spend: None,
        currency: None,
        impressions: None,
        countries: vec![],
        removed: false,
    }
}

/// A campaign of `items` with the French questionnaire and `k` reviewers per ad.
pub fn campaign(items: &[&str], k: u32) -> Campaign {
    Campaign {
        id: "c".into(),
        collections: vec![],
        reviewers_per_ad: k,
        questionnaire: Questionnaire::france(),
        counts: CampaignCounts::default(),
        ads: items.iter().map(|i| ad(i)).collect(),
    }
}

/// An answer to question `question`.
pub fn answer(item: &str, reviewer: &str, question: &str, value: AnswerValue) -> Answer {
    Answer {
        item: item.into(),
        reviewer: reviewer.into(),
        question: question.into(),
        answer: value,
    }
}

/// An answer to the first question (`nature`).
pub fn nature(item: &str, reviewer: &str, choice: &str) -> Answer {
    answer(item, reviewer, "nature", AnswerValue::Text(choice.into()))
}
