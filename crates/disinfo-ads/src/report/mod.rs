//! The audit report: the JSON contract, plus CSV tables and Markdown renderings.
//! Same input, same bytes: every list is in a fixed order and maps are sorted.
//!
//! - [`types`]: the report's structures.
//! - [`evidence`]: the evidence collector (complete counts, bounded evidence lists).
//! - [`format`](mod@format): the renderings by name (output format, CSV table).
//! - [`markdown`], [`csv`]: renderings.

pub mod csv;
pub mod evidence;
pub mod format;
pub mod markdown;
pub mod types;

pub use evidence::EvidenceSink;
pub use format::{CsvTable, ReportFormat};
pub use types::*;

use crate::error::{Error, Result};

/// Renders a report as JSON (pretty, the contract), Markdown, or CSV (one `table`, default
/// [`CsvTable::Pairs`]). A table is only for CSV: asking for one with another format is an
/// `invalid_argument` error rather than a silently ignored option.
pub fn render(
    report: &AuditReport,
    format: ReportFormat,
    table: Option<CsvTable>,
) -> Result<String> {
    if let (Some(t), ReportFormat::Json | ReportFormat::Markdown) = (table, format) {
        return Err(Error::arg(
            "table",
            format!("the table `{t}` applies to the csv format only, not {format}"),
        ));
    }
    match format {
        ReportFormat::Json => serde_json::to_string_pretty(report)
            .map_err(|e| Error::io("serialise", "report", std::io::Error::other(e))),
        ReportFormat::Markdown => Ok(markdown::render(report)),
        ReportFormat::Csv => csv::render(report, table.unwrap_or_default()),
    }
}
