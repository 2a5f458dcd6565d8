//! What a campaign's answers add up to: per question the agreement (Krippendorff's alpha at
//! the question's level, Fleiss' kappa, alpha per reviewer pair; a multiple-choice question per
//! choice, ticked or not), the Dawid–Skene reliability of each reviewer, and per ad the majority
//! (ties reported) and the Dawid–Skene estimate, with the ad's evidence hash; the contested ads
//! (reviewers disagree) most split first. "Cannot tell" answers (choices marked `missing`) are
//! counted but are no answer for agreement and consensus.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::agreement::{Agreement, Coded, Level};
use super::answers::{Answer, AnswerValue};
use super::assign::disagreements;
use super::campaign::{AdStatus, Campaign};
use super::consensus::{
    DawidSkene, DawidSkeneOptions, ItemEstimate, Majority, ReviewerModel, dawid_skene, majority,
};
use super::questionnaire::{Question, QuestionKind, Questionnaire};
use crate::error::{Error, Result};

/// Agreement of two reviewers on the ads both answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PairAgreement {
    /// The two reviewers.
    pub reviewers: [String; 2],
    /// Ads both answered (with an answer other than "cannot tell").
    pub items: usize,
    /// Krippendorff's alpha of the two; `null` when undefined.
    pub alpha: Option<f64>,
}

/// Agreement on one choice of a multiple-choice question (ticked or not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChoiceAgreement {
    /// The choice.
    pub choice: String,
    /// Answers that ticked it.
    pub ticked: usize,
    /// Krippendorff's alpha (nominal) of ticked or not.
    pub alpha: Agreement,
}

/// One question over the whole campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct QuestionSummary {
    /// The question.
    pub question: String,
    /// How it is answered.
    pub kind: QuestionKind,
    /// Answers to it.
    pub answers: usize,
    /// Answers that were "cannot tell".
    pub cannot_tell: usize,
    /// Answers per choice.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub choices: BTreeMap<String, usize>,
    /// Krippendorff's alpha at the question's level (single choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpha: Option<Agreement>,
    /// Fleiss' kappa (single choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kappa: Option<Agreement>,
    /// Agreement per choice (multiple choice).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub per_choice: Vec<ChoiceAgreement>,
    /// Alpha per pair of reviewers with at least two ads in common (single choice), among the
    /// 100 reviewers with the most answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pairs: Vec<PairAgreement>,
    /// Reviewers left out of `pairs` (beyond the 100 with the most answers: the pairs grow as
    /// the square of the reviewers).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pairs_left_out: usize,
    /// Dawid–Skene reliability of each reviewer (single choice).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<ReviewerModel>,
    /// Whether Dawid–Skene converged (single choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converged: Option<bool>,
}

/// What the reviewers concluded about one question of one ad.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Conclusion {
    /// The majority (single choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub majority: Option<Majority>,
    /// The Dawid–Skene estimate (single choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<ItemEstimate>,
    /// Votes per choice (multiple choice: how many ticked each).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ticked: BTreeMap<String, usize>,
}

/// One reviewed ad.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AdSummary {
    /// The ad's item id.
    pub item: String,
    /// SHA-256 of its raw record (the campaign's evidence).
    pub raw_hash: String,
    /// What happened to it in the archive.
    pub status: AdStatus,
    /// Reviewers who answered it.
    pub reviews: usize,
    /// Per question.
    pub questions: BTreeMap<String, Conclusion>,
    /// Its reviewers disagree on some single-choice question.
    pub contested: bool,
}

/// A campaign's answers summed up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReviewSummary {
    /// The campaign.
    pub campaign: String,
    /// The questionnaire.
    pub questionnaire: String,
    /// Ads in the campaign.
    pub ads: usize,
    /// Ads with at least one review.
    pub reviewed: usize,
    /// Ads with `reviewers_per_ad` reviews or more.
    pub complete: usize,
    /// Reviewers who answered.
    pub reviewers: usize,
    /// Per question, in the questionnaire's order.
    pub questions: Vec<QuestionSummary>,
    /// Reviewed ads, in the campaign's order.
    pub reviewed_ads: Vec<AdSummary>,
    /// Contested ads, most split first (lowest share for the leading answer).
    pub contested: Vec<String>,
}

/// Checks every answer against the campaign (known ad, question and choices; one answer per
/// reviewer, ad and question; no answer to a question whose condition the same reviewer's
/// answer about the same ad rules out); errors name the row.
pub fn check_answers(campaign: &Campaign, answers: &[Answer]) -> Result<()> {
    check_each(campaign, answers)?;
    check_conditions(campaign, answers)
}

