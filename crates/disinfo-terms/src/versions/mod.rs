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

pub mod history;
pub mod layout;
mod repo;

pub use history::{history, HistoryOptions, HistoryReport, HistoryStats, PairSummary, TermsHistory, VersionPair};
pub use layout::RecordKind;
pub use repo::{Author, Index, Record, VersionInfo, VersionsRepository};
