//! The notes of an audit: what the reader must know about its input before reading the rest.

use crate::collection::Collection;
use crate::model::query::values::shorten;
use crate::report::Note;

/// Names listed in one note at most (the count is always given).
const LISTED: usize = 10;

/// The notes about `colls`: audit-wide first, then per collection in the order given.
pub fn notes(colls: &[Collection]) -> Vec<Note> {
    let mut out = Vec::new();
    if let Some(note) = nothing_to_compare(colls) {
        out.push(note);
    }
    for c in colls {
        out.extend(unknown_query_keys(c));
        out.extend(secrets_dropped(c));
    }
    out
}

/// Fewer than two collections: no pair, so no disappearance, addition, rate or late
/// publication can be reported — which a bare "0 violations" would hide.
fn nothing_to_compare(colls: &[Collection]) -> Option<Note> {
    let message = match colls {
        [] => "no collection was audited: there is nothing to compare and nothing to check".into(),
        [only] => format!(
            "only one collection (`{}`) was audited: there is nothing to compare, so no ad is reported as disappeared, added or published late and no rate is computed; the checks within the collection (duplicates, ranges, dates, mandatory fields, funding, declared totals) ran. Audit it with a later collection of the same query to compare them",
            only.meta.id
        ),
        _ => return None,
    };
    Some(Note {
        code: "nothing_to_compare".into(),
        collection: colls.first().map(|c| c.meta.id.clone()),
        message,
    })
}

/// `names` as a list for a message: the first [`LISTED`], shortened, and how many more.
fn listed<'a>(names: impl ExactSizeIterator<Item = &'a String>) -> String {
    let total = names.len();
    let mut text: Vec<String> = names
        .take(LISTED)
        .map(|n| format!("`{}`", shorten(n)))
        .collect();
    if total > LISTED {
        text.push(format!("and {} more", total - LISTED));
    }
    text.join(", ")
}

fn unknown_query_keys(c: &Collection) -> Option<Note> {
    let keys = &c.meta.query.unmapped;
    (!keys.is_empty()).then(|| Note {
        code: "unknown_query_key".into(),
        collection: Some(c.meta.id.clone()),
        message: format!(
            "the query has {} key{} that no platform's API documents as far as this library knows: {}; kept as sent, and counted in the query's scope (a collection whose query differs in them is not comparable)",
            keys.len(),
            if keys.len() == 1 { "" } else { "s" },
            listed(keys.keys())
        ),
    })
}

fn secrets_dropped(c: &Collection) -> Option<Note> {
    let keys = &c.meta.query.redacted;
    (!keys.is_empty()).then(|| Note {
        code: "query_secret_dropped".into(),
        collection: Some(c.meta.id.clone()),
        message: format!(
            "the query in collection.json holds a credential ({}): its value was dropped when the file was read and is in no output; remove it from collection.json before sharing the collection",
            listed(keys.iter())
        ),
    })
}
