//! TikTok commercial content API (`POST /v2/research/adlib/ad/query/`), response files
//! `{"data": {"ads": [{"ad": {...}, "advertiser": {...}}], "has_more": ..., "search_id": ...},
//! "error": {"code": "ok", ...}}`.
//!
//! Fields from developers.tiktok.com/doc/commercial-content-api-query-ads: `ad.id`,
//! `ad.first_shown_date` and `ad.last_shown_date` (numbers `YYYYMMDD`), `ad.status`,
//! `ad.status_statement`, `ad.videos`, `ad.image_urls`, `ad.reach` (`unique_users_seen` as a
//! bucket such as `1K-10K`, `unique_users_seen_by_country`), `advertiser.business_id`,
//! `advertiser.business_name`, `advertiser.paid_for_by`; the detail endpoint adds `ad.title`,
//! `ad_group.targeting_info`. Records that are a flat `{"id": ...}` with the same names are
//! accepted too.

use super::builder::Builder;
use super::object::{self, RawObject, Slot};
use super::values;
use super::{FileContext, FileOutput, json_records};
use crate::error::Result;
use crate::model::{Field, FieldState};

fn sub<'a>(o: &RawObject<'a>, name: &'static str) -> Option<RawObject<'a>> {
    match o.get(name) {
        Slot::Value(v) => RawObject::parse(v).ok(),
        _ => None,
    }
}

fn read_record(o: &RawObject<'_>, b: &mut Builder<'_>) -> Result<(), String> {
    let ad_owned = sub(o, "ad");
    let ad = ad_owned.as_ref().unwrap_or(o);
    let adv_owned = sub(o, "advertiser");
    let adv = adv_owned.as_ref().unwrap_or(o);
    b.ad.id = match ad.get("id") {
        Slot::Value(v) => object::text(v).map_err(|m| format!("missing id: `ad.id` {m}"))?,
        _ => return Err("missing id: the record has no `ad.id`".into()),
    };
    b.ad.advertiser_id = b.text(adv, Field::AdvertiserId, &["business_id"]);
    b.ad.advertiser_name = b.text(adv, Field::AdvertiserName, &["business_name"]);
    let payer = b.text(adv, Field::Payer, &["paid_for_by"]);
    b.payer_text(payer);
    b.set(Field::Beneficiary, FieldState::NotApplicable);
    b.ad.first_shown = b.time(ad, Field::FirstShown, &["first_shown_date"]);
    b.ad.last_shown = b.time(ad, Field::LastShown, &["last_shown_date"]);
    let title = b.text(ad, Field::Content, &["title"]);
    b.ad.content_hash = title.as_deref().and_then(|t| values::content_hash([t]));
    if b.ad.states.get(Field::Content) == FieldState::NotRequested {
        b.missing(Field::Content, &["ad.title", "title"]);
    }
    let videos = b.any(ad, Field::Media, &["videos"]);
    if videos.is_none() || !b.ad.states.has(Field::Media) {
        b.any(ad, Field::Media, &["image_urls"]);
    }
    // Removal: `status_statement` explains why an ad is no longer shown.
    let status = match ad.get("status") {
        Slot::Value(v) => object::text(v).ok(),
        _ => None,
    };
    let statement = match ad.get("status_statement") {
        Slot::Value(v) => object::text(v).ok(),
        _ => None,
    };
    let removed = status.iter().chain(statement.iter()).any(|s| {
        let s = s.to_lowercase();
        s.contains("remov")
            || s.contains("disapprov")
            || s.contains("violat")
            || s.contains("restrict")
    });
    b.ad.removed = removed;
    if removed {
        b.ad.removal_reason = statement.or(status);
        b.set(
            Field::Moderation,
            if b.ad.removal_reason.is_some() {
                FieldState::Present
            } else {
                FieldState::Null
            },
        );
    } else {
        b.set(Field::Moderation, FieldState::NotApplicable);
    }
    if let Some((raw, name)) = b.slot(ad, Field::ReachTotal, &["reach"]) {
        if raw.get().starts_with('{') {
            if let Ok(r) = RawObject::parse(raw) {
                if let Slot::Value(u) = r.get("unique_users_seen") {
                    b.ad.reach_total =
                        b.range_value(Field::ReachTotal, "reach.unique_users_seen", u);
                } else {
                    b.set(Field::ReachTotal, FieldState::Absent);
                }
                match r.get("unique_users_seen_by_country") {
                    Slot::Value(c) if c.get().starts_with('{') => {
                        if let Ok(by) = RawObject::parse(c) {
                            let mut sum = 0u64;
                            let mut any = false;
                            for (k, v) in by_entries(&by) {
                                any = true;
                                b.ad.countries.push(k.to_uppercase());
                                if let Ok(t) = object::text(v)
                                    && let Ok(rg) = values::parse_bucket(&t)
                                {
                                    sum += rg.lo;
                                }
                            }
                            if any {
                                b.present(Field::ReachByCountry);
                                b.ad.country_reach_sum = Some(sum);
                            } else {
                                b.set(Field::ReachByCountry, FieldState::Null);
                            }
                        }
                    }
                    Slot::Value(_) | Slot::Null => b.set(Field::ReachByCountry, FieldState::Null),
                    Slot::Missing => b.set(Field::ReachByCountry, FieldState::Absent),
                }
            }
        } else {
            b.ad.reach_total = b.range_value(Field::ReachTotal, name, raw);
        }
    } else {
        let st = b.ad.states.get(Field::ReachTotal);
        b.set(Field::ReachByCountry, st);
    }
    if sub(o, "ad_group").is_some() {
        b.present(Field::Targeting);
    } else {
        b.missing(Field::Targeting, &["ad_group.targeting_info"]);
    }
    for f in [
        Field::Created,
        Field::Languages,
        Field::Platforms,
        Field::Spend,
        Field::Impressions,
        Field::Audience,
        Field::Demographics,
        Field::Regions,
        Field::Currency,
        Field::Category,
    ] {
        b.set(f, FieldState::NotApplicable);
    }
    Ok(())
}

