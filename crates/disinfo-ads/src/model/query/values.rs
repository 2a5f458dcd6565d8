//! Parameter values as the platforms write them: Meta's URL forms (`ad_reached_countries=['FR']`,
//! `fields=id,page_name`), JSON arrays, TikTok's `20230102` dates. Each reader gives the value in
//! this crate's form or says, naming the parameter, what it expected and what it found.

use chrono::NaiveDate;
use serde_json::Value;

/// Values quoted in messages are cut to this many characters.
const QUOTED: usize = 40;

/// `s` cut to 40 characters, for messages.
pub fn shorten(s: &str) -> String {
    match s.char_indices().nth(QUOTED) {
        Some((end, _)) => format!("{}…", &s[..end]),
        None => s.to_owned(),
    }
}

/// What `v` is, for messages (`the number 7`, `an object`).
fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {}", shorten(&n.to_string())),
        Value::String(s) => format!("the text \"{}\"", shorten(s)),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn expected(name: &str, what: &str, v: &Value) -> String {
    format!("`{name}`: expected {what}, found {}", found(v))
}

/// The items of a list written as text: Meta's `['FR', 'DE']` or `["FR"]`, `FR,DE`, or `FR`.
fn text_items(s: &str) -> Vec<String> {
    let s = s.trim();
    let inner = s
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or(s);
    inner
        .split(',')
        .map(|item| item.trim().trim_matches(['\'', '"']).trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// A list of texts: a JSON array of strings or a list written as text; with `numbers`, numbers
/// are taken as their digits (ids).
fn text_list(name: &str, what: &str, v: &Value, numbers: bool) -> Result<Vec<String>, String> {
    match v {
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.trim().to_owned()),
                Value::Number(n) if numbers => Ok(n.to_string()),
                other => Err(format!(
                    "`{name}`: expected {what}, found {} in the array",
                    found(other)
                )),
            })
            .collect(),
        Value::String(s) => Ok(text_items(s)),
        Value::Number(n) if numbers => Ok(vec![n.to_string()]),
        other => Err(expected(name, what, other)),
    }
}

/// Countries: ISO 3166-1 alpha-2 codes (upper-cased) or `ALL`, as an array, Meta's string forms
/// (`"['FR']"`, `"[\"FR\"]"`, `"FR,DE"`) or one code.
pub fn countries(name: &str, v: &Value) -> Result<Vec<String>, String> {
    const WHAT: &str =
        "country codes (an array such as [\"FR\"], Meta's text \"['FR']\" or one code \"FR\")";
    let codes = text_list(name, WHAT, v, false)?;
    codes
        .into_iter()
        .map(|code| {
            let upper = code.to_ascii_uppercase();
            let is_code = upper.len() == 2 && upper.bytes().all(|b| b.is_ascii_uppercase());
            if is_code || upper == "ALL" {
                Ok(upper)
            } else {
                Err(format!(
                    "`{name}`: `{}` is not a two-letter ISO 3166-1 country code or ALL",
                    shorten(&code)
                ))
            }
        })
        .collect()
}

/// Page, advertiser or business ids: an array of strings or numbers, or a list written as text.
pub fn ids(name: &str, v: &Value) -> Result<Vec<String>, String> {
    text_list(name, "ids (an array of strings or numbers)", v, true)
}

/// Field names: an array of strings or a comma-separated text (`id,page_name`).
pub fn fields(name: &str, v: &Value) -> Result<Vec<String>, String> {
    text_list(name, "field names (an array or \"id,page_name\")", v, false)
}

/// A text.
pub fn text(name: &str, v: &Value) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        other => Err(expected(name, "a text", other)),
    }
}

/// Active status: `ACTIVE`, `INACTIVE` or `ALL`, in any case.
pub fn status(name: &str, v: &Value) -> Result<String, String> {
    let s = text(name, v)?.trim().to_ascii_uppercase();
    match s.as_str() {
        "ACTIVE" | "INACTIVE" | "ALL" => Ok(s),
        _ => Err(format!(
            "`{name}`: `{}` is not an active status; use ACTIVE, INACTIVE or ALL",
            shorten(&s)
        )),
    }
}

