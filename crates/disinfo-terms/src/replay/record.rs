//! Writing the replayed versions in OTA's layout and conventions: one commit per changed text,
//! dated at the fetch, `First record of` / `Record new changes of` / `Apply technical or
//! declaration upgrade on`, a body naming the snapshot commit(s), and an `X-engine-version` trailer
//! naming this crate and its version (where OTA's engine writes its own version).

use chrono::{DateTime, Utc};

use super::plan::Job;
use crate::error::Result;
use crate::versions::{Record, VersionInfo, VersionsRepository};

/// The trailer key OTA's engine writes its version under.
pub const ENGINE_TRAILER: &str = "X-engine-version";

/// The engine named in the trailer of each replayed version: `disinfo-terms/<crate version>`.
pub const ENGINE: &str = concat!("disinfo-terms/", env!("CARGO_PKG_VERSION"));

/// What writing one extracted text did.
pub(crate) enum Outcome {
    /// A commit was written.
    Recorded(Box<VersionInfo>),
    /// The text equals the latest version: nothing written.
    Unchanged,
}

/// Writes versions into one repository.
pub(crate) struct Writer<'a> {
    pub(crate) repo: &'a VersionsRepository,
    pub(crate) snapshot_id_template: &'a str,
}

impl Writer<'_> {
    /// Records `text` as the version of `job` when it differs from the latest one.
    pub(crate) fn write(&self, job: &Job, text: &str) -> Result<Outcome> {
        let record = Record {
            service: &job.service,
            terms_type: &job.terms_type,
            extension: "md",
            content: text.as_bytes(),
            date: job.date,
            snapshot_ids: job.sources.iter().map(|s| s.commit.to_string()).collect(),
            snapshot_id_template: self.snapshot_id_template,
            technical_upgrade: job.upgrade,
        };
        Ok(
            match self
                .repo
                .record_with_trailers(&record, &[(ENGINE_TRAILER, ENGINE)])?
            {
                Some(info) => Outcome::Recorded(Box::new(info)),
                None => Outcome::Unchanged,
            },
        )
    }
}

/// The date of the newest record of `repo`: a replay onto it starts after that date.
pub(crate) fn newest_record(repo: &VersionsRepository) -> Result<Option<DateTime<Utc>>> {
    let index = repo.index()?;
    Ok(index
        .terms
        .values()
        .flatten()
        .filter_map(|v| DateTime::parse_from_rfc3339(&v.date).ok())
        .map(|d| d.with_timezone(&Utc))
        .max())
}
