//! Mandatory fields per regime (check 5, rule ADS005): coverage tables per collection and
//! country, and a finding per ad and missing field. `not_requested` is the collector's choice,
//! not the platform's fault: it is counted but never a violation.

use std::collections::{BTreeMap, HashMap};

use foldhash::fast::RandomState;
use rayon::prelude::*;

use super::regimes::Regime;
use super::{Severity, cite, key_text, ratio, sorted_by_text};
use crate::collection::Collection;
use crate::model::{FieldState, Interner, Sym};
use crate::report::evidence::{Order, blank};
use crate::report::{CoverageRow, EvidenceSink};

fn state_for(regime: &Regime, removed: bool, s: FieldState) -> FieldState {
    if regime.removed_only && !removed {
        FieldState::NotApplicable
    } else {
        s
    }
}

pub(crate) fn row(
    collection: &str,
    regime: &Regime,
    field: &str,
    country: Option<String>,
    counts: &[u64; 7],
) -> CoverageRow {
    let total: u64 = counts.iter().sum();
    let states: BTreeMap<String, u64> = FieldState::ALL
        .iter()
        .zip(counts)
        .map(|(s, n)| (s.name().to_owned(), *n))
        .collect();
    // Not applicable and not requested say nothing about the repository: out of the ratio.
    let applicable = total
        - counts[FieldState::NotApplicable as usize]
        - counts[FieldState::NotRequested as usize];
    CoverageRow {
        collection: collection.to_owned(),
        regime: regime.name.to_owned(),
        field: field.to_owned(),
        country,
        total,
        states,
        coverage: (applicable > 0).then(|| ratio(counts[FieldState::Present as usize], applicable)),
    }
}

/// Coverage rows for every collection and regime (collections in parallel); findings for
/// missing mandatory fields. `query_countries[i]`: collection `i`'s query countries as symbols.
pub fn check(
    colls: &[Collection],
    interner: &Interner,
    query_countries: &[Vec<Sym>],
    regimes: &[&Regime],
    evidence_limit: usize,
) -> (Vec<CoverageRow>, EvidenceSink) {
    let per_collection: Vec<(Vec<CoverageRow>, EvidenceSink)> = colls
        .par_iter()
        .zip(query_countries)
        .enumerate()
        .map(|(i, (c, fallback))| {
            let mut sink = EvidenceSink::new(evidence_limit);
            let rows = regimes
                .iter()
                .enumerate()
                .flat_map(|(r, regime)| {
                    let unit = Unit {
                        collection: i,
                        regime: r as u32,
                    };
                    check_collection(c, unit, interner, fallback, regime, &mut sink)
                })
                .collect();
            (rows, sink)
        })
        .collect();
    let mut rows = Vec::new();
    let mut sink = EvidenceSink::new(evidence_limit);
    for (r, s) in per_collection {
        rows.extend(r);
        sink.append(s);
    }
    (rows, sink)
}

/// The collection's place in the audit and the regime's in the options (the order of findings).
#[derive(Clone, Copy)]
struct Unit {
    collection: usize,
    regime: u32,
}

fn check_collection(
    c: &Collection,
    unit: Unit,
    interner: &Interner,
    fallback: &[Sym],
    regime: &Regime,
    sink: &mut EvidenceSink,
) -> Vec<CoverageRow> {
    let mut rows = Vec::new();
    let kinds: Vec<String> = regime
        .fields
        .iter()
        .map(|f| format!("{}:{}", regime.name, f.name()))
        .collect();
    let mut overall = vec![[0u64; 7]; regime.fields.len()];
    let mut per_country: HashMap<Sym, Vec<[u64; 7]>, RandomState> = HashMap::default();
    for ad in &c.ads {
        let countries: &[Sym] = if ad.countries.is_empty() {
            fallback
        } else {
            &ad.countries
        };
        sink.at(Order::record(
            Order::COVERAGE,
            unit.collection,
            unit.regime,
            &ad.obs,
        ));
        for (k, field) in regime.fields.iter().enumerate() {
            let s = state_for(regime, ad.removed, ad.states.get(*field));
            overall[k][s as usize] += 1;
            for &country in countries {
                per_country
                    .entry(country)
                    .or_insert_with(|| vec![[0u64; 7]; regime.fields.len()])[k][s as usize] += 1;
            }
            if matches!(
                s,
                FieldState::Null | FieldState::Absent | FieldState::Sentinel | FieldState::Invalid
            ) {
                sink.push("ADS005", &kinds[k], Severity::Violation, || {
                    let mut e = blank(format!(
                        "`{}` is {} in `{}`; required by {}",
                        field.name(),
                        s.name(),
                        c.meta.id,
                        regime.article
                    ));
                    e.article = Some(regime.article.to_owned());
                    e.ad = Some(key_text(interner, &ad.key));
                    e.collections = vec![c.meta.id.clone()];
                    e.observations = vec![cite(c, ad)];
                    e.field = Some(field.name().to_owned());
                    e
                });
            }
        }
    }
    for (k, field) in regime.fields.iter().enumerate() {
        rows.push(row(&c.meta.id, regime, field.name(), None, &overall[k]));
    }
    for (country, counts) in sorted_by_text(per_country, |c| interner.resolve(c)) {
        for (k, field) in regime.fields.iter().enumerate() {
            rows.push(row(
                &c.meta.id,
                regime,
                field.name(),
                Some(country.to_owned()),
                &counts[k],
            ));
        }
    }
    rows
}
