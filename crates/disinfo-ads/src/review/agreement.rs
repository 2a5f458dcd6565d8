//! How far reviewers agree beyond chance: Krippendorff's alpha (nominal, ordinal, interval and
//! ratio levels; any number of reviewers per item, missing answers allowed) and Fleiss' kappa.
//!
//! Alpha follows Krippendorff (2011), "Computing Krippendorff's alpha-reliability": the
//! coincidence matrix `o` counts, in every item with `m ≥ 2` answers, each ordered pair of answers
//! with weight `1 / (m − 1)`; `n_c` is the number of pairable answers with value `c`, `n` their
//! sum, and `α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck`. Items with fewer than two answers
//! do not count. The distances: nominal `δ² = [c ≠ k]`; ordinal
//! `δ² = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²` over the values in order; interval `(c − k)²`; ratio
//! `((c − k)/(c + k))²`. The sums are taken without building `o`: nominal and interval
//! in closed form around the mean, ordinal and ratio over pairs of distinct values.
//!
//! Fleiss' kappa: `κ = (P̄ − P_e) / (1 − P_e)` with `P_i = (Σ_j n_ij² − n_i) / (n_i (n_i − 1))`
//! per item, `P̄` their mean and `P_e = Σ_j p_j²`, `p_j` the share of all answers in category
//! `j`. Fleiss defined it for the same number of answers per item; with varying numbers (a
//! reviewer who skipped) each item's `P_i` uses its own `n_i`, which is Fleiss' formula when
//! the numbers are equal. Items with fewer than two answers do not count.
//!
//! A measure is undefined when there is nothing to disagree about (every pairable answer has
//! the same value) or no item has two answers: the result then says why instead of a value.

use std::collections::BTreeMap;

use hashbrown::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::answers::{Answer, AnswerValue, Ratings, of_question};
use crate::error::{Error, Result};

/// An agreement measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// Krippendorff's alpha (default).
    #[default]
    KrippendorffAlpha,
    /// Fleiss' kappa (nominal answers).
    FleissKappa,
}

/// The level of measurement of the answers (Krippendorff's alpha).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Categories without order (default).
    #[default]
    Nominal,
    /// Ordered categories: numbers, or texts in the order given by `order`.
    Ordinal,
    /// Numbers whose differences mean something.
    Interval,
    /// Numbers with a true zero.
    Ratio,
}

/// Options of [`agreement`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AgreementOptions {
    /// `krippendorff-alpha` (default) or `fleiss-kappa`.
    pub metric: Metric,
    /// Krippendorff's alpha: `nominal` (default), `ordinal`, `interval` or `ratio`.
    pub level: Level,
    /// The question measured, when the answers are to several.
    pub question: Option<String>,
    /// Ordinal level with text answers: the values from lowest to highest (every answer must
    /// be one of them). Numbers are ordered as numbers without it.
    pub order: Option<Vec<String>>,
}

/// An agreement measured on a set of answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Agreement {
    /// The measure.
    pub metric: Metric,
    /// Its level of measurement (Krippendorff's alpha).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The value: 1 is perfect agreement, 0 what chance gives; `null` when undefined.
    pub value: Option<f64>,
    /// Items with at least two answers (the ones measured).
    pub items: usize,
    /// Reviewers with at least one answer to a measured item.
    pub reviewers: usize,
    /// Answers to measured items.
    pub answers: usize,
    /// Why the value is undefined, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undefined: Option<String>,
}

/// Measures the agreement of `answers` (see the module's documentation).
pub fn agreement(answers: &[Answer], options: &AgreementOptions) -> Result<Agreement> {
    let rows = of_question(answers, options.question.as_deref())?;
    let level = match options.metric {
        Metric::KrippendorffAlpha => options.level,
        Metric::FleissKappa => Level::Nominal,
    };
    let coded = Coded::of(&rows, level, options.order.as_deref())?;
    Ok(match options.metric {
        Metric::KrippendorffAlpha => coded.alpha(level),
        Metric::FleissKappa => coded.fleiss_kappa(),
    })
}

/// Answers coded as indices into an ordered domain of values.
pub(crate) struct Coded {
    /// The distinct values, in order (numbers ascending; texts in `order` or sorted).
    values: Vec<f64>,
    ratings: Ratings<usize>,
}

