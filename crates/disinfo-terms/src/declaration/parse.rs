//! Validation of OTA declarations against OTA's schema (`service.schema.js`,
//! `service.history.schema.js`, `definitions.js` of the engine), with precise errors.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::types::{TERMS_TYPES, did_you_mean, is_terms_type};
use super::{
    Boundary, FilterSpec, RangeSelector, Selector, Selectors, ServiceDeclaration, SourceDocument,
    Terms,
};
use crate::{Error, Result};

const SERVICE_KEYS: &[&str] = &["name", "terms", "importedFrom"];
const SOURCE_KEYS: &[&str] = &[
    "fetch",
    "select",
    "filter",
    "remove",
    "executeClientScripts",
];
const COMBINE_KEYS: &[&str] = &[
    "combine",
    "select",
    "filter",
    "remove",
    "executeClientScripts",
];
const RANGE_KEYS: &[&str] = &["startBefore", "startAfter", "endBefore", "endAfter"];

static PDF_LOCATION: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^https?://.+.[pP][dD][fF](\?.+)?$").ok());

fn ptr(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}

fn invalid(file: &str, pointer: &str, message: impl Into<String>) -> Error {
    Error::DeclarationInvalid {
        file: file.into(),
        pointer: display_pointer(pointer),
        message: message.into(),
    }
}

fn display_pointer(pointer: &str) -> String {
    if pointer.is_empty() {
        "/".into()
    } else {
        pointer.into()
    }
}

fn parse_json(json: &str, file: &str) -> Result<Value> {
    serde_json::from_str(json).map_err(|e| Error::DeclarationSyntax {
        file: file.into(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

fn object<'a>(
    value: &'a Value,
    file: &str,
    pointer: &str,
    what: &str,
) -> Result<&'a Map<String, Value>> {
    value.as_object().ok_or_else(|| {
        invalid(
            file,
            pointer,
            format!("{what} must be a JSON object, found {}", kind(value)),
        )
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn check_keys(map: &Map<String, Value>, allowed: &[&str], file: &str, pointer: &str) -> Result<()> {
    for key in map.keys() {
        if !allowed.contains(&key.as_str()) {
            return Err(Error::UnknownKey {
                file: file.into(),
                pointer: display_pointer(pointer),
                key: key.clone(),
                suggestion: did_you_mean(key, allowed),
                allowed: allowed.join(", "),
            });
        }
    }
    Ok(())
}

/// Parses a service file (`<Service>.json`).
pub fn service(json: &str, file: &str) -> Result<ServiceDeclaration> {
    let value = parse_json(json, file)?;
    let map = object(&value, file, "", "a service declaration")?;
    check_keys(map, SERVICE_KEYS, file, "")?;
    let name = match map.get("name") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(invalid(
                file,
                "/name",
                format!("`name` must be a string, found {}", kind(other)),
            ));
        }
        None => {
            return Err(invalid(
                file,
                "",
                "missing required key `name` (the service's public name)",
            ));
        }
    };
    let imported_from = match map.get("importedFrom") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(invalid(
                file,
                "/importedFrom",
                format!("`importedFrom` must be a string, found {}", kind(other)),
            ));
        }
    };
    let terms_value = map
        .get("terms")
        .ok_or_else(|| invalid(file, "", "missing required key `terms`"))?;
    let terms_map = object(terms_value, file, "/terms", "`terms`")?;
    let mut terms = BTreeMap::new();
    for (terms_type, decl) in terms_map {
        let pointer = ptr("/terms", terms_type);
        check_terms_type(terms_type, file, &pointer)?;
        terms.insert(
            terms_type.clone(),
            terms_declaration(decl, file, &pointer, false)?,
        );
    }
    Ok(ServiceDeclaration {
        id: service_id(file),
        name,
        imported_from,
        terms,
        history: BTreeMap::new(),
    })
}

/// Parses a history file (`<Service>.history.json`).
pub fn history(json: &str, file: &str) -> Result<BTreeMap<String, Vec<Terms>>> {
    let value = parse_json(json, file)?;
    let map = object(&value, file, "", "a history declaration")?;
    let mut out = BTreeMap::new();
    for (terms_type, entries) in map {
        let pointer = ptr("", terms_type);
        check_terms_type(terms_type, file, &pointer)?;
        let Value::Array(items) = entries else {
            return Err(invalid(
                file,
                &pointer,
                format!("history entries must be an array, found {}", kind(entries)),
            ));
        };
        let mut list = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            list.push(terms_declaration(
                item,
                file,
                &format!("{pointer}/{i}"),
                true,
            )?);
        }
        out.insert(terms_type.clone(), list);
    }
    Ok(out)
}

