//! A fast scanner for the shape almost every front matter has, producing exactly the events and
//! spans `saphyr-parser` produces for it, or declining.
//!
//! Entries are a block mapping of simple keys whose values are one-line scalars (plain, single-
//! or double-quoted), one-line flow collections, `|`/`>` block scalars, nested block mappings and
//! block sequences. Anything else (tabs, anchors, aliases, tags, escapes, multi-line plain or
//! quoted scalars, complex keys, directives, `\r`, empty values, more-indented block scalar
//! lines...) makes [`events`] return `None`, and the loader uses `saphyr-parser`. This module's
//! differential tests hold the two to the same event stream on every input the scanner accepts
//! (the example corpus, hand-written shapes, and thousands of generated documents).

use std::borrow::Cow;
use std::cell::Cell;

use saphyr_parser::{Event, Marker, ScalarStyle, Span};

/// Deepest flow nesting the scanner accepts (the loader's limits apply to the events).
const MAX_FLOW_DEPTH: usize = 16;

/// Deepest block nesting the scanner accepts; deeper documents go to the general parser, whose
/// loader stops at its own limit (the scanner recurses once per level).
const MAX_BLOCK_DEPTH: usize = 16;

/// One line of the document (without its `\n`).
struct Line<'a> {
    text: &'a str,
    /// Leading spaces.
    indent: usize,
    /// Char index of the line's first character in the document.
    char_start: usize,
    /// True when every byte is ASCII (columns are byte offsets).
    ascii: bool,
}

impl Line<'_> {
    /// Empty, or only a comment after spaces.
    fn is_skipped(&self) -> bool {
        self.indent == self.text.len() || self.text.as_bytes()[self.indent] == b'#'
    }
}

/// The events of `yaml` with their spans, as `saphyr-parser` would give them, or `None` when
/// the document is not of the shape this scanner handles.
pub(crate) fn events(yaml: &str) -> Option<Vec<(Event<'_>, Span)>> {
    let lines = split_lines(yaml)?;
    let mut scanner = Scanner {
        lines,
        events: Vec::with_capacity(64),
        end: Marker::new(0, 1, 0),
        column: Cell::new((usize::MAX, 0, 0)),
    };
    let last = scanner.lines.len();
    let chars = scanner
        .lines
        .last()
        .map_or(0, |l| l.char_start + l.text.chars().count() + 1);
    scanner.end = Marker::new(chars, last + 1, 0);
    let first = scanner.next_content(0)?;
    if scanner.lines[first].indent != 0 {
        return None;
    }
    let origin = Marker::new(0, 1, 0);
    scanner.push(Event::StreamStart, origin, origin);
    let start = scanner.marker(first, 0);
    scanner.push(Event::DocumentStart(false), start, start);
    let after = scanner.block_map(first, 0, 1)?;
    if after.is_some() {
        return None;
    }
    let end = scanner.end;
    scanner.push(Event::DocumentEnd, end, end);
    scanner.push(Event::StreamEnd, end, end);
    Some(scanner.events)
}

/// The document's lines; `None` for characters or layouts the scanner leaves to the parser.
fn split_lines(yaml: &str) -> Option<Vec<Line<'_>>> {
    let body = yaml.strip_suffix('\n')?;
    let mut lines = Vec::with_capacity(32);
    let mut char_start = 0;
    for text in body.split('\n') {
        let ascii = text.is_ascii();
        if !ascii && text.chars().any(is_unusual) {
            return None;
        }
        if ascii && text.bytes().any(|b| b < b' ' || b == 0x7f) {
            return None;
        }
        let indent = text.bytes().take_while(|&b| b == b' ').count();
        if indent == text.len() && indent > 0 {
            return None;
        }
        lines.push(Line {
            text,
            indent,
            char_start,
            ascii,
        });
        char_start += if ascii {
            text.len()
        } else {
            text.chars().count()
        } + 1;
    }
    Some(lines)
}

/// Control characters, the BOM and the line separators YAML 1.1 knows.
fn is_unusual(c: char) -> bool {
    c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
}

/// Characters that start something other than a plain scalar.
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// `key:` at `at`: the key's end (the colon's offset) when the text there is a simple key
/// (`[A-Za-z0-9_][A-Za-z0-9_-]*`) followed by `:` and a space or the end of the line.
fn simple_key(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let first = *b.get(at)?;
    if !(first.is_ascii_alphanumeric() || first == b'_') {
        return None;
    }
    let mut i = at + 1;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'-') {
        i += 1;
    }
    match (b.get(i), b.get(i + 1)) {
        (Some(b':'), None | Some(b' ')) => Some(i),
        _ => None,
    }
}

