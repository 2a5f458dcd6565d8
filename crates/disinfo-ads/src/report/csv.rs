//! CSV renderings of the report's tables (one table per call).

use crate::error::{Error, Result};

use super::types::AuditReport;

/// The tables that can be written as CSV.
pub const TABLES: &[&str] = &[
    "pairs",
    "countries",
    "advertisers",
    "coverage",
    "evidence",
    "rejected",
];

fn out(rows: Vec<Vec<String>>) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(&r).map_err(|e| Error::io("csv", e))?;
    }
    let bytes = w.into_inner().map_err(|e| Error::io("csv", e))?;
    String::from_utf8(bytes).map_err(|e| Error::io("csv", e))
}

fn s<T: ToString>(x: T) -> String {
    x.to_string()
}

/// Renders `table` (one of [`TABLES`]) as CSV.
pub fn render(r: &AuditReport, table: &str) -> Result<String> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    match table {
        "pairs" | "countries" => {
            let mut head = vec!["from", "to"];
            if table == "countries" {
                head.push("country");
            }
            head.extend([
                "size_from",
                "size_to",
                "common",
                "added",
                "disappeared",
                "reattributed",
                "reappeared",
                "moderated",
                "retention_expired",
                "unexplained",
                "gross",
                "net",
                "unexplained_rate",
            ]);
            rows.push(head.into_iter().map(str::to_owned).collect());
            let mut push = |from: &str,
                            to: &str,
                            country: Option<&str>,
                            sz: &super::Sizes,
                            common: u64,
                            added: u64,
                            d: &super::Disappeared,
                            rt: &super::Rates| {
                let mut row = vec![s(from), s(to)];
                if let Some(c) = country {
                    row.push(s(c));
                }
                row.extend([
                    s(sz.from),
                    s(sz.to),
                    s(common),
                    s(added),
                    s(d.total),
                    s(d.reattributed),
                    s(d.reappeared),
                    s(d.moderated),
                    s(d.retention_expired),
                    s(d.unexplained),
                    s(rt.gross),
                    s(rt.net),
                    s(rt.unexplained),
                ]);
                rows.push(row);
            };
            if table == "pairs" {
                for p in &r.pairs {
                    push(
                        &p.from,
                        &p.to,
                        None,
                        &p.sizes,
                        p.common,
                        p.added,
                        &p.disappeared,
                        &p.rates,
                    );
                }
            } else {
                for p in &r.countries {
                    push(
                        &p.from,
                        &p.to,
                        Some(&p.country),
                        &p.sizes,
                        p.common,
                        p.added,
                        &p.disappeared,
                        &p.rates,
                    );
                }
            }
        }
        "advertisers" => {
            rows.push(
                [
                    "from",
                    "to",
                    "advertiser_id",
                    "advertiser_name",
                    "ads",
                    "disappeared",
                    "unexplained",
                    "disappeared_spend_lo",
                    "disappeared_spend_hi",
                    "missing_payer",
                    "missing_payer_share",
                ]
                .map(str::to_owned)
                .to_vec(),
            );
            for a in &r.advertisers {
                rows.push(vec![
                    s(&a.from),
                    s(&a.to),
                    s(&a.advertiser_id),
                    a.advertiser_name.clone().unwrap_or_default(),
                    s(a.ads),
                    s(a.disappeared),
                    s(a.unexplained),
                    s(a.disappeared_spend_lo),
                    a.disappeared_spend_hi.map(s).unwrap_or_default(),
                    s(a.missing_payer),
                    s(a.missing_payer_share),
                ]);
            }
        }
        "coverage" => {
            let states = [
                "present",
                "null",
                "absent",
                "not_requested",
                "not_applicable",
                "sentinel",
                "invalid",
            ];
            let mut head = vec!["collection", "regime", "field", "country", "total"];
            head.extend(states);
            head.push("coverage");
            rows.push(head.into_iter().map(str::to_owned).collect());
            for c in &r.coverage {
                let mut row = vec![
                    s(&c.collection),
                    s(&c.regime),
                    s(&c.field),
                    c.country.clone().unwrap_or_default(),
                    s(c.total),
                ];
                row.extend(
                    states
                        .iter()
                        .map(|k| s(c.states.get(*k).copied().unwrap_or(0))),
                );
                row.push(c.coverage.map(s).unwrap_or_default());
                rows.push(row);
            }
        }
        "evidence" => {
            rows.push(
                [
                    "rule",
                    "kind",
                    "severity",
                    "ad_id",
                    "ad_scope",
                    "collection",
                    "file",
                    "pointer",
                    "line",
                    "row",
                    "raw_hash",
                    "field",
                    "delta",
                    "detail",
                ]
                .map(str::to_owned)
                .to_vec(),
            );
            for e in &r.evidence {
                let (id, scope) = e.ad.as_ref().map_or((String::new(), String::new()), |k| {
                    (k.id.clone(), k.scope.clone().unwrap_or_default())
                });
                let first = e.observations.first();
                let l = first.map(|o| o.locator.clone());
                rows.push(vec![
                    s(&e.rule),
                    s(&e.kind),
                    format!("{:?}", e.severity).to_lowercase(),
                    id,
                    scope,
                    l.as_ref()
                        .map(|l| l.collection.clone())
                        .or(e.collections.first().cloned())
                        .unwrap_or_default(),
                    l.as_ref().map(|l| l.file.clone()).unwrap_or_default(),
                    l.as_ref()
                        .and_then(|l| l.pointer.clone())
                        .unwrap_or_default(),
                    l.as_ref().and_then(|l| l.line).map(s).unwrap_or_default(),
                    l.as_ref().and_then(|l| l.row).map(s).unwrap_or_default(),
                    first.and_then(|o| o.raw_hash.clone()).unwrap_or_default(),
                    e.field.clone().unwrap_or_default(),
                    e.delta.map(s).unwrap_or_default(),
                    s(&e.detail),
                ]);
            }
        }
        "rejected" => {
            rows.push(
                [
                    "collection",
                    "file",
                    "pointer",
                    "line",
                    "row",
                    "code",
                    "message",
                    "raw_hash",
                ]
                .map(str::to_owned)
                .to_vec(),
            );
            for x in &r.rejected {
                let l = &x.locator;
                rows.push(vec![
                    s(&l.collection),
                    s(&l.file),
                    l.pointer.clone().unwrap_or_default(),
                    l.line.map(s).unwrap_or_default(),
                    l.row.map(s).unwrap_or_default(),
                    s(&x.code),
                    s(&x.message),
                    x.raw_hash.clone().unwrap_or_default(),
                ]);
            }
        }
        other => {
            return Err(Error::arg(
                "table",
                format!("unknown table `{other}`; use one of {}", TABLES.join(", ")),
            ));
        }
    }
    out(rows)
}
