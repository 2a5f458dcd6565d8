//! The replay loop: commits are walked and planned in order on the calling thread; the planned
//! extractions of a bounded window run in parallel (rayon), then their versions are written in
//! commit order. Memory holds one window of jobs and texts, whatever the length of the history.

use rayon::prelude::*;

use super::ReplayOptions;
use super::declarations::Timeline;
use super::plan::{Bounds, Job, Planned, Planner, rfc3339};
use super::record::{Outcome, Writer};
use super::report::{ReplayFailure, ReplayReport, Stage, Tally};
use super::snapshots::{Entry, Walk};
use crate::declaration::SOURCE_DOCUMENTS_SEPARATOR;
use crate::error::{Error, Result};
use crate::extract::ExtractOptions;
use crate::versions::repo::with_thread_repo;

/// Progress callback: `(commits done, commits in total, what is being done)`.
pub type Progress<'p> = &'p mut dyn FnMut(usize, usize, &str);

/// Replays the commits of `repo` into `writer`.
pub(crate) fn run(
    timeline: &Timeline,
    repo: &gix::Repository,
    writer: &Writer<'_>,
    bounds: &Bounds,
    options: &ReplayOptions,
    progress: Progress<'_>,
) -> Result<ReplayReport> {
    let walk = Walk::new(repo)?;
    let total = walk.len();
    let shared = repo.clone().into_sync();
    let window = options.window.max(1);
    let mut planner = Planner::new(timeline, bounds);
    let mut tally = Tally::default();
    let mut pending: Vec<Planned> = Vec::new();
    let mut jobs = 0;
    progress(0, total, "reading the snapshots repository");
    for (done, item) in walk.enumerate() {
        let (_, entry) = item?;
        tally.report.commits += 1;
        // A blob missing from a damaged repository fails its commit, not the replay.
        let size = match &entry {
            Entry::Snapshot(s) => Some(
                repo.find_header(s.blob)
                    .map(|h| h.size())
                    .map_err(|e| git_failed(repo, "read snapshot blob", e)),
            ),
            _ => None,
        };
        let before = pending.len();
        planner.push(entry, size, &mut pending);
        jobs += pending[before..]
            .iter()
            .filter(|p| matches!(p, Planned::Job(_)))
            .count();
        // Steps without a job (out of range, skipped) are flushed too, so that a resumed replay
        // walking thousands of old commits holds no more than a window of them.
        if jobs >= window || pending.len() >= 16 * window {
            let what = describe(&pending);
            flush(&shared, writer, &options.extract, &mut pending, &mut tally)?;
            jobs = 0;
            progress(done + 1, total, &what);
        }
    }
    planner.finish(&mut pending);
    flush(&shared, writer, &options.extract, &mut pending, &mut tally)?;
    if options.apply_upgrades {
        progress(total, total, "applying technical and declaration upgrades");
        planner.upgrades(&mut pending);
        flush(&shared, writer, &options.extract, &mut pending, &mut tally)?;
    }
    progress(total, total, "done");
    Ok(tally.finish())
}

fn git_failed(repo: &gix::Repository, operation: &str, e: impl std::fmt::Display) -> Error {
    Error::GitFailed {
        path: repo.path().display().to_string(),
        operation: operation.into(),
        message: e.to_string(),
    }
}

/// `2024-05-01 GitHub / Privacy Policy` for the last job of a window.
fn describe(pending: &[Planned]) -> String {
    pending
        .iter()
        .rev()
        .find_map(|p| match p {
            Planned::Job(job) => Some(format!(
                "{} {} / {}",
                job.date.format("%Y-%m-%d"),
                job.service,
                job.terms_type
            )),
            _ => None,
        })
        .unwrap_or_default()
}

