//! Meta Ad Library API (`ads_archive` Graph API edge), old and current field names.
//!
//! Field names come from the Graph API reference of the `ArchivedAd` object
//! (developers.facebook.com/docs/graph-api/reference/archived-ad/) and from public collection
//! code: v3.3-era dumps use `funding_entity`, `ad_creative_body`, `ad_creative_link_caption`,
//! `region_distribution`, `potential_reach` (seen e.g. in ambanum/political-ads-crowdsourcing-client
//! `app/containers/Ads/saga.js`, a May 2019 EU dump); current dumps use `bylines`,
//! `ad_creative_bodies`, `delivery_by_region`, `estimated_audience_size`, `eu_total_reach`,
//! `beneficiary_payers`, `age_country_gender_reach_breakdown`, `target_locations`, ...
//! `spend`, `impressions`, `potential_reach` are `{"lower_bound": "100", "upper_bound": "199"}`
//! with strings; a missing `upper_bound` is an open range.

use super::builder::Builder;
use super::object::{self, RawObject, Slot};
use super::values;
use super::{FileContext, FileOutput, json_records};
use crate::error::Result;
use crate::model::{Field, FieldState};

/// Native names per canonical field, in preference order (current name first, then v3.3).
pub const ALIASES: &[(Field, &[&str])] = &[
    (Field::AdvertiserId, &["page_id"]),
    (Field::AdvertiserName, &["page_name"]),
    (
        Field::Payer,
        &["bylines", "funding_entity", "beneficiary_payers"],
    ),
    (Field::Beneficiary, &["beneficiary_payers"]),
    (
        Field::Content,
        &[
            "ad_creative_bodies",
            "ad_creative_body",
            "ad_creative_link_titles",
            "ad_creative_link_title",
            "ad_creative_link_captions",
            "ad_creative_link_caption",
            "ad_creative_link_descriptions",
            "ad_creative_link_description",
        ],
    ),
    (Field::Media, &["ad_snapshot_url"]),
    (Field::Created, &["ad_creation_time"]),
    (Field::FirstShown, &["ad_delivery_start_time"]),
    (Field::LastShown, &["ad_delivery_stop_time"]),
    (
        Field::Targeting,
        &["target_locations", "target_ages", "target_gender"],
    ),
    (Field::Languages, &["languages"]),
    (Field::Platforms, &["publisher_platforms"]),
    (Field::Spend, &["spend"]),
    (Field::Impressions, &["impressions"]),
    (
        Field::Audience,
        &["estimated_audience_size", "potential_reach"],
    ),
    (Field::ReachTotal, &["eu_total_reach"]),
    (
        Field::ReachByCountry,
        &["age_country_gender_reach_breakdown"],
    ),
    (Field::Demographics, &["demographic_distribution"]),
    (
        Field::Regions,
        &["delivery_by_region", "region_distribution"],
    ),
    (Field::Currency, &["currency"]),
];

fn aliases(field: Field) -> &'static [&'static str] {
    ALIASES
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, a)| *a)
        .unwrap_or(&[])
}

const BODY: &[&str] = &[
    "ad_creative_bodies",
    "ad_creative_body",
    "ad_creative_link_titles",
    "ad_creative_link_title",
    "ad_creative_link_captions",
    "ad_creative_link_caption",
    "ad_creative_link_descriptions",
    "ad_creative_link_description",
];