/// A question answered although the reviewer's answer to its condition's question rules it
/// out (`payer` after `nature = not_political`). An unanswered condition rules nothing out:
/// answers collected elsewhere may be partial.
fn check_conditions(campaign: &Campaign, answers: &[Answer]) -> Result<()> {
    let questionnaire = &campaign.questionnaire;
    if questionnaire.questions.iter().all(|q| q.when.is_none()) {
        return Ok(());
    }
    let by_sheet: BTreeMap<(&str, &str, &str), &AnswerValue> = answers
        .iter()
        .map(|a| {
            (
                (a.item.as_str(), a.reviewer.as_str(), a.question.as_str()),
                &a.answer,
            )
        })
        .collect();
    for (row, a) in answers.iter().enumerate() {
        let Some(when) = questionnaire
            .question(&a.question)
            .and_then(|q| q.when.as_ref())
        else {
            continue;
        };
        let key = (a.item.as_str(), a.reviewer.as_str(), when.question.as_str());
        if let Some(given) = by_sheet.get(&key).filter(|given| !when.holds_for(given)) {
            return Err(Error::arg(
                format!("answers[{row}].question"),
                format!(
                    "`{}` is not asked when `{}` is answered {}; reviewer `{}` answered it about `{}`",
                    short(&a.question),
                    short(&when.question),
                    serde_json::to_string(given).unwrap_or_default(),
                    short(&a.reviewer),
                    short(&a.item)
                ),
            ));
        }
    }
    Ok(())
}

fn check_each(campaign: &Campaign, answers: &[Answer]) -> Result<()> {
    let items: BTreeSet<&str> = campaign.ads.iter().map(|a| a.item.as_str()).collect();
    let mut seen: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for (row, a) in answers.iter().enumerate() {
        let at = |field: &str| format!("answers[{row}].{field}");
        if !items.contains(a.item.as_str()) {
            return Err(Error::arg(
                at("item"),
                format!("`{}` is not an ad of the campaign", short(&a.item)),
            ));
        }
        let question = campaign
            .questionnaire
            .question(&a.question)
            .ok_or_else(|| {
                Error::arg(
                    at("question"),
                    format!(
                        "`{}` is not a question of the questionnaire",
                        short(&a.question)
                    ),
                )
            })?;
        question
            .check_answer(&a.answer)
            .map_err(|m| Error::arg(at("answer"), m))?;
        if let Some(first) = seen.insert((&a.item, &a.reviewer, &a.question), row) {
            return Err(Error::arg(
                format!("answers[{row}]"),
                format!(
                    "reviewer `{}` answers this question about `{}` a second time (first at answers[{first}])",
                    short(&a.reviewer),
                    short(&a.item)
                ),
            ));
        }
    }
    Ok(())
}

fn short(s: &str) -> String {
    s.chars().take(80).collect()
}

/// `answers` with a multiple-choice answer written as text (`amount;sponsor_identity`, as a
/// CSV holds it) split into its choices.
pub fn with_choices(questionnaire: &Questionnaire, answers: &[Answer]) -> Vec<Answer> {
    answers
        .iter()
        .map(|a| match (&a.answer, questionnaire.question(&a.question)) {
            (AnswerValue::Text(text), Some(q)) if q.kind == QuestionKind::Multiple => Answer {
                answer: AnswerValue::Choices(
                    text.split(';')
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .map(str::to_owned)
                        .collect(),
                ),
                ..a.clone()
            },
            _ => a.clone(),
        })
        .collect()
}

