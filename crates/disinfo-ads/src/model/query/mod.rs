//! The query that produced a collection, stored in `collection.json` as it was sent to the
//! platform — Meta's `ads_archive` parameters (`ad_reached_countries`, `ad_active_status`, ...),
//! the members of TikTok's query body (`filters.country_code`, `search_term`, ...) or this
//! crate's own names — and read into one vocabulary.
//!
//! - [`params`]: every parameter name the platforms document and what it is to the query.
//! - [`values`]: their values as the platforms write them.
//! - [`read`]: a stored query read into a [`Query`].

pub mod params;
pub mod read;
pub mod values;

use std::collections::{BTreeMap, BTreeSet};

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// What a credential is written as when a query is written back (its value is never kept).
pub const REDACTED: &str = "[redacted]";

/// The query that produced a collection. Two collections are comparable only when their
/// queries have the same scope: every part but the fields, the page size, paging parameters
/// and credentials.
///
/// Read from this crate's names or the platforms' own ([`params`]): `countries` is also Meta's
/// `ad_reached_countries` (an array, or Meta's text `"['FR']"`) and TikTok's
/// `filters.country_code`; `active_status` is Meta's `ad_active_status`; and so on. Parameters
/// the crate knows but does not interpret are kept as sent in [`Query::filters`] (they narrow
/// the scope) or [`Query::request`] (paging); keys no platform documents are kept as sent in
/// [`Query::unmapped`] and counted in the scope. A credential's value (`access_token`) is
/// dropped on reading.
///
/// ```
/// use disinfo_ads::model::Query;
/// let q: Query = serde_json::from_value(serde_json::json!({
///     "ad_reached_countries": "['FR']", "ad_active_status": "ALL",
///     "ad_type": "POLITICAL_AND_ISSUE_ADS", "access_token": "EAAB...", "campaign": "eu2019"
/// })).unwrap();
/// assert_eq!(q.countries, ["FR"]);
/// assert_eq!(q.active_status.as_deref(), Some("ALL"));
/// assert!(q.redacted.contains("access_token") && q.unmapped.contains_key("campaign"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Countries of the query, ISO 3166-1 alpha-2 upper case (or `ALL`).
    pub countries: Vec<String>,
    /// Ad type (`POLITICAL_AND_ISSUE_ADS`, `ALL`, ...).
    pub ad_type: Option<String>,
    /// Active status: `ACTIVE`, `INACTIVE` or `ALL`.
    pub active_status: Option<String>,
    /// Search terms, if the query was a keyword search.
    pub search_terms: Option<String>,
    /// Page ids or advertiser ids the query was restricted to.
    pub advertiser_ids: Vec<String>,
    /// Lower bound of the delivery or publication date filter (`YYYY-MM-DD`).
    pub date_min: Option<String>,
    /// Upper bound of the delivery or publication date filter (`YYYY-MM-DD`).
    pub date_max: Option<String>,
    /// Native field names requested (`fields=`). Empty: unknown, every field counts as
    /// requested.
    pub fields: Vec<String>,
    /// Rows per page requested (`limit=`, `max_count`); a page with more rows is reported.
    pub page_size: Option<u64>,
    /// Documented filters without a part of their own (Meta `languages`, `search_type`,
    /// `publisher_platforms`, `unmask_removed_content`, ...), by native name, as sent. Part of
    /// the scope.
    pub filters: BTreeMap<String, Value>,
    /// Paging parameters (`after`, `before`, TikTok's `search_id`), as sent. Not part of the
    /// scope.
    pub request: BTreeMap<String, Value>,
    /// Keys no platform documents (as far as this crate knows), as sent, nested ones as dotted
    /// paths. Part of the scope; each audit notes them.
    pub unmapped: BTreeMap<String, Value>,
    /// Names of credentials whose value was dropped on reading; each audit notes them.
    pub redacted: BTreeSet<String>,
}

impl Query {
    /// The part of the query that defines which ads are in scope, for comparability.
    pub fn scope(&self) -> Query {
        let mut countries = self.countries.clone();
        countries.sort();
        countries.dedup();
        let mut advertiser_ids = self.advertiser_ids.clone();
        advertiser_ids.sort();
        advertiser_ids.dedup();
        Query {
            countries,
            advertiser_ids,
            fields: Vec::new(),
            page_size: None,
            request: BTreeMap::new(),
            redacted: BTreeSet::new(),
            ..self.clone()
        }
    }

    /// The parts of the scope that differ between `self` and `later`, in words (`countries FR
    /// then DE`; a parameter kept as sent by its name only).
    pub fn scope_differences(&self, later: &Query) -> Vec<String> {
        let (a, b) = (self.scope(), later.scope());
        let mut out = Vec::new();
        let mut part = |name: &str, x: String, y: String| {
            if x != y {
                out.push(format!(
                    "{name} {} then {}",
                    values::shorten(&x),
                    values::shorten(&y)
                ));
            }
        };
        let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "(none)".into());
        let list = |l: &[String]| {
            if l.is_empty() {
                "(none)".to_owned()
            } else {
                l.join(",")
            }
        };
        part("countries", list(&a.countries), list(&b.countries));
        part("ad type", opt(&a.ad_type), opt(&b.ad_type));
        part(
            "active status",
            opt(&a.active_status),
            opt(&b.active_status),
        );
        part("search terms", opt(&a.search_terms), opt(&b.search_terms));
        part(
            "advertisers",
            list(&a.advertiser_ids),
            list(&b.advertiser_ids),
        );
        part("date min", opt(&a.date_min), opt(&b.date_min));
        part("date max", opt(&a.date_max), opt(&b.date_max));
        for (x, y) in [(&a.filters, &b.filters), (&a.unmapped, &b.unmapped)] {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for key in keys {
                if x.get(key) != y.get(key) {
                    out.push(format!("`{}`", values::shorten(key)));
                }
            }
        }
        out
    }
}

