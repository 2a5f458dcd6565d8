//! Reads a query as stored in `collection.json` — in this crate's names, Meta's, TikTok's or a
//! mix — into a [`Query`]: each member is interpreted, kept as sent, or (a credential) dropped.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::Query;
use super::params::{self, Canonical, Role};
use super::values;

/// The query read from the members of the `query` object.
pub fn from_map(map: Map<String, Value>) -> Result<Query, String> {
    let mut reader = Reader::default();
    for (key, value) in map {
        reader.member(key, value)?;
    }
    Ok(reader.query)
}

/// A canonical part's value, whatever its type, to compare two parameters that fill it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    List(Vec<String>),
    Text(String),
    Count(u64),
}

#[derive(Default)]
struct Reader {
    query: Query,
    /// The parameter that filled each part: a second one must say the same.
    filled: BTreeMap<Canonical, String>,
}

impl Reader {
    fn member(&mut self, path: String, value: Value) -> Result<(), String> {
        if params::is_container(&path) {
            return match value {
                Value::Object(members) => members
                    .into_iter()
                    .try_for_each(|(key, v)| self.member(format!("{path}.{key}"), v)),
                Value::Null => Ok(()),
                _ => Err(format!(
                    "`{path}`: expected an object of parameters (TikTok's request body), found {}",
                    kind(&value)
                )),
            };
        }
        match params::role(&path) {
            Some(Role::Canonical(part)) => self.canonical(part, path, &value),
            Some(Role::Filter) => {
                self.query.filters.insert(path, value);
                Ok(())
            }
            Some(Role::Request) => {
                self.query.request.insert(path, value);
                Ok(())
            }
            Some(Role::Secret) => {
                self.query.redacted.insert(path);
                Ok(())
            }
            None => {
                self.query.unmapped.insert(path, value);
                Ok(())
            }
        }
    }