/// Sums up `answers` to `campaign` (checked first, see [`check_answers`]; multiple-choice
/// answers may be written as text, see [`with_choices`]).
pub fn summarize(campaign: &Campaign, answers: &[Answer]) -> Result<ReviewSummary> {
    let answers = &with_choices(&campaign.questionnaire, answers);
    check_answers(campaign, answers)?;
    let mut reviewers_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for a in answers {
        reviewers_of.entry(&a.item).or_default().insert(&a.reviewer);
    }
    let mut conclusions: BTreeMap<&str, BTreeMap<String, Conclusion>> = BTreeMap::new();
    let mut share: BTreeMap<&str, f64> = BTreeMap::new();
    let mut questions = Vec::new();
    for q in &campaign.questionnaire.questions {
        let rows: Vec<(usize, &Answer)> = answers
            .iter()
            .enumerate()
            .filter(|(_, a)| a.question == q.id)
            .collect();
        let summary = match q.kind {
            QuestionKind::Single => single(q, &rows, &mut conclusions, &mut share)?,
            QuestionKind::Multiple => multiple(q, &rows, &mut conclusions)?,
            QuestionKind::Text => counts_only(q, &rows),
        };
        questions.push(summary);
    }
    let contested_items = disagreements(&campaign.questionnaire, answers);
    let reviewed_ads: Vec<AdSummary> = campaign
        .ads
        .iter()
        .filter_map(|ad| {
            let reviews = reviewers_of.get(ad.item.as_str())?.len();
            Some(AdSummary {
                item: ad.item.clone(),
                raw_hash: ad.evidence.raw_hash.clone(),
                status: ad.status,
                reviews,
                questions: conclusions.remove(ad.item.as_str()).unwrap_or_default(),
                contested: contested_items.contains(ad.item.as_str()),
            })
        })
        .collect();
    let mut contested: Vec<(&str, f64)> = contested_items
        .iter()
        .map(|&i| (i, share.get(i).copied().unwrap_or(1.0)))
        .collect();
    contested.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
    let reviewers: BTreeSet<&str> = answers.iter().map(|a| a.reviewer.as_str()).collect();
    let k = campaign.reviewers_per_ad as usize;
    Ok(ReviewSummary {
        campaign: campaign.id.clone(),
        questionnaire: campaign.questionnaire.id.clone(),
        ads: campaign.ads.len(),
        reviewed: reviewed_ads.len(),
        complete: reviewed_ads.iter().filter(|a| a.reviews >= k).count(),
        reviewers: reviewers.len(),
        questions,
        reviewed_ads,
        contested: contested.into_iter().map(|(i, _)| i.to_owned()).collect(),
    })
}

fn counts_only(q: &Question, rows: &[(usize, &Answer)]) -> QuestionSummary {
    QuestionSummary {
        question: q.id.clone(),
        kind: q.kind,
        answers: rows.len(),
        cannot_tell: 0,
        choices: BTreeMap::new(),
        alpha: None,
        kappa: None,
        per_choice: Vec::new(),
        pairs: Vec::new(),
        pairs_left_out: 0,
        reviewers: Vec::new(),
        converged: None,
    }
}

