//! Extraction and declarations: `extract`, `extract_declared`, `extract_batch`,
//! `parse_declaration`, `load_declaration`, `validate`.

use std::path::{Path, PathBuf};

use disinfo_core::request::{FsPath, OPTIONS, OneOrMany, decode};
use std::sync::atomic::{AtomicU64, Ordering};

use disinfo_core::{ArgKind, ArgSpec, Operation, Output, Progress, ResultSpec, Spec};
use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use crate::declaration::corpus::{Rejected, load_directory};
use crate::declaration::{FilterSpec, Selectors, ServiceDeclaration, SourceDocument, parse_date};
use crate::extract::batch::{BatchJob, BatchResult};
use crate::extract::{Hooks, extract_terms, extract_with_hooks};
use crate::markdown::Flavor;
use crate::{Error, Result};

/// Options of [`extract`]: where the page comes from, what to keep, and how to render it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
pub struct ExtractOptions {
    /// The document's location (URL): the base of relative links. Required.
    pub location: String,
    /// What to keep: a CSS selector, a range object (`{"startBefore": "h1", "endAfter":
    /// "footer"}`) or a list of both, as in Open Terms Archive declarations. Required.
    #[schemars(with = "Selectors")]
    pub select: serde_json::Value,
    /// What to drop first (same syntax as `select`).
    #[serde(default)]
    #[schemars(with = "Option<Selectors>")]
    pub remove: Option<serde_json::Value>,
    /// `ota` (byte-identical to Open Terms Archive's engine, the default) or `canonical`.
    #[serde(default)]
    pub flavor: Flavor,
    /// MIME type of the snapshot (default: sniffed; `application/pdf` for `%PDF-`).
    #[serde(default)]
    pub mime_type: Option<String>,
    /// Filters by name, or `{name: params}` objects (OTA's syntax): OTA's built-in filters and
    /// ours; an unknown name is an error.
    #[serde(default)]
    #[schemars(with = "Vec<FilterArg>")]
    pub filters: serde_json::Value,
    /// Snapshots larger than this many bytes are refused with `input_too_large` (100 MiB).
    #[serde(default = "default_max_bytes")]
    pub max_bytes: usize,
    /// Pages nested deeper than this are refused with `nesting_too_deep` (4096).
    #[serde(default = "default_max_depth")]
    pub max_depth: usize,
}

/// A filter as written in a declaration: a name, or `{name: params}`.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // schema only: filters are parsed by the declaration parser
enum FilterArg {
    Name(String),
    WithParams(std::collections::BTreeMap<String, serde_json::Value>),
}

fn default_max_bytes() -> usize {
    crate::extract::DEFAULT_MAX_BYTES
}

fn default_max_depth() -> usize {
    crate::extract::DEFAULT_MAX_DEPTH
}

impl ExtractOptions {
    /// Options with a location and `select`, everything else by default.
    pub fn new(location: &str, select: serde_json::Value) -> Self {
        ExtractOptions {
            location: location.to_owned(),
            select,
            remove: None,
            flavor: Flavor::default(),
            mime_type: None,
            filters: serde_json::Value::Null,
            max_bytes: default_max_bytes(),
            max_depth: default_max_depth(),
        }
    }

    fn source(&self) -> Result<SourceDocument> {
        let select = Selectors::from_json(&self.select)?;
        let remove = match &self.remove {
            None | Some(serde_json::Value::Null) => None,
            Some(v) => Some(Selectors::from_json(v)?),
        };
        let mut source = SourceDocument::new(&self.location, select, remove);
        if !self.filters.is_null() {
            source.filters = FilterSpec::list_from_json(&self.filters)?;
        }
        Ok(source)
    }

    fn extraction(&self) -> crate::extract::ExtractOptions {
        crate::extract::ExtractOptions {
            flavor: self.flavor,
            max_bytes: self.max_bytes,
            max_depth: self.max_depth,
            ..crate::extract::ExtractOptions::default()
        }
    }
}

/// Extracts the Markdown version of one snapshot, as Open Terms Archive does.
///
/// `hooks.before` receives the decoded HTML and returns the HTML to use; `hooks.after` receives
/// the Markdown. PDF snapshots become Markdown paragraphs.
pub fn extract(content: &[u8], options: &ExtractOptions, hooks: Hooks<'_>) -> Result<String> {
    let source = options.source()?;
    extract_with_hooks(
        content,
        options.mime_type.as_deref(),
        &source,
        &options.extraction(),
        hooks,
    )
}

