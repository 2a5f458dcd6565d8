//! Google Ads Transparency Center records (BigQuery public dataset
//! `bigquery-public-data.google_ads_transparency_center.creative_stats`, exported as JSON
//! Lines or a JSON array).
//!
//! Columns of that table: `advertiser_id`, `creative_id`, `creative_page_url`,
//! `ad_format_type`, `advertiser_disclosed_name`, `advertiser_legal_name`,
//! `advertiser_location`, `advertiser_verification_status`, `topic`,
//! `is_funded_by_google_ad_grants`, `region_stats` (per region: `region_code`, `first_shown`,
//! `last_shown`, `times_shown_lower_bound`, `times_shown_upper_bound`, ...),
//! `audience_selection_approach_info`. Key: creative id scoped by advertiser id.

use super::builder::Builder;
use super::object::{self, RawObject, Slot};
use super::values;
use super::{FileContext, FileOutput, json_records};
use crate::error::Result;
use crate::model::{Field, FieldState, Range};

fn read_record(o: &RawObject<'_>, b: &mut Builder<'_>) -> Result<(), String> {
    b.ad.id = match o.get("creative_id") {
        Slot::Value(v) => object::text(v).map_err(|m| format!("missing id: `creative_id` {m}"))?,
        _ => return Err("missing id: the record has no `creative_id`".into()),
    };
    b.ad.advertiser_id = b.text(o, Field::AdvertiserId, &["advertiser_id"]);
    b.ad.scope = b.ad.advertiser_id.clone();
    b.ad.advertiser_name = b.text(
        o,
        Field::AdvertiserName,
        &["advertiser_legal_name", "advertiser_disclosed_name"],
    );
    let payer = b.text(
        o,
        Field::Payer,
        &["advertiser_disclosed_name", "advertiser_legal_name"],
    );
    b.payer_text(payer);
    b.set(Field::Beneficiary, FieldState::NotApplicable);
    if let Some(url) = b.text(o, Field::Media, &["creative_page_url"]) {
        b.ad.content_hash = values::content_hash([url.as_str()]);
    }
    b.set(Field::Content, b.ad.states.get(Field::Media));
    b.text(o, Field::Category, &["topic", "ad_format_type"]);
    b.any(o, Field::Targeting, &["audience_selection_approach_info"]);
    if let Some((raw, name)) = b.slot(o, Field::ReachByCountry, &["region_stats"]) {
        match object::objects(raw) {
            Ok(regions) if regions.is_empty() => b.set(Field::ReachByCountry, FieldState::Null),
            Ok(regions) => {
                let (mut first, mut last): (Option<i64>, Option<i64>) = (None, None);
                let (mut lo, mut hi, mut open) = (0u64, 0u64, false);
                for r in &regions {
                    if let Slot::Value(c) = r.get("region_code")
                        && let Ok(c) = object::text(c)
                    {
                        b.ad.countries.push(c.to_uppercase());
                    }
                    let t = |k: &'static str| match r.get(k) {
                        Slot::Value(v) => object::text(v)
                            .ok()
                            .and_then(|s| values::parse_time(&s).ok()),
                        _ => None,
                    };
                    if let Some(f) = t("first_shown") {
                        first = Some(first.map_or(f, |x| x.min(f)));
                    }
                    if let Some(l) = t("last_shown") {
                        last = Some(last.map_or(l, |x| x.max(l)));
                    }
                    let n = |k: &'static str| match r.get(k) {
                        Slot::Value(v) => object::text(v)
                            .ok()
                            .and_then(|s| values::parse_count(&s).ok()),
                        _ => None,
                    };
                    lo += n("times_shown_lower_bound").unwrap_or(0);
                    match n("times_shown_upper_bound") {
                        Some(h) => hi += h,
                        None => open = true,
                    }
                }
                b.present(Field::ReachByCountry);
                b.ad.first_shown = first;
                b.ad.last_shown = last;
                b.set(
                    Field::FirstShown,
                    if first.is_some() {
                        FieldState::Present
                    } else {
                        FieldState::Null
                    },
                );
                b.set(
                    Field::LastShown,
                    if last.is_some() {
                        FieldState::Present
                    } else {
                        FieldState::Null
                    },
                );
                b.ad.impressions = Some(Range::new(lo, (!open).then_some(hi)));
                b.present(Field::Impressions);
            }
            Err(m) => b.issue(Field::ReachByCountry, "wrong_type", name, raw.get(), m),
        }
    }
    for f in [
        Field::Created,
        Field::Languages,
        Field::Platforms,
        Field::Spend,
        Field::Currency,
        Field::Audience,
        Field::ReachTotal,
        Field::Demographics,
        Field::Regions,
    ] {
        b.set(f, FieldState::Absent);
    }
    b.set(Field::Moderation, FieldState::NotApplicable);
    Ok(())
}

/// Reads Google Ads Transparency Center records.
pub fn parse(ctx: &FileContext<'_>, bytes: &[u8]) -> Result<FileOutput> {
    Ok(json_records(ctx, bytes, read_record))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::Requested;

    #[test]
    fn atc_record_with_region_stats() {
        let text = r#"{"advertiser_id":"AR1","creative_id":"CR1","advertiser_disclosed_name":"Brand","region_stats":[{"region_code":"FR","first_shown":"2024-01-02","last_shown":"2024-02-01","times_shown_lower_bound":1000,"times_shown_upper_bound":2000}]}"#;
        let req = Requested::default();
        let ctx = FileContext {
            file: "atc.jsonl",
            strict: true,
            requested: &req,
        };
        let out = parse(&ctx, text.as_bytes()).expect("parse");
        let a = &out.records[0].ad;
        assert_eq!((a.id.as_str(), a.scope.as_deref()), ("CR1", Some("AR1")));
        assert_eq!(a.impressions, Some(Range::new(1000, Some(2000))));
        assert_eq!(a.countries, vec!["FR".to_owned()]);
    }
}
