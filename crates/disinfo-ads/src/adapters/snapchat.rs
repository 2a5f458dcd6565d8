//! Snapchat political ads library CSV (yearly `PoliticalAds.csv` in the downloadable zip).
//!
//! Columns from Snap's readme shipped with the download: `ADID` (`AD ID` in the readme),
//! `CreativeUrl`, `Currency Code`, `Spend`, `Impressions`, `StartDate`, `EndDate`,
//! `OrganizationName`, `BillingAddress`, `CandidateBallotInformation`, `PayingAdvertiserName`
//! (the "Paid for by" name), `Gender`, `AgeBracket`, `CountryCode`, `Regions (Included)`,
//! `Regions (Excluded)`, ..., `Language`. Spend and impressions are exact numbers.

use super::builder::Builder;
use super::csv_table::{self, Row};
use super::values;
use super::{FileContext, FileOutput};
use crate::error::Result;
use crate::model::{Field, FieldState, Range};

fn exact(b: &mut Builder<'_>, row: &Row<'_>, field: Field, col: &str) -> Option<Range> {
    let s = b.cell(row, field, &[col])?;
    match values::parse_count(&s) {
        Ok(v) => Some(Range::exact(v)),
        Err(m) => {
            b.issue(field, "invalid_range", col, &s, m);
            None
        }
    }
}

fn read_row(row: &Row<'_>, b: &mut Builder<'_>) -> Result<(), String> {
    b.ad.id = csv_table::id(row, &["ADID", "AD ID"])?;
    b.ad.advertiser_name = b.cell(row, Field::AdvertiserName, &["OrganizationName"]);
    b.ad.advertiser_id = b.ad.advertiser_name.clone();
    b.set(Field::AdvertiserId, b.ad.states.get(Field::AdvertiserName));
    let payer = b.cell(row, Field::Payer, &["PayingAdvertiserName"]);
    b.payer_text(payer);
    b.ad.beneficiary = b.cell(row, Field::Beneficiary, &["CandidateBallotInformation"]);
    if let Some(url) = b.cell(row, Field::Media, &["CreativeUrl"]) {
        b.ad.content_hash = values::content_hash([url.as_str()]);
    }
    b.set(Field::Content, b.ad.states.get(Field::Media));
    b.ad.currency = b.cell(row, Field::Currency, &["Currency Code"]);
    b.ad.spend = exact(b, row, Field::Spend, "Spend");
    b.ad.impressions = exact(b, row, Field::Impressions, "Impressions");
    b.ad.first_shown = b.cell_time(row, Field::FirstShown, &["StartDate"]);
    b.ad.last_shown = b.cell_time(row, Field::LastShown, &["EndDate"]);
    if b.ad.states.get(Field::LastShown) == FieldState::Null {
        b.set(Field::LastShown, FieldState::NotApplicable);
    }
    if let Some(c) = b.cell(row, Field::Targeting, &["CountryCode"]) {
        b.ad.countries = csv_table::split_list(&c)
            .into_iter()
            .map(|c| c.to_uppercase())
            .collect();
    }
    // Empty gender / age cells mean "all", which is still a targeting parameter.
    if b.ad.states.get(Field::Targeting) != FieldState::Present
        && (row.get(&["Gender"]).is_some() || row.get(&["AgeBracket"]).is_some())
    {
        b.present(Field::Targeting);
    }
    b.cell(row, Field::Languages, &["Language"]);
    for f in [
        Field::Created,
        Field::Platforms,
        Field::Audience,
        Field::ReachTotal,
        Field::ReachByCountry,
        Field::Demographics,
        Field::Regions,
        Field::Category,
    ] {
        b.set(f, FieldState::Absent);
    }
    b.set(Field::Moderation, FieldState::NotApplicable);
    Ok(())
}

/// Reads a Snapchat political ads CSV.
pub fn parse(ctx: &FileContext<'_>, bytes: &[u8]) -> Result<FileOutput> {
    csv_table::read(
        ctx,
        bytes,
        "Snapchat political ads CSV",
        &[&["ADID", "AD ID"]],
        &[
            "OrganizationName",
            "PayingAdvertiserName",
            "Spend",
            "Impressions",
            "StartDate",
        ],
        read_row,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::Requested;

    #[test]
    fn snapchat_row_with_exact_figures() {
        let csv = "ADID,CreativeUrl,Currency Code,Spend,Impressions,StartDate,EndDate,OrganizationName,BillingAddress,CandidateBallotInformation,PayingAdvertiserName,Gender,AgeBracket,CountryCode\n\
abc,https://s/1,EUR,120,5000,2019/10/03 17:03:46Z,,Org A,Paris,,Parti A,,18+,france\n";
        let req = Requested::default();
        let ctx = FileContext {
            file: "s.csv",
            strict: true,
            requested: &req,
        };
        let out = parse(&ctx, csv.as_bytes()).expect("parse");
        let a = &out.records[0].ad;
        assert_eq!(a.spend, Some(Range::exact(120)));
        assert_eq!(a.payer.as_deref(), Some("Parti A"));
        assert!(a.first_shown.is_some());
        assert_eq!(a.states.get(Field::LastShown), FieldState::NotApplicable);
    }
}
