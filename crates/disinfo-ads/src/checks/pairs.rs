//! Consecutive pairs: comparability, disappeared ads by class, rates, late publication, and
//! the per-country and per-advertiser tables.

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState;
use rayon::prelude::*;

use super::{Part, Severity, cite, key_text, ratio, sorted_by_text};
use crate::collection::Collection;
use crate::model::{AdRecord, Field, FieldState, Interner, Sym, Termination};
use crate::options::AuditOptions;
use crate::report::evidence::{Order, blank};
use crate::report::{
    AdvertiserRow, CountryRow, Disappeared, EvidenceSink, PairReport, Rates, Sizes,
};

/// Why two collections cannot be compared (empty: comparable): check 1.
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
        if c.meta.termination != Termination::Complete {
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

pub(crate) fn rates(d: &Disappeared, from: u64, to: u64) -> Rates {
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
    /// The order of the ad the name was taken from.
    name_at: Option<Order>,
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
    /// Per advertiser row: the order of the ad whose name it shows (the first with one).
    pub advertiser_names: Vec<Option<Order>>,
}

/// Analyses every consecutive pair (pairs in parallel; rows and evidence in pair order).
/// `fallback[i]`: the countries of collection `i`'s query, as symbols, for ads without their own.
pub fn analyse(
    colls: &[Collection],
    interner: &Interner,
    fallback: &[Vec<Sym>],
    options: &AuditOptions,
    evidence_limit: usize,
    part: Part,
) -> (PairTables, EvidenceSink) {
    let per_pair: Vec<(PairTables, EvidenceSink)> = (0..colls.len().saturating_sub(1))
        .into_par_iter()
        .map(|i| {
            let mut sink = EvidenceSink::new(evidence_limit);
            let tables = analyse_pair(colls, i, interner, fallback, options, part, &mut sink);
            (tables, sink)
        })
        .collect();
    let mut out = PairTables::default();
    let mut sink = EvidenceSink::new(evidence_limit);
    for (tables, pair_sink) in per_pair {
        out.pairs.extend(tables.pairs);
        out.countries.extend(tables.countries);
        out.advertisers.extend(tables.advertisers);
        out.advertiser_names.extend(tables.advertiser_names);
        sink.append(pair_sink);
    }
    (out, sink)
}

/// One consecutive pair being analysed: collections `i` (`a`) and `i + 1` (`b`).
struct Pair<'a> {
    colls: &'a [Collection],
    i: usize,
    a: &'a Collection,
    b: &'a Collection,
    interner: &'a Interner,
    /// The countries of each collection's query, for ads without their own.
    fallback: &'a [Vec<Sym>],
    comparable: bool,
}

/// What is counted while the ads of a pair are walked.
#[derive(Default)]
struct Counts {
    disappeared: Disappeared,
    common: u64,
    late: u64,
    // Keyed by symbol while counting, sorted by text for the report.
    by_country: HashMap<Sym, CountryAcc, RandomState>,
    by_adv: HashMap<Option<Sym>, AdvAcc, RandomState>,
}

/// Analyses collections `i` and `i + 1`: comparability (check 1), the ads of `a` (check 2:
/// present or disappeared, and why), the ads of `b` (check 4: added, late), then the tables.
fn analyse_pair(
    colls: &[Collection],
    i: usize,
    interner: &Interner,
    fallback: &[Vec<Sym>],
    options: &AuditOptions,
    part: Part,
    sink: &mut EvidenceSink,
) -> PairTables {
    let (a, b) = (&colls[i], &colls[i + 1]);
    let reasons = comparability(a, b);
    let p = Pair {
        colls,
        i,
        a,
        b,
        interner,
        fallback,
        comparable: reasons.is_empty(),
    };
    if !p.comparable && part.reports_shared_facts() {
        inconclusive(&p, &reasons, sink);
    }
    let mut counts = Counts::default();
    departures(&p, options, &mut counts, sink);
    arrivals(&p, options, &mut counts, sink);
    let (advertisers, advertiser_names) = advertiser_rows(&p, &mut counts.by_adv);
    PairTables {
        pairs: vec![pair_row(&p, reasons, &counts)],
        countries: country_rows(&p, &mut counts.by_country),
        advertisers,
        advertiser_names,
    }
}

