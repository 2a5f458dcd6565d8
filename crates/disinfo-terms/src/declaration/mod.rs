//! Open Terms Archive declarations, read unchanged.
//!
//! - [`parse`]: validation of service files and history files against OTA's schema, with errors
//!   that name the file, the JSON pointer and what to do.
//! - [`types`]: OTA's list of terms types and typo suggestions.
//! - [`corpus`]: loading a whole declarations directory, counting what loads and what is rejected.
//!
//! ```
//! use disinfo_terms::declaration::ServiceDeclaration;
//!
//! let json = r#"{"name": "Demo", "terms": {"Terms of Service": {
//!     "fetch": "https://example.com/tos", "select": "main", "remove": [".ads"]}}}"#;
//! let service = ServiceDeclaration::parse(json, "Demo.json").expect("valid declaration");
//! let terms = service.terms_at("Terms of Service", None).expect("declared");
//! assert_eq!(terms.source_documents[0].location, "https://example.com/tos");
//! ```

pub mod corpus;
pub mod parse;
pub mod types;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Where a range starts or ends: before or after the first node a CSS selector matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Boundary {
    /// Before the matched node (`startBefore` / `endBefore`).
    Before(String),
    /// After the matched node (`startAfter` / `endAfter`).
    After(String),
}

impl Boundary {
    /// The CSS selector.
    pub fn selector(&self) -> &str {
        match self {
            Boundary::Before(s) | Boundary::After(s) => s,
        }
    }
}

/// A range selector: the DOM range between two nodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RangeSelector {
    /// The start of the range.
    pub start: Boundary,
    /// The end of the range.
    pub end: Boundary,
}

impl RangeSelector {
    /// The range in OTA's JSON syntax (`{"startBefore": ..., "endAfter": ...}`).
    pub fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        let (k, v) = match &self.start {
            Boundary::Before(s) => ("startBefore", s),
            Boundary::After(s) => ("startAfter", s),
        };
        map.insert(k.into(), v.clone().into());
        let (k, v) = match &self.end {
            Boundary::Before(s) => ("endBefore", s),
            Boundary::After(s) => ("endAfter", s),
        };
        map.insert(k.into(), v.clone().into());
        serde_json::Value::Object(map)
    }
}

/// One `select` / `remove` item: a CSS selector or a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Selector {
    /// A CSS selector string.
    Css(String),
    /// A range selector object.
    Range(RangeSelector),
}

/// A `select` or `remove` value: one selector or an array (the form is kept for error messages).
/// Serialised in OTA's JSON syntax (a string, a range object, or an array).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "serde_json::Value", try_from = "serde_json::Value")]
pub struct Selectors {
    /// The selectors, in declared order.
    pub items: Vec<Selector>,
    /// True when declared as an array.
    pub is_array: bool,
}

impl Selectors {
    /// One CSS selector.
    pub fn css(selector: &str) -> Self {
        Selectors {
            items: vec![Selector::Css(selector.to_string())],
            is_array: false,
        }
    }

    /// Parses OTA's JSON syntax (a string, a range object, or an array of both).
    pub fn from_json(value: &serde_json::Value) -> Result<Self> {
        parse::selectors(value, "<argument>", "")
    }

    /// Parses a command-line value: JSON when it starts with `[` or `{`, a CSS selector otherwise.
    pub fn from_arg(text: &str) -> Result<Self> {
        let trimmed = text.trim_start();
        if trimmed.starts_with('[') || trimmed.starts_with('{') {
            let value: serde_json::Value =
                serde_json::from_str(text).map_err(|e| Error::DeclarationSyntax {
                    file: "<argument>".into(),
                    line: e.line(),
                    column: e.column(),
                    message: e.to_string(),
                })?;
            Self::from_json(&value)
        } else {
            Self::from_json(&serde_json::Value::String(text.to_string()))
        }
    }

    /// The value in OTA's JSON syntax.
    pub fn to_json(&self) -> serde_json::Value {
        let items: Vec<serde_json::Value> = self
            .items
            .iter()
            .map(|s| match s {
                Selector::Css(c) => serde_json::Value::String(c.clone()),
                Selector::Range(r) => r.to_json(),
            })
            .collect();
        if !self.is_array && items.len() == 1 {
            items.into_iter().next().unwrap_or(serde_json::Value::Null)
        } else {
            serde_json::Value::Array(items)
        }
    }

    /// True when there is no selector.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl schemars::JsonSchema for Selectors {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Selectors".into()
    }

    /// OTA's syntax: a CSS selector, a range object, or an array of both. The range object is
    /// left open (`additionalProperties`) so that its keys are checked by OTA's own rules, which
    /// name the file, the pointer and the accepted keys (`invalid_range`).
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let range = serde_json::json!({
            "type": "object",
            "title": "RangeSelector",
            "description": "The DOM range between two nodes: one of `startBefore`/`startAfter` and one of `endBefore`/`endAfter`, each a CSS selector.",
            "properties": {
                "startBefore": {"type": "string"},
                "startAfter": {"type": "string"},
                "endBefore": {"type": "string"},
                "endAfter": {"type": "string"}
            },
            "additionalProperties": true
        });
        let item = serde_json::json!({"anyOf": [{"type": "string"}, range]});
        schemars::json_schema!({
            "description": "A CSS selector, a range selector, or an array of both (Open Terms Archive's syntax).",
            "anyOf": [{"type": "string"}, range, {"type": "array", "items": item}]
        })
    }
}

