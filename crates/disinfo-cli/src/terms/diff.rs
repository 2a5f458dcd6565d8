//! `disinfo terms diff`: what changed between two versions, by `disinfo::terms::api::diff` (the
//! JSON) or `diff_render` (text, Markdown, HTML).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use disinfo::api::request::{OPTIONS, decode};
use disinfo::terms::api::{self, DiffRenderOptions};
use disinfo::terms::diff::DiffOptions;

use crate::Outcome;
use crate::input::read_text;
use crate::request::{Given, path_value};
use crate::tool::Tool;

/// What `terms diff` prints: the structured diff, or one of the core's renderings.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    /// Unified diff text.
    Text,
    /// The structured diff (classification, changes with heading paths and spans).
    Json,
    /// A Markdown report.
    Markdown,
    /// A self-contained side-by-side HTML page.
    Html,
}

impl DiffFormat {
    /// The core's rendering (`format` of `diff_render`), `None` for the JSON diff itself.
    fn rendering(self) -> Option<&'static str> {
        match self {
            DiffFormat::Json => None,
            DiffFormat::Text => Some("text"),
            DiffFormat::Markdown => Some("markdown"),
            DiffFormat::Html => Some("html"),
        }
    }
}

/// Arguments of `disinfo terms diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version (Markdown or text file; `-` for stdin).
    pub old: PathBuf,
    /// The new version.
    pub new: PathBuf,
    /// Output rendering.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Granularity of the changes: `line`, `word` (the default) or `char`.
    #[arg(long)]
    pub granularity: Option<String>,
    /// Report moved paragraphs as deletions and insertions.
    #[arg(long)]
    pub no_moves: bool,
    /// Unchanged lines shown around changes in text and HTML (default 3).
    #[arg(long)]
    pub context: Option<usize>,
}

/// The core's request: the diff's options, or the rendering's (which hold them).
enum Request {
    /// `api::diff`, printed as JSON.
    Diff(DiffOptions),
    /// `api::diff_render`, printed as it is.
    Render(DiffRenderOptions),
}

/// Runs `disinfo terms diff`: exit 0 when the versions are identical, 1 when they differ.
pub fn run(args: DiffArgs) -> disinfo::Result<Outcome> {
    let given = Given::new()
        .opt("granularity", args.granularity)
        .flag("detect_moves", args.no_moves, false)
        .opt("context_lines", args.context)
        .set("old_name", path_value(&args.old))
        .set("new_name", path_value(&args.new));
    let request = match args.format.rendering() {
        None => decode(OPTIONS, given.into_request()).map(Request::Diff),
        Some(format) => {
            decode(OPTIONS, given.set("format", format).into_request()).map(Request::Render)
        }
    }
    .map_err(|e| Tool::Terms.invalid(e))?;
    let old = read_text(&args.old, Tool::Terms)?;
    let new = read_text(&args.new, Tool::Terms)?;
    match request {
        Request::Diff(options) => {
            let diff = api::diff(&old, &new, &options);
            crate::output::print_json(&diff)?;
            Ok(Outcome::findings_if(!diff.identical))
        }
        Request::Render(options) => {
            crate::output::print_lines(&api::diff_render(&old, &new, &options));
            // A diff is `identical` when the texts are byte-identical (`Diff::identical`).
            Ok(Outcome::findings_if(old != new))
        }
    }
}