/// Check 1: the pair cannot be compared, and why.
fn inconclusive(p: &Pair<'_>, reasons: &[String], sink: &mut EvidenceSink) {
    sink.at(Order::rank(Order::PAIRS, p.i, 0, 0));
    sink.push("ADS001", "inconclusive", Severity::Info, || {
        let mut e = blank(format!(
            "`{}` -> `{}` is inconclusive: {}",
            p.a.meta.id,
            p.b.meta.id,
            reasons.join("; ")
        ));
        e.collections = vec![p.a.meta.id.clone(), p.b.meta.id.clone()];
        e
    });
}

/// Walks the ads of `a`: per advertiser and country, present in `b` or disappeared (check 2).
fn departures(p: &Pair<'_>, options: &AuditOptions, counts: &mut Counts, sink: &mut EvidenceSink) {
    let (a, b) = (p.a, p.b);
    // Google keys pair the ad id with the advertiser: the same id elsewhere is re-attributed.
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
    // An ad without advertiser id and one with an empty id share the row of "".
    let empty = p.interner.get("");
    for ad in &a.ads {
        let adv_id = ad.advertiser_id.or(empty);
        let at = Order::record(Order::PAIRS, p.i, 1, &ad.obs);
        count_advertiser(counts.by_adv.entry(adv_id).or_default(), ad, at);
        let present = b.index.contains_key(&ad.key);
        for &c in countries_of(ad, &p.fallback[p.i]) {
            let ca = counts.by_country.entry(c).or_default();
            ca.from += 1;
            ca.common += u64::from(present);
        }
        if present {
            counts.common += 1;
            continue;
        }
        let class = if scoped && ids_b.contains(&ad.key.id) {
            Class::Reattributed
        } else {
            classify(p, ad, retention)
        };
        count_disappeared(p, counts, ad, adv_id, class);
        sink.at(at);
        disappeared_evidence(p, ad, class, sink);
    }
}

/// An ad of `a` (found at `at`) in the advertiser's row: its name, the ad, a missing payer.
fn count_advertiser(acc: &mut AdvAcc, ad: &AdRecord, at: Order) {
    acc.ads += 1;
    if acc.name.is_none() && ad.advertiser_name.is_some() {
        acc.name = ad.advertiser_name;
        acc.name_at = Some(at);
    }
    let payer = ad.states.get(Field::Payer);
    if payer != FieldState::Present
        && !matches!(payer, FieldState::NotRequested | FieldState::NotApplicable)
    {
        acc.missing_payer += 1;
    }
}

/// Why an ad of `a` missing from `b` (and not re-attributed) is gone, in the order of check 2.
fn classify(p: &Pair<'_>, ad: &AdRecord, retention: Option<u32>) -> Class {
    if p.colls[p.i + 2..]
        .iter()
        .any(|c| c.index.contains_key(&ad.key))
    {
        Class::Reappeared
    } else if ad.removed {
        Class::Moderated
    } else if let (Some(days), Some(last)) = (retention, ad.last_shown)
        && last.saturating_add(i64::from(days) * 86_400) < p.b.collected_at
    {
        Class::RetentionExpired
    } else {
        Class::Unexplained
    }
}

/// A disappeared ad in the pair's, its countries' and its advertiser's counts.
fn count_disappeared(
    p: &Pair<'_>,
    counts: &mut Counts,
    ad: &AdRecord,
    adv_id: Option<Sym>,
    class: Class,
) {
    add(&mut counts.disappeared, class);
    for &c in countries_of(ad, &p.fallback[p.i]) {
        add(
            &mut counts.by_country.entry(c).or_default().disappeared,
            class,
        );
    }
    let acc = counts.by_adv.entry(adv_id).or_default();
    acc.disappeared += 1;
    if class == Class::Unexplained {
        acc.unexplained += 1;
    }
    match ad.spend {
        Some(s) => {
            acc.spend_lo = acc.spend_lo.saturating_add(s.lo);
            if acc.disappeared == 1 {
                acc.spend_hi = s.hi;
            } else {
                acc.spend_hi = acc.spend_hi.zip(s.hi).map(|(x, y)| x.saturating_add(y));
            }
        }
        None => acc.spend_hi = None,
    }
}

