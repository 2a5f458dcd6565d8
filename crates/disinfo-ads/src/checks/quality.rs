//! Checks within one collection: ranges (9), dates (10), duplicates (11), funding (12),
//! reconciliation with declared totals, pages and scope (13), reach consistency (14).
//! One function per check; `check_collection` runs them per ad, then over the collection.
//!
//! Two checks need every ad of a collection at once: a payer shared by many advertisers and the
//! declared totals. They run on a [`Tally`] of the collection, which an audit split by ad key
//! sums over its shards before running them ([`shared_payers`], [`declared_totals`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::{Part, Severity, cite, cite_obs, key_text};
use crate::collection::Collection;
use crate::model::{AdRecord, DeclaredTotals, Field, FieldState, Interner, Locator, Sym};
use crate::options::AuditOptions;
use crate::report::evidence::{Order, blank};
use crate::report::{Cited, Evidence, EvidenceSink};

const DAY: i64 = 86_400;

/// Steps of a collection's checks, in the order they report (see [`Order`]).
const STEP_VALUES: u32 = 0;
const STEP_ADS: u32 = 1;
const STEP_PAYERS: u32 = 2;
const STEP_DUPLICATES: u32 = 3;
const STEP_TOTALS: u32 = 4;
const STEP_PAGES: u32 = 5;
const STEP_REJECTED: u32 = 6;

/// What the whole-collection checks need to know of a collection's ads, summable over shards.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Tally {
    /// Payer -> the advertisers it funds (ads with a usable payer and an advertiser id).
    pub payers: BTreeMap<String, BTreeSet<String>>,
    /// Ads per country (the query's countries for ads without their own), counted only when
    /// the collection declares totals per country.
    pub countries: BTreeMap<String, u64>,
    /// Distinct ads.
    pub ads: u64,
}

impl Tally {
    /// Adds `other`'s counts.
    pub fn add(&mut self, other: Tally) {
        for (payer, advertisers) in other.payers {
            self.payers.entry(payer).or_default().extend(advertisers);
        }
        for (country, n) in other.countries {
            *self.countries.entry(country).or_default() += n;
        }
        self.ads += other.ads;
    }
}

/// What every check of one collection writes with: the collection, the interner, the sink.
struct Ctx<'a> {
    c: &'a Collection,
    /// The collection's place in the audit.
    unit: usize,
    interner: &'a Interner,
    sink: &'a mut EvidenceSink,
}

/// The parts of a finding about one ad besides the ad itself.
struct About<'a> {
    rule: &'static str,
    kind: &'a str,
    field: Option<Field>,
    delta: Option<i64>,
}

impl<'a> About<'a> {
    fn new(rule: &'static str, kind: &'a str, field: Field) -> Self {
        About {
            rule,
            kind,
            field: Some(field),
            delta: None,
        }
    }

    fn delta(self, delta: i64) -> Self {
        About {
            delta: Some(delta),
            ..self
        }
    }
}

impl Ctx<'_> {
    /// A finding about `ad`, cited with its observation.
    fn ad(
        &mut self,
        ad: &AdRecord,
        about: About<'_>,
        severity: Severity,
        detail: impl FnOnce() -> String,
    ) {
        let (c, interner) = (self.c, self.interner);
        self.sink.push(about.rule, about.kind, severity, || {
            let mut e = blank(detail());
            e.ad = Some(key_text(interner, &ad.key));
            e.collections = vec![c.meta.id.clone()];
            e.observations = vec![cite(c, ad)];
            e.field = about.field.map(|f| f.name().to_owned());
            e.delta = about.delta;
            e
        });
    }

    /// The `rank`-th finding of `step` about the collection as a whole.
    fn collection(
        &mut self,
        (step, rank): (u32, usize),
        rule: &'static str,
        kind: &str,
        make: impl FnOnce() -> Evidence,
    ) {
        self.sink
            .at(Order::rank(Order::QUALITY, self.unit, step, rank));
        collection_finding(self.sink, &self.c.meta.id, rule, kind, make);
    }
}

/// A warning about collection `id` as a whole.
fn collection_finding(
    sink: &mut EvidenceSink,
    id: &str,
    rule: &'static str,
    kind: &str,
    make: impl FnOnce() -> Evidence,
) {
    sink.push(rule, kind, Severity::Warning, || {
        let mut e = make();
        e.collections = vec![id.to_owned()];
        e
    });
}

