//! The toolkit's neutral JSON Lines form: one ad per line, canonical field names.
//!
//! ```json
//! {"id": "1", "scope": null, "advertiser_id": "p1", "advertiser_name": "Page",
//!  "payer": "Party", "beneficiary": null, "bodies": ["text"], "media": "https://...",
//!  "created": "2024-01-01T00:00:00Z", "first_shown": "...", "last_shown": null,
//!  "spend": {"lo": 100, "hi": 199}, "currency": "EUR", "impressions": {"lo": 1000},
//!  "audience": null, "reach_total": {"lo": 5000, "hi": 5000}, "countries": ["FR"],
//!  "removed": false, "removal_reason": null, "category": "political"}
//! ```
//! Numbers must be numbers here: a number written as a string is accepted but reported
//! (`number_as_string`).

use super::builder::Builder;
use super::object::{self, RawObject, Slot};
use super::values;
use super::{FileContext, FileOutput, json_records};
use crate::error::Result;
use crate::model::{Field, FieldState};

fn range(
    b: &mut Builder<'_>,
    o: &RawObject<'_>,
    field: Field,
    name: &'static str,
) -> Option<crate::model::Range> {
    if let Slot::Value(v) = o.get(name)
        && v.get().starts_with('{')
        && let Ok(r) = RawObject::parse(v)
    {
        for k in ["lo", "hi"] {
            if let Slot::Value(x) = r.get(k)
                && x.get().starts_with('"')
            {
                b.ad.issues.push(super::ValueIssue {
                    field,
                    code: "number_as_string",
                    native: format!("{name}.{k}"),
                    raw: x.get().to_owned(),
                    message: "a number written as a string".into(),
                });
            }
        }
    }
    b.range(o, field, &[name])
}

fn read_record(o: &RawObject<'_>, b: &mut Builder<'_>) -> Result<(), String> {
    b.ad.id = match o.get("id") {
        Slot::Value(v) => object::text(v).map_err(|m| format!("missing id: `id` {m}"))?,
        _ => return Err("missing id: the record has no `id`".into()),
    };
    if let Slot::Value(v) = o.get("scope") {
        b.ad.scope = object::text(v).ok();
    }
    b.ad.advertiser_id = b.text(o, Field::AdvertiserId, &["advertiser_id"]);
    b.ad.advertiser_name = b.text(o, Field::AdvertiserName, &["advertiser_name"]);
    let payer = b.text(o, Field::Payer, &["payer"]);
    b.payer_text(payer);
    b.ad.beneficiary = b.text(o, Field::Beneficiary, &["beneficiary"]);
    if let Some(bodies) = b.texts(o, Field::Content, &["bodies"]) {
        b.ad.content_hash = values::content_hash(bodies.iter().map(String::as_str));
    }
    b.any(o, Field::Media, &["media"]);
    b.ad.created = b.time(o, Field::Created, &["created"]);
    b.ad.first_shown = b.time(o, Field::FirstShown, &["first_shown"]);
    b.ad.last_shown = b.time(o, Field::LastShown, &["last_shown"]);
    b.any(o, Field::Targeting, &["targeting"]);
    b.any(o, Field::Languages, &["languages"]);
    b.any(o, Field::Platforms, &["platforms"]);
    b.ad.spend = range(b, o, Field::Spend, "spend");
    b.ad.impressions = range(b, o, Field::Impressions, "impressions");
    b.ad.audience = range(b, o, Field::Audience, "audience");
    b.ad.reach_total = range(b, o, Field::ReachTotal, "reach_total");
    b.ad.currency = b.text(o, Field::Currency, &["currency"]);
    if let Some(c) = b.texts(o, Field::ReachByCountry, &["countries"]) {
        b.ad.countries = c.into_iter().map(|s| s.to_uppercase()).collect();
    }
    b.ad.demographic_share_sum = b.shares(o, Field::Demographics, &["demographics"]);
    b.ad.region_share_sum = b.shares(o, Field::Regions, &["regions"]);
    b.text(o, Field::Category, &["category"]);
    b.ad.removed = matches!(o.get("removed"), Slot::Value(v) if v.get() == "true");
    if b.ad.removed {
        b.ad.removal_reason = b.text(o, Field::Moderation, &["removal_reason"]);
    } else {
        b.set(Field::Moderation, FieldState::NotApplicable);
    }
    Ok(())
}

/// Reads a neutral JSON Lines file (a JSON array is accepted too).
pub fn parse(ctx: &FileContext<'_>, bytes: &[u8]) -> Result<FileOutput> {
    Ok(json_records(ctx, bytes, read_record))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::Requested;

    #[test]
    fn numbers_as_strings_are_reported_and_bad_lines_rejected() {
        let text =
            "{\"id\":\"1\",\"spend\":{\"lo\":\"100\",\"hi\":199}}\n{\"id\":\n{\"id\":\"3\"}\n";
        let req = Requested::default();
        let ctx = FileContext {
            file: "n.jsonl",
            strict: false,
            requested: &req,
        };
        let out = parse(&ctx, text.as_bytes()).expect("parse");
        assert_eq!(out.records.len(), 2);
        assert_eq!(out.records[0].ad.issues[0].code, "number_as_string");
        assert_eq!(out.rejected.len(), 1);
        assert_eq!(
            crate::adapters::render_position(out.layout, &out.rejected[0].position),
            "line 2"
        );
        assert_eq!(out.read, 3);
    }
}
