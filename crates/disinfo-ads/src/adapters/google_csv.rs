//! Google political-ads transparency bundle, `google-political-ads-creative-stats.csv`.
//!
//! Columns from the bundle's README (also the BigQuery table
//! `bigquery-public-data.google_political_ads.creative_stats`): `Ad_ID`, `Ad_URL`, `Ad_Type`,
//! `Regions`, `Advertiser_ID`, `Advertiser_Name`, `Ad_Campaigns_List`, `Date_Range_Start`,
//! `Date_Range_End`, `Num_of_Days`, `Impressions` (buckets `≤ 10k`, `10k-100k`, `100k-1M`,
//! `1M-10M`, `> 10M`), `Spend_USD` (deprecated), `First_Served_Timestamp`,
//! `Last_Served_Timestamp`, `Age_Targeting`, `Gender_Targeting`, `Geo_Targeting_Included`,
//! `Geo_Targeting_Excluded`, `Spend_Range_Min_USD`, `Spend_Range_Max_USD`,
//! `Spend_Range_Min_EUR`, `Spend_Range_Max_EUR`, ... (one pair per currency).
//! The key is the ad id **and** the advertiser id: the same ad id under another advertiser is
//! another key (a re-attribution when the first one disappears).

use super::builder::Builder;
use super::csv_table::{self, Row};
use super::values;
use super::{FileContext, FileOutput};
use crate::error::Result;
use crate::model::{Field, FieldState};

/// Currencies tried for the spend range, in order.
const CURRENCIES: &[&str] = &[
    "EUR", "USD", "GBP", "INR", "ILS", "NZD", "AUD", "BRL", "TWD", "ZAR",
];

fn read_row(row: &Row<'_>, b: &mut Builder<'_>) -> Result<(), String> {
    b.ad.id = csv_table::id(row, &["Ad_ID"])?;
    b.ad.scope = Some(csv_table::id(row, &["Advertiser_ID"])?);
    b.ad.advertiser_id = b.ad.scope.clone();
    b.present(Field::AdvertiserId);
    b.ad.advertiser_name = b.cell(row, Field::AdvertiserName, &["Advertiser_Name"]);
    // Google verifies the advertiser and shows "Paid for by" the advertiser's name.
    if b.ad.advertiser_name.is_some() {
        b.present(Field::Payer);
        b.payer_text(b.ad.advertiser_name.clone());
    } else {
        b.set(Field::Payer, FieldState::Absent);
    }
    b.set(Field::Beneficiary, FieldState::NotApplicable);
    if let Some(url) = b.cell(row, Field::Media, &["Ad_URL"]) {
        b.ad.content_hash = values::content_hash([url.as_str()]);
    }
    b.set(Field::Content, b.ad.states.get(Field::Media));
    b.cell(row, Field::Category, &["Ad_Type"]);
    b.ad.first_shown = match row.get(&["First_Served_Timestamp"]).map(str::trim) {
        Some(s) if !s.is_empty() => b.time_text(Field::FirstShown, "First_Served_Timestamp", s),
        _ => b.cell_time(row, Field::FirstShown, &["Date_Range_Start"]),
    };
    b.ad.last_shown = match row.get(&["Last_Served_Timestamp"]).map(str::trim) {
        Some(s) if !s.is_empty() => b.time_text(Field::LastShown, "Last_Served_Timestamp", s),
        _ => b.cell_time(row, Field::LastShown, &["Date_Range_End"]),
    };
    b.ad.impressions = b.cell_range(row, Field::Impressions, &["Impressions"]);
    let mut spend_done = false;
    for cur in CURRENCIES {
        let min = format!("Spend_Range_Min_{cur}");
        let max = format!("Spend_Range_Max_{cur}");
        if matches!(row.get(&[min.as_str()]), Some(s) if !values::is_blank(s)) {
            b.ad.spend = b.cell_min_max(row, Field::Spend, &min, &max);
            b.ad.currency = Some((*cur).to_owned());
            b.present(Field::Currency);
            spend_done = true;
            break;
        }
    }
    if !spend_done {
        b.ad.spend = b.cell_range(row, Field::Spend, &["Spend_USD"]);
        if b.ad.spend.is_some() {
            b.ad.currency = Some("USD".into());
            b.present(Field::Currency);
        } else {
            b.set(Field::Currency, b.ad.states.get(Field::Spend));
        }
    }
    let ages = b.cell(row, Field::Targeting, &["Age_Targeting"]);
    let genders = row
        .get(&["Gender_Targeting"])
        .unwrap_or("")
        .trim()
        .to_owned();
    let geo = row
        .get(&["Geo_Targeting_Included"])
        .unwrap_or("")
        .trim()
        .to_owned();
    if ages.is_some() || !genders.is_empty() || !geo.is_empty() {
        b.present(Field::Targeting);
    }
    if let Some(excl) = row.get(&["Geo_Targeting_Excluded"]) {
        b.ad.excluded_countries = csv_table::split_list(excl);
    }
    if let Some(regions) = b.cell(row, Field::ReachByCountry, &["Regions"]) {
        b.ad.countries = csv_table::split_list(&regions)
            .into_iter()
            .map(|c| c.to_uppercase())
            .collect();
        // `Regions` says where the ad was served, not how many were reached there.
        b.set(Field::ReachByCountry, FieldState::Absent);
    }
    for f in [
        Field::Languages,
        Field::Platforms,
        Field::Audience,
        Field::ReachTotal,
        Field::Demographics,
        Field::Regions,
        Field::Created,
    ] {
        b.set(f, FieldState::Absent);
    }
    b.set(Field::Moderation, FieldState::NotApplicable);
    Ok(())
}

