//! The audit split by ad key, for engines that spread work over processes and machines (Dask,
//! Spark): shard `i` of `n` reads every file but keeps only the ads whose native id hashes to
//! `i` ([`crate::collection::Shard`]), runs every check on them and hands over an
//! [`AuditShard`]; [`merge`] sums the shards into the report one process gives.
//!
//! Why the numbers are the same: every check but two looks at one ad key at a time (the same
//! id in every collection lands in the same shard), so its counts add up over shards. The two
//! that need a whole collection (a payer shared by many advertisers, the declared totals) run in
//! the merge on [`Tally`]s summed over shards. Ratios are recomputed from the summed counts.
//! The files' own facts (sizes, hashes, rejected records, page notes) are the same in every
//! shard and taken from the first. Evidence: each shard keeps the first `evidence_limit` items
//! of each rule and kind with their [`Order`], and the merge keeps the first `evidence_limit`
//! of all shards by that order: the items one process keeps.
//!
//! ```no_run
//! use disinfo_ads::api::CollectionArg;
//! use disinfo_ads::audit::partitioned::{audit_shard, merge};
//!
//! let collections: Vec<CollectionArg> = vec![
//!     std::path::PathBuf::from("fr/day-1").into(),
//!     std::path::PathBuf::from("fr/day-2").into(),
//! ];
//! let options = Default::default();
//! let shards = (0..4)
//!     .map(|i| audit_shard(&collections, i, 4, &options))
//!     .collect::<Result<Vec<_>, _>>()?;
//! let report = merge(shards)?;
//! println!("{} violations", report.violations);
//! # Ok::<(), disinfo_ads::Error>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AuditOptions, Part, load_dirs, run};
use crate::checks::quality::{self, Tally};
use crate::checks::{coverage, pairs, ratio, regimes};
use crate::collection::Shard;
use crate::collection::args::{CollectionArg, collection_dirs};
use crate::error::{Error, Result};
use crate::model::{DeclaredTotals, FieldState};
use crate::report::evidence::{FindingGroup, Order};
use crate::report::{
    AdvertiserRow, AuditReport, CountryRow, CoverageRow, Disappeared, EvidenceSink,
};

/// What shard `shard` of `shards` found: the report of its ads and what the merge needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AuditShard {
    /// This shard, below `shards`.
    pub shard: u32,
    /// Number of shards.
    pub shards: u32,
    /// The audit's options (the same in every shard).
    pub options: AuditOptions,
    /// The report of this shard's ads: per collection, the files and their counts are the
    /// whole collection's (every shard reads every file), the duplicates and distinct ads this
    /// shard's; pairs, countries, advertisers and coverage count this shard's ads; findings,
    /// violations and evidence are empty (see `groups`); rejected records and notes are listed
    /// by the first shard only.
    pub report: AuditReport,
    /// Findings per rule and kind, with the order of each evidence item kept.
    pub groups: Vec<FindingGroup>,
    /// Per row of `report.advertisers`: the order of the ad whose name the row shows.
    pub advertiser_names: Vec<Option<Order>>,
    /// Per collection: what the whole-collection checks need of this shard's ads.
    pub tallies: Vec<Tally>,
    /// Per collection: the totals it declares.
    pub declared: Vec<DeclaredTotals>,
}