/// A single-choice question: agreement, pairs, Dawid–Skene, per-ad conclusions.
fn single<'a>(
    q: &Question,
    rows: &[(usize, &'a Answer)],
    conclusions: &mut BTreeMap<&'a str, BTreeMap<String, Conclusion>>,
    share: &mut BTreeMap<&'a str, f64>,
) -> Result<QuestionSummary> {
    let mut summary = counts_only(q, rows);
    let mut counted: Vec<(usize, &Answer)> = Vec::new();
    for &(row, a) in rows {
        if let AnswerValue::Text(choice) = &a.answer {
            *summary.choices.entry(choice.clone()).or_default() += 1;
            if q.choice(choice).is_some_and(|c| c.missing) {
                summary.cannot_tell += 1;
            } else {
                counted.push((row, a));
            }
        }
    }
    let order: Vec<String> = q
        .choices
        .iter()
        .filter(|c| !c.missing)
        .map(|c| c.id.clone())
        .collect();
    let ordinal = q.level == Level::Ordinal;
    let coded = Coded::of(&counted, q.level, ordinal.then_some(order.as_slice()))?;
    summary.alpha = Some(coded.alpha(q.level));
    summary.kappa = Some(coded.fleiss_kappa());
    (summary.pairs, summary.pairs_left_out) =
        pairs(&counted, q.level, ordinal.then_some(order.as_slice()))?;
    // Dawid–Skene over the choices in the questionnaire's order.
    let codes: BTreeMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let ratings = super::answers::Ratings::group(
        counted.iter().filter_map(|&(row, a)| match &a.answer {
            AnswerValue::Text(c) => codes
                .get(c.as_str())
                .map(|&code| (row, a.item.as_str(), a.reviewer.as_str(), code)),
            _ => None,
        }),
        "answers",
    )?;
    let ds: DawidSkene = dawid_skene(&ratings, &order, &DawidSkeneOptions::default());
    let majorities = majority(&ratings, &order);
    let mut first: BTreeMap<&str, &'a Answer> = BTreeMap::new();
    for &(_, a) in &counted {
        first.entry(a.item.as_str()).or_insert(a);
    }
    for ((item, m), estimate) in ratings.items.iter().zip(majorities).zip(ds.items) {
        let Some(&a) = first.get(item.as_str()) else {
            continue;
        };
        if m.answers > 0 {
            let s = m.votes as f64 / m.answers as f64;
            let slot = share.entry(a.item.as_str()).or_insert(1.0);
            *slot = slot.min(s);
        }
        conclusions.entry(a.item.as_str()).or_default().insert(
            q.id.clone(),
            Conclusion {
                majority: Some(m),
                estimate: Some(estimate),
                ticked: BTreeMap::new(),
            },
        );
    }
    summary.reviewers = ds.reviewers;
    summary.converged = Some(ds.converged);
    Ok(summary)
}

/// Most reviewers whose pairs are measured.
const MAX_PAIR_REVIEWERS: usize = 100;

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Alpha of every pair of reviewers with at least two ads in common, among the
/// [`MAX_PAIR_REVIEWERS`] with the most answers; and how many reviewers were left out.
fn pairs(
    counted: &[(usize, &Answer)],
    level: Level,
    order: Option<&[String]>,
) -> Result<(Vec<PairAgreement>, usize)> {
    let mut by_reviewer: BTreeMap<&str, BTreeMap<&str, (usize, &Answer)>> = BTreeMap::new();
    for &(row, a) in counted {
        by_reviewer
            .entry(&a.reviewer)
            .or_default()
            .insert(&a.item, (row, a));
    }
    let mut names: Vec<&str> = by_reviewer.keys().copied().collect();
    names.sort_by_key(|n| std::cmp::Reverse(by_reviewer[n].len()));
    let left_out = names.len().saturating_sub(MAX_PAIR_REVIEWERS);
    names.truncate(MAX_PAIR_REVIEWERS);
    names.sort_unstable();
    let mut out = Vec::new();
    for (i, &x) in names.iter().enumerate() {
        for &y in &names[i + 1..] {
            let (ax, ay) = (&by_reviewer[x], &by_reviewer[y]);
            let shared: Vec<(usize, &Answer)> = ax
                .iter()
                .filter_map(|(item, &left)| ay.get(item).map(|&right| [left, right]))
                .flatten()
                .collect();
            if shared.len() < 4 {
                continue;
            }
            let a = Coded::of(&shared, level, order)?.alpha(level);
            out.push(PairAgreement {
                reviewers: [x.to_owned(), y.to_owned()],
                items: a.items,
                alpha: a.value,
            });
        }
    }
    Ok((out, left_out))
}

/// A multiple-choice question: per choice, ticked or not.
fn multiple<'a>(
    q: &Question,
    rows: &[(usize, &'a Answer)],
    conclusions: &mut BTreeMap<&'a str, BTreeMap<String, Conclusion>>,
) -> Result<QuestionSummary> {
    let mut summary = counts_only(q, rows);
    for choice in &q.choices {
        let binary: Vec<Answer> = rows
            .iter()
            .map(|(_, a)| {
                let ticked = matches!(&a.answer, AnswerValue::Choices(c) if c.contains(&choice.id));
                Answer {
                    item: a.item.clone(),
                    reviewer: a.reviewer.clone(),
                    question: String::new(),
                    answer: AnswerValue::Text(if ticked { "ticked" } else { "not" }.to_owned()),
                }
            })
            .collect();
        let ticked: Vec<&Answer> = rows
            .iter()
            .zip(&binary)
            .filter(|(_, b)| b.answer == AnswerValue::Text("ticked".into()))
            .map(|((_, a), _)| *a)
            .collect();
        summary.choices.insert(choice.id.clone(), ticked.len());
        for a in &ticked {
            *conclusions
                .entry(a.item.as_str())
                .or_default()
                .entry(q.id.clone())
                .or_insert_with(|| Conclusion {
                    majority: None,
                    estimate: None,
                    ticked: BTreeMap::new(),
                })
                .ticked
                .entry(choice.id.clone())
                .or_default() += 1;
        }
        let indexed: Vec<(usize, &Answer)> =
            rows.iter().map(|(row, _)| *row).zip(&binary).collect();
        let alpha = Coded::of(&indexed, Level::Nominal, None)?.alpha(Level::Nominal);
        summary.per_choice.push(ChoiceAgreement {
            choice: choice.id.clone(),
            ticked: ticked.len(),
            alpha,
        });
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::fixtures::{answer, campaign, nature};

    fn political(item: &str, reviewer: &str, payer: &str, missing: &[&str]) -> Vec<Answer> {
        let text = |s: &str| AnswerValue::Text(s.into());
        vec![
            nature(item, reviewer, "political"),
            answer(item, reviewer, "commercial_propaganda", text("no")),
            answer(item, reviewer, "payer", text(payer)),
            answer(item, reviewer, "foreign_payer", text("no")),
            answer(
                item,
                reviewer,
                "missing_information",
                AnswerValue::Choices(missing.iter().map(|m| m.to_string()).collect()),
            ),
        ]
    }

    #[test]
    fn a_small_campaign_summed_up() {
        let c = campaign(&["a", "b", "c", "d"], 2);
        let answers: Vec<Answer> = [
            political("a", "ana", "party", &["nothing"]),
            political("a", "ben", "party", &["nothing"]),
            political("b", "ana", "legal_person", &["amount"]),
            political("b", "ben", "party", &["amount", "sponsor_identity"]),
            political("c", "ana", "cannot_tell", &["sponsor_identity"]),
            political("c", "ben", "person", &["sponsor_identity"]),
            vec![nature("d", "ana", "not_political")],
        ]
        .concat();
        let s = summarize(&c, &answers).expect("accepted");
        assert_eq!((s.ads, s.reviewed, s.complete, s.reviewers), (4, 4, 3, 2));
        let payer = s
            .questions
            .iter()
            .find(|q| q.question == "payer")
            .expect("accepted");
        assert_eq!((payer.answers, payer.cannot_tell), (6, 1));
        assert_eq!(payer.choices["party"], 3);
        // a agrees, b disagrees, c has one counted answer: alpha over a and b.
        assert_eq!(payer.alpha.as_ref().expect("accepted").items, 2);
        assert_eq!(payer.reviewers.len(), 2);
        assert_eq!(s.contested, ["b"]);
        let b = s
            .reviewed_ads
            .iter()
            .find(|a| a.item == "b")
            .expect("accepted");
        assert!(b.contested);
        assert_eq!(b.raw_hash, "hash-of-b");
        let m = b.questions["payer"].majority.as_ref().expect("accepted");
        assert_eq!((m.answer.as_deref(), m.tied.len()), (None, 2));
        let missing = s
            .questions
            .iter()
            .find(|q| q.question == "missing_information")
            .expect("accepted");
        assert_eq!(missing.per_choice.len(), 3);
        assert_eq!(missing.choices["sponsor_identity"], 3);
        assert_eq!(b.questions["missing_information"].ticked["amount"], 2);
    }

    #[test]
    fn answers_outside_the_campaign_are_refused_by_row() {
        let c = campaign(&["a"], 2);
        let cases = [
            (vec![nature("zz", "ana", "political")], "answers[0].item"),
            (
                vec![answer(
                    "a",
                    "ana",
                    "colour",
                    AnswerValue::Text("red".into()),
                )],
                "answers[0].question",
            ),
            (vec![nature("a", "ana", "<b>bold</b>")], "answers[0].answer"),
            (
                vec![nature("a", "ana", "political"), nature("a", "ana", "issue")],
                "answers[1]",
            ),
        ];
        for (answers, at) in cases {
            let e = summarize(&c, &answers).expect_err("refused");
            assert!(e.to_string().contains(at), "{at}: {e}");
        }
        let as_text = answer(
            "a",
            "ana",
            "missing_information",
            AnswerValue::Text("amount; nothing".into()),
        );
        // `election` is asked after `nature` is political or issue only; without `nature`
        // (answers collected elsewhere may be partial) nothing rules it out.
        let election = || answer("a", "ana", "election", AnswerValue::Text("european".into()));
        let e =
            summarize(&c, &[nature("a", "ana", "not_political"), election()]).expect_err("refused");
        assert!(
            e.to_string().contains("answers[1].question")
                && e.to_string().contains("\"not_political\""),
            "{e}"
        );
        summarize(&c, &[nature("a", "ben", "not_political"), election()])
            .expect("another reviewer");
        summarize(&c, &[election()]).expect("no answer to the condition");
        let s = summarize(&c, &[nature("a", "ana", "political"), as_text]).expect("accepted");
        assert_eq!(s.questions[3].choices["amount"], 1);
        let empty = summarize(&c, &[]).expect("accepted");
        assert_eq!((empty.reviewed, empty.reviewers), (0, 0));
        assert!(
            empty.questions[0]
                .alpha
                .as_ref()
                .expect("accepted")
                .value
                .is_none()
        );
    }
}
