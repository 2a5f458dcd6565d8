//! Versions stored in Open Terms Archive's layout: a git repository with
//! `<Service>/<Terms type>.md`, one commit per recorded change, dated at the snapshot's fetch
//! date, with OTA's commit messages; so an existing OTA versions repository can be opened, read,
//! analysed and extended.
//!
//! - [`layout`]: paths and commit messages as OTA's engine writes them;
//! - [`VersionsRepository`]: open or create, list services and terms types, list versions, read
//!   the text at a date, record a new version (git via `gix`, pure Rust);
//! - [`history`](mod@history): consecutive pairs with their classified diffs, and statistics.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use disinfo_terms::versions::{Record, VersionsRepository};
//!
//! let dir = tempfile::tempdir().expect("temp dir");
//! let repo = VersionsRepository::open_or_init(dir.path())?;
//! let record = |text: &'static str, day| Record {
//!     service: "Example", terms_type: "Privacy Policy", extension: "md",
//!     content: text.as_bytes(), date: Utc.with_ymd_and_hms(2024, 1, day, 0, 30, 0).unwrap(),
//!     snapshot_ids: vec!["0123abc".into()], snapshot_id_template: "%SNAPSHOT_ID",
//!     technical_upgrade: false,
//! };
//! repo.record(&record("We sell data.", 1))?;
//! repo.record(&record("We never sell data.", 2))?;
//! assert!(repo.record(&record("We never sell data.", 3))?.is_none()); // unchanged: no commit
//! let versions = repo.versions("Example", "Privacy Policy")?;
//! assert_eq!(versions.len(), 2);
//! assert_eq!(versions[1].subject, "Record new changes of Example Privacy Policy");
//! # Ok::<(), disinfo_terms::Error>(())
//! ```

mod changes;
pub mod history;
pub mod layout;
mod model;
pub(crate) mod repo;
pub mod report;

pub use history::{
    HistoryChange, HistoryOptions, HistoryReport, HistoryStats, PairSummary, TermsHistory,
    VersionPair, history,
};
pub use layout::RecordKind;
pub use repo::{Author, Index, Record, VersionInfo, VersionsRepository};

/// Parses an RFC 3339 date (`2026-01-28T12:30:21Z`) or a plain day (`2026-01-28`, read as the end
/// of that day, UTC) for [`VersionsRepository::version_at`].
pub fn parse_date(value: &str) -> crate::Result<chrono::DateTime<chrono::Utc>> {
    use chrono::{DateTime, NaiveDate, Utc};
    if let Ok(d) = DateTime::parse_from_rfc3339(value) {
        return Ok(d.with_timezone(&Utc));
    }
    if let Some(end) = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(23, 59, 59))
    {
        return Ok(end.and_utc());
    }
    Err(crate::Error::arg(
        "date",
        format!(
            "`{value}` is not an RFC 3339 date-time (2026-01-28T12:30:21Z) or a day (2026-01-28)"
        ),
    ))
}

/// The UTC date of a Unix timestamp in seconds (for callers that read their own clock:
/// the core never does).
pub fn date_from_unix(seconds: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}
