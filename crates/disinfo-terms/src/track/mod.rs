//! Tracking: fetch each source document of a set of terms, store the snapshot when its bytes
//! changed, extract, record a version when the text changed, and report what changed with the
//! classified diffs.
//!
//! A document that cannot be fetched or extracted yields an error event for that document — never
//! "no change" (OTA once lost a year of a privacy policy because a selector stopped matching and the
//! empty extraction was not reported).
//!
//! - [`fetch`](mod@fetch): HTTP(S) with user agent, timeouts, retries, redirects, size limit, charset;
//! - [`track`]: the loop over [`Target`]s (built from OTA declarations with
//!   [`Target::from_declarations`]) with an [`Extractor`] ([`OtaExtractor`], the crate's extraction,
//!   or any closure), writing to a snapshots and a versions [`VersionsRepository`].

mod charset;
pub mod directory;
pub mod fetch;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::declaration::{SOURCE_DOCUMENTS_SEPARATOR, ServiceDeclaration, SourceDocument};
use crate::diff::{Classification, Diff, DiffOptions, diff};
use crate::error::Error;
use crate::extract::ExtractOptions;
use crate::versions::{Record, VersionInfo, VersionsRepository};

pub use directory::{DirectoryOptions, DirectoryReport, track_directory};
pub use fetch::{FetchError, FetchErrorKind, FetchOptions, Fetched, fetch};

/// The terms of one service to track: one or more source documents (OTA's `combine`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Target {
    /// The service id (the declaration file name without `.json`).
    pub service: String,
    /// The terms type.
    pub terms_type: String,
    /// The source documents, in declared order.
    pub sources: Vec<SourceDocument>,
}

impl Target {
    /// One target per declared terms type of each service, with the declaration in force at `at`
    /// (OTA's `validUntil` rule), sorted by service id then terms type.
    pub fn from_declarations(
        services: &[ServiceDeclaration],
        at: DateTime<Utc>,
    ) -> Result<Vec<Target>, Error> {
        let mut out = Vec::new();
        for service in services {
            for terms_type in service.terms.keys() {
                let terms = service.terms_at(terms_type, Some(at.fixed_offset()))?;
                out.push(Target {
                    service: service.id.clone(),
                    terms_type: terms_type.clone(),
                    sources: terms.source_documents.clone(),
                });
            }
        }
        out.sort_by(|a, b| (&a.service, &a.terms_type).cmp(&(&b.service, &b.terms_type)));
        Ok(out)
    }
}

/// Turns a fetched source document into the version's Markdown.
pub trait Extractor: Sync {
    /// Extracts the significant text of `page` as declared by `source`.
    fn extract(
        &self,
        target: &Target,
        source: &SourceDocument,
        page: &Fetched,
    ) -> Result<String, Error>;
}

impl<F> Extractor for F
where
    F: Fn(&Target, &SourceDocument, &Fetched) -> Result<String, Error> + Sync,
{
    fn extract(
        &self,
        target: &Target,
        source: &SourceDocument,
        page: &Fetched,
    ) -> Result<String, Error> {
        self(target, source, page)
    }
}

/// The crate's extraction ([`crate::extract::extract`], OTA's pipeline) as a tracking extractor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OtaExtractor {
    /// Extraction options (Markdown flavour, size limit).
    pub options: ExtractOptions,
}

impl Extractor for OtaExtractor {
    fn extract(
        &self,
        _target: &Target,
        source: &SourceDocument,
        page: &Fetched,
    ) -> Result<String, Error> {
        let mime = (!page.content_type.is_empty()).then_some(page.content_type.as_str());
        crate::extract::extract(&page.bytes, mime, source, &self.options)
    }
}

/// Options of [`track`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct TrackOptions {
    /// How documents are fetched (its options sit beside these: `timeout_ms`, ...).
    #[serde(flatten)]
    pub fetch: FetchOptions,
    /// How versions are diffed for the report (`granularity`, ...).
    #[serde(flatten)]
    pub diff: DiffOptions,
    /// Snapshot identifier template written in version commit messages (`%SNAPSHOT_ID` is replaced).
    pub snapshot_id_template: String,
}

