//! Meta Ad Library report CSV (the downloadable per-country report).
//!
//! Columns as Meta publishes them: `Page ID`, `Page name`, `Disclaimer`,
//! `Amount spent (EUR)` (currency in parentheses; `≤100` for small amounts),
//! `Number of ads in Library`. A row aggregates a page and a disclaimer, so the key is the page
//! id scoped by the disclaimer. "These ads ran without a disclaimer" is a sentinel payer.

use super::builder::Builder;
use super::csv_table::{self, Row};
use super::values;
use super::{FileContext, FileOutput};
use crate::error::Result;
use crate::model::{Field, FieldState};

/// Reads a Meta Ad Library report CSV.
pub fn parse(ctx: &FileContext<'_>, bytes: &[u8]) -> Result<FileOutput> {
    // The currency is in the header: `Amount spent (EUR)`.
    let head = std::str::from_utf8(bytes.get(..bytes.len().min(4096)).unwrap_or(&[])).unwrap_or("");
    let currency = head
        .split_once("Amount spent (")
        .and_then(|(_, r)| r.split_once(')'))
        .map(|(c, _)| c.trim().to_owned());
    let spend_col = currency
        .as_ref()
        .map(|c| format!("Amount spent ({c})"))
        .unwrap_or_else(|| "Amount spent".to_owned());
    let read_row = |row: &Row<'_>, b: &mut Builder<'_>| -> Result<(), String> {
        b.ad.id = csv_table::id(row, &["Page ID"])?;
        b.ad.advertiser_id = Some(b.ad.id.clone());
        b.present(Field::AdvertiserId);
        b.ad.advertiser_name = b.cell(row, Field::AdvertiserName, &["Page name"]);
        let disclaimer = b.cell(row, Field::Payer, &["Disclaimer"]);
        b.ad.scope = Some(disclaimer.clone().unwrap_or_default());
        b.payer_text(disclaimer);
        b.ad.spend = b.cell_range(row, Field::Spend, &[spend_col.as_str()]);
        if b.ad.spend.is_some() {
            b.ad.currency = currency.clone();
            b.present(Field::Currency);
        }
        if let Some(n) = row.get(&["Number of ads in Library"]) {
            match values::parse_count(n) {
                Ok(v) => b.ad.ads_count = Some(v),
                Err(m) => b.issue(
                    Field::Category,
                    "invalid_range",
                    "Number of ads in Library",
                    n,
                    m,
                ),
            }
        }
        for f in crate::model::Field::ALL {
            if b.ad.states.get(f) == FieldState::Absent
                && !matches!(
                    f,
                    Field::AdvertiserName | Field::Payer | Field::Spend | Field::Currency
                )
            {
                b.set(f, FieldState::NotApplicable);
            }
        }
        Ok(())
    };
    csv_table::read(
        ctx,
        bytes,
        "Meta Ad Library report CSV",
        &[&["Page ID"]],
        &["Page name", "Disclaimer", "Number of ads in Library"],
        read_row,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::Requested;
    use crate::model::Range;

    #[test]
    fn report_rows_with_sentinel_disclaimer_and_small_bucket() {
        let csv = "Page ID,Page name,Disclaimer,Amount spent (EUR),Number of ads in Library\n\
1,Page A,These ads ran without a disclaimer,≤100,3\n2,Page B,Parti B,1234,10\n";
        let req = Requested::default();
        let ctx = FileContext {
            file: "r.csv",
            strict: true,
            requested: &req,
        };
        let out = parse(&ctx, csv.as_bytes()).expect("parse");
        let a = &out.records[0].ad;
        assert_eq!(a.states.get(Field::Payer), FieldState::Sentinel);
        assert_eq!(a.spend, Some(Range::new(0, Some(100))));
        assert_eq!(a.currency.as_deref(), Some("EUR"));
        assert_eq!(out.records[1].ad.ads_count, Some(10));
    }
}
