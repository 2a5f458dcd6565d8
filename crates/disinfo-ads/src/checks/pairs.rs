//! Consecutive pairs: comparability, disappeared ads by class, rates, late publication, and
//! the per-country and per-advertiser tables.

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState;
use rayon::prelude::*;

use super::{Severity, cite, key_text, ratio, sorted_by_text};
use crate::collection::Collection;
use crate::model::{AdRecord, Interner, Sym};
use crate::options::AuditOptions;
use crate::report::evidence::blank;
use crate::report::{
    AdvertiserRow, CountryRow, Disappeared, EvidenceSink, PairReport, Rates, Sizes,
};

/// Why two collections cannot be compared (empty: comparable). DESIGN §5.2 check 1.
pub fn comparability(a: &Collection, b: &Collection) -> Vec<String> {
    let mut reasons = Vec::new();
    if a.meta.platform != b.meta.platform {
        reasons.push(format!(
            "platforms differ: `{}` then `{}`",
            a.meta.platform, b.meta.platform
        ));
    }
    let differences = a.meta.query.scope_differences(&b.meta.query);
    if !differences.is_empty() {
        reasons.push(format!(
            "queries differ in scope: {}",
            differences.join("; ")
        ));
    }
    for c in [a, b] {
        if c.meta.termination != crate::model::Termination::Complete {
            reasons.push(format!(
                "collection `{}` did not complete (termination `{}`)",
                c.meta.id,
                c.meta.termination.as_str()
            ));
        }
    }
    if b.collected_at < a.collected_at {
        reasons.push(format!(
            "`{}` was collected before `{}`",
            b.meta.id, a.meta.id
        ));
    }
    reasons
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Reattributed,
    Reappeared,
    Moderated,
    RetentionExpired,
    Unexplained,
}

impl Class {
    fn name(self) -> &'static str {
        match self {
            Class::Reattributed => "reattributed",
            Class::Reappeared => "reappeared",
            Class::Moderated => "moderated",
            Class::RetentionExpired => "retention_expired",
            Class::Unexplained => "unexplained",
        }
    }
}

fn add(d: &mut Disappeared, c: Class) {
    d.total += 1;
    match c {
        Class::Reattributed => d.reattributed += 1,
        Class::Reappeared => d.reappeared += 1,
        Class::Moderated => d.moderated += 1,
        Class::RetentionExpired => d.retention_expired += 1,
        Class::Unexplained => d.unexplained += 1,
    }
}

fn rates(d: &Disappeared, from: u64, to: u64) -> Rates {
    Rates {
        gross: ratio(d.total, from),
        net: if from == 0 {
            0.0
        } else {
            super::round4((from as f64 - to as f64) / from as f64)
        },
        unexplained: ratio(d.unexplained, from),
    }
}

#[derive(Default)]
struct CountryAcc {
    from: u64,
    to: u64,
    common: u64,
    disappeared: Disappeared,
}

#[derive(Default)]
struct AdvAcc {
    name: Option<Sym>,
    ads: u64,
    disappeared: u64,
    unexplained: u64,
    spend_lo: u64,
    spend_hi: Option<u64>,
    missing_payer: u64,
}

fn countries_of<'a>(ad: &'a AdRecord, fallback: &'a [Sym]) -> &'a [Sym] {
    if ad.countries.is_empty() {
        fallback
    } else {
        &ad.countries
    }
}

/// Output of [`analyse`].
#[derive(Default)]
pub struct PairTables {
    /// One row per pair.
    pub pairs: Vec<PairReport>,
    /// Per pair and country.
    pub countries: Vec<CountryRow>,
    /// Per pair and advertiser.
    pub advertisers: Vec<AdvertiserRow>,
}

