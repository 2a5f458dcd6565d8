//! Reviewers' answers as rows (`item, reviewer, question, answer`), read from JSON or from a CSV
//! with columns `item,reviewer,answer` (and `question` when the file holds several), and the
//! table of one question's answers that the agreement measures and the aggregations read.

use std::borrow::Cow;
use std::collections::BTreeMap;

use hashbrown::HashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What a reviewer answered: a number, a text (a choice's id, a free text) or, for a
/// multiple-choice question, the ids of the choices ticked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum AnswerValue {
    /// A number (an ordinal or interval answer).
    Number(f64),
    /// A choice's id or a free text.
    Text(String),
    /// The choices ticked on a multiple-choice question.
    Choices(Vec<String>),
}

impl AnswerValue {
    /// The value as one comparable text: a number written the shortest way (`1` for `1.0`), so
    /// that `1` read from a CSV and `1.0` given as a number are the same category.
    pub fn category(&self) -> Option<Cow<'_, str>> {
        match self {
            AnswerValue::Number(x) => Some(Cow::Owned(format_number(*x))),
            AnswerValue::Text(s) => Some(Cow::Borrowed(s)),
            AnswerValue::Choices(_) => None,
        }
    }

    /// The value as a number: a number, or a text that reads as one.
    pub fn number(&self) -> Option<f64> {
        match self {
            AnswerValue::Number(x) => Some(*x),
            AnswerValue::Text(s) => s.trim().parse::<f64>().ok(),
            AnswerValue::Choices(_) => None,
        }
        .filter(|x| x.is_finite())
    }
}

fn format_number(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// One reviewer's answer to one question about one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The item (an ad's key in a campaign).
    pub item: String,
    /// Who answered.
    pub reviewer: String,
    /// The question's id (empty when the answers are to one question).
    #[serde(default)]
    pub question: String,
    /// The answer.
    pub answer: AnswerValue,
}

/// The answers to one question, item by item: the input of the agreement measures, the
/// majority and Dawid–Skene. Items and reviewers are numbered in order of first appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratings<V> {
    /// Item names, by number.
    pub items: Vec<String>,
    /// Reviewer names, by number.
    pub reviewers: Vec<String>,
    /// Per item, `(reviewer, value)` in input order.
    pub by_item: Vec<Vec<(usize, V)>>,
}

impl<V> Ratings<V> {
    /// Groups `rows` (`(row number, item, reviewer, value)`) by item; a reviewer who answers the
    /// same item twice is an error naming both rows.
    pub fn group<'a>(
        rows: impl IntoIterator<Item = (usize, &'a str, &'a str, V)>,
        argument: &str,
    ) -> Result<Self> {
        let mut items: Vec<String> = Vec::new();
        let mut reviewers: Vec<String> = Vec::new();
        let mut item_index: HashMap<&'a str, usize> = HashMap::new();
        let mut reviewer_index: HashMap<&'a str, usize> = HashMap::new();
        let mut by_item: Vec<Vec<(usize, V)>> = Vec::new();
        let mut first_row: HashMap<(usize, usize), usize> = HashMap::new();
        for (row, item, reviewer, value) in rows {
            let i = *item_index.entry(item).or_insert_with(|| {
                items.push(item.to_owned());
                by_item.push(Vec::new());
                items.len() - 1
            });
            let r = *reviewer_index.entry(reviewer).or_insert_with(|| {
                reviewers.push(reviewer.to_owned());
                reviewers.len() - 1
            });
            if let Some(first) = first_row.insert((i, r), row) {
                return Err(Error::arg(
                    format!("{argument}[{row}]"),
                    format!(
                        "reviewer `{reviewer}` answers item `{item}` a second time (first at {argument}[{first}]); keep one answer per reviewer and item"
                    ),
                ));
            }
            by_item[i].push((r, value));
        }
        Ok(Ratings {
            items,
            reviewers,
            by_item,
        })
    }

    /// Items with at least two answers (the ones agreement can be measured on).
    pub fn pairable_items(&self) -> usize {
        self.by_item.iter().filter(|a| a.len() >= 2).count()
    }
}

/// The answers to `question` (every answer when `question` is `None`), with their row numbers;
/// an error when `question` is `None` and the answers are to several questions.
pub fn of_question<'a>(
    answers: &'a [Answer],
    question: Option<&str>,
) -> Result<Vec<(usize, &'a Answer)>> {
    if question.is_none() {
        let mut questions: BTreeMap<&str, ()> = BTreeMap::new();
        for a in answers {
            questions.insert(a.question.as_str(), ());
        }
        if questions.len() > 1 {
            let names: Vec<&str> = questions.keys().copied().take(10).collect();
            return Err(Error::arg(
                "question",
                format!(
                    "the answers are to {} questions ({}); choose one",
                    questions.len(),
                    names.join(", ")
                ),
            ));
        }
    }
    let rows: Vec<(usize, &Answer)> = answers
        .iter()
        .enumerate()
        .filter(|(_, a)| question.is_none_or(|q| a.question == q))
        .collect();
    if let (Some(q), true) = (question, rows.is_empty()) {
        return Err(Error::arg(
            "question",
            format!("no answer is to question `{q}`"),
        ));
    }
    Ok(rows)
}