/// Parses one terms declaration of a service file (`pointer`, e.g. `/terms/Imprint`, names it in
/// errors), so that a reader can keep the other terms of a file where one is invalid.
pub fn terms_entry(terms_type: &str, value: &Value, file: &str, pointer: &str) -> Result<Terms> {
    check_terms_type(terms_type, file, pointer)?;
    terms_declaration(value, file, pointer, false)
}

/// Parses one entry of a history file (`pointer`, e.g. `/Imprint/0`, names it in errors), so that
/// a reader can keep the other entries where one is invalid.
pub fn history_entry(terms_type: &str, value: &Value, file: &str, pointer: &str) -> Result<Terms> {
    check_terms_type(terms_type, file, pointer)?;
    terms_declaration(value, file, pointer, true)
}

fn service_id(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.strip_suffix(".history.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(name)
        .to_string()
}

fn check_terms_type(terms_type: &str, file: &str, pointer: &str) -> Result<()> {
    if is_terms_type(terms_type) {
        return Ok(());
    }
    Err(Error::UnknownTermsType {
        file: file.into(),
        pointer: display_pointer(pointer),
        terms_type: terms_type.into(),
        suggestion: did_you_mean(terms_type, TERMS_TYPES),
    })
}

fn valid_until(
    map: &Map<String, Value>,
    file: &str,
    pointer: &str,
    required: bool,
) -> Result<Option<chrono::DateTime<chrono::FixedOffset>>> {
    match map.get("validUntil") {
        None if required => Err(invalid(
            file,
            pointer,
            "missing required key `validUntil` (an RFC 3339 date-time)",
        )),
        None => Ok(None),
        Some(Value::String(s)) => chrono::DateTime::parse_from_rfc3339(s)
            .map(Some)
            .map_err(|e| {
                invalid(
                    file,
                    &ptr(pointer, "validUntil"),
                    format!("`validUntil` \"{s}\" is not an RFC 3339 date-time ({e})"),
                )
            }),
        Some(other) => Err(invalid(
            file,
            &ptr(pointer, "validUntil"),
            format!("`validUntil` must be a string, found {}", kind(other)),
        )),
    }
}

/// One terms declaration: single source document, `combine`, or PDF document.
fn terms_declaration(value: &Value, file: &str, pointer: &str, in_history: bool) -> Result<Terms> {
    let map = object(value, file, pointer, "a terms declaration")?;
    let extra: &[&str] = if in_history { &["validUntil"] } else { &[] };
    if map.contains_key("combine") {
        let allowed: Vec<&str> = COMBINE_KEYS.iter().chain(extra).copied().collect();
        check_keys(map, &allowed, file, pointer)?;
        let until = valid_until(map, file, pointer, false)?;
        let defaults = source_fields(map, file, pointer)?;
        let combine_ptr = ptr(pointer, "combine");
        let Some(Value::Array(items)) = map.get("combine") else {
            return Err(invalid(
                file,
                &combine_ptr,
                "`combine` must be an array of source documents",
            ));
        };
        let mut docs = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let p = format!("{combine_ptr}/{i}");
            let m = object(item, file, &p, "a source document")?;
            check_keys(m, SOURCE_KEYS, file, &p)?;
            let own = source_fields(m, file, &p)?;
            let location = fetch(m, file, &p)?;
            docs.push(SourceDocument {
                location,
                select: own.select.or_else(|| defaults.select.clone()),
                remove: own.remove.or_else(|| defaults.remove.clone()),
                filters: own
                    .filters
                    .or_else(|| defaults.filters.clone())
                    .unwrap_or_default(),
                execute_client_scripts: own.execute.or(defaults.execute).unwrap_or(false),
                pdf: false,
            });
        }
        return Ok(Terms {
            source_documents: docs,
            combined: true,
            valid_until: until,
        });
    }
    let allowed: Vec<&str> = SOURCE_KEYS.iter().chain(extra).copied().collect();
    check_keys(map, &allowed, file, pointer)?;
    let until = valid_until(map, file, pointer, in_history)?;
    let location_value = map.get("fetch");
    let is_pdf_form = map.keys().all(|k| k == "fetch" || k == "validUntil")
        && matches!(location_value, Some(Value::String(s)) if is_pdf_location(s));
    let location = fetch(map, file, pointer)?;
    if is_pdf_form {
        return Ok(Terms {
            source_documents: vec![SourceDocument {
                location,
                select: None,
                remove: None,
                filters: Vec::new(),
                execute_client_scripts: false,
                pdf: true,
            }],
            combined: false,
            valid_until: until,
        });
    }
    let fields = source_fields(map, file, pointer)?;
    let Some(select) = fields.select else {
        return Err(invalid(
            file,
            pointer,
            "missing required key `select` (a CSS selector, a range object or an array); only a PDF document (a `fetch` URL ending in .pdf) may omit it",
        ));
    };
    Ok(Terms {
        source_documents: vec![SourceDocument {
            location,
            select: Some(select),
            remove: fields.remove,
            filters: fields.filters.unwrap_or_default(),
            execute_client_scripts: fields.execute.unwrap_or(false),
            pdf: false,
        }],
        combined: false,
        valid_until: until,
    })
}

