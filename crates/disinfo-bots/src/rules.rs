//! Rule presets as data: a [`Rule`] is a list of conditions on named inputs, all
//! of which must hold. The presets ship as JSON in `data/rules/` and load with
//! [`Rule::preset`]; a user's own rule is the same JSON ([`Rule::from_json`]).
//!
//! Inputs: `protected` (boolean), `posts`, `followers`, `following` (counts), `created_at`
//! (compared with an RFC 3339 time), `following_followers_ratio`, and any column of the
//! feature matrix (`repost_share`, `top_repost_source_share`, ...).
//!
//! Edge cases, written out:
//! - `following_followers_ratio = following / followers`; with 0 followers and following > 0 it
//!   is +∞ (so `>= 3` passes); with 0 followers and 0 following (0/0) it is **undefined**;
//! - thresholds are inclusive as written: `posts <= 15` passes 15 and fails 16, `ratio >= 3`
//!   passes exactly 3, `created_at >= 2019-01-01T00:00:00Z` fails one day earlier;
//! - a missing input (NaN, unknown flag, no creation date) makes its condition undefined;
//! - verdict: `fail` if any condition fails; else `undefined` if any is undefined; else `pass`.
//!   An undefined condition is never a pass.
//!
//! ```
//! use disinfo_bots::rules::{Rule, Verdict};
//! use disinfo_bots::{features, Account, Platform};
//!
//! let mut a = Account::new(Platform::Twitter, "1", "x", "2019-05-20T00:00:00Z".parse().unwrap());
//! a.created_at = Some("2019-04-01T00:00:00Z".parse().unwrap());
//! (a.posts, a.followers, a.following, a.protected) = (Some(15), Some(0), Some(40), Some(false));
//! let m = features::profile_features(std::slice::from_ref(&a)).unwrap();
//! let rule = Rule::preset("dormant_2019").unwrap();
//! assert_eq!(rule.evaluate(&[a], &m).unwrap()[0].verdict, Verdict::Pass);
//! ```

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::features::{FeatureMatrix, latest_observations};
use crate::model::Account;
use crate::{Error, Result};

const DORMANT_2019: &str = include_str!("../data/rules/dormant_2019.json");
const AMPLIFIER: &str = include_str!("../data/rules/amplifier.json");

/// The preset names.
pub const PRESETS: [&str; 2] = ["dormant_2019", "amplifier"];

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Op {
    /// Greater than or equal.
    #[serde(rename = ">=")]
    Ge,
    /// Greater than.
    #[serde(rename = ">")]
    Gt,
    /// Less than or equal.
    #[serde(rename = "<=")]
    Le,
    /// Less than.
    #[serde(rename = "<")]
    Lt,
    /// Equal.
    #[serde(rename = "==")]
    Eq,
}

/// A threshold value: a number, a boolean or an RFC 3339 time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Value {
    /// A boolean (for flags).
    Bool(bool),
    /// A number.
    Number(f64),
    /// A time (for `created_at`).
    Time(DateTime<Utc>),
}

/// One condition: `input op value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Condition {
    /// The input name.
    pub input: String,
    /// The comparison.
    pub op: Op,
    /// The threshold.
    pub value: Value,
}

/// A named rule: all conditions must hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rule {
    /// The rule name.
    pub name: String,
    /// What the rule finds and where it comes from.
    #[serde(default)]
    pub description: String,
    /// The conditions.
    pub conditions: Vec<Condition>,
}

/// The outcome of a rule for one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every condition holds.
    Pass,
    /// At least one condition fails.
    Fail,
    /// No condition fails but at least one cannot be decided (missing input, 0/0).
    Undefined,
}

/// One account's outcome with the conditions that failed or were undefined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RuleOutcome {
    /// The account id.
    pub account_id: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Conditions that failed, as `input op value` text.
    pub failed: Vec<String>,
    /// Conditions that could not be decided, with why.
    pub undefined: Vec<String>,
}

enum Input {
    Number(f64),
    Time(Option<DateTime<Utc>>),
}

impl Rule {
    /// A shipped preset by name (`dormant_2019`, `amplifier`).
    pub fn preset(name: &str) -> Result<Rule> {
        let text = match name {
            "dormant_2019" => DORMANT_2019,
            "amplifier" => AMPLIFIER,
            other => {
                return Err(Error::arg(
                    "rule".to_string(),
                    format!(
                        "unknown preset `{other}`; expected one of {}",
                        PRESETS.join(", ")
                    ),
                ));
            }
        };
        Rule::from_json(text)
    }

