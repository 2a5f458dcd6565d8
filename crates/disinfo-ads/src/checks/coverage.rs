//! Mandatory fields per regime (DESIGN §5.2 check 5): coverage tables per collection and
//! country, and a finding per ad and missing field. `not_requested` is the collector's choice,
//! not the platform's fault: it is counted but never a violation.

use std::collections::BTreeMap;

use super::regimes::Regime;
use super::{Severity, cite, key_text, ratio};
use crate::collection::Collection;
use crate::model::{FieldState, Interner, Sym};
use crate::report::evidence::blank;
use crate::report::{CoverageRow, EvidenceSink};

fn state_for(regime: &Regime, removed: bool, s: FieldState) -> FieldState {
    if regime.removed_only && !removed {
        FieldState::NotApplicable
    } else {
        s
    }
}

fn row(
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

/// Coverage rows for every collection and regime; findings for missing mandatory fields.
pub fn check(
    colls: &[Collection],
    interner: &mut Interner,
    regimes: &[&Regime],
    sink: &mut EvidenceSink,
) -> Vec<CoverageRow> {
    let mut rows = Vec::new();
    for c in colls {
        let fallback: Vec<Sym> = c
            .meta
            .query
            .countries
            .iter()
            .map(|s| interner.intern(&s.to_uppercase()))
            .collect();
        let interner: &Interner = interner;
        for regime in regimes {
            let mut overall = vec![[0u64; 7]; regime.fields.len()];
            let mut per_country: BTreeMap<&str, Vec<[u64; 7]>> = BTreeMap::new();
            for ad in &c.ads {
                let countries: &[Sym] = if ad.countries.is_empty() {
                    &fallback
                } else {
                    &ad.countries
                };
                for (k, field) in regime.fields.iter().enumerate() {
                    let s = state_for(regime, ad.removed, ad.states.get(*field));
                    overall[k][s as usize] += 1;
                    for &country in countries {
                        per_country
                            .entry(interner.resolve(country))
                            .or_insert_with(|| vec![[0u64; 7]; regime.fields.len()])[k]
                            [s as usize] += 1;
                    }
                    if matches!(
                        s,
                        FieldState::Null
                            | FieldState::Absent
                            | FieldState::Sentinel
                            | FieldState::Invalid
                    ) {
                        let kind = format!("{}:{}", regime.name, field.name());
                        sink.push("ADS005", &kind, Severity::Violation, || {
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
            for (country, counts) in per_country {
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
        }
    }
    rows
}
