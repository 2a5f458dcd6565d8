//! The public operations of the encyclopedia tool: one options type and one result type each,
//! the one place where a caller's request is interpreted. Python, Node, the CLI and the golden
//! tests all call these (the bindings through [`OPERATIONS`]).
//!
//! ```
//! use disinfo_encyclopedia::api;
//!
//! let files = [("tools/x.md".to_string(), b"---\nid: x\n---\n".to_vec())].into_iter().collect();
//! let report = api::check_files(&files, &api::CheckRequestOptions::default())?;
//! assert!(report.errors > 0);
//! # Ok::<(), disinfo_encyclopedia::Error>(())
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use disinfo_core::request::{FsPath, OPTIONS, decode};
use disinfo_core::{ArgKind, ArgSpec, Operation, Output, ResultSpec, Spec};
use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use crate::rules::{RULES, Rule};
use crate::{CheckOptions, Error, MigrateReport, Report, Result, Schema, SourceFile};

/// A corpus's own schema: a JSON Schema object, or the path of a JSON file holding one.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum SchemaArg {
    /// The path of a JSON file.
    Path(FsPath),
    /// A JSON Schema (2020-12) object.
    Object(serde_json::Map<String, serde_json::Value>),
}

/// Options of [`check`] and [`check_files`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct CheckRequestOptions {
    /// A corpus's own schema extending the shipped entry schema (an object, or a JSON file's
    /// path).
    pub schema: Option<SchemaArg>,
    /// Largest front matter, in bytes (default 1 MiB); larger gives FM008.
    pub max_front_matter_bytes: usize,
    /// Most YAML nodes after alias expansion (default 100,000); more gives FM006.
    pub max_nodes: usize,
    /// Deepest YAML nesting (default 64); deeper gives FM007.
    pub max_depth: usize,
}

impl Default for CheckRequestOptions {
    fn default() -> Self {
        let d = CheckOptions::default();
        CheckRequestOptions {
            schema: None,
            max_front_matter_bytes: d.max_front_matter_bytes,
            max_nodes: d.max_nodes,
            max_depth: d.max_depth,
        }
    }
}

impl CheckRequestOptions {
    /// The check's options, with a schema file read.
    pub fn check_options(&self) -> Result<CheckOptions> {
        let schema = match &self.schema {
            None => None,
            Some(SchemaArg::Object(map)) => Some(serde_json::Value::Object(map.clone())),
            Some(SchemaArg::Path(path)) => {
                let text =
                    std::fs::read_to_string(&path.0).map_err(|e| Error::io("read", &path.0, e))?;
                Some(
                    serde_json::from_str(&text).map_err(|e| Error::SchemaInvalid {
                        origin: path.0.display().to_string(),
                        message: format!("not JSON: {e}"),
                    })?,
                )
            }
        };
        Ok(CheckOptions {
            schema,
            max_front_matter_bytes: self.max_front_matter_bytes,
            max_nodes: self.max_nodes,
            max_depth: self.max_depth,
        })
    }
}

/// Checks every entry under a folder (`*.md` except README.md and names starting with `.` or
/// `_`).
pub fn check(path: &Path, options: &CheckRequestOptions) -> Result<Report> {
    crate::check_dir(path, &options.check_options()?)
}

/// Checks in-memory files (relative path → content).
pub fn check_files(
    files: &BTreeMap<String, Vec<u8>>,
    options: &CheckRequestOptions,
) -> Result<Report> {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(path, bytes)| SourceFile {
            path: path.clone(),
            bytes: bytes.clone(),
        })
        .collect();
    crate::check_files(&files, &options.check_options()?)
}

const CHECK_DOC: &str = "Check every entry (`*.md` except README.md and names starting with `.` or `_`): front matter, schema, URLs and links, cross references. The report has `files`, `entries`, `errors`, `warnings` and `diagnostics`; each diagnostic has `file`, `line`, `column`, `end_line`, `end_column`, `pointer` (JSON pointer), `rule` (`FM004`, `SC004`, `RF001`, ...), `severity`, `message`, `suggestion` and `related`. `errors == 0` means the corpus can be published.";

