//! The review's pages, server-rendered (maud escapes every value, so an ad's text is always
//! text): the invitation, one ad with the questionnaire, the owner's dashboard, and refusals.
//! Pages work without JavaScript; `/static/review.js` only adds the keyboard shortcuts and hides
//! questions whose condition does not hold.

use std::collections::BTreeMap;

use disinfo_ads::model::Range;
use disinfo_ads::review::campaign::{AdStatus, ReviewAd};
use disinfo_ads::review::questionnaire::{Question, QuestionKind, Questionnaire, Text};
use disinfo_ads::review::store::Progress;
use disinfo_ads::review::summary::ReviewSummary;
use disinfo_ads::review::{AnswerValue, Campaign};
use maud::{DOCTYPE, Markup, html};

use super::text::{Key, Lang};

/// What every page of a signed-in person shows in its header.
pub(crate) struct Signed<'a> {
    pub reviewer: &'a str,
    pub csrf: &'a str,
}

/// The frame of every page.
pub(crate) fn layout(lang: Lang, title: &str, signed: Option<&Signed<'_>>, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — " (lang.t(Key::Title)) }
                link rel="stylesheet" href="/static/review.css";
                script src="/static/review.js" defer {}
            }
            body {
                a.skip href="#main" { (lang.t(Key::Questions)) }
                header {
                    p.brand { (lang.t(Key::Title)) }
                    nav {
                        a href={ "?lang=" (lang.other().code()) } hreflang=(lang.other().code()) lang=(lang.other().code()) { (lang.t(Key::Language)) }
                        @if let Some(s) = signed {
                            span.who { (s.reviewer) }
                            form method="post" action="/sign-out" {
                                input type="hidden" name="csrf" value=(s.csrf);
                                button type="submit" { (lang.t(Key::SignOut)) }
                            }
                        }
                    }
                }
                main #main tabindex="-1" { h1 { (title) } (body) }
            }
        }
    }
    .into_string()
}

/// A label in `lang`, else in the questionnaire's first language.
fn label<'a>(text: &'a Text, lang: Lang, questionnaire: &'a Questionnaire) -> &'a str {
    text.get(lang.code())
        .or_else(|| questionnaire.languages.first().and_then(|l| text.get(l)))
        .map_or("", String::as_str)
}

/// The page of an invitation: one button that signs in (a link alone does not, so that a link
/// preview does not use the invitation).
pub(crate) fn invitation(lang: Lang, campaign: &str, token: &str, csrf: &str) -> String {
    let body = html! {
        p { (lang.t(Key::Welcome)) " " strong { (campaign) } ". " (lang.t(Key::OneTime)) }
        form method="post" action={ "/invite/" (token) } {
            input type="hidden" name="csrf" value=(csrf);
            button type="submit" autofocus { (lang.t(Key::SignIn)) }
        }
    };
    layout(lang, lang.t(Key::SignIn), None, body)
}

/// A refusal, with what to do.
pub(crate) fn refusal(lang: Lang, reason: &str) -> String {
    let body = html! { p role="alert" { (reason) } p { (lang.t(Key::NeedInvitation)) } };
    layout(lang, lang.t(Key::Refused), None, body)
}

fn range(r: &Option<Range>, unit: Option<&str>) -> String {
    match r {
        None => "—".to_owned(),
        Some(Range { lo, hi: Some(hi) }) if lo == hi => {
            format!("{lo}{}", unit.map(|u| format!(" {u}")).unwrap_or_default())
        }
        Some(Range { lo, hi: Some(hi) }) => format!(
            "{lo}–{hi}{}",
            unit.map(|u| format!(" {u}")).unwrap_or_default()
        ),
        Some(Range { lo, hi: None }) => format!(
            "≥ {lo}{}",
            unit.map(|u| format!(" {u}")).unwrap_or_default()
        ),
    }
}

fn ad_card(lang: Lang, ad: &ReviewAd) -> Markup {
    let date = |d: &Option<String>| {
        d.as_deref()
            .map_or("…".to_owned(), |d| d.chars().take(10).collect())
    };
    html! {
        article.ad aria-labelledby="ad-title" {
            h2 #ad-title { (lang.t(Key::Ad)) " " code { (ad.item) } }
            @match ad.status {
                AdStatus::Disappeared => p.status.gone role="note" { (lang.t(Key::Disappeared)) " " (ad.missing_from.first().map_or("", String::as_str)) },
                AdStatus::Changed => p.status.changed role="note" { (lang.t(Key::Changed)) },
                AdStatus::Present => p.status { (lang.t(Key::Present)) },
            }
            @if ad.texts.is_empty() {
                p.creative { em { (lang.t(Key::NoText)) } }
            }
            @for t in &ad.texts {
                blockquote.creative { (t.text) }
            }
            dl {
                dt { (lang.t(Key::Page)) } dd { (ad.advertiser_name.as_deref().unwrap_or("—")) }
                dt { (lang.t(Key::Payer)) } dd { (ad.payer.as_deref().unwrap_or("—")) }
                dt { (lang.t(Key::Dates)) } dd { (date(&ad.first_shown)) " → " (date(&ad.last_shown)) }
                dt { (lang.t(Key::Spend)) } dd { (range(&ad.spend, ad.currency.as_deref())) }
                dt { (lang.t(Key::Impressions)) } dd { (range(&ad.impressions, None)) }
                dt { (lang.t(Key::Countries)) } dd { @if ad.countries.is_empty() { "—" } @else { (ad.countries.join(", ")) } }
            }
            @if let Some(url) = ad.snapshot_url.as_deref().filter(|u| u.starts_with("https://")) {
                p { a href=(url) rel="noopener noreferrer" target="_blank" { (lang.t(Key::Snapshot)) } }
            }
        }
    }
}

