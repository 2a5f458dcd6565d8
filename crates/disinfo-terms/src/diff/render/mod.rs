//! Renderings of a [`Diff`]: unified text, Markdown report, HTML side-by-side page.

mod html;
mod markdown;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use similar::TextDiff;

use crate::diff::model::{Diff, DiffOptions};
use crate::error::{Error, Result};

pub use html::html;
pub use markdown::markdown;

/// A text rendering of a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A plain unified diff (`--- old`, `+++ new`, `@@` hunks) of the lines.
    Text,
    /// A Markdown report: the verdict, then every change with its section and reason.
    Markdown,
    /// A self-contained HTML page: verdict, list of changes, side-by-side view with inline
    /// `<del>`/`<ins>` highlights. No external assets, no scripts.
    Html,
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "text" | "unified" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            other => Err(Error::arg(
                "format",
                format!("`{other}` is not a diff rendering; use `text`, `markdown` or `html`"),
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        })
    }
}

/// Renders `diff` (computed from `old` and `new` with `options`) in `format`.
///
/// ```
/// use disinfo_terms::diff::{diff, render, DiffOptions, Format};
///
/// let options = DiffOptions::default();
/// let d = diff("a\nb\n", "a\nc\n", &options);
/// let text = render(&d, "a\nb\n", "a\nc\n", &options, Format::Text);
/// assert!(text.contains("-b\n+c\n"));
/// ```
pub fn render(diff: &Diff, old: &str, new: &str, options: &DiffOptions, format: Format) -> String {
    match format {
        Format::Text => unified(old, new, options),
        Format::Markdown => markdown(diff, options),
        Format::Html => html(diff, old, new, options),
    }
}

/// A plain unified diff of the lines of `old` and `new`.
pub fn unified(old: &str, new: &str, options: &DiffOptions) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(options.context_lines)
        .header(&options.old_name, &options.new_name)
        .to_string()
}
