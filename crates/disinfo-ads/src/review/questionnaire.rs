//! The questionnaire of a review, defined as data (TOML or JSON): questions with one or several
//! choices or a free text, each choice with the legal reference it puts in question, labels in
//! every language of the campaign, and conditions (`when`) that ask a question only after
//! certain answers. [`Questionnaire::france`] is the default for ads shown in France
//! (`questionnaires/fr.toml`).
//!
//! [`Questionnaire::check`] is the one place where a reviewer's answers to an item are accepted
//! or refused: unknown questions and choices, a question asked without its condition, a
//! required question left out, an over-long text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::agreement::Level;
use super::answers::AnswerValue;
use crate::error::{Error, Result};

/// A text in several languages: language code (`fr`, `en`) → text.
pub type Text = BTreeMap<String, String>;

/// Longest free-text answer, in characters.
pub const MAX_TEXT_CHARS: usize = 5_000;

/// A review questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Its id (kept with every campaign and export).
    pub id: String,
    /// The languages every label is written in, the default first.
    pub languages: Vec<String>,
    /// Its title.
    pub title: Text,
    /// The questions, in the order they are asked.
    pub questions: Vec<Question>,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One choice.
    Single,
    /// Any number of choices.
    Multiple,
    /// A free text.
    Text,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Its id (letters, digits, `_` and `-`).
    pub id: String,
    /// How it is answered.
    pub kind: QuestionKind,
    /// The question as asked.
    pub label: Text,
    /// What a reviewer needs to know to answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Level of measurement of a single-choice question's answers, for Krippendorff's alpha:
    /// `nominal` (default) or `ordinal` (the choices in order).
    #[serde(default)]
    pub level: Level,
    /// Must be answered whenever it is asked (default true).
    #[serde(default = "yes")]
    pub required: bool,
    /// Asked only when an earlier question got one of some answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// The choices (single and multiple).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
}

fn yes() -> bool {
    true
}

/// One choice of a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Its id (letters, digits, `_` and `-`): what answers hold.
    pub id: String,
    /// The choice as shown.
    pub label: Text,
    /// The legal reference this answer puts in question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<String>,
    /// A "cannot tell": no answer for the agreement measures and the consensus.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
}

/// A question's condition: asked only when `question` was answered with one of `any_of`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// An earlier single- or multiple-choice question.
    pub question: String,
    /// The choices that make this question asked.
    pub any_of: Vec<String>,
}

impl Questionnaire {
    /// The default questionnaire for ads shown in France: political or issue advertising,
    /// the election, commercial advertising for electoral propaganda (Code électoral L.52-1),
    /// missing sponsor identity or amount (L.163-1), who paid (L.52-8), a foreign payer, a
    /// comment; "cannot tell" everywhere it applies.
    pub fn france() -> Self {
        // The shipped file is checked by this module's tests; `parse` cannot fail on it.
        Self::parse(include_str!("questionnaires/fr.toml"), "<france>")
            .unwrap_or_else(|e| unreachable!("the shipped questionnaire is invalid: {e}"))
    }

