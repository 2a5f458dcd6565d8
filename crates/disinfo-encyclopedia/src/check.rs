//! Checking a corpus: each file on its own (front matter, schema, URLs), in parallel, then the
//! cross-file rules on the whole corpus ([`crate::refs`]).

use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::entry::{EntryInfo, Ref};
use crate::links::check_url;
use crate::markdown::outline;
use crate::parse::frontmatter::{SplitError, split};
use crate::parse::yaml::{Limits, Node, NodeKind, Problem, load};
use crate::schema::Schema;
use crate::schema::formats::is_date;
use crate::schema::map::{Ctx, validate};
use crate::{Diagnostic, Related, Result, Severity, Span, refs};

/// Options of a check. Deserialisable from JSON (all keys optional, snake_case).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CheckOptions {
    /// A corpus's own schema (a JSON Schema object) extending the shipped one; see
    /// [`Schema::with_extension`]. Default: none.
    pub schema: Option<Value>,
    /// Largest front matter, in bytes (default 1 MiB); larger gives FM008.
    pub max_front_matter_bytes: usize,
    /// Most YAML nodes after alias expansion (default 100,000); more gives FM006.
    pub max_nodes: usize,
    /// Deepest YAML nesting (default 64); deeper gives FM007.
    pub max_depth: usize,
}

impl Default for CheckOptions {
    fn default() -> Self {
        let limits = Limits::default();
        CheckOptions {
            schema: None,
            max_front_matter_bytes: 1 << 20,
            max_nodes: limits.max_nodes,
            max_depth: limits.max_depth,
        }
    }
}

impl CheckOptions {
    /// The compiled schema these options ask for.
    pub fn compile_schema(&self) -> Result<Schema> {
        match &self.schema {
            Some(ext) => Schema::with_extension(ext, "options.schema"),
            None => Schema::builtin(),
        }
    }

    fn limits(&self) -> Limits {
        Limits {
            max_nodes: self.max_nodes,
            max_depth: self.max_depth,
        }
    }
}

/// One file of a corpus, in memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SourceFile {
    /// Path relative to the corpus root, with `/` separators (`tools/disarm.md`).
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// The result of a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Report {
    /// Files read.
    pub files: usize,
    /// Files whose front matter loaded (entries taking part in the cross-reference checks).
    pub entries: usize,
    /// Diagnostics of severity error.
    pub errors: usize,
    /// Diagnostics of severity warning.
    pub warnings: usize,
    /// Every diagnostic, sorted by file, line, column and rule.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// True when there is no error (warnings allowed): `disinfo encyclopedia check` exits 0.
    pub fn is_ok(&self) -> bool {
        self.errors == 0
    }

    /// The text form of every diagnostic and a summary line.
    pub fn to_text(&self) -> String {
        crate::diagnostic::render_text(&self.diagnostics)
    }
}

/// Per-file result.
struct FileResult {
    diagnostics: Vec<Diagnostic>,
    entry: Option<EntryInfo>,
}

fn utf8_problem(file: &str, bytes: &[u8]) -> Option<Diagnostic> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Some(Diagnostic::new(
            file,
            Span::at_line(1),
            "",
            "FM009",
            "binary file (NUL bytes): entries must be UTF-8 Markdown text".into(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => None,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Some(Diagnostic::new(
                file,
                Span::new(line, column, line, column + 1),
                "",
                "FM009",
                format!(
                    "invalid UTF-8 at byte {}; save the file as UTF-8",
                    e.valid_up_to()
                ),
            ))
        }
    }
}

fn string_at<'a>(root: &'a Node, key: &str) -> Option<(&'a str, Span)> {
    root.get(key).and_then(|n| n.as_str().map(|s| (s, n.span)))
}

/// YAML 1.1 booleans that YAML 1.2 reads as strings: Jekyll (Psych) and PyYAML read them as
/// booleans, so the same file means different things to different tools.
fn yaml11_bool(text: &str) -> Option<bool> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some(true),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