/// Runs the jobs of `pending` in parallel, then takes every step in order: counts, failures,
/// versions written.
fn flush(
    shared: &gix::ThreadSafeRepository,
    writer: &Writer<'_>,
    extract: &ExtractOptions,
    pending: &mut Vec<Planned>,
    tally: &mut Tally,
) -> Result<()> {
    let texts: Vec<Option<std::result::Result<String, Box<ReplayFailure>>>> = pending
        .par_iter()
        .map(|planned| match planned {
            Planned::Job(job) => Some(with_thread_repo(shared, |repo| {
                extract_job(repo, job, extract)
            })),
            _ => None,
        })
        .collect();
    for (planned, text) in pending.drain(..).zip(texts) {
        match (planned, text) {
            (Planned::Job(job), Some(text)) => {
                tally.report.extractions += 1;
                match text {
                    Ok(text) => {
                        let outcome = writer.write(&job, &text)?;
                        count(tally, &job, outcome);
                    }
                    Err(failure) => tally.failure(*failure),
                }
            }
            (planned, _) => step(tally, planned),
        }
    }
    Ok(())
}

fn count(tally: &mut Tally, job: &Job, outcome: Outcome) {
    let report = &mut tally.report;
    match &outcome {
        Outcome::Recorded(_) if job.upgrade => report.upgrades_recorded += 1,
        Outcome::Recorded(_) => report.versions_recorded += 1,
        Outcome::Unchanged => report.unchanged += 1,
    }
    let document = tally.document(&job.service, &job.terms_type);
    match &outcome {
        Outcome::Recorded(_) if job.upgrade => document.upgrades += 1,
        Outcome::Recorded(_) => document.versions += 1,
        Outcome::Unchanged => document.unchanged += 1,
    }
    if let Outcome::Recorded(info) = outcome {
        tally.report.versions.push(*info);
    }
}

fn step(tally: &mut Tally, planned: Planned) {
    let report = &mut tally.report;
    match planned {
        Planned::Skipped => report.skipped_commits += 1,
        Planned::OutOfRange => report.snapshots_out_of_range += 1,
        Planned::Filtered => report.snapshots_filtered += 1,
        Planned::Read {
            service,
            terms_type,
            fetcher,
            legacy,
        } => {
            report.snapshots_read += 1;
            report.legacy_snapshots += usize::from(legacy);
            *report.fetchers.entry(fetcher).or_default() += 1;
            tally.document(&service, &terms_type).snapshots += 1;
        }
        Planned::Failure(failure) => tally.failure(*failure),
        Planned::Incomplete {
            service,
            terms_type,
        } => {
            report.incomplete += 1;
            tally.document(&service, &terms_type).incomplete += 1;
        }
        Planned::Job(_) => {}
    }
}

/// Extracts the terms of `job` from its snapshots (on a worker thread): each source document in
/// declared order, joined as OTA joins them.
fn extract_job(
    repo: &gix::Repository,
    job: &Job,
    options: &ExtractOptions,
) -> std::result::Result<String, Box<ReplayFailure>> {
    let mut parts = Vec::with_capacity(job.sources.len());
    for (source, document) in job.sources.iter().zip(&job.terms.source_documents) {
        let fail = |error: Error| {
            Box::new(ReplayFailure {
                date: rfc3339(source.date),
                commit: source.commit.to_string(),
                path: source.path.clone(),
                service: Some(job.service.clone()),
                terms_type: Some(job.terms_type.clone()),
                stage: if job.upgrade {
                    Stage::Upgrade
                } else {
                    Stage::Extraction
                },
                code: error.code().into(),
                message: error.to_string(),
            })
        };
        let content = repo
            .find_blob(source.blob)
            .map(|mut blob| blob.take_data())
            .map_err(|e| fail(git_failed(repo, "read blob", e)))?;
        let text =
            crate::extract::extract(&content, source.mime, document, options).map_err(&fail)?;
        parts.push(text);
    }
    Ok(parts.join(SOURCE_DOCUMENTS_SEPARATOR))
}