impl Default for TrackOptions {
    fn default() -> Self {
        TrackOptions {
            fetch: FetchOptions::default(),
            diff: DiffOptions::default(),
            snapshot_id_template: crate::versions::layout::SNAPSHOT_ID_MARKER.into(),
        }
    }
}

/// What happened to one target in one tracking run.
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
pub enum Outcome {
    /// The first version was recorded.
    FirstRecord,
    /// A new version was recorded.
    Changed,
    /// Fetched and extracted; the text is identical to the last version.
    Unchanged,
    /// A source document could not be fetched.
    FetchError,
    /// A source document could not be extracted (selector without match, empty text, ...).
    ExtractError,
    /// Writing to a repository failed.
    RecordError,
}

impl Outcome {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::FirstRecord => "first_record",
            Outcome::Changed => "changed",
            Outcome::Unchanged => "unchanged",
            Outcome::FetchError => "fetch_error",
            Outcome::ExtractError => "extract_error",
            Outcome::RecordError => "record_error",
        }
    }
}

/// The error of an error event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EventError {
    /// The stable error code (`fetch_failed`, `selector_no_match`, ...).
    pub code: String,
    /// For fetch errors: `http_status`, `timeout`, `too_large`, `network`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FetchErrorKind>,
    /// The HTTP status, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The URL of the source document concerned.
    pub url: String,
    /// What went wrong.
    pub message: String,
}

/// The report entry of one target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TrackEvent {
    /// The service id.
    pub service: String,
    /// The terms type.
    pub terms_type: String,
    /// What happened.
    pub outcome: Outcome,
    /// Snapshot commit ids of the source documents (new or unchanged) that were fetched.
    pub snapshot_ids: Vec<String>,
    /// How many snapshots were new (their bytes changed).
    pub snapshots_recorded: usize,
    /// The version recorded, for `first_record` and `changed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<VersionInfo>,
    /// The classification of the change, for `changed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<Classification>,
    /// The diff against the previous version, for `changed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<Diff>,
    /// The error, for error outcomes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<EventError>,
}

/// The report of a tracking run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TrackReport {
    /// The date of the run (the caller's `now`), used as the record date.
    pub date: String,
    /// One event per target, in the order given.
    pub events: Vec<TrackEvent>,
    /// Events per outcome.
    pub counts: BTreeMap<String, usize>,
}

/// The repositories a tracking run writes to.
pub struct Stores<'a> {
    /// Snapshots: `<Service>/<Terms type>.<html|pdf|...>`.
    pub snapshots: &'a VersionsRepository,
    /// Versions: `<Service>/<Terms type>.md`.
    pub versions: &'a VersionsRepository,
}

fn extension(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        "application/xml" | "text/xml" => "xml",
        "application/json" => "json",
        _ => "html",
    }
}

fn event(target: &Target, outcome: Outcome) -> TrackEvent {
    TrackEvent {
        service: target.service.clone(),
        terms_type: target.terms_type.clone(),
        outcome,
        snapshot_ids: Vec::new(),
        snapshots_recorded: 0,
        version: None,
        classification: None,
        diff: None,
        error: None,
    }
}

fn error_event(
    mut ev: TrackEvent,
    outcome: Outcome,
    url: &str,
    err: &Error,
    fetch: Option<&FetchError>,
) -> TrackEvent {
    ev.outcome = outcome;
    ev.error = Some(EventError {
        code: err.code().to_string(),
        kind: fetch.map(|f| f.kind),
        status: fetch.and_then(|f| f.status),
        url: url.to_string(),
        message: err.to_string(),
    });
    ev
}