/// Runs the single-collection checks (`part`: all of them, or a shard's part, whose tallies
/// it returns, one per collection).
pub fn check(
    colls: &[Collection],
    interner: &Interner,
    options: &AuditOptions,
    part: Part,
) -> (EvidenceSink, Vec<Tally>) {
    let mut sink = EvidenceSink::new(options.evidence_limit);
    let mut tallies = Vec::new();
    for (unit, c) in colls.iter().enumerate() {
        let mut ctx = Ctx {
            c,
            unit,
            interner,
            sink: &mut sink,
        };
        let tally = check_collection(&mut ctx, options, part);
        if part != Part::Whole {
            tallies.push(tally);
        }
    }
    active_subset(colls, interner, &mut sink);
    (sink, tallies)
}

/// The checks of one collection, per ad first, then over the collection.
fn check_collection(ctx: &mut Ctx<'_>, options: &AuditOptions, part: Part) -> Tally {
    let c = ctx.c;
    value_issues(ctx);
    let query_countries: BTreeSet<String> = c
        .meta
        .query
        .countries
        .iter()
        .map(|s| s.to_uppercase())
        .collect();
    let mut payer_advertisers: HashMap<Sym, BTreeSet<Sym>, foldhash::fast::RandomState> =
        HashMap::default();
    for ad in &c.ads {
        ctx.sink
            .at(Order::record(Order::QUALITY, ctx.unit, STEP_ADS, &ad.obs));
        inverted_ranges(ctx, ad);
        impossible_dates(ctx, ad);
        if let Some(payer) = missing_payer(ctx, ad)
            && let Some(adv) = ad.advertiser_id
        {
            payer_advertisers.entry(payer).or_default().insert(adv);
        }
        country_leakage(ctx, ad, &query_countries);
        reach_sums(ctx, ad, options.share_tolerance);
    }
    let tally = tally(ctx, payer_advertisers, &query_countries);
    if part == Part::Whole {
        shared_payers(
            ctx.sink,
            ctx.unit,
            &c.meta.id,
            &tally.payers,
            options.shared_payer_min_advertisers,
        );
    }
    duplicates(ctx);
    if part == Part::Whole {
        declared_totals(
            ctx.sink,
            ctx.unit,
            &c.meta.id,
            &c.meta.declared_totals,
            &tally,
        );
    }
    if part.reports_shared_facts() {
        page_notes(ctx);
        rejected(ctx);
    }
    tally
}

/// The collection's [`Tally`]: payers by text, ads per country when totals per country are
/// declared.
fn tally(
    ctx: &Ctx<'_>,
    payer_advertisers: HashMap<Sym, BTreeSet<Sym>, foldhash::fast::RandomState>,
    query_countries: &BTreeSet<String>,
) -> Tally {
    let (c, interner) = (ctx.c, ctx.interner);
    let payers = payer_advertisers
        .into_iter()
        .map(|(payer, advs)| {
            let advs = advs.into_iter().map(|a| interner.resolve(a).to_owned());
            (interner.resolve(payer).to_owned(), advs.collect())
        })
        .collect();
    let mut countries: BTreeMap<String, u64> = BTreeMap::new();
    if !c.meta.declared_totals.per_country.is_empty() {
        for ad in &c.ads {
            if ad.countries.is_empty() {
                for f in query_countries {
                    *countries.entry(f.clone()).or_default() += 1;
                }
            }
            for s in ad.countries.iter() {
                *countries
                    .entry(interner.resolve(*s).to_owned())
                    .or_default() += 1;
            }
        }
    }
    Tally {
        payers,
        countries,
        ads: c.len() as u64,
    }
}

/// 9, 10: values the adapters could not read (impossible dates, bad buckets, wrong types).
fn value_issues(ctx: &mut Ctx<'_>) {
    let c = ctx.c;
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
        ctx.sink.at(Order::record(
            Order::QUALITY,
            ctx.unit,
            STEP_VALUES,
            &ad.obs,
        ));
        ctx.ad(
            ad,
            About::new(rule, issue.code, issue.field),
            severity,
            || format!("`{}` = {}: {}", issue.native, issue.raw, issue.message),
        );
    }
}

/// 9: a range whose upper bound is below its lower bound.
fn inverted_ranges(ctx: &mut Ctx<'_>, ad: &AdRecord) {
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
            let about = About::new("ADS009", "lower_above_upper", f);
            ctx.ad(ad, about, Severity::Warning, || {
                format!(
                    "`{}` lower bound {} is above upper bound {}",
                    f.name(),
                    r.lo,
                    hi
                )
            });
        }
    }
}