/// Every public operation of the encyclopedia tool, in documentation order.
pub const OPERATIONS: &[Operation<Error>] = &[
    Operation {
        spec: Spec {
            tool: "encyclopedia",
            name: "check",
            doc: CHECK_DOC,
            args: &[ArgSpec::json::<FsPath>("path", "The corpus folder.")],
            options: Some(SchemaGenerator::subschema_for::<CheckRequestOptions>),
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<Report>),
            progress: false,
        },
        run: |mut args, options| {
            let path: FsPath = args.json(0)?;
            let options: CheckRequestOptions = decode(OPTIONS, options)?;
            Ok(Output::json(check(&path, &options)?))
        },
    },
    Operation {
        spec: Spec {
            tool: "encyclopedia",
            name: "check_files",
            doc: "Check in-memory files (relative path → text or bytes): the same report as `check`.",
            args: &[ArgSpec::of(
                "files",
                "The entries by relative path.",
                ArgKind::Files,
            )],
            options: Some(SchemaGenerator::subschema_for::<CheckRequestOptions>),
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<Report>),
            progress: false,
        },
        run: |mut args, options| {
            let files = args.files(0)?;
            let options: CheckRequestOptions = decode(OPTIONS, options)?;
            Ok(Output::json(check_files(&files, &options)?))
        },
    },
    Operation {
        spec: Spec {
            tool: "encyclopedia",
            name: "migrate",
            doc: "Convert the old one-page-per-phase-and-type layout into one file per entry. `new_dir` must not exist or be empty; `created` (`YYYY-MM-DD`) is written into every entry. The report lists `pages`, `entries` (path, id, sources) and `unmapped` (file, line, reason): everything that could not be mapped.",
            args: &[
                ArgSpec::json::<FsPath>("old_dir", "The old pages."),
                ArgSpec::json::<FsPath>("new_dir", "Where the entries are written."),
                ArgSpec::json::<String>(
                    "created",
                    "The creation date of the entries (`YYYY-MM-DD`).",
                ),
            ],
            options: None,
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<MigrateReport>),
            progress: false,
        },
        run: |mut args, _| {
            let old_dir: FsPath = args.json(0)?;
            let new_dir: FsPath = args.json(1)?;
            let created: String = args.json(2)?;
            Ok(Output::json(crate::migrate_dir(
                &old_dir, &new_dir, &created,
            )?))
        },
    },
    Operation {
        spec: Spec {
            tool: "encyclopedia",
            name: "migrate_pages",
            doc: "In-memory `migrate`: `{files: {path: text}, report}`.",
            args: &[
                ArgSpec::of("pages", "The old pages by relative path.", ArgKind::Files),
                ArgSpec::json::<String>(
                    "created",
                    "The creation date of the entries (`YYYY-MM-DD`).",
                ),
            ],
            options: None,
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<MigratedPages>),
            progress: false,
        },
        run: |mut args, _| {
            let pages = args.files(0)?;
            let created: String = args.json(1)?;
            Ok(Output::json(migrate_pages(&pages, &created)?))
        },
    },
    Operation {
        spec: Spec {
            tool: "encyclopedia",
            name: "rules",
            doc: "The rules: `id`, `severity` and `title`.",
            args: &[],
            options: None,
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<Vec<Rule>>),
            progress: false,
        },
        run: |_, _| Ok(Output::json(RULES)),
    },
    Operation {
        spec: Spec {
            tool: "encyclopedia",
            name: "schema",
            doc: "The shipped entry schema (JSON Schema 2020-12).",
            args: &[],
            options: None,
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<serde_json::Value>),
            progress: false,
        },
        run: |_, _| Ok(Output::json(Schema::builtin()?.document().clone())),
    },
    Operation {
        spec: Spec {
            tool: "encyclopedia",
            name: "to_text",
            doc: "The text form of a report: `path:line:col: error[RULE] message` lines and a summary.",
            args: &[ArgSpec::json::<Report>("report", "What `check` returned.")],
            options: None,
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<String>),
            progress: false,
        },
        run: |mut args, _| {
            let report: Report = args.json(0)?;
            Ok(Output::json(report.to_text()))
        },
    },
];

/// The entries written by an in-memory migration, and its report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MigratedPages {
    /// The entry files by relative path.
    pub files: BTreeMap<String, String>,
    /// What was migrated and what could not be.
    pub report: MigrateReport,
}

/// Migrates in-memory pages.
pub fn migrate_pages(pages: &BTreeMap<String, Vec<u8>>, created: &str) -> Result<MigratedPages> {
    let pages: Vec<SourceFile> = pages
        .iter()
        .map(|(path, bytes)| SourceFile {
            path: path.clone(),
            bytes: bytes.clone(),
        })
        .collect();
    let (files, report) = crate::migrate_pages(&pages, created)?;
    let files = files
        .into_iter()
        .map(|f| (f.path, String::from_utf8_lossy(&f.bytes).into_owned()))
        .collect();
    Ok(MigratedPages { files, report })
}
