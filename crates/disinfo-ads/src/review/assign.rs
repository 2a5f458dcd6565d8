//! Which ads a reviewer sees next: every ad goes to `reviewers_per_ad` reviewers, never twice
//! to the same reviewer (an ad they skipped is not shown to them again), and ads whose reviewers
//! disagree get up to `extra_for_disagreement` more. Order: ads with a disagreement first, then
//! ads nobody has reviewed, then ads that need more reviews, each in the campaign's priority
//! order. Ads handed out but not answered yet (`pending`) count as reviewed by their reviewer,
//! so that two reviewers are not sent for the last review of one ad.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::answers::{Answer, AnswerValue};
use super::campaign::Campaign;
use super::questionnaire::{QuestionKind, Questionnaire};
use crate::error::{Error, Result};

/// An ad and a reviewer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Assignment {
    /// The ad's item id.
    pub item: String,
    /// The reviewer.
    pub reviewer: String,
}

/// Options of [`next_ads`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AssignOptions {
    /// How many ads to return at most (default 1).
    pub count: usize,
    /// More reviewers an ad gets when its reviewers disagree (default 2).
    pub extra_for_disagreement: u32,
    /// Ads reviewers skipped (never shown to them again; no answer counted).
    pub skipped: Vec<Assignment>,
    /// Ads handed out and not answered yet.
    pub pending: Vec<Assignment>,
}

impl Default for AssignOptions {
    fn default() -> Self {
        AssignOptions {
            count: 1,
            extra_for_disagreement: 2,
            skipped: Vec::new(),
            pending: Vec::new(),
        }
    }
}

/// Why an ad is handed out.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Its reviewers disagree.
    Disagreed,
    /// Nobody has reviewed it.
    Unreviewed,
    /// It has fewer reviews than the campaign asks.
    NeedsMore,
}

/// An ad handed out to a reviewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NextAd {
    /// The ad's item id.
    pub item: String,
    /// Why it is handed out.
    pub reason: Reason,
    /// Reviewers who answered it so far.
    pub reviews: usize,
}

/// What the hand-out needs to know of the answers, for one reviewer: how many reviewers
/// answered each ad, which ads this reviewer answered, and the ads whose reviewers disagree.
/// [`Tally::of`] counts it from answers; the review's database counts it with SQL aggregates,
/// without reading every answer on every request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Reviewers who answered each ad (ads nobody answered are absent).
    pub reviews: HashMap<String, usize>,
    /// Ads the reviewer answered.
    pub answered: HashSet<String>,
    /// Ads whose answers to a single-choice question differ (see [`disagreements`]).
    pub disagreed: HashSet<String>,
}

impl Tally {
    /// The tally of `answers` for `reviewer`.
    pub fn of(questionnaire: &Questionnaire, answers: &[Answer], reviewer: &str) -> Tally {
        let mut reviewers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for a in answers {
            reviewers.entry(&a.item).or_default().insert(&a.reviewer);
        }
        Tally {
            answered: reviewers
                .iter()
                .filter(|(_, by)| by.contains(reviewer))
                .map(|(item, _)| (*item).to_owned())
                .collect(),
            reviews: reviewers
                .into_iter()
                .map(|(item, by)| (item.to_owned(), by.len()))
                .collect(),
            disagreed: disagreements(questionnaire, answers)
                .into_iter()
                .map(str::to_owned)
                .collect(),
        }
    }
}

/// The next ads for `reviewer` (see the module's documentation).
pub fn next_ads(
    campaign: &Campaign,
    answers: &[Answer],
    reviewer: &str,
    options: &AssignOptions,
) -> Result<Vec<NextAd>> {
    let tally = Tally::of(&campaign.questionnaire, answers, reviewer);
    next_ads_of(campaign, &tally, reviewer, options)
}

