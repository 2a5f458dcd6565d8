//! The citizens' review of political ads: many reviewers classify the ads of a campaign against
//! electoral rules, each ad seen by several of them; what they concluded, how far they agree and
//! how reliable each is, with the evidence of every ad.
//!
//! - [`answers`]: answers as rows (`item, reviewer, question, answer`), from JSON or CSV.
//! - [`agreement`](mod@agreement): Krippendorff's alpha and Fleiss' kappa.
//! - [`consensus`]: the majority (ties reported) and the Dawid–Skene estimate.
//! - [`assign`]: which ads a reviewer sees next.
//! - [`campaign`](mod@campaign): the ads to review, built from collections, with their evidence.
//! - [`store`]: a campaign's state in SQLite: invitations, sessions, handed-out ads, answers.
//! - [`summary`]: agreement per question and reviewer pair, reliabilities, conclusions per ad.
//! - [`export`](mod@export): answers, conclusions and agreement as JSON or CSV, with evidence.
//! - [`questionnaire`]: the questions as data, the French default, checking a reviewer's answers.
//!
//! ```
//! use disinfo_ads::review::{agreement, AgreementOptions, Answer, AnswerValue};
//! let answer = |item: &str, reviewer: &str, value: &str| Answer {
//!     item: item.into(),
//!     reviewer: reviewer.into(),
//!     question: String::new(),
//!     answer: AnswerValue::Text(value.into()),
//! };
//! let answers = [
//!     answer("ad1", "ana", "political"), answer("ad1", "ben", "political"),
//!     answer("ad2", "ana", "issue"), answer("ad2", "ben", "political"),
//!     answer("ad3", "ana", "none"), answer("ad3", "ben", "none"),
//! ];
//! let alpha = agreement(&answers, &AgreementOptions::default())?;
//! assert_eq!((alpha.items, alpha.reviewers), (3, 2));
//! // 1 - (n - 1) D_o / D_e = 1 - 5 × 2 / 22: one disagreement among six answers.
//! assert!((alpha.value.unwrap() - 6.0 / 11.0).abs() < 1e-12);
//! # Ok::<(), disinfo_ads::Error>(())
//! ```

pub mod agreement;
pub mod answers;
pub mod assign;
pub mod campaign;
pub mod consensus;
pub mod export;
#[cfg(test)]
mod fixtures;
pub mod questionnaire;
pub mod store;
pub mod summary;

pub use agreement::{Agreement, AgreementOptions, Level, Metric, agreement};
pub use answers::{Answer, AnswerValue};
pub use campaign::{Campaign, CampaignOptions, campaign};
pub use questionnaire::Questionnaire;
