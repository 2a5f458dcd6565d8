//! Node bindings of the terms extraction and declaration functions, in the `terms` namespace
//! (type conversion and error mapping only).

// The exported functions are reached from JavaScript through napi's registration.
#![allow(dead_code)]

use disinfo::terms::declaration::corpus::load_directory;
use disinfo::terms::declaration::{
    FilterSpec, Selectors, ServiceDeclaration, SourceDocument, parse_date,
};
use disinfo::terms::extract::batch::{BatchJob, extract_batch};
use disinfo::terms::extract::{ExtractOptions, Hook, Hooks, extract_terms, extract_with_hooks};
use disinfo::terms::markdown::Flavor;
use napi::bindgen_prelude::{AsyncTask, Buffer, Either, Function};
use napi_derive::napi;

use crate::convert::to_json;
use crate::errors::{Result, run};
use crate::task::{JsonTask, spawn};

/// Options of `terms.extract`.
#[napi(object)]
#[derive(Default, Clone)]
pub struct TermsExtractOptions {
    /// The document location (base of relative links).
    pub location: String,
    /// What to keep: a CSS selector, a range object or an array of both (OTA's syntax).
    pub select: serde_json::Value,
    /// What to drop first (same syntax).
    pub remove: Option<serde_json::Value>,
    /// `ota` (default) or `canonical`.
    pub flavor: Option<String>,
    /// MIME type (default: sniffed).
    pub mime_type: Option<String>,
    /// Filters by name, or `{name: params}` (OTA's syntax).
    pub filters: Option<serde_json::Value>,
    /// Size limit in bytes (default 100 MiB).
    pub max_bytes: Option<u32>,
    /// Nesting limit (default 4096).
    pub max_depth: Option<u32>,
}

/// Options of `terms.extractDeclared`.
#[napi(object)]
#[derive(Default, Clone)]
pub struct TermsDeclaredOptions {
    /// Path of the service declaration (`Service.json`).
    pub declaration: String,
    /// The terms type.
    pub terms_type: String,
    /// RFC 3339 date: the declaration in force then.
    pub at: Option<String>,
    /// `ota` (default) or `canonical`.
    pub flavor: Option<String>,
    /// MIME type (default: sniffed).
    pub mime_type: Option<String>,
}

/// Options of `terms.parseDeclaration`.
#[napi(object)]
#[derive(Default, Clone)]
pub struct TermsParseOptions {
    /// The file name used in errors and as the service id.
    pub file: Option<String>,
}

/// Options of `terms.extractBatch`.
#[napi(object)]
#[derive(Default, Clone)]
pub struct TermsBatchOptions {
    /// `ota` (default) or `canonical`.
    pub flavor: Option<String>,
}

fn bytes(content: Either<Buffer, String>) -> Vec<u8> {
    match content {
        Either::A(b) => b.to_vec(),
        Either::B(s) => s.into_bytes(),
    }
}

fn flavor(f: Option<&str>) -> disinfo::Result<Flavor> {
    Ok(Flavor::parse(f.unwrap_or("ota"))?)
}

fn filters(value: Option<&serde_json::Value>) -> disinfo::Result<Vec<FilterSpec>> {
    let Some(serde_json::Value::Array(items)) = value else {
        return Ok(Vec::new());
    };
    items
        .iter()
        .map(|v| match v {
            serde_json::Value::String(name) => Ok(FilterSpec {
                name: name.clone(),
                params: None,
            }),
            serde_json::Value::Object(m) if m.len() == 1 => {
                let (name, params) = m
                    .iter()
                    .next()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .unwrap_or_default();
                Ok(FilterSpec {
                    name,
                    params: Some(params),
                })
            }
            other => Err(disinfo::terms::Error::InvalidArgument {
                name: "filters".into(),
                message: format!("a filter is a name or {{name: params}}, found {other}"),
            }
            .into()),
        })
        .collect()
}

fn extract_one(content: &[u8], o: &TermsExtractOptions) -> disinfo::Result<String> {
    extract_hooked(content, o, Hooks::default())
}

fn extract_hooked(
    content: &[u8],
    o: &TermsExtractOptions,
    hooks: Hooks<'_>,
) -> disinfo::Result<String> {
    let select = Selectors::from_json(&o.select)?;
    let remove = o
        .remove
        .as_ref()
        .filter(|v| !v.is_null())
        .map(Selectors::from_json)
        .transpose()?;
    let mut source = SourceDocument::new(&o.location, select, remove);
    source.filters = filters(o.filters.as_ref())?;
    let mut opts = ExtractOptions::with_flavor(flavor(o.flavor.as_deref())?);
    if let Some(m) = o.max_bytes {
        opts.max_bytes = m as usize;
    }
    if let Some(d) = o.max_depth {
        opts.max_depth = d as usize;
    }
    Ok(extract_with_hooks(
        content,
        o.mime_type.as_deref(),
        &source,
        &opts,
        hooks,
    )?)
}

/// Calls a JavaScript hook with one string; a throw or a non-string result is an error message.
fn call_hook(
    hook: &Function<'_, String, String>,
    text: &str,
) -> std::result::Result<String, String> {
    hook.call(text.to_owned()).map_err(|e| e.reason.clone())
}

