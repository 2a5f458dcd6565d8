//! Exports of a campaign's answers and what they add up to: JSON (the answers with each ad's
//! evidence, and the [`ReviewSummary`]) or one CSV table. Every row names the ad's evidence hash.
//!
//! CSV cells that a spreadsheet would run as a formula (text starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return: an advertiser's name, a comment) are written with a leading `'`;
//! numbers are written as they are.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::answers::{Answer, AnswerValue};
use super::campaign::{Campaign, Evidence};
use super::summary::{ReviewSummary, summarize, with_choices};
use crate::error::{Error, Result};

/// The tables of a CSV export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportTable {
    /// One row per answer, with the ad's evidence (default).
    #[default]
    Answers,
    /// One row per reviewed ad and question: majority, ties, Dawid–Skene estimate.
    Ads,
    /// One row per question (and per choice of a multiple-choice question): the agreement.
    Agreement,
    /// One row per question and pair of reviewers: their alpha.
    Pairs,
    /// One row per question and reviewer: answers and Dawid–Skene reliability.
    Reviewers,
}

/// The format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Everything, as JSON (default).
    #[default]
    Json,
    /// One table (`table`), as CSV.
    Csv,
}

/// Options of [`export`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ExportOptions {
    /// `json` (default) or `csv`.
    pub format: ExportFormat,
    /// With `csv`: `answers` (default), `ads`, `agreement`, `pairs` or `reviewers`.
    pub table: Option<ExportTable>,
}

/// An answer with the evidence of its ad.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExportedAnswer {
    /// The answer.
    #[serde(flatten)]
    pub answer: Answer,
    /// The ad's evidence.
    pub evidence: Evidence,
}

/// The JSON export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReviewExport {
    /// The campaign.
    pub campaign: String,
    /// The questionnaire's id.
    pub questionnaire: String,
    /// Every answer, with its ad's evidence.
    pub answers: Vec<ExportedAnswer>,
    /// What they add up to.
    pub summary: ReviewSummary,
}

/// Exports `answers` to `campaign` (checked as [`summarize`] checks them).
pub fn export(campaign: &Campaign, answers: &[Answer], options: &ExportOptions) -> Result<String> {
    let summary = summarize(campaign, answers)?;
    let answers = &with_choices(&campaign.questionnaire, answers);
    let evidence: BTreeMap<&str, &Evidence> = campaign
        .ads
        .iter()
        .map(|ad| (ad.item.as_str(), &ad.evidence))
        .collect();
    if options.format == ExportFormat::Json {
        if options.table.is_some() {
            return Err(Error::arg(
                "table",
                "a table is chosen for the `csv` format only",
            ));
        }
        let exported = ReviewExport {
            campaign: campaign.id.clone(),
            questionnaire: campaign.questionnaire.id.clone(),
            answers: answers
                .iter()
                .filter_map(|a| {
                    evidence.get(a.item.as_str()).map(|&e| ExportedAnswer {
                        answer: a.clone(),
                        evidence: e.clone(),
                    })
                })
                .collect(),
            summary,
        };
        return serde_json::to_string_pretty(&exported)
            .map_err(|e| Error::arg("answers", format!("cannot be written as JSON: {e}")));
    }
    let mut table = Table::default();
    match options.table.unwrap_or_default() {
        ExportTable::Answers => answers_table(&evidence, answers, &mut table),
        ExportTable::Ads => ads_table(&summary, &mut table),
        ExportTable::Agreement => agreement_table(&summary, &mut table),
        ExportTable::Pairs => pairs_table(&summary, &mut table),
        ExportTable::Reviewers => reviewers_table(&summary, &mut table),
    }
    Ok(table.text)
}

/// CSV text being written.
#[derive(Default)]
struct Table {
    text: String,
}

impl Table {
    fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut first = true;
        for cell in cells {
            if !first {
                self.text.push(',');
            }
            first = false;
            self.text.push_str(&csv_cell(cell.as_ref()));
        }
        self.text.push_str("\r\n");
    }
}

