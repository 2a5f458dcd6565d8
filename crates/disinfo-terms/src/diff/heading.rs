//! The text of a Markdown heading as a reader sees it, for heading paths: links and images by
//! their text, autolinks by their address, without emphasis, code marks or escapes.
//!
//! OTA's Markdown writes headings such as `[Summary](#summary)` (GitHub's anchored headings) or
//! `**1\. Terms**`; a heading path reads `Summary` and `1. Terms`.

/// One character of the heading and whether it was escaped with a backslash (an escaped
/// character is text, never markup).
type Token = (char, bool);

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next)) if next.is_ascii_punctuation() => {
                out.push((next, true));
                chars.next();
            }
            _ => out.push((c, false)),
        }
    }
    out
}

/// The plain text of a heading's Markdown.
pub(crate) fn plain_heading(text: &str) -> String {
    let tokens = tokens(text.trim());
    let mut out = String::with_capacity(text.len());
    plain(&tokens, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn plain(tokens: &[Token], out: &mut String) {
    let mut i = 0;
    while let Some(&(c, escaped)) = tokens.get(i) {
        if escaped {
            out.push(c);
            i += 1;
            continue;
        }
        let open = match c {
            '[' => Some(i),
            '!' if tokens.get(i + 1) == Some(&('[', false)) => Some(i + 1),
            _ => None,
        };
        if let Some((open, (close, end))) =
            open.and_then(|open| link_at(tokens, open).map(|link| (open, link)))
        {
            plain(&tokens[open + 1..close], out);
            i = end;
            continue;
        }
        if c == '<'
            && let Some(end) = autolink_at(tokens, i)
        {
            out.extend(tokens[i + 1..end].iter().map(|(c, _)| c));
            i = end + 1;
            continue;
        }
        let word = |t: Option<&Token>| t.is_some_and(|(c, _)| c.is_alphanumeric());
        let keep = match c {
            '*' | '`' => false,
            // `_` inside a word (snake_case) is text; at a word's edge it is emphasis.
            '_' => i > 0 && word(tokens.get(i - 1)) && word(tokens.get(i + 1)),
            _ => true,
        };
        if keep {
            out.push(c);
        }
        i += 1;
    }
}

/// A link or image label starting at `open` (`[`): `[text](target)`, `[text][ref]` or
/// `[text][]`. Returns the index of the label's `]` and the index after the link. Brackets
/// followed by anything else are text (a shortcut reference cannot be told from plain brackets).
fn link_at(tokens: &[Token], open: usize) -> Option<(usize, usize)> {
    let close = matching(tokens, open, '[', ']')?;
    match tokens.get(close + 1) {
        Some(('(', false)) => matching(tokens, close + 1, '(', ')').map(|end| (close, end + 1)),
        Some(('[', false)) => tokens[close + 2..]
            .iter()
            .position(|t| *t == (']', false))
            .map(|p| (close, close + 2 + p + 1)),
        _ => None,
    }
}

/// The index of the unescaped `right` that closes the `left` at `at`, nesting counted.
fn matching(tokens: &[Token], at: usize, left: char, right: char) -> Option<usize> {
    let mut depth = 0usize;
    for (j, token) in tokens.iter().enumerate().skip(at) {
        if *token == (left, false) {
            depth += 1;
        } else if *token == (right, false) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(j);
            }
        }
    }
    None
}

/// `<https://...>` or `<name@example.com>` at `at`: the index of its `>`.
fn autolink_at(tokens: &[Token], at: usize) -> Option<usize> {
    let end = at + 1 + tokens[at + 1..].iter().position(|t| *t == ('>', false))?;
    let inner: String = tokens[at + 1..end].iter().map(|(c, _)| c).collect();
    let is_link = !inner.contains(char::is_whitespace)
        && (inner.contains("://") || inner.starts_with("mailto:") || inner.contains('@'));
    is_link.then_some(end)
}

#[cfg(test)]
mod tests {
    use super::plain_heading;

    #[test]
    fn anchored_heading_reads_as_its_text() {
        assert_eq!(plain_heading("[Summary](#summary)"), "Summary");
        assert_eq!(
            plain_heading("[Our **data** (1)](https://x.example/a_(b))"),
            "Our data (1)"
        );
    }

    #[test]
    fn emphasis_code_and_escapes_are_dropped_but_escaped_text_kept() {
        assert_eq!(plain_heading("**1\\. Terms of _Use_**"), "1. Terms of Use");
        assert_eq!(
            plain_heading("`snake_case` \\*not emphasis\\*"),
            "snake_case *not emphasis*"
        );
        assert_eq!(
            plain_heading("Brackets \\[kept\\] and [plain]"),
            "Brackets [kept] and [plain]"
        );
    }

    #[test]
    fn images_reference_links_and_autolinks_read_as_text() {
        assert_eq!(plain_heading("![Logo](logo.png) Terms"), "Logo Terms");
        assert_eq!(plain_heading("[Privacy][1] notice"), "Privacy notice");
        assert_eq!(
            plain_heading("Contact <privacy@example.com>"),
            "Contact privacy@example.com"
        );
    }
}
