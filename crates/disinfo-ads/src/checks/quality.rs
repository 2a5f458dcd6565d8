//! Checks within one collection: ranges (9), dates (10), duplicates (11), funding (12),
//! reconciliation with declared totals, pages and scope (13), reach consistency (14).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Severity, cite, cite_obs, key_text};
use crate::collection::Collection;
use crate::model::{AdRecord, Field, FieldState, Interner, Sym};
use crate::options::AuditOptions;
use crate::report::EvidenceSink;
use crate::report::evidence::blank;

// One evidence item from the parts every check has; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
fn one(
    sink: &mut EvidenceSink,
    rule: &'static str,
    kind: &str,
    severity: Severity,
    c: &Collection,
    ad: &AdRecord,
    interner: &Interner,
    field: Option<Field>,
    delta: Option<i64>,
    detail: impl FnOnce() -> String,
) {
    sink.push(rule, kind, severity, || {
        let mut e = blank(detail());
        e.ad = Some(key_text(interner, &ad.key));
        e.collections = vec![c.meta.id.clone()];
        e.observations = vec![cite(c, ad)];
        e.field = field.map(|f| f.name().to_owned());
        e.delta = delta;
        e
    });
}

const DAY: i64 = 86_400;

/// Runs the single-collection checks.
pub fn check(colls: &[Collection], interner: &Interner, options: &AuditOptions) -> EvidenceSink {
    let mut sink = EvidenceSink::new(options.evidence_limit);
    check_into(colls, interner, options, &mut sink);
    sink
}