    fn canonical(&mut self, part: Canonical, name: String, value: &Value) -> Result<(), String> {
        if value.is_null() {
            return Ok(());
        }
        let new = parse(part, &name, value)?;
        if let Some(first) = self.filled.get(&part) {
            if get(&self.query, part) != new {
                return Err(format!(
                    "`{first}` and `{name}` both give the {}, differently; keep one",
                    part.name().replace('_', " ")
                ));
            }
            return Ok(());
        }
        set(&mut self.query, part, new);
        self.filled.insert(part, name);
        Ok(())
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn parse(part: Canonical, name: &str, v: &Value) -> Result<Part, String> {
    Ok(match part {
        Canonical::Countries => Part::List(values::countries(name, v)?),
        Canonical::AdvertiserIds => Part::List(values::ids(name, v)?),
        Canonical::Fields => Part::List(values::fields(name, v)?),
        Canonical::ActiveStatus => Part::Text(values::status(name, v)?),
        Canonical::DateMin | Canonical::DateMax => Part::Text(values::date(name, v)?),
        Canonical::AdType | Canonical::SearchTerms => Part::Text(values::text(name, v)?),
        Canonical::PageSize => Part::Count(values::count(name, v)?),
    })
}

fn get(q: &Query, part: Canonical) -> Part {
    let text = |t: &Option<String>| Part::Text(t.clone().unwrap_or_default());
    match part {
        Canonical::Countries => Part::List(q.countries.clone()),
        Canonical::AdvertiserIds => Part::List(q.advertiser_ids.clone()),
        Canonical::Fields => Part::List(q.fields.clone()),
        Canonical::ActiveStatus => text(&q.active_status),
        Canonical::DateMin => text(&q.date_min),
        Canonical::DateMax => text(&q.date_max),
        Canonical::AdType => text(&q.ad_type),
        Canonical::SearchTerms => text(&q.search_terms),
        Canonical::PageSize => Part::Count(q.page_size.unwrap_or(0)),
    }
}

fn set(q: &mut Query, part: Canonical, value: Part) {
    match (part, value) {
        (Canonical::Countries, Part::List(v)) => q.countries = v,
        (Canonical::AdvertiserIds, Part::List(v)) => q.advertiser_ids = v,
        (Canonical::Fields, Part::List(v)) => q.fields = v,
        (Canonical::ActiveStatus, Part::Text(t)) => q.active_status = Some(t),
        (Canonical::DateMin, Part::Text(t)) => q.date_min = Some(t),
        (Canonical::DateMax, Part::Text(t)) => q.date_max = Some(t),
        (Canonical::AdType, Part::Text(t)) => q.ad_type = Some(t),
        (Canonical::SearchTerms, Part::Text(t)) => q.search_terms = Some(t),
        (Canonical::PageSize, Part::Count(n)) => q.page_size = Some(n),
        // `parse` gives each part its own kind of value.
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(v: Value) -> Result<Query, String> {
        match v {
            Value::Object(m) => from_map(m),
            _ => Err("not an object".into()),
        }
    }

    #[test]
    fn meta_query_names_fill_the_query() {
        let q = read(json!({
            "ad_reached_countries": "['FR']",
            "ad_active_status": "ALL",
            "ad_type": "POLITICAL_AND_ISSUE_ADS",
            "search_terms": "'europe'",
            "search_page_ids": [123, 456],
            "ad_delivery_date_min": "2019-05-01",
            "ad_delivery_date_max": "2019-05-26",
            "fields": "id,page_name,funding_entity",
            "limit": 2500,
            "search_type": "KEYWORD_EXACT_PHRASE",
            "languages": ["fr"],
            "publisher_platforms": ["FACEBOOK"],
            "unmask_removed_content": true,
            "after": "c2a",
            "access_token": "EAAB-secret",
            "collector_note": {"by": "team"}
        }))
        .expect("meta query");
        assert_eq!(q.countries, ["FR"]);
        assert_eq!(q.active_status.as_deref(), Some("ALL"));
        assert_eq!(q.ad_type.as_deref(), Some("POLITICAL_AND_ISSUE_ADS"));
        assert_eq!(q.search_terms.as_deref(), Some("'europe'"));
        assert_eq!(q.advertiser_ids, ["123", "456"]);
        assert_eq!(
            (q.date_min.as_deref(), q.date_max.as_deref()),
            (Some("2019-05-01"), Some("2019-05-26"))
        );
        assert_eq!(q.fields, ["id", "page_name", "funding_entity"]);
        assert_eq!(q.page_size, Some(2500));
        let filters: Vec<&str> = q.filters.keys().map(String::as_str).collect();
        assert_eq!(
            filters,
            [
                "languages",
                "publisher_platforms",
                "search_type",
                "unmask_removed_content"
            ]
        );
        assert_eq!(q.request.get("after"), Some(&json!("c2a")));
        assert!(q.redacted.contains("access_token"));
        assert_eq!(
            q.unmapped.get("collector_note"),
            Some(&json!({"by": "team"}))
        );
        let text = format!("{q:?}");
        assert!(!text.contains("EAAB-secret"), "the token reached {text}");
    }

    #[test]
    fn tiktok_query_names_fill_the_query() {
        let q = read(json!({
            "filters": {
                "ad_published_date_range": {"min": "20230102", "max": 20230109},
                "country_code": "fr",
                "advertiser_business_ids": [21836478203048u64],
                "unique_users_seen_size_range": {"min": "10K", "max": "1M"},
                "unknown_filter": 1
            },
            "search_term": "coffee",
            "search_type": "fuzzy_phrase",
            "max_count": 50,
            "search_id": "abc",
            "fields": "ad.id,ad.first_shown_date"
        }))
        .expect("tiktok query");
        assert_eq!(q.countries, ["FR"]);
        assert_eq!(q.date_min.as_deref(), Some("2023-01-02"));
        assert_eq!(q.date_max.as_deref(), Some("2023-01-09"));
        assert_eq!(q.advertiser_ids, ["21836478203048"]);
        assert_eq!(q.search_terms.as_deref(), Some("coffee"));
        assert_eq!(q.page_size, Some(50));
        assert!(
            q.filters
                .contains_key("filters.unique_users_seen_size_range")
        );
        assert!(q.request.contains_key("search_id"));
        assert!(q.unmapped.contains_key("filters.unknown_filter"));
    }

    #[test]
    fn two_names_for_one_part_must_agree() {
        let q = read(json!({"countries": ["FR"], "ad_reached_countries": "['FR']"}));
        assert_eq!(q.map(|q| q.countries), Ok(vec!["FR".to_owned()]));
        let e = read(json!({"countries": ["FR"], "ad_reached_countries": "['DE']"}))
            .expect_err("disagree");
        assert!(
            e.contains("`ad_reached_countries`") && e.contains("`countries`"),
            "{e}"
        );
    }

    #[test]
    fn wrong_types_are_errors_that_name_the_parameter() {
        for (v, name) in [
            (json!({"ad_reached_countries": 7}), "ad_reached_countries"),
            (
                json!({"ad_reached_countries": {"FR": true}}),
                "ad_reached_countries",
            ),
            (json!({"ad_active_status": "SOMETIMES"}), "ad_active_status"),
            (json!({"limit": "many"}), "limit"),
            (json!({"filters": [1]}), "filters"),
            (
                json!({"filters": {"ad_published_date_range": "2023"}}),
                "filters.ad_published_date_range",
            ),
            (json!({"search_terms": ["a"]}), "search_terms"),
        ] {
            let e = read(v.clone()).expect_err("wrong type");
            assert!(e.contains(&format!("`{name}`")), "{v}: {e}");
        }
        // null is "not given".
        assert_eq!(
            read(json!({"ad_reached_countries": null})),
            Ok(Query::default())
        );
    }
}