pub(super) const EXTRACT: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "extract",
        doc: "Extract the Markdown version of one snapshot, as Open Terms Archive does.\n\n`select`/`remove` take OTA's syntax: a CSS selector, a range object (`{\"startBefore\": \"h1\", \"endAfter\": \"footer\"}`) or a list of both. `flavor` `ota` gives byte-identical output to OTA's engine; `canonical` our cleaner form. `before` receives the decoded HTML and returns the HTML to use; `after` receives the Markdown. PDF snapshots become Markdown paragraphs.",
        args: &[
            ArgSpec::of(
                "content",
                "The snapshot: HTML or PDF bytes, or text.",
                ArgKind::Bytes,
            ),
            ArgSpec::of(
                "before",
                "A function HTML -> HTML applied before extraction.",
                ArgKind::Hook,
            )
            .optional(),
            ArgSpec::of(
                "after",
                "A function Markdown -> Markdown applied after conversion.",
                ArgKind::Hook,
            )
            .optional(),
        ],
        options: Some(SchemaGenerator::subschema_for::<ExtractOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<String>),
        progress: false,
    },
    run: |mut args, options| {
        let content = args.bytes(0)?.unwrap_or_default();
        let before = args.hook(1)?;
        let after = args.hook(2)?;
        let options: ExtractOptions = decode(OPTIONS, options)?;
        let hooks = Hooks { before, after };
        Ok(Output::json(extract(&content, &options, hooks)?))
    },
};

/// Options of [`extract_declared`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
pub struct DeclaredOptions {
    /// Path of the service declaration (`Service.json`; its history file beside it is read
    /// too). Required.
    #[schemars(with = "FsPath")]
    pub declaration: PathBuf,
    /// The terms type (`Terms of Service`, `Privacy Policy`, ...). Required.
    pub terms_type: String,
    /// RFC 3339 date of the snapshots: the declaration in force then (default: the current one).
    #[serde(default)]
    pub at: Option<String>,
    /// `ota` (default) or `canonical`.
    #[serde(default)]
    pub flavor: Flavor,
    /// MIME type of the snapshots (default: sniffed).
    #[serde(default)]
    pub mime_type: Option<String>,
}

/// Extracts terms declared in an OTA service file: one snapshot per source document, in
/// declared order, joined with OTA's separator.
pub fn extract_declared(contents: &[Vec<u8>], options: &DeclaredOptions) -> Result<String> {
    let service = ServiceDeclaration::load(&options.declaration)?;
    let at = options.at.as_deref().map(parse_date).transpose()?;
    let terms = service.terms_at(&options.terms_type, at)?;
    let inputs: Vec<(&[u8], Option<&str>)> = contents
        .iter()
        .map(|s| (s.as_slice(), options.mime_type.as_deref()))
        .collect();
    extract_terms(
        &inputs,
        terms,
        &crate::extract::ExtractOptions::with_flavor(options.flavor),
    )
}

pub(super) const EXTRACT_DECLARED: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "extract_declared",
        doc: "Extract terms declared in an OTA service file: one snapshot per source document, in declared order, joined with OTA's `\\n\\n- - -\\n\\n`; `at` (RFC 3339) picks the declaration in force then.",
        args: &[ArgSpec::of(
            "contents",
            "One snapshot per source document, in declared order.",
            ArgKind::BytesList,
        )],
        options: Some(SchemaGenerator::subschema_for::<DeclaredOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<String>),
        progress: false,
    },
    run: |mut args, options| {
        let contents = args.bytes_list(0)?;
        let options: DeclaredOptions = decode(OPTIONS, options)?;
        Ok(Output::json(extract_declared(&contents, &options)?))
    },
};

/// Options of [`extract_batch`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct ExtractBatchOptions {
    /// `ota` (default) or `canonical`.
    pub flavor: Flavor,
}

/// Extracts many snapshots in parallel; results in input order. A failing job gives an error
/// result with its code and never stops the others. `progress` is called once per finished job.
pub fn extract_batch(
    jobs: &[BatchJob],
    options: &ExtractBatchOptions,
    progress: Option<&(dyn Fn() + Sync)>,
) -> Vec<BatchResult> {
    crate::extract::batch::extract_batch(
        jobs,
        &crate::extract::ExtractOptions::with_flavor(options.flavor),
        progress,
    )
}

pub(super) const EXTRACT_BATCH: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "extract_batch",
        doc: "Extract many snapshots in parallel; results in input order. Each job is `{id?, snapshot (a path) | content, location, select, remove?, mime_type?}`; each result `{id, markdown}` or `{id, error: {code, message}}`: a failing job never stops the others.",
        args: &[ArgSpec::json::<Vec<BatchJob>>(
            "jobs",
            "The extraction jobs.",
        )],
        options: Some(SchemaGenerator::subschema_for::<ExtractBatchOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<Vec<BatchResult>>),
        progress: true,
    },
    run: |mut args, options| {
        let jobs: Vec<BatchJob> = args.json(0)?;
        let options: ExtractBatchOptions = decode(OPTIONS, options)?;
        let Some(observe) = args.progress() else {
            return Ok(Output::json(extract_batch(&jobs, &options, None)));
        };
        let total = jobs.len() as u64;
        let done = AtomicU64::new(0);
        let tick = || {
            let done = done.fetch_add(1, Ordering::Relaxed) + 1;
            observe(Progress { done, total });
        };
        Ok(Output::json(extract_batch(&jobs, &options, Some(&tick))))
    },
};