/// Reads answers from a CSV with a header naming `item`, `reviewer`, `answer` and optionally
/// `question` (other columns are ignored). Every cell is text; numbers are read as numbers
/// where a level of measurement needs them. Errors name the row (the header is row 1).
pub fn read_csv(bytes: &[u8], file: &str) -> Result<Vec<Answer>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(strip_bom(bytes));
    let header = reader
        .headers()
        .map_err(|e| csv_error(file, 1, &e))?
        .clone();
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    let required = |name: &str| {
        column(name).ok_or_else(|| Error::MissingColumn {
            file: file.to_owned(),
            column: name.to_owned(),
            format: "answers CSV (item,reviewer,answer[,question])".to_owned(),
            header: header.iter().collect::<Vec<_>>().join(","),
        })
    };
    let (item, reviewer, answer) = (
        required("item")?,
        required("reviewer")?,
        required("answer")?,
    );
    let question = column("question");
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i as u64 + 2;
        let record = record.map_err(|e| csv_error(file, row, &e))?;
        let cell = |c: usize| record.get(c).unwrap_or("").to_owned();
        let (item, reviewer, answer) = (cell(item), cell(reviewer), cell(answer));
        if item.is_empty() || reviewer.is_empty() {
            return Err(Error::MalformedRecord {
                file: file.to_owned(),
                locator: format!("row {row}"),
                message: "`item` and `reviewer` must not be empty".to_owned(),
            });
        }
        if answer.is_empty() {
            // An empty cell is no answer (a missing value), as in a reliability matrix.
            continue;
        }
        out.push(Answer {
            item,
            reviewer,
            question: question.map(cell).unwrap_or_default(),
            answer: AnswerValue::Text(answer),
        });
    }
    Ok(out)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn csv_error(file: &str, row: u64, e: &csv::Error) -> Error {
    let row = e.position().map_or(row, |p| p.line());
    Error::MalformedRecord {
        file: file.to_owned(),
        locator: format!("row {row}"),
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_their_text_are_one_category() {
        assert_eq!(AnswerValue::Number(1.0).category().as_deref(), Some("1"));
        assert_eq!(AnswerValue::Number(2.5).category().as_deref(), Some("2.5"));
        assert_eq!(AnswerValue::Text(" 3 ".into()).number(), Some(3.0));
        assert_eq!(AnswerValue::Text("NaN".into()).number(), None);
        assert_eq!(AnswerValue::Choices(vec![]).category(), None);
    }

    #[test]
    fn csv_rows_with_question_bom_and_missing_cells() {
        let csv = "\u{feff}item,reviewer,question,answer\na,r1,q1,yes\na,r2,q1,\nb,r1,q2,2\n";
        let rows = read_csv(csv.as_bytes(), "answers.csv").expect("accepted");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].question, "q2");
        let e = read_csv(b"item,answer\na,1\n", "answers.csv").expect_err("refused");
        assert_eq!(e.code(), "missing_column");
        let e = read_csv(b"item,reviewer,answer\na,r1,1\nb,r1\n", "f.csv").expect_err("refused");
        assert!(e.to_string().contains("row 3"), "{e}");
        let e = read_csv(b"item,reviewer,answer\n,r1,1\n", "f.csv").expect_err("refused");
        assert!(e.to_string().contains("row 2"), "{e}");
    }

    #[test]
    fn a_second_answer_by_the_same_reviewer_names_both_rows() {
        let rows = [(0, "a", "r", 1), (1, "b", "r", 2), (2, "a", "r", 3)];
        let e = Ratings::group(rows, "answers").expect_err("refused");
        assert!(e.to_string().contains("answers[2]"), "{e}");
        assert!(e.to_string().contains("answers[0]"), "{e}");
    }

    #[test]
    fn several_questions_need_a_choice() {
        let a = |q: &str| Answer {
            item: "i".into(),
            reviewer: "r".into(),
            question: q.into(),
            answer: AnswerValue::Number(1.0),
        };
        let answers = [a("q1"), a("q2")];
        assert!(of_question(&answers, None).is_err());
        assert_eq!(of_question(&answers, Some("q2")).expect("accepted")[0].0, 1);
        assert!(of_question(&answers, Some("q3")).is_err());
    }
}