/// FM005 for every plain scalar that YAML 1.1 tools read as a boolean. `pointer` is the JSON
/// pointer of `node`, extended and restored while walking.
fn walk_yaml11(node: &Node, pointer: &mut String, file: &str, out: &mut Vec<Diagnostic>) {
    match &node.kind {
        NodeKind::Scalar {
            text,
            plain: true,
            value: Value::String(_),
        } => {
            if let Some(b) = yaml11_bool(text) {
                out.push(
                    Diagnostic::new(
                        file,
                        node.span,
                        pointer,
                        "FM005",
                        format!(
                            "plain `{text}` is the string \"{text}\" in YAML 1.2 but the boolean {b} in YAML 1.1 tools (Jekyll, PyYAML); quote it"
                        ),
                    )
                    .with_suggestion(Some(format!("'{text}'"))),
                );
            }
        }
        NodeKind::Seq(items) => {
            let len = pointer.len();
            for (i, item) in items.iter().enumerate() {
                // Writing into a String cannot fail.
                let _ = write!(pointer, "/{i}");
                walk_yaml11(item, pointer, file, out);
                pointer.truncate(len);
            }
        }
        NodeKind::Map(entries) => {
            let len = pointer.len();
            for e in entries {
                pointer.push('/');
                pointer.push_str(&crate::parse::yaml::escape_pointer(&e.key));
                walk_yaml11(&e.value, pointer, file, out);
                pointer.truncate(len);
            }
        }
        NodeKind::Scalar { .. } => {}
    }
}

fn url_diag(file: &str, span: Span, pointer: &str, url: &str) -> Option<Diagnostic> {
    check_url(url).map(|p| {
        Diagnostic::new(file, span, pointer, p.rule, p.message).with_suggestion(p.suggestion)
    })
}

fn collect_refs(root: &Node) -> (Vec<Ref>, Option<Ref>) {
    let mut refs = Vec::new();
    let list = |field: &'static str, expected: Option<&'static str>, refs: &mut Vec<Ref>| {
        for (i, item) in root
            .get(field)
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if let Some(s) = item.as_str() {
                refs.push(Ref {
                    target: s.to_owned(),
                    span: item.span,
                    field,
                    item: Some(i),
                    expected_kind: expected,
                    rel: None,
                });
            }
        }
    };
    list("maintainers", Some("actor"), &mut refs);
    list("suspected_actors", Some("actor"), &mut refs);
    list("see_also", None, &mut refs);
    for (i, item) in root
        .get("related")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        if let Some(target) = item
            .get("ref")
            .and_then(|n| n.as_str().map(|s| (s, n.span)))
        {
            refs.push(Ref {
                target: target.0.to_owned(),
                span: target.1,
                field: "related",
                item: Some(i),
                expected_kind: None,
                rel: item.get("rel").and_then(Node::as_str).map(str::to_owned),
            });
        }
    }
    let translation = string_at(root, "translation_of").map(|(s, span)| Ref {
        target: s.to_owned(),
        span,
        field: "translation_of",
        item: None,
        expected_kind: None,
        rel: None,
    });
    (refs, translation)
}

fn is_internal(target: &str) -> bool {
    target.starts_with("entry:") || target.starts_with('#') || !target.contains(':')
}