    /// Reads a questionnaire from a `.toml` or `.json` file.
    pub fn load(path: &Path) -> Result<Self> {
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::io("read", path.display(), e))?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses a questionnaire written in TOML or JSON (JSON when it starts with `{`), then
    /// checks it.
    pub fn parse(text: &str, file: &str) -> Result<Self> {
        let invalid = |location: String, message: String| Error::InvalidQuestionnaire {
            file: file.to_owned(),
            location,
            message,
        };
        let questionnaire: Questionnaire = if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| {
                invalid(
                    format!("line {}, column {}", e.line(), e.column()),
                    e.to_string(),
                )
            })?
        } else {
            toml::from_str(text).map_err(|e| {
                let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
                invalid(
                    format!("line {line}, column {column}"),
                    e.message().to_owned(),
                )
            })?
        };
        questionnaire
            .validate()
            .map_err(|(location, message)| invalid(location, message))?;
        Ok(questionnaire)
    }

    /// The question `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    fn validate(&self) -> std::result::Result<(), (String, String)> {
        let fail = |at: String, message: &str| Err((at, message.to_owned()));
        check_id(&self.id, "id")?;
        if self.languages.is_empty() {
            return fail("languages".into(), "name at least one language");
        }
        check_text(&self.title, &self.languages, "title")?;
        if self.questions.is_empty() {
            return fail(
                "questions".into(),
                "a questionnaire has at least one question",
            );
        }
        let mut seen: BTreeMap<&str, &Question> = BTreeMap::new();
        for (i, q) in self.questions.iter().enumerate() {
            let at = format!("questions[{i}]");
            check_id(&q.id, &format!("{at}.id"))?;
            check_text(&q.label, &self.languages, &format!("{at}.label"))?;
            if let Some(help) = &q.help {
                check_text(help, &self.languages, &format!("{at}.help"))?;
            }
            q.validate_choices(&at, &self.languages)?;
            if let Some(when) = &q.when {
                check_condition(when, &seen, &format!("{at}.when"))?;
            }
            if seen.insert(&q.id, q).is_some() {
                return Err((
                    format!("{at}.id"),
                    format!("`{}` is the id of an earlier question", q.id),
                ));
            }
        }
        Ok(())
    }

    /// Checks one reviewer's answers to one item (question id → answer): every question asked
    /// (its condition holds) and required is answered, no question that is not asked is, every
    /// answer is of its question's kind and names its choices. Errors name the question.
    pub fn check(&self, answers: &BTreeMap<String, AnswerValue>) -> Result<()> {
        let wrong =
            |question: &str, message: String| Error::arg(format!("answers.{question}"), message);
        for id in answers.keys() {
            if self.question(id).is_none() {
                return Err(wrong(
                    id,
                    "no such question in the questionnaire".to_owned(),
                ));
            }
        }
        for q in &self.questions {
            let asked = q.when.as_ref().is_none_or(|w| condition_holds(w, answers));
            match (answers.get(&q.id), asked) {
                (None, true) if q.required => {
                    return Err(wrong(&q.id, "this question must be answered".to_owned()));
                }
                (Some(_), false) => {
                    return Err(wrong(
                        &q.id,
                        "this question is not asked given the earlier answers".to_owned(),
                    ));
                }
                (Some(answer), true) => q.check_answer(answer).map_err(|m| wrong(&q.id, m))?,
                _ => {}
            }
        }
        Ok(())
    }
}

impl Question {
    fn validate_choices(
        &self,
        at: &str,
        languages: &[String],
    ) -> std::result::Result<(), (String, String)> {
        match (self.kind, self.choices.is_empty()) {
            (QuestionKind::Text, false) => {
                return Err((
                    format!("{at}.choices"),
                    "a text question has no choices".into(),
                ));
            }
            (QuestionKind::Single | QuestionKind::Multiple, true) => {
                return Err((
                    format!("{at}.choices"),
                    "a choice question needs choices".into(),
                ));
            }
            _ => {}
        }
        if self.level != Level::Nominal
            && !(self.kind == QuestionKind::Single && self.level == Level::Ordinal)
        {
            return Err((
                format!("{at}.level"),
                "only a single-choice question can be `ordinal`; the others are `nominal`".into(),
            ));
        }
        let mut ids = BTreeSet::new();
        for (j, c) in self.choices.iter().enumerate() {
            let at = format!("{at}.choices[{j}]");
            check_id(&c.id, &format!("{at}.id"))?;
            check_text(&c.label, languages, &format!("{at}.label"))?;
            if !ids.insert(c.id.as_str()) {
                return Err((
                    format!("{at}.id"),
                    format!("`{}` is already a choice of this question", c.id),
                ));
            }
        }
        Ok(())
    }

    /// The choice `id`.
    pub fn choice(&self, id: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.id == id)
    }

    /// Checks one answer to this question: of its kind, naming its choices, a text not too long.
    pub(crate) fn check_answer(&self, answer: &AnswerValue) -> std::result::Result<(), String> {
        let known = |id: &str| {
            self.choice(id)
                .map(|_| ())
                .ok_or_else(|| format!("`{}` is not a choice of this question", shorten(id)))
        };
        match (self.kind, answer) {
            (QuestionKind::Single, AnswerValue::Text(id)) => known(id),
            (QuestionKind::Multiple, AnswerValue::Choices(ids)) => {
                if ids.is_empty() {
                    return Err("tick at least one choice".to_owned());
                }
                let mut seen = BTreeSet::new();
                for id in ids {
                    known(id)?;
                    if !seen.insert(id) {
                        return Err(format!("`{}` is ticked twice", shorten(id)));
                    }
                }
                Ok(())
            }
            (QuestionKind::Text, AnswerValue::Text(text)) => {
                if text.chars().count() > MAX_TEXT_CHARS {
                    Err(format!(
                        "the text is longer than {MAX_TEXT_CHARS} characters"
                    ))
                } else {
                    Ok(())
                }
            }
            (kind, _) => Err(format!(
                "a {} question takes {}",
                match kind {
                    QuestionKind::Single => "single-choice",
                    QuestionKind::Multiple => "multiple-choice",
                    QuestionKind::Text => "text",
                },
                match kind {
                    QuestionKind::Single => "one choice id as a string",
                    QuestionKind::Multiple => "a list of choice ids",
                    QuestionKind::Text => "a string",
                }
            )),
        }
    }
}