/// Audits the ads of shard `shard` of `shards` (ads split by native id) of `collections`,
/// oldest first.
pub fn audit_shard(
    collections: &[CollectionArg],
    shard: u32,
    shards: u32,
    options: &AuditOptions,
) -> Result<AuditShard> {
    if shards == 0 || shard >= shards {
        return Err(Error::arg(
            "shard",
            format!("shard {shard} of {shards}: give 0 <= shard < shards"),
        ));
    }
    let (dirs, metas) = collection_dirs(collections)?;
    let dirs: Vec<&std::path::Path> = dirs.iter().map(|d| d.as_path()).collect();
    let own = Shard {
        index: shard,
        count: shards,
    };
    let (colls, mut interner) = load_dirs(&dirs, metas, options, Some(own), None)?;
    let part = Part::Shard { first: shard == 0 };
    let run = run(&colls, &mut interner, options, part)?;
    let mut report = run.report;
    if !part.reports_shared_facts() {
        report.rejected.clear();
        report.notes.clear();
    }
    Ok(AuditShard {
        shard,
        shards,
        options: options.clone(),
        report,
        groups: run.sink.into_groups(),
        advertiser_names: run.advertiser_names,
        tallies: run.tallies,
        declared: colls
            .iter()
            .map(|c| c.meta.declared_totals.clone())
            .collect(),
    })
}

fn mismatch(message: impl Into<String>) -> Error {
    Error::arg("shards", message)
}

/// Merges the shards of one audit (every shard once, in any order) into its report.
pub fn merge(mut shards: Vec<AuditShard>) -> Result<AuditReport> {
    check_shards(&mut shards)?;
    let mut shards = shards.into_iter();
    let Some(first) = shards.next() else {
        return Err(mismatch("give at least one shard"));
    };
    let options = first.options.clone();
    let declared = first.declared.clone();
    let mut merged = Merged::new(&first);
    merged.add(first)?;
    for shard in shards {
        merged.add(shard)?;
    }
    merged.finish(&options, &declared)
}

/// Every shard of `0..n` exactly once, of the same audit (options, collections, pairs).
fn check_shards(shards: &mut [AuditShard]) -> Result<()> {
    shards.sort_by_key(|s| s.shard);
    let n = shards.len();
    let Some(first) = shards.first() else {
        return Err(mismatch("give at least one shard"));
    };
    if first.shards as usize != n {
        return Err(mismatch(format!(
            "the audit has {} shards, {n} were given",
            first.shards
        )));
    }
    let ids = |s: &AuditShard| -> Vec<String> {
        s.report.collections.iter().map(|c| c.id.clone()).collect()
    };
    for (i, s) in shards.iter().enumerate() {
        if s.shard as usize != i || s.shards != first.shards {
            return Err(mismatch(format!(
                "shard {} of {} given where shard {i} of {n} was expected (each shard once)",
                s.shard, s.shards
            )));
        }
        if s.options != first.options {
            return Err(mismatch(format!(
                "shard {i} was audited with other options than shard 0"
            )));
        }
        let pairs = |s: &AuditShard| -> Vec<(String, String)> {
            let p = s.report.pairs.iter();
            p.map(|p| (p.from.clone(), p.to.clone())).collect()
        };
        let consistent = ids(s) == ids(first)
            && pairs(s) == pairs(first)
            && s.tallies.len() == first.report.collections.len()
            && s.declared.len() == first.report.collections.len()
            && s.declared == first.declared
            && s.advertiser_names.len() == s.report.advertisers.len();
        if !consistent {
            return Err(mismatch(format!(
                "shard {i} is not a shard of the same collections as shard 0"
            )));
        }
    }
    Ok(())
}

/// The shards summed so far.
struct Merged {
    report: AuditReport,
    groups: Vec<Vec<FindingGroup>>,
    tallies: Vec<Tally>,
    countries: BTreeMap<(usize, String), CountryRow>,
    advertisers: BTreeMap<(usize, String), (AdvertiserRow, Option<Order>)>,
    /// Where a coverage row goes -> its counts per field state.
    coverage: BTreeMap<CoverageKey, [u64; 7]>,
}

/// A coverage row's place: collection, regime, country (`None`, the whole collection, first),
/// field, each as its index in the report's order.
type CoverageKey = (usize, usize, Option<String>, usize);