fn check_one(path: &str, bytes: &[u8], schema: &Schema, options: &CheckOptions) -> FileResult {
    let mut out = Vec::new();
    let none = |d: Vec<Diagnostic>| FileResult {
        diagnostics: d,
        entry: None,
    };
    if let Some(d) = utf8_problem(path, bytes) {
        return none(vec![d]);
    }
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parts = match split(text, options.max_front_matter_bytes) {
        Ok(p) => p,
        Err(e) => {
            let (rule, message) = match e {
                SplitError::Missing => ("FM001", "no front matter: the file must start with a `---` line followed by YAML and a closing `---`".to_owned()),
                SplitError::Unclosed => ("FM002", "front matter opened here is never closed; add a `---` line after the YAML".to_owned()),
                SplitError::TooLarge { limit } => ("FM008", format!("front matter is larger than {limit} bytes; entries keep their text in the Markdown body")),
            };
            return none(vec![Diagnostic::new(
                path,
                Span::new(1, 1, 1, 4),
                "",
                rule,
                message,
            )]);
        }
    };
    let doc_span = Span::new(1, 1, 1, 4);
    let loaded = load(parts.yaml, parts.yaml_line, options.limits());
    let mut fatal = false;
    for p in &loaded.problems {
        fatal |= p.is_fatal();
        out.push(match p {
            Problem::Syntax { span, message } => {
                Diagnostic::new(path, *span, "", "FM003", format!("YAML syntax error: {message}"))
            }
            Problem::DuplicateKey { key, pointer, span, first } => Diagnostic::new(
                path,
                *span,
                pointer,
                "FM004",
                format!("duplicate key `{key}`; YAML tools disagree on which value wins. Keep one"),
            )
            .with_related(Related {
                file: path.to_owned(),
                line: first.start.line,
                column: first.start.column,
                message: format!("first `{key}` here"),
            }),
            Problem::TooManyNodes { span, limit } => Diagnostic::new(
                path,
                *span,
                "",
                "FM006",
                format!("aliases expand to more than {limit} nodes (\"billion laughs\"); loading stopped"),
            ),
            Problem::TooDeep { span, limit } => Diagnostic::new(
                path,
                *span,
                "",
                "FM007",
                format!("front matter nested deeper than {limit} levels; loading stopped"),
            ),
        });
    }
    if fatal {
        return none(out);
    }
    let root = loaded.root.unwrap_or(Node {
        kind: NodeKind::Scalar {
            text: String::new(),
            plain: true,
            value: Value::Null,
        },
        span: doc_span,
    });
    let json = root.to_json();
    let kind = json.get("kind").and_then(Value::as_str);
    let ctx = Ctx {
        file: path,
        root: &root,
        schema,
        kind,
        doc_span,
    };
    out.extend(validate(&ctx, &json));
    walk_yaml11(&root, &mut String::new(), path, &mut out);

    if let (Some(c), Some((u, span))) = (
        json.get("created").and_then(Value::as_str),
        string_at(&root, "updated"),
    ) && is_date(c)
        && is_date(u)
        && u < c
    {
        out.push(
            Diagnostic::new(
                path,
                span,
                "/updated",
                "SC011",
                format!("`updated` ({u}) is before `created` ({c})"),
            )
            .with_suggestion(Some(c.to_owned())),
        );
    }
    // External URLs of the front matter.
    for key in ["url", "code_url"] {
        if let Some((u, span)) = string_at(&root, key) {
            out.extend(url_diag(path, span, &format!("/{key}"), u));
        }
    }
    for (i, source) in root
        .get("sources")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        for key in ["url", "archived_url"] {
            if let Some((u, span)) = string_at(source, key) {
                out.extend(url_diag(path, span, &format!("/sources/{i}/{key}"), u));
            }
        }
    }
    // The body: headings and links.
    let body = outline(parts.body, parts.body_line);
    let mut internal_links = Vec::new();
    for link in body.links {
        if is_internal(&link.target) {
            internal_links.push(link);
        } else if link.target.starts_with("http:") || link.target.starts_with("https:") {
            out.extend(url_diag(path, link.span, "", &link.target));
        }
    }
    let (refs, translation_of) = collect_refs(&root);
    let entry = EntryInfo {
        file: path.to_owned(),
        id: string_at(&root, "id").map(|(s, span)| (s.to_owned(), span)),
        kind: kind.map(str::to_owned),
        lang: json.get("lang").and_then(Value::as_str).map(str::to_owned),
        translation_of,
        refs,
        anchors: body.anchors,
        internal_links,
    };
    FileResult {
        diagnostics: out,
        entry: Some(entry),
    }
}

/// Checks in-memory files with a compiled schema (the schema can be reused across calls).
pub fn check_with_schema(files: &[SourceFile], schema: &Schema, options: &CheckOptions) -> Report {
    let results: Vec<FileResult> = files
        .par_iter()
        .map(|f| check_one(&f.path, &f.bytes, schema, options))
        .collect();
    report(results)
}