fn check_into(
    colls: &[Collection],
    interner: &Interner,
    options: &AuditOptions,
    sink: &mut EvidenceSink,
) {
    for c in colls {
        // 9, 10: values the adapters could not read.
        for (pos, issue) in &c.issues {
            let Some(ad) = c.ads.get(*pos as usize) else {
                continue;
            };
            let (rule, severity) = match issue.code {
                "invalid_date" => ("ADS010", Severity::Warning),
                "number_as_string" => ("ADS009", Severity::Info),
                _ => match issue.field {
                    Field::Created | Field::FirstShown | Field::LastShown => {
                        ("ADS010", Severity::Warning)
                    }
                    _ => ("ADS009", Severity::Warning),
                },
            };
            one(
                sink,
                rule,
                issue.code,
                severity,
                c,
                ad,
                interner,
                Some(issue.field),
                None,
                || format!("`{}` = {}: {}", issue.native, issue.raw, issue.message),
            );
        }
        let fallback: BTreeSet<String> = c
            .meta
            .query
            .countries
            .iter()
            .map(|s| s.to_uppercase())
            .collect();
        let mut payer_advertisers: HashMap<Sym, BTreeSet<Sym>, foldhash::fast::RandomState> =
            HashMap::default();
        for ad in &c.ads {
            for (f, r) in [
                (Field::Spend, ad.spend),
                (Field::Impressions, ad.impressions),
                (Field::Audience, ad.audience),
                (Field::ReachTotal, ad.reach_total),
            ] {
                if let Some(r) = r
                    && let Some(hi) = r.hi
                    && hi < r.lo
                {
                    one(
                        sink,
                        "ADS009",
                        "lower_above_upper",
                        Severity::Warning,
                        c,
                        ad,
                        interner,
                        Some(f),
                        None,
                        || {
                            format!(
                                "`{}` lower bound {} is above upper bound {}",
                                f.name(),
                                r.lo,
                                hi
                            )
                        },
                    );
                }
            }
            // 10: order and plausibility. A date equal to the collection day is censored (still
            // running) and exempt.
            if let (Some(first), Some(last)) = (ad.first_shown, ad.last_shown)
                && last < first
            {
                one(
                    sink,
                    "ADS010",
                    "stop_before_start",
                    Severity::Warning,
                    c,
                    ad,
                    interner,
                    Some(Field::LastShown),
                    Some((last - first) / DAY),
                    || {
                        format!(
                            "last shown {} is before first shown {}",
                            super::time(last),
                            super::time(first)
                        )
                    },
                );
            }
            if let (Some(created), Some(first)) = (ad.created, ad.first_shown)
                && first + DAY < created
            {
                one(
                    sink,
                    "ADS010",
                    "shown_before_created",
                    Severity::Warning,
                    c,
                    ad,
                    interner,
                    Some(Field::FirstShown),
                    None,
                    || {
                        format!(
                            "first shown {} before created {}",
                            super::time(first),
                            super::time(created)
                        )
                    },
                );
            }
            for (f, t) in [
                (Field::Created, ad.created),
                (Field::FirstShown, ad.first_shown),
            ] {
                if let Some(t) = t
                    && t > c.collected_at + DAY
                {
                    one(
                        sink,
                        "ADS010",
                        "in_the_future",
                        Severity::Warning,
                        c,
                        ad,
                        interner,
                        Some(f),
                        Some((t - c.collected_at) / DAY),
                        || {
                            format!(
                                "`{}` {} is after the collection time {}",
                                f.name(),
                                super::time(t),
                                c.meta.collected_at
                            )
                        },
                    );
                }
            }
            // 12: payer missing or a sentinel.
            match ad.states.get(Field::Payer) {
                s @ (FieldState::Null
                | FieldState::Absent
                | FieldState::Sentinel
                | FieldState::Invalid) => {
                    one(
                        sink,
                        "ADS012",
                        "payer_missing",
                        Severity::Warning,
                        c,
                        ad,
                        interner,
                        Some(Field::Payer),
                        None,
                        || match ad.payer {
                            Some(p) => format!("payer is a placeholder: `{}`", interner.resolve(p)),
                            None => format!("payer is {}", s.name()),
                        },
                    );
                }
                FieldState::Present => {
                    if let (Some(p), Some(adv)) = (ad.payer, ad.advertiser_id) {
                        payer_advertisers.entry(p).or_default().insert(adv);
                    }
                }
                _ => {}
            }
            // 13: country leakage.
            if !fallback.is_empty()
                && !fallback.contains("ALL")
                && !ad.countries.is_empty()
                && !ad
                    .countries
                    .iter()
                    .any(|s| fallback.contains(interner.resolve(*s)))
            {
                one(
                    sink,
                    "ADS013",
                    "country_leakage",
                    Severity::Warning,
                    c,
                    ad,
                    interner,
                    Some(Field::ReachByCountry),
                    None,
                    || {
                        format!(
                            "delivered in {} but the query asked for {}",
                            ad.countries
                                .iter()
                                .map(|s| interner.resolve(*s))
                                .collect::<Vec<_>>()
                                .join(", "),
                            fallback.iter().cloned().collect::<Vec<_>>().join(", ")
                        )
                    },
                );
            }
            // 14: shares summing to 1, country reach vs total.
            let tol = options.share_tolerance;
            for (f, s) in [
                (Field::Demographics, ad.demographic_share_sum),
                (Field::Regions, ad.region_share_sum),
            ] {
                if let Some(s) = s
                    && (f64::from(s) - 1.0).abs() > tol
                {
                    one(
                        sink,
                        "ADS014",
                        "shares_not_one",
                        Severity::Warning,
                        c,
                        ad,
                        interner,
                        Some(f),
                        None,
                        || format!("`{}` percentages sum to {:.4}, not 1", f.name(), s),
                    );
                }
            }
            if let (Some(sum), Some(total)) = (ad.country_reach_sum, ad.reach_total)
                && total.hi == Some(total.lo)
                && sum != total.lo
                && (sum.abs_diff(total.lo) as f64) > tol * total.lo as f64
            {
                let delta = i64::try_from(sum).unwrap_or(i64::MAX)
                    - i64::try_from(total.lo).unwrap_or(i64::MAX);
                one(
                    sink,
                    "ADS014",
                    "country_sum_differs",
                    Severity::Warning,
                    c,
                    ad,
                    interner,
                    Some(Field::ReachByCountry),
                    Some(delta),
                    || {
                        format!(
                            "per-country reach sums to {sum}, total reach is {}",
                            total.lo
                        )
                    },
                );
            }
        }
        // 12: one payer across unrelated advertisers.
        let mut shared: Vec<(&str, &BTreeSet<Sym>)> = payer_advertisers
            .iter()
            .filter(|(_, advs)| advs.len() >= options.shared_payer_min_advertisers)
            .map(|(p, advs)| (interner.resolve(*p), advs))
            .collect();
        shared.sort();
        for (payer, advs) in shared {
            sink.push("ADS012", "payer_shared", Severity::Warning, || {
                let mut e = blank(format!(
                    "payer `{payer}` funds {} advertisers: {}",
                    advs.len(),
                    advs.iter()
                        .take(10)
                        .map(|s| interner.resolve(*s))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                e.collections = vec![c.meta.id.clone()];
                e.field = Some("payer".into());
                e
            });
        }
        // 11: duplicates, with both locators.
        for (first, obs) in &c.duplicates {
            let Some(ad) = c.ads.get(*first as usize) else {
                continue;
            };
            sink.push("ADS011", "duplicate_id", Severity::Warning, || {
                let mut e = blank(format!(
                    "id seen twice in `{}`{}",
                    c.meta.id,
                    if c.same_raw(obs, &ad.obs) {
                        " (identical records)"
                    } else {
                        " (different records)"
                    }
                ));
                e.ad = Some(key_text(interner, &ad.key));
                e.collections = vec![c.meta.id.clone()];
                e.observations = vec![cite(c, ad), cite_obs(c, obs)];
                e
            });
        }
        // 13: reconciliation.
        if let Some(declared) = c.meta.declared_totals.ads
            && declared != c.len() as u64
        {
            let delta = c.len() as i64 - i64::try_from(declared).unwrap_or(i64::MAX);
            sink.push(
                "ADS013",
                "declared_total_mismatch",
                Severity::Warning,
                || {
                    let mut e = blank(format!(
                        "declared {declared} ads, observed {} distinct ads",
                        c.len()
                    ));
                    e.collections = vec![c.meta.id.clone()];
                    e.delta = Some(delta);
                    e
                },
            );
        }
        if !c.meta.declared_totals.per_country.is_empty() {
            let mut counted: BTreeMap<String, u64> = BTreeMap::new();
            for ad in &c.ads {
                if ad.countries.is_empty() {
                    for f in &fallback {
                        *counted.entry(f.clone()).or_default() += 1;
                    }
                }
                for s in ad.countries.iter() {
                    *counted.entry(interner.resolve(*s).to_owned()).or_default() += 1;
                }
            }
            for (country, declared) in &c.meta.declared_totals.per_country {
                let seen = counted.get(&country.to_uppercase()).copied().unwrap_or(0);
                if seen != *declared {
                    sink.push(
                        "ADS013",
                        "declared_country_mismatch",
                        Severity::Warning,
                        || {
                            let mut e =
                                blank(format!("{country}: declared {declared}, observed {seen}"));
                            e.collections = vec![c.meta.id.clone()];
                            e.delta = Some(seen as i64 - *declared as i64);
                            e
                        },
                    );
                }
            }
        }
        for (file, note) in &c.notes {
            let path = c
                .files
                .get(*file as usize)
                .map(|f| f.path.clone())
                .unwrap_or_default();
            let over =
                note.code == "page_rows" && c.meta.query.page_size.is_some_and(|p| note.value > p);
            if over || note.code == "api_error" || note.code == "missing_column" {
                let kind = if over { "page_over_limit" } else { note.code };
                let page = c.meta.query.page_size.unwrap_or(0);
                sink.push("ADS013", kind, Severity::Warning, || {
                    let mut e = blank(if over {
                        format!("{} rows in a page of {page} requested", note.value)
                    } else {
                        note.message.clone()
                    });
                    e.collections = vec![c.meta.id.clone()];
                    e.observations = vec![crate::report::Cited {
                        locator: crate::model::Locator {
                            collection: c.meta.id.clone(),
                            file: path.clone(),
                            pointer: over.then(|| "/data".to_owned()),
                            line: None,
                            row: None,
                        },
                        raw_hash: None,
                        collected_at: c.meta.collected_at.clone(),
                    }];
                    e.delta = over.then(|| note.value as i64 - page as i64);
                    e
                });
            }
        }
        for r in &c.rejected {
            sink.push("ADS013", "rejected_record", Severity::Warning, || {
                let mut e = blank(format!("[{}] {}", r.code, r.message));
                e.collections = vec![c.meta.id.clone()];
                e.observations = vec![crate::report::Cited {
                    locator: r.locator.clone(),
                    raw_hash: r.raw_hash.clone(),
                    collected_at: c.meta.collected_at.clone(),
                }];
                e
            });
        }
    }
    active_subset(colls, interner, sink);
}

/// ACTIVE ⊆ ALL: an ad in an `ACTIVE` collection must be in the `ALL` collection of the same
/// platform, scope and day.
fn active_subset(colls: &[Collection], interner: &Interner, sink: &mut EvidenceSink) {
    for act in colls
        .iter()
        .filter(|c| c.meta.query.active_status.as_deref() == Some("ACTIVE"))
    {
        for all in colls
            .iter()
            .filter(|c| c.meta.query.active_status.as_deref() == Some("ALL"))
        {
            let mut sa = act.meta.query.scope();
            let mut sb = all.meta.query.scope();
            sa.active_status = None;
            sb.active_status = None;
            if act.meta.platform != all.meta.platform
                || sa != sb
                || (act.collected_at - all.collected_at).abs() > DAY
            {
                continue;
            }
            for ad in &act.ads {
                if !all.index.contains_key(&ad.key) {
                    sink.push("ADS013", "active_not_in_all", Severity::Warning, || {
                        let mut e = blank(format!(
                            "active in `{}` but missing from `{}` (ALL)",
                            act.meta.id, all.meta.id
                        ));
                        e.ad = Some(key_text(interner, &ad.key));
                        e.collections = vec![act.meta.id.clone(), all.meta.id.clone()];
                        e.observations = vec![cite(act, ad)];
                        e
                    });
                }
            }
        }
    }
}