/// True when OTA's `pdfLocation` pattern matches.
pub fn is_pdf_location(url: &str) -> bool {
    PDF_LOCATION.as_ref().is_some_and(|re| re.is_match(url))
}

struct Fields {
    select: Option<Selectors>,
    remove: Option<Selectors>,
    filters: Option<Vec<FilterSpec>>,
    execute: Option<bool>,
}

fn source_fields(map: &Map<String, Value>, file: &str, pointer: &str) -> Result<Fields> {
    let select = map
        .get("select")
        .map(|v| selectors(v, file, &ptr(pointer, "select")))
        .transpose()?;
    let remove = map
        .get("remove")
        .map(|v| selectors(v, file, &ptr(pointer, "remove")))
        .transpose()?;
    let filters = map
        .get("filter")
        .map(|v| filter_list(v, file, &ptr(pointer, "filter")))
        .transpose()?;
    let execute = match map.get("executeClientScripts") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => {
            return Err(invalid(
                file,
                &ptr(pointer, "executeClientScripts"),
                format!(
                    "`executeClientScripts` must be true or false, found {}",
                    kind(other)
                ),
            ));
        }
    };
    Ok(Fields {
        select,
        remove,
        filters,
        execute,
    })
}

fn fetch(map: &Map<String, Value>, file: &str, pointer: &str) -> Result<String> {
    let p = ptr(pointer, "fetch");
    match map.get("fetch") {
        None => Err(invalid(
            file,
            pointer,
            "missing required key `fetch` (the URL of the document)",
        )),
        Some(Value::String(s)) => {
            check_uri(s).map_err(|message| Error::InvalidUrl {
                file: file.into(),
                pointer: p,
                url: s.clone(),
                message,
            })?;
            Ok(s.clone())
        }
        Some(other) => Err(invalid(
            file,
            &p,
            format!("`fetch` must be a URL string, found {}", kind(other)),
        )),
    }
}

/// The `uri` format as ajv-formats checks it: an absolute RFC 3986 URI (ASCII only, no spaces).
pub fn check_uri(s: &str) -> std::result::Result<(), String> {
    let Some((scheme, _)) = s.split_once(':') else {
        return Err("not an absolute URI (no scheme); write it as https://...".into());
    };
    let mut chars = scheme.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return Err(format!("invalid scheme \"{scheme}\""));
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let ok = bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
            if !ok {
                return Err(format!("invalid percent-escape at byte {i}"));
            }
            i += 3;
            continue;
        }
        let allowed = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?#[]".contains(&b);
        if !allowed {
            let c = s[i..].chars().next().unwrap_or('?');
            return Err(format!(
                "character {c:?} at byte {i} must be percent-encoded"
            ));
        }
        i += 1;
    }
    url::Url::parse(s).map(|_| ()).map_err(|e| e.to_string())
}