/// The report of a corpus from the results of its files (in path order): the cross-file rules
/// run here.
fn report(results: Vec<FileResult>) -> Report {
    let files = results.len();
    let mut diagnostics = Vec::new();
    let mut entries = Vec::new();
    for r in results {
        diagnostics.extend(r.diagnostics);
        entries.extend(r.entry);
    }
    entries.sort_by(|a, b| a.file.cmp(&b.file));
    let entry_count = entries.len();
    diagnostics.extend(refs::check_corpus(&entries));
    crate::diagnostic::sort_diagnostics(&mut diagnostics);
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    Report {
        files,
        entries: entry_count,
        errors,
        warnings: diagnostics.len() - errors,
        diagnostics,
    }
}

/// Checks in-memory files (paths relative to the corpus root).
///
/// ```
/// use disinfo_encyclopedia::{check_files, CheckOptions, SourceFile};
/// let file = SourceFile { path: "a.md".into(), bytes: b"---\nid: a\nlang: no\n---\n".to_vec() };
/// let report = check_files(&[file], &CheckOptions::default()).expect("schema compiles");
/// assert!(report.diagnostics.iter().any(|d| d.rule == "FM005" && d.line == 3 && d.column == 7));
/// ```
pub fn check_files(files: &[SourceFile], options: &CheckOptions) -> Result<Report> {
    let schema = options.compile_schema()?;
    Ok(check_with_schema(files, &schema, options))
}

/// True for files a corpus check reads: `*.md`, except `README.md` and names starting with
/// `.` or `_` (and everything under such folders).
pub fn is_entry_path(relative: &str) -> bool {
    let mut parts = relative.split('/').peekable();
    while let Some(p) = parts.next() {
        if p.starts_with('.') || p.starts_with('_') {
            return false;
        }
        if parts.peek().is_none() {
            return p.ends_with(".md") && !p.eq_ignore_ascii_case("readme.md");
        }
    }
    false
}

/// The entry files under `dir` (see [`is_entry_path`]): (path relative to `dir`, path), sorted.
fn corpus_paths(dir: &Path) -> Result<Vec<(String, std::path::PathBuf)>> {
    /// Collects the entry files under `dir`, whose path relative to the root is `prefix`
    /// (empty, or ending with `/`).
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, std::path::PathBuf)>) -> Result<()> {
        let read = std::fs::read_dir(dir).map_err(|e| crate::Error::io("list", dir, e))?;
        for item in read {
            let item = item.map_err(|e| crate::Error::io("list", dir, e))?;
            let name = item.file_name();
            let rel = format!("{prefix}{}", name.to_string_lossy());
            let ty = item
                .file_type()
                .map_err(|e| crate::Error::io("inspect", &item.path(), e))?;
            if ty.is_dir() {
                if !rel[prefix.len()..].starts_with(['.', '_']) {
                    walk(&item.path(), &format!("{rel}/"), out)?;
                }
            } else if is_entry_path(&rel) {
                out.push((rel, item.path()));
            }
        }
        Ok(())
    }
    if !dir.is_dir() {
        return Err(crate::Error::io(
            "check",
            dir,
            std::io::Error::new(
                std::io::ErrorKind::NotADirectory,
                "not a directory; pass the folder that holds the entry files",
            ),
        ));
    }
    let mut paths = Vec::new();
    walk(dir, "", &mut paths)?;
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(paths)
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| crate::Error::io("read", path, e))
}

/// Reads every entry file under `dir` (see [`is_entry_path`]), sorted by path. Files are read
/// in parallel.
pub fn read_corpus(dir: &Path) -> Result<Vec<SourceFile>> {
    corpus_paths(dir)?
        .into_par_iter()
        .map(|(rel, path)| {
            Ok(SourceFile {
                bytes: read_file(&path)?,
                path: rel,
            })
        })
        .collect()
}

/// Checks the corpus under `dir`.
///
/// Each file is checked as soon as it is read (in parallel); the result is the same as
/// [`read_corpus`] followed by [`check_with_schema`].
pub fn check_dir(dir: &Path, options: &CheckOptions) -> Result<Report> {
    let schema = options.compile_schema()?;
    let results = corpus_paths(dir)?
        .into_par_iter()
        .map(|(rel, path)| Ok(check_one(&rel, &read_file(&path)?, &schema, options)))
        .collect::<Result<Vec<FileResult>>>()?;
    Ok(report(results))
}