fn condition_holds(when: &Condition, answers: &BTreeMap<String, AnswerValue>) -> bool {
    answers
        .get(&when.question)
        .is_some_and(|answer| when.holds_for(answer))
}

impl Condition {
    /// True when `answer` (to the condition's question) asks the question.
    pub fn holds_for(&self, answer: &AnswerValue) -> bool {
        match answer {
            AnswerValue::Text(id) => self.any_of.contains(id),
            AnswerValue::Choices(ids) => ids.iter().any(|id| self.any_of.contains(id)),
            AnswerValue::Number(_) => false,
        }
    }
}

fn check_condition(
    when: &Condition,
    earlier: &BTreeMap<&str, &Question>,
    at: &str,
) -> std::result::Result<(), (String, String)> {
    let Some(q) = earlier.get(when.question.as_str()) else {
        return Err((
            format!("{at}.question"),
            format!("`{}` is not an earlier question", when.question),
        ));
    };
    if q.kind == QuestionKind::Text {
        return Err((
            format!("{at}.question"),
            "a condition cannot be on a text question".into(),
        ));
    }
    if when.any_of.is_empty() {
        return Err((format!("{at}.any_of"), "name at least one choice".into()));
    }
    for (k, id) in when.any_of.iter().enumerate() {
        if q.choice(id).is_none() {
            return Err((
                format!("{at}.any_of[{k}]"),
                format!("`{id}` is not a choice of `{}`", q.id),
            ));
        }
    }
    Ok(())
}

fn check_id(id: &str, at: &str) -> std::result::Result<(), (String, String)> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err((
            at.to_owned(),
            format!(
                "`{}` is not an id (1 to 64 letters, digits, `_` or `-`)",
                shorten(id)
            ),
        ))
    }
}

