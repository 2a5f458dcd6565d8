//! The audit report (DESIGN §5.3): the JSON contract, plus CSV tables and Markdown renderings.
//! Same input, same bytes: every list is in a fixed order and maps are sorted.
//!
//! - [`types`]: the report's structures.
//! - [`evidence`]: the evidence collector (complete counts, bounded evidence lists).
//! - [`markdown`], [`csv`]: renderings.

pub mod csv;
pub mod evidence;
pub mod markdown;
pub mod types;

pub use evidence::EvidenceSink;
pub use types::*;

use crate::error::{Error, Result};

/// Renders a report as `json` (pretty, the contract), `markdown`, or `csv` (one `table` of
/// [`csv::TABLES`], default `pairs`).
pub fn render(report: &AuditReport, format: &str, table: Option<&str>) -> Result<String> {
    match format {
        "json" => serde_json::to_string_pretty(report).map_err(|e| Error::io("report", e)),
        "markdown" | "md" => Ok(markdown::render(report)),
        "csv" => csv::render(report, table.unwrap_or("pairs")),
        other => Err(Error::arg(
            "format",
            format!("unknown format `{other}`; use json, markdown or csv"),
        )),
    }
}