/// Tracks `targets` once at date `now`: see the [module documentation](self).
///
/// `progress` is called before each target with `(index, total, "service / terms type")`.
pub fn track(
    targets: &[Target],
    stores: &Stores<'_>,
    extractor: &dyn Extractor,
    options: &TrackOptions,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> TrackReport {
    let mut events = Vec::with_capacity(targets.len());
    for (i, target) in targets.iter().enumerate() {
        progress(
            i,
            targets.len(),
            &format!("{} / {}", target.service, target.terms_type),
        );
        events.push(track_one(target, stores, extractor, options, now));
    }
    progress(targets.len(), targets.len(), "done");
    let mut counts = BTreeMap::new();
    for e in &events {
        *counts.entry(e.outcome.as_str().to_string()).or_default() += 1;
    }
    TrackReport {
        date: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        events,
        counts,
    }
}

fn track_one(
    target: &Target,
    stores: &Stores<'_>,
    extractor: &dyn Extractor,
    options: &TrackOptions,
    now: DateTime<Utc>,
) -> TrackEvent {
    let mut ev = event(target, Outcome::Unchanged);
    let mut parts = Vec::with_capacity(target.sources.len());
    for (n, source) in target.sources.iter().enumerate() {
        let page = match fetch(&source.location, &options.fetch) {
            Ok(page) => page,
            Err(f) => {
                let err = Error::FetchFailed {
                    url: source.location.clone(),
                    message: f.message.clone(),
                };
                return error_event(ev, Outcome::FetchError, &source.location, &err, Some(&f));
            }
        };
        let snapshot_type = if target.sources.len() > 1 {
            format!("{} #{}", target.terms_type, n + 1)
        } else {
            target.terms_type.clone()
        };
        let ext = extension(&page.media_type);
        let snapshot = Record {
            service: &target.service,
            terms_type: &snapshot_type,
            extension: ext,
            content: &page.bytes,
            date: now,
            snapshot_ids: Vec::new(),
            snapshot_id_template: &options.snapshot_id_template,
            technical_upgrade: false,
        };
        let stored = stores
            .snapshots
            .record(&snapshot)
            .and_then(|new| match new {
                Some(info) => Ok((info.id, true)),
                None => stores
                    .snapshots
                    .latest_id(&target.service, &snapshot_type, ext)
                    .map(|id| (id, false)),
            });
        match stored {
            Ok((id, fresh)) => {
                ev.snapshot_ids.push(id);
                ev.snapshots_recorded += usize::from(fresh);
            }
            Err(err) => return error_event(ev, Outcome::RecordError, &source.location, &err, None),
        }
        match extractor.extract(target, source, &page) {
            Ok(text) if text.trim().is_empty() => {
                let err = Error::EmptyContent {
                    selector: "(extractor)".into(),
                    location: source.location.clone(),
                };
                return error_event(ev, Outcome::ExtractError, &source.location, &err, None);
            }
            Ok(text) => parts.push(text),
            Err(err) => {
                return error_event(ev, Outcome::ExtractError, &source.location, &err, None);
            }
        }
    }
    let text = parts.join(SOURCE_DOCUMENTS_SEPARATOR);
    let previous = match stores.versions.latest(&target.service, &target.terms_type) {
        Ok(p) => p.map(|b| String::from_utf8_lossy(&b).into_owned()),
        Err(err) => return error_event(ev, Outcome::RecordError, "", &err, None),
    };
    let version = Record {
        service: &target.service,
        terms_type: &target.terms_type,
        extension: "md",
        content: text.as_bytes(),
        date: now,
        snapshot_ids: ev.snapshot_ids.clone(),
        snapshot_id_template: &options.snapshot_id_template,
        technical_upgrade: false,
    };
    match stores.versions.record(&version) {
        Ok(Some(info)) => {
            ev.outcome = if previous.is_some() {
                Outcome::Changed
            } else {
                Outcome::FirstRecord
            };
            if let Some(previous) = previous {
                let d = diff(&previous, &text, &options.diff);
                ev.classification = Some(d.classification);
                ev.diff = Some(d);
            }
            ev.version = Some(info);
            ev
        }
        Ok(None) => ev,
        Err(err) => error_event(ev, Outcome::RecordError, "", &err, None),
    }
}
