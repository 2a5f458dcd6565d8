//! Snapshot → version: OTA's extraction pipeline.
//!
//! In OTA's order: decode the bytes ([`decode`]), parse with scripting enabled
//! ([`dom`]), run the before hook and the filters ([`filters`]), make link URLs absolute, drop
//! `script`/`style`, clean Cloudflare e-mail protection ([`clean`]), apply `remove` then `select`
//! ([`select`]), render Markdown ([`crate::markdown`]), run the after hook. PDF snapshots go to
//! [`crate::pdf`].
//!
//! The entry point for one source document is [`extract`]:
//!
//! ```
//! use disinfo_terms::declaration::{Selectors, SourceDocument};
//! use disinfo_terms::extract::{extract, ExtractOptions};
//!
//! let html = b"<main><h1>Terms</h1><p>See <a href='/privacy'>privacy</a>.</p></main>";
//! let source = SourceDocument::new("https://example.com/tos", Selectors::css("main"), None);
//! let md = extract(html, Some("text/html"), &source, &ExtractOptions::default()).expect("extracts");
//! assert_eq!(md, "Terms\n=====\n\nSee [privacy](https://example.com/privacy).");
//! ```

pub mod batch;
pub mod clean;
pub mod decode;
pub mod depth;
pub mod dom;
pub mod filters;
pub mod select;

use serde::{Deserialize, Serialize};
use url::Url;

pub use filters::{DEFAULT_TRACKING_PARAMS, KNOWN_FILTERS};

use crate::declaration::{SOURCE_DOCUMENTS_SEPARATOR, SourceDocument, Terms};
use crate::markdown::{self, Flavor};
use crate::{Error, Result};

/// Default size limit of a snapshot: 100 MiB.
pub const DEFAULT_MAX_BYTES: usize = 100 * 1024 * 1024;

/// Default nesting limit (estimated before parsing, see [`depth`]).
pub const DEFAULT_MAX_DEPTH: usize = 4096;

/// Options of an extraction. JSON: `{"flavor": "ota", "max_bytes": 104857600}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(rename = "ExtractionSettings")]
pub struct ExtractOptions {
    /// Markdown flavour (default `ota`).
    pub flavor: Flavor,
    /// Snapshots larger than this are refused with `input_too_large` (default 100 MiB).
    pub max_bytes: usize,
    /// Query parameters the canonical flavour removes (default [`DEFAULT_TRACKING_PARAMS`]).
    pub tracking_params: Option<Vec<String>>,
    /// Pages nested deeper than this are refused with `nesting_too_deep` (default 4096).
    pub max_depth: usize,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            flavor: Flavor::Ota,
            max_bytes: DEFAULT_MAX_BYTES,
            tracking_params: None,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

impl ExtractOptions {
    /// Options for a flavour, other fields by default.
    pub fn with_flavor(flavor: Flavor) -> Self {
        ExtractOptions {
            flavor,
            ..Self::default()
        }
    }
}

/// A caller hook: text in, text out, or an error message.
pub type Hook<'a> = &'a dyn Fn(&str) -> std::result::Result<String, String>;

/// Caller hooks around the conversion.
#[derive(Default, Clone, Copy)]
pub struct Hooks<'a> {
    /// Receives the decoded HTML of the whole page before parsing, returns the HTML to use.
    pub before: Option<Hook<'a>>,
    /// Receives the Markdown, returns the Markdown to keep.
    pub after: Option<Hook<'a>>,
}

impl std::fmt::Debug for Hooks<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hooks")
            .field("before", &self.before.is_some())
            .field("after", &self.after.is_some())
            .finish()
    }
}

/// True when the MIME type (or, without one, the content) is a PDF.
pub fn is_pdf(content: &[u8], mime_type: Option<&str>) -> bool {
    match mime_type {
        Some(m) => m
            .split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/pdf")),
        None => content.starts_with(b"%PDF-"),
    }
}

/// Extracts one source document from a snapshot: the function tracking code calls.
///
/// `content` is the snapshot as fetched (bytes; a `&str` converts with `.as_bytes()`),
/// `mime_type` its type (`text/html`, `application/pdf`; `None` sniffs `%PDF-`), `source` the
/// source-document declaration (its `location` is the URL relative links resolve against).
pub fn extract(
    content: &[u8],
    mime_type: Option<&str>,
    source: &SourceDocument,
    options: &ExtractOptions,
) -> Result<String> {
    extract_with_hooks(content, mime_type, source, options, Hooks::default())
}

