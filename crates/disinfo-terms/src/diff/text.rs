//! A version's text with its line table: byte offsets to lines and columns, and the heading path
//! of every line.

use crate::diff::model::Span;

/// A text, its lines (with their terminators) and the heading path in force on each line.
pub(crate) struct Doc<'a> {
    pub(crate) text: &'a str,
    /// Byte offset where each line starts; one entry per line, plus `text.len()` at the end.
    pub(crate) line_starts: Vec<usize>,
    /// For each line, an index into `paths`.
    line_path: Vec<usize>,
    paths: Vec<Vec<String>>,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str) -> Doc<'a> {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' && i + 1 < text.len() {
                line_starts.push(i + 1);
            }
        }
        if text.is_empty() {
            line_starts.clear();
        }
        line_starts.push(text.len());
        let mut doc = Doc {
            text,
            line_starts,
            line_path: Vec::new(),
            paths: Vec::new(),
        };
        doc.index_headings();
        doc
    }

    /// Number of lines.
    pub(crate) fn line_count(&self) -> usize {
        self.line_starts.len() - 1
    }

    /// The line `i` (0-based) with its terminator.
    pub(crate) fn line(&self, i: usize) -> &'a str {
        &self.text[self.line_starts[i]..self.line_starts[i + 1]]
    }

    /// Every line with its terminator. Only `\n` ends a line (a `\r` alone stays inside it):
    /// line diffs run over these slices, so that their line numbers are this table's.
    pub(crate) fn lines(&self) -> Vec<&'a str> {
        (0..self.line_count()).map(|i| self.line(i)).collect()
    }

    /// Byte offset of the start of line `i` (`text.len()` for `i == line_count()`).
    pub(crate) fn line_start(&self, i: usize) -> usize {
        self.line_starts[i.min(self.line_starts.len() - 1)]
    }

    /// 0-based line containing byte `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i.min(self.line_count().saturating_sub(1)),
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The span of `start..end` with its 1-based line and column.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        let line = self.line_of(start);
        let line_start = self.line_start(line);
        let column = self
            .text
            .get(line_start..start)
            .map_or(0, |s| s.chars().count())
            + 1;
        Span {
            start,
            end,
            line: line + 1,
            column,
        }
    }

    /// The heading path in force at 0-based line `i` (the path of the last line after the end).
    pub(crate) fn heading_path(&self, i: usize) -> Vec<String> {
        if self.line_path.is_empty() {
            return Vec::new();
        }
        let i = i.min(self.line_path.len() - 1);
        self.paths[self.line_path[i]].clone()
    }

    /// The full line range (start of first line, end of last line) covering `start..end`.
    pub(crate) fn line_text(&self, start: usize, end: usize) -> &'a str {
        let first = self.line_of(start);
        let last = if end > start {
            self.line_of(end - 1)
        } else {
            first
        };
        let from = self.line_start(first);
        let to = self.line_start(last + 1);
        self.text.get(from..to).unwrap_or("")
    }

    fn index_headings(&mut self) {
        let n = self.line_count();
        let mut stack: Vec<(usize, String)> = Vec::new();
        self.paths.push(Vec::new());
        self.line_path = vec![0; n];
        let mut in_fence = false;
        let mut i = 0;
        while i < n {
            let line = self.line(i).trim_end_matches(['\n', '\r']);
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                in_fence = !in_fence;
            }
            let mut heading = None;
            if !in_fence {
                if let Some((level, text)) = atx_heading(line) {
                    heading = Some((level, text, i));
                } else if i + 1 < n && !line.trim().is_empty() && !is_list_item(line) {
                    let next = self.line(i + 1).trim_end_matches(['\n', '\r']);
                    let previous_blank = i == 0 || self.line(i - 1).trim().is_empty();
                    if let Some(level) = setext_underline(next)
                        && previous_blank
                    {
                        heading = Some((level, clean_heading(line), i));
                    }
                }
            }
            if let Some((level, text, at)) = heading {
                while stack.last().is_some_and(|(l, _)| *l >= level) {
                    stack.pop();
                }
                stack.push((level, text));
                self.paths
                    .push(stack.iter().map(|(_, t)| t.clone()).collect());
                let id = self.paths.len() - 1;
                let underline = usize::from(atx_heading(line).is_none());
                for slot in self.line_path.iter_mut().skip(at).take(1 + underline) {
                    *slot = id;
                }
                i = at + 1 + underline;
                continue;
            }
            self.line_path[i] = self.paths.len() - 1;
            i += 1;
        }
    }
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("* ") || t.starts_with("- ") || t.starts_with("+ ") || {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && t[digits..].starts_with(". ")
    }
}

fn atx_heading(line: &str) -> Option<(usize, String)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let level = t.bytes().take_while(|b| *b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    Some((level, clean_heading(text)))
}

fn setext_underline(line: &str) -> Option<usize> {
    let t = line.trim();
    if t.is_empty() || line.len() - line.trim_start().len() > 3 {
        return None;
    }
    if t.bytes().all(|b| b == b'=') {
        Some(1)
    } else if t.bytes().all(|b| b == b'-') {
        Some(2)
    } else {
        None
    }
}

/// Heading text as a reader sees it (links by their text, no emphasis or escapes).
fn clean_heading(text: &str) -> String {
    crate::diff::heading::plain_heading(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_paths_follow_atx_and_setext_levels() {
        let text = "Privacy\n=======\n\nintro\n\n## Data we collect\n\n### Location\n\nGPS\n\nSharing\n-------\n\nnone\n";
        let doc = Doc::new(text);
        let gps = doc.line_of(text.find("GPS").expect("present"));
        assert_eq!(
            doc.heading_path(gps),
            ["Privacy", "Data we collect", "Location"]
        );
        let none = doc.line_of(text.find("none").expect("present"));
        assert_eq!(doc.heading_path(none), ["Privacy", "Sharing"]);
        assert_eq!(
            doc.heading_path(doc.line_of(text.find("intro").expect("present"))),
            ["Privacy"]
        );
    }

    #[test]
    fn list_item_followed_by_dashes_is_not_a_heading() {
        let doc = Doc::new("* item\n---\ntext\n");
        assert!(doc.heading_path(2).is_empty());
    }

    #[test]
    fn empty_text_has_no_lines() {
        let doc = Doc::new("");
        assert_eq!(doc.line_count(), 0);
        assert!(doc.heading_path(0).is_empty());
        assert_eq!(doc.span(0, 0).line, 1);
    }

    #[test]
    fn span_reports_line_and_char_column() {
        let doc = Doc::new("ab\nçd e\n");
        let span = doc.span(7, 8);
        assert_eq!((span.line, span.column), (2, 4));
    }
}
