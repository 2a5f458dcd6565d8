//! Diagnostics: one problem at one place, with a stable rule id, and their text form.

use serde::{Deserialize, Serialize};

// `Severity` has its own module (the rule table needs it too); its old path keeps working.
pub use crate::severity::Severity;

/// A source position: 1-based line and 1-based column counted in Unicode characters.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// A source range; `end` is exclusive.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub struct Span {
    /// First character.
    pub start: Position,
    /// Just after the last character.
    pub end: Position,
}

impl Span {
    /// A span from `(line, column)` to `(end_line, end_column)`.
    pub fn new(line: usize, column: usize, end_line: usize, end_column: usize) -> Self {
        Span {
            start: Position { line, column },
            end: Position {
                line: end_line,
                column: end_column,
            },
        }
    }

    /// The span of a whole line's first character (used for file-level problems).
    pub fn at_line(line: usize) -> Self {
        Span::new(line, 1, line, 1)
    }
}

/// Another place that explains a diagnostic (the first definition of a duplicate id, a step of
/// a cycle, ...).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Related {
    /// Path of the file, relative to the corpus root, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is at that place.
    pub message: String,
}

/// One problem found in the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diagnostic {
    /// Path of the file, relative to the corpus root, with `/` separators.
    pub file: String,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column just after the end.
    pub end_column: usize,
    /// JSON pointer into the front matter (`/sources/0/url`); empty for the whole document or
    /// for places outside the front matter.
    pub pointer: String,
    /// Stable rule id (`FM004`, `SC001`, `RF001`, ...), see [`crate::rules::RULES`].
    pub rule: String,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The replacement text for the offending key or value (`maintainers`, `2017-07-07`,
    /// `'no'`), when one is known.
    pub suggestion: Option<String>,
    /// Other places that explain the problem.
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `span` of `file`; the severity is the rule's default.
    pub fn new(file: &str, span: Span, pointer: &str, rule: &str, message: String) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: span.start.line,
            column: span.start.column,
            end_line: span.end.line,
            end_column: span.end.column,
            pointer: pointer.to_owned(),
            rule: rule.to_owned(),
            severity: crate::rules::default_severity(rule),
            message,
            suggestion: None,
            related: Vec::new(),
        }
    }

    /// Adds a suggestion.
    pub fn with_suggestion(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }

    /// Adds a related location.
    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    /// The text form: `path:line:col: error[RF001] message`, then `  help: replace with ...` and
    /// `  note: path:line:col: ...` lines for the suggestion and related places.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{}:{}:{}: {}[{}] {}",
            self.file,
            self.line,
            self.column,
            self.severity.as_str(),
            self.rule,
            self.message
        );
        if let Some(s) = &self.suggestion {
            out.push_str(&format!("\n  help: replace with `{s}`"));
        }
        for r in &self.related {
            out.push_str(&format!(
                "\n  note: {}:{}:{}: {}",
                r.file, r.line, r.column, r.message
            ));
        }
        out
    }

    fn sort_key(&self) -> (&str, usize, usize, &str, &str, usize, usize) {
        (
            &self.file,
            self.line,
            self.column,
            &self.rule,
            &self.pointer,
            self.end_line,
            self.end_column,
        )
    }
}

/// Sorts diagnostics by file, line, column and rule (then pointer, end, message, so that the
/// order is total and the output deterministic).
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// Renders diagnostics in the text form, one per line (with their help and note lines), followed
/// by a summary line.
pub fn render_text(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_text());
        out.push('\n');
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    out.push_str(&format!("{errors} error(s), {warnings} warning(s)\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_is_path_line_col_severity_rule_message() {
        let d = Diagnostic::new(
            "tools/a.md",
            Span::new(3, 5, 3, 9),
            "/x",
            "RF001",
            "unknown id".into(),
        )
        .with_suggestion(Some("b".into()));
        assert_eq!(
            d.to_text(),
            "tools/a.md:3:5: error[RF001] unknown id\n  help: replace with `b`"
        );
    }

    #[test]
    fn sort_is_by_file_line_column_rule() {
        let mk = |f: &str, l, c, r: &str| {
            Diagnostic::new(f, Span::new(l, c, l, c), "", r, String::new())
        };
        let mut v = vec![
            mk("b", 1, 1, "FM001"),
            mk("a", 2, 1, "SC001"),
            mk("a", 2, 1, "FM005"),
            mk("a", 1, 9, "SC004"),
        ];
        sort_diagnostics(&mut v);
        let got: Vec<_> = v
            .iter()
            .map(|d| (d.file.as_str(), d.line, d.rule.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("a", 1, "SC004"),
                ("a", 2, "FM005"),
                ("a", 2, "SC001"),
                ("b", 1, "FM001")
            ]
        );
    }
}
