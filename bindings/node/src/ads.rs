//! Node bindings of the `ads` functions, in the `ads` namespace: type conversion
//! and error mapping only. Options objects use camelCase keys.

// The exported functions are reached from JavaScript through napi's registration.
#![allow(dead_code)]

use disinfo::ads::search::SearchOptions;
use disinfo::ads::{AuditOptions, AuditReport};
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::errors::{Result, run};
use crate::task::{JsonTask, spawn};

fn bad(name: &str, message: String) -> disinfo::Error {
    disinfo::Error::from(disinfo::ads::Error::InvalidArgument {
        name: name.to_owned(),
        message,
    })
}

fn snake(key: &str) -> String {
    let mut s = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            s.push('_');
            s.push(c.to_ascii_lowercase());
        } else {
            s.push(c);
        }
    }
    s
}

/// An options object with camelCase keys into the core struct (top-level keys only: values
/// such as platform names in `retentionDays` keep their spelling).
fn options<T: serde::de::DeserializeOwned + Default>(
    value: Option<serde_json::Value>,
) -> disinfo::Result<T> {
    match value {
        None | Some(serde_json::Value::Null) => Ok(T::default()),
        Some(serde_json::Value::Object(m)) => {
            let m: serde_json::Map<String, serde_json::Value> =
                m.into_iter().map(|(k, v)| (snake(&k), v)).collect();
            serde_json::from_value(serde_json::Value::Object(m))
                .map_err(|e| bad("options", e.to_string()))
        }
        Some(_) => Err(bad("options", "options must be an object".into())),
    }
}

fn audit_json(
    dirs: Vec<String>,
    opts: Option<serde_json::Value>,
) -> disinfo::Result<serde_json::Value> {
    let o: AuditOptions = options(opts)?;
    let paths: Vec<&std::path::Path> = dirs.iter().map(std::path::Path::new).collect();
    let report = disinfo::ads::audit_dirs(&paths, None, &o, None)?;
    serde_json::to_value(&report).map_err(|e| disinfo::Error::Internal {
        message: e.to_string(),
    })
}

/// Audits collection folders (oldest first): pairs, disappeared ads by class, rates, coverage,
/// findings and evidence.
#[napi(namespace = "ads", ts_return_type = "AdsAuditReport")]
pub fn audit(dirs: Vec<String>, options: Option<serde_json::Value>) -> Result<serde_json::Value> {
    run(|| audit_json(dirs, options))
}

/// The async form of `ads.audit` (runs off the main thread).
#[napi(namespace = "ads", ts_return_type = "Promise<AdsAuditReport>")]
pub fn audit_async(dirs: Vec<String>, options: Option<serde_json::Value>) -> AsyncTask<JsonTask> {
    spawn(move || audit_json(dirs, options))
}

/// Renders a report as `json`, `markdown` (default) or `csv` (one `table`).
#[napi(namespace = "ads")]
pub fn render(
    report: serde_json::Value,
    format: Option<String>,
    table: Option<String>,
) -> Result<String> {
    run(|| {
        let r: AuditReport =
            serde_json::from_value(report).map_err(|e| bad("report", e.to_string()))?;
        Ok(disinfo::ads::report::render(
            &r,
            format.as_deref().unwrap_or("markdown"),
            table.as_deref(),
        )?)
    })
}

fn search_json(
    pattern: String,
    dirs: Vec<String>,
    opts: Option<serde_json::Value>,
) -> disinfo::Result<serde_json::Value> {
    let o: SearchOptions = options(opts)?;
    let paths: Vec<&std::path::Path> = dirs.iter().map(std::path::Path::new).collect();
    let result = disinfo::ads::search::search_dirs(&paths, &pattern, &o)?;
    serde_json::to_value(&result).map_err(|e| disinfo::Error::Internal {
        message: e.to_string(),
    })
}

/// Searches collection folders for a keyword (or a regex with `{regex: true}`).
#[napi(namespace = "ads", ts_return_type = "AdsSearchResult")]
pub fn search(
    pattern: String,
    dirs: Vec<String>,
    options: Option<serde_json::Value>,
) -> Result<serde_json::Value> {
    run(|| search_json(pattern, dirs, options))
}

/// The async form of `ads.search`.
#[napi(namespace = "ads", ts_return_type = "Promise<AdsSearchResult>")]
pub fn search_async(
    pattern: String,
    dirs: Vec<String>,
    options: Option<serde_json::Value>,
) -> AsyncTask<JsonTask> {
    spawn(move || search_json(pattern, dirs, options))
}

/// Options of `ads.generate`.
#[napi(object)]
#[derive(Default, Clone)]
pub struct AdsGenerateOptions {
    /// Seed of the generator (default 2019).
    pub seed: Option<i64>,
    /// `bench`: number of daily collections (default 7).
    pub days: Option<u32>,
    /// `bench`: ads per collection (default 1,000,000).
    pub ads: Option<i64>,
}

/// Writes a seeded synthetic scenario (`fr2019` or `bench`) under `outDir`; returns the
/// collection folders, oldest first.
#[napi(namespace = "ads")]
pub fn generate(
    scenario: String,
    out_dir: String,
    options: Option<AdsGenerateOptions>,
) -> Result<Vec<String>> {
    let o = options.unwrap_or_default();
    let dirs = run(|| {
        let seed = u64::try_from(o.seed.unwrap_or(2019))
            .map_err(|_| bad("seed", "must be >= 0".into()))?;
        let ads = o
            .ads
            .map(|a| u64::try_from(a).map_err(|_| bad("ads", "must be >= 0".into())))
            .transpose()?;
        Ok(disinfo::ads::synthetic::generate(
            &scenario,
            std::path::Path::new(&out_dir),
            seed,
            o.days,
            ads,
        )?)
    })?;
    let dirs: Vec<String> = dirs
        .into_iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    Ok(dirs)
}