impl Merged {
    fn new(first: &AuditShard) -> Self {
        let mut merged = Merged {
            report: AuditReport {
                countries: Vec::new(),
                advertisers: Vec::new(),
                coverage: Vec::new(),
                ..first.report.clone()
            },
            groups: Vec::new(),
            tallies: vec![Tally::default(); first.tallies.len()],
            countries: BTreeMap::new(),
            advertisers: BTreeMap::new(),
            coverage: BTreeMap::new(),
        };
        for pair in &mut merged.report.pairs {
            pair.sizes = Default::default();
            pair.common = 0;
            pair.disappeared = Disappeared::default();
            pair.late_published = 0;
        }
        for c in &mut merged.report.collections {
            c.duplicates = 0;
            c.unique_ads = 0;
        }
        merged
    }

    /// Adds a shard's counts (rows keyed by the pair, advertiser, country and field they are
    /// about; a row about a pair or collection the audit does not have is refused).
    fn add(&mut self, shard: AuditShard) -> Result<()> {
        let AuditShard {
            report,
            groups,
            advertiser_names,
            tallies,
            options,
            ..
        } = shard;
        for (into, c) in self.report.collections.iter_mut().zip(&report.collections) {
            into.duplicates += c.duplicates;
            into.unique_ads += c.unique_ads;
        }
        for (into, p) in self.report.pairs.iter_mut().zip(&report.pairs) {
            into.sizes.from += p.sizes.from;
            into.sizes.to += p.sizes.to;
            into.common += p.common;
            add_disappeared(&mut into.disappeared, &p.disappeared);
            into.late_published += p.late_published;
        }
        let pairs: Vec<(String, String)> = (report.pairs.iter())
            .map(|p| (p.from.clone(), p.to.clone()))
            .collect();
        let pair_of = |from: &str, to: &str| {
            pairs
                .iter()
                .position(|p| p.0 == from && p.1 == to)
                .ok_or_else(|| {
                    mismatch(format!(
                        "a shard's row names a pair `{from}` -> `{to}` the audit does not have"
                    ))
                })
        };
        for row in report.countries {
            let key = (pair_of(&row.from, &row.to)?, row.country.clone());
            match self.countries.get_mut(&key) {
                Some(into) => {
                    into.sizes.from += row.sizes.from;
                    into.sizes.to += row.sizes.to;
                    into.common += row.common;
                    add_disappeared(&mut into.disappeared, &row.disappeared);
                }
                None => {
                    self.countries.insert(key, row);
                }
            }
        }
        for (row, name_at) in report.advertisers.into_iter().zip(advertiser_names) {
            let key = (pair_of(&row.from, &row.to)?, row.advertiser_id.clone());
            match self.advertisers.get_mut(&key) {
                Some((into, into_at)) => {
                    add_advertiser(into, &row);
                    if name_at.is_some() && (into_at.is_none() || name_at < *into_at) {
                        into.advertiser_name = row.advertiser_name;
                        *into_at = name_at;
                    }
                }
                None => {
                    self.advertisers.insert(key, (row, name_at));
                }
            }
        }
        for row in &report.coverage {
            let key = coverage_key(row, &self.report, &options).ok_or_else(|| {
                mismatch(format!(
                    "a shard's coverage row names a collection, regime or field the audit does not check (`{}`, `{}`, `{}`)",
                    row.collection, row.regime, row.field
                ))
            })?;
            let counts = self.coverage.entry(key).or_insert([0; 7]);
            for (n, state) in counts.iter_mut().zip(FieldState::ALL) {
                *n += row.states.get(state.name()).copied().unwrap_or(0);
            }
        }
        for (into, t) in self.tallies.iter_mut().zip(tallies) {
            into.add(t);
        }
        self.groups.push(groups);
        Ok(())
    }

