//! CSV renderings of the report's tables, one table per call and one function per table.

use crate::error::{Error, Result};

use super::format::CsvTable;
use super::types::{AuditReport, Disappeared, Rates, Sizes};

/// Rows of text, the header first.
type Rows = Vec<Vec<String>>;

fn out(rows: Rows) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(&r)
            .map_err(|e| Error::io("write", "csv", std::io::Error::other(e)))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::io("write", "csv", std::io::Error::other(e.to_string())))?;
    String::from_utf8(bytes).map_err(|e| Error::io("write", "csv", std::io::Error::other(e)))
}

fn s<T: ToString>(x: T) -> String {
    x.to_string()
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// Renders `table` as CSV.
pub fn render(r: &AuditReport, table: CsvTable) -> Result<String> {
    out(match table {
        CsvTable::Pairs => pairs(r),
        CsvTable::Countries => countries(r),
        CsvTable::Advertisers => advertisers(r),
        CsvTable::Coverage => coverage(r),
        CsvTable::Evidence => evidence(r),
        CsvTable::Rejected => rejected(r),
        CsvTable::Notes => notes(r),
    })
}

/// Columns of a pair, whole or restricted to one country, after its keys.
const MOVEMENT: &[&str] = &[
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
];

/// The [`MOVEMENT`] cells.
fn movement(sz: &Sizes, common: u64, added: u64, d: &Disappeared, rt: &Rates) -> Vec<String> {
    vec![
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
    ]
}

fn pairs(r: &AuditReport) -> Rows {
    let mut rows = vec![header(&[&["from", "to"], MOVEMENT].concat())];
    for p in &r.pairs {
        let mut row = vec![s(&p.from), s(&p.to)];
        row.extend(movement(
            &p.sizes,
            p.common,
            p.added,
            &p.disappeared,
            &p.rates,
        ));
        rows.push(row);
    }
    rows
}

fn countries(r: &AuditReport) -> Rows {
    let mut rows = vec![header(&[&["from", "to", "country"], MOVEMENT].concat())];
    for c in &r.countries {
        let mut row = vec![s(&c.from), s(&c.to), s(&c.country)];
        row.extend(movement(
            &c.sizes,
            c.common,
            c.added,
            &c.disappeared,
            &c.rates,
        ));
        rows.push(row);
    }
    rows
}

fn advertisers(r: &AuditReport) -> Rows {
    let mut rows = vec![header(&[
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
    ])];
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
    rows
}

fn coverage(r: &AuditReport) -> Rows {
    const STATES: [&str; 7] = [
        "present",
        "null",
        "absent",
        "not_requested",
        "not_applicable",
        "sentinel",
        "invalid",
    ];
    let head = [
        &["collection", "regime", "field", "country", "total"][..],
        &STATES,
        &["coverage"],
    ]
    .concat();
    let mut rows = vec![header(&head)];
    for c in &r.coverage {
        let mut row = vec![
            s(&c.collection),
            s(&c.regime),
            s(&c.field),
            c.country.clone().unwrap_or_default(),
            s(c.total),
        ];
        row.extend(
            STATES
                .iter()
                .map(|k| s(c.states.get(*k).copied().unwrap_or(0))),
        );
        row.push(c.coverage.map(s).unwrap_or_default());
        rows.push(row);
    }
    rows
}

fn evidence(r: &AuditReport) -> Rows {
    let mut rows = vec![header(&[
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
    ])];
    for e in &r.evidence {
        let (id, scope) = e.ad.as_ref().map_or((String::new(), String::new()), |k| {
            (k.id.clone(), k.scope.clone().unwrap_or_default())
        });
        let first = e.observations.first();
        let l = first.map(|o| &o.locator);
        rows.push(vec![
            s(&e.rule),
            s(&e.kind),
            format!("{:?}", e.severity).to_lowercase(),
            id,
            scope,
            l.map(|l| l.collection.clone())
                .or(e.collections.first().cloned())
                .unwrap_or_default(),
            l.map(|l| l.file.clone()).unwrap_or_default(),
            l.and_then(|l| l.pointer.clone()).unwrap_or_default(),
            l.and_then(|l| l.line).map(s).unwrap_or_default(),
            l.and_then(|l| l.row).map(s).unwrap_or_default(),
            first.and_then(|o| o.raw_hash.clone()).unwrap_or_default(),
            e.field.clone().unwrap_or_default(),
            e.delta.map(s).unwrap_or_default(),
            s(&e.detail),
        ]);
    }
    rows
}

fn rejected(r: &AuditReport) -> Rows {
    let mut rows = vec![header(&[
        "collection",
        "file",
        "pointer",
        "line",
        "row",
        "code",
        "message",
        "raw_hash",
    ])];
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
    rows
}

fn notes(r: &AuditReport) -> Rows {
    let mut rows = vec![header(&["code", "collection", "message"])];
    for n in &r.notes {
        rows.push(vec![
            s(&n.code),
            n.collection.clone().unwrap_or_default(),
            s(&n.message),
        ]);
    }
    rows
}