impl Coded {
    /// Codes `rows` at `level`; errors name the row of an answer the level cannot read.
    pub(crate) fn of(
        rows: &[(usize, &Answer)],
        level: Level,
        order: Option<&[String]>,
    ) -> Result<Self> {
        // Numbers are compared as numbers (nominal answers that are all numbers included: only
        // their equality matters, and it is the same).
        let all_numbers = rows
            .iter()
            .all(|(_, a)| matches!(a.answer, AnswerValue::Number(_)));
        let numeric = match level {
            Level::Nominal => all_numbers,
            Level::Ordinal => order.is_none(),
            Level::Interval | Level::Ratio => true,
        };
        if order.is_some_and(|o| !o.is_empty()) && level != Level::Ordinal {
            return Err(Error::arg(
                "order",
                "an order is for the ordinal level of Krippendorff's alpha only",
            ));
        }
        let (values, codes) = if numeric {
            numeric_codes(rows, level)?
        } else {
            text_codes(rows, order)?
        };
        let ratings = Ratings::group(
            rows.iter()
                .zip(codes)
                .map(|(&(row, a), c)| (row, a.item.as_str(), a.reviewer.as_str(), c)),
            "answers",
        )?;
        Ok(Coded { values, ratings })
    }

    /// Pairable answers per value (`n_c`), and the items and reviewers measured.
    fn pairable(&self) -> (Vec<f64>, usize, usize) {
        let mut n_v = vec![0.0; self.values.len()];
        let mut reviewers = vec![false; self.ratings.reviewers.len()];
        let mut items = 0;
        for answers in self.ratings.by_item.iter().filter(|a| a.len() >= 2) {
            items += 1;
            for &(r, c) in answers {
                n_v[c] += 1.0;
                reviewers[r] = true;
            }
        }
        (n_v, items, reviewers.iter().filter(|&&r| r).count())
    }

    fn result(&self, metric: Metric, level: Option<Level>, value: Option<f64>) -> Agreement {
        let (n_v, items, reviewers) = self.pairable();
        let answers = n_v.iter().sum::<f64>() as usize;
        let undefined = match value {
            Some(_) => None,
            None if items == 0 => Some("no item has answers from two reviewers".to_owned()),
            None => Some(
                "every answer to the measured items is the same value: there is nothing to disagree about"
                    .to_owned(),
            ),
        };
        Agreement {
            metric,
            level,
            value,
            items,
            reviewers,
            answers,
            undefined,
        }
    }

    /// Krippendorff's alpha at `level`.
    pub(crate) fn alpha(&self, level: Level) -> Agreement {
        let (n_v, _, _) = self.pairable();
        let n: f64 = n_v.iter().sum();
        let distance = Distance::new(level, &self.values, &n_v);
        let mut observed = 0.0;
        let mut counts: BTreeMap<usize, f64> = BTreeMap::new();
        for answers in self.ratings.by_item.iter().filter(|a| a.len() >= 2) {
            counts.clear();
            for &(_, c) in answers {
                *counts.entry(c).or_insert(0.0) += 1.0;
            }
            let m = answers.len() as f64;
            observed += distance.pair_sum(&counts) / (m - 1.0);
        }
        let total: BTreeMap<usize, f64> = n_v
            .iter()
            .enumerate()
            .filter(|&(_, &x)| x > 0.0)
            .map(|(c, &x)| (c, x))
            .collect();
        let expected = distance.pair_sum(&total);
        let value = (n >= 2.0 && expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected);
        self.result(Metric::KrippendorffAlpha, Some(level), value)
    }

    /// Fleiss' kappa (the codes as categories).
    pub(crate) fn fleiss_kappa(&self) -> Agreement {
        let (n_v, _, _) = self.pairable();
        let n: f64 = n_v.iter().sum();
        let mut p_sum = 0.0;
        let mut items = 0usize;
        let mut counts: BTreeMap<usize, f64> = BTreeMap::new();
        for answers in self.ratings.by_item.iter().filter(|a| a.len() >= 2) {
            counts.clear();
            for &(_, c) in answers {
                *counts.entry(c).or_insert(0.0) += 1.0;
            }
            let m = answers.len() as f64;
            let squares: f64 = counts.values().map(|x| x * x).sum();
            p_sum += (squares - m) / (m * (m - 1.0));
            items += 1;
        }
        let p_e: f64 = n_v.iter().map(|x| (x / n) * (x / n)).sum();
        let value = (items > 0 && p_e < 1.0).then(|| (p_sum / items as f64 - p_e) / (1.0 - p_e));
        self.result(Metric::FleissKappa, None, value)
    }
}