impl Serialize for Query {
    /// One flat object: this crate's names first (all of them, as always written), then the
    /// parameters kept as sent under their native names (dotted paths for nested ones), then
    /// the credentials as [`REDACTED`]. Reading it back gives the same query.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let kept = self.filters.len() + self.request.len() + self.unmapped.len();
        let mut map = s.serialize_map(Some(9 + kept + self.redacted.len()))?;
        map.serialize_entry("countries", &self.countries)?;
        map.serialize_entry("ad_type", &self.ad_type)?;
        map.serialize_entry("active_status", &self.active_status)?;
        map.serialize_entry("search_terms", &self.search_terms)?;
        map.serialize_entry("advertiser_ids", &self.advertiser_ids)?;
        map.serialize_entry("date_min", &self.date_min)?;
        map.serialize_entry("date_max", &self.date_max)?;
        map.serialize_entry("fields", &self.fields)?;
        map.serialize_entry("page_size", &self.page_size)?;
        for kept in [&self.filters, &self.request, &self.unmapped] {
            for (key, value) in kept {
                map.serialize_entry(key, value)?;
            }
        }
        for key in &self.redacted {
            map.serialize_entry(key, REDACTED)?;
        }
        map.end()
    }
}

impl schemars::JsonSchema for Query {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Query".into()
    }

    /// One flat object: this crate's names, and any platform parameter kept as sent under its
    /// native name (so the object is open: `additionalProperties`).
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let text = serde_json::json!({"type": ["string", "null"]});
        let list = serde_json::json!({"type": "array", "items": {"type": "string"}});
        schemars::json_schema!({
            "type": "object",
            "description": "The query of a collection, as sent to the platform: this crate's names (`countries`, `ad_type`, `active_status`, ...) or the platform's own (`ad_reached_countries`, `ad_active_status`, `search_terms`, ...); parameters it does not interpret are kept as sent.",
            "properties": {
                "countries": list, "ad_type": text, "active_status": text,
                "search_terms": text, "advertiser_ids": list, "date_min": text, "date_max": text,
                "fields": list, "page_size": {"type": ["integer", "null"], "minimum": 0}
            },
            "additionalProperties": true
        })
    }
}

impl<'de> Deserialize<'de> for Query {
    /// A JSON object of parameters (see [`Query`]); `null` is an empty query.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Object(members) => read::from_map(members).map_err(serde::de::Error::custom),
            Value::Null => Ok(Query::default()),
            other => Err(serde::de::Error::custom(format!(
                "`query` must be a JSON object of the request's parameters (as sent to the platform), found {}",
                match other {
                    Value::Array(_) => "an array",
                    Value::String(_) => "a text",
                    Value::Number(_) => "a number",
                    _ => "a boolean",
                }
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_query_written_back_reads_the_same_and_never_holds_a_secret() {
        let q: Query = serde_json::from_value(json!({
            "ad_reached_countries": ["FR", "DE"],
            "ad_active_status": "ACTIVE",
            "languages": ["fr"],
            "after": "cursor",
            "access_token": "EAAB-secret",
            "filters": {"unknown": [1, 2], "unique_users_seen_size_range": {"min": "1K"}},
            "campaign": "eu2019"
        }))
        .expect("query");
        let text = serde_json::to_string(&q).expect("write");
        assert!(!text.contains("EAAB-secret"), "{text}");
        assert!(text.contains(r#""access_token":"[redacted]""#), "{text}");
        let again: Query = serde_json::from_str(&text).expect("read back");
        assert_eq!(again, q);
    }

    #[test]
    fn a_query_that_is_not_an_object_is_an_error() {
        for v in [json!([1]), json!("FR"), json!(3), json!(true)] {
            let e = serde_json::from_value::<Query>(v.clone()).expect_err("not an object");
            assert!(e.to_string().contains("must be a JSON object"), "{v}: {e}");
        }
        assert_eq!(
            serde_json::from_value::<Query>(Value::Null).expect("null"),
            Query::default()
        );
    }

    #[test]
    fn scope_ignores_paging_fields_and_secrets_but_not_filters_or_unknown_keys() {
        let read = |v: Value| serde_json::from_value::<Query>(v).expect("query");
        let a = read(
            json!({"ad_reached_countries": "['FR','DE']", "limit": 10, "after": "x", "access_token": "t"}),
        );
        let b = read(json!({"countries": ["DE", "FR"], "page_size": 2500, "fields": ["id"]}));
        assert_eq!(a.scope(), b.scope());
        assert!(a.scope_differences(&b).is_empty());
        let c = read(json!({"countries": ["DE", "FR"], "languages": ["fr"], "campaign": 1}));
        assert_eq!(a.scope_differences(&c), ["`languages`", "`campaign`"]);
        let d = read(json!({"countries": ["FR"], "ad_active_status": "ACTIVE"}));
        assert_eq!(
            a.scope_differences(&d),
            [
                "countries DE,FR then FR",
                "active status (none) then ACTIVE"
            ]
        );
    }

    #[test]
    fn a_huge_map_of_unknown_keys_is_kept() {
        let members: serde_json::Map<String, Value> = (0..50_000)
            .map(|i| (format!("key_{i}"), json!({"n": i})))
            .collect();
        let q: Query = serde_json::from_value(Value::Object(members)).expect("query");
        assert_eq!(q.unmapped.len(), 50_000);
        assert_eq!(q.unmapped.get("key_49999"), Some(&json!({"n": 49999})));
    }
}