/// Reads one Meta `ads_archive` record into `b`.
pub fn read_record(o: &RawObject<'_>, b: &mut Builder<'_>) -> Result<(), String> {
    let id = match o.get_any(&["id", "ad_archive_id"]).0 {
        Slot::Value(v) => object::text(v).map_err(|m| format!("missing id: `id` {m}"))?,
        _ => return Err("missing id: the record has no `id`".into()),
    };
    if values::is_blank(&id) {
        return Err("missing id: `id` is empty".into());
    }
    b.ad.id = id;
    b.ad.advertiser_id = b.text(o, Field::AdvertiserId, aliases(Field::AdvertiserId));
    b.ad.advertiser_name = b.text(o, Field::AdvertiserName, aliases(Field::AdvertiserName));

    // Payer: `bylines` (current) or `funding_entity` (v3.3), else the EU `beneficiary_payers`.
    let payer = b.text(o, Field::Payer, &["bylines", "funding_entity"]);
    let mut payer = payer;
    match o.get("beneficiary_payers") {
        Slot::Value(v) => {
            let items = object::objects(v).unwrap_or_default();
            if let Some(first) = items.first() {
                let get = |k: &'static str| match first.get(k) {
                    Slot::Value(x) => object::text(x).ok().filter(|s| !values::is_blank(s)),
                    _ => None,
                };
                if payer.is_none()
                    && let Some(p) = get("payer")
                {
                    b.present(Field::Payer);
                    payer = Some(p);
                }
                if let Some(ben) = get("beneficiary") {
                    b.present(Field::Beneficiary);
                    b.ad.beneficiary = Some(ben);
                } else {
                    b.set(Field::Beneficiary, FieldState::Null);
                }
            } else {
                b.set(Field::Beneficiary, FieldState::Null);
            }
        }
        Slot::Null => b.set(Field::Beneficiary, FieldState::Null),
        Slot::Missing => b.missing(Field::Beneficiary, &["beneficiary_payers"]),
    }
    b.payer_text(payer);

    // Content: every text part, hashed for the immutable-content check.
    let mut parts = Vec::new();
    let mut any = false;
    for name in BODY {
        if let Slot::Value(v) = o.get(name) {
            any = true;
            if let Ok(list) = object::text_list_ref(v) {
                parts.extend(list);
            }
        }
    }
    if parts.iter().any(|p| !values::is_blank(p)) {
        b.present(Field::Content);
        b.ad.content_hash = values::content_hash(parts.iter().map(|p| &**p));
    } else if any || BODY.iter().any(|n| matches!(o.get(n), Slot::Null)) {
        b.set(Field::Content, FieldState::Null);
    } else {
        b.missing(Field::Content, BODY);
    }

    b.any(o, Field::Media, aliases(Field::Media));
    b.ad.created = b.time(o, Field::Created, aliases(Field::Created));
    b.ad.first_shown = b.time(o, Field::FirstShown, aliases(Field::FirstShown));
    b.ad.last_shown = b.time(o, Field::LastShown, aliases(Field::LastShown));
    // An ad still running has no stop time: the field does not apply yet.
    if b.ad.states.get(Field::LastShown) == FieldState::Null
        || (b.ad.states.get(Field::LastShown) == FieldState::Absent && b.ad.first_shown.is_some())
    {
        b.set(Field::LastShown, FieldState::NotApplicable);
    }
    b.any(o, Field::Targeting, aliases(Field::Targeting));
    if let Slot::Value(v) = o.get("target_locations") {
        for loc in object::objects(v).unwrap_or_default() {
            let excluded = matches!(loc.get("excluded"), Slot::Value(x) if x.get() == "true");
            let is_country = matches!(loc.get("type"), Slot::Value(t) if object::text(t).is_ok_and(|t| t.starts_with("countr")));
            if let (true, Slot::Value(n)) = (excluded && is_country, loc.get("name"))
                && let Ok(name) = object::text(n)
            {
                b.ad.excluded_countries.push(name);
            }
        }
    }
    b.any(o, Field::Languages, aliases(Field::Languages));
    b.any(o, Field::Platforms, aliases(Field::Platforms));
    b.ad.spend = b.range(o, Field::Spend, aliases(Field::Spend));
    b.ad.impressions = b.range(o, Field::Impressions, aliases(Field::Impressions));
    b.ad.audience = b.range(o, Field::Audience, aliases(Field::Audience));
    b.ad.reach_total = b.range(o, Field::ReachTotal, aliases(Field::ReachTotal));
    b.ad.currency = b.text(o, Field::Currency, aliases(Field::Currency));
    b.ad.demographic_share_sum = b.shares(o, Field::Demographics, aliases(Field::Demographics));
    b.ad.region_share_sum = b.shares(o, Field::Regions, aliases(Field::Regions));

    // Reach per country (EU): `[{"country": "FR", "age_gender_breakdowns": [{"age_range":
    // "18-24", "male": 10, "female": 12, "unknown": 0}, ...]}]`.
    if let Some((raw, name)) = b.slot(o, Field::ReachByCountry, aliases(Field::ReachByCountry)) {
        match object::objects(raw) {
            Ok(items) if items.is_empty() => b.set(Field::ReachByCountry, FieldState::Null),
            Ok(items) => {
                let mut sum = 0u64;
                for it in &items {
                    if let Slot::Value(c) = it.get("country")
                        && let Ok(c) = object::text(c)
                    {
                        b.ad.countries.push(c.to_uppercase());
                    }
                    if let Slot::Value(bd) = it.get("age_gender_breakdowns") {
                        for g in object::objects(bd).unwrap_or_default() {
                            for k in ["male", "female", "unknown"] {
                                if let Slot::Value(n) = g.get(k) {
                                    sum += object::text(n)
                                        .ok()
                                        .and_then(|t| values::parse_count(&t).ok())
                                        .unwrap_or(0);
                                }
                            }
                        }
                    }
                }
                b.present(Field::ReachByCountry);
                b.ad.country_reach_sum = Some(sum);
            }
            Err(m) => b.issue(Field::ReachByCountry, "wrong_type", name, raw.get(), m),
        }
    }
    // Meta's archive carries no moderation or category per ad: those are for other platforms.
    b.set(Field::Moderation, FieldState::NotApplicable);
    b.set(Field::Category, FieldState::NotApplicable);
    Ok(())
}

