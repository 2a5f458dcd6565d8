//! History of existing archives: consecutive versions paired with their classified diffs, and
//! summary statistics (versions per year, share of substantive changes).

use rayon::prelude::*;

use crate::diff::{DiffOptions, diff};
use crate::error::Result;
use crate::versions::changes;
use crate::versions::layout::RecordKind;
pub use crate::versions::model::{
    HistoryChange, HistoryOptions, HistoryReport, HistoryStats, PairSummary, TermsHistory,
    VersionPair,
};
use crate::versions::repo::{
    VersionInfo, VersionsRepository, read_with, release_thread_repos, with_thread_repo,
};

/// Consecutive pairs of one document diffed by one task.
const PAIRS_PER_TASK: usize = 32;

fn stats_of(versions: &[VersionInfo], changes: &[PairSummary]) -> HistoryStats {
    let mut stats = HistoryStats {
        versions: versions.len(),
        first: versions.first().map(|v| v.date.clone()),
        last: versions.last().map(|v| v.date.clone()),
        changes: changes.len(),
        ..HistoryStats::default()
    };
    for v in versions {
        *stats
            .versions_per_year
            .entry(v.date.chars().take(4).collect())
            .or_default() += 1;
        stats.technical_upgrades += usize::from(v.kind == RecordKind::TechnicalUpgrade);
    }
    for c in changes {
        *stats
            .by_classification
            .entry(c.classification.as_str().into())
            .or_default() += 1;
    }
    stats.substantive_share = share(
        stats
            .by_classification
            .get("substantive")
            .copied()
            .unwrap_or(0),
        changes.len(),
    );
    stats
}

fn share(part: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    ((part as f64 / total as f64) * 10_000.0).round() / 10_000.0
}

fn merge(into: &mut HistoryStats, other: &HistoryStats) {
    into.versions += other.versions;
    into.changes += other.changes;
    into.technical_upgrades += other.technical_upgrades;
    if other.first.is_some() && (into.first.is_none() || other.first < into.first) {
        into.first.clone_from(&other.first);
    }
    if other.last > into.last {
        into.last.clone_from(&other.last);
    }
    for (k, v) in &other.versions_per_year {
        *into.versions_per_year.entry(k.clone()).or_default() += v;
    }
    for (k, v) in &other.by_classification {
        *into.by_classification.entry(k.clone()).or_default() += v;
    }
    into.substantive_share = share(
        into.by_classification
            .get("substantive")
            .copied()
            .unwrap_or(0),
        into.changes,
    );
}

impl VersionsRepository {
    /// Consecutive pairs of versions of one document with their classified diffs, oldest first.
    pub fn pairs(
        &self,
        service: &str,
        terms_type: &str,
        options: &DiffOptions,
    ) -> Result<Vec<VersionPair>> {
        let versions = self.versions(service, terms_type)?;
        let texts = versions
            .iter()
            .map(|v| self.read_text(v))
            .collect::<Result<Vec<_>>>()?;
        Ok((1..versions.len())
            .into_par_iter()
            .map(|i| VersionPair {
                from: versions[i - 1].clone(),
                to: versions[i].clone(),
                diff: diff(&texts[i - 1], &texts[i], options),
            })
            .collect())
    }
}

