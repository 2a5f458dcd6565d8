//! The rule catalogue: stable ids, names, severities and legal references. Rule `ADS0nn` is
//! check *n* of the checks module.

use serde::{Deserialize, Serialize};

/// How serious a finding is. `violation` makes the CLI exit with 1.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Context (an inconclusive comparison, a search hit).
    Info,
    /// An inconsistency that deserves a look.
    Warning,
    /// A breach of the selected regime (an unexplained removal, a mandatory field missing).
    Violation,
}

/// One rule of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Rule {
    /// Stable id (`ADS002`).
    pub id: &'static str,
    /// Short name.
    pub name: &'static str,
    /// The legal reference, where one applies.
    pub article: Option<&'static str>,
}

const DSA_39_1: &str = "DSA (EU) 2022/2065 art. 39(1): the repository holds each ad for the whole period it is presented and one year after it was presented for the last time";
const DSA_39_2: &str = "DSA (EU) 2022/2065 art. 39(2)";
const DSA_39_2_C: &str =
    "DSA (EU) 2022/2065 art. 39(2)(b)-(c): on whose behalf the ad is presented and who paid for it";
const DSA_39_2_G: &str =
    "DSA (EU) 2022/2065 art. 39(2)(g): total recipients reached and numbers per member state";
const DSA_39_1_SEARCH: &str =
    "DSA (EU) 2022/2065 art. 39(1): searchable through tools that allow multicriteria queries";

/// Every rule, by id.
pub const RULES: &[Rule] = &[
    Rule {
        id: "ADS001",
        name: "collections not comparable: the diff is inconclusive",
        article: None,
    },
    Rule {
        id: "ADS002",
        name: "ad disappeared from the repository",
        article: Some(DSA_39_1),
    },
    Rule {
        id: "ADS003",
        name: "disappearance rates",
        article: Some(DSA_39_1),
    },
    Rule {
        id: "ADS004",
        name: "late publication or back-filling",
        article: Some(DSA_39_1),
    },
    Rule {
        id: "ADS005",
        name: "mandatory field missing",
        article: Some(DSA_39_2),
    },
    Rule {
        id: "ADS006",
        name: "field dropped between collections",
        article: Some(DSA_39_2),
    },
    Rule {
        id: "ADS007",
        name: "immutable field changed",
        article: None,
    },
    Rule {
        id: "ADS008",
        name: "cumulative figure went down",
        article: None,
    },
    Rule {
        id: "ADS009",
        name: "invalid range or bucket",
        article: None,
    },
    Rule {
        id: "ADS010",
        name: "invalid or impossible date",
        article: None,
    },
    Rule {
        id: "ADS011",
        name: "duplicate id within a collection",
        article: None,
    },
    Rule {
        id: "ADS012",
        name: "funding: payer missing, shared or changed",
        article: Some(DSA_39_2_C),
    },
    Rule {
        id: "ADS013",
        name: "declared totals, pages and scope do not reconcile",
        article: None,
    },
    Rule {
        id: "ADS014",
        name: "reach figures inconsistent",
        article: Some(DSA_39_2_G),
    },
    Rule {
        id: "ADS015",
        name: "keyword match across collections",
        article: Some(DSA_39_1_SEARCH),
    },
];

/// The rule with id `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The legal reference of rule `id`, as text.
pub fn article(id: &str) -> Option<String> {
    rule(id).and_then(|r| r.article).map(str::to_owned)
}