/// Reads a Meta `ads_archive` JSON file (an array of ads or a paged response).
pub fn parse(ctx: &FileContext<'_>, bytes: &[u8]) -> Result<FileOutput> {
    Ok(json_records(ctx, bytes, read_record))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::Requested;

    fn read(text: &str, fields: &[&str]) -> FileOutput {
        let req = Requested::new(&fields.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let ctx = FileContext {
            file: "p.json",
            strict: false,
            requested: &req,
        };
        parse(&ctx, text.as_bytes()).expect("lenient parse")
    }

    #[test]
    fn funding_entity_and_bylines_both_fill_the_payer() {
        let out = read(
            r#"[{"id":"1","funding_entity":"Parti A"},{"id":"2","bylines":"Parti B"}]"#,
            &[],
        );
        assert_eq!(out.records[0].ad.payer.as_deref(), Some("Parti A"));
        assert_eq!(out.records[1].ad.payer.as_deref(), Some("Parti B"));
        assert!(out.records[0].ad.states.has(Field::Payer));
    }

    #[test]
    fn absent_null_and_not_requested_are_distinct() {
        let out = read(
            r#"{"data":[{"id":"1","funding_entity":null},{"id":"2"}],"paging":{}}"#,
            &["id", "funding_entity"],
        );
        let s0 = out.records[0].ad.states;
        let s1 = out.records[1].ad.states;
        assert_eq!(s0.get(Field::Payer), FieldState::Null);
        assert_eq!(s1.get(Field::Payer), FieldState::Absent);
        assert_eq!(s1.get(Field::Spend), FieldState::NotRequested);
    }

    #[test]
    fn ranges_with_string_bounds_and_open_upper_bound() {
        let out = read(
            r#"[{"id":"1","spend":{"lower_bound":"100","upper_bound":"199"},"impressions":{"lower_bound":"1000000"}}]"#,
            &[],
        );
        let ad = &out.records[0].ad;
        assert_eq!(ad.spend, Some(crate::model::Range::new(100, Some(199))));
        assert_eq!(
            ad.impressions,
            Some(crate::model::Range::new(1_000_000, None))
        );
    }

    #[test]
    fn impossible_date_is_invalid_with_an_issue() {
        let out = read(
            r#"[{"id":"1","ad_delivery_start_time":"2019-02-30T10:00:00+0000"}]"#,
            &[],
        );
        let ad = &out.records[0].ad;
        assert_eq!(ad.states.get(Field::FirstShown), FieldState::Invalid);
        assert_eq!(ad.issues[0].code, "invalid_date");
    }

    #[test]
    fn record_without_id_is_rejected_with_its_pointer() {
        let out = read(r#"{"data":[{"id":"1"},{"page_id":"2"}]}"#, &[]);
        assert_eq!(out.records.len(), 1);
        assert_eq!(out.rejected.len(), 1);
        assert_eq!(out.rejected[0].code, "missing_id");
        assert_eq!(
            crate::adapters::render_position(out.layout, &out.rejected[0].position),
            "/data/1"
        );
    }

    #[test]
    fn repeated_keys_read_as_serde_json_reads_them_the_last_one() {
        let out = read(
            r#"{"data":[{"id":"1","spend":{"lower_bound":"100","upper_bound":"199","lower_bound":"150"},"ad_creative_bodies":["first"],"funding_entity":"A","id":"2","ad_creative_bodies":["second"]}],"paging":{}}"#,
            &[],
        );
        let ad = &out.records[0].ad;
        assert_eq!(ad.id, "2");
        assert_eq!(ad.spend, Some(crate::model::Range::new(150, Some(199))));
        assert_eq!(ad.content_hash, values::content_hash(["second"]));
        assert_eq!(ad.payer.as_deref(), Some("A"));
    }

    #[test]
    fn a_repeated_data_member_keeps_the_records_of_the_last_one() {
        for text in [
            r#"{"data":[{"id":"1"},{"id":"2"}],"paging":{},"data":[{"id":"3"}]}"#,
            r#"{"data":[{"id":"1"},{"id":"2"}],"data":[{"id":"3"}]}"#,
            r#"[{"id":"1","id":"3"}]"#,
        ] {
            let out = read(text, &[]);
            let ids: Vec<&str> = out.records.iter().map(|r| r.ad.id.as_str()).collect();
            assert_eq!(ids, ["3"], "{text}");
            assert_eq!(out.read, 1, "{text}");
            assert!(out.rejected.is_empty(), "{text}");
        }
        // The record's locator is its place in the array that counts.
        let out = read(
            r#"{"data":[{"id":"1"}],"data":[{"id":"2"},{"id":"3"}]}"#,
            &[],
        );
        assert_eq!(out.records[1].index, 1);
        assert_eq!(
            crate::adapters::render_position(
                out.layout,
                &crate::adapters::Position::Record { index: 1 }
            ),
            "/data/1"
        );
    }
}
