//! Regimes: which fields an ad repository must hold, per legal text or platform pledge.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Field;

/// A set of mandatory fields with its legal reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Regime {
    /// Stable name (`dsa_39_2`).
    pub name: &'static str,
    /// The reference.
    pub article: &'static str,
    /// Mandatory fields.
    pub fields: &'static [Field],
    /// The regime applies only to ads the platform removed (DSA art. 39(3)).
    pub removed_only: bool,
}

/// Every regime.
pub const REGIMES: &[Regime] = &[
    Regime {
        name: "dsa_39_2",
        // (a) content, (b) on whose behalf, (c) who paid, (d) period, (e) targeting, (g) reach.
        article: "DSA (EU) 2022/2065 art. 39(2)(a)-(e),(g)",
        fields: &[
            Field::Content,
            Field::AdvertiserName,
            Field::Payer,
            Field::FirstShown,
            Field::LastShown,
            Field::Targeting,
            Field::ReachTotal,
            Field::ReachByCountry,
        ],
        removed_only: false,
    },
    Regime {
        name: "dsa_39_3",
        // Removed ads: the information of art. 17(3)(a)-(e) or art. 9(2)(a)(i) instead.
        article: "DSA (EU) 2022/2065 art. 39(3)",
        fields: &[Field::Moderation],
        removed_only: true,
    },
    Regime {
        name: "ttpa_12",
        // Transparency notice: sponsor, period, amounts spent, targeting, the ad itself.
        article: "Regulation (EU) 2024/900 (TTPA) art. 12(1)",
        fields: &[
            Field::Payer,
            Field::AdvertiserName,
            Field::FirstShown,
            Field::LastShown,
            Field::Spend,
            Field::Currency,
            Field::Targeting,
            Field::Content,
        ],
        removed_only: false,
    },
    Regime {
        name: "platform_pledge",
        // What Meta's Ad Library promised for political ads in 2019 (v3.3 API fields).
        article: "Meta Ad Library for ads about social issues, elections or politics (2019 pledge)",
        fields: &[
            Field::Payer,
            Field::Content,
            Field::FirstShown,
            Field::Spend,
            Field::Impressions,
            Field::Demographics,
            Field::Regions,
        ],
        removed_only: false,
    },
];

/// The regime named `name`.
pub fn regime(name: &str) -> Result<&'static Regime> {
    REGIMES.iter().find(|r| r.name == name).ok_or_else(|| {
        Error::arg(
            "regime",
            format!(
                "unknown regime `{name}`; use one of {}",
                REGIMES
                    .iter()
                    .map(|r| r.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}