/// A date as `YYYY-MM-DD`, from `YYYY-MM-DD` (Meta) or `YYYYMMDD` (TikTok, text or number).
pub fn date(name: &str, v: &Value) -> Result<String, String> {
    let s = match v {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        other => return Err(expected(name, "a date such as \"2019-05-20\"", other)),
    };
    let parsed = NaiveDate::parse_from_str(&s, "%Y-%m-%d").or_else(|e| {
        if s.len() == 8 {
            NaiveDate::parse_from_str(&s, "%Y%m%d")
        } else {
            Err(e)
        }
    });
    parsed
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            format!(
                "`{name}`: `{}` is not a date; write 2019-05-20 (or 20190520)",
                shorten(&s)
            )
        })
}

/// A count: a non-negative integer, or one written as text (`"2500"`).
pub fn count(name: &str, v: &Value) -> Result<u64, String> {
    let n = match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    n.ok_or_else(|| expected(name, "a non-negative integer", v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn meta_country_forms_read_alike() {
        for v in [
            json!(["FR"]),
            json!("['FR']"),
            json!("[\"FR\"]"),
            json!("FR"),
            json!(" fr "),
            json!(["fr"]),
        ] {
            assert_eq!(
                countries("ad_reached_countries", &v),
                Ok(vec!["FR".into()]),
                "{v}"
            );
        }
        assert_eq!(
            countries("c", &json!("['FR', 'DE']")),
            Ok(vec!["FR".into(), "DE".into()])
        );
        assert_eq!(countries("c", &json!("[]")), Ok(vec![]));
        assert_eq!(countries("c", &json!("ALL")), Ok(vec!["ALL".into()]));
    }

    #[test]
    fn wrong_country_values_say_what_was_found() {
        let e = countries("ad_reached_countries", &json!(7)).expect_err("number");
        assert!(
            e.contains("`ad_reached_countries`") && e.contains("the number 7"),
            "{e}"
        );
        let e = countries("c", &json!({"FR": 1})).expect_err("object");
        assert!(e.contains("an object"), "{e}");
        let e = countries("c", &json!(["FR", true])).expect_err("boolean item");
        assert!(e.contains("the boolean true"), "{e}");
        let e = countries("c", &json!("France")).expect_err("name");
        assert!(e.contains("`France` is not a two-letter"), "{e}");
        let long = "x".repeat(10_000);
        let e = countries("c", &json!(long)).expect_err("long");
        assert!(e.len() < 200, "{e}");
    }

    #[test]
    fn statuses_dates_counts_and_lists() {
        assert_eq!(status("s", &json!("active")), Ok("ACTIVE".into()));
        assert!(status("s", &json!("RUNNING")).is_err());
        assert!(status("s", &json!(1)).is_err());
        assert_eq!(date("d", &json!("2019-05-20")), Ok("2019-05-20".into()));
        assert_eq!(date("d", &json!(20230102)), Ok("2023-01-02".into()));
        assert_eq!(date("d", &json!("20230102")), Ok("2023-01-02".into()));
        assert!(date("d", &json!("2019-02-30")).is_err());
        assert!(date("d", &json!("tomorrow")).is_err());
        assert_eq!(count("limit", &json!("2500")), Ok(2500));
        assert!(count("limit", &json!(-1)).is_err());
        assert!(count("limit", &json!(1.5)).is_err());
        assert_eq!(
            fields("fields", &json!("id, page_name,ad_creative_bodies")),
            Ok(vec![
                "id".into(),
                "page_name".into(),
                "ad_creative_bodies".into()
            ])
        );
        assert_eq!(
            ids("search_page_ids", &json!([123, "456"])),
            Ok(vec!["123".into(), "456".into()])
        );
        assert_eq!(
            ids("search_page_ids", &json!("[123,456]")),
            Ok(vec!["123".into(), "456".into()])
        );
    }
}