struct Scanner<'a> {
    lines: Vec<Line<'a>>,
    events: Vec<(Event<'a>, Span)>,
    /// Where the stream ends.
    end: Marker,
    /// The last (line, byte, column) computed on a non-ASCII line.
    column: Cell<(usize, usize, usize)>,
}

/// What ended a block collection: the next content line, or the end of the document.
type Next = Option<usize>;

impl<'a> Scanner<'a> {
    fn push(&mut self, event: Event<'a>, start: Marker, end: Marker) {
        self.events.push((event, Span::new(start, end)));
    }

    fn marker(&self, line: usize, byte: usize) -> Marker {
        let l = &self.lines[line];
        let col = if l.ascii {
            byte
        } else {
            // Markers of a line come mostly left to right: count on from the last one, so that
            // a long non-ASCII line costs its length once, not once per marker.
            let (cached_line, cached_byte, cached_col) = self.column.get();
            let (from_byte, from_col) = if cached_line == line && cached_byte <= byte {
                (cached_byte, cached_col)
            } else {
                (0, 0)
            };
            let col = from_col + l.text[from_byte..byte].chars().count();
            self.column.set((line, byte, col));
            col
        };
        Marker::new(l.char_start + col, line + 1, col)
    }

    /// The first line at or after `from` that is neither empty nor a comment.
    fn next_content(&self, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&i| !self.lines[i].is_skipped())
    }

    /// Where the token after a block collection starts.
    fn token_at(&self, next: Next) -> Marker {
        match next {
            Some(i) => self.marker(i, self.lines[i].indent),
            None => self.end,
        }
    }

    fn zero_width(&mut self, event: Event<'a>, at: Marker) {
        self.push(event, at, at);
    }

    /// A block mapping whose first key is at byte `col` of `line`; later keys start lines
    /// indented by `col`. Returns the first content line after it.
    fn block_map(&mut self, line: usize, col: usize, depth: usize) -> Option<Next> {
        if depth > MAX_BLOCK_DEPTH {
            return None;
        }
        let start = self.marker(line, col);
        self.zero_width(Event::MappingStart(0, None), start);
        let mut current = line;
        let mut key_at = col;
        loop {
            let next = self.map_entry(current, key_at, col, depth)?;
            match next {
                Some(i) if self.lines[i].indent == col => {
                    current = i;
                    key_at = col;
                }
                Some(i) if self.lines[i].indent > col => return None,
                _ => {
                    let at = self.token_at(next);
                    self.zero_width(Event::MappingEnd, at);
                    return Some(next);
                }
            }
        }
    }

    /// One `key: value` of a block mapping indented by `indent`; returns the next content line.
    fn map_entry(&mut self, line: usize, at: usize, indent: usize, depth: usize) -> Option<Next> {
        let text = self.lines[line].text;
        let colon = simple_key(text, at)?;
        let (start, end) = (self.marker(line, at), self.marker(line, colon));
        self.push(
            Event::Scalar(Cow::Borrowed(&text[at..colon]), ScalarStyle::Plain, 0, None),
            start,
            end,
        );
        let value_at = colon + 1 + spaces(text, colon + 1);
        if rest_is_empty(text, colon + 1) {
            let next = self.next_content(line + 1)?;
            let l = &self.lines[next];
            let nested = l.indent;
            if is_entry_line(l.text, nested) && nested >= indent {
                return self.block_seq(next, nested, nested == indent, depth + 1);
            }
            if nested > indent && simple_key(l.text, nested).is_some() {
                return self.block_map(next, nested, depth + 1);
            }
            return None;
        }
        match text.as_bytes()[value_at] {
            b'|' | b'>' => self.block_scalar(line, value_at, indent),
            _ => {
                let after = self.inline_value(line, value_at)?;
                self.after_inline(line, after, indent)
            }
        }
    }

    /// A block sequence whose first `- ` is on `line` at `indent`. `indentless`: the sequence is
    /// a mapping value at the mapping's own indentation (`key:\n- item`).
    fn block_seq(
        &mut self,
        line: usize,
        indent: usize,
        indentless: bool,
        depth: usize,
    ) -> Option<Next> {
        if depth > MAX_BLOCK_DEPTH {
            return None;
        }
        let start = self.marker(line, if indentless { indent + 2 } else { indent });
        self.zero_width(Event::SequenceStart(0, None), start);
        let mut current = line;
        loop {
            let text = self.lines[current].text;
            let item = indent + 2;
            let next = if simple_key(text, item).is_some() {
                let next = self.block_map(current, item, depth + 1)?;
                if matches!(next, Some(i) if self.lines[i].indent > indent) {
                    return None;
                }
                next
            } else {
                let after = self.inline_value(current, item)?;
                self.after_inline(current, after, indent)?
            };
            match next {
                Some(i)
                    if self.lines[i].indent == indent
                        && is_entry_line(self.lines[i].text, indent) =>
                {
                    current = i;
                }
                Some(i)
                    if self.lines[i].indent > indent
                        || (self.lines[i].indent == indent && !indentless) =>
                {
                    return None;
                }
                _ => {
                    let at = self.token_at(next);
                    self.zero_width(Event::SequenceEnd, at);
                    return Some(next);
                }
            }
        }
    }

    /// After a one-line value ending at byte `after` of `line` inside a block indented by
    /// `indent`: only a comment may follow on the line, and the next content line must not be
    /// more indented (that would continue the scalar).
    fn after_inline(&self, line: usize, after: usize, indent: usize) -> Option<Next> {
        let text = self.lines[line].text;
        let gap = spaces(text, after);
        let rest = &text[after + gap..];
        if !(rest.is_empty() || (gap > 0 && rest.starts_with('#'))) {
            return None;
        }
        let next = self.next_content(line + 1);
        match next {
            Some(i) if self.lines[i].indent > indent => None,
            _ => Some(next),
        }
    }

    /// A scalar or flow collection starting at byte `at` of `line`, all on that line; returns
    /// the byte after it.
    fn inline_value(&mut self, line: usize, at: usize) -> Option<usize> {
        let text = self.lines[line].text;
        match *text.as_bytes().get(at)? {
            b'"' | b'\'' => self.quoted(line, at),
            b'[' | b'{' => self.flow(line, at, 1),
            b if is_indicator(b) => None,
            _ => {
                let raw = match text[at..].find(" #") {
                    Some(i) => &text[at..at + i],
                    None => &text[at..],
                };
                let value = raw.trim_end_matches(' ');
                if value.contains(": ") || value.ends_with(':') {
                    return None;
                }
                Some(self.plain(line, at, value))
            }
        }
    }

    /// A plain scalar `value` starting at byte `at` of `line`; returns the byte after it.
    fn plain(&mut self, line: usize, at: usize, value: &'a str) -> usize {
        let end = at + value.len();
        let (start, stop) = (self.marker(line, at), self.marker(line, end));
        self.push(
            Event::Scalar(Cow::Borrowed(value), ScalarStyle::Plain, 0, None),
            start,
            stop,
        );
        end
    }

    /// A one-line single- or double-quoted scalar (double-quoted without escapes).
    fn quoted(&mut self, line: usize, at: usize) -> Option<usize> {
        let text = self.lines[line].text;
        let b = text.as_bytes();
        let quote = b[at];
        let mut i = at + 1;
        let mut doubled = false;
        loop {
            match *b.get(i)? {
                b'\\' if quote == b'"' => return None,
                q if q == quote => {
                    if quote == b'\'' && b.get(i + 1) == Some(&b'\'') {
                        doubled = true;
                        i += 2;
                        continue;
                    }
                    break;
                }
                _ => i += 1,
            }
        }
        let inner = &text[at + 1..i];
        let (value, style) = if quote == b'"' {
            (Cow::Borrowed(inner), ScalarStyle::DoubleQuoted)
        } else if doubled {
            (
                Cow::Owned(inner.replace("''", "'")),
                ScalarStyle::SingleQuoted,
            )
        } else {
            (Cow::Borrowed(inner), ScalarStyle::SingleQuoted)
        };
        // The general parser ends a quoted scalar's span after the spaces that follow it, and
        // after a comment that follows those.
        let after = i + 1;
        let gap = spaces(text, after);
        let span_end = if gap > 0 && b.get(after + gap) == Some(&b'#') {
            text.len()
        } else {
            after + gap
        };
        let (start, end) = (self.marker(line, at), self.marker(line, span_end));
        self.push(Event::Scalar(value, style, 0, None), start, end);
        Some(after)
    }

    /// A one-line flow sequence or mapping at byte `at`; returns the byte after its closing
    /// bracket.
    fn flow(&mut self, line: usize, at: usize, depth: usize) -> Option<usize> {
        if depth > MAX_FLOW_DEPTH {
            return None;
        }
        let text = self.lines[line].text;
        let b = text.as_bytes();
        let is_map = b[at] == b'{';
        let close = if is_map { b'}' } else { b']' };
        let (s, e) = (self.marker(line, at), self.marker(line, at + 1));
        let (open_event, close_event) = if is_map {
            (Event::MappingStart(0, None), Event::MappingEnd)
        } else {
            (Event::SequenceStart(0, None), Event::SequenceEnd)
        };
        self.push(open_event, s, e);
        let mut i = at + 1;
        i += spaces(text, i);
        if *b.get(i)? != close {
            loop {
                if is_map {
                    i = self.flow_scalar(line, i)?;
                    if b.get(i) != Some(&b':') || b.get(i + 1) != Some(&b' ') {
                        return None;
                    }
                    i += 1;
                    i += spaces(text, i);
                }
                i = match *b.get(i)? {
                    b'[' | b'{' => self.flow(line, i, depth + 1)?,
                    _ => self.flow_scalar(line, i)?,
                };
                i += spaces(text, i);
                match *b.get(i)? {
                    b',' => {
                        i += 1;
                        i += spaces(text, i);
                        if matches!(b.get(i), Some(&b']' | &b'}')) {
                            return None;
                        }
                    }
                    c if c == close => break,
                    _ => return None,
                }
            }
        }
        let (s, e) = (self.marker(line, i), self.marker(line, i + 1));
        self.push(close_event, s, e);
        Some(i + 1)
    }

    /// A quoted or plain scalar inside a flow collection.
    fn flow_scalar(&mut self, line: usize, at: usize) -> Option<usize> {
        let text = self.lines[line].text;
        let b = text.as_bytes();
        match *b.get(at)? {
            b'"' | b'\'' => return self.quoted(line, at),
            c if is_indicator(c) => return None,
            _ => {}
        }
        let mut i = at;
        while i < b.len() {
            match b[i] {
                b'#' => return None,
                c if is_flow_indicator(c) => break,
                b':' => match b.get(i + 1) {
                    Some(&c) if c != b' ' && !is_flow_indicator(c) => {}
                    _ => break,
                },
                _ => {}
            }
            i += 1;
        }
        let value = text[at..i].trim_end_matches(' ');
        Some(self.plain(line, at, value))
    }

    /// A `|` or `>` block scalar (optionally `-`) whose header is at byte `at` of `line`, as
    /// the value of a mapping indented by `indent`. Its lines must share one indentation.
    fn block_scalar(&mut self, line: usize, at: usize, indent: usize) -> Option<Next> {
        let text = self.lines[line].text;
        let literal = text.as_bytes()[at] == b'|';
        let strip = match &text[at + 1..] {
            "" => false,
            "-" => true,
            _ => return None,
        };
        let first = line + 1;
        let content = self.lines.get(first)?.indent;
        if content <= indent || self.lines[first].indent == self.lines[first].text.len() {
            return None;
        }
        let mut value = String::new();
        let mut blanks = 0;
        let mut last = first;
        let mut stop = None;
        for i in first..self.lines.len() {
            let l = &self.lines[i];
            if l.text.is_empty() {
                blanks += 1;
                continue;
            }
            if l.indent < content {
                stop = Some(i);
                break;
            }
            if l.indent > content {
                return None;
            }
            if i > first {
                if literal {
                    value.extend(std::iter::repeat_n('\n', blanks + 1));
                } else if blanks == 0 {
                    value.push(' ');
                } else {
                    value.extend(std::iter::repeat_n('\n', blanks));
                }
            }
            value.push_str(&l.text[content..]);
            blanks = 0;
            last = i;
        }
        if !strip {
            value.push('\n');
        }
        let start = self.marker(first, content);
        let end = match stop {
            Some(i) => self.marker(i, self.lines[i].indent.min(content)),
            None => self.end,
        };
        let style = if literal {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        self.push(Event::Scalar(Cow::Owned(value), style, 0, None), start, end);
        let next = self.next_content(last + 1);
        match next {
            Some(i) if self.lines[i].indent > indent => None,
            _ => Some(next),
        }
    }
}

/// Spaces at byte `at` of `text`.
fn spaces(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(at..)
        .map_or(0, |rest| rest.iter().take_while(|&&b| b == b' ').count())
}

/// Nothing but spaces and maybe a comment (after a space) from byte `at`.
fn rest_is_empty(text: &str, at: usize) -> bool {
    let gap = spaces(text, at);
    let rest = &text[(at + gap).min(text.len())..];
    rest.is_empty() || (gap > 0 && rest.starts_with('#'))
}

/// `- ` (a sequence entry with content on the line) at byte `indent`.
fn is_entry_line(text: &str, indent: usize) -> bool {
    let b = text.as_bytes();
    b.get(indent) == Some(&b'-')
        && b.get(indent + 1) == Some(&b' ')
        && b.get(indent + 2).is_some_and(|&c| c != b' ')
}

#[cfg(test)]
mod tests;