    fn finish(
        mut self,
        options: &AuditOptions,
        declared: &[DeclaredTotals],
    ) -> Result<AuditReport> {
        for pair in &mut self.report.pairs {
            pair.added = pair.sizes.to.saturating_sub(pair.common);
            pair.rates = pairs::rates(&pair.disappeared, pair.sizes.from, pair.sizes.to);
        }
        self.report.countries = self
            .countries
            .into_values()
            .map(|mut row| {
                row.added = row.sizes.to.saturating_sub(row.common);
                row.rates = pairs::rates(&row.disappeared, row.sizes.from, row.sizes.to);
                row
            })
            .collect();
        self.report.advertisers = self
            .advertisers
            .into_values()
            .map(|(mut row, _)| {
                row.missing_payer_share = ratio(row.missing_payer, row.ads);
                row
            })
            .collect();
        self.report.coverage = coverage_rows(&self.coverage, &self.report, options)?;
        let mut sink = EvidenceSink::new(options.evidence_limit);
        for groups in self.groups {
            sink.merge_groups(groups)
                .ok_or_else(|| mismatch("a shard reports a rule the catalogue does not know"))?;
        }
        for (unit, ((c, tally), declared)) in self
            .report
            .collections
            .iter()
            .zip(&self.tallies)
            .zip(declared)
            .enumerate()
        {
            quality::shared_payers(
                &mut sink,
                unit,
                &c.id,
                &tally.payers,
                options.shared_payer_min_advertisers,
            );
            quality::declared_totals(&mut sink, unit, &c.id, declared, tally);
        }
        (
            self.report.findings,
            self.report.violations,
            self.report.evidence,
        ) = sink.finish();
        Ok(self.report)
    }
}

fn add_disappeared(into: &mut Disappeared, d: &Disappeared) {
    into.total += d.total;
    into.reattributed += d.reattributed;
    into.reappeared += d.reappeared;
    into.moderated += d.moderated;
    into.retention_expired += d.retention_expired;
    into.unexplained += d.unexplained;
}

fn add_advertiser(into: &mut AdvertiserRow, row: &AdvertiserRow) {
    into.ads += row.ads;
    into.disappeared += row.disappeared;
    into.unexplained += row.unexplained;
    into.disappeared_spend_lo = into
        .disappeared_spend_lo
        .saturating_add(row.disappeared_spend_lo);
    // Open or unknown in one shard: open or unknown overall.
    into.disappeared_spend_hi = into
        .disappeared_spend_hi
        .zip(row.disappeared_spend_hi)
        .map(|(x, y)| x.saturating_add(y));
    into.missing_payer += row.missing_payer;
}

/// Where a shard's coverage row goes; `None` for a row naming a collection, regime or field
/// the audit does not check (a shard cannot make one up).
fn coverage_key(
    row: &CoverageRow,
    report: &AuditReport,
    options: &AuditOptions,
) -> Option<CoverageKey> {
    let collection = (report.collections.iter()).position(|c| c.id == row.collection)?;
    let r = options.regimes.iter().position(|r| *r == row.regime)?;
    let regime = regimes::regime(&row.regime).ok()?;
    let f = regime.fields.iter().position(|f| f.name() == row.field)?;
    Some((collection, r, row.country.clone(), f))
}

/// The coverage rows in the report's order: per collection and regime, the whole collection's
/// rows, then each country's (by name), fields in the regime's order.
fn coverage_rows(
    counts: &BTreeMap<CoverageKey, [u64; 7]>,
    report: &AuditReport,
    options: &AuditOptions,
) -> Result<Vec<CoverageRow>> {
    let mut rows = Vec::with_capacity(counts.len());
    for ((c, r, country, f), counts) in counts {
        // The keys were made from these lists (`coverage_key`).
        let unknown = || mismatch("a coverage row lost its collection, regime or field");
        let collection = report.collections.get(*c).ok_or_else(unknown)?;
        let regime = regimes::regime(options.regimes.get(*r).ok_or_else(unknown)?)?;
        let field = regime.fields.get(*f).ok_or_else(unknown)?.name();
        rows.push(coverage::row(
            &collection.id,
            regime,
            field,
            country.clone(),
            counts,
        ));
    }
    Ok(rows)
}