/// Analyses every consecutive pair (pairs in parallel; rows and evidence in pair order).
/// `fallback[i]`: the countries of collection `i`'s query, as symbols, for ads without their own.
pub fn analyse(
    colls: &[Collection],
    interner: &Interner,
    fallback: &[Vec<Sym>],
    options: &AuditOptions,
    evidence_limit: usize,
) -> (PairTables, EvidenceSink) {
    let per_pair: Vec<(PairTables, EvidenceSink)> = (0..colls.len().saturating_sub(1))
        .into_par_iter()
        .map(|i| {
            let mut sink = EvidenceSink::new(evidence_limit);
            let tables = analyse_pair(colls, i, interner, fallback, options, &mut sink);
            (tables, sink)
        })
        .collect();
    let mut out = PairTables::default();
    let mut sink = EvidenceSink::new(evidence_limit);
    for (tables, pair_sink) in per_pair {
        out.pairs.extend(tables.pairs);
        out.countries.extend(tables.countries);
        out.advertisers.extend(tables.advertisers);
        sink.append(pair_sink);
    }
    (out, sink)
}

/// Analyses collections `i` and `i + 1`.
fn analyse_pair(
    colls: &[Collection],
    i: usize,
    interner: &Interner,
    fallback: &[Vec<Sym>],
    options: &AuditOptions,
    sink: &mut EvidenceSink,
) -> PairTables {
    let mut out = PairTables::default();
    let (a, b) = (&colls[i], &colls[i + 1]);
    let reasons = comparability(a, b);
    let comparable = reasons.is_empty();
    if !comparable {
        sink.push("ADS001", "inconclusive", Severity::Info, || {
            let mut e = blank(format!(
                "`{}` -> `{}` is inconclusive: {}",
                a.meta.id,
                b.meta.id,
                reasons.join("; ")
            ));
            e.collections = vec![a.meta.id.clone(), b.meta.id.clone()];
            e
        });
    }
    let scoped = a
        .ads
        .iter()
        .chain(b.ads.iter())
        .any(|r| r.key.scope.is_some());
    let ids_b: HashSet<Sym, RandomState> = if scoped {
        b.ads.iter().map(|r| r.key.id).collect()
    } else {
        HashSet::default()
    };
    let retention = options.retention_days(&a.meta.platform);
    let mut d = Disappeared::default();
    // Keyed by symbol while counting, sorted by text for the report.
    let mut by_country: HashMap<Sym, CountryAcc, RandomState> = HashMap::default();
    let mut by_adv: HashMap<Option<Sym>, AdvAcc, RandomState> = HashMap::default();
    let mut common = 0u64;
    // An ad without advertiser id and one with an empty id share the row of "".
    let empty = interner.get("");
    for ad in &a.ads {
        let adv_id = ad.advertiser_id.or(empty);
        let acc = by_adv.entry(adv_id).or_default();
        acc.ads += 1;
        if acc.name.is_none() {
            acc.name = ad.advertiser_name;
        }
        if !ad.states.has(crate::model::Field::Payer)
            && !matches!(
                ad.states.get(crate::model::Field::Payer),
                crate::model::FieldState::NotRequested | crate::model::FieldState::NotApplicable
            )
        {
            acc.missing_payer += 1;
        }
        let present = b.index.contains_key(&ad.key);
        for &c in countries_of(ad, &fallback[i]) {
            let ca = by_country.entry(c).or_default();
            ca.from += 1;
            if present {
                ca.common += 1;
            }
        }
        if present {
            common += 1;
            continue;
        }
        let class = if scoped && ids_b.contains(&ad.key.id) {
            Class::Reattributed
        } else if colls[i + 2..].iter().any(|c| c.index.contains_key(&ad.key)) {
            Class::Reappeared
        } else if ad.removed {
            Class::Moderated
        } else if let (Some(days), Some(last)) = (retention, ad.last_shown)
            && last.saturating_add(i64::from(days) * 86_400) < b.collected_at
        {
            Class::RetentionExpired
        } else {
            Class::Unexplained
        };
        add(&mut d, class);
        for &c in countries_of(ad, &fallback[i]) {
            add(&mut by_country.entry(c).or_default().disappeared, class);
        }
        let acc = by_adv.entry(adv_id).or_default();
        acc.disappeared += 1;
        if class == Class::Unexplained {
            acc.unexplained += 1;
        }
        match ad.spend {
            Some(s) => {
                acc.spend_lo += s.lo;
                if acc.disappeared == 1 {
                    acc.spend_hi = s.hi;
                } else {
                    acc.spend_hi = acc.spend_hi.zip(s.hi).map(|(x, y)| x + y);
                }
            }
            None => acc.spend_hi = None,
        }
        let severity = if comparable && class == Class::Unexplained {
            Severity::Violation
        } else {
            Severity::Info
        };
        let kind = if comparable {
            class.name()
        } else {
            "inconclusive"
        };
        sink.push("ADS002", kind, severity, || {
            let mut e = blank(format!(
                "in `{}`, missing from `{}` ({})",
                a.meta.id,
                b.meta.id,
                class.name().replace('_', " ")
            ));
            e.ad = Some(key_text(interner, &ad.key));
            e.collections = vec![a.meta.id.clone(), b.meta.id.clone()];
            e.observations = vec![cite(a, ad)];
            if class == Class::Reappeared
                && let Some(later) = colls[i + 2..]
                    .iter()
                    .find(|c| c.index.contains_key(&ad.key))
                && let Some(r) = later.get(&ad.key)
            {
                e.collections.push(later.meta.id.clone());
                e.observations.push(cite(later, r));
            }
            e
        });
    }
    // Added ads, per country, and late publication (check 4).
    let mut late = 0u64;
    let late_secs = i64::from(options.late_after_hours) * 3600;
    for ad in &b.ads {
        let in_a = a.index.contains_key(&ad.key);
        for &c in countries_of(ad, &fallback[i + 1]) {
            by_country.entry(c).or_default().to += 1;
        }
        if in_a {
            continue;
        }
        // An ad seen in an earlier collection is back, not late.
        if comparable
            && !colls[..i].iter().any(|c| c.index.contains_key(&ad.key))
            && let Some(first) = ad.first_shown
            && first < a.collected_at - late_secs
        {
            late += 1;
            sink.push("ADS004", "late_publication", Severity::Warning, || {
                let mut e = blank(format!(
                    "first shown {} but absent from `{}` collected {}: published late or back-filled",
                    super::time(first),
                    a.meta.id,
                    a.meta.collected_at
                ));
                e.ad = Some(key_text(interner, &ad.key));
                e.collections = vec![a.meta.id.clone(), b.meta.id.clone()];
                e.observations = vec![cite(b, ad)];
                e.delta = Some((a.collected_at - first) / 3600);
                e
            });
        }
    }
    let sizes = Sizes {
        from: a.len() as u64,
        to: b.len() as u64,
    };
    let r = rates(&d, sizes.from, sizes.to);
    out.pairs.push(PairReport {
        from: a.meta.id.clone(),
        to: b.meta.id.clone(),
        comparable,
        reasons,
        status: if comparable {
            "ok".into()
        } else {
            "inconclusive".into()
        },
        sizes,
        common,
        added: sizes.to - common,
        disappeared: d,
        rates: r,
        late_published: late,
    });
    for (country, acc) in sorted_by_text(by_country, |c| interner.resolve(c)) {
        out.countries.push(CountryRow {
            from: a.meta.id.clone(),
            to: b.meta.id.clone(),
            country: country.to_owned(),
            sizes: Sizes {
                from: acc.from,
                to: acc.to,
            },
            common: acc.common,
            added: acc.to.saturating_sub(acc.common),
            disappeared: acc.disappeared,
            rates: rates(&acc.disappeared, acc.from, acc.to),
        });
    }
    for (adv, acc) in sorted_by_text(by_adv, |adv| interner.opt(adv).unwrap_or("")) {
        out.advertisers.push(AdvertiserRow {
            from: a.meta.id.clone(),
            to: b.meta.id.clone(),
            advertiser_id: adv.to_owned(),
            advertiser_name: interner.opt(acc.name).map(str::to_owned),
            ads: acc.ads,
            disappeared: acc.disappeared,
            unexplained: acc.unexplained,
            disappeared_spend_lo: acc.spend_lo,
            disappeared_spend_hi: if acc.disappeared == 0 {
                Some(0)
            } else {
                acc.spend_hi
            },
            missing_payer: acc.missing_payer,
            missing_payer_share: ratio(acc.missing_payer, acc.ads),
        });
    }
    out
}