/// The members of a country map, one per country (a repeated key: the last one, as in a JSON
/// object read into a map).
fn by_entries<'a>(by: &RawObject<'a>) -> std::collections::BTreeMap<String, object::Raw<'a>> {
    by.members().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// Reads a TikTok commercial content API response file.
pub fn parse(ctx: &FileContext<'_>, bytes: &[u8]) -> Result<FileOutput> {
    Ok(json_records(ctx, bytes, read_record))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::Requested;
    use crate::model::Range;

    #[test]
    fn tiktok_response_with_reach_by_country_and_removal() {
        let text = r#"{"data":{"ads":[{"ad":{"id":104836593772645,"first_shown_date":20230101,"last_shown_date":20230110,"status":"inactive","status_statement":"Removed for violating advertising policies","reach":{"unique_users_seen":"10K-100K","unique_users_seen_by_country":{"FR":"1K-10K","DE":"10K-100K"}}},"advertiser":{"business_id":7,"business_name":"Shop","paid_for_by":"Shop SAS"}}],"has_more":false,"search_id":"x"},"error":{"code":"ok"}}"#;
        let req = Requested::default();
        let ctx = FileContext {
            file: "t.json",
            strict: true,
            requested: &req,
        };
        let out = parse(&ctx, text.as_bytes()).expect("parse");
        let a = &out.records[0].ad;
        assert_eq!(a.id, "104836593772645");
        assert!(a.removed);
        assert_eq!(a.reach_total, Some(Range::new(10_000, Some(100_000))));
        assert_eq!(a.countries, vec!["DE".to_owned(), "FR".to_owned()]);
        assert_eq!(a.payer.as_deref(), Some("Shop SAS"));
        assert_eq!(
            crate::adapters::render_position(
                out.layout,
                &crate::adapters::Position::Record { index: 0 }
            ),
            "/data/ads/0"
        );
    }
}