/// Options of [`parse_declaration`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct ParseDeclarationOptions {
    /// The file name used in errors and, without `.json`, as the service id (`<input>`).
    pub file: String,
}

impl Default for ParseDeclarationOptions {
    fn default() -> Self {
        ParseDeclarationOptions {
            file: "<input>".into(),
        }
    }
}

/// Parses and validates an OTA service declaration (JSON text) against OTA's schema.
pub fn parse_declaration(
    text: &str,
    options: &ParseDeclarationOptions,
) -> Result<ServiceDeclaration> {
    ServiceDeclaration::parse(text, &options.file)
}

pub(super) const PARSE_DECLARATION: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "parse_declaration",
        doc: "Parse and validate an OTA service declaration (JSON text) against OTA's schema.",
        args: &[ArgSpec::json::<String>(
            "text",
            "The declaration's JSON text.",
        )],
        options: Some(SchemaGenerator::subschema_for::<ParseDeclarationOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<ServiceDeclaration>),
        progress: false,
    },
    run: |mut args, options| {
        let text: String = args.json(0)?;
        let options: ParseDeclarationOptions = decode(OPTIONS, options)?;
        Ok(Output::json(parse_declaration(&text, &options)?))
    },
};

/// Loads `<Service>.json` (and `<Service>.history.json` beside it).
pub fn load_declaration(path: &Path) -> Result<ServiceDeclaration> {
    ServiceDeclaration::load(path)
}

pub(super) const LOAD_DECLARATION: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "load_declaration",
        doc: "Load `<Service>.json` (and `<Service>.history.json` beside it).",
        args: &[ArgSpec::json::<FsPath>("path", "The service file.")],
        options: None,
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<ServiceDeclaration>),
        progress: false,
    },
    run: |mut args, _| {
        let path: FsPath = args.json(0)?;
        Ok(Output::json(load_declaration(&path)?))
    },
};

/// What [`validate`] found in declaration files and directories.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub struct ValidationReport {
    /// Service files read (`*.json` but not `*.history.json`).
    pub service_files: usize,
    /// History files read.
    pub history_files: usize,
    /// History files without a service file beside them (validated, counted here).
    pub orphan_histories: usize,
    /// Ids of the services that loaded, in path order.
    pub loaded: Vec<String>,
    /// Files that did not load, with the error code and message.
    pub rejected: Vec<Rejected>,
}

/// Validates declaration files and directories (every `*.json` of a directory) against OTA's
/// schema: what loads, and every file that does not with its reason. Nothing is skipped
/// silently; an unreadable directory is an error.
pub fn validate(paths: &[PathBuf]) -> Result<ValidationReport> {
    let mut report = ValidationReport::default();
    for path in paths {
        if path.is_dir() {
            let dir = load_directory(path)?;
            report.service_files += dir.service_files;
            report.history_files += dir.history_files;
            report.orphan_histories += dir.orphan_histories;
            report.loaded.extend(dir.loaded.into_iter().map(|s| s.id));
            report.rejected.extend(dir.rejected);
        } else {
            validate_file(path, &mut report);
        }
    }
    Ok(report)
}

fn validate_file(path: &Path, report: &mut ValidationReport) {
    let name = path.display().to_string();
    let is_history = name.ends_with(".history.json");
    let outcome = if is_history {
        report.history_files += 1;
        let service =
            path.with_file_name(name.trim_end_matches(".history.json").to_owned() + ".json");
        if !service.is_file() {
            report.orphan_histories += 1;
        }
        crate::declaration::read(path)
            .and_then(|text| crate::declaration::parse::history(&text, &name).map(|_| None))
    } else {
        report.service_files += 1;
        if path.with_extension("history.json").is_file() {
            report.history_files += 1;
        }
        ServiceDeclaration::load(path).map(|s| Some(s.id))
    };
    match outcome {
        Ok(Some(id)) => report.loaded.push(id),
        Ok(None) => {}
        Err(e) => report.rejected.push(Rejected {
            file: name,
            code: e.code().into(),
            message: e.to_string(),
        }),
    }
}

pub(super) const VALIDATE: Operation<Error> = Operation {
    spec: Spec {
        tool: "terms",
        name: "validate",
        doc: "Validate OTA declarations (files, or directories of them) against OTA's schema: counts, the ids that loaded, and every rejected file with its code and reason.",
        args: &[ArgSpec::json::<OneOrMany<FsPath>>(
            "paths",
            "A path or a list of paths (files or directories).",
        )],
        options: None,
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<ValidationReport>),
        progress: false,
    },
    run: |mut args, _| {
        let paths: OneOrMany<FsPath> = args.json(0)?;
        let paths: Vec<PathBuf> = paths.into_vec().into_iter().map(PathBuf::from).collect();
        Ok(Output::json(validate(&paths)?))
    },
};