/// [`extract`] with caller hooks.
pub fn extract_with_hooks(
    content: &[u8],
    mime_type: Option<&str>,
    source: &SourceDocument,
    options: &ExtractOptions,
    hooks: Hooks<'_>,
) -> Result<String> {
    if content.len() > options.max_bytes {
        return Err(Error::InputTooLarge {
            size: content.len(),
            limit: options.max_bytes,
        });
    }
    let markdown = if is_pdf(content, mime_type) {
        crate::pdf::to_markdown(content, &source.location, options.flavor)?
    } else {
        if let Some(m) = mime_type {
            let essence = m
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            let html_like = essence.is_empty()
                || essence == "text/html"
                || essence == "application/xhtml+xml"
                || essence == "text/plain"
                || essence == "application/xml"
                || essence == "text/xml";
            if !html_like {
                return Err(Error::UnsupportedContent {
                    what: m.to_string(),
                    message: "only HTML and PDF snapshots can be extracted".into(),
                });
            }
        }
        let (text, _) = decode::decode(content, mime_type);
        let text = match hooks.before {
            Some(hook) => hook(&text).map_err(|message| Error::HookFailed {
                stage: "before".into(),
                message,
            })?,
            None => text,
        };
        extract_html(&text, source, options)?
    };
    match hooks.after {
        Some(hook) => hook(&markdown).map_err(|message| Error::HookFailed {
            stage: "after".into(),
            message,
        }),
        None => Ok(markdown),
    }
}

fn location_url(location: &str) -> Result<Url> {
    Url::parse(location).map_err(|e| Error::InvalidUrl {
        file: "<argument>".into(),
        pointer: "/location".into(),
        url: location.to_string(),
        message: format!("{e}; the location must be an absolute URL"),
    })
}

/// Extracts from already-decoded HTML.
pub fn extract_html(
    html_text: &str,
    source: &SourceDocument,
    options: &ExtractOptions,
) -> Result<String> {
    let location = location_url(&source.location)?;
    let Some(select) = source.select.as_ref() else {
        return Err(Error::arg(
            "select",
            "an HTML document needs `select` (only PDF documents may omit it)",
        ));
    };
    filters::check(&source.filters)?;
    // Selector syntax is checked before any work, so a typo fails fast with its text.
    for s in select
        .items
        .iter()
        .chain(source.remove.iter().flat_map(|r| r.items.iter()))
    {
        match s {
            crate::declaration::Selector::Css(c) => {
                dom::selector(c)?;
            }
            crate::declaration::Selector::Range(r) => {
                dom::selector(r.start.selector())?;
                dom::selector(r.end.selector())?;
            }
        }
    }
    let depth = depth::estimate_max_depth(html_text);
    if depth > options.max_depth {
        return Err(Error::NestingTooDeep {
            depth,
            limit: options.max_depth,
        });
    }
    let mut html = dom::parse_document(html_text);
    if options.flavor == Flavor::Ota {
        clean::expand_body_noscript(&mut html);
    }
    filters::apply(&mut html, &location, &source.filters)?;
    clean::absolute_links(&mut html, &location);
    clean::drop_script_style(&mut html);
    clean::clean_email_protection(&mut html, &location);
    if options.flavor == Flavor::Canonical {
        clean::drop_non_content(&mut html);
        clean::absolute_images(&mut html, &location);
        let params: Vec<String> = match &options.tracking_params {
            Some(p) => p.clone(),
            None => DEFAULT_TRACKING_PARAMS
                .iter()
                .map(|s| s.to_string())
                .collect(),
        };
        clean::remove_query_params(&mut html, &location, &params);
    }
    if let Some(remove) = &source.remove {
        select::remove(&mut html, remove)?;
    }
    let selection = select::select(&html, select)?;
    drop(html);
    let mut fragment = selection.fragment;
    let selector_json = select.to_json().to_string();
    if fragment
        .element_children(markdown::fragment::Fragment::ROOT)
        .next()
        .is_none()
    {
        let selector = if selection.inverted_ranges > 0 {
            format!(
                "{selector_json} (a range whose start comes at or after its end selects nothing)"
            )
        } else {
            selector_json
        };
        return Err(Error::SelectorNoMatch {
            selector,
            location: source.location.clone(),
        });
    }
    let md = markdown::to_markdown(&mut fragment, options.flavor);
    if md.is_empty() {
        return Err(Error::EmptyContent {
            selector: selector_json,
            location: source.location.clone(),
        });
    }
    Ok(md)
}

/// Extracts every source document of a terms declaration and joins them as OTA does
/// (`\n\n- - -\n\n`, declared order). `snapshots[i]` is `(content, mime type)` of document `i`.
pub fn extract_terms(
    snapshots: &[(&[u8], Option<&str>)],
    terms: &Terms,
    options: &ExtractOptions,
) -> Result<String> {
    if snapshots.len() != terms.source_documents.len() {
        return Err(Error::arg(
            "snapshots",
            format!(
                "{} snapshots for {} source documents; give one per source document, in declared order",
                snapshots.len(),
                terms.source_documents.len()
            ),
        ));
    }
    let parts = snapshots
        .iter()
        .zip(&terms.source_documents)
        .map(|((content, mime), source)| extract(content, *mime, source, options))
        .collect::<Result<Vec<_>>>()?;
    Ok(parts.join(SOURCE_DOCUMENTS_SEPARATOR))
}