/// The history of the documents of `repo` selected by `options`: versions, classified changes
/// (with reverts), statistics and the flat list of changes. Diffs run in parallel over every pair
/// of every document (rayon), each worker reading the two texts it diffs, so memory holds a few
/// texts at a time; the result does not depend on thread count.
pub fn history(repo: &VersionsRepository, options: &HistoryOptions) -> Result<HistoryReport> {
    let window = changes::Window::new(options)?;
    let mut index = repo.index()?;
    let keys = selected(repo, &mut index, options)?;
    let documents: Vec<((String, String), Vec<VersionInfo>)> = keys
        .into_iter()
        .map(|key| {
            let versions = index.terms.remove(&key).unwrap_or_default();
            (key, versions)
        })
        .collect();
    let reverts: Vec<Vec<Option<String>>> = documents
        .iter()
        .map(|(_, versions)| changes::reverts(versions))
        .collect();
    // Each task diffs a run of consecutive versions of one document, reading every text once: a
    // version is the new side of one pair and the old side of the next, and reading versions in
    // order keeps the cache of delta bases warm.
    let runs: Vec<(usize, std::ops::Range<usize>)> = documents
        .iter()
        .enumerate()
        .flat_map(|(d, (_, versions))| {
            (1..versions.len())
                .step_by(PAIRS_PER_TASK)
                .map(move |start| (d, start..(start + PAIRS_PER_TASK).min(versions.len())))
        })
        .collect();
    let shared = repo.thread_safe();
    let path = repo.path().to_path_buf();
    let summaries = runs
        .par_iter()
        .map(|(d, range)| {
            with_thread_repo(&shared, |local| {
                summarize_run(local, &path, &documents[*d].1, range.clone(), options)
            })
        })
        .collect::<Result<Vec<Vec<PairSummary>>>>();
    release_thread_repos();
    let mut summaries: Vec<PairSummary> = summaries?.into_iter().flatten().collect();
    let pair_indices = documents
        .iter()
        .enumerate()
        .flat_map(|(d, (_, versions))| (1..versions.len()).map(move |i| (d, i)));
    for (summary, (d, i)) in summaries.iter_mut().zip(pair_indices) {
        summary.reverts = reverts.get(d).and_then(|r| r.get(i)).cloned().flatten();
    }
    let mut report = HistoryReport {
        commits: index.commits,
        skipped_commits: index.skipped_commits,
        terms: Vec::with_capacity(documents.len()),
        stats: HistoryStats::default(),
        changes: Vec::new(),
    };
    let mut summaries = summaries.into_iter();
    for ((service, terms_type), versions) in documents {
        let changes: Vec<PairSummary> = summaries
            .by_ref()
            .take(versions.len().saturating_sub(1))
            .collect();
        let stats = stats_of(&versions, &changes);
        merge(&mut report.stats, &stats);
        report.terms.push(TermsHistory {
            service,
            terms_type,
            versions,
            changes,
            stats,
        });
    }
    report.changes = window.select(&report.terms);
    Ok(report)
}

/// The documents selected by `options`, by service then terms type; an unknown service or
/// document is an error with suggestions.
fn selected(
    repo: &VersionsRepository,
    index: &mut crate::versions::Index,
    options: &HistoryOptions,
) -> Result<Vec<(String, String)>> {
    let keys: Vec<(String, String)> = match (&options.service, &options.terms_type) {
        (Some(s), Some(t)) => {
            let versions = repo.take_terms(index, s, t)?;
            index.terms.insert((s.clone(), t.clone()), versions);
            vec![(s.clone(), t.clone())]
        }
        (s, t) => index
            .terms
            .keys()
            .filter(|(service, terms_type)| {
                s.as_ref().is_none_or(|s| s == service)
                    && t.as_ref().is_none_or(|t| t == terms_type)
            })
            .cloned()
            .collect(),
    };
    if keys.is_empty()
        && let Some(s) = &options.service
    {
        repo.take_terms(index, s, options.terms_type.as_deref().unwrap_or("*"))?;
    }
    Ok(keys)
}

/// The changes from version `range.start - 1` to version `range.end - 1` of one document, each
/// text read once.
fn summarize_run(
    repo: &gix::Repository,
    path: &std::path::Path,
    versions: &[VersionInfo],
    range: std::ops::Range<usize>,
    options: &HistoryOptions,
) -> Result<Vec<PairSummary>> {
    let text = |v: &VersionInfo| -> Result<String> {
        let bytes = read_with(repo, path, v)?;
        Ok(String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    };
    // Newest first: git packs store older versions as deltas of newer ones, and the cache of
    // delta bases holds each version just read, so the next older one costs one small delta.
    let mut texts = Vec::with_capacity(range.len() + 1);
    for version in versions[range.start - 1..range.end].iter().rev() {
        texts.push(text(version)?);
    }
    texts.reverse();
    let mut out = Vec::with_capacity(range.len());
    for (i, pair) in range.zip(texts.windows(2)) {
        let (from, to) = (&versions[i - 1], &versions[i]);
        let d = diff(&pair[0], &pair[1], &options.diff);
        out.push(PairSummary {
            from: from.id.clone(),
            to: to.id.clone(),
            date: to.date.clone(),
            kind: to.kind,
            classification: d.classification,
            reason: d.reason.clone(),
            changes: d.changes.len(),
            reverts: None,
            diff: options.include_diffs.then_some(d),
        });
    }
    Ok(out)
}