/// The next ads for `reviewer`, from the tally of the answers.
pub fn next_ads_of(
    campaign: &Campaign,
    tally: &Tally,
    reviewer: &str,
    options: &AssignOptions,
) -> Result<Vec<NextAd>> {
    if reviewer.is_empty() {
        return Err(Error::arg("reviewer", "must not be empty"));
    }
    let k = campaign.reviewers_per_ad as usize;
    let most = k + options.extra_for_disagreement as usize;
    let mut seen_by_reviewer: BTreeSet<&str> = BTreeSet::new();
    let mut pending: BTreeMap<&str, usize> = BTreeMap::new();
    for s in options.skipped.iter().filter(|s| s.reviewer == reviewer) {
        seen_by_reviewer.insert(&s.item);
    }
    for p in &options.pending {
        if p.reviewer == reviewer {
            seen_by_reviewer.insert(&p.item);
        } else {
            *pending.entry(&p.item).or_default() += 1;
        }
    }
    let mut next: Vec<(Reason, usize, NextAd)> = Vec::new();
    for (rank, ad) in campaign.ads.iter().enumerate() {
        let item = ad.item.as_str();
        if tally.answered.contains(item) || seen_by_reviewer.contains(item) {
            continue;
        }
        let reviews = tally.reviews.get(item).copied().unwrap_or(0);
        let taken = reviews + pending.get(item).copied().unwrap_or(0);
        let reason = if tally.disagreed.contains(item) && taken < most {
            Reason::Disagreed
        } else if taken >= k {
            continue;
        } else if reviews == 0 {
            Reason::Unreviewed
        } else {
            Reason::NeedsMore
        };
        next.push((
            reason,
            rank,
            NextAd {
                item: ad.item.clone(),
                reason,
                reviews,
            },
        ));
    }
    next.sort_by_key(|(reason, rank, _)| (*reason, *rank));
    Ok(next
        .into_iter()
        .take(options.count)
        .map(|(_, _, n)| n)
        .collect())
}

/// Items whose answers to some single-choice question differ (answers that count as missing,
/// "cannot tell", left aside).
pub fn disagreements<'a>(
    questionnaire: &Questionnaire,
    answers: &'a [Answer],
) -> BTreeSet<&'a str> {
    let mut values: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    for a in answers {
        let Some(q) = questionnaire.question(&a.question) else {
            continue;
        };
        let AnswerValue::Text(choice) = &a.answer else {
            continue;
        };
        if q.kind != QuestionKind::Single || q.choice(choice).is_none_or(|c| c.missing) {
            continue;
        }
        values
            .entry((&a.item, &a.question))
            .or_default()
            .insert(choice);
    }
    values
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|((item, _), _)| item)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::fixtures::{campaign, nature};

    fn items(next: &[NextAd]) -> Vec<&str> {
        next.iter().map(|n| n.item.as_str()).collect()
    }

    #[test]
    fn disagreed_then_unreviewed_then_incomplete_never_twice() {
        let c = campaign(&["a", "b", "c", "d"], 2);
        let answers = [
            nature("a", "r1", "political"),
            nature("a", "r2", "political"),
            nature("b", "r1", "political"),
            nature("c", "r1", "political"),
            nature("c", "r2", "issue"),
            nature("d", "r1", "cannot_tell"),
            nature("d", "r2", "issue"),
        ];
        let all = AssignOptions {
            count: 10,
            ..Default::default()
        };
        // r3: c (disagreed) first, then b (needs one more); a and d are complete and agreed.
        let next = next_ads(&c, &answers, "r3", &all).expect("accepted");
        assert_eq!(items(&next), ["c", "b"]);
        assert_eq!(next[0].reason, Reason::Disagreed);
        // r1 answered everything: nothing.
        assert!(
            next_ads(&c, &answers, "r1", &all)
                .expect("accepted")
                .is_empty()
        );
        // With b pending for r4, r3 gets only c; b skipped by r3 is never shown to r3.
        let options = AssignOptions {
            pending: vec![Assignment {
                item: "b".into(),
                reviewer: "r4".into(),
            }],
            ..all.clone()
        };
        assert_eq!(
            items(&next_ads(&c, &answers, "r3", &options).expect("accepted")),
            ["c"]
        );
        let options = AssignOptions {
            skipped: vec![Assignment {
                item: "c".into(),
                reviewer: "r3".into(),
            }],
            ..all.clone()
        };
        assert_eq!(
            items(&next_ads(&c, &answers, "r3", &options).expect("accepted")),
            ["b"]
        );
        // A disagreement gets at most k + extra reviewers.
        let more = [
            answers.to_vec(),
            vec![nature("c", "r3", "issue"), nature("c", "r4", "issue")],
        ]
        .concat();
        assert!(!items(&next_ads(&c, &more, "r5", &all).expect("accepted")).contains(&"c"));
    }

    #[test]
    fn unreviewed_in_campaign_order_and_count() {
        let c = campaign(&["x", "y", "z"], 1);
        let answers = [nature("y", "r1", "political")];
        let next = next_ads(&c, &answers, "r2", &AssignOptions::default()).expect("accepted");
        assert_eq!(items(&next), ["x"]);
        assert!(next_ads(&c, &answers, "", &AssignOptions::default()).is_err());
    }
}