/// Parses a `filter` list (names, or `{name: params}` objects of exactly one key) at `pointer` of `file`.
pub fn filter_list(value: &Value, file: &str, pointer: &str) -> Result<Vec<FilterSpec>> {
    let Value::Array(items) = value else {
        return Err(invalid(
            file,
            pointer,
            format!(
                "`filter` must be an array of filter names, found {}",
                kind(value)
            ),
        ));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = format!("{pointer}/{i}");
        match item {
            Value::String(s) if single_line_non_empty(s) => out.push(FilterSpec {
                name: s.clone(),
                params: None,
            }),
            Value::String(_) => {
                return Err(invalid(
                    file,
                    &p,
                    "a filter name must be a non-empty single-line string",
                ));
            }
            Value::Object(m) if m.len() == 1 => {
                let (name, params) = m
                    .iter()
                    .next()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .unwrap_or_default();
                out.push(FilterSpec {
                    name,
                    params: Some(params),
                });
            }
            Value::Object(m) => {
                return Err(invalid(
                    file,
                    &p,
                    format!(
                        "a filter with parameters must be an object with exactly one key (the filter name), found {} keys",
                        m.len()
                    ),
                ));
            }
            other => {
                return Err(invalid(
                    file,
                    &p,
                    format!(
                        "a filter must be a name or {{name: params}}, found {}",
                        kind(other)
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// OTA's `cssSelector` pattern `^.+$`: non-empty and no line terminator.
fn single_line_non_empty(s: &str) -> bool {
    !s.is_empty()
        && !s
            .chars()
            .any(|c| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'))
}

fn css(value: &Value, file: &str, pointer: &str) -> Result<String> {
    match value {
        Value::String(s) if single_line_non_empty(s) => Ok(s.clone()),
        Value::String(_) => Err(invalid(
            file,
            pointer,
            "a CSS selector must be a non-empty single-line string",
        )),
        other => Err(invalid(
            file,
            pointer,
            format!("expected a CSS selector string, found {}", kind(other)),
        )),
    }
}

fn range(map: &Map<String, Value>, file: &str, pointer: &str) -> Result<RangeSelector> {
    let get = |k: &str| -> Result<Option<String>> {
        map.get(k)
            .map(|v| css(v, file, &ptr(pointer, k)))
            .transpose()
    };
    let (sb, sa, eb, ea) = (
        get("startBefore")?,
        get("startAfter")?,
        get("endBefore")?,
        get("endAfter")?,
    );
    let range_err = |message: String| Error::InvalidRange {
        file: file.into(),
        pointer: display_pointer(pointer),
        message,
    };
    let start = match (sb, sa) {
        (Some(s), None) => Boundary::Before(s),
        (None, Some(s)) => Boundary::After(s),
        (Some(_), Some(_)) => {
            return Err(range_err(
                "has both `startBefore` and `startAfter`; keep exactly one".into(),
            ));
        }
        (None, None) => {
            let unknown: Vec<&String> = map
                .keys()
                .filter(|k| !RANGE_KEYS.contains(&k.as_str()))
                .collect();
            let hint = unknown
                .first()
                .map(|k| format!(" (unknown key `{k}`{})", did_you_mean(k, RANGE_KEYS)))
                .unwrap_or_default();
            return Err(range_err(format!(
                "needs `startBefore` or `startAfter`{hint}"
            )));
        }
    };
    let end = match (eb, ea) {
        (Some(s), None) => Boundary::Before(s),
        (None, Some(s)) => Boundary::After(s),
        (Some(_), Some(_)) => {
            return Err(range_err(
                "has both `endBefore` and `endAfter`; keep exactly one".into(),
            ));
        }
        (None, None) => {
            let unknown: Vec<&String> = map
                .keys()
                .filter(|k| !RANGE_KEYS.contains(&k.as_str()))
                .collect();
            let hint = unknown
                .first()
                .map(|k| format!(" (unknown key `{k}`{})", did_you_mean(k, RANGE_KEYS)))
                .unwrap_or_default();
            return Err(range_err(format!("needs `endBefore` or `endAfter`{hint}")));
        }
    };
    Ok(RangeSelector { start, end })
}

fn selector(value: &Value, file: &str, pointer: &str) -> Result<Selector> {
    match value {
        Value::Object(m) => Ok(Selector::Range(range(m, file, pointer)?)),
        other => Ok(Selector::Css(css(other, file, pointer)?)),
    }
}

/// Parses a `select`/`remove` value (a CSS selector, a range object, or an array of both).
pub fn selectors(value: &Value, file: &str, pointer: &str) -> Result<Selectors> {
    match value {
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                if item.is_array() {
                    return Err(invalid(
                        file,
                        &format!("{pointer}/{i}"),
                        "nested arrays are not allowed in selectors",
                    ));
                }
                out.push(selector(item, file, &format!("{pointer}/{i}"))?);
            }
            Ok(Selectors {
                items: out,
                is_array: true,
            })
        }
        other => Ok(Selectors {
            items: vec![selector(other, file, pointer)?],
            is_array: false,
        }),
    }
}
