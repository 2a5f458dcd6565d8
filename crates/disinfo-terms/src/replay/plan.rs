//! From snapshot commits to extraction jobs: which fetches to replay, with which declaration, from
//! which snapshot of each source document.
//!
//! OTA's engine fetches every source document of a terms document in one run, commits each
//! snapshot whose bytes changed (all with the run's date), then extracts once from the latest
//! snapshot of every source document. So consecutive snapshot commits of one terms document with
//! the same date are one fetch, and give one extraction.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};
use gix::ObjectId;

use super::declarations::{Failure, Timeline};
use super::report::{ReplayFailure, Stage};
use super::snapshots::{Entry, Snapshot, document_id};
use crate::declaration::{SourceDocument, Terms};
use crate::error::Error;

/// The snapshot of one source document used by an extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The snapshot commit.
    pub commit: ObjectId,
    /// The snapshot blob.
    pub blob: ObjectId,
    /// The snapshot file.
    pub path: String,
    /// Its MIME type, from the extension.
    pub mime: Option<&'static str>,
    /// Its date.
    pub date: DateTime<Utc>,
}

/// One extraction to run and, when the text changed, record.
#[derive(Debug, Clone)]
pub struct Job {
    /// The service id.
    pub service: String,
    /// The terms type.
    pub terms_type: String,
    /// The declaration in force.
    pub terms: Arc<Terms>,
    /// The snapshot of each source document, in declared order.
    pub sources: Vec<Source>,
    /// The record date: the fetch date.
    pub date: DateTime<Utc>,
    /// True for a technical or declaration upgrade.
    pub upgrade: bool,
}

/// What the planner decided for a commit or a fetch, in commit order.
#[derive(Debug)]
pub enum Planned {
    /// A commit that is not a record.
    Skipped,
    /// A snapshot not replayed (out of the date range, or of another document), with its fetcher.
    OutOfRange,
    /// A snapshot of another service or terms type than the selected ones.
    Filtered,
    /// A snapshot replayed (counted per document), with its fetcher trailer.
    Read {
        /// The service id.
        service: String,
        /// The terms type.
        terms_type: String,
        /// `X-fetcher`, `none` without trailers.
        fetcher: String,
        /// True when the commit has no trailer at all.
        legacy: bool,
    },
    /// A failure: nothing recorded from this snapshot.
    Failure(Box<ReplayFailure>),
    /// A fetch of combined terms while another source document has no snapshot yet.
    Incomplete {
        /// The service id.
        service: String,
        /// The terms type.
        terms_type: String,
    },
    /// An extraction to run.
    Job(Box<Job>),
}

/// The replay's limits.
#[derive(Debug, Clone, Default)]
pub struct Bounds {
    /// Only this service.
    pub service: Option<String>,
    /// Only this terms type.
    pub terms_type: Option<String>,
    /// Snapshots before this date are not replayed.
    pub from: Option<DateTime<Utc>>,
    /// Snapshots after this date are not read at all.
    pub until: Option<DateTime<Utc>>,
    /// Snapshots at or before this date were replayed already.
    pub resume_after: Option<DateTime<Utc>>,
    /// Accept snapshots without any trailer (their location is the declared one).
    pub legacy_snapshots: bool,
}

impl Bounds {
    fn selects(&self, service: &str, terms_type: &str) -> bool {
        self.service.as_ref().is_none_or(|s| s == service)
            && self.terms_type.as_ref().is_none_or(|t| t == terms_type)
    }

    fn replays(&self, date: DateTime<Utc>) -> bool {
        self.from.is_none_or(|from| date >= from) && self.resume_after.is_none_or(|r| date > r)
    }
}

/// The key of a snapshot file: service, terms type, document id.
type FileKey = (String, String, Option<String>);

/// Turns commits into [`Planned`] steps; keeps the latest snapshot of every source document.
pub struct Planner<'a> {
    timeline: &'a Timeline,
    bounds: &'a Bounds,
    latest: BTreeMap<FileKey, Source>,
    fetch: Vec<Snapshot>,
}

