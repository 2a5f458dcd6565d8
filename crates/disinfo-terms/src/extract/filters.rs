//! Named filters. OTA's filters are JavaScript functions in `<Service>.filters.js`, which cannot
//! run here; we support OTA's built-in (exposed) filters by name, a small library of declarative
//! filters of our own, and caller hooks. Any other name is an [`Error::UnknownFilter`].

use scraper::Html;
use url::Url;

use super::clean::{is_hidden, remove_query_params};
use super::dom::{detach_all, select_all, selector};
use crate::declaration::FilterSpec;
use crate::{Error, Result};

/// Query parameters removed by the canonical flavour and by `removeTrackingParams`.
pub const DEFAULT_TRACKING_PARAMS: &[&str] = &[
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "utm_id",
    "utm_name",
    "gclid",
    "gclsrc",
    "dclid",
    "fbclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "igshid",
    "yclid",
    "twclid",
    "ref_src",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
];

/// Every filter name we can run, for error messages and documentation.
pub const KNOWN_FILTERS: &[&str] = &[
    // OTA built-in (`src/archivist/extract/exposedFilters.js`).
    "removeQueryParams",
    // Ours (declarative).
    "removeTrackingParams",
    "removeHiddenElements",
    "removeElements",
];

fn param_list(spec: &FilterSpec) -> Result<Vec<String>> {
    match &spec.params {
        None | Some(serde_json::Value::Null) => Ok(Vec::new()),
        Some(serde_json::Value::String(s)) => Ok(vec![s.clone()]),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str().map(str::to_string).ok_or_else(|| {
                    Error::arg(
                        format!("filter.{}", spec.name),
                        format!("parameters must be strings, found {v}"),
                    )
                })
            })
            .collect(),
        Some(other) => Err(Error::arg(
            format!("filter.{}", spec.name),
            format!("parameters must be a string or an array of strings, found {other}"),
        )),
    }
}

/// Checks that every filter is known (before any work is done).
pub fn check(filters: &[FilterSpec]) -> Result<()> {
    for f in filters {
        if !KNOWN_FILTERS.contains(&f.name.as_str()) {
            return Err(Error::UnknownFilter {
                name: f.name.clone(),
                known: KNOWN_FILTERS.join(", "),
            });
        }
        param_list(f)?;
    }
    Ok(())
}

/// Applies the filters in declared order.
pub fn apply(html: &mut Html, location: &Url, filters: &[FilterSpec]) -> Result<()> {
    for f in filters {
        let params = param_list(f)?;
        match f.name.as_str() {
            "removeQueryParams" => remove_query_params(html, location, &params),
            "removeTrackingParams" => {
                let params = if params.is_empty() {
                    DEFAULT_TRACKING_PARAMS
                        .iter()
                        .map(|s| s.to_string())
                        .collect()
                } else {
                    params
                };
                remove_query_params(html, location, &params);
            }
            "removeHiddenElements" => {
                let ids: Vec<_> = html
                    .tree
                    .root()
                    .descendants()
                    .filter(|n| is_hidden(n.value()))
                    .map(|n| n.id())
                    .collect();
                detach_all(html, &ids);
            }
            "removeElements" => {
                let mut ids = Vec::new();
                for css in &params {
                    ids.extend(select_all(html, &selector(css)?));
                }
                detach_all(html, &ids);
            }
            other => {
                return Err(Error::UnknownFilter {
                    name: other.to_string(),
                    known: KNOWN_FILTERS.join(", "),
                });
            }
        }
    }
    Ok(())
}
