//! The renderings a report can be asked for, by name: the output format and the CSV table.
//! Front ends parse the user's word once into these types; the names and the error that lists
//! them are the same for the CLI, Python and Node.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// An output format of [`super::render`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// Pretty JSON: the contract shared by every front end.
    #[default]
    Json,
    /// Markdown, for people.
    #[serde(alias = "md")]
    Markdown,
    /// One table of the report as CSV (see [`CsvTable`]).
    Csv,
}

impl ReportFormat {
    /// Every format, in the order of [`Self::NAMES`].
    pub const ALL: [ReportFormat; 3] = [
        ReportFormat::Json,
        ReportFormat::Markdown,
        ReportFormat::Csv,
    ];

    /// The accepted names (`md` is also accepted for `markdown`).
    pub const NAMES: &'static [&'static str] = &["json", "markdown", "csv"];

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Json => "json",
            ReportFormat::Markdown => "markdown",
            ReportFormat::Csv => "csv",
        }
    }
}

impl fmt::Display for ReportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ReportFormat {
    type Err = Error;

    /// A name of [`Self::NAMES`] or `md`; anything else is an `invalid_argument` error that
    /// lists them.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "md" => Ok(ReportFormat::Markdown),
            _ => ReportFormat::ALL
                .into_iter()
                .find(|f| f.name() == s)
                .ok_or_else(|| unknown("format", s, ReportFormat::NAMES, " (or md)")),
        }
    }
}

/// A table of the report written as CSV.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CsvTable {
    /// One row per consecutive pair of collections.
    #[default]
    Pairs,
    /// One row per pair and country.
    Countries,
    /// One row per pair and advertiser.
    Advertisers,
    /// Field coverage per collection, regime, field and country.
    Coverage,
    /// The evidence listed (first observation of each).
    Evidence,
    /// What could not be read.
    Rejected,
    /// The notes.
    Notes,
}

impl CsvTable {
    /// Every table, in the order of [`Self::NAMES`].
    pub const ALL: [CsvTable; 7] = [
        CsvTable::Pairs,
        CsvTable::Countries,
        CsvTable::Advertisers,
        CsvTable::Coverage,
        CsvTable::Evidence,
        CsvTable::Rejected,
        CsvTable::Notes,
    ];

    /// The accepted names.
    pub const NAMES: &'static [&'static str] = &[
        "pairs",
        "countries",
        "advertisers",
        "coverage",
        "evidence",
        "rejected",
        "notes",
    ];

    /// The table's name.
    pub fn name(self) -> &'static str {
        match self {
            CsvTable::Pairs => "pairs",
            CsvTable::Countries => "countries",
            CsvTable::Advertisers => "advertisers",
            CsvTable::Coverage => "coverage",
            CsvTable::Evidence => "evidence",
            CsvTable::Rejected => "rejected",
            CsvTable::Notes => "notes",
        }
    }
}

impl fmt::Display for CsvTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for CsvTable {
    type Err = Error;

    /// A name of [`Self::NAMES`]; anything else is an `invalid_argument` error that lists them.
    fn from_str(s: &str) -> Result<Self, Error> {
        CsvTable::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .ok_or_else(|| unknown("table", s, CsvTable::NAMES, ""))
    }
}

fn unknown(what: &str, given: &str, names: &[&str], also: &str) -> Error {
    let shown: String = given.chars().take(40).collect();
    Error::arg(
        what,
        format!(
            "unknown {what} `{shown}`; use one of {}{also}",
            names.join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_print_and_serialise_alike() {
        for f in ReportFormat::ALL {
            assert_eq!(f.name().parse::<ReportFormat>().ok(), Some(f));
            assert_eq!(f.to_string(), f.name());
            assert_eq!(
                serde_json::to_value(f).ok(),
                Some(serde_json::Value::from(f.name()))
            );
        }
        assert_eq!(
            ReportFormat::ALL.map(ReportFormat::name),
            ReportFormat::NAMES
        );
        for t in CsvTable::ALL {
            assert_eq!(t.name().parse::<CsvTable>().ok(), Some(t));
            assert_eq!(
                serde_json::from_value::<CsvTable>(t.name().into()).ok(),
                Some(t)
            );
        }
        assert_eq!(CsvTable::ALL.map(CsvTable::name), CsvTable::NAMES);
    }

    #[test]
    fn md_is_markdown_and_unknown_names_list_the_accepted_ones() {
        assert_eq!(
            "md".parse::<ReportFormat>().ok(),
            Some(ReportFormat::Markdown)
        );
        assert_eq!(
            serde_json::from_str::<ReportFormat>("\"md\"").ok(),
            Some(ReportFormat::Markdown)
        );
        let e = "html".parse::<ReportFormat>().expect_err("unknown");
        assert_eq!(e.code(), "invalid_argument");
        assert!(
            e.to_string()
                .contains("use one of json, markdown, csv (or md)"),
            "{e}"
        );
        let e = "JSON"
            .parse::<ReportFormat>()
            .expect_err("names are lower case");
        assert!(e.to_string().contains("`JSON`"), "{e}");
        let e = "totals".parse::<CsvTable>().expect_err("unknown");
        assert_eq!(e.code(), "invalid_argument");
        assert!(
            e.to_string()
                .contains("pairs, countries, advertisers, coverage, evidence, rejected, notes"),
            "{e}"
        );
        let long = "x".repeat(100_000);
        assert!(
            long.parse::<CsvTable>()
                .expect_err("long")
                .to_string()
                .len()
                < 300
        );
    }
}