/// Extract the Markdown version of one snapshot (OTA-compatible by default).
///
/// `before` receives the decoded HTML of the page and returns the HTML to use; `after` receives
/// the Markdown and returns the Markdown to keep (caller hooks, called synchronously).
#[napi(namespace = "terms", js_name = "extract")]
pub fn extract_js(
    content: Either<Buffer, String>,
    options: TermsExtractOptions,
    before: Option<Function<'_, String, String>>,
    after: Option<Function<'_, String, String>>,
) -> Result<String> {
    let content = bytes(content);
    let before_fn = |t: &str| {
        before
            .as_ref()
            .map_or_else(|| Ok(t.to_owned()), |h| call_hook(h, t))
    };
    let after_fn = |t: &str| {
        after
            .as_ref()
            .map_or_else(|| Ok(t.to_owned()), |h| call_hook(h, t))
    };
    let hooks = Hooks {
        before: before.is_some().then_some(&before_fn as Hook<'_>),
        after: after.is_some().then_some(&after_fn as Hook<'_>),
    };
    run(|| extract_hooked(&content, &options, hooks))
}

/// `terms.extract` on libuv's thread pool.
#[napi(namespace = "terms", ts_return_type = "Promise<string>")]
pub fn extract_async(
    content: Either<Buffer, String>,
    options: TermsExtractOptions,
) -> AsyncTask<JsonTask> {
    let content = bytes(content);
    spawn(move || extract_one(&content, &options).map(serde_json::Value::String))
}

/// Extract terms declared in an OTA service file (one snapshot per source document).
#[napi(namespace = "terms")]
pub fn extract_declared(
    contents: Vec<Either<Buffer, String>>,
    options: TermsDeclaredOptions,
) -> Result<String> {
    let snapshots: Vec<Vec<u8>> = contents.into_iter().map(bytes).collect();
    run(|| {
        let service = ServiceDeclaration::load(std::path::Path::new(&options.declaration))?;
        let at = options.at.as_deref().map(parse_date).transpose()?;
        let terms = service.terms_at(&options.terms_type, at)?;
        let inputs: Vec<(&[u8], Option<&str>)> = snapshots
            .iter()
            .map(|s| (s.as_slice(), options.mime_type.as_deref()))
            .collect();
        Ok(extract_terms(
            &inputs,
            terms,
            &ExtractOptions::with_flavor(flavor(options.flavor.as_deref())?),
        )?)
    })
}

fn batch_json(
    jobs: serde_json::Value,
    o: &TermsBatchOptions,
) -> disinfo::Result<serde_json::Value> {
    let jobs: Vec<BatchJob> =
        serde_json::from_value(jobs).map_err(|e| disinfo::terms::Error::InvalidArgument {
            name: "jobs".into(),
            message: e.to_string(),
        })?;
    let results = extract_batch(
        &jobs,
        &ExtractOptions::with_flavor(flavor(o.flavor.as_deref())?),
        None,
    );
    serde_json::to_value(&results).map_err(|e| disinfo::Error::Internal {
        message: e.to_string(),
    })
}

/// Extract many snapshots in parallel (rayon); results in input order.
#[napi(
    namespace = "terms",
    js_name = "extractBatch",
    ts_return_type = "Array<{id: string, markdown?: string, error?: {code: string, message: string}}>"
)]
pub fn extract_batch_js(
    jobs: serde_json::Value,
    options: Option<TermsBatchOptions>,
) -> Result<serde_json::Value> {
    run(|| batch_json(jobs, &options.unwrap_or_default()))
}

/// Async variant of `extractBatch`.
#[napi(
    namespace = "terms",
    ts_return_type = "Promise<Array<{id: string, markdown?: string, error?: {code: string, message: string}}>>"
)]
pub fn extract_batch_async(
    jobs: serde_json::Value,
    options: Option<TermsBatchOptions>,
) -> AsyncTask<JsonTask> {
    let o = options.unwrap_or_default();
    spawn(move || batch_json(jobs, &o))
}

/// Parse and validate an OTA service declaration given as JSON text.
#[napi(namespace = "terms", ts_return_type = "Record<string, unknown>")]
pub fn parse_declaration(
    text: String,
    options: Option<TermsParseOptions>,
) -> Result<serde_json::Value> {
    let file = options
        .and_then(|o| o.file)
        .unwrap_or_else(|| "<input>".into());
    let service = run(|| Ok(ServiceDeclaration::parse(&text, &file)?))?;
    to_json(&service)
}

/// Load `<Service>.json` (and its history file).
#[napi(namespace = "terms", ts_return_type = "Record<string, unknown>")]
pub fn load_declaration(path: String) -> Result<serde_json::Value> {
    let service = run(|| Ok(ServiceDeclaration::load(std::path::Path::new(&path))?))?;
    to_json(&service)
}

/// Load every declaration of a directory: counts, loaded ids, rejected files with reasons.
#[napi(namespace = "terms", ts_return_type = "Record<string, unknown>")]
pub fn validate_directory(path: String) -> Result<serde_json::Value> {
    let report = run(|| Ok(load_directory(std::path::Path::new(&path))?))?;
    to_json(&serde_json::json!({
        "service_files": report.service_files,
        "history_files": report.history_files,
        "orphan_histories": report.orphan_histories,
        "loaded": report.loaded.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        "rejected": report.rejected,
    }))
}