impl From<Selectors> for serde_json::Value {
    fn from(s: Selectors) -> Self {
        s.to_json()
    }
}

impl TryFrom<serde_json::Value> for Selectors {
    type Error = Error;
    fn try_from(v: serde_json::Value) -> Result<Self> {
        Selectors::from_json(&v)
    }
}

/// A `filter` item: a name, or `{name: params}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FilterSpec {
    /// The filter function name.
    pub name: String,
    /// Its parameters (OTA passes them as the second argument), if any.
    pub params: Option<serde_json::Value>,
}

impl FilterSpec {
    /// Parses a list of filters in OTA's syntax (names, or `{name: params}` objects of exactly
    /// one key), as a function argument: problems are `invalid_argument` errors on `filters`.
    pub fn list_from_json(value: &serde_json::Value) -> Result<Vec<FilterSpec>> {
        parse::filter_list(value, "<argument>", "").map_err(|e| match e {
            Error::DeclarationInvalid {
                pointer, message, ..
            } => {
                let index: String = pointer
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(|s| format!("[{s}]"))
                    .collect();
                Error::arg(format!("filters{index}"), message)
            }
            other => other,
        })
    }
}

/// A source document, with the `combine` defaults already applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SourceDocument {
    /// The URL to fetch (`fetch`), also the base of relative links.
    pub location: String,
    /// What to keep (`select`); `None` only for PDF documents.
    pub select: Option<Selectors>,
    /// What to drop first (`remove`).
    pub remove: Option<Selectors>,
    /// Filters, by name (`filter`).
    pub filters: Vec<FilterSpec>,
    /// Whether OTA runs the page's scripts before extracting (`executeClientScripts`).
    pub execute_client_scripts: bool,
    /// True when the declaration is OTA's `pdfDocument` form (only `fetch`, a `.pdf` URL).
    pub pdf: bool,
}

impl SourceDocument {
    /// A source document from a location and selectors (for ad-hoc extraction).
    pub fn new(location: &str, select: Selectors, remove: Option<Selectors>) -> Self {
        SourceDocument {
            location: location.to_string(),
            select: Some(select),
            remove,
            filters: Vec::new(),
            execute_client_scripts: false,
            pdf: false,
        }
    }
}

/// The declaration of one terms type: one or more source documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Terms {
    /// The source documents, in declared order (joined with `\n\n- - -\n\n` once extracted).
    pub source_documents: Vec<SourceDocument>,
    /// True when declared with `combine`.
    pub combined: bool,
    /// The last date this declaration applies to (history entries only), inclusive.
    pub valid_until: Option<DateTime<FixedOffset>>,
}

/// Separator OTA puts between the extracted source documents of combined terms.
pub const SOURCE_DOCUMENTS_SEPARATOR: &str = "\n\n- - -\n\n";

/// A service: its current declarations and, when a history file exists, the past ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ServiceDeclaration {
    /// The service id (file name without `.json`).
    pub id: String,
    /// The public name (`name`).
    pub name: String,
    /// `importedFrom`, when present.
    pub imported_from: Option<String>,
    /// Current declarations by terms type.
    pub terms: BTreeMap<String, Terms>,
    /// Past declarations by terms type, sorted by `valid_until`.
    pub history: BTreeMap<String, Vec<Terms>>,
}

impl ServiceDeclaration {
    /// Parses a service file's text; `file` names it in errors (its stem becomes the id).
    pub fn parse(json: &str, file: &str) -> Result<Self> {
        parse::service(json, file)
    }

    /// Adds a history file's text (`<Service>.history.json`).
    pub fn add_history(&mut self, json: &str, file: &str) -> Result<()> {
        let mut history = parse::history(json, file)?;
        for entries in history.values_mut() {
            entries.sort_by_key(|t| t.valid_until);
        }
        self.history = history;
        Ok(())
    }

    /// Reads `<Service>.json` and, if present beside it, `<Service>.history.json`.
    pub fn load(path: &Path) -> Result<Self> {
        let text = read(path)?;
        let mut service = Self::parse(&text, &path.display().to_string())?;
        let history_path = path.with_extension("history.json");
        if history_path.is_file() {
            let text = read(&history_path)?;
            service.add_history(&text, &history_path.display().to_string())?;
        }
        Ok(service)
    }

    /// The declaration in force at `at` (OTA's rule: the first history entry whose `validUntil`
    /// is at or after the date, else the current one); `None` means now (the current one).
    pub fn terms_at(&self, terms_type: &str, at: Option<DateTime<FixedOffset>>) -> Result<&Terms> {
        if let (Some(at), Some(entries)) = (at, self.history.get(terms_type))
            && let Some(t) = entries
                .iter()
                .find(|t| t.valid_until.is_some_and(|v| at <= v))
        {
            return Ok(t);
        }
        self.terms
            .get(terms_type)
            .ok_or_else(|| Error::TermsTypeNotDeclared {
                service: self.name.clone(),
                terms_type: terms_type.to_string(),
                declared: self.terms.keys().cloned().collect::<Vec<_>>().join(", "),
            })
    }
}

pub(crate) fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| disinfo_core::IoError::read(path.display(), e).into())
}

/// Parses an RFC 3339 date-time argument (`--at`, `at=`), with a typed error.
pub fn parse_date(text: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text).map_err(|e| {
        Error::arg(
            "at",
            format!(
                "\"{text}\" is not an RFC 3339 date-time ({e}); write e.g. 2024-05-01T00:00:00Z"
            ),
        )
    })
}