/// One cell, quoted when needed and defused when a spreadsheet would run it.
fn csv_cell(value: &str) -> String {
    let formula =
        value.starts_with(['=', '+', '-', '@', '\t', '\r']) && value.parse::<f64>().is_err();
    let value = if formula {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

fn number(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

fn answer_text(a: &AnswerValue) -> String {
    match a {
        AnswerValue::Number(x) => x.to_string(),
        AnswerValue::Text(s) => s.clone(),
        AnswerValue::Choices(c) => c.join(";"),
    }
}

fn answers_table(evidence: &BTreeMap<&str, &Evidence>, answers: &[Answer], t: &mut Table) {
    t.row([
        "item",
        "raw_hash",
        "collection",
        "reviewer",
        "question",
        "answer",
    ]);
    for a in answers {
        let Some(e) = evidence.get(a.item.as_str()) else {
            continue;
        };
        t.row([
            a.item.as_str(),
            &e.raw_hash,
            &e.collection,
            &a.reviewer,
            &a.question,
            &answer_text(&a.answer),
        ]);
    }
}

fn ads_table(s: &ReviewSummary, t: &mut Table) {
    t.row([
        "item",
        "raw_hash",
        "status",
        "reviews",
        "contested",
        "question",
        "majority",
        "tied",
        "votes",
        "answers",
        "estimate",
        "probability",
        "ticked",
    ]);
    for ad in &s.reviewed_ads {
        let status = serde_json::to_value(ad.status).ok();
        let status = status.as_ref().and_then(|v| v.as_str()).unwrap_or("");
        for (question, c) in &ad.questions {
            let m = c.majority.as_ref();
            let e = c.estimate.as_ref();
            let ticked: Vec<String> = c.ticked.iter().map(|(k, v)| format!("{k}={v}")).collect();
            t.row([
                ad.item.as_str(),
                &ad.raw_hash,
                status,
                &ad.reviews.to_string(),
                if ad.contested { "true" } else { "false" },
                question,
                m.and_then(|m| m.answer.as_deref()).unwrap_or(""),
                &m.map(|m| m.tied.join(";")).unwrap_or_default(),
                &m.map(|m| m.votes.to_string()).unwrap_or_default(),
                &m.map(|m| m.answers.to_string()).unwrap_or_default(),
                e.map(|e| e.answer.as_str()).unwrap_or(""),
                &number(e.map(|e| e.probability)),
                &ticked.join(";"),
            ]);
        }
    }
}

fn agreement_table(s: &ReviewSummary, t: &mut Table) {
    t.row([
        "question",
        "choice",
        "metric",
        "level",
        "value",
        "items",
        "reviewers",
        "answers",
        "undefined",
    ]);
    let mut write = |question: &str, choice: &str, a: &super::agreement::Agreement| {
        let metric = serde_json::to_value(a.metric).ok();
        let level = a.level.and_then(|l| serde_json::to_value(l).ok());
        t.row([
            question,
            choice,
            metric.as_ref().and_then(|v| v.as_str()).unwrap_or(""),
            level.as_ref().and_then(|v| v.as_str()).unwrap_or(""),
            &number(a.value),
            &a.items.to_string(),
            &a.reviewers.to_string(),
            &a.answers.to_string(),
            a.undefined.as_deref().unwrap_or(""),
        ]);
    };
    for q in &s.questions {
        for a in q.alpha.iter().chain(&q.kappa) {
            write(&q.question, "", a);
        }
        for c in &q.per_choice {
            write(&q.question, &c.choice, &c.alpha);
        }
    }
}

fn pairs_table(s: &ReviewSummary, t: &mut Table) {
    t.row(["question", "reviewer_a", "reviewer_b", "items", "alpha"]);
    for q in &s.questions {
        for p in &q.pairs {
            t.row([
                q.question.as_str(),
                &p.reviewers[0],
                &p.reviewers[1],
                &p.items.to_string(),
                &number(p.alpha),
            ]);
        }
    }
}

fn reviewers_table(s: &ReviewSummary, t: &mut Table) {
    t.row(["question", "reviewer", "answers", "reliability"]);
    for q in &s.questions {
        for r in &q.reviewers {
            t.row([
                q.question.as_str(),
                &r.reviewer,
                &r.answers.to_string(),
                &r.reliability.to_string(),
            ]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::fixtures::{answer, campaign, nature};

    #[test]
    fn formulas_are_defused_and_quotes_doubled() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1.5"), "-1.5");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
    }

    #[test]
    fn every_table_names_the_evidence() {
        let c = campaign(&["a", "b"], 2);
        let answers = vec![
            nature("a", "ana", "political"),
            nature("a", "=cmd", "issue"),
            nature("b", "ana", "political"),
            nature("b", "=cmd", "political"),
            answer(
                "a",
                "ana",
                "comment",
                AnswerValue::Text("+33 6 00 00 00 00, call".into()),
            ),
        ];
        let csv = |table| {
            export(
                &c,
                &answers,
                &ExportOptions {
                    format: ExportFormat::Csv,
                    table: Some(table),
                },
            )
            .expect("accepted")
        };
        let rows = csv(ExportTable::Answers);
        assert!(rows.starts_with("item,raw_hash,collection,reviewer,question,answer\r\n"));
        assert!(
            rows.contains("a,hash-of-a,c,'=cmd,nature,issue\r\n"),
            "{rows}"
        );
        assert!(rows.contains("\"'+33 6 00 00 00 00, call\""), "{rows}");
        assert!(
            csv(ExportTable::Ads)
                .contains("a,hash-of-a,present,2,true,nature,,political;issue,1,2,")
        );
        assert!(csv(ExportTable::Agreement).contains("nature,,krippendorff-alpha,nominal,"));
        assert!(csv(ExportTable::Reviewers).contains("nature,ana,2,"));
        let json = export(&c, &answers, &ExportOptions::default()).expect("accepted");
        let v: serde_json::Value = serde_json::from_str(&json).expect("accepted");
        assert_eq!(v["answers"][0]["evidence"]["raw_hash"], "hash-of-a");
        assert_eq!(v["answers"][0]["item"], "a");
        let wrong = ExportOptions {
            format: ExportFormat::Json,
            table: Some(ExportTable::Ads),
        };
        assert!(export(&c, &answers, &wrong).is_err());
    }
}