/// Reads a Google political-ads `creative-stats` CSV.
pub fn parse(ctx: &FileContext<'_>, bytes: &[u8]) -> Result<FileOutput> {
    csv_table::read(
        ctx,
        bytes,
        "Google political ads creative-stats CSV",
        &[&["Ad_ID"], &["Advertiser_ID"]],
        &["Advertiser_Name", "Date_Range_Start", "Impressions"],
        read_row,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::Requested;
    use crate::model::Range;

    #[test]
    fn buckets_spend_and_key_with_advertiser() {
        let csv = "Ad_ID,Ad_URL,Ad_Type,Regions,Advertiser_ID,Advertiser_Name,Date_Range_Start,Date_Range_End,Impressions,Spend_Range_Min_EUR,Spend_Range_Max_EUR\n\
CR1,https://x/1,TEXT,EU,AR1,Parti A,2019-05-01,2019-05-10,≤ 10k,0,100\n\
CR2,https://x/2,VIDEO,\"FR, DE\",AR2,Parti B,2019-05-01,2019-05-10,> 10M,50000,\n";
        let req = Requested::default();
        let ctx = FileContext {
            file: "g.csv",
            strict: true,
            requested: &req,
        };
        let out = parse(&ctx, csv.as_bytes()).expect("parse");
        assert_eq!(out.records.len(), 2);
        let a = &out.records[0].ad;
        assert_eq!((a.id.as_str(), a.scope.as_deref()), ("CR1", Some("AR1")));
        assert_eq!(a.impressions, Some(Range::new(0, Some(10_000))));
        assert_eq!(a.spend, Some(Range::new(0, Some(100))));
        let b = &out.records[1].ad;
        assert_eq!(b.impressions, Some(Range::new(10_000_000, None)));
        assert_eq!(b.spend, Some(Range::new(50_000, None)));
        assert_eq!(b.countries, vec!["FR".to_owned(), "DE".to_owned()]);
        assert_eq!(out.records[1].index, 3);
    }

    #[test]
    fn missing_key_column_is_a_typed_error_in_strict_mode() {
        let csv = "Ad_ID,Advertiser_Name\nCR1,X\n";
        let req = Requested::default();
        let ctx = FileContext {
            file: "g.csv",
            strict: true,
            requested: &req,
        };
        let err = parse(&ctx, csv.as_bytes()).expect_err("missing column");
        assert_eq!(err.code(), "missing_column");
        assert!(err.to_string().contains("Advertiser_ID"));
        let ctx = FileContext {
            file: "g.csv",
            strict: false,
            requested: &req,
        };
        let out = parse(&ctx, csv.as_bytes()).expect("lenient");
        assert_eq!(out.rejected[0].code, "missing_column");
        assert_eq!(out.read, 1);
    }
}