/// Check 2 evidence: a violation when unexplained in a comparable pair, else context.
fn disappeared_evidence(p: &Pair<'_>, ad: &AdRecord, class: Class, sink: &mut EvidenceSink) {
    let (a, b) = (p.a, p.b);
    let severity = if p.comparable && class == Class::Unexplained {
        Severity::Violation
    } else {
        Severity::Info
    };
    let kind = if p.comparable {
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
        e.ad = Some(key_text(p.interner, &ad.key));
        e.collections = vec![a.meta.id.clone(), b.meta.id.clone()];
        e.observations = vec![cite(a, ad)];
        if class == Class::Reappeared
            && let Some(later) = p.colls[p.i + 2..]
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

/// Walks the ads of `b`: per country, and added ads first shown long before `a` was collected
/// (check 4). An ad seen in an earlier collection is back, not late.
fn arrivals(p: &Pair<'_>, options: &AuditOptions, counts: &mut Counts, sink: &mut EvidenceSink) {
    let (a, b) = (p.a, p.b);
    let late_secs = i64::from(options.late_after_hours) * 3600;
    for ad in &b.ads {
        for &c in countries_of(ad, &p.fallback[p.i + 1]) {
            counts.by_country.entry(c).or_default().to += 1;
        }
        if a.index.contains_key(&ad.key) {
            continue;
        }
        if p.comparable
            && !p.colls[..p.i].iter().any(|c| c.index.contains_key(&ad.key))
            && let Some(first) = ad.first_shown
            && first < a.collected_at - late_secs
        {
            counts.late += 1;
            sink.at(Order::record(Order::PAIRS, p.i, 2, &ad.obs));
            sink.push("ADS004", "late_publication", Severity::Warning, || {
                let mut e = blank(format!(
                    "first shown {} but absent from `{}` collected {}: published late or back-filled",
                    super::time(first),
                    a.meta.id,
                    a.meta.collected_at
                ));
                e.ad = Some(key_text(p.interner, &ad.key));
                e.collections = vec![a.meta.id.clone(), b.meta.id.clone()];
                e.observations = vec![cite(b, ad)];
                e.delta = Some((a.collected_at - first) / 3600);
                e
            });
        }
    }
}

/// The pair's row: sizes, movements, rates (check 3).
fn pair_row(p: &Pair<'_>, reasons: Vec<String>, counts: &Counts) -> PairReport {
    let sizes = Sizes {
        from: p.a.len() as u64,
        to: p.b.len() as u64,
    };
    PairReport {
        from: p.a.meta.id.clone(),
        to: p.b.meta.id.clone(),
        comparable: p.comparable,
        reasons,
        status: if p.comparable { "ok" } else { "inconclusive" }.into(),
        sizes,
        common: counts.common,
        added: sizes.to - counts.common,
        disappeared: counts.disappeared,
        rates: rates(&counts.disappeared, sizes.from, sizes.to),
        late_published: counts.late,
    }
}

fn country_rows(
    p: &Pair<'_>,
    by_country: &mut HashMap<Sym, CountryAcc, RandomState>,
) -> Vec<CountryRow> {
    sorted_by_text(by_country.drain(), |c| p.interner.resolve(c))
        .into_iter()
        .map(|(country, acc)| CountryRow {
            from: p.a.meta.id.clone(),
            to: p.b.meta.id.clone(),
            country: country.to_owned(),
            sizes: Sizes {
                from: acc.from,
                to: acc.to,
            },
            common: acc.common,
            added: acc.to.saturating_sub(acc.common),
            disappeared: acc.disappeared,
            rates: rates(&acc.disappeared, acc.from, acc.to),
        })
        .collect()
}

fn advertiser_rows(
    p: &Pair<'_>,
    by_adv: &mut HashMap<Option<Sym>, AdvAcc, RandomState>,
) -> (Vec<AdvertiserRow>, Vec<Option<Order>>) {
    let interner = p.interner;
    sorted_by_text(by_adv.drain(), |adv| interner.opt(adv).unwrap_or(""))
        .into_iter()
        .map(|(adv, acc)| {
            let row = AdvertiserRow {
                from: p.a.meta.id.clone(),
                to: p.b.meta.id.clone(),
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
            };
            (row, acc.name_at)
        })
        .unzip()
}