    /// A rule from its JSON form.
    pub fn from_json(text: &str) -> Result<Rule> {
        let rule: Rule = serde_json::from_str(text).map_err(|e| {
            Error::arg(
                "rule",
                format!("not a rule (line {}, column {}): {e}", e.line(), e.column()),
            )
        })?;
        rule.check()?;
        Ok(rule)
    }

    /// Checks that each condition's value fits its input: times go with `created_at` only,
    /// booleans with `==` only.
    pub fn check(&self) -> Result<()> {
        for c in &self.conditions {
            let ok = match (&c.value, c.input.as_str()) {
                (Value::Time(_), "created_at") => true,
                (_, "created_at") | (Value::Time(_), _) => false,
                (Value::Bool(_), _) => c.op == Op::Eq,
                _ => true,
            };
            if !ok {
                return Err(Error::arg(
                    "rule",
                    format!(
                        "condition on `{}`: times go with created_at only, booleans with == only",
                        c.input
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Evaluates the rule for every row of `matrix`; profile inputs come from the latest
    /// observation in `accounts` of the row's account id.
    pub fn evaluate(
        &self,
        accounts: &[Account],
        matrix: &FeatureMatrix,
    ) -> Result<Vec<RuleOutcome>> {
        for c in &self.conditions {
            let known = matches!(
                c.input.as_str(),
                "protected"
                    | "posts"
                    | "followers"
                    | "following"
                    | "created_at"
                    | "following_followers_ratio"
            ) || matrix.column_index(&c.input).is_some();
            if !known {
                return Err(Error::arg(
                    "rule".to_string(),
                    format!(
                        "rule `{}` needs input `{}`, which is neither a profile input nor a column of the matrix (compute behaviour features?)",
                        self.name, c.input
                    ),
                ));
            }
        }
        let latest: HashMap<&str, &Account> = latest_observations(accounts)
            .into_iter()
            .map(|a| (a.id.as_str(), a))
            .collect();
        Ok((0..matrix.len())
            .map(|row| {
                let id = &matrix.account_ids[row];
                self.evaluate_one(id, latest.get(id.as_str()).copied(), matrix, row)
            })
            .collect())
    }

    fn evaluate_one(
        &self,
        id: &str,
        account: Option<&Account>,
        matrix: &FeatureMatrix,
        row: usize,
    ) -> RuleOutcome {
        let mut failed = Vec::new();
        let mut undefined = Vec::new();
        for c in &self.conditions {
            let text = format!("{} {} {}", c.input, op_text(c.op), value_text(&c.value));
            let input = input_value(&c.input, account, matrix, row);
            match decide(&input, c) {
                Some(true) => {}
                Some(false) => failed.push(text),
                None => undefined.push(format!("{text} (input undefined)")),
            }
        }
        let verdict = if !failed.is_empty() {
            Verdict::Fail
        } else if !undefined.is_empty() {
            Verdict::Undefined
        } else {
            Verdict::Pass
        };
        RuleOutcome {
            account_id: id.to_string(),
            verdict,
            failed,
            undefined,
        }
    }
}

fn count(v: Option<u64>) -> f64 {
    v.map_or(f64::NAN, |v| v as f64)
}

fn input_value(name: &str, account: Option<&Account>, matrix: &FeatureMatrix, row: usize) -> Input {
    let nan = Input::Number(f64::NAN);
    match name {
        "created_at" => Input::Time(account.and_then(|a| a.created_at)),
        "protected" => account
            .and_then(|a| a.protected)
            .map_or(nan, |p| Input::Number(if p { 1.0 } else { 0.0 })),
        "posts" => Input::Number(count(account.and_then(|a| a.posts))),
        "followers" => Input::Number(count(account.and_then(|a| a.followers))),
        "following" => Input::Number(count(account.and_then(|a| a.following))),
        "following_followers_ratio" => {
            let (following, followers) = (
                count(account.and_then(|a| a.following)),
                count(account.and_then(|a| a.followers)),
            );
            Input::Number(match (following, followers) {
                (f, 0.0) if f > 0.0 => f64::INFINITY,
                (_, 0.0) => f64::NAN, // 0/0: undefined, never a pass
                (f, g) => f / g,      // NaN propagates when either is missing
            })
        }
        column => Input::Number(matrix.get(row, column).unwrap_or(f64::NAN)),
    }
}

fn decide(input: &Input, c: &Condition) -> Option<bool> {
    let (x, y) = match (input, &c.value) {
        (Input::Time(t), Value::Time(v)) => (
            t.as_ref()?.timestamp_millis() as f64,
            v.timestamp_millis() as f64,
        ),
        (Input::Number(x), Value::Number(v)) => (*x, *v),
        (Input::Number(x), Value::Bool(b)) => (*x, if *b { 1.0 } else { 0.0 }),
        _ => return None,
    };
    if x.is_nan() {
        return None;
    }
    Some(match c.op {
        Op::Ge => x >= y,
        Op::Gt => x > y,
        Op::Le => x <= y,
        Op::Lt => x < y,
        Op::Eq => x == y,
    })
}

fn op_text(op: Op) -> &'static str {
    match op {
        Op::Ge => ">=",
        Op::Gt => ">",
        Op::Le => "<=",
        Op::Lt => "<",
        Op::Eq => "==",
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Time(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::profile_features;
    use crate::model::Platform;

    /// A dormant_2019 candidate that passes every condition; tests change one field.
    fn candidate() -> Account {
        let mut a = Account::new(
            Platform::Twitter,
            "1",
            "bot",
            "2019-05-20T00:00:00Z".parse().expect("time"),
        );
        a.created_at = Some("2019-03-01T00:00:00Z".parse().expect("time"));
        a.posts = Some(15);
        a.followers = Some(10);
        a.following = Some(30);
        a.protected = Some(false);
        a
    }

    fn verdict(a: Account) -> RuleOutcome {
        let m = profile_features(std::slice::from_ref(&a)).expect("features");
        Rule::preset("dormant_2019")
            .expect("preset")
            .evaluate(&[a], &m)
            .expect("evaluate")
            .remove(0)
    }

    #[test]
    fn dormant_rule_fifteen_posts_pass_sixteen_fail() {
        assert_eq!(verdict(candidate()).verdict, Verdict::Pass);
        let mut a = candidate();
        a.posts = Some(16);
        let out = verdict(a);
        assert_eq!(out.verdict, Verdict::Fail);
        assert_eq!(out.failed, vec!["posts <= 15"]);
    }

    #[test]
    fn dormant_rule_ratio_exactly_three_passes() {
        let mut a = candidate();
        (a.followers, a.following) = (Some(7), Some(21));
        assert_eq!(verdict(a.clone()).verdict, Verdict::Pass);
        a.following = Some(20);
        assert_eq!(verdict(a).verdict, Verdict::Fail);
    }

    #[test]
    fn dormant_rule_zero_followers_passes() {
        let mut a = candidate();
        (a.followers, a.following) = (Some(0), Some(1));
        assert_eq!(verdict(a).verdict, Verdict::Pass);
    }

    #[test]
    fn dormant_rule_zero_over_zero_is_undefined_not_a_pass() {
        let mut a = candidate();
        (a.followers, a.following) = (Some(0), Some(0));
        let out = verdict(a);
        assert_eq!(out.verdict, Verdict::Undefined);
        assert_eq!(
            out.undefined,
            vec!["following_followers_ratio >= 3 (input undefined)"]
        );
    }

    #[test]
    fn dormant_rule_created_one_day_before_cutoff_fails() {
        let mut a = candidate();
        a.created_at = Some("2018-12-31T00:00:00Z".parse().expect("time"));
        assert_eq!(verdict(a.clone()).verdict, Verdict::Fail);
        a.created_at = Some("2019-01-01T00:00:00Z".parse().expect("time"));
        assert_eq!(
            verdict(a).verdict,
            Verdict::Pass,
            "the cut-off itself is on or after"
        );
    }

    #[test]
    fn dormant_rule_protected_or_unknown_protection() {
        let mut a = candidate();
        a.protected = Some(true);
        assert_eq!(verdict(a.clone()).verdict, Verdict::Fail);
        a.protected = None;
        assert_eq!(verdict(a).verdict, Verdict::Undefined);
    }

    #[test]
    fn amplifier_needs_behaviour_columns() {
        let a = candidate();
        let m = profile_features(std::slice::from_ref(&a)).expect("features");
        let err = Rule::preset("amplifier")
            .expect("preset")
            .evaluate(&[a], &m)
            .expect_err("no behaviour");
        assert!(err.is_invalid_argument());
    }

    #[test]
    fn unknown_preset_and_bad_rule_json_are_invalid_arguments() {
        assert!(
            Rule::preset("nope")
                .expect_err("unknown")
                .is_invalid_argument()
        );
        assert!(
            Rule::from_json("{\"name\": 3}")
                .expect_err("bad")
                .is_invalid_argument()
        );
        let time_on_posts = r#"{"name":"x","conditions":[{"input":"posts","op":">=","value":"2019-01-01T00:00:00Z"}]}"#;
        assert!(Rule::from_json(time_on_posts).is_err());
    }
}