/// 10: dates out of order or in the future. A date on the collection day is censored (the ad
/// still runs) and exempt.
fn impossible_dates(ctx: &mut Ctx<'_>, ad: &AdRecord) {
    if let (Some(first), Some(last)) = (ad.first_shown, ad.last_shown)
        && last < first
    {
        let about = About::new("ADS010", "stop_before_start", Field::LastShown);
        ctx.ad(
            ad,
            about.delta((last - first) / DAY),
            Severity::Warning,
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
        let about = About::new("ADS010", "shown_before_created", Field::FirstShown);
        ctx.ad(ad, about, Severity::Warning, || {
            format!(
                "first shown {} before created {}",
                super::time(first),
                super::time(created)
            )
        });
    }
    let collected_at = ctx.c.collected_at;
    for (f, t) in [
        (Field::Created, ad.created),
        (Field::FirstShown, ad.first_shown),
    ] {
        if let Some(t) = t
            && t > collected_at + DAY
        {
            let about = About::new("ADS010", "in_the_future", f).delta((t - collected_at) / DAY);
            let at = &ctx.c.meta.collected_at;
            ctx.ad(ad, about, Severity::Warning, || {
                format!(
                    "`{}` {} is after the collection time {at}",
                    f.name(),
                    super::time(t),
                )
            });
        }
    }
}

/// 12: the payer is missing or a placeholder. Returns the payer when it is usable.
fn missing_payer(ctx: &mut Ctx<'_>, ad: &AdRecord) -> Option<Sym> {
    match ad.states.get(Field::Payer) {
        s
        @ (FieldState::Null | FieldState::Absent | FieldState::Sentinel | FieldState::Invalid) => {
            let interner = ctx.interner;
            let about = About::new("ADS012", "payer_missing", Field::Payer);
            ctx.ad(ad, about, Severity::Warning, || match ad.payer {
                Some(p) => format!("payer is a placeholder: `{}`", interner.resolve(p)),
                None => format!("payer is {}", s.name()),
            });
            None
        }
        FieldState::Present => ad.payer,
        _ => None,
    }
}

/// 13: an ad delivered only in countries the query did not ask for.
fn country_leakage(ctx: &mut Ctx<'_>, ad: &AdRecord, query_countries: &BTreeSet<String>) {
    let interner = ctx.interner;
    if query_countries.is_empty()
        || query_countries.contains("ALL")
        || ad.countries.is_empty()
        || ad
            .countries
            .iter()
            .any(|s| query_countries.contains(interner.resolve(*s)))
    {
        return;
    }
    let about = About::new("ADS013", "country_leakage", Field::ReachByCountry);
    ctx.ad(ad, about, Severity::Warning, || {
        format!(
            "delivered in {} but the query asked for {}",
            ad.countries
                .iter()
                .map(|s| interner.resolve(*s))
                .collect::<Vec<_>>()
                .join(", "),
            query_countries
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
}

/// 14: shares that do not sum to 1, per-country reach that does not add up to the total.
fn reach_sums(ctx: &mut Ctx<'_>, ad: &AdRecord, tolerance: f64) {
    for (f, s) in [
        (Field::Demographics, ad.demographic_share_sum),
        (Field::Regions, ad.region_share_sum),
    ] {
        if let Some(s) = s
            && (f64::from(s) - 1.0).abs() > tolerance
        {
            ctx.ad(
                ad,
                About::new("ADS014", "shares_not_one", f),
                Severity::Warning,
                || format!("`{}` percentages sum to {:.4}, not 1", f.name(), s),
            );
        }
    }
    if let (Some(sum), Some(total)) = (ad.country_reach_sum, ad.reach_total)
        && total.hi == Some(total.lo)
        && sum != total.lo
        && (sum.abs_diff(total.lo) as f64) > tolerance * total.lo as f64
    {
        let delta =
            i64::try_from(sum).unwrap_or(i64::MAX) - i64::try_from(total.lo).unwrap_or(i64::MAX);
        let about = About::new("ADS014", "country_sum_differs", Field::ReachByCountry);
        ctx.ad(ad, about.delta(delta), Severity::Warning, || {
            format!(
                "per-country reach sums to {sum}, total reach is {}",
                total.lo
            )
        });
    }
}

/// 12: one payer across at least `min_advertisers` advertisers (payers in text order, their
/// first ten advertisers in text order).
pub fn shared_payers(
    sink: &mut EvidenceSink,
    unit: usize,
    id: &str,
    payers: &BTreeMap<String, BTreeSet<String>>,
    min_advertisers: usize,
) {
    let shared = payers
        .iter()
        .filter(|(_, advs)| advs.len() >= min_advertisers);
    for (rank, (payer, advs)) in shared.enumerate() {
        sink.at(Order::rank(Order::QUALITY, unit, STEP_PAYERS, rank));
        collection_finding(sink, id, "ADS012", "payer_shared", || {
            let mut e = blank(format!(
                "payer `{payer}` funds {} advertisers: {}",
                advs.len(),
                advs.iter()
                    .take(10)
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            e.field = Some("payer".into());
            e
        });
    }
}

/// 11: an id seen twice, with both locators.
fn duplicates(ctx: &mut Ctx<'_>) {
    let (c, interner) = (ctx.c, ctx.interner);
    for (first, obs) in &c.duplicates {
        let Some(ad) = c.ads.get(*first as usize) else {
            continue;
        };
        ctx.sink.at(Order::record(
            Order::QUALITY,
            ctx.unit,
            STEP_DUPLICATES,
            obs,
        ));
        collection_finding(ctx.sink, &c.meta.id, "ADS011", "duplicate_id", || {
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
            e.observations = vec![cite(c, ad), cite_obs(c, obs)];
            e
        });
    }
}

/// 13: the totals the platform declared against the ads observed, overall and per country
/// (ads without countries of their own count under the query's).
pub fn declared_totals(
    sink: &mut EvidenceSink,
    unit: usize,
    id: &str,
    declared: &DeclaredTotals,
    tally: &Tally,
) {
    let mut rank = 0;
    let mut report = |sink: &mut EvidenceSink, kind: &str, e: Evidence| {
        sink.at(Order::rank(Order::QUALITY, unit, STEP_TOTALS, rank));
        rank += 1;
        collection_finding(sink, id, "ADS013", kind, || e);
    };
    if let Some(total) = declared.ads
        && total != tally.ads
    {
        let mut e = blank(format!(
            "declared {total} ads, observed {} distinct ads",
            tally.ads
        ));
        e.delta = Some(signed(tally.ads) - signed(total));
        report(sink, "declared_total_mismatch", e);
    }
    for (country, total) in &declared.per_country {
        let seen = tally
            .countries
            .get(&country.to_uppercase())
            .copied()
            .unwrap_or(0);
        if seen != *total {
            let mut e = blank(format!("{country}: declared {total}, observed {seen}"));
            e.delta = Some(signed(seen) - signed(*total));
            report(sink, "declared_country_mismatch", e);
        }
    }
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// 13: what the files said about themselves: a page with more rows than requested, an API
/// error in a response, a CSV column missing.
fn page_notes(ctx: &mut Ctx<'_>) {
    let c = ctx.c;
    let page = c.meta.query.page_size;
    for (rank, (file, note)) in c.notes.iter().enumerate() {
        let over = note.code == "page_rows" && page.is_some_and(|p| note.value > p);
        if !(over || note.code == "api_error" || note.code == "missing_column") {
            continue;
        }
        let path = c
            .files
            .get(*file as usize)
            .map(|f| f.path.clone())
            .unwrap_or_default();
        let kind = if over { "page_over_limit" } else { note.code };
        let page = page.unwrap_or(0);
        ctx.collection((STEP_PAGES, rank), "ADS013", kind, || {
            let mut e = blank(if over {
                format!("{} rows in a page of {page} requested", note.value)
            } else {
                note.message.clone()
            });
            e.observations = vec![Cited {
                locator: Locator {
                    collection: c.meta.id.clone(),
                    file: path,
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

/// 13: what could not be read (lenient mode), with its locator.
fn rejected(ctx: &mut Ctx<'_>) {
    let c = ctx.c;
    for (rank, r) in c.rejected.iter().enumerate() {
        ctx.collection((STEP_REJECTED, rank), "ADS013", "rejected_record", || {
            let mut e = blank(format!("[{}] {}", r.code, r.message));
            e.observations = vec![Cited {
                locator: r.locator.clone(),
                raw_hash: r.raw_hash.clone(),
                collected_at: c.meta.collected_at.clone(),
            }];
            e
        });
    }
}

/// 13: ACTIVE ⊆ ALL: an ad in an `ACTIVE` collection must be in the `ALL` collection of the
/// same platform, scope and day.
fn active_subset(colls: &[Collection], interner: &Interner, sink: &mut EvidenceSink) {
    let with_status = |status: &'static str| {
        colls
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.meta.query.active_status.as_deref() == Some(status))
    };
    for (unit, act) in with_status("ACTIVE") {
        for (step, all) in with_status("ALL") {
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
                    sink.at(Order::record(Order::ACTIVE, unit, step as u32, &ad.obs));
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
