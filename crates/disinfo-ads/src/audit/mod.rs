//! The audit: load collections, run every check, assemble the report.
//!
//! - [`notes`]: what the reader must know about the input (nothing to compare, query keys not
//!   understood, credentials dropped).
//! - [`partitioned`]: the same audit split by ad key into shards (Dask, Spark), and their merge.

pub mod notes;
pub mod partitioned;

use std::path::Path;

use crate::checks::Part;
use crate::checks::quality::Tally;
use crate::checks::{changes, coverage, pairs, quality, regimes};
use crate::collection::{self, Collection, LoadOptions, Progress};
use crate::error::{Error, Result};
use crate::model::{CollectionMeta, Interner, Sym};
pub use crate::options::AuditOptions;
use crate::report::evidence::Order;
use crate::report::{AuditReport, CollectionSummary, EvidenceSink};

/// Checks the options the checks cannot check themselves (names of regimes, tolerances).
fn validate(options: &AuditOptions) -> Result<()> {
    for r in &options.regimes {
        regimes::regime(r)?;
    }
    if !(0.0..=1.0).contains(&options.share_tolerance) {
        return Err(Error::arg("share_tolerance", "must be between 0 and 1"));
    }
    Ok(())
}

/// Audits loaded collections (in the order given: oldest first).
pub fn audit(
    colls: &[Collection],
    interner: &mut Interner,
    options: &AuditOptions,
) -> Result<AuditReport> {
    let run = run(colls, interner, options, Part::Whole)?;
    let mut report = run.report;
    (report.findings, report.violations, report.evidence) = run.sink.finish();
    Ok(report)
}

/// What the checks found: the report without its findings, which are in `sink`; for a shard,
/// what the merge needs besides.
struct Run {
    report: AuditReport,
    sink: EvidenceSink,
    /// Per advertiser row, the order of the ad whose name it shows.
    advertiser_names: Vec<Option<Order>>,
    /// Per collection (shards only): what the whole-collection checks need.
    tallies: Vec<Tally>,
}

/// Runs the checks of `part` over loaded collections.
fn run(
    colls: &[Collection],
    interner: &mut Interner,
    options: &AuditOptions,
    part: Part,
) -> Result<Run> {
    validate(options)?;
    let mut ids = std::collections::HashSet::new();
    for c in colls {
        if !ids.insert(c.meta.id.as_str()) {
            return Err(Error::arg(
                "collections",
                format!("collection id `{}` is used twice", c.meta.id),
            ));
        }
    }
    let regimes: Vec<_> = options
        .regimes
        .iter()
        .map(|r| regimes::regime(r))
        .collect::<Result<_>>()?;
    // Query countries stand for the countries of ads that carry none (`??` in the pair tables
    // when the query named none).
    let query_countries: Vec<Vec<Sym>> = colls
        .iter()
        .map(|c| {
            c.meta
                .query
                .countries
                .iter()
                .map(|s| interner.intern(&s.to_uppercase()))
                .collect()
        })
        .collect();
    let unknown_country = interner.intern("??");
    let pair_fallback: Vec<Vec<Sym>> = query_countries
        .iter()
        .map(|q| {
            if q.is_empty() {
                vec![unknown_country]
            } else {
                q.clone()
            }
        })
        .collect();
    let interner: &Interner = interner;
    let limit = options.evidence_limit;
    // The checks run side by side; their evidence is appended in the order pairs, coverage,
    // changes, quality, as if they had run one after the other.
    let ((tables, mut sink), ((coverage, coverage_sink), (changes_sink, quality_sink))) =
        rayon::join(
            || pairs::analyse(colls, interner, &pair_fallback, options, limit, part),
            || {
                rayon::join(
                    || coverage::check(colls, interner, &query_countries, &regimes, limit),
                    || {
                        rayon::join(
                            || changes::check(colls, interner, limit),
                            || quality::check(colls, interner, options, part),
                        )
                    },
                )
            },
        );
    let (quality_sink, tallies) = quality_sink;
    sink.append(coverage_sink);
    sink.append(changes_sink);
    sink.append(quality_sink);
    // The evidence cites records by the hash of bytes read back from the files.
    for c in colls {
        c.check_unchanged()?;
    }
    let collections = colls
        .iter()
        .map(|c| CollectionSummary {
            id: c.meta.id.clone(),
            platform: c.meta.platform.clone(),
            collected_at: c.meta.collected_at.clone(),
            termination: c.meta.termination.as_str().to_owned(),
            files: c.files.clone(),
            read: c.read,
            accepted: c.files.iter().map(|f| f.accepted).sum(),
            rejected: c.rejected.len() as u64,
            duplicates: c.duplicates.len() as u64,
            unique_ads: c.len() as u64,
            declared_total: c.meta.declared_totals.ads,
        })
        .collect();
    let report = AuditReport {
        library: format!("disinfo-ads {}", env!("CARGO_PKG_VERSION")),
        regimes: options.regimes.clone(),
        collections,
        notes: notes::notes(colls),
        pairs: tables.pairs,
        countries: tables.countries,
        advertisers: tables.advertisers,
        coverage,
        findings: Vec::new(),
        violations: 0,
        evidence: Vec::new(),
        rejected: colls
            .iter()
            .flat_map(|c| c.rejected.iter().cloned())
            .collect(),
    };
    Ok(Run {
        report,
        sink,
        advertiser_names: tables.advertiser_names,
        tallies,
    })
}

/// Loads collection folders (each with `collection.json`, or with `metas[i]` when given) and
/// audits them in the order given.
pub fn audit_dirs(
    dirs: &[&Path],
    metas: Option<Vec<CollectionMeta>>,
    options: &AuditOptions,
    progress: Option<&(dyn Fn(usize, Progress) + Sync)>,
) -> Result<AuditReport> {
    let (colls, mut interner) = load_dirs(dirs, metas, options, None, progress)?;
    audit(&colls, &mut interner, options)
}

/// Loads collection folders in the order given (with `metas[i]` when given), keeping the ads of
/// `shard` only when one is given.
pub(crate) fn load_dirs(
    dirs: &[&Path],
    metas: Option<Vec<CollectionMeta>>,
    options: &AuditOptions,
    shard: Option<collection::Shard>,
    progress: Option<&(dyn Fn(usize, Progress) + Sync)>,
) -> Result<(Vec<Collection>, Interner)> {
    if dirs.is_empty() {
        return Err(Error::arg(
            "collections",
            "give at least one collection folder",
        ));
    }
    if let Some(m) = &metas
        && m.len() != dirs.len()
    {
        return Err(Error::arg(
            "metas",
            format!("{} metadata objects for {} folders", m.len(), dirs.len()),
        ));
    }
    let mut interner = Interner::new();
    let load = LoadOptions {
        strict: options.strict,
        shard,
    };
    let mut metas = metas.map(|m| m.into_iter());
    let mut colls = Vec::with_capacity(dirs.len());
    for (i, dir) in dirs.iter().enumerate() {
        let meta = metas.as_mut().and_then(Iterator::next);
        let cb = progress.map(|p| move |pr: Progress| p(i, pr));
        let cb_ref: Option<&(dyn Fn(Progress) + Sync)> = cb.as_ref().map(|f| f as _);
        colls.push(collection::load_dir(
            dir,
            meta,
            &load,
            &mut interner,
            cb_ref,
        )?);
    }
    Ok((colls, interner))
}
