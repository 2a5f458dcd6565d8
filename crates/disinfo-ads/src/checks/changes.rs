//! Changes of the same ad between consecutive collections: a field dropped (check 6), an
//! immutable field changed (7), a cumulative figure going down (8), the payer changed (12).

use super::{Severity, cite, key_text};
use crate::collection::Collection;
use crate::model::{AdRecord, Field, FieldState, Interner, Range};
use crate::report::EvidenceSink;
use crate::report::evidence::{Order, blank};
use rayon::prelude::*;

// One evidence item from the parts every check has; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
fn ev(
    sink: &mut EvidenceSink,
    rule: &'static str,
    kind: &str,
    severity: Severity,
    ctx: (&Collection, &AdRecord, &Collection, &AdRecord, &Interner),
    field: Field,
    delta: Option<i64>,
    detail: impl FnOnce() -> String,
) {
    let (a, ra, b, rb, interner) = ctx;
    sink.push(rule, kind, severity, || {
        let mut e = blank(detail());
        e.ad = Some(key_text(interner, &ra.key));
        e.collections = vec![a.meta.id.clone(), b.meta.id.clone()];
        e.observations = vec![cite(a, ra), cite(b, rb)];
        e.field = Some(field.name().to_owned());
        e.delta = delta;
        e
    });
}

fn lo_delta(x: Option<Range>, y: Option<Range>) -> Option<i64> {
    let (x, y) = (x?, y?);
    (y.lo < x.lo)
        .then(|| i64::try_from(y.lo).unwrap_or(i64::MAX) - i64::try_from(x.lo).unwrap_or(i64::MAX))
}

/// Runs the checks over the ads common to each consecutive pair (pairs in parallel, evidence
/// in pair order).
pub fn check(colls: &[Collection], interner: &Interner, evidence_limit: usize) -> EvidenceSink {
    let per_pair: Vec<EvidenceSink> = colls
        .par_windows(2)
        .enumerate()
        .map(|(i, w)| {
            let mut sink = EvidenceSink::new(evidence_limit);
            check_pair(i, &w[0], &w[1], interner, &mut sink);
            sink
        })
        .collect();
    let mut sink = EvidenceSink::new(evidence_limit);
    for s in per_pair {
        sink.append(s);
    }
    sink
}

fn check_pair(
    pair: usize,
    a: &Collection,
    b: &Collection,
    interner: &Interner,
    sink: &mut EvidenceSink,
) {
    for ra in &a.ads {
        let Some(rb) = b.get(&ra.key) else { continue };
        sink.at(Order::record(Order::CHANGES, pair, 0, &ra.obs));
        let ctx = (a, ra, b, rb, interner);
        for f in Field::ALL {
            if ra.states.has(f) && matches!(rb.states.get(f), FieldState::Null | FieldState::Absent)
            {
                ev(
                    sink,
                    "ADS006",
                    "field_dropped",
                    Severity::Warning,
                    ctx,
                    f,
                    None,
                    || {
                        format!(
                            "`{}` present in `{}`, {} in `{}`",
                            f.name(),
                            a.meta.id,
                            rb.states.get(f).name(),
                            b.meta.id
                        )
                    },
                );
            }
        }
        let times = [
            (Field::Created, ra.created, rb.created),
            (Field::FirstShown, ra.first_shown, rb.first_shown),
        ];
        for (f, x, y) in times {
            if let (Some(x), Some(y)) = (x, y)
                && x != y
            {
                ev(
                    sink,
                    "ADS007",
                    "immutable_changed",
                    Severity::Warning,
                    ctx,
                    f,
                    Some(y - x),
                    || {
                        format!(
                            "`{}` changed from {} to {}",
                            f.name(),
                            super::time(x),
                            super::time(y)
                        )
                    },
                );
            }
        }
        if let (Some(x), Some(y)) = (ra.content_hash, rb.content_hash)
            && x != y
        {
            ev(
                sink,
                "ADS007",
                "immutable_changed",
                Severity::Warning,
                ctx,
                Field::Content,
                None,
                || {
                    format!(
                        "the ad's content changed between `{}` and `{}`",
                        a.meta.id, b.meta.id
                    )
                },
            );
        }
        if let (Some(x), Some(y)) = (ra.advertiser_id, rb.advertiser_id)
            && x != y
        {
            ev(
                sink,
                "ADS007",
                "immutable_changed",
                Severity::Warning,
                ctx,
                Field::AdvertiserId,
                None,
                || {
                    format!(
                        "advertiser changed from `{}` to `{}`",
                        interner.resolve(x),
                        interner.resolve(y)
                    )
                },
            );
        }
        for (f, x, y) in [
            (Field::Spend, ra.spend, rb.spend),
            (Field::Impressions, ra.impressions, rb.impressions),
            (Field::ReachTotal, ra.reach_total, rb.reach_total),
        ] {
            if let Some(delta) = lo_delta(x, y) {
                ev(
                    sink,
                    "ADS008",
                    "cumulative_decreased",
                    Severity::Warning,
                    ctx,
                    f,
                    Some(delta),
                    || {
                        format!(
                            "cumulative `{}` went down by {} (lower bound {} -> {})",
                            f.name(),
                            -delta,
                            x.map_or(0, |r| r.lo),
                            y.map_or(0, |r| r.lo)
                        )
                    },
                );
            }
        }
        if let (Some(x), Some(y)) = (ra.payer, rb.payer)
            && x != y
        {
            ev(
                sink,
                "ADS012",
                "payer_changed",
                Severity::Warning,
                ctx,
                Field::Payer,
                None,
                || {
                    format!(
                        "payer changed from `{}` to `{}`",
                        interner.resolve(x),
                        interner.resolve(y)
                    )
                },
            );
        }
    }
}