pub(crate) fn rfc3339(date: DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn failure(snapshot: &Snapshot, stage: Stage, failure: Failure) -> Planned {
    Planned::Failure(Box::new(ReplayFailure {
        date: rfc3339(snapshot.date),
        commit: snapshot.commit.to_string(),
        path: snapshot.path.clone(),
        service: Some(snapshot.file.service.clone()),
        terms_type: Some(snapshot.file.terms_type.clone()),
        stage,
        code: failure.code.to_string(),
        message: failure.message,
    }))
}

impl<'a> Planner<'a> {
    /// A planner over `timeline` within `bounds`.
    pub fn new(timeline: &'a Timeline, bounds: &'a Bounds) -> Self {
        Planner {
            timeline,
            bounds,
            latest: BTreeMap::new(),
            fetch: Vec::new(),
        }
    }

    /// Takes the next commit; appends what was decided (for this commit or for the fetch it
    /// closes) to `out`.
    ///
    /// `size` is the size of a snapshot's blob, or the error reading it: an empty or unreadable
    /// blob is a failure of its commit.
    pub fn push(&mut self, entry: Entry, size: Option<Result<u64, Error>>, out: &mut Vec<Planned>) {
        match entry {
            Entry::Skipped => out.push(Planned::Skipped),
            Entry::Invalid {
                commit,
                date,
                error,
            } => {
                self.close(out);
                out.push(self.invalid(commit, date, error));
            }
            Entry::Snapshot(snapshot) => {
                let same_fetch = self.fetch.first().is_some_and(|first| {
                    first.date == snapshot.date
                        && first.file.service == snapshot.file.service
                        && first.file.terms_type == snapshot.file.terms_type
                        && self
                            .fetch
                            .iter()
                            .all(|s| s.file.document_id != snapshot.file.document_id)
                });
                if !same_fetch {
                    self.close(out);
                }
                let rejected = match size {
                    Some(Ok(0)) => Some(Error::EmptySnapshot {
                        commit: snapshot.commit.to_string(),
                        path: snapshot.path.clone(),
                    }),
                    Some(Err(error)) => Some(error),
                    _ => None,
                };
                if let Some(error) = rejected {
                    out.push(self.reject(&snapshot, error));
                    return;
                }
                self.fetch.push(*snapshot);
            }
        }
    }

    /// Closes the last fetch.
    pub fn finish(&mut self, out: &mut Vec<Planned>) {
        self.close(out);
    }

    fn invalid(&self, commit: ObjectId, date: DateTime<Utc>, error: Error) -> Planned {
        let in_range = self.bounds.until.is_none_or(|u| date <= u) && self.bounds.replays(date);
        if !in_range {
            return Planned::OutOfRange;
        }
        if self.bounds.service.is_some() || self.bounds.terms_type.is_some() {
            return Planned::Filtered;
        }
        Planned::Failure(Box::new(ReplayFailure {
            date: rfc3339(date),
            commit: commit.to_string(),
            path: String::new(),
            service: None,
            terms_type: None,
            stage: Stage::Commit,
            code: error.code().to_string(),
            message: error.to_string(),
        }))
    }

    fn reject(&self, snapshot: &Snapshot, error: Error) -> Planned {
        let file = &snapshot.file;
        if !self.bounds.selects(&file.service, &file.terms_type) {
            return Planned::Filtered;
        }
        if self.bounds.until.is_some_and(|u| snapshot.date > u)
            || !self.bounds.replays(snapshot.date)
        {
            return Planned::OutOfRange;
        }
        failure(snapshot, Stage::Snapshot, error.into())
    }

    /// Plans the pending fetch: state only when out of range, else checks, then one job.
    fn close(&mut self, out: &mut Vec<Planned>) {
        let fetch = std::mem::take(&mut self.fetch);
        let Some(first) = fetch.first() else {
            return;
        };
        let (service, terms_type, date) = (
            first.file.service.clone(),
            first.file.terms_type.clone(),
            first.date,
        );
        if !self.bounds.selects(&service, &terms_type) {
            out.extend(fetch.iter().map(|_| Planned::Filtered));
            return;
        }
        if self.bounds.until.is_some_and(|u| date > u) {
            out.extend(fetch.iter().map(|_| Planned::OutOfRange));
            return;
        }
        if !self.bounds.replays(date) {
            for snapshot in &fetch {
                self.remember(snapshot);
                out.push(Planned::OutOfRange);
            }
            return;
        }
        let declared = self.timeline.at(&service, &terms_type, date);
        let mut accepted = 0;
        for snapshot in &fetch {
            out.push(Planned::Read {
                service: service.clone(),
                terms_type: terms_type.clone(),
                fetcher: snapshot
                    .trailers
                    .fetcher
                    .clone()
                    .unwrap_or_else(|| "none".into()),
                legacy: !snapshot.trailers.any,
            });
            match self.check(snapshot, &declared) {
                Ok(()) => {
                    self.remember(snapshot);
                    accepted += 1;
                }
                Err(planned) => out.push(planned),
            }
        }
        let Ok(terms) = declared else {
            return;
        };
        if accepted > 0 {
            out.push(self.job(&service, &terms_type, terms, date, false));
        }
    }

    fn remember(&mut self, snapshot: &Snapshot) {
        let file = &snapshot.file;
        self.latest.insert(
            (
                file.service.clone(),
                file.terms_type.clone(),
                file.document_id.clone(),
            ),
            Source {
                commit: snapshot.commit,
                blob: snapshot.blob,
                path: snapshot.path.clone(),
                mime: file.mime_type(),
                date: snapshot.date,
            },
        );
    }

    /// Checks one snapshot against the declaration in force: the document it is of, and the
    /// location it was fetched from.
    fn check(
        &self,
        snapshot: &Snapshot,
        declared: &Result<Arc<Terms>, Failure>,
    ) -> Result<(), Planned> {
        let terms = declared
            .as_ref()
            .map_err(|f| failure(snapshot, Stage::Declaration, f.clone()))?;
        let document = source_of(terms, snapshot.file.document_id.as_deref()).ok_or_else(|| {
            let declared: Vec<String> = terms
                .source_documents
                .iter()
                .map(|d| format!("#{}", document_id(&d.location)))
                .collect();
            let error = Error::SourceDocumentNotDeclared {
                service: snapshot.file.service.clone(),
                terms_type: snapshot.file.terms_type.clone(),
                document: snapshot
                    .file
                    .document_id
                    .as_ref()
                    .map_or_else(|| "(single)".to_string(), |id| format!("#{id}")),
                declared: if terms.source_documents.len() > 1 {
                    declared.join(", ")
                } else {
                    "(single)".into()
                },
            };
            failure(snapshot, Stage::Declaration, error.into())
        })?;
        let trailers = &snapshot.trailers;
        match &trailers.location {
            Some(found) if found != &document.location => {
                let error = Error::SnapshotLocationMismatch {
                    commit: snapshot.commit.to_string(),
                    date: rfc3339(snapshot.date),
                    found: found.clone(),
                    declared: document.location.clone(),
                };
                Err(failure(snapshot, Stage::Snapshot, error.into()))
            }
            Some(_) => Ok(()),
            None if !trailers.any && self.bounds.legacy_snapshots => Ok(()),
            None => {
                let error = Error::SnapshotMissingLocation {
                    commit: snapshot.commit.to_string(),
                    path: snapshot.path.clone(),
                };
                Err(failure(snapshot, Stage::Snapshot, error.into()))
            }
        }
    }

    /// The extraction of `terms` from the latest snapshot of each source document, or
    /// [`Planned::Incomplete`] when one has none yet.
    fn job(
        &self,
        service: &str,
        terms_type: &str,
        terms: Arc<Terms>,
        date: DateTime<Utc>,
        upgrade: bool,
    ) -> Planned {
        let combined = terms.source_documents.len() > 1;
        let mut sources = Vec::with_capacity(terms.source_documents.len());
        for document in &terms.source_documents {
            let id = combined.then(|| document_id(&document.location));
            let key = (service.to_string(), terms_type.to_string(), id);
            match self.latest.get(&key) {
                Some(source) => sources.push(source.clone()),
                None => {
                    return Planned::Incomplete {
                        service: service.into(),
                        terms_type: terms_type.into(),
                    };
                }
            }
        }
        Planned::Job(Box::new(Job {
            service: service.into(),
            terms_type: terms_type.into(),
            terms,
            sources,
            date,
            upgrade,
        }))
    }

    /// One upgrade job per selected document with snapshots, declared by `declared_at` (the
    /// declaration in force at `until`, or the current one): OTA's "apply technical upgrades"
    /// re-extracts the latest snapshots with today's declarations and engine. Documents no longer
    /// declared are not upgraded (OTA no longer tracks them); other declaration failures are
    /// reported.
    pub fn upgrades(&self, out: &mut Vec<Planned>) {
        let mut documents: Vec<(String, String)> = self
            .latest
            .keys()
            .map(|(s, t, _)| (s.clone(), t.clone()))
            .filter(|(s, t)| self.bounds.selects(s, t))
            .collect();
        documents.dedup();
        for (service, terms_type) in documents {
            let declared = match self.bounds.until {
                Some(until) => self.timeline.at(&service, &terms_type, until),
                None => self.timeline.current(&service, &terms_type),
            };
            let terms = match declared {
                Ok(terms) => terms,
                Err(f)
                    if f.code == "terms_type_not_declared" || f.code == "service_not_declared" =>
                {
                    continue;
                }
                Err(f) => {
                    if let Some(newest) = self.newest(&service, &terms_type) {
                        out.push(upgrade_failure(newest, &service, &terms_type, f));
                    }
                    continue;
                }
            };
            let date = self
                .newest(&service, &terms_type)
                .map_or_else(DateTime::<Utc>::default, |s| s.date);
            out.push(self.job(&service, &terms_type, terms, date, true));
        }
    }

    fn newest(&self, service: &str, terms_type: &str) -> Option<&Source> {
        self.latest
            .iter()
            .filter(|((s, t, _), _)| s == service && t == terms_type)
            .map(|(_, source)| source)
            .max_by_key(|s| s.date)
    }
}

fn upgrade_failure(source: &Source, service: &str, terms_type: &str, f: Failure) -> Planned {
    Planned::Failure(Box::new(ReplayFailure {
        date: rfc3339(source.date),
        commit: source.commit.to_string(),
        path: source.path.clone(),
        service: Some(service.into()),
        terms_type: Some(terms_type.into()),
        stage: Stage::Upgrade,
        code: f.code.into(),
        message: f.message,
    }))
}

/// The source document a snapshot file is of: the only one of single-document terms (file
/// without `#id`), or the one whose OTA id the file names.
fn source_of<'t>(terms: &'t Terms, document: Option<&str>) -> Option<&'t SourceDocument> {
    match (terms.source_documents.as_slice(), document) {
        ([one], None) => Some(one),
        ([_], Some(_)) | ([], _) => None,
        (many, Some(id)) => many.iter().find(|d| document_id(&d.location) == id),
        (_, None) => None,
    }
}