/// Numbers coded by their rank among the distinct values: (the values ascending, the codes).
fn numeric_codes(rows: &[(usize, &Answer)], level: Level) -> Result<(Vec<f64>, Vec<usize>)> {
    let mut numbers = Vec::with_capacity(rows.len());
    for &(row, a) in rows {
        let x = a
            .answer
            .number()
            .ok_or_else(|| not_a_number(row, &a.answer, level))?;
        if level == Level::Ratio && x < 0.0 {
            return Err(Error::arg(
                format!("answers[{row}].answer"),
                format!("{x} is negative; the ratio level needs values ≥ 0"),
            ));
        }
        numbers.push(x);
    }
    let mut sorted = numbers.clone();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    let codes = numbers
        .iter()
        .map(|x| sorted.partition_point(|v| v < x))
        .collect();
    Ok((sorted, codes))
}

/// Texts coded by their place in `order`, or in sorted order: (0, 1, ... as values, the codes).
fn text_codes(
    rows: &[(usize, &Answer)],
    order: Option<&[String]>,
) -> Result<(Vec<f64>, Vec<usize>)> {
    let mut texts = Vec::with_capacity(rows.len());
    for &(row, a) in rows {
        let text = a.answer.category().ok_or_else(|| {
            Error::arg(
                format!("answers[{row}].answer"),
                "a multiple-choice answer; agreement is measured per choice (ticked or not)",
            )
        })?;
        texts.push((row, text));
    }
    let index: HashMap<&str, usize> = match order {
        Some(order) => {
            let index = order_index(order)?;
            if let Some((row, text)) = texts.iter().find(|(_, t)| !index.contains_key(t.as_ref())) {
                return Err(Error::arg(
                    format!("answers[{row}].answer"),
                    format!("`{text}` is not in `order`"),
                ));
            }
            index
        }
        None => {
            let mut distinct: Vec<&str> = texts.iter().map(|(_, t)| t.as_ref()).collect();
            distinct.sort_unstable();
            distinct.dedup();
            distinct
                .into_iter()
                .enumerate()
                .map(|(i, t)| (t, i))
                .collect()
        }
    };
    let codes = texts.iter().map(|(_, t)| index[t.as_ref()]).collect();
    Ok(((0..index.len()).map(|i| i as f64).collect(), codes))
}

fn order_index(order: &[String]) -> Result<HashMap<&str, usize>> {
    let mut index = HashMap::new();
    for (i, v) in order.iter().enumerate() {
        if index.insert(v.as_str(), i).is_some() {
            return Err(Error::arg(
                format!("order[{i}]"),
                format!("`{v}` is listed twice"),
            ));
        }
    }
    Ok(index)
}

fn not_a_number(row: usize, answer: &AnswerValue, level: Level) -> Error {
    let level = match level {
        Level::Ordinal => "the ordinal level without `order`",
        Level::Ratio => "the ratio level",
        _ => "the interval level",
    };
    let shown = match answer {
        AnswerValue::Text(s) => format!("`{}`", s.chars().take(80).collect::<String>()),
        AnswerValue::Number(x) => x.to_string(),
        AnswerValue::Choices(_) => "a multiple-choice answer".to_owned(),
    };
    Error::arg(
        format!("answers[{row}].answer"),
        format!("{shown} is not a finite number, which {level} needs"),
    )
}

