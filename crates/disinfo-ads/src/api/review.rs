//! The review's operations (see [`crate::review`]): agreement measures, the questionnaire, a
//! campaign from collections, the next ads for a reviewer, the summary and the exports.

use disinfo_core::request::{FsPath, OPTIONS, decode};
use disinfo_core::{ArgSpec, Operation, Output, ResultSpec, Spec};
use schemars::SchemaGenerator;

use super::CollectionArg;
use crate::Error;
use crate::review::assign::{AssignOptions, NextAd};
use crate::review::export::ExportOptions;
use crate::review::summary::ReviewSummary;
use crate::review::{
    self, Agreement, AgreementOptions, Answer, Campaign, CampaignOptions, Questionnaire,
};

pub(super) const REVIEW_AGREEMENT: Operation<Error> = Operation {
    spec: Spec {
        tool: "ads",
        name: "review_agreement",
        doc: "How far reviewers agree beyond chance: Krippendorff's alpha at the `nominal`, `ordinal`, `interval` or `ratio` level (any number of reviewers per item, missing answers allowed) or Fleiss' kappa. Items with fewer than two answers do not count. `value` is `null`, with the reason in `undefined`, when nothing can be measured (no item with two answers, or every answer the same).",
        args: &[ArgSpec::json::<Vec<Answer>>(
            "answers",
            "One row per answer: `{item, reviewer, answer, question?}`; `answer` a string or a number (a multiple-choice answer is measured per choice).",
        )],
        options: Some(SchemaGenerator::subschema_for::<AgreementOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<Agreement>),
        progress: false,
    },
    run: |mut args, options| {
        let answers: Vec<Answer> = args.json(0)?;
        let options: AgreementOptions = decode(OPTIONS, options)?;
        Ok(Output::json(review::agreement(&answers, &options)?))
    },
};

pub(super) const REVIEW_QUESTIONNAIRE: Operation<Error> = Operation {
    spec: Spec {
        tool: "ads",
        name: "review_questionnaire",
        doc: "A review questionnaire, read from a `.toml` or `.json` file and checked (ids, labels in every language, conditions on earlier questions and their choices), or the French default: political or issue ad, the election, commercial advertising for electoral propaganda (Code électoral L.52-1), missing sponsor identity or amount (L.163-1), who paid (L.52-8), a foreign payer, a comment.",
        args: &[ArgSpec::json::<FsPath>(
            "path",
            "The questionnaire file; the French default when omitted.",
        )
        .optional()],
        options: None,
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<Questionnaire>),
        progress: false,
    },
    run: |mut args, _| {
        let path: Option<FsPath> = args.json(0)?;
        Ok(Output::json(match path {
            Some(p) => Questionnaire::load(&p.0)?,
            None => Questionnaire::france(),
        }))
    },
};

pub(super) const REVIEW_CAMPAIGN: Operation<Error> = Operation {
    spec: Spec {
        tool: "ads",
        name: "review_campaign",
        doc: "A review campaign from collections, oldest first: every ad seen, ads that disappeared first, then ads that changed, then the others (largest spend first within each), each with its texts, page, payer, dates, spend and impressions ranges, countries, snapshot link, the collections it is in and missing from, and its evidence (collection, locator, SHA-256 of the raw record) from its latest observation; the questionnaire (the French default unless given) and how many reviewers answer each ad.",
        args: &[ArgSpec::json::<Vec<CollectionArg>>(
            "collections",
            "The collections, oldest first: folders, or described folders of raw files.",
        )],
        options: Some(SchemaGenerator::subschema_for::<CampaignOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<Campaign>),
        progress: false,
    },
    run: |mut args, options| {
        let collections: Vec<CollectionArg> = args.json(0)?;
        let options: CampaignOptions = decode(OPTIONS, options)?;
        Ok(Output::json(review::campaign(&collections, &options)?))
    },
};

pub(super) const REVIEW_ASSIGN: Operation<Error> = Operation {
    spec: Spec {
        tool: "ads",
        name: "review_assign",
        doc: "The next ads for a reviewer: every ad to `reviewers_per_ad` reviewers, never twice to the same reviewer (nor again after a skip), up to `extra_for_disagreement` more where reviewers disagree; ads with a disagreement first, then ads nobody reviewed, then ads that need more reviews, in the campaign's order. Ads handed out and not answered (`pending`) count as taken.",
        args: &[
            ArgSpec::json::<Campaign>("campaign", "What `review_campaign` returned."),
            ArgSpec::json::<Vec<Answer>>("answers", "The answers so far."),
            ArgSpec::json::<String>("reviewer", "The reviewer to serve."),
        ],
        options: Some(SchemaGenerator::subschema_for::<AssignOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<Vec<NextAd>>),
        progress: false,
    },
    run: |mut args, options| {
        let campaign: Campaign = args.json(0)?;
        let answers: Vec<Answer> = args.json(1)?;
        let reviewer: String = args.json(2)?;
        let options: AssignOptions = decode(OPTIONS, options)?;
        Ok(Output::json(review::assign::next_ads(
            &campaign, &answers, &reviewer, &options,
        )?))
    },
};

pub(super) const REVIEW_SUMMARY: Operation<Error> = Operation {
    spec: Spec {
        tool: "ads",
        name: "review_summary",
        doc: "What a campaign's answers add up to: per question the answers per choice, Krippendorff's alpha at the question's level, Fleiss' kappa, alpha per pair of reviewers and the Dawid–Skene reliability of each reviewer (a multiple-choice question: alpha per choice, ticked or not); per reviewed ad the majority (ties reported), the Dawid–Skene estimate and the evidence hash; the contested ads, most split first. \"Cannot tell\" answers are counted but measured as missing. Answers naming an unknown ad, question or choice are refused with their row.",
        args: &[
            ArgSpec::json::<Campaign>("campaign", "What `review_campaign` returned."),
            ArgSpec::json::<Vec<Answer>>("answers", "Every answer."),
        ],
        options: None,
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<ReviewSummary>),
        progress: false,
    },
    run: |mut args, _| {
        let campaign: Campaign = args.json(0)?;
        let answers: Vec<Answer> = args.json(1)?;
        Ok(Output::json(review::summary::summarize(
            &campaign, &answers,
        )?))
    },
};

pub(super) const REVIEW_EXPORT: Operation<Error> = Operation {
    spec: Spec {
        tool: "ads",
        name: "review_export",
        doc: "A campaign's answers exported: `json` (every answer with its ad's evidence, and the summary) or one `csv` table (`answers`, `ads`, `agreement`, `pairs`, `reviewers`), every row with the ad's evidence hash; cells a spreadsheet would run as formulas are defused with a leading `'`.",
        args: &[
            ArgSpec::json::<Campaign>("campaign", "What `review_campaign` returned."),
            ArgSpec::json::<Vec<Answer>>("answers", "Every answer."),
        ],
        options: Some(SchemaGenerator::subschema_for::<ExportOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<String>),
        progress: false,
    },
    run: |mut args, options| {
        let campaign: Campaign = args.json(0)?;
        let answers: Vec<Answer> = args.json(1)?;
        let options: ExportOptions = decode(OPTIONS, options)?;
        Ok(Output::json(review::export::export(
            &campaign, &answers, &options,
        )?))
    },
};
