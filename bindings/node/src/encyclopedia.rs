//! Node bindings of the `encyclopedia` functions, in the `encyclopedia` namespace (type
//! conversion and error mapping only).

// The exported functions are reached from JavaScript through napi's registration, which a plain
// `cargo check` of this private module does not see.
#![allow(dead_code)]

use std::collections::HashMap;

use disinfo::encyclopedia::{self as enc, CheckOptions, SourceFile};
use napi::Either;
use napi::bindgen_prelude::{AsyncTask, Buffer};
use napi_derive::napi;

use crate::convert::to_json;
use crate::errors::{Result, run};
use crate::task::{JsonTask, spawn};

/// Options of `encyclopedia.check` and `encyclopedia.checkFiles`.
#[napi(object)]
#[derive(Default, Clone)]
pub struct EncyclopediaCheckOptions {
    /// A corpus's own JSON Schema object extending the shipped entry schema.
    pub schema: Option<serde_json::Value>,
    /// Largest front matter in bytes (default 1 MiB; larger gives FM008).
    pub max_front_matter_bytes: Option<u32>,
    /// Most YAML nodes after alias expansion (default 100000; more gives FM006).
    pub max_nodes: Option<u32>,
    /// Deepest YAML nesting (default 64; deeper gives FM007).
    pub max_depth: Option<u32>,
}

fn options(o: Option<EncyclopediaCheckOptions>) -> CheckOptions {
    let o = o.unwrap_or_default();
    let d = CheckOptions::default();
    CheckOptions {
        schema: o.schema,
        max_front_matter_bytes: o
            .max_front_matter_bytes
            .map_or(d.max_front_matter_bytes, |n| n as usize),
        max_nodes: o.max_nodes.map_or(d.max_nodes, |n| n as usize),
        max_depth: o.max_depth.map_or(d.max_depth, |n| n as usize),
    }
}

fn files(map: HashMap<String, Either<String, Buffer>>) -> Vec<SourceFile> {
    let mut out: Vec<SourceFile> = map
        .into_iter()
        .map(|(path, c)| SourceFile {
            path,
            bytes: match c {
                Either::A(text) => text.into_bytes(),
                Either::B(buf) => buf.to_vec(),
            },
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn json<T: serde::Serialize>(value: &T) -> disinfo::Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| disinfo::Error::Internal {
        message: e.to_string(),
    })
}

/// Checks the corpus under `dir`: front matter, schema, links and cross references.
#[napi(namespace = "encyclopedia", ts_return_type = "EncyclopediaReport")]
pub fn check(dir: String, options: Option<EncyclopediaCheckOptions>) -> Result<serde_json::Value> {
    let options = self::options(options);
    run(|| json(&enc::check_dir(std::path::Path::new(&dir), &options)?))
}

/// The async form of `encyclopedia.check` (runs off the main thread).
#[napi(
    namespace = "encyclopedia",
    ts_return_type = "Promise<EncyclopediaReport>"
)]
pub fn check_async(dir: String, options: Option<EncyclopediaCheckOptions>) -> AsyncTask<JsonTask> {
    let options = self::options(options);
    spawn(move || json(&enc::check_dir(std::path::Path::new(&dir), &options)?))
}

/// Checks in-memory files (`{relativePath: text or Buffer}`).
#[napi(namespace = "encyclopedia", ts_return_type = "EncyclopediaReport")]
pub fn check_files(
    #[napi(ts_arg_type = "Record<string, string | Buffer>")] files: HashMap<
        String,
        Either<String, Buffer>,
    >,
    options: Option<EncyclopediaCheckOptions>,
) -> Result<serde_json::Value> {
    let options = self::options(options);
    let files = self::files(files);
    run(|| json(&enc::check_files(&files, &options)?))
}

/// The async form of `encyclopedia.checkFiles`.
#[napi(
    namespace = "encyclopedia",
    ts_return_type = "Promise<EncyclopediaReport>"
)]
pub fn check_files_async(
    #[napi(ts_arg_type = "Record<string, string | Buffer>")] files: HashMap<
        String,
        Either<String, Buffer>,
    >,
    options: Option<EncyclopediaCheckOptions>,
) -> AsyncTask<JsonTask> {
    let options = self::options(options);
    let files = self::files(files);
    spawn(move || json(&enc::check_files(&files, &options)?))
}

/// Migrates the old pages under `oldDir` into one file per entry under `newDir`.
#[napi(
    namespace = "encyclopedia",
    ts_return_type = "EncyclopediaMigrateReport"
)]
pub fn migrate(old_dir: String, new_dir: String, created: String) -> Result<serde_json::Value> {
    run(|| {
        json(&enc::migrate_dir(
            std::path::Path::new(&old_dir),
            std::path::Path::new(&new_dir),
            &created,
        )?)
    })
}

/// Migrates in-memory pages; returns `{files: {path: text}, report}`.
#[napi(
    namespace = "encyclopedia",
    ts_return_type = "{ files: Record<string, string>; report: EncyclopediaMigrateReport }"
)]
pub fn migrate_pages(
    #[napi(ts_arg_type = "Record<string, string | Buffer>")] pages: HashMap<
        String,
        Either<String, Buffer>,
    >,
    created: String,
) -> Result<serde_json::Value> {
    let pages = files(pages);
    run(|| {
        let (out, report) = enc::migrate_pages(&pages, &created)?;
        let out: std::collections::BTreeMap<String, String> = out
            .into_iter()
            .map(|f| (f.path, String::from_utf8_lossy(&f.bytes).into_owned()))
            .collect();
        Ok(serde_json::json!({ "files": out, "report": report }))
    })
}

/// The rules: id, severity, title.
#[napi(
    namespace = "encyclopedia",
    ts_return_type = "{ id: string; severity: 'error' | 'warning'; title: string }[]"
)]
pub fn rules() -> Result<serde_json::Value> {
    to_json(&enc::rules::RULES)
}

/// The shipped entry schema (JSON Schema 2020-12).
#[napi(namespace = "encyclopedia", ts_return_type = "Record<string, unknown>")]
pub fn schema() -> Result<serde_json::Value> {
    run(|| Ok(enc::Schema::builtin()?.document().clone()))
}

/// The text form of a report (`path:line:col: error[RULE] message` lines and a summary).
#[napi(namespace = "encyclopedia")]
pub fn to_text(
    #[napi(ts_arg_type = "EncyclopediaReport")] report: serde_json::Value,
) -> Result<String> {
    run(|| {
        let report: enc::Report =
            serde_json::from_value(report).map_err(|e| enc::Error::InvalidArgument {
                name: "report".into(),
                message: format!("not a report from `check`: {e}"),
            })?;
        Ok(report.to_text())
    })
}