/// The squared distance between coded values at one level.
enum Distance<'a> {
    Nominal,
    /// Cumulative pairable counts: `below[c]` = Σ_{g<c} n_g.
    Ordinal {
        below: Vec<f64>,
        n_v: &'a [f64],
    },
    Interval(&'a [f64]),
    Ratio(&'a [f64]),
}

impl<'a> Distance<'a> {
    fn new(level: Level, values: &'a [f64], n_v: &'a [f64]) -> Self {
        match level {
            Level::Nominal => Distance::Nominal,
            Level::Ordinal => {
                let mut below = Vec::with_capacity(n_v.len() + 1);
                let mut sum = 0.0;
                for &x in n_v {
                    below.push(sum);
                    sum += x;
                }
                below.push(sum);
                Distance::Ordinal { below, n_v }
            }
            Level::Interval => Distance::Interval(values),
            Level::Ratio => Distance::Ratio(values),
        }
    }

    /// `δ²(c, k)` for `c < k`.
    fn squared(&self, c: usize, k: usize) -> f64 {
        match self {
            Distance::Nominal => 1.0,
            Distance::Ordinal { below, n_v } => {
                let d = below[k + 1] - below[c] - (n_v[c] + n_v[k]) / 2.0;
                d * d
            }
            Distance::Interval(v) => (v[c] - v[k]) * (v[c] - v[k]),
            Distance::Ratio(v) => {
                let s = v[c] + v[k];
                if s == 0.0 {
                    0.0
                } else {
                    let d = (v[c] - v[k]) / s;
                    d * d
                }
            }
        }
    }

    /// `Σ_c Σ_k n_c n_k δ²(c, k)` over the ordered pairs of `counts` (value → count).
    fn pair_sum(&self, counts: &BTreeMap<usize, f64>) -> f64 {
        let m: f64 = counts.values().sum();
        match self {
            Distance::Nominal => m * m - counts.values().map(|x| x * x).sum::<f64>(),
            Distance::Interval(v) => {
                let mean = counts.iter().map(|(&c, &x)| x * v[c]).sum::<f64>() / m;
                let spread: f64 = counts
                    .iter()
                    .map(|(&c, &x)| x * (v[c] - mean) * (v[c] - mean))
                    .sum();
                2.0 * m * spread
            }
            Distance::Ordinal { .. } | Distance::Ratio(_) => {
                let entries: Vec<(usize, f64)> = counts.iter().map(|(&c, &x)| (c, x)).collect();
                let mut sum = 0.0;
                for (i, &(c, x)) in entries.iter().enumerate() {
                    for &(k, y) in &entries[i + 1..] {
                        sum += x * y * self.squared(c, k);
                    }
                }
                2.0 * sum
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff's reliability data (raters × units, `None` missing) as answers.
    fn answers(matrix: &[&[Option<f64>]]) -> Vec<Answer> {
        let mut out = Vec::new();
        for (r, row) in matrix.iter().enumerate() {
            for (u, v) in row.iter().enumerate() {
                if let Some(v) = v {
                    out.push(Answer {
                        item: format!("u{u}"),
                        reviewer: format!("r{r}"),
                        question: String::new(),
                        answer: AnswerValue::Number(*v),
                    });
                }
            }
        }
        out
    }

    fn alpha(answers: &[Answer], level: Level) -> f64 {
        let options = AgreementOptions {
            level,
            ..Default::default()
        };
        agreement(answers, &options)
            .expect("accepted")
            .value
            .expect("accepted")
    }

    const N: Option<f64> = None;

    /// The example of Krippendorff (2011) and of the `krippendorff` package's documentation.
    #[test]
    fn krippendorffs_worked_example() {
        let data = answers(&[
            &[
                N,
                N,
                N,
                N,
                N,
                Some(3.),
                Some(4.),
                Some(1.),
                Some(2.),
                Some(1.),
                Some(1.),
                Some(3.),
                Some(3.),
                N,
                Some(3.),
            ],
            &[
                Some(1.),
                N,
                Some(2.),
                Some(1.),
                Some(3.),
                Some(3.),
                Some(4.),
                Some(3.),
                N,
                N,
                N,
                N,
                N,
                N,
                N,
            ],
            &[
                N,
                N,
                Some(2.),
                Some(1.),
                Some(3.),
                Some(4.),
                Some(4.),
                N,
                Some(2.),
                Some(1.),
                Some(1.),
                Some(3.),
                Some(3.),
                N,
                Some(4.),
            ],
        ]);
        assert!((alpha(&data, Level::Nominal) - 0.691358).abs() < 1e-6);
        assert!((alpha(&data, Level::Interval) - 0.810845).abs() < 1e-6);
    }

    #[test]
    fn ordinal_and_ratio_of_the_four_coders_example() {
        let data = answers(&[
            &[
                Some(1.),
                Some(2.),
                Some(3.),
                Some(3.),
                Some(2.),
                Some(1.),
                Some(4.),
                Some(1.),
                Some(2.),
                N,
                N,
                N,
            ],
            &[
                Some(1.),
                Some(2.),
                Some(3.),
                Some(3.),
                Some(2.),
                Some(2.),
                Some(4.),
                Some(1.),
                Some(2.),
                Some(5.),
                N,
                Some(3.),
            ],
            &[
                N,
                Some(3.),
                Some(3.),
                Some(3.),
                Some(2.),
                Some(3.),
                Some(4.),
                Some(2.),
                Some(2.),
                Some(5.),
                Some(1.),
                N,
            ],
            &[
                Some(1.),
                Some(2.),
                Some(3.),
                Some(3.),
                Some(2.),
                Some(4.),
                Some(4.),
                Some(1.),
                Some(2.),
                Some(5.),
                Some(1.),
                N,
            ],
        ]);
        assert!((alpha(&data, Level::Ordinal) - 0.815).abs() < 5e-4);
        assert!((alpha(&data, Level::Ratio) - 0.797).abs() < 5e-4);
        // The same answers as words, ordered by `order`.
        let words = ["very low", "low", "mid", "high", "very high"];
        let as_words: Vec<Answer> = data
            .iter()
            .map(|a| Answer {
                answer: AnswerValue::Text(
                    words[a.answer.number().expect("accepted") as usize - 1].into(),
                ),
                ..a.clone()
            })
            .collect();
        let options = AgreementOptions {
            level: Level::Ordinal,
            order: Some(words.iter().map(|w| w.to_string()).collect()),
            ..Default::default()
        };
        let v = agreement(&as_words, &options)
            .expect("accepted")
            .value
            .expect("accepted");
        assert!((v - alpha(&data, Level::Ordinal)).abs() < 1e-12);
    }

    #[test]
    fn fleiss_kappa_of_fleiss_1971() {
        // Wikipedia's worked example: 10 items, 14 raters, 5 categories; κ = 0.210.
        let table: [[u32; 5]; 10] = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let mut data = Vec::new();
        for (i, row) in table.iter().enumerate() {
            let mut r = 0;
            for (c, &count) in row.iter().enumerate() {
                for _ in 0..count {
                    data.push(Answer {
                        item: format!("i{i}"),
                        reviewer: format!("r{r}"),
                        question: String::new(),
                        answer: AnswerValue::Text(format!("c{c}")),
                    });
                    r += 1;
                }
            }
        }
        let options = AgreementOptions {
            metric: Metric::FleissKappa,
            ..Default::default()
        };
        let k = agreement(&data, &options).expect("accepted");
        assert!((k.value.expect("accepted") - 0.20993).abs() < 1e-5, "{k:?}");
        assert_eq!((k.items, k.reviewers, k.answers), (10, 14, 140));
    }

    #[test]
    fn undefined_values_say_why() {
        let same = answers(&[&[Some(1.), Some(1.)], &[Some(1.), Some(1.)]]);
        let a = agreement(&same, &AgreementOptions::default()).expect("accepted");
        assert_eq!(a.value, None);
        assert!(a.undefined.expect("accepted").contains("same value"));
        let alone = answers(&[&[Some(1.), N], &[N, Some(2.)]]);
        let a = agreement(&alone, &AgreementOptions::default()).expect("accepted");
        assert_eq!((a.value, a.items), (None, 0));
        assert!(a.undefined.expect("accepted").contains("two reviewers"));
        let none = agreement(&[], &AgreementOptions::default()).expect("accepted");
        assert_eq!(none.value, None);
    }

    #[test]
    fn bad_answers_name_their_row() {
        let mut data = answers(&[&[Some(1.), Some(2.)], &[Some(1.), Some(2.)]]);
        data[3].answer = AnswerValue::Text("many".into());
        let options = AgreementOptions {
            level: Level::Interval,
            ..Default::default()
        };
        let e = agreement(&data, &options).expect_err("refused");
        assert!(e.to_string().contains("answers[3]"), "{e}");
        data[3].answer = AnswerValue::Choices(vec!["a".into()]);
        let e = agreement(&data, &AgreementOptions::default()).expect_err("refused");
        assert!(e.to_string().contains("per choice"), "{e}");
        data[3].answer = AnswerValue::Number(-1.0);
        let options = AgreementOptions {
            level: Level::Ratio,
            ..Default::default()
        };
        assert!(agreement(&data, &options).is_err());
    }
}