fn check_text(
    text: &Text,
    languages: &[String],
    at: &str,
) -> std::result::Result<(), (String, String)> {
    for language in languages {
        if text.get(language).is_none_or(|t| t.trim().is_empty()) {
            return Err((
                format!("{at}.{language}"),
                "missing: every label is written in every language of the questionnaire".into(),
            ));
        }
    }
    Ok(())
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before.len(), |n| before.len() - n - 1)
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> AnswerValue {
        AnswerValue::Text(s.into())
    }

    #[test]
    fn the_french_default_reads_and_names_its_laws() {
        let q = Questionnaire::france();
        assert_eq!(q.languages, ["fr", "en"]);
        let laws: Vec<&str> = q
            .questions
            .iter()
            .flat_map(|q| q.choices.iter().filter_map(|c| c.law.as_deref()))
            .collect();
        for article in ["L.52-1", "L.163-1, 1°", "L.163-1, 3°", "L.52-8"] {
            assert!(laws.iter().any(|l| l.contains(article)), "{article}");
        }
        assert!(q.questions.iter().all(|q| q.kind == QuestionKind::Text
            || q.kind == QuestionKind::Multiple
            || q.choices.iter().any(|c| c.missing)));
    }

    #[test]
    fn answers_follow_the_conditions() {
        let q = Questionnaire::france();
        let mut a: BTreeMap<String, AnswerValue> = BTreeMap::new();
        a.insert("nature".into(), text("not_political"));
        q.check(&a).expect("accepted");
        a.insert("election".into(), text("european"));
        let e = q.check(&a).expect_err("refused");
        assert!(
            e.to_string().contains("answers.election") && e.to_string().contains("not asked"),
            "{e}"
        );
        a.insert("nature".into(), text("political"));
        let e = q.check(&a).expect_err("refused");
        assert!(
            e.to_string().contains("answers.commercial_propaganda"),
            "{e}"
        );
        a.insert("commercial_propaganda".into(), text("yes"));
        a.insert(
            "missing_information".into(),
            AnswerValue::Choices(vec!["amount".into(), "sponsor_identity".into()]),
        );
        a.insert("payer".into(), text("legal_person"));
        a.insert("foreign_payer".into(), text("cannot_tell"));
        q.check(&a).expect("accepted");
        a.insert("payer".into(), text("<script>"));
        assert!(
            q.check(&a)
                .expect_err("refused")
                .to_string()
                .contains("not a choice")
        );
        a.insert("payer".into(), AnswerValue::Choices(vec!["party".into()]));
        assert!(
            q.check(&a)
                .expect_err("refused")
                .to_string()
                .contains("single-choice")
        );
        a.insert("payer".into(), text("party"));
        a.insert(
            "missing_information".into(),
            AnswerValue::Choices(vec!["amount".into(), "amount".into()]),
        );
        assert!(
            q.check(&a)
                .expect_err("refused")
                .to_string()
                .contains("twice")
        );
        a.insert("missing_information".into(), AnswerValue::Choices(vec![]));
        assert!(q.check(&a).is_err());
        a.insert(
            "missing_information".into(),
            AnswerValue::Choices(vec!["nothing".into()]),
        );
        a.insert("comment".into(), text(&"x".repeat(MAX_TEXT_CHARS + 1)));
        assert!(
            q.check(&a)
                .expect_err("refused")
                .to_string()
                .contains("longer")
        );
        a.insert("comment".into(), text("ok"));
        q.check(&a).expect("accepted");
        a.insert("unknown".into(), text("x"));
        assert!(
            q.check(&a)
                .expect_err("refused")
                .to_string()
                .contains("no such question")
        );
    }

    #[test]
    fn broken_questionnaires_name_the_field() {
        let cases = [
            (
                "id = 'x'\nlanguages = ['fr']\n[title]\nfr = 't'\n[[questions]]\nid = 'a'\nkind = 'single'\nlabel = { fr = 'q' }\n",
                "questions[0].choices",
            ),
            (
                "id = 'x'\nlanguages = ['fr', 'en']\n[title]\nfr = 't'\nen = 't'\n[[questions]]\nid = 'a'\nkind = 'text'\nlabel = { fr = 'q' }\n",
                "questions[0].label.en",
            ),
            (
                "id = 'x'\nlanguages = ['fr']\n[title]\nfr = 't'\n[[questions]]\nid = 'a b'\nkind = 'text'\nlabel = { fr = 'q' }\n",
                "questions[0].id",
            ),
            (
                "id = 'x'\nlanguages = ['fr']\n[title]\nfr = 't'\n[[questions]]\nid = 'a'\nkind = 'text'\nlabel = { fr = 'q' }\nwhen = { question = 'b', any_of = ['y'] }\n",
                "questions[0].when.question",
            ),
            (
                "id = 'x'\nlanguages = ['fr']\n[title]\nfr = 't'\n[[questions]]\nid = 'a'\nkind = 'text'\nlabel = { fr = 'q' }\n[[questions]]\nid = 'a'\nkind = 'text'\nlabel = { fr = 'q' }\n",
                "questions[1].id",
            ),
            (
                "id = 'x'\nlanguages = ['fr']\n[title]\nfr = 't'\n[[questions]]\nid = 'a'\nkind = 'single'\nlabel = { fr = 'q' }\nchoices = [{ id = 'y', label = { fr = 'y' } }, { id = 'y', label = { fr = 'z' } }]\n",
                "questions[0].choices[1].id",
            ),
            (
                "id = 'x'\nlanguages = ['fr']\n[title]\nfr = 't'\n[[questions]]\nid = 'a'\nkind = 'sometimes'\n",
                "line 7",
            ),
            ("id = 'x'\nlanguages = ['fr']\n[title\n", "line 3"),
            ("{\"id\": \"x\", \"languages\": []", "line 1"),
            ("", "missing field"),
        ];
        for (source, location) in cases {
            let e = Questionnaire::parse(source, "q.toml").expect_err("refused");
            assert_eq!(e.code(), "invalid_questionnaire");
            assert!(e.to_string().contains(location), "{location}: {e}");
        }
    }

    #[test]
    fn json_reads_like_toml() {
        let q = Questionnaire::france();
        let json = serde_json::to_string(&q).expect("accepted");
        assert_eq!(Questionnaire::parse(&json, "q.json").expect("accepted"), q);
    }
}