fn question_fields(
    lang: Lang,
    questionnaire: &Questionnaire,
    q: &Question,
    previous: &BTreeMap<String, AnswerValue>,
) -> Markup {
    let name = format!("q.{}", q.id);
    let chosen = |id: &str| match previous.get(&q.id) {
        Some(AnswerValue::Text(t)) => t == id,
        Some(AnswerValue::Choices(c)) => c.iter().any(|c| c == id),
        _ => false,
    };
    let condition = q.when.as_ref().map(|w| {
        let on = questionnaire.question(&w.question);
        let choices: Vec<&str> = w
            .any_of
            .iter()
            .map(|c| {
                on.and_then(|q| q.choice(c))
                    .map_or(c.as_str(), |c| label(&c.label, lang, questionnaire))
            })
            .collect();
        (w.question.clone(), w.any_of.join(" "), choices.join(", "))
    });
    html! {
        fieldset.question data-question=(q.id) data-when=[condition.as_ref().map(|c| &c.0)] data-any=[condition.as_ref().map(|c| &c.1)] {
            legend {
                (label(&q.label, lang, questionnaire))
                @if let Some((_, _, choices)) = &condition { " " small { "(" (lang.t(Key::OnlyIf)) (lang.colon()) " " (choices) ")" } }
            }
            @if let Some(help) = &q.help { p.help { (label(help, lang, questionnaire)) } }
            @match q.kind {
                QuestionKind::Text => {
                    @let value = match previous.get(&q.id) { Some(AnswerValue::Text(t)) => t.as_str(), _ => "" };
                    label.sr for={ "f-" (q.id) } { (label(&q.label, lang, questionnaire)) }
                    textarea id={ "f-" (q.id) } name=(name) rows="3" maxlength="5000" { (value) }
                }
                _ => {
                    @let kind = if q.kind == QuestionKind::Single { "radio" } else { "checkbox" };
                    @for (i, c) in q.choices.iter().enumerate() {
                        @let id = format!("f-{}-{}", q.id, c.id);
                        div.choice {
                            input type=(kind) id=(id) name=(name) value=(c.id) checked[chosen(&c.id)];
                            label for=(id) {
                                @if i < 9 { kbd { (i + 1) } " " }
                                (label(&c.label, lang, questionnaire))
                                @if let Some(law) = &c.law { " " small.law { (law) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One ad with the questionnaire.
#[allow(clippy::too_many_arguments)]
pub(crate) fn review(
    lang: Lang,
    signed: &Signed<'_>,
    campaign: &Campaign,
    ad: &ReviewAd,
    progress: Progress,
    error: Option<&str>,
    previous: &BTreeMap<String, AnswerValue>,
) -> String {
    let q = &campaign.questionnaire;
    let body = html! {
        p.progress {
            (lang.t(Key::Progress)) (lang.colon()) " " (progress.answered) " " (lang.t(Key::Answered)) ", " (progress.skipped) " " (lang.t(Key::Skipped))
            progress max=(progress.answered + progress.skipped + progress.remaining) value=(progress.answered + progress.skipped) {}
        }
        @if let Some(e) = error {
            div.error role="alert" tabindex="-1" #error { p { (lang.t(Key::Errors)) } p { (e) } }
        }
        (ad_card(lang, ad))
        form #answers method="post" action="/review" {
            input type="hidden" name="csrf" value=(signed.csrf);
            input type="hidden" name="item" value=(ad.item);
            h2 { (lang.t(Key::Questions)) }
            @for question in &q.questions { (question_fields(lang, q, question, previous)) }
            p.hint { (lang.t(Key::Shortcuts)) }
            div.actions {
                button type="submit" name="action" value="answer" { (lang.t(Key::Submit)) }
                button.secondary type="submit" name="action" value="skip" formnovalidate { (lang.t(Key::Skip)) }
            }
        }
    };
    layout(lang, &campaign.id, Some(signed), body)
}

/// Nothing left for this reviewer.
pub(crate) fn done(
    lang: Lang,
    signed: &Signed<'_>,
    campaign: &Campaign,
    progress: Progress,
) -> String {
    let body = html! {
        p role="status" { (lang.t(Key::Done)) }
        p { (progress.answered) " " (lang.t(Key::Answered)) ", " (progress.skipped) " " (lang.t(Key::Skipped)) }
    };
    layout(lang, &campaign.id, Some(signed), body)
}

fn value(v: Option<f64>, lang: Lang) -> String {
    v.map_or_else(|| lang.t(Key::Undefined).to_owned(), |v| format!("{v:.3}"))
}

/// The owner's dashboard.
pub(crate) fn owner(
    lang: Lang,
    signed: &Signed<'_>,
    campaign: &Campaign,
    summary: &ReviewSummary,
    reviewers: &[(String, Progress)],
    invitation: Option<(&str, &str)>,
) -> String {
    let q = &campaign.questionnaire;
    let reliability: BTreeMap<&str, f64> = summary
        .questions
        .first()
        .map(|s| {
            s.reviewers
                .iter()
                .map(|r| (r.reviewer.as_str(), r.reliability))
                .collect()
        })
        .unwrap_or_default();
    let body = html! {
        p.totals {
            strong { (summary.ads) } " " (lang.t(Key::Ads)) " · "
            strong { (summary.reviewed) } " " (lang.t(Key::Reviewed)) " · "
            strong { (summary.complete) } " " (lang.t(Key::Complete))
        }
        @if let Some((name, link)) = invitation {
            div.invitation role="status" {
                p { (lang.t(Key::InvitationFor)) " " strong { (name) } (lang.colon()) }
                p { code #invitation-link { (link) } }
                p { (lang.t(Key::SendPrivately)) }
            }
        }
        section aria-labelledby="h-reviewers" {
            h2 #h-reviewers { (lang.t(Key::Reviewers)) }
            table {
                thead { tr { th scope="col" { (lang.t(Key::Name)) } th scope="col" { (lang.t(Key::Answered)) } th scope="col" { (lang.t(Key::Skipped)) } th scope="col" { (lang.t(Key::Reliability)) } } }
                tbody {
                    @for (name, p) in reviewers {
                        tr { th scope="row" { (name) } td { (p.answered) } td { (p.skipped) } td { (value(reliability.get(name.as_str()).copied(), lang)) } }
                    }
                }
            }
        }
        section aria-labelledby="h-agreement" {
            h2 #h-agreement { (lang.t(Key::Agreement)) }
            table #agreement {
                thead { tr { th scope="col" { (lang.t(Key::Question)) } th scope="col" { (lang.t(Key::Alpha)) } th scope="col" { (lang.t(Key::Kappa)) } th scope="col" { "n" } } }
                tbody {
                    @for s in summary.questions.iter().filter(|s| s.alpha.is_some()) {
                        tr {
                            th scope="row" { (q.question(&s.question).map_or(s.question.as_str(), |x| label(&x.label, lang, q))) }
                            td.alpha { (value(s.alpha.as_ref().and_then(|a| a.value), lang)) }
                            td { (value(s.kappa.as_ref().and_then(|a| a.value), lang)) }
                            td { (s.alpha.as_ref().map_or(0, |a| a.items)) }
                        }
                    }
                }
            }
        }
        section aria-labelledby="h-contested" {
            h2 #h-contested { (lang.t(Key::Contested)) }
            @if summary.contested.is_empty() { p { (lang.t(Key::NoneYet)) } }
            ul #contested {
                @for item in &summary.contested {
                    @let ad = summary.reviewed_ads.iter().find(|a| &a.item == item);
                    li {
                        code { (item) }
                        @if let Some(ad) = ad {
                            @for (question, c) in &ad.questions {
                                @if let Some(m) = c.majority.as_ref().filter(|m| m.answer.is_none() || m.votes < m.answers) {
                                    " · " (question) (lang.colon()) " " (m.answer.as_deref().unwrap_or_else(|| "—")) " " small { "(" (m.votes) "/" (m.answers) @if !m.tied.is_empty() { ", " (m.tied.join(" = ")) } ")" }
                                }
                            }
                        }
                    }
                }
            }
        }
        section aria-labelledby="h-invite" {
            h2 #h-invite { (lang.t(Key::Invite)) }
            form method="post" action="/owner/invitations" {
                input type="hidden" name="csrf" value=(signed.csrf);
                label for="f-name" { (lang.t(Key::Name)) }
                input #f-name type="text" name="reviewer" required maxlength="64" autocomplete="off";
                label for="f-days" { (lang.t(Key::ValidDays)) }
                input #f-days type="number" name="days" min="1" max="90" value="7" required;
                button type="submit" { (lang.t(Key::Create)) }
            }
        }
        section aria-labelledby="h-export" {
            h2 #h-export { (lang.t(Key::Export)) }
            ul {
                li { a href="/owner/export?format=json" download { "JSON" } }
                @for table in ["answers", "ads", "agreement", "pairs", "reviewers"] {
                    li { a href={ "/owner/export?format=csv&table=" (table) } download { "CSV · " (table) } }
                }
            }
        }
    };
    layout(lang, lang.t(Key::Owner), Some(signed), body)
}
